"""What a method step is: its file, its questions (data), its model and its document."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pairkit.models import StepFile
from pairkit.questions import StepContent, load_step_content

if TYPE_CHECKING:
    from pairkit.alerts import Alert
    from pairkit.ics import Event
    from pairkit.project import Project

ContextBuilder = Callable[["Project"], dict[str, Any]]
Checker = Callable[["Project"], list["Alert"]]
CalendarBuilder = Callable[["Project"], list["Event"]]
DefaultsBuilder = Callable[["Project", Mapping[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Step:
    id: str
    command: str
    label: str
    filename: str
    model: type[StepFile]
    template: str
    document: str
    build_context: ContextBuilder
    # Steps whose answers this one needs before it can run (the structure's name heads
    # every document, so nearly everything needs the cadrage).
    requires: tuple[str, ...] = ("cadrage",)
    computed_defaults: DefaultsBuilder | None = None
    checklist: str = field(default="")
    # The step's points de vigilance (see pairkit.alerts); None when it has none.
    check: Checker | None = None
    # Public documents (a job posting, the candidates' programme) never show alerts.
    public: bool = False
    # Events written as an .ics file beside the document (same name, .ics).
    calendar: CalendarBuilder | None = None

    def content(self) -> StepContent:
        return load_step_content(self.checklist or self.id)


def for_display(step: Step, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers as documents show them: choice labels, French dates, nested groups.

    Nothing is added: a question not answered is simply absent, so templates can omit it
    or print « à préciser ».
    """
    import datetime as dt

    from pairkit.dates_fr import long_date
    from pairkit.questions import is_answered

    shown: dict[str, Any] = {}
    for question in step.content().questions:
        value = answers.get(question.name)
        if not is_answered(value) and value is not False:
            continue
        if question.kind == "choix":
            value = question.label_of(value)
        elif question.kind == "choix_multiples":
            value = [question.label_of(v) for v in value or []]
        elif question.kind == "date" and isinstance(value, dt.date):
            value = long_date(value, weekday=False)
        target = shown
        key = question.name
        if "." in key:
            group, key = key.split(".", 1)
            target = shown.setdefault(group, {})
        target[key] = value
    return shown
