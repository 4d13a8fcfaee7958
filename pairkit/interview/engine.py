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

from pairkit.errors import (
    InterviewInterrupted,
    MissingAnswers,
    ProjectFileError,
    StepNotReady,
)
from pairkit.files.atomic import make_folder
from pairkit.files.project import Project
from pairkit.files.yamlfiles import load_document, new_document, save_document, to_plain, write_answer
from pairkit.interview import prompts
from pairkit.method.registry import step_named
from pairkit.method.step import Step
from pairkit.questions.guard import warning
from pairkit.questions.judgement import judge
from pairkit.questions.model import (
    Choice,
    Question,
    StepContent,
    get_path,
    is_answered,
    looks_like_a_name,
    lookup,
    unanswered,
)
from pairkit.questions.schema import SCHEMA_VERSION
from pairkit.questions.types import parse_answer, type_of


@dataclass
class Outcome:
    """How a step's interview ended: where its answers are, how many were saved."""

    step: Step[Any]
    path: Path
    saved: int
    complete: bool


def missing_error(step: Step[Any], missing: list[Question]) -> MissingAnswers:
    """The error naming every answer a run without a terminal lacks."""
    listing = "\n".join(f"  - {q.name} : {q.message}" for q in missing)
    return MissingAnswers(
        f"Réponses manquantes pour l'étape « {step.label} » (aucun terminal pour les "
        f"demander) :\n{listing}",
        hint="Ajoutez-les dans un fichier YAML et relancez avec « --reponses FICHIER.yaml », "
        "ou lancez la commande dans un terminal. Rien n'a été modifié.",
    )


def require_previous_steps(project: Project, step: Step[Any]) -> None:
    """Refuse a step whose prerequisite steps have no valid answers yet."""
    for required in step.requires:
        needed = step_named(required)
        if not project.has(needed):
            raise StepNotReady(
                f"L'étape « {step.label} » a besoin de l'étape « {needed.label} », "
                "qui n'est pas encore faite.",
                hint=f"Lancez d'abord « pairkit {needed.command} {project.root} ».",
            )
        project.load(needed)


def load_provided(step: Step[Any], path: Path) -> dict[str, Any]:
    """Answers given in a file of the step's own format (validated like a project file)."""
    doc = load_document(path)
    if "version_schema" not in doc:
        doc.insert(0, "version_schema", SCHEMA_VERSION)
    loaded, problems = step.validate(path, doc)
    if problems or loaded is None:
        raise ProjectFileError(problems)
    return loaded.answers


def _current(project: Project, step: Step[Any]) -> tuple[Any, dict[str, Any]]:
    if project.has(step):
        loaded = project.load_for_writing(step)
        return loaded.doc, dict(loaded.answers)
    return new_document(step.label, SCHEMA_VERSION), {}


def _resolve_choices(project: Project, content: StepContent) -> StepContent:
    """Questions whose choices are another step's answers (e.g. the fiche's missions)."""
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


def _read_stored(content: StepContent, plain: Mapping[str, Any], answers: dict[str, Any]) -> None:
    """Answers the file holds for `content` (review questions live inside the step's file)."""
    for question in content.questions:
        raw = get_path(plain, question.name)
        if question.name not in answers and raw is not None:
            # A wrong value was already reported by the typed model when the file was loaded.
            with contextlib.suppress(ValueError):
                answers[question.name] = parse_answer(question, raw)


def _write_once(project: Project, step: Step[Any], content: StepContent, doc: Any,
                answers: dict[str, Any], given: dict[str, Any]) -> Outcome:
    """Without a terminal: refuse before writing if anything is missing, then write once."""
    missing = unanswered(content.questions, answers)
    if missing:
        raise missing_error(step, missing)
    path = project.file(step)
    if given:  # with nothing given, the file stays as it is: only the document is redone
        order = [q.name for q in content.questions]
        for question in content.questions:
            if question.name in given:
                write_answer(doc, order, question.name, given[question.name])
        make_folder(project.root)
        save_document(path, doc)
        project.forget(step)
    return Outcome(step, path, len(given), True)


