"""The method's steps, in the order of the accompaniment."""

from __future__ import annotations

from pairkit.steps.base import Step
from pairkit.steps.cadrage import STEP as CADRAGE
from pairkit.steps.diagnostic import STEP as DIAGNOSTIC
from pairkit.steps.entretiens import STEP as ENTRETIENS
from pairkit.steps.fiche_de_poste import STEP as FICHE_DE_POSTE
from pairkit.steps.info_coll import STEP as INFO_COLL
from pairkit.steps.motivations import STEP as MOTIVATIONS
from pairkit.steps.plan import STEP as PLAN

ALL_STEPS: tuple[Step, ...] = (
    CADRAGE,
    DIAGNOSTIC,
    MOTIVATIONS,
    FICHE_DE_POSTE,
    INFO_COLL,
    ENTRETIENS,
    PLAN,
)
# The first steps, run one after the other by `pairkit new-project`.
NEW_PROJECT_STEPS: tuple[Step, ...] = (CADRAGE, DIAGNOSTIC, MOTIVATIONS)


def step_named(step_id: str) -> Step:
    for step in ALL_STEPS:
        if step.id == step_id:
            return step
    raise KeyError(step_id)


def step_for_file(filename: str) -> Step | None:
    for step in ALL_STEPS:
        if step.filename == filename:
            return step
    return None
