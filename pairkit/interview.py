"""The interview engine: asks a step's questions, saves each answer as soon as it is given.

Non-interactive runs (`--reponses`, no terminal) compute everything first and write once,
so a refused run changes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pairkit import prompts
from pairkit.errors import (
    InterviewInterrupted,
    MissingAnswers,
    ProjectFileError,
    StepNotReady,
)
from pairkit.models import SCHEMA_VERSION
from pairkit.project import LoadedStep, Project, french_error, to_plain, validate_step
from pairkit.questions import (
    Choice,
    Question,
    StepContent,
    get_path,
    is_answered,
    lookup,
    parse_answer,
    unanswered,
)
from pairkit.steps.base import Step
from pairkit.yamlfiles import line_of, load_document, save_document, to_yaml_value


@dataclass
class Outcome:
    step: Step
    path: Path
    saved: int
    complete: bool


def _new_document(step: Step) -> Any:
    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap()
    doc["version_schema"] = SCHEMA_VERSION
    doc.yaml_set_start_comment(
        f"pairkit — {step.label}\n"
        "Fichier modifiable à la main (gardez l'indentation) ; après modification, lancez\n"
        "« pairkit verifier DOSSIER » puis « pairkit documents DOSSIER »."
    )
    return doc


def _yaml_text(value: Any) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    # Several lines read best as a literal block, when YAML can hold them there as typed.
    if isinstance(value, str) and "\n" in value and all(c.isprintable() or c == "\n" for c in value):
        return LiteralScalarString(value)
    return value


def write_answer(doc: Any, order: list[str], name: str, value: Any) -> None:
    """Put one answer in the round-trip document, at its place in the question order.

    Dotted names reach nested mappings (`reponses.tuteur`, `bilans.m3.notes`), created as needed.
    """
    from ruamel.yaml.comments import CommentedMap

    parts = name.split(".")
    container = doc
    for depth, part in enumerate(parts[:-1]):
        if not isinstance(container.get(part), Mapping):
            _insert(container, _siblings(order, parts[:depth]), part, CommentedMap())
        container = container[part]
    key = parts[-1]
    if not is_answered(value):
        if key in container:
            del container[key]
        return
    _insert(container, _siblings(order, parts[:-1]), key, _yaml_text(to_yaml_value(value)))


def _siblings(order: list[str], parent: list[str]) -> list[str]:
    """Keys at one level, in question order, under the mapping `parent`."""
    depth = len(parent)
    keys: list[str] = []
    for name in order:
        parts = name.split(".")
        if len(parts) > depth and parts[:depth] == parent and parts[depth] not in keys:
            keys.append(parts[depth])
    return keys


def _insert(container: Any, order: list[str], key: str, value: Any) -> None:
    if key in container:
        container[key] = value
        return
    position = len(container)
    if key in order:
        later = set(order[order.index(key) + 1:])
        for index, existing in enumerate(container):
            if existing in later:
                position = index
                break
    container.insert(position, key, value)


def missing_error(step: Step, missing: list[Question]) -> MissingAnswers:
    listing = "\n".join(f"  - {q.name} : {q.message}" for q in missing)
    return MissingAnswers(
        f"Réponses manquantes pour l'étape « {step.label} » (aucun terminal pour les "
        f"demander) :\n{listing}",
        hint="Ajoutez-les dans un fichier YAML et relancez avec « --reponses FICHIER.yaml », "
        "ou lancez la commande dans un terminal. Rien n'a été modifié.",
    )


def check_requirements(project: Project, step: Step) -> None:
    from pairkit.steps import step_named

    for required in step.requires:
        needed = step_named(required)
        if not project.has(needed):
            raise StepNotReady(
                f"L'étape « {step.label} » a besoin de l'étape « {needed.label} », "
                "qui n'est pas encore faite.",
                hint=f"Lancez d'abord « pairkit {needed.command} {project.root} ».",
            )
        project.load(needed)


def load_provided(step: Step, path: Path) -> dict[str, Any]:
    """Answers given in a file of the step's own format (validated like a project file)."""
    doc = load_document(path)
    if "version_schema" not in doc:
        doc.insert(0, "version_schema", SCHEMA_VERSION)
    loaded, problems = validate_step(step, path, doc)
    if problems or loaded is None:
        raise ProjectFileError(problems)
    return loaded.answers


def load_review(content: StepContent, milestone_id: str, path: Path) -> dict[str, Any]:
    """Answers for one milestone review, from a file holding the review's own fields."""
    from pydantic import ValidationError

    from pairkit.errors import Problem
    from pairkit.steps.plan import Bilan

    doc = load_document(path)
    try:
        Bilan.model_validate(to_plain(doc))
    except ValidationError as exc:
        raise ProjectFileError([
            Problem(path, ".".join(str(p) for p in err["loc"]), french_error(err),
                    line_of(doc, tuple(err["loc"])))
            for err in exc.errors()
        ]) from None
    plain = to_plain(doc)
    answers: dict[str, Any] = {}
    for question in content.questions:
        key = question.name.removeprefix(f"bilans.{milestone_id}.")
        if plain.get(key) is not None:
            try:
                answers[question.name] = parse_answer(question, plain[key])
            except ValueError as exc:
                raise ProjectFileError([Problem(path, key, str(exc), line_of(doc, (key,)))]) from None
    return answers


