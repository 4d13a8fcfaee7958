"""The method's steps, in the order of the accompaniment, and what concerns all of them.

Every module of `pairkit.method` that defines a `STEP` is a step: adding one is adding a
module (with its checklist, template and example answers); its place in the method is the
`ordre` of its checklist.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from pairkit import method
from pairkit.errors import PairkitError, ProjectFileError
from pairkit.files.checklists import load_checklist
from pairkit.files.project import Project
from pairkit.method import cadrage, lifecycle
from pairkit.method.alerts import Vigilance, judgement_alerts, make
from pairkit.method.step import Step
from pairkit.questions.model import left_open
from pairkit.questions.positions import alerts as position_alerts


def _order(step: Step[Any]) -> int:
    # Read as plain data: a checklist the platform broke must not stop `pairkit methode
    # verifier` from loading the steps in order to report it.
    try:
        return int(load_checklist(step.checklist)["etape"]["ordre"])
    except (PairkitError, KeyError, TypeError, ValueError):
        return 0


def _discover() -> tuple[Step[Any], ...]:
    steps = []
    for module in pkgutil.iter_modules(method.__path__):
        found = getattr(importlib.import_module(f"{method.__name__}.{module.name}"), "STEP", None)
        if isinstance(found, Step):
            steps.append(found)
    return tuple(sorted(steps, key=_order))


ALL_STEPS: tuple[Step[Any], ...] = _discover()
# The first steps, run one after the other by `pairkit new-project`.
NEW_PROJECT_STEPS: tuple[Step[Any], ...] = ALL_STEPS[:3]
# The step whose answers head every document (the structure).
HEADER_STEP: Step[Any] = cadrage.STEP


def step_named(step_id: str) -> Step[Any]:
    """The step with this id; KeyError for an unknown one."""
    for step in (*ALL_STEPS, lifecycle.LIFE):
        if step.id == step_id:
            return step
    raise KeyError(step_id)


def step_of_checklist(name: str) -> Step[Any] | None:
    """The step whose questions are in `checklists/<name>.yaml`, if one is."""
    return next((s for s in (*ALL_STEPS, lifecycle.LIFE) if s.checklist == name), None)


def reviewed_step() -> Step[Any]:
    """The step whose follow-up meetings are recorded (the plan)."""
    return next(s for s in ALL_STEPS if s.reviews is not None)


def step_for_command(command: str) -> Step[Any]:
    """The step a command runs; KeyError for an unknown one."""
    for step in ALL_STEPS:
        if command == step.command or command in step.info.aliases:
            return step
    raise KeyError(command)


def structure_header(project: Project) -> dict[str, Any]:
    """What every document's header shows of the structure; computed once per document run."""
    return cadrage.structure_header(project)


def declared_name(project: Project) -> str | None:
    """The structure's name if the cadrage gives one."""
    return cadrage.declared_name(project)


def structure_name(project: Project) -> str:
    """The structure's name, or the folder's when the cadrage has none yet."""
    return cadrage.structure_name(project)


def project_vigilance(project: Project) -> list[Vigilance]:
    """Every point de vigilance of every step that has valid answers, in the method's order."""
    found: list[Vigilance] = []
    for step in ALL_STEPS:
        if not project.has(step):
            continue
        try:
            if step.vigilance is not None:
                found.extend(step.vigilance(project))
            found.extend(_left_open(step, project))
            # The whole file: answers, and notes such as the plan's meeting reviews (a file
            # loaded for reading is plain data already).
            found.extend(judgement_alerts(step.id, project.load(step).doc))
        except ProjectFileError:
            continue  # an invalid file is reported by statut and verifier on its own
    try:
        found.extend(lifecycle.vigilance(project))
        if project.has(lifecycle.LIFE):
            found.extend(judgement_alerts(lifecycle.LIFE.id, project.load(lifecycle.LIFE).doc))
    except ProjectFileError:
        pass
    return _once(found)


def _left_open(step: Step[Any], project: Project) -> list[Vigilance]:
    """One « à décider » point for the step's questions still « pas encore décidé »."""
    open_questions = left_open(step.content().questions, project.answers(step))
    if not open_questions:
        return []
    said = " ; ".join(f"« {q.message.rstrip(' ?')} »" for q in open_questions)
    return [make(step.id, "a-decider", etape=step.label.lower(), valeur=said,
                 fichier=step.filename.removesuffix(".yaml"))]


def _once(points: list[Vigilance]) -> list[Vigilance]:
    """A step's point raised both by its own checks and by the positions read in its texts
    (a contract chosen as « prestation »): the first, which says it best, once."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for point in points:
        if point.code in position_alerts() and (point.step, point.code) in seen:
            continue
        seen.add((point.step, point.code))
        kept.append(point)
    return kept

