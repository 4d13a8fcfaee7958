"""What a method step is: its file, its questions (data), its model and its document.

A step's questions come from its checklist; its file's schema is built from them. What is
particular to a step (its document's context, its points de vigilance, defaults computed from
other steps, calendar events, follow-up reviews) is a function its own module hands in here;
the engines above only call these.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pairkit.errors import MethodProblem, Problem
from pairkit.files.project import LoadedStep, Project
from pairkit.questions.model import (
    Question,
    StepContent,
    StepInfo,
    displayed,
    load_step_content,
    unanswered,
)
from pairkit.questions.schema import SCHEMA_VERSION, Schema, StepFile, schema_for, schema_version

if TYPE_CHECKING:
    from pairkit.method.alerts import Vigilance
    from pairkit.questions.judgement import Verdict

M = TypeVar("M", bound=StepFile)


@dataclass(frozen=True)
class Event:
    """A meeting a step puts in the structure's calendar."""

    uid: str
    title: str        # what the meeting is (« Bilan à trois mois »)
    summary: str      # the calendar's line: title and structure
    day: dt.date
    start: dt.time | None = None  # None: an all-day event
    minutes: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    done: bool = False  # a review of it is recorded


@dataclass(frozen=True)
class ExtraDocument:
    """A document a step writes besides its own (the plan's revised fiche de poste)."""

    template: str
    filename: str
    title: str
    context: dict[str, Any]


@dataclass(frozen=True)
class Reviews:
    """Meetings of a step whose outcome is recorded later (the plan's milestone reviews).

    `content` gives the questions of one review, stored inside the step's file under `field`;
    `read_file` reads one review's answers from a file of its own fields; `after` lists the
    documents a recorded review asks for; `titles` names each meeting; `dated` lists a
    project's meetings as its file sets them (each with its `id` and `date`).
    """

    ids: Callable[[], list[str]]
    content: Callable[[Project, str], StepContent]
    read_file: Callable[[StepContent, str, Path], dict[str, Any]]
    after: Callable[[Project, str], list[ExtraDocument]]
    titles: Callable[[], dict[str, str]]
    dated: Callable[[Project], list[dict[str, Any]]]
    field: str = "bilans"

    def recorded(self, model: Any) -> dict[str, Any]:
        """The reviews a loaded step file holds, by meeting."""
        return dict(getattr(model, self.field, None) or {})


ContextBuilder = Callable[[Project], dict[str, Any]]
VigilanceCheck = Callable[[Project], list["Vigilance"]]
CalendarBuilder = Callable[[Project], list[Event]]
DefaultsBuilder = Callable[[Project, Mapping[str, Any]], dict[str, Any]]
# Brings a step file's round-trip document from one schema version to the next, in place.
Migration = Callable[[Any], None]
Suggester = Callable[[Project, Question], list[str]]


@dataclass(frozen=True)
class Step(Generic[M]):
    """One step of the accompaniment, as the engines see it."""

    id: str
    # What the step's file stores besides the answers to its questions (often nothing).
    model: type[M]
    template: str
    document: str
    build_context: ContextBuilder
    # Steps whose answers this one needs before it can run (the structure's name heads
    # every document, so nearly everything needs the cadrage).
    requires: tuple[str, ...] = ("cadrage",)
    computed_defaults: DefaultsBuilder | None = None
    # The step's checklist in checklists/, and its file in the project: by default both named
    # after its id (« fiche_de_poste » → fiche-de-poste, fiche-de-poste.yaml).
    checklist: str = ""
    filename: str = ""
    # The step's points de vigilance (see pairkit.method.alerts); None when it has none.
    vigilance: VigilanceCheck | None = None
    # Public documents (a job posting, the candidates' programme) never show points de
    # vigilance: their context is checked for it before rendering.
    public: bool = False
    # An internal report that also lists the other steps' points (as `autres_vigilances`).
    gathers_vigilance: bool = False
    # Events written as an .ics file beside the document (same name, .ics).
    calendar: CalendarBuilder | None = None
    # Items offered first for a list question (e.g. missions for the structure's sector).
    suggest: Suggester | None = None
    reviews: Reviews | None = None
    # The answer that names the structure, on the step that holds it.
    name_field: str | None = None
    # Whether a structure's recruitments share the step's file (the cadrage).
    shared: bool = False
    # Schema version N → the change that brings a file of version N to N + 1.
    migrations: Mapping[int, Migration] = field(default_factory=dict)
    # The model completed from other checklists (the plan's reviews, from bilan.yaml): the
    # same class while those checklists are unchanged.
    refine: Callable[[type[M]], type[M]] | None = None
    # The guard's verdict on an answer, completed from the project (what the law has checked
    # for this kind of structure); None keeps the guard's own verdict.
    judged: Callable[[Project, Verdict], Verdict] | None = None

    def __post_init__(self) -> None:
        checklist = self.checklist or self.id.replace("_", "-")
        object.__setattr__(self, "checklist", checklist)
        if not self.filename:
            object.__setattr__(self, "filename", f"{checklist}.yaml")

    @property
    def info(self) -> StepInfo:
        """Name, command, help and place of the step, from its checklist's `etape`."""
        info = self.content().step
        if info is None:
            raise MethodProblem(
                f"Le fichier de la méthode « {self.checklist}.yaml » n'a pas de "
                "rubrique « etape » (libellé, commande, aide, ordre).",
                hint="Restaurez-la depuis la version fournie (pairkit methode exporter).")
        return info

    @property
    def label(self) -> str:
        """The step's name as users read it."""
        return self.info.label

    @property
    def command(self) -> str:
        """The pairkit command that runs the step."""
        return self.info.command

    def content(self) -> StepContent:
        """The step's questions, from its checklist (the platform's copy first)."""
        return load_step_content(self.checklist)

    def schema(self) -> Schema[M]:
        """The schema of the step's file, built from its questions."""
        model = self.model if self.refine is None else self.refine(self.model)
        return schema_for(self.content(), model)

    def validate(self, path: Path, doc: Any) -> tuple[LoadedStep[M] | None, list[Problem]]:
        """Every problem of the step's file, or its typed answers (an older file upgraded)."""
        self.upgrade(doc)
        return self.schema().validate(path, doc)

    def upgrade(self, doc: Any) -> None:
        """Bring a file written by an earlier pairkit to the current schema, in memory only."""
        if not isinstance(doc, dict):
            return
        version = schema_version(doc.get("version_schema"))
        if version is None or version == SCHEMA_VERSION:
            return
        for number in range(version, SCHEMA_VERSION):
            migrate = self.migrations.get(number)
            if migrate is not None:
                migrate(doc)
        doc["version_schema"] = SCHEMA_VERSION

    def missing(self, answers: Mapping[str, Any]) -> list[Question]:
        """Required questions that apply to these answers and have none yet."""
        return unanswered(self.content().questions, answers)

    def shown(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """The answers as documents show them (labels, French dates, groups)."""
        return displayed(self.content(), answers)


def step_by_id(step_id: str) -> Step[Any]:
    """The step of module `pairkit.method.<step_id>`, for a rule that names a later step.

    Imported when asked, so that an earlier step may read a later one without a cycle.
    """
    module = importlib.import_module(f"pairkit.method.{step_id}")
    found = getattr(module, "STEP", None)
    if not isinstance(found, Step):
        raise MethodProblem(f"« {step_id} » n'est pas une étape de la méthode.",
                            hint="Corrigez le nom d'étape dans la règle (« leve_par »).")
    return found
