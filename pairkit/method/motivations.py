"""Step 3 — the team's motivations and fears; renders the synthesis."""

from __future__ import annotations

from typing import Any

from pairkit.files.checklists import load_checklist
from pairkit.files.project import Project
from pairkit.method.alerts import Vigilance, make
from pairkit.method.step import Step
from pairkit.questions.schema import StepFile


def build_context(project: Project) -> dict[str, Any]:
    """The synthesis: each fear with the team's answer and the platform's ideas."""
    answers = project.answers(STEP)
    shown = STEP.shown(answers)
    catalogue = {item["id"]: item for item in load_checklist("catalogue-craintes")["elements"]}
    team = answers.get("reponses_equipe") or {}
    fears = []
    for fear_id in answers.get("craintes") or []:
        item = catalogue.get(fear_id, {"libelle": fear_id, "pistes": []})
        fears.append({"libelle": item["libelle"], "pistes": item.get("pistes") or [],
                      "reponse": team.get(fear_id)})
    for text in answers.get("craintes_autres") or []:
        fears.append({"libelle": text, "pistes": [], "reponse": team.get(text)})
    return {
        "atelier": {
            "date": shown.get("date_atelier"),
            "participants": shown.get("participants"),
            "motivations": list(shown.get("motivations") or [])
            + list(shown.get("motivations_autres") or []),
            "craintes": fears,
            "engagements": shown.get("engagements") or [],
            "paroles": shown.get("paroles"),
            "vigilances": [a.as_dict() for a in vigilance(project)],
        }
    }


def vigilance(project: Project) -> list[Vigilance]:
    """Fears that were not voiced are fears not worked on."""
    answers = project.answers(STEP)
    if not (answers.get("craintes") or answers.get("craintes_autres")):
        return [make(STEP.id, "craintes-non-dites")]
    return []


STEP = Step(
    id="motivations",
    filename="motivations.yaml",
    model=StepFile,
    template="synthese-motivations.docx",
    document="03-synthese-motivations-craintes.docx",
    build_context=build_context,
    vigilance=vigilance,
)
