"""The platform's positions, checked in every free text: a clinical requirement put on the
peer, a training imposed in post, qualifications or seniority not recognised, a status that
is not employment.

The families are data (`checklists/positions.yaml`). Each finds its words sentence by sentence,
and says nothing of a sentence that says the opposite (« sans condition d'abstinence »), that
speaks of the people accompanied rather than of the peer (« accompagner des personnes
stabilisées »), or — for a family that needs it — that does not present the thing as imposed
(« une formation si elle le souhaite ») or does not speak of its subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pairkit.files.checklists import checklist_key, load_checklist
from pairkit.folding import fold
from pairkit.questions.lexicon import Lexicon, lexicon

NAME = "positions"
# Sentences end at a full stop, a semicolon, a question or exclamation mark, or a new line.
_SENTENCE = re.compile(r"[^.;!?\n]+")


@dataclass(frozen=True)
class Finding:
    """A family's words found in the texts, as written, and the point it raises."""

    family: str
    alert: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class _Family:
    name: str
    alert: str
    terms: Lexicon
    opposite: Lexicon
    imposed: Lexicon | None
    chosen: Lexicon
    subject: Lexicon | None
    steps: frozenset[str]
    # Who else than the peer the family's words may be said of (its own list, or the file's).
    others: Lexicon | None


@cache
def _families(key: str) -> tuple[tuple[_Family, ...], Lexicon]:
    data: dict[str, Any] = load_checklist(NAME)
    families = tuple(
        _Family(str(name), str(family.get("alerte") or name),
                lexicon(family.get("termes") or [], family.get("sauf") or []),
                lexicon(family.get("non") or []),
                lexicon(family["exige"]) if family.get("exige") else None,
                lexicon(family.get("choix") or []),
                lexicon(family["avec"]) if family.get("avec") else None,
                frozenset(str(s) for s in family.get("etapes") or []),
                lexicon(family["autrui"]) if family.get("autrui") else None)
        for name, family in (data.get("familles") or {}).items())
    return families, lexicon(data.get("autrui") or [])


def _raised(family: _Family, others: Lexicon, sentence: str) -> list[tuple[int, int]]:
    """Where the family's words stand in one folded sentence, when the sentence raises it."""
    spans = family.terms.spans(sentence)
    if not spans or family.opposite.spans(sentence):
        return []
    if family.imposed is not None and (not family.imposed.spans(sentence)
                                       or family.chosen.spans(sentence)):
        return []
    if family.subject is not None and not family.subject.spans(sentence):
        return []
    # Said of the people accompanied: someone named in the same clause (« accompagner des
    # personnes stabilisées », « le rétablissement des personnes hébergées »).
    people = (family.others or others).spans(sentence)
    kept = []
    for start, end in spans:
        clause_start = max(sentence.rfind(",", 0, start), sentence.rfind(":", 0, start)) + 1
        ends = [i for i in (sentence.find(",", end), sentence.find(":", end)) if i >= 0]
        clause_end = min(ends) if ends else len(sentence)
        if not any(clause_start <= a < clause_end for a, _ in people):
            kept.append((start, end))
    return kept


def findings(step: str, texts: Iterable[str]) -> list[Finding]:
    """Each family raised by the texts of one step, with every word that raised it."""
    families, others = _families(str(checklist_key(NAME)))
    found: dict[str, list[str]] = {}
    for text in texts:
        if not text:
            continue
        folded, origin = fold(text)
        for match in _SENTENCE.finditer(folded):
            sentence = match.group(0)
            for family in families:
                if family.steps and step not in family.steps:
                    continue
                for start, end in _raised(family, others, sentence):
                    a, b = match.start() + start, match.start() + end
                    words = text[origin[a]: origin[b - 1] + 1]
                    if words not in found.setdefault(family.name, []):
                        found[family.name].append(words)
    return [Finding(family.name, family.alert, tuple(found[family.name]))
            for family in families if found.get(family.name)]


def alerts() -> frozenset[str]:
    """The points the positions raise."""
    families, _ = _families(str(checklist_key(NAME)))
    return frozenset(family.alert for family in families)
