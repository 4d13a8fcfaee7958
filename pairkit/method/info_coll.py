"""Step 5 — the information session for candidates: its agenda, timed part by part."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pairkit.dates_fr import clock, long_date
from pairkit.files.project import Project, slugify
from pairkit.method import background, cadrage, fiche_de_poste
from pairkit.method.alerts import Vigilance, make
from pairkit.method.step import Event, Step
from pairkit.questions.model import format_minutes
from pairkit.questions.schema import StepFile


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Who speaks: the cadrage's contact as the manager, the platform's consultant."""
    structure = project.answers(cadrage.STEP)
    defaults: dict[str, Any] = {}
    if structure.get("accompagnant"):
        defaults["intervenant_plateforme"] = structure["accompagnant"]
    if structure.get("contact_nom"):
        who = structure["contact_nom"]
        if structure.get("contact_fonction"):
            who += f", {structure['contact_fonction']}"
        defaults["cadre"] = who
    return defaults


def total_minutes(answers: Mapping[str, Any]) -> int:
    """The session's length: the sum of its parts."""
    return sum(int(answers.get(p.champ_duree) or 0) for p in STEP.content().parts)


def build_context(project: Project) -> dict[str, Any]:
    """The candidates' programme, timed part by part."""
    answers = project.answers(STEP)
    shown = STEP.shown(answers)
    presenters = {
        "cadre": answers.get("cadre"),
        "equipe": answers.get("membre_equipe"),
        "plateforme": answers.get("intervenant_plateforme"),
        "tous": "Toutes les personnes présentes",
    }
    start = None
    if answers.get("heure"):
        hours, minutes = (int(x) for x in str(answers["heure"]).split(":"))
        start = hours * 60 + minutes
    parts = []
    cursor = start
    for part in STEP.content().parts:
        minutes = int(answers.get(part.champ_duree) or 0)
        row = {"titre": part.titre, "duree": format_minutes(minutes),
               "qui": presenters.get(part.intervenant) or "à préciser", "horaire": ""}
        if cursor is not None:
            row["horaire"] = f"{clock(cursor)}\u00a0– {clock(cursor + minutes)}"
            cursor += minutes
        parts.append(row)
    fiche = project.answers(fiche_de_poste.STEP)
    total = total_minutes(answers)
    date = answers.get("date")
    shown.update({
        "date_longue": long_date(date) if date else None,
        "debut": clock(start) if start is not None else None,
        "fin": clock(start + total) if start is not None else None,
        "parties": parts,
        "duree_totale": format_minutes(total),
        "presentiel": answers.get("modalite") == "présentiel",
        "poste": fiche_de_poste.in_sentence(str(fiche.get("intitule") or "travailleur·se pair·e")),
        # The fiche's answer, told again to candidates before they apply: never the cadrage's
        # suggestion alone, which the structure has not confirmed.
        "verifications": fiche_de_poste.STEP.shown(fiche).get(background.FIELD),
    })
    return {"info": shown}


def vigilance(project: Project) -> list[Vigilance]:
    """Length outside 1h30–2h; no manager or no team member to speak."""
    answers = project.answers(STEP)
    alerts: list[Vigilance] = []
    total = total_minutes(answers)
    if total and not 90 <= total <= 120:
        alerts.append(make(STEP.id, "info-coll-duree", valeur=format_minutes(total)))
    if not answers.get("cadre"):
        alerts.append(make(STEP.id, "info-coll-sans-cadre"))
    if not answers.get("membre_equipe"):
        alerts.append(make(STEP.id, "info-coll-sans-equipe"))
    session = answers.get("date")
    if isinstance(session, dt.date):
        alerts.extend(_against_the_fiche(project.answers(fiche_de_poste.STEP), session))
    return alerts


def _against_the_fiche(fiche: Mapping[str, Any], session: dt.date) -> list[Vigilance]:
    """The session's date against the posting's: published before it, applications closing
    after it (candidates confirm their interest once they have heard it), before the start."""
    said = long_date(session, weekday=False)
    alerts: list[Vigilance] = []
    published, deadline = fiche.get("date_publication"), fiche.get("date_limite")
    if isinstance(published, dt.date) and published > session:
        alerts.append(make(STEP.id, "info-coll-avant-publication", valeur=said,
                           publication=long_date(published, weekday=False)))
    if isinstance(deadline, dt.date) and deadline < session:
        alerts.append(make(STEP.id, "date-limite-avant-info-coll", valeur=said,
                           limite=long_date(deadline, weekday=False)))
    start = fiche.get("date_prise_poste")
    if isinstance(start, dt.date) and session > start:
        alerts.append(make(STEP.id, "info-coll-apres-prise-de-poste", valeur=said,
                           debut=long_date(start, weekday=False)))
    return alerts


def events(project: Project) -> list[Event]:
    """The session, timed, for the structure's calendar."""
    answers = project.answers(STEP)
    day, hour = answers.get("date"), answers.get("heure")
    if not isinstance(day, dt.date) or not hour:
        return []
    name = cadrage.structure_name(project)
    hours, minutes = (int(x) for x in str(hour).split(":"))
    visio = answers.get("modalite") == "visio"
    who = ", ".join(str(answers[k]) for k in ("cadre", "membre_equipe", "intervenant_plateforme")
                    if answers.get(k))
    return [Event(
        uid=f"info-coll-{slugify(name)}@pairkit",
        title="Information collective",
        summary=f"Information collective — {name}",
        day=day, start=dt.time(hours, minutes), minutes=total_minutes(answers),
        description=f"Présentation du poste aux candidat·es. Présent·es : {who}." if who else "",
        location=str(answers.get("lien_visio") if visio else answers.get("lieu") or ""),
        url=str(answers.get("lien_visio") or "") if visio else "",
    )]


STEP = Step(
    id="info_coll",
    model=StepFile,
    template="info-coll.docx",
    document="05-information-collective.docx",
    build_context=build_context,
    computed_defaults=computed_defaults,
    vigilance=vigilance,
    public=True,
    calendar=events,
)
