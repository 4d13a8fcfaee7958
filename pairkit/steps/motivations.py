"""Step 3 — the team's motivations and fears; renders the synthesis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pairkit.alerts import Alert, make
from pairkit.models import FrDate, StepFile, Text
from pairkit.resources import load_checklist
from pairkit.steps.base import Step, for_display

if TYPE_CHECKING:
    from pairkit.project import Project


class Motivations(StepFile):
    date_atelier: FrDate | None = None
    participants: Text | None = None
    motivations: list[Text] = []
    motivations_autres: list[Text] = []
    craintes: list[Text] = []
    craintes_autres: list[Text] = []
    reponses_equipe: dict[str, Text] = {}
    engagements: list[Text] = []
    paroles: Text | None = None


def build_context(project: Project) -> dict[str, Any]:
    answers = project.answers(STEP)
    shown = for_display(STEP, answers)
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
            "vigilances": [a.as_dict() for a in check(project)],
        }
    }


def check(project: Project) -> list[Alert]:
    answers = project.answers(STEP)
    if not (answers.get("craintes") or answers.get("craintes_autres")):
        return [make(STEP.id, "craintes-non-dites")]
    return []


STEP = Step(
    id="motivations",
    command="motivations",
    label="Motivations et craintes",
    filename="motivations.yaml",
    model=Motivations,
    template="synthese-motivations.docx",
    document="03-synthese-motivations-craintes.docx",
    build_context=build_context,
    check=check,
)
