"""Step 7 — the six-month co-construction plan, dated from the peer's start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import field_validator

from pairkit.alerts import Alert, make
from pairkit.dates_fr import long_date, shift
from pairkit.hrnotes import notes
from pairkit.ics import Event
from pairkit.models import FrDate, StepFile, Text
from pairkit.resources import load_checklist
from pairkit.steps.base import Step, for_display

if TYPE_CHECKING:
    from pairkit.project import Project


def milestone_ids() -> list[str]:
    return [str(item["id"]) for item in load_checklist("jalons")["elements"]]


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

    @field_validator("dates_ajustees", "jalons_annules")
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
               cancelled: Iterable[str] = ()) -> list[dict[str, Any]]:
    adjusted = adjusted or {}
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
        })
    return rows


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
    shown["jalons"] = milestones(start, adjusted, cancelled) if start else []
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
    from pairkit.steps.cadrage import STEP as CADRAGE
    from pairkit.workflow import slugify

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
