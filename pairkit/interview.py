"""The interview engine: asks a step's questions, saves each answer as soon as it is given.

Non-interactive runs (`--reponses`, no terminal) compute everything first and write once,
so a refused run changes nothing.
"""

from __future__ import annotations

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
from pairkit.project import LoadedStep, Project, missing_answers, validate_step
from pairkit.questions import Question, is_answered, lookup
from pairkit.steps.base import Step
from pairkit.yamlfiles import load_document, save_document, to_yaml_value


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
    """Put one answer in the round-trip document, at its place in the question order."""
    from ruamel.yaml.comments import CommentedMap

    container, key, siblings = doc, name, order
    if "." in name:
        group, key = name.split(".", 1)
        if not isinstance(doc.get(group), Mapping):
            _insert(doc, [n.split(".")[0] for n in order], group, CommentedMap())
        container = doc[group]
        siblings = [n.split(".", 1)[1] for n in order if n.startswith(group + ".")]
    if not is_answered(value):
        if key in container:
            del container[key]
        return
    _insert(container, siblings, key, _yaml_text(to_yaml_value(value)))


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


def _current(project: Project, step: Step) -> tuple[Any, dict[str, Any]]:
    if project.has(step):
        loaded: LoadedStep = project.load(step)
        return loaded.doc, dict(loaded.answers)
    return _new_document(step), {}


def run_step(
    project: Project,
    step: Step,
    *,
    provided: Mapping[str, Any] | None = None,
    interactive: bool,
) -> Outcome:
    check_requirements(project, step)
    doc, answers = _current(project, step)
    content = step.content()
    order = [q.name for q in content.questions]
    path = project.file(step)
    given = dict(provided or {})

    if not interactive:
        answers.update(given)
        missing = missing_answers(step, answers)
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

    session = _Session(project, step, doc, answers, order)
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
            f"Entretien interrompu. {session.saved} réponse(s) enregistrée(s) dans « {path} » : "
            "rien n'est perdu.",
            hint=f"Pour reprendre : « pairkit {step.command} {project.root} » "
            "(les réponses déjà données sont proposées par défaut).",
        ) from None
    return Outcome(step, path, session.saved, not missing_answers(step, session.answers))


class _Session:
    def __init__(self, project: Project, step: Step, doc: Any, answers: dict[str, Any],
                 order: list[str]) -> None:
        self.project, self.step, self.doc, self.answers, self.order = project, step, doc, answers, order
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
        content = self.step.content()
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
