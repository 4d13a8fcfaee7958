"""Points de vigilance: the platform's judgement, raised by answers.

Readiness ones are attached to questions in `checklists/diagnostic.yaml`; the others are
computed by each step's `vigilance` function, with their wording in `checklists/alertes.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from pairkit.errors import MethodProblem
from pairkit.files.checklists import load_checklist
from pairkit.files.yamlfiles import load_plain
from pairkit.questions.lexicon import lexicon
from pairkit.questions.positions import findings
from pairkit.resources import checklists_dir


@dataclass(frozen=True)
class Vigilance:
    """One point de vigilance: what was found, why it matters, what to do."""

    step: str      # id of the step that raised it
    code: str
    level: str     # "attention" or "bloquant"
    reason: str
    action: str
    theme: str = ""
    finding: str = ""  # what was answered, for the reports

    def as_dict(self) -> dict[str, Any]:
        """The point as a template reads it."""
        return asdict(self)


def rule(code: str) -> dict[str, Any] | None:
    """The point `code` of `checklists/alertes.yaml` as written there; a point added by a newer
    pairkit, absent from the platform's older copy, as pairkit provides it."""
    found = load_checklist("alertes").get(code)
    if found is None:
        found = (load_plain(checklists_dir() / "alertes.yaml") or {}).get(code)
    return dict(found) if isinstance(found, dict) else None


def make(step: str, code: str, **values: Any) -> Vigilance:
    """The point `code` of `checklists/alertes.yaml`, its wording filled with `values`."""
    wording = rule(code)
    if wording is None:
        raise MethodProblem(f"Point de vigilance « {code} » absent de checklists/alertes.yaml.",
                           hint="Restaurez ce fichier de la plateforme.")
    return Vigilance(step=step, code=code, level=wording["niveau"],
                 reason=str(wording["raison"]).format(**values),
                 action=str(wording["action"]).format(**values))


def found_as_quoted(words: list[str]) -> str:
    """Several words for one « {valeur} » of a wording: « a », « b »."""
    return " », « ".join(words)


def vocabulary_alerts(step: str, texts: Iterable[str]) -> list[Vigilance]:
    """Words that ask for a diagnosis, word experience as a deficit, or ask for a life story.

    One point per family, quoting every word found as it was written.
    """
    return _word_alerts(step, list(texts), everywhere=False)


def judgement_alerts(step: str, answers: Any) -> list[Vigilance]:
    """Judgements the platform questions wherever they are written, in any answer or note of
    any step: the families of `vocabulaire` marked `partout` (« pas assez rétabli »), and the
    platform's positions (`positions`: a clinical requirement, a training imposed…)."""
    texts = list(_texts(answers))
    alerts = _word_alerts(step, texts, everywhere=True)
    alerts.extend(make(step, found.alert, valeur=found_as_quoted(list(found.words)))
                  for found in findings(step, texts))
    return alerts


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)


_APART = "\n\x00\n"


def _word_alerts(step: str, texts: list[str], *, everywhere: bool) -> list[Vigilance]:
    families = load_checklist("vocabulaire")
    alerts: list[Vigilance] = []
    for family in families.values():
        if bool(family.get("partout")) != everywhere:
            continue
        words = lexicon(family["termes"], family.get("sauf") or [])
        found: list[str] = []
        # One search over all the texts (a NUL between two: no term spans it), unless a term
        # needs two words in the same text (« racont + parcours »).
        together = not any(" + " in term for term in words.terms)
        for text in [_APART.join(t or "" for t in texts)] if together else texts:
            found.extend(w for w in words.find(text or "") if w not in found)
        if found:
            alerts.append(make(step, family["alerte"], valeur=found_as_quoted(found)))
    return alerts
