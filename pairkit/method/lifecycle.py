"""The life of a recruitment: the state the consultant sets, its history, what it warns of.

A structure may run several recruitments (a second post, a replacement, a second peer in a
binôme): each is a folder of its own holding `recrutement.yaml`, inside the structure's folder,
whose cadrage it shares. The structure's folder itself is its first recruitment, so folders
written before there could be several keep working as they are.

The state is not a step of the accompaniment's sequence: it has no document. Its questions
(`checklists/vie-du-recrutement.yaml`) ask for one change of state; once answered, the change
joins the file's history, whose last entry is the current state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from pairkit.dates_fr import add_months, long_date
from pairkit.errors import PairkitError
from pairkit.files.atomic import make_folder
from pairkit.files.checklists import checklist_key, load_checklist
from pairkit.files.project import RECRUITMENT_FILE, Project, slugify
from pairkit.files.yamlfiles import append_history, new_document, save_document
from pairkit.method import diagnostic, entretiens, info_coll, plan
from pairkit.method.alerts import Vigilance, make
from pairkit.method.step import Step
from pairkit.questions.model import load_step_content
from pairkit.questions.schema import SCHEMA_VERSION, StepFile, build_item_model
from pairkit.questions.types import FrDate, Text

CHECKLIST = "vie-du-recrutement"
FILENAME = RECRUITMENT_FILE
# The group of the questions, moved into the history once answered.
CHANGE = "changement"


def state_choices() -> list[tuple[str, str]]:
    """Every state as (value, label), in the checklist's order."""
    for question in load_checklist(CHECKLIST)["questions"]:
        if question["nom"] == f"{CHANGE}.etat":
            return [(str(c["valeur"]), str(c["libelle"]).split(" (")[0]) for c in question["choix"]]
    return []


def state_label(value: str) -> str:
    """« En pause » for `en-pause`; an unknown value as it is."""
    return dict(state_choices()).get(value, value)


def setting(name: str) -> Any:
    """One of the checklist's settings (pause length, retention of notes…)."""
    return (load_checklist(CHECKLIST).get("reglages") or {}).get(name)


def in_post_states() -> list[str]:
    """The states in which the peer is in post."""
    return [str(v) for v in setting("etats_en_poste") or []]


class Change(BaseModel):
    """One change of state: what, since when, and (for a pause or an end) why."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    etat: Text
    date: FrDate
    raison: Text | None = None

    @field_validator("etat")
    @classmethod
    def _known(cls, value: str) -> str:
        known = [v for v, _ in state_choices()]
        if value not in known:
            raise ValueError(f"état « {value} » inconnu (états : {', '.join(known)})")
        return value


class LifeFile(StepFile):
    """What recrutement.yaml stores besides the change being asked."""

    # A name for this recruitment among the structure's (« second poste », « binôme »).
    intitule: Text | None = None
    historique: list[Change] = Field(default_factory=list)


def history(project: Project) -> list[Change]:
    """Every recorded change, oldest first."""
    return list(project.load(LIFE).model.historique) if project.has(LIFE) else []


def current(project: Project) -> Change | None:
    """The state the consultant last set; None when none was ever set."""
    changes = history(project)
    return changes[-1] if changes else None


def state_on(project: Project, day: dt.date) -> Change | None:
    """The state the recruitment was in on `day`, by its history."""
    found = None
    for change in history(project):
        if change.date <= day:
            found = change
    return found


def title(project: Project) -> str | None:
    """This recruitment's own name, when it has one."""
    return project.load(LIFE).model.intitule if project.has(LIFE) else None


def proposed_state(project: Project, today: dt.date) -> str:
    """The state the project's files suggest, offered first (the consultant confirms it)."""
    start = project.answers(plan.STEP).get("date_prise_poste") if project.has(plan.STEP) else None
    if isinstance(start, dt.date) and start <= today:
        return "en-poste" if add_months(start, 6) > today else "suivi-apres-six-mois"
    if project.has(info_coll.STEP) or project.has(entretiens.STEP):
        return "recrutement-en-cours"
    return "en-preparation"


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The current state (else the one the files suggest), since today."""
    today = dt.date.today()
    now = current(project)
    return {f"{CHANGE}.etat": now.etat if now else proposed_state(project, today),
            f"{CHANGE}.date": today}


def record_change(project: Project) -> Change | None:
    """Move the answered change into the history; None when it is not complete."""
    loaded = project.load_for_writing(LIFE)
    change = loaded.answers
    state, day = change.get(f"{CHANGE}.etat"), change.get(f"{CHANGE}.date")
    if not state or not isinstance(day, dt.date):
        return None
    last = current(project)
    if last is not None and day < last.date:
        del loaded.doc[CHANGE]
        save_document(project.file(LIFE), loaded.doc)
        project.forget(LIFE)
        raise PairkitError(
            f"La date du changement ({day:%d/%m/%Y}) est avant celle de l'état actuel "
            f"(« {state_label(last.etat)} » depuis le {last.date:%d/%m/%Y}) : l'historique suit "
            "l'ordre des dates. Rien n'a été ajouté à l'historique.",
            hint="Relancez « pairkit etat » avec une date à partir de "
            f"{last.date:%d/%m/%Y} (--depuis JJ/MM/AAAA), ou corrigez recrutement.yaml à la main.")
    # Every answer of the change joins the history, a question the platform added too.
    entry = {name.removeprefix(f"{CHANGE}."): value for name, value in change.items()
             if name.startswith(f"{CHANGE}.")}
    append_history(loaded.doc, CHANGE, "historique", entry)
    save_document(project.file(LIFE), loaded.doc)
    project.forget(LIFE)
    return current(project)


def next_folder(structure: Path, name: str | None) -> Path:
    """A free folder for a new recruitment inside the structure's folder."""
    base = slugify(name) if name else "recrutement"
    for index in range(2, 100):
        folder = structure / (base if name and index == 2 else f"{base}-{index}")
        if not folder.exists():
            return folder
    return structure / f"{base}-{dt.datetime.now():%Y%m%d%H%M%S}"


