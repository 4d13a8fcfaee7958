"""Step 1 — cadrage: who the structure is and why a peer. Renders the note d'intention."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pairkit.models import FrBool, FrDate, StepFile, Text
from pairkit.steps.base import Step, for_display

if TYPE_CHECKING:
    from pairkit.project import Project


class Structure(StepFile):
    nom: Text | None = None
    organisme: Text | None = None
    type_structure: Text | None = None
    secteur: Text | None = None
    ville: Text | None = None
    territoire: Text | None = None
    publics: Text | None = None
    equipe: Text | None = None
    pairs_deja_presents: FrBool | None = None
    financement: Text | None = None
    besoins: list[Text] = []
    pourquoi_un_pair: Text | None = None
    contact_nom: Text | None = None
    contact_fonction: Text | None = None
    accompagnant: Text | None = None
    date_debut: FrDate | None = None


def structure_context(project: Project) -> dict[str, Any]:
    """What every document knows of the structure (its header, mostly)."""
    return for_display(STEP, project.answers(STEP))


def build_context(project: Project) -> dict[str, Any]:
    return {"note": structure_context(project)}


STEP = Step(
    id="cadrage",
    command="new-project",
    label="Cadrage de la structure",
    filename="structure.yaml",
    model=Structure,
    template="note-intention.docx",
    document="01-note-d-intention.docx",
    build_context=build_context,
    requires=(),
)
