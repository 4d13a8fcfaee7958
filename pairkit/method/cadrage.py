"""Step 1 — cadrage: who the structure is and why a peer. Renders the note d'intention.

The structure's name heads every document and names every calendar: it is worked out here,
once, from this step's answers.
"""

from __future__ import annotations

from typing import Any

from pairkit.files.project import STRUCTURE_FILE, Project
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
)
