"""Step 6 — the interview guide: jury, questions to ask, questions never to ask and why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pairkit.dates_fr import find_date, long_date
from pairkit.files.checklists import load_checklist
from pairkit.files.project import Project
from pairkit.method import info_coll
from pairkit.method.alerts import Vigilance, make
from pairkit.method.hrnotes import notes
from pairkit.method.step import Step
from pairkit.questions.guard import Refusal, refusal
from pairkit.questions.schema import StepFile

CATALOGUE = "catalogue-questions-entretien"


def build_context(project: Project) -> dict[str, Any]:
    """The interview guide: jury, questions to ask, questions never to ask."""
    answers = project.answers(STEP)
    shown = STEP.shown(answers)
    catalogue = load_checklist(CATALOGUE)
    by_id = {item["id"]: item for item in catalogue["elements"]}
    chosen = [
        {"libelle": by_id[q]["libelle"], "intention": by_id[q].get("intention") or ""}
        for q in answers.get("questions") or [] if q in by_id
    ]
    allowed, _ = screened_additions(answers)
    chosen += [{"libelle": q, "intention": "Question ajoutée par le jury."} for q in allowed]
    jury = [
        {"role": "Cadre de la structure", "nom": answers.get("jury_cadre")},
        {"role": "Futur·e collègue", "nom": answers.get("jury_collegue")},
    ]
    if answers.get("jury_pair"):
        jury.append({"role": "Pair·e d'une autre structure", "nom": answers["jury_pair"]})
    shown.update({"jury": jury, "a_poser": chosen, "interdites": catalogue.get("interdites") or [],
                  "sans_pair": not answers.get("jury_pair"),
                  "vigilances": [a.as_dict() for a in vigilance(project)],
                  "reperes": notes("rqth", "rgpd")})
    return {"entretiens": shown}


def vigilance(project: Project) -> list[Vigilance]:
    """No peer on the jury; an added question that must never be asked."""
    answers = project.answers(STEP)
    alerts: list[Vigilance] = []
    if not answers.get("jury_pair"):
        alerts.append(make(STEP.id, "jury-sans-pair"))
    interviews = find_date(str(answers.get("dates") or ""))
    session = project.answers(info_coll.STEP).get("date")
    if interviews is not None and isinstance(session, dt.date) and interviews < session:
        alerts.append(make(STEP.id, "entretiens-avant-info-coll",
                           valeur=long_date(interviews, weekday=False),
                           session=long_date(session, weekday=False)))
    for refused in screened_additions(answers)[1]:
        alerts.append(make(STEP.id, "question-interdite", valeur=refused.text, motif=refused.reason))
    return alerts


def screened_additions(answers: dict[str, Any]) -> tuple[list[str], list[Refusal]]:
    """The jury's added questions that may be asked, and the refusals of the others.

    A file written by hand or by an earlier pairkit may hold a question the guard refuses: it
    still loads, but the guide never prints it as one to ask.
    """
    question = next(q for q in STEP.content().questions if q.name == "questions_ajoutees")
    allowed: list[str] = []
    refused: list[Refusal] = []
    for text in answers.get("questions_ajoutees") or []:
        found = refusal(question.guard, text) if question.guard else None
        if found is None:
            allowed.append(text)
        else:
            refused.append(found)
    return allowed, refused


STEP = Step(
    id="entretiens",
    model=StepFile,
    template="guide-entretiens.docx",
    document="06-guide-entretiens.docx",
    build_context=build_context,
    vigilance=vigilance,
)
