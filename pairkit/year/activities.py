"""The platform's collective activities: one YAML file a year in the projects folder.

`activites-AAAA.yaml` lists the year's sessions (collectif de pairs, groupe de cadres,
sensibilisation…), each with its date, its modality and how many came, by role: counts, never
names. The questions of one activity are `checklists/activite.yaml`; they are asked under
`nouvelle:` in the current year's file, so an interrupted entry loses nothing, and once
answered the activity joins the list of the file of its own year.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import Field, create_model

from pairkit.errors import Problem, ProjectFileError, ProjectNotFound
from pairkit.files.checklists import checklist_key
from pairkit.files.locking import project_lock
from pairkit.files.project import Project
from pairkit.files.yamlfiles import (
    append_history,
    line_of,
    load_document,
    new_document,
    save_document,
    to_plain,
)
from pairkit.method.step import Step
from pairkit.questions.model import get_path, load_step_content
from pairkit.questions.schema import SCHEMA_VERSION, StepFile, build_item_model, parsed_answers
from pairkit.questions.types import parse_answer

CHECKLIST = "activite"
# The group the questions are asked in, then moved into the list.
NEW = "nouvelle"
LIST = "activites"


def filename(year: int) -> str:
    """The file of one year's activities."""
    return f"activites-{year}.yaml"


@cache
def _file_model(_checklist: tuple[str, str]) -> type[StepFile]:
    """The model of the activities file, made once per content of its checklist."""
    content = load_step_content(CHECKLIST)
    item = build_item_model(content, NEW, "Activite")
    items: Any = list[item]  # type: ignore[valid-type]  # a model made from the checklist
    model: type[StepFile] = create_model(
        "FichierActivites", __base__=StepFile, activites=(items, Field(default_factory=list)))
    return model


def year_step(year: int) -> Step[Any]:
    """The year's activities file, as the interview engine and the file checks see it."""
    return Step(id=f"activites_{year}", filename=filename(year),
                model=_file_model(checklist_key(CHECKLIST)),
                template="", document="", build_context=lambda _project: {}, requires=(),
                checklist=CHECKLIST)


def activities(root: Path, year: int) -> list[dict[str, Any]]:
    """The year's activities, each by field name (`participants.pairs`…), typed and checked."""
    step = year_step(year)
    project = Project(root)
    if not project.has(step):
        return []
    loaded = project.load(step)
    items = loaded.doc.get(LIST) if isinstance(loaded.doc, dict) else None
    questions = [q.model_copy(update={"name": q.name.removeprefix(f"{NEW}.")})
                 for q in step.content().questions]
    return [parsed_answers(questions, item) for item in items or []]


def add(root: Path, provided: dict[str, Any] | None, interactive: bool) -> dict[str, Any] | None:
    """Ask one activity (or take it from `provided`) and file it under its year."""
    from pairkit.interview.engine import run_step

    if not root.is_dir():
        raise ProjectNotFound(f"Le dossier de projets « {root} » n'existe pas.",
                              hint="Indiquez le dossier qui contient vos projets.")
    step = year_step(dt.date.today().year)
    project = Project(root)
    with project_lock(root):
        outcome = run_step(project, step, provided=provided, interactive=interactive,
                           resume=f"pairkit activite ajouter {root}")
        if not outcome.complete:
            return None
        return _file_it(project, step)


def _file_it(project: Project, current: Step[Any]) -> dict[str, Any]:
    """Move the activity just answered into the list of its own year's file."""
    loaded = project.load_for_writing(current)
    entry: dict[str, Any] = {}
    for name, value in loaded.answers.items():
        parts = name.removeprefix(f"{NEW}.").split(".")
        node = entry
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    day = loaded.answers[f"{NEW}.date"]
    target = year_step(day.year)
    if target.filename == current.filename:
        append_history(loaded.doc, NEW, LIST, entry)
        save_document(project.file(current), loaded.doc)
    else:
        path = project.file(target)
        doc = load_document(path) if path.is_file() else new_document(target.label, SCHEMA_VERSION)
        append_history(doc, NEW, LIST, entry)
        save_document(path, doc)
        del loaded.doc[NEW]
        save_document(project.file(current), loaded.doc)
        project.forget(target)
    project.forget(current)
    return {key.removeprefix(f"{NEW}."): value for key, value in loaded.answers.items()}


def read_one(path: Path) -> dict[str, Any]:
    """One activity's answers from a file of its own fields (`type`, `date`, `participants`…)."""
    doc = load_document(path)
    plain = to_plain(doc)
    answers: dict[str, Any] = {}
    problems = []
    for question in year_step(dt.date.today().year).content().questions:
        key = question.name.removeprefix(f"{NEW}.")
        raw = get_path(plain, key)
        if raw is None:
            continue
        try:
            answers[question.name] = parse_answer(question, raw)
        except ValueError as exc:
            problems.append(Problem(path, key, str(exc), line_of(doc, tuple(key.split(".")))))
    if problems:
        raise ProjectFileError(problems)
    return answers
