"""Step 3 — the team's motivations and fears; renders the synthesis."""

from __future__ import annotations

from typing import Any

from pairkit.files.checklists import load_checklist
from pairkit.files.project import Project
from pairkit.method.alerts import Vigilance, make
from pairkit.method.step import Step
from pairkit.questions.schema import StepFile


def _catalogue(name: str) -> dict[str, dict[str, Any]]:
    return {str(item["id"]): item for item in load_checklist(name)["elements"]}


def _motivations(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Each motivation, with the platform's view of it where it has one."""
    catalogue = _catalogue("catalogue-motivations")
    motivations = []
    for value in answers.get("motivations") or []:
        item = catalogue.get(value, {"libelle": value})
        motivations.append({"libelle": item["libelle"], "regard": item.get("regard")})
    motivations.extend({"libelle": text, "regard": None}
                       for text in answers.get("motivations_autres") or [])
    return motivations


def _fears(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Each fear with the team's answer and the platform's ideas."""
    catalogue = _catalogue("catalogue-craintes")
    team = answers.get("reponses_equipe") or {}
    fears = []
    for fear_id in answers.get("craintes") or []:
        item = catalogue.get(fear_id, {"libelle": fear_id, "pistes": []})
        fears.append({"libelle": item["libelle"], "pistes": item.get("pistes") or [],
                      "reponse": team.get(fear_id)})
    for text in answers.get("craintes_autres") or []:
        fears.append({"libelle": text, "pistes": [], "reponse": team.get(text)})
    return fears


def _representations(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Each trap the team recognised: its expectations, its decision, the platform's ways."""
    catalogue = _catalogue("catalogue-representations")
    expectations = answers.get("representations_attentes") or {}
    decisions = answers.get("representations_decisions") or {}
    found = []
    for value in answers.get("representations") or []:
        item = catalogue.get(value, {"libelle": value})
        found.append({"libelle": item["libelle"], "description": item.get("description"),
                      "pistes": item.get("pistes") or [], "attentes": expectations.get(value),
                      "decision": decisions.get(value)})
    return found


def _manager_questions(answers: dict[str, Any]) -> dict[str, Any]:
    """The managers' questions with the platform's answers, and the paradox they come to."""
    data = load_checklist("catalogue-questions-encadrement")
    catalogue = {str(item["id"]): item for item in data["elements"]}
    asked = []
    for value in answers.get("questions_encadrement") or []:
        item = catalogue.get(value, {"libelle": value})
        asked.append({"libelle": item["libelle"], "reponse": item.get("reponse")})
    return {"liste": asked, "paradoxe": data.get("paradoxe") if asked else None,
            "dans_l_absolu": data.get("dans_l_absolu") if asked else None}


def build_context(project: Project) -> dict[str, Any]:
    """The synthesis: motivations, fears, representations, managers' questions, commitments."""
    answers = project.answers(STEP)
    shown = STEP.shown(answers)
    fears = _fears(answers)
    return {
        "atelier": {
            # The synthesis says every fear has the team's decision only when it is so.
            "toutes_decidees": all(str(f["reponse"] or "").strip() for f in fears),
            "date": shown.get("date_atelier"),
            "participants": shown.get("participants"),
            "motivations": _motivations(answers),
            "craintes": fears,
            "representations": _representations(answers),
            "questions_encadrement": _manager_questions(answers),
            "engagements": shown.get("engagements") or [],
            "paroles": shown.get("paroles"),
            "vigilances": [a.as_dict() for a in vigilance(project)],
        }
    }


# Version 1 listed the two traps among the fears; they are representations since version 2.
_NOW_REPRESENTATIONS = ("messie", "petite-chose-fragile")


def _fears_that_are_representations(doc: Any) -> None:
    """Move « messie » and « petite chose fragile » from the fears to the representations,
    with what the team had decided about them."""
    fears = doc.get("craintes")
    if not isinstance(fears, list):
        return
    moved = [value for value in fears if value in _NOW_REPRESENTATIONS]
    if not moved:
        return
    for value in moved:
        fears.remove(value)
    _put_after(doc, "craintes", "representations", moved)
    decided = doc.get("reponses_equipe")
    if isinstance(decided, dict):
        kept = {value: decided.pop(value) for value in moved if value in decided}
        if kept:
            _put_after(doc, "representations", "representations_decisions", kept)


def _put_after(doc: Any, anchor: str, key: str, value: Any) -> None:
    """A new key right after another, where the document keeps its order (ruamel)."""
    if hasattr(doc, "insert"):
        doc.insert(list(doc).index(anchor) + 1, key, value)
    else:
        doc[key] = value


def vigilance(project: Project) -> list[Vigilance]:
    """Fears that were not voiced are fears not worked on; fears voiced without the team's
    decision are still open."""
    answers = project.answers(STEP)
    if not (answers.get("craintes") or answers.get("craintes_autres")):
        return [make(STEP.id, "craintes-non-dites")]
    open_fears = [f"« {f['libelle']} »" for f in _fears(answers) if not str(f["reponse"] or "").strip()]
    if open_fears:
        return [make(STEP.id, "craintes-sans-decision", valeur=" ; ".join(open_fears))]
    return []


STEP = Step(
    id="motivations",
    model=StepFile,
    template="synthese-motivations.docx",
    document="03-synthese-motivations-craintes.docx",
    build_context=build_context,
    vigilance=vigilance,
    migrations={1: _fears_that_are_representations},
)
