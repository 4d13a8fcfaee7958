"""The document renderer: a step's answers → its Word document (and calendar file).

The context comes from `context`, the template and its filling from `templates`; this module
says which documents a project gets and where they are written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pairkit.documents.context import clean, common_context, step_context
from pairkit.documents.outputs import Written, write_output
from pairkit.documents.templates import fill_template, find_template
from pairkit.errors import StepNotReady
from pairkit.files.project import Project
from pairkit.method.step import ExtraDocument, Step


def render_step(project: Project, step: Step[Any], header: dict[str, Any],
                today: dt.date | None = None) -> list[Written]:
    """Render one step's document (and its calendar file, if any) into `documents/`."""
    if not project.has(step):
        raise StepNotReady(
            f"L'étape « {step.label} » n'a pas encore de réponses : pas de document à produire.",
            hint=f"Lancez « pairkit {step.command} {project.root} ».",
        )
    context = step_context(project, step, header, today)
    target = project.documents_dir / step.document
    payload = fill_template(find_template(project, step.template), context)
    written = [write_output(target, payload)]
    if step.calendar is not None:
        from pairkit.documents.ics import calendar

        events = step.calendar(project)
        if events:
            name = f"{step.label} — {header.get('nom', project.name)}"
            written.append(write_output(target.with_suffix(".ics"), calendar(events, name)))
    return written


def render_extra(project: Project, extra: ExtraDocument, header: dict[str, Any],
                 today: dt.date | None = None) -> Written:
    """A document a step asks for besides its own (the revised fiche after month 6)."""
    context = clean({**common_context(header, extra.title, today), **extra.context})
    payload = fill_template(find_template(project, extra.template), context)
    return write_output(project.documents_dir / extra.filename, payload)


def render_all(project: Project, steps: tuple[Step[Any], ...], header: dict[str, Any],
               today: dt.date | None = None) -> tuple[list[Written], list[str]]:
    """Every document whose step is complete; the reasons others were skipped."""
    written: list[Written] = []
    skipped: list[str] = []
    for step in steps:
        if not project.has(step):
            continue
        missing = project.missing(step)
        if missing:
            names = ", ".join(q.name for q in missing)
            skipped.append(f"{step.label} : étape incomplète ({names}).")
            continue
        try:
            written.extend(render_step(project, step, header, today))
        except StepNotReady as exc:
            skipped.append(f"{step.label} : {exc.message}")
    return written, skipped

