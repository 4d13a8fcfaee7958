"""Guards on free text: what an answer may not say, with the reason and a way to say it better.

A question names its guard in its checklist (`garde: questions-interdites`); the guard is a
file of `checklists/` whose families each give a reason and a lexicon (see `lexicon`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pairkit.files.checklists import load_checklist
from pairkit.questions.lexicon import lexicon


@dataclass(frozen=True)
class Refusal:
    """Why a text cannot stand: the words found, the reason, what to do instead."""

    text: str
    words: tuple[str, ...]
    reason: str
    advice: str

    def message(self) -> str:
        """One French sentence for the consultant."""
        found = ", ".join(f"« {w} »" for w in self.words)
        return (f"« {self.text} » ne peut pas être posée : {self.reason} (mot repéré : {found}). "
                f"{self.advice}")


def refusal(guard: str, text: str, families: list[str] | None = None) -> Refusal | None:
    """Why a jury question may not be asked (it asks the candidate about a protected matter),
    or None when it may stand; with `families`, the words of those families alone, whoever
    they are about (a note on the peer, where « elle » is the peer)."""
    if families is None:
        from pairkit.questions.judgement import judge

        verdict = judge(guard, text)
        if verdict.outcome != "refusee":
            return None
        return Refusal(text, verdict.words, verdict.reason, verdict.advice)
    data = load_checklist(guard)
    for name, family in (data.get("familles") or {}).items():
        if name not in families:
            continue
        words = lexicon(family.get("termes") or [], family.get("sauf") or []).find(text)
        if words:
            return Refusal(text, tuple(words), str(family.get("motif") or ""),
                           str(family.get("conseil") or data.get("conseil") or "").strip())
    return None


def warning(guard: str, families: list[str], value: object) -> str | None:
    """The guard's warning for an answer (each item of a list) holding words of `families`."""
    for item in value if isinstance(value, list) else [value]:
        found = refusal(guard, str(item), families) if isinstance(item, str) and item else None
        if found is not None:
            words = ", ".join(f"« {w} »" for w in found.words)
            text = str(load_checklist(guard).get("avertissement") or "").strip()
            return text.format(mots=words)
    return None
