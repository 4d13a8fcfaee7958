"""Step 6 — the interview guide: jury, questions to ask, questions never to ask and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from pairkit.dates_fr import find_date, long_date
from pairkit.files.checklists import load_checklist
from pairkit.files.project import Project
from pairkit.method import background, cadrage, fiche_de_poste, info_coll
from pairkit.method.alerts import Vigilance, make
from pairkit.method.hrnotes import notes
from pairkit.method.step import Step
from pairkit.questions.judgement import Verdict, judge
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
    screened = screened_additions(answers, project)
    chosen += [{"libelle": q, "intention": "Question ajoutée par le jury."} for q in screened.allowed]
    chosen += [{"libelle": v.text, "intention": f"Question ajoutée par le jury, gardée : {why}"}
               for v, why in screened.kept]
    jury = [
        {"role": "Cadre de la structure", "nom": answers.get("jury_cadre")},
        {"role": "Futur·e collègue", "nom": answers.get("jury_collegue")},
    ]
    if answers.get("jury_pair"):
        jury.append({"role": "Pair·e d'une autre structure", "nom": answers["jury_pair"]})
    shown.update({"jury": jury, "a_poser": chosen, "interdites": catalogue.get("interdites") or [],
                  "sans_pair": not answers.get("jury_pair"),
                  # The questions set aside are the consultant's list (statut, the rapport de
                  # préparation): the jury's guide never prints them.
                  "vigilances": [a.as_dict() for a in vigilance(project)
                                 if a.code != "question-interdite"],
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
    screened = screened_additions(answers, project)
    for verdict in screened.refused:
        alerts.append(make(STEP.id, "question-interdite", valeur=verdict.text, motif=verdict.reason,
                           conseil=verdict.advice.rstrip(".")))
    for verdict in screened.unsure:
        alerts.append(make(STEP.id, "question-a-verifier", valeur=verdict.text,
                           motif=verdict.reason))
    for verdict, why in screened.kept:
        alerts.append(make(STEP.id, "question-gardee", valeur=verdict.text, motif=verdict.reason,
                           justification=why))
    return alerts


@dataclass(frozen=True)
class Screened:
    """The jury's added questions, as the guard judged them."""

    allowed: list[str]                  # printed among the questions to ask
    unsure: list[Verdict]               # printed too, and a point for the consultant to check
    refused: list[Verdict]              # « Questions écartées », never among those to ask
    kept: list[tuple[Verdict, str]]     # refused, kept by the consultant with a written reason


def legal_exception(project: Project, verdict: Verdict) -> Verdict:
    """A question on the judicial past, judged with what the law has checked for this post.

    The check is made by its procedure, never by a question: the advice says which one, and
    where the law provides none, no written reason keeps the question.
    """
    rules = load_checklist("reperes").get("verifications_casier") or {}
    if verdict.outcome != "refusee" or verdict.matter != rules.get("famille"):
        return verdict
    fiche = project.answers(fiche_de_poste.STEP) if project.has(fiche_de_poste.STEP) else {}
    structure = project.answers(cadrage.STEP) if project.has(cadrage.STEP) else {}
    regime = background.of_project(fiche, structure)
    said = background.advice(regime)
    return replace(verdict, advice=said or verdict.advice,
                   keepable=not background.keeps_nothing(regime))


def screened_additions(answers: dict[str, Any], project: Project | None = None) -> Screened:
    """The jury's added questions sorted by the guard's verdict.

    A file written by hand, by `--reponses` or by an earlier pairkit may hold a question the
    guard refuses: it still loads, but the guide never prints it as one to ask, unless the
    consultant wrote why it is kept (`questions_gardees`: a check a law requires) and the law
    provides a check for this post.
    """
    question = next(q for q in STEP.content().questions if q.name == "questions_ajoutees")
    reasons = {str(k): str(v) for k, v in (answers.get("questions_gardees") or {}).items()}
    screened = Screened([], [], [], [])
    for text in answers.get("questions_ajoutees") or []:
        verdict = judge(question.guard, text) if question.guard else None
        if verdict is not None and project is not None:
            verdict = legal_exception(project, verdict)
        if verdict is None or verdict.outcome == "admise":
            screened.allowed.append(text)
        elif verdict.outcome == "incertaine":
            screened.allowed.append(text)
            screened.unsure.append(verdict)
        elif reasons.get(text, "").strip() and verdict.keepable:
            screened.kept.append((verdict, reasons[text].strip()))
        else:
            screened.refused.append(verdict)
    return screened


STEP = Step(
    id="entretiens",
    model=StepFile,
    template="guide-entretiens.docx",
    document="06-guide-entretiens.docx",
    build_context=build_context,
    vigilance=vigilance,
    judged=legal_exception,
)