def create_recruitment(structure: Path, name: str | None, today: dt.date | None = None) -> Project:
    """A new recruitment of the structure, in preparation from today, sharing its cadrage."""
    folder = next_folder(structure, name)
    make_folder(folder)
    doc = new_document(LIFE.label, SCHEMA_VERSION)
    if name:
        doc["intitule"] = name
    append_history(doc, CHANGE, "historique", {"etat": "en-preparation",
                                                "date": today or dt.date.today()})
    save_document(folder / FILENAME, doc)
    return Project(folder)


@dataclass(frozen=True)
class Standing:
    """Where a recruitment stands, as the portfolio and the annual report read it."""

    state: str | None       # None: never set
    since: dt.date | None
    reason: str | None


def standing(project: Project) -> Standing:
    """The current state, or an empty one."""
    now = current(project)
    return Standing(now.etat, now.date, now.raison) if now else Standing(None, None, None)


def vigilance(project: Project, today: dt.date | None = None) -> list[Vigilance]:
    """A long pause; a history that goes back or pauses before anything began; a closing dated
    before the peer starts; a peer in post while the état des lieux still says « not yet »."""
    today = today or dt.date.today()
    changes = history(project)
    alerts = _out_of_order(changes) + _closed_before_start(project, changes) \
        + _in_post_without_go_ahead(project, changes)
    now = changes[-1] if changes else None
    if now is None or now.etat != "en-pause":
        return alerts
    months = int(setting("pause_longue_mois") or 3)
    if add_months(now.date, months) <= today:
        alerts.append(make(LIFE.id, "recrutement-en-pause-long",
                           valeur=long_date(now.date, weekday=False), mois=months))
    return alerts


def _said(change: Change) -> str:
    return f"« {state_label(change.etat)} » le {long_date(change.date, weekday=False)}"


def _out_of_order(changes: list[Change]) -> list[Vigilance]:
    alerts: list[Vigilance] = []
    if changes and changes[0].etat == "en-pause":
        alerts.append(make(LIFE.id, "pause-avant-accompagnement",
                           valeur=long_date(changes[0].date, weekday=False)))
    ranks = {str(k): int(v) for k, v in (setting("rang_des_etats") or {}).items()}
    threshold = int(setting("rang_sans_retour") or 3)
    furthest: Change | None = None
    for change in changes:
        rank = ranks.get(change.etat)
        if rank is None:
            continue
        if furthest is not None and ranks[furthest.etat] >= threshold and rank < ranks[furthest.etat]:
            alerts.append(make(LIFE.id, "etats-dans-le-desordre",
                               valeur=f"{_said(furthest)}, puis {_said(change)}"))
        if furthest is None or rank >= ranks[furthest.etat]:
            furthest = change
    return alerts


def _closed_before_start(project: Project, changes: list[Change]) -> list[Vigilance]:
    ended = [c for c in changes if c.etat in (setting("etats_termines") or [])]
    start = project.answers(plan.STEP).get("date_prise_poste") if project.has(plan.STEP) else None
    if not ended or not isinstance(start, dt.date) or ended[0].date >= start:
        return []
    return [make(LIFE.id, "clos-avant-prise-de-poste", etat=state_label(ended[0].etat),
                 valeur=long_date(ended[0].date, weekday=False), debut=long_date(start, weekday=False))]


def _in_post_without_go_ahead(project: Project, changes: list[Change]) -> list[Vigilance]:
    now = changes[-1] if changes else None
    if now is None or now.etat not in in_post_states() or not project.has(diagnostic.STEP):
        return []
    if project.answers(diagnostic.STEP).get("decision") != "pas-encore":
        return []
    blocking = [(w.finding or w.reason).rstrip(".") for w in diagnostic.vigilance(project)
                if w.level == "bloquant" and w.code != diagnostic.NOT_YET]
    if not blocking:
        return []
    return [make(LIFE.id, "en-poste-sans-feu-vert", etat=state_label(now.etat),
                 valeur=long_date(now.date, weekday=False), points=" ; ".join(blocking))]


def _context(project: Project) -> dict[str, Any]:
    return {}


def with_changes(base: type[LifeFile]) -> type[LifeFile]:
    """The file's model whose history keeps every question of a change, as the checklist
    asks them (a question the platform adds included)."""
    return _with_changes(base, checklist_key(CHECKLIST))


@cache
def _with_changes(base: type[LifeFile], _checklist: tuple[str, str]) -> type[LifeFile]:
    item = build_item_model(load_step_content(CHECKLIST), CHANGE, "ChangementFichier", Change)
    model: type[LifeFile] = create_model(
        f"{base.__name__}Complet", __base__=base,
        historique=(list[item], Field(default_factory=list)))  # type: ignore[valid-type]
    return model


LIFE: Step[LifeFile] = Step(
    id="vie_du_recrutement",
    filename=FILENAME,
    model=LifeFile,
    template="",
    document="",
    build_context=_context,
    requires=(),
    computed_defaults=computed_defaults,
    refine=with_changes,
)

