"""Step 7 — the six-month co-construction plan, dated from the peer's start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, field_validator

from pairkit.alerts import Alert, make
from pairkit.dates_fr import long_date, shift
from pairkit.hrnotes import notes
from pairkit.ics import Event
from pairkit.models import FrDate, StepFile, Text
from pairkit.questions import StepContent, load_step_content
from pairkit.resources import load_checklist
from pairkit.steps.base import Step, for_display

if TYPE_CHECKING:
    from pairkit.project import Project


def milestone_ids() -> list[str]:
    return [str(item["id"]) for item in load_checklist("jalons")["elements"]]


class Bilan(BaseModel):
    """What came out of one milestone meeting (see checklists/bilan.yaml)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    date: FrDate | None = None
    participants: Text | None = None
    parole_pair: Text | None = None
    parole_equipe: Text | None = None
    decisions: list[Text] = []
    missions_retirees: list[Text] = []
    missions_ajoutees: list[Text] = []
    activites_retirees: list[Text] = []
    activites_ajoutees: list[Text] = []
    formation: Text | None = None


class Plan(StepFile):
    date_prise_poste: FrDate | None = None
    pair: Text | None = None
    responsable: Text | None = None
    tuteur: Text | None = None
    referent_plateforme: Text | None = None
    souhaits_pair: list[Text] = []
    points_responsable: list[Text] = []
    # Not asked: a consultant moves a meeting by writing its date here, by milestone id,
    # or cancels one by listing its id.
    dates_ajustees: dict[str, FrDate] = {}
    jalons_annules: list[Text] = []
    # Filled by « pairkit plan DOSSIER --bilan ID », by milestone id.
    bilans: dict[str, Bilan] = {}

    @field_validator("dates_ajustees", "jalons_annules", "bilans")
    @classmethod
    def _known_milestones(cls, value: Any) -> Any:
        known = milestone_ids()
        unknown = [key for key in value if key not in known]
        if unknown:
            raise ValueError(
                f"jalon(s) inconnu(s) : {', '.join(unknown)} (jalons : {', '.join(known)})"
            )
        return value


def milestones(start: dt.date, adjusted: Mapping[str, dt.date] | None = None,
               cancelled: Iterable[str] = (),
               reviews: Mapping[str, Bilan] | None = None) -> list[dict[str, Any]]:
    adjusted = adjusted or {}
    reviews = reviews or {}
    rows = []
    for item in load_checklist("jalons")["elements"]:
        if item["id"] in cancelled:
            continue
        offset = {k: int(v) for k, v in (item.get("quand") or {}).items()}
        when = adjusted.get(item["id"]) or shift(start, **offset)
        rows.append({
            "id": item["id"],
            "titre": item["titre"],
            "date": when,
            "date_longue": long_date(when),
            "participants": ", ".join(item.get("participants") or []),
            "sujets": list(item.get("sujets") or []),
            "suivi": _follow_up(reviews.get(item["id"])),
        })
    return rows


def _follow_up(review: Bilan | None) -> str:
    if review is None:
        return "à venir"
    if review.date:
        return f"fait le {long_date(review.date, weekday=False)}"
    return "fait"


def review_rows(loaded_model: Any) -> list[dict[str, Any]]:
    """The recorded meetings, in milestone order, ready for the document."""
    titles = {str(i["id"]): str(i["titre"]) for i in load_checklist("jalons")["elements"]}
    reviews: dict[str, Bilan] = getattr(loaded_model, "bilans", {})
    rows = []
    for milestone_id in milestone_ids():
        review = reviews.get(milestone_id)
        if review is None:
            continue
        row = review.model_dump()
        row["titre"] = titles[milestone_id]
        row["date_longue"] = long_date(review.date, weekday=False) if review.date else None
        rows.append(row)
    return rows


def revise_fiche(project: Project, fiche: dict[str, Any]) -> dict[str, Any]:
    """Missions and activities adjusted by every recorded review, in milestone order."""
    loaded = project.load(STEP)
    reviews: dict[str, Bilan] = getattr(loaded.model, "bilans", {})
    revised = dict(fiche)
    missions = list(fiche.get("missions") or [])
    activities = list(fiche.get("activites") or [])
    dates = []
    for milestone_id in milestone_ids():
        review = reviews.get(milestone_id)
        if review is None:
            continue
        missions = [m for m in missions if m not in review.missions_retirees] + [
            m for m in review.missions_ajoutees if m not in missions]
        activities = [a for a in activities if a not in review.activites_retirees] + [
            a for a in review.activites_ajoutees if a not in activities]
        if review.date:
            dates.append(long_date(review.date, weekday=False))
    revised["missions"], revised["activites"] = missions, activities
    six = reviews.get("m6")
    revised["revision"] = (
        "Proposition de fiche de poste révisée à partir du travail réel"
        + (f" (bilan à six mois du {long_date(six.date, weekday=False)})" if six and six.date else "")
        + " : à relire et à valider avec le ou la pair·e."
    )
    return revised


