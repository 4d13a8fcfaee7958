"""Step 1 — cadrage: who the structure is and why a peer. Renders the note d'intention.

The structure's name heads every document and names every calendar: it is worked out here,
once, from this step's answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pairkit.files.project import STRUCTURE_FILE, Project
from pairkit.files.settings import settings
from pairkit.method.step import Step
from pairkit.questions.schema import StepFile


def structure_header(project: Project) -> dict[str, Any]:
    """What every document knows of the structure (its header, mostly)."""
    return STEP.shown(project.answers(STEP)) if project.has(STEP) else {}


def declared_name(project: Project) -> str | None:
    """The structure's name as the consultant gave it, if given."""
    name = project.answers(STEP).get("nom") if project.has(STEP) else None
    return str(name) if name else None


def structure_name(project: Project) -> str:
    """The structure's name as the consultant gave it, else the project folder's name."""
    return declared_name(project) or project.name


def build_context(project: Project) -> dict[str, Any]:
    """The note d'intention's context."""
    return {"note": structure_header(project)}


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What needs no asking: the sector a kind of structure belongs to, the consultant named in
    the settings (`accompagnant` in config.yaml), the first meeting's day (today's cadrage)."""
    defaults: dict[str, Any] = {"date_debut": dt.date.today()}
    by_kind = (STEP.content().settings.get("secteur_par_type") or {})
    sector = by_kind.get(answers.get("type_structure"))
    if sector:
        defaults["secteur"] = sector
    consultant = settings().get("accompagnant")
    if consultant:
        defaults["accompagnant"] = str(consultant)
    return defaults


STEP = Step(
    id="cadrage",
    filename=STRUCTURE_FILE,
    model=StepFile,
    template="note-intention.docx",
    document="01-note-d-intention.docx",
    build_context=build_context,
    requires=(),
    name_field="nom",
    shared=True,
    computed_defaults=computed_defaults,
)
