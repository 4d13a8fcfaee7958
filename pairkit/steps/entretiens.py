"""Step 6 — the interview guide: jury, questions to ask, questions never to ask and why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pairkit.alerts import Alert, make, vocabulary_alerts
from pairkit.hrnotes import notes
from pairkit.models import StepFile, Text
from pairkit.resources import load_checklist
from pairkit.steps.base import Step, for_display

if TYPE_CHECKING:
    from pairkit.project import Project

CATALOGUE = "catalogue-questions-entretien"


class Entretiens(StepFile):
    jury_cadre: Text | None = None
    jury_collegue: Text | None = None
    jury_pair: Text | None = None
    dates: Text | None = None
    duree: int | None = None
    questions: list[Text] = []
    questions_ajoutees: list[Text] = []
    reponse_candidats: Text | None = None


def build_context(project: Project) -> dict[str, Any]:
    answers = project.answers(STEP)
    shown = for_display(STEP, answers)
    catalogue = load_checklist(CATALOGUE)
    by_id = {item["id"]: item for item in catalogue["elements"]}
    chosen = [
        {"libelle": by_id[q]["libelle"], "intention": by_id[q].get("intention") or ""}
        for q in answers.get("questions") or [] if q in by_id
    ]
    chosen += [{"libelle": q, "intention": "Question ajoutée par le jury."}
               for q in answers.get("questions_ajoutees") or []]
    jury = [
        {"role": "Cadre de la structure", "nom": answers.get("jury_cadre")},
        {"role": "Futur·e collègue", "nom": answers.get("jury_collegue")},
    ]
    if answers.get("jury_pair"):
        jury.append({"role": "Pair·e d'une autre structure", "nom": answers["jury_pair"]})
    shown.update({"jury": jury, "a_poser": chosen, "interdites": catalogue.get("interdites") or [],
                  "sans_pair": not answers.get("jury_pair"),
                  "vigilances": [a.as_dict() for a in check(project)],
                  "reperes": notes("rqth", "rgpd")})
    return {"entretiens": shown}


def check(project: Project) -> list[Alert]:
    answers = project.answers(STEP)
    alerts: list[Alert] = []
    if not answers.get("jury_pair"):
        alerts.append(make(STEP.id, "jury-sans-pair"))
    for question in answers.get("questions_ajoutees") or []:
        if vocabulary_alerts(STEP.id, [question]):
            alerts.append(make(STEP.id, "question-interdite", valeur=question))
    return alerts


STEP = Step(
    id="entretiens",
    command="entretiens",
    label="Entretiens de recrutement",
    filename="entretiens.yaml",
    model=Entretiens,
    template="guide-entretiens.docx",
    document="06-guide-entretiens.docx",
    build_context=build_context,
    check=check,
)
