"""A list the platform keeps one YAML file a year in the projects folder: its collective
activities (`activites-AAAA.yaml`), its census of peer posts (`recensement-AAAA.yaml`).

The questions of one item are a checklist, asked under a group (`nouvelle:`, `nouveau:`) of
the file being written, so an interrupted entry loses nothing; once answered, the item joins
the list of the file of its year. Which list, which checklist and which group are declared by
the caller: this engine names none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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
from pairkit.questions.model import Question, get_path, load_step_content
from pairkit.questions.schema import SCHEMA_VERSION, StepFile, build_item_model, parsed_answers
from pairkit.questions.types import parse_answer


@cache
def _file_model(checklist: str, group: str, key: str, _digest: tuple[str, str]) -> type[StepFile]:
    """The model of a year's file, made once per content of its checklist."""
    content = load_step_content(checklist)
    item = build_item_model(content, group, "Element")
    items: Any = list[item]  # type: ignore[valid-type]  # a model made from the checklist
    fields: dict[str, Any] = {key: (items, Field(default_factory=list))}
    model: type[StepFile] = create_model(f"Fichier_{key}", __base__=StepFile, **fields)
    return model


@cache
def _item_questions(checklist: str, group: str, _digest: tuple[str, str]) -> tuple[Question, ...]:
    """An item's questions without their group's prefix, made once per content of the checklist."""
    return tuple(q.model_copy(update={"name": q.name.removeprefix(f"{group}.")})
                 for q in load_step_content(checklist).questions)


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Answers by dotted name (`participants.pairs`) as the nested fields a file holds."""
    entry: dict[str, Any] = {}
    for name, value in flat.items():
        parts = name.split(".")
        node = entry
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return entry


@dataclass(frozen=True)
class YearList:
    """One kind of yearly list: its checklist, the group it is asked in, the list's key."""

    checklist: str
    group: str
    key: str
    stem: str
    # The item's answer that says which year's file it belongs to; None: the file it is
    # asked in (a census describes the posts as they stood that year).
    dated_by: str | None

    def filename(self, year: int) -> str:
        """The file of one year's list."""
        return f"{self.stem}-{year}.yaml"

    def step(self, year: int) -> Step[Any]:
        """The year's file, as the interview engine and the file checks see it."""
        return Step(id=f"{self.stem}_{year}", filename=self.filename(year),
                    model=_file_model(self.checklist, self.group, self.key,
                                      checklist_key(self.checklist)),
                    template="", document="", build_context=lambda _project: {}, requires=(),
                    checklist=self.checklist)

    def questions(self) -> list[Question]:
        """The item's questions, named as its fields (without the group)."""
        return list(_item_questions(self.checklist, self.group, checklist_key(self.checklist)))

    def items(self, root: Path, year: int) -> list[dict[str, Any]]:
        """The year's items, each by field name (`participants.pairs`…), typed and checked."""
        step = self.step(year)
        project = Project(root)
        if not project.has(step):
            return []
        loaded = project.load(step)
        found = loaded.doc.get(self.key) if isinstance(loaded.doc, dict) else None
        questions = self.questions()
        return [parsed_answers(questions, item) for item in found or []]

    def years(self, root: Path) -> list[int]:
        """The years whose file exists under `root`, oldest first."""
        found = []
        for path in root.glob(self.filename(0).replace("-0.yaml", "-*.yaml")):
            number = path.stem.removeprefix(f"{self.stem}-")
            if number.isdigit() and len(number) == 4:
                found.append(int(number))
        return sorted(found)

    def pending(self, root: Path, year: int) -> dict[str, Any]:
        """The answers of an entry begun and not finished in the year's file (by field name)."""
        step = self.step(year)
        project = Project(root)
        if not project.has(step):
            return {}
        answers = project.load(step).answers
        return {k.removeprefix(f"{self.group}."): v for k, v in answers.items()
                if k.startswith(f"{self.group}.")}

    def ask(self, root: Path, year: int, provided: Mapping[str, Any] | None, interactive: bool,
            resume: str, *, pick: bool = False,
            replace: Callable[[dict[str, Any]], bool] | None = None) -> dict[str, Any] | None:
        """Ask one item in the year's file (or take it from `provided`, by full name), then
        file it under its own year; `replace` picks the item it replaces there (a change)."""
        from pairkit.interview.engine import run_step

        if not root.is_dir():
            raise ProjectNotFound(f"Le dossier de projets « {root} » n'existe pas.",
                                  hint="Indiquez le dossier qui contient vos projets.")
        step = self.step(year)
        project = Project(root)
        with project_lock(root):
            outcome = run_step(project, step, provided=provided, interactive=interactive,
                               resume=resume, pick=pick)
            if not outcome.complete:
                return None
            return self._file_it(project, step, replace)

    def _file_it(self, project: Project, current: Step[Any],
                 replace: Callable[[dict[str, Any]], bool] | None) -> dict[str, Any]:
        """Move the item just answered into the list of its own year's file."""
        loaded = project.load_for_writing(current)
        answers = {name.removeprefix(f"{self.group}."): value
                   for name, value in loaded.answers.items()}
        entry = nest(answers)
        day = answers.get(self.dated_by) if self.dated_by else None
        target = self.step(day.year) if isinstance(day, dt.date) else current
        if target.filename == current.filename:
            doc = loaded.doc
        else:
            path = project.file(target)
            doc = load_document(path) if path.is_file() else new_document(target.label, SCHEMA_VERSION)
        self._put(doc, entry, replace)
        if target.filename != current.filename:
            save_document(project.file(target), doc)
            del loaded.doc[self.group]
            project.forget(target)
        save_document(project.file(current), loaded.doc)
        project.forget(current)
        return answers

    def _put(self, doc: Any, entry: dict[str, Any],
             replace: Callable[[dict[str, Any]], bool] | None) -> None:
        """Add the entry to the list, in the place of the item it replaces if any."""
        existing = doc.get(self.key)
        index = None
        if replace is not None and isinstance(existing, list):
            index = next((i for i, item in enumerate(existing) if replace(to_plain(item))), None)
        append_history(doc, self.group, self.key, entry)
        if index is not None:
            doc[self.key][index] = doc[self.key].pop()

    def write_items(self, root: Path, year: int, items: list[dict[str, Any]]) -> Path:
        """Write the year's list (each item by field name), keeping the file's other content."""
        step = self.step(year)
        path = Project(root).file(step)
        doc = load_document(path) if path.is_file() else new_document(step.label, SCHEMA_VERSION)
        if self.key in doc:
            del doc[self.key]
        for item in items:
            append_history(doc, "", self.key, nest(item))
        save_document(path, doc)
        return path

    def read_one(self, path: Path) -> dict[str, Any]:
        """One item's answers (by full name) from a file of its own fields."""
        doc = load_document(path)
        plain = to_plain(doc)
        answers: dict[str, Any] = {}
        problems = []
        for question in load_step_content(self.checklist).questions:
            key = question.name.removeprefix(f"{self.group}.")
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