def run_step(
    project: Project,
    step: Step[Any],
    *,
    provided: Mapping[str, Any] | None = None,
    interactive: bool,
    content: StepContent | None = None,
    resume: str | None = None,
    only: list[str] | None = None,
    pick: bool = False,
) -> Outcome:
    """Ask a step's questions (or `content`, questions stored in the step's file).

    A new step asks everything; an interrupted one goes on from the first unanswered question;
    a finished one first offers to change some answers, all of them, or none. `only` goes
    straight to the answers named; `pick` straight to the list of answers to change.
    """
    require_previous_steps(project, step)
    doc, answers = _current(project, step)
    content = _resolve_choices(project, content or step.content())
    order = [q.name for q in content.questions]
    path = project.file(step)
    given = dict(provided or {})
    _read_stored(content, to_plain(doc), answers)
    if not interactive:
        return _write_once(project, step, content, doc, {**answers, **given}, given)
    session = _Session(project, step, doc, answers, order, content)
    try:
        chosen = (pick_answers(content, answers) if pick and _finished(content, answers)
                  else _to_ask(content, answers, only, bool(given)))
        # Named by the consultant (`modifier`, « modifier certaines réponses »): asked even when
        # an earlier step's answer could be taken over.
        session.explicit = set(chosen or []) if only or pick or _finished(content, answers) else set()
        if chosen is None and content.intro:
            prompts.say(f"\n{content.title}\n{content.intro}\n", style="bold")
        session.ask_all(chosen, given)
        for control in content.controls:
            while (failure := control.failure(session.answers)) is not None:
                prompts.say(f"⚠ {failure}", style="fg:ansiyellow")
                session.revisit([q for q in content.questions if q.name in control.revisit])
    except (KeyboardInterrupt, EOFError):
        raise InterviewInterrupted(
            f"{session.saved} réponse(s) enregistrée(s) dans « {path} » : "
            "rien n'est perdu.",
            hint=f"Pour reprendre : « {resume or f'pairkit {step.command} {project.root}'} » "
            "(la suite reprend à la première question sans réponse).",
        ) from None
    return Outcome(step, path, session.saved, not unanswered(content.questions, session.answers))


def _to_ask(content: StepContent, answers: Mapping[str, Any], only: list[str] | None,
            given: bool) -> list[str] | None:
    """The questions to ask by name; None for all of them."""
    names = [q.name for q in content.questions]
    if only:
        unknown = [name for name in only if name not in names]
        if unknown:
            raise MissingAnswers(
                f"Question(s) inconnue(s) pour cette étape : {', '.join(unknown)}.",
                hint=f"Questions de l'étape : {', '.join(names)}.")
        return list(only)
    stored = [q for q in content.questions if q.name in answers]
    if given or not stored:
        return None
    if unanswered(content.questions, answers):  # interrupted: go on where it stopped
        return [q.name for q in content.questions
                if q.applies(answers) and not is_answered(answers.get(q.name))
                and answers.get(q.name) is not False]
    return _pick_changes(content, answers)


def _finished(content: StepContent, answers: Mapping[str, Any]) -> bool:
    return any(q.name in answers for q in content.questions) and not unanswered(content.questions, answers)


def _pick_changes(content: StepContent, answers: Mapping[str, Any]) -> list[str] | None:
    """A finished step: the consultant says which answers to change."""
    choice = prompts.ask_choice("Cette étape est faite. Que voulez-vous faire ?", [
        ("choisir", "Modifier certaines réponses"),
        ("tout", "Tout reprendre, question par question"),
        ("rien", "Rien : régénérer le document"),
    ])
    if choice == "tout":
        return None
    if choice == "rien":
        return []
    return pick_answers(content, answers)


def pick_answers(content: StepContent, answers: Mapping[str, Any]) -> list[str]:
    """The answers to change, ticked in the step's list (typing filters it), each shown with
    the current answer."""
    rows = [(q.name, f"{q.message} — {summary(q, answers.get(q.name))}")
            for q in content.questions if q.applies(answers) and q.asked]
    return prompts.ask_many("Réponses à modifier", rows, search=True)


def _fits(question: Question, value: Any) -> bool:
    """A person's field is never filled with a sentence (« La cheffe de service… »)."""
    return not question.person or looks_like_a_name(value)


def summary(question: Question, value: Any) -> str:
    """An answer in a few words, for the list of answers."""
    if value is None or value == [] or value == {}:
        return "sans réponse"
    shown = type_of(question).show(question, value)
    if isinstance(value, bool):
        shown = "oui" if value else "non"
    if isinstance(shown, list):
        shown = " ; ".join(str(item) for item in shown)
    if isinstance(shown, dict):
        shown = f"{len(shown)} réponse(s)"
    text = " ".join(str(shown).split())
    return text if len(text) <= 60 else text[:59] + "…"