def review_questions(milestone_id: str, project: Project) -> StepContent:
    """The review checklist, stored under `bilans.<id>` of plan.yaml."""
    base = load_step_content("bilan")
    default_date = None
    answers = project.answers(STEP)
    if answers.get("date_prise_poste"):
        for row in milestones(answers["date_prise_poste"]):
            if row["id"] == milestone_id:
                default_date = row["date"]
    questions = []
    for question in base.questions:
        update: dict[str, Any] = {"name": f"bilans.{milestone_id}.{question.name}"}
        if question.name == "date" and default_date is not None:
            update["default"] = default_date
        questions.append(question.model_copy(update=update))
    title = {str(i["id"]): str(i["titre"]) for i in load_checklist("jalons")["elements"]}
    return base.model_copy(update={"questions": questions,
                                   "title": f"{base.title} : {title[milestone_id]}"})


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    from pairkit.steps.cadrage import STEP as CADRAGE
    from pairkit.steps.fiche_de_poste import STEP as FICHE

    structure = project.answers(CADRAGE)
    fiche = project.answers(FICHE) if project.has(FICHE) else {}
    defaults: dict[str, Any] = {}
    if fiche.get("date_prise_poste"):
        defaults["date_prise_poste"] = fiche["date_prise_poste"]
    if fiche.get("rattachement"):
        defaults["responsable"] = fiche["rattachement"]
    if fiche.get("tuteur"):
        defaults["tuteur"] = fiche["tuteur"]
    if structure.get("accompagnant"):
        defaults["referent_plateforme"] = structure["accompagnant"]
    return defaults


def build_context(project: Project) -> dict[str, Any]:
    loaded = project.load(STEP)
    answers = loaded.answers
    shown = for_display(STEP, answers)
    start = answers.get("date_prise_poste")
    adjusted = getattr(loaded.model, "dates_ajustees", {})
    cancelled = getattr(loaded.model, "jalons_annules", [])
    reviews = getattr(loaded.model, "bilans", {})
    shown["jalons"] = milestones(start, adjusted, cancelled, reviews) if start else []
    shown["bilans"] = review_rows(loaded.model)
    shown["vigilances"] = [a.as_dict() for a in check(project)]
    shown["reperes"] = notes("periode-essai")
    shown["evaluation"] = list(load_checklist("jalons").get("evaluation") or [])
    shown["debut_long"] = long_date(start) if start else None
    return {"plan": shown}


def check(project: Project) -> list[Alert]:
    loaded = project.load(STEP)
    cancelled = set(getattr(loaded.model, "jalons_annules", []))
    present = set(milestone_ids()) - cancelled
    alerts: list[Alert] = []
    if "m3" not in present:
        alerts.append(make(STEP.id, "plan-sans-m3"))
    if "m6" not in present:
        alerts.append(make(STEP.id, "plan-sans-m6"))
    if not loaded.answers.get("souhaits_pair"):
        alerts.append(make(STEP.id, "plan-sans-souhaits"))
    return alerts


def events(project: Project) -> list[Event]:
    from pairkit.project import slugify
    from pairkit.steps.cadrage import STEP as CADRAGE

    loaded = project.load(STEP)
    start = loaded.answers.get("date_prise_poste")
    if not start:
        return []
    name = str(project.answers(CADRAGE).get("nom") or project.name)
    rows = milestones(start, getattr(loaded.model, "dates_ajustees", {}),
                      getattr(loaded.model, "jalons_annules", []))
    return [Event(uid=f"plan-{row['id']}-{slugify(name)}@pairkit",
                  summary=f"{row['titre']} — {name}", day=row["date"],
                  description=f"Qui : {row['participants']}\n"
                  + "\n".join(f"• {topic}" for topic in row["sujets"]))
            for row in rows]


STEP = Step(
    id="plan",
    command="plan",
    label="Plan de co-construction sur six mois",
    filename="plan.yaml",
    model=Plan,
    template="plan-six-mois.docx",
    document="07-plan-six-mois.docx",
    build_context=build_context,
    computed_defaults=computed_defaults,
    check=check,
    calendar=events,
)