def _current(project: Project, step: Step) -> tuple[Any, dict[str, Any]]:
    if project.has(step):
        loaded: LoadedStep = project.load(step)
        return loaded.doc, dict(loaded.answers)
    return _new_document(step), {}


def _resolve_choices(project: Project, content: StepContent) -> StepContent:
    """Questions whose choices are another step's answers (e.g. the fiche's missions)."""
    from pairkit.steps import step_named

    questions = []
    for question in content.questions:
        if question.choices_from:
            step_id, field = question.choices_from.split(".", 1)
            source = step_named(step_id)
            values = project.answers(source).get(field) if project.has(source) else None
            if not values:
                continue  # nothing to choose from: the question does not apply
            question = question.model_copy(
                update={"choices": [Choice(valeur=str(v)) for v in values]})
        questions.append(question)
    return content.model_copy(update={"questions": questions})


def run_step(
    project: Project,
    step: Step,
    *,
    provided: Mapping[str, Any] | None = None,
    interactive: bool,
    content: StepContent | None = None,
    resume: str | None = None,
) -> Outcome:
    """Ask a step's questions (or `content`, questions stored in the step's file)."""
    check_requirements(project, step)
    doc, answers = _current(project, step)
    content = _resolve_choices(project, content or step.content())
    order = [q.name for q in content.questions]
    path = project.file(step)
    given = dict(provided or {})
    plain = to_plain(doc)
    for question in content.questions:
        raw = get_path(plain, question.name)
        if question.name not in answers and raw is not None:
            # A wrong value was already reported by the typed model when the file was loaded.
            with contextlib.suppress(ValueError):
                answers[question.name] = parse_answer(question, raw)

    if not interactive:
        answers.update(given)
        missing = unanswered(content.questions, answers)
        if missing:
            raise missing_error(step, missing)
        if given:  # with nothing given, the file stays as it is: only the document is redone
            for question in content.questions:
                if question.name in given:
                    write_answer(doc, order, question.name, given[question.name])
            project.root.mkdir(parents=True, exist_ok=True)
            save_document(path, doc)
            project.forget(step)
        return Outcome(step, path, len(given), True)

    session = _Session(project, step, doc, answers, order, content)
    try:
        if content.intro:
            prompts.say(f"\n{content.title}\n{content.intro}\n", style="bold")
        for question in content.questions:
            session.handle(question, given)
        for control in content.controls:
            while (failure := control.failure(session.answers)) is not None:
                prompts.say(f"⚠ {failure}", style="fg:ansiyellow")
                for name in control.revisit:
                    question = next(q for q in content.questions if q.name == name)
                    session.handle(question, {}, force=True)
    except (KeyboardInterrupt, EOFError):
        raise InterviewInterrupted(
            f"{session.saved} réponse(s) enregistrée(s) dans « {path} » : "
            "rien n'est perdu.",
            hint=f"Pour reprendre : « {resume or f'pairkit {step.command} {project.root}'} » "
            "(les réponses déjà données sont proposées par défaut).",
        ) from None
    return Outcome(step, path, session.saved, not unanswered(content.questions, session.answers))


class _Session:
    def __init__(self, project: Project, step: Step, doc: Any, answers: dict[str, Any],
                 order: list[str], content: StepContent) -> None:
        self.project, self.step, self.doc, self.answers, self.order = project, step, doc, answers, order
        self.content = content
        self.saved = 0

    def _default(self, question: Question) -> Any:
        current = self.answers.get(question.name)
        if is_answered(current):
            return current
        if self.step.computed_defaults is not None:
            computed = self.step.computed_defaults(self.project, self.answers)
            if question.name in computed:
                return computed[question.name]
        return question.default

    def handle(self, question: Question, given: Mapping[str, Any], force: bool = False) -> None:
        if not question.applies(self.answers):
            return
        if question.name in given and not force:
            value = given[question.name]
        elif question.kind == "par_element":
            value = self._per_element(question)
        elif question.suggestions:
            value = prompts.ask(question, self._default(question), self._suggestions(question))
        else:
            value = prompts.ask(question, self._default(question))
        self.answers[question.name] = value
        self.save(question.name, value)

    def _suggestions(self, question: Question) -> list[str]:
        from pairkit.resources import load_checklist
        from pairkit.steps import step_named

        sector = self.project.answers(step_named("cadrage")).get("secteur")
        by_sector = load_checklist(question.suggestions or "").get("secteurs") or {}
        return [str(item) for item in (by_sector.get(sector) or {}).get(question.name, [])]

    def _per_element(self, question: Question) -> dict[str, str]:
        content = self.content
        existing = self.answers.get(question.name) or {}
        result: dict[str, str] = {}
        if question.help:
            prompts.say(f"  {question.help}", style="italic")
        for source_name in question.source:
            source = next(q for q in content.questions if q.name == source_name)
            for item in lookup(self.answers, source_name) or []:
                label = source.label_of(item)
                typed = prompts.ask_text(f"{question.message} « {label} » :",
                                         default=str(existing.get(item, "")))
                if typed.strip():
                    result[item] = typed.strip()
        return result

    def save(self, name: str, value: Any) -> None:
        write_answer(self.doc, self.order, name, value)
        save_document(self.project.file(self.step), self.doc)
        self.project.forget(self.step)
        self.saved += 1