class _Session:
    def __init__(self, project: Project, step: Step[Any], doc: Any, answers: dict[str, Any],
                 order: list[str], content: StepContent) -> None:
        self.project, self.step, self.doc, self.answers, self.order = project, step, doc, answers, order
        self.content = content
        self.saved = 0
        self.explicit: set[str] = set()

    def _default(self, question: Question) -> Any:
        current = self.answers.get(question.name)
        if is_answered(current):
            return current
        if self.step.computed_defaults is not None:
            computed = self.step.computed_defaults(self.project, self.answers)
            if question.name in computed and _fits(question, computed[question.name]):
                return computed[question.name]
        return question.default

    def _taken(self, question: Question) -> tuple[Any, str] | None:
        """The answer an earlier step (or the step's own computation) already gives, and where
        it comes from; None when it must be asked."""
        if not question.taken_from or question.name in self.explicit \
                or is_answered(self.answers.get(question.name)):
            return None
        if question.taken_from == "calcul":
            if self.step.computed_defaults is None:
                return None
            value = self.step.computed_defaults(self.project, self.answers).get(question.name)
            origin = "déduit des réponses"
        else:
            step_id, path = question.taken_from.split(".", 1)
            source = step_named(step_id)
            if not self.project.has(source):
                return None
            value = lookup(self.project.answers(source), path)
            origin = f"repris de l'étape « {source.label} »"
        if not is_answered(value) or not _fits(question, value):
            return None
        return value, origin

    def ask_all(self, chosen: list[str] | None, given: Mapping[str, Any]) -> None:
        """Ask the chosen questions (all when None), then those the new answers make relevant.

        An answer whose question no longer applies is taken out of the file, and said so.
        """
        before = {q.name for q in self.content.questions if q.applies(self.answers)}
        done: set[str] = set()
        for question in self.content.questions:
            if question.name in done:
                continue
            if chosen is None or question.name in chosen:
                group = self._screen_of(question, chosen, given)
                if len(group) > 1:
                    self.ask_screen(group)
                    done.update(q.name for q in group)
                    continue
                self.handle(question, given)
            elif question.applies(self.answers) and question.name not in before \
                    and not is_answered(self.answers.get(question.name)):
                self.handle(question, given)  # made relevant by an answer just changed
        for question in self.content.questions:
            # Only what this session's answers made irrelevant: an older file may hold answers
            # whose condition was never answered (kept as they are).
            if question.name in before and question.name in self.answers \
                    and not question.applies(self.answers) \
                    and self.answers.get(question.name) is not None:
                del self.answers[question.name]
                self.save(question.name, None, count=False)
                prompts.say(f"  « {question.message} » ne s'applique plus : réponse retirée.",
                            style="italic")

    def _screen_of(self, question: Question, chosen: list[str] | None,
                   given: Mapping[str, Any]) -> list[Question]:
        """The questions asked on the same screen as `question` (itself alone when none)."""
        if not question.screen or question.name in given:
            return [question]
        assumed = dict(self.answers)
        mates = [q for q in self.content.questions if q.screen == question.screen]
        for mate in mates:  # a mate's condition on another mate reads its proposed answer
            if mate.name not in assumed:
                assumed[mate.name] = self._default(mate)
        names = {q.name for q in mates}
        group = [q for q in mates if (chosen is None or q.name in chosen) and q.asked
                 and q.name not in given and self._taken(q) is None
                 and (q.applies(assumed) or set(q.condition or {}) <= names)]
        kinds = {type_of(q).name for q in group}
        if kinds == {"oui_non"} and not any(q.undecided for q in group):
            # Boxes: a box whose condition the proposed answers do not meet is not shown.
            group = [q for q in group if q.applies(assumed)]
        elif kinds & {"oui_non", "liste", "choix_multiples", "par_element"}:
            return [question]
        # One line: a part whose condition depends on the line itself (a CDD's length) is
        # offered, and dropped after if the line's answers do not call for it.
        return group if question in group else [question]

    def revisit(self, questions: list[Question]) -> None:
        """Ask again the answers a control refused: on their shared screen when they have one."""
        screens = {q.screen for q in questions}
        if len(questions) > 1 and len(screens) == 1 and None not in screens:
            self.ask_screen([q for q in questions if q.applies(self.answers)])
            return
        for question in questions:
            self.handle(question, {}, force=True)

    def ask_screen(self, group: list[Question]) -> None:
        """Several questions on one prompt; each answer saved as its own."""
        title = group[0].screen or ""
        if type_of(group[0]).name == "oui_non":
            rows = [(q.short or q.message, q.name, bool(self._default(q))) for q in group]
            ticked = set(prompts.ask_ticks(f"{title} (non coché : non)", rows))
            values: dict[str, Any] = {q.name: q.name in ticked for q in group}
        else:
            values = prompts.ask_parts(title, group, [self._default(q) for q in group])
        for question in group:
            self.answers[question.name] = values[question.name]
            self.save(question.name, values[question.name])
        for question in group:  # a mate whose condition the screen's answers undid
            if not question.applies(self.answers) and self.answers.get(question.name) is not None:
                del self.answers[question.name]
                self.save(question.name, None, count=False)

    def handle(self, question: Question, given: Mapping[str, Any], force: bool = False) -> None:
        if not question.applies(self.answers):
            return
        taken = None if force or question.name in given else self._taken(question)
        if taken is not None:
            value, origin = taken
            prompts.say(f"  {question.message} : {summary(question, value)} ({origin} ; "
                        "pairkit modifier pour le changer)", style="italic fg:ansibrightblack")
        elif question.name in given and not force:
            value = given[question.name]
        elif not question.asked:
            return
        elif type_of(question).per_item:
            value = self._per_element(question)
        elif question.suggestions and self.step.suggest is not None:
            value = prompts.ask(question, self._default(question),
                                self.step.suggest(self.project, question))
        else:
            value = self._screened(question, self._ask_warned(question))
        self.answers[question.name] = value
        self.save(question.name, value)

    def _screened(self, question: Question, value: Any) -> Any:
        """Each item the question's guard refuses or doubts, said in full; the consultant
        rephrases it, removes it, leaves it set aside, or keeps it with a written reason."""
        if not question.guard or not isinstance(value, list):
            return value
        kept = []
        for item in value:
            decided = self._decide(question, str(item))
            if decided is not None:
                kept.append(decided)
        return kept

    def _decide(self, question: Question, item: str) -> str | None:
        assert question.guard is not None
        while True:
            verdict = judge(question.guard, item)
            if self.step.judged is not None:
                verdict = self.step.judged(self.project, verdict)
            if verdict.outcome == "admise":
                return item
            prompts.say(f"⚠ {verdict.message()}", style="fg:ansiyellow")
            choices = ([("garder", "La garder : elle porte sur le travail"),
                        ("reformuler", "La reformuler"), ("retirer", "La retirer")]
                       if verdict.outcome == "incertaine" else
                       [("reformuler", "La reformuler"),
                        ("ecarter", "La laisser de côté : elle ne sera pas posée"),
                        ("retirer", "La retirer")])
            if verdict.outcome == "refusee" and question.justified_in and verdict.keepable:
                choices.append(("justifier", "La garder : la loi impose cette vérification "
                                             "pour le secteur (raison à écrire)"))
            choice = prompts.ask_choice("Que faire de cette question ?", choices)
            if choice == "reformuler":
                item = prompts.ask_text("Question reformulée :", default=item).strip() or item
                continue
            if choice == "retirer":
                return None
            if choice == "justifier" and not self._justify(question, item):
                continue
            return item

    def _justify(self, question: Question, item: str) -> bool:
        """Keep the written reason for keeping a refused item; False when none was written."""
        reason = prompts.ask_text("Pourquoi la garder (la loi qui l'impose) :").strip()
        if not reason or question.justified_in is None:
            return False
        reasons = dict(self.answers.get(question.justified_in) or {})
        reasons[item] = reason
        self.answers[question.justified_in] = reasons
        self.save(question.justified_in, reasons, count=False)
        return True

    def _ask_warned(self, question: Question) -> Any:
        """Ask; an answer holding words the question warns of is offered to be rephrased."""
        value = prompts.ask(question, self._default(question))
        while question.warn is not None:
            found = warning(question.warn.guard, question.warn.families, value)
            if found is None:
                break
            prompts.say(f"⚠ {found}", style="fg:ansiyellow")
            if not prompts.ask_yes_no("Reformuler cette réponse ?", default=True):
                break
            value = prompts.ask(question, value)
        return value

    def _per_element(self, question: Question) -> dict[str, str]:
        """One text per item of the source answers, each saved as soon as it is typed."""
        existing = dict(self.answers.get(question.name) or {})
        if question.help:
            prompts.say(f"  {question.help}", style="italic")
        items: list[str] = []
        for source_name in question.source:
            source = next(q for q in self.content.questions if q.name == source_name)
            for item in lookup(self.answers, source_name) or []:
                items.append(item)
                label = source.label_of(item)
                # A label that holds its own quotes (« le « messie » ») is not quoted again.
                named = f"— {label}" if "«" in label else f"« {label} »"
                typed = prompts.ask_text(f"{question.message} {named} :",
                                         default=str(existing.get(item, ""))).strip()
                if typed:
                    existing[item] = typed
                else:
                    existing.pop(item, None)
                self.answers[question.name] = existing
                self.save(question.name, existing, count=False)
        # Items no longer among the sources (a fear taken off the list) lose their text.
        return {item: existing[item] for item in items if item in existing}

    def save(self, name: str, value: Any, count: bool = True) -> None:
        """Write one answer to the step's file now, so an interruption loses nothing."""
        write_answer(self.doc, self.order, name, dict(value) if isinstance(value, dict) else value)
        save_document(self.project.file(self.step), self.doc)
        self.project.forget(self.step)
        if count:
            self.saved += 1
