"""The accompaniment as a whole: runs steps, chains the first ones, reports where a project stands.

One function per CLI command; each returns data the CLI prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pairkit.documents import freshness
from pairkit.documents.outputs import Written
from pairkit.errors import (
    FileAccessError,
    MissingAnswers,
    PairkitError,
    Problem,
    ProjectFileError,
    ProjectNotFound,
    StepNotReady,
)
from pairkit.files.checklists import steady_method
from pairkit.files.locking import folder_locks, project_lock
from pairkit.files.project import STRUCTURE_FILE, Project, slugify
from pairkit.method.alerts import Vigilance
from pairkit.method.lifecycle import (
    CHANGE,
    LIFE,
    Change,
    Standing,
    create_recruitment,
    record_change,
)
from pairkit.method.lifecycle import standing as recruitment_standing
from pairkit.method.lifecycle import title as recruitment_title
from pairkit.method.registry import (
    ALL_STEPS,
    HEADER_STEP,
    NEW_PROJECT_STEPS,
    declared_name,
    project_vigilance,
    step_for_command,
    step_named,
    structure_header,
)
from pairkit.method.step import Step
from pairkit.questions.types import parse_answer

if TYPE_CHECKING:  # the interview engine (and its prompts) load only for commands that ask
    from pairkit.interview.engine import Outcome


@dataclass
class StepResult:
    """A step run: its interview's outcome, the documents written, its points de vigilance."""

    outcome: Outcome
    documents: list[Written]
    warnings: list[Vigilance] = field(default_factory=list)


def _finish(project: Project, step: Step[Any], outcome: Outcome) -> StepResult:
    from pairkit.documents.render import render_step

    if not outcome.complete:
        return StepResult(outcome, [], [])
    written = render_step(project, step, structure_header(project))
    warnings = step.vigilance(project) if step.vigilance is not None else []
    return StepResult(outcome, written, warnings)


def run_one(root: Path, command: str, reponses: Path | None, interactive: bool,
            only: list[str] | None = None, pick: bool = False) -> StepResult:
    """Run one step's interview (or take its answers from a file), then write its document.

    `only` names the answers to change, straight away (`pairkit modifier`); `pick` shows the
    step's answers to choose from (`pairkit modifier` without a question).
    """
    from pairkit.interview.engine import load_provided, run_step

    project = Project.open(root)
    try:
        step = step_for_command(command)
    except KeyError:
        step = step_named(command.replace("-", "_")) if command.replace("-", "_") in \
            [s.id for s in ALL_STEPS] else _unknown_step(command)
    if (only or pick) and not interactive:
        raise MissingAnswers(
            "« pairkit modifier » pose la question : il lui faut un terminal.",
            hint=f"Modifiez « {project.file(step)} » à la main, puis « pairkit verifier » et "
            "« pairkit documents ».")
    provided = load_provided(step, reponses) if reponses is not None else None
    with _locks_for(project, step):
        outcome = run_step(project, step, provided=provided, interactive=interactive, only=only,
                           pick=pick)
        return _finish(project, step, outcome)


def _locks_for(project: Project, *steps: Step[Any]) -> AbstractContextManager[None]:
    """The project's lock, and that of each folder holding a file these steps write."""
    return folder_locks([project.root, *(project.file(step).parent for step in steps)])


def _unknown_step(command: str) -> Any:
    names = ", ".join(s.command for s in ALL_STEPS)
    raise PairkitError(f"Étape « {command} » inconnue.", hint=f"Étapes : {names}.")


def record_review(root: Path, command: str, review: str, reponses: Path | None,
                  interactive: bool) -> StepResult:
    """Record what came out of one of a step's meetings; write what the review asks for."""
    from pairkit.documents.render import render_extra
    from pairkit.interview.engine import run_step

    project = Project.open(root)
    step = step_for_command(command)
    reviews = step.reviews
    if reviews is None:
        raise PairkitError(f"L'étape « {step.label} » n'a pas de rendez-vous à noter.")
    review_id = review.strip().lower()
    if review_id not in reviews.ids():
        raise PairkitError(f"Rendez-vous « {review} » inconnu.",
                           hint=f"Rendez-vous possibles : {', '.join(reviews.ids())}.")
    if not project.has(step):
        raise StepNotReady(f"L'étape « {step.label} » n'est pas encore faite.",
                           hint=f"Lancez d'abord « pairkit {step.command} {root} ».")
    content = reviews.content(project, review_id)
    provided = reviews.read_file(content, review_id, reponses) if reponses is not None else None
    with project_lock(root):
        outcome = run_step(project, step, provided=provided, interactive=interactive,
                           content=content,
                           resume=f"pairkit {step.command} {root} --bilan {review_id}")
        result = _finish(project, step, outcome)
        if outcome.complete:
            header = structure_header(project)
            result.documents.extend(render_extra(project, extra, header)
                                    for extra in reviews.after(project, review_id))
    return result


def _folder_answers(folder: Path) -> dict[str, dict[str, Any]]:
    from pairkit.interview.engine import load_provided

    if not folder.is_dir():
        raise ProjectNotFound(
            f"« {folder} » n'est pas un dossier.",
            hint="Pour « new-project », --reponses attend un dossier contenant des fichiers "
            "d'étape (structure.yaml, diagnostic.yaml…), comme ceux d'examples/.",
        )
    found = {step.id: load_provided(step, folder / step.filename)
             for step in ALL_STEPS if (folder / step.filename).is_file()}
    if not found:
        raise PairkitError(
            f"Aucun fichier d'étape dans « {folder} ».",
            hint="Le dossier doit contenir au moins structure.yaml.",
        )
    return found


def project_root_for(dossier: Path | None, reponses: Path | None,
                     interactive: bool) -> tuple[Path, str | None]:
    """The project folder, and the structure's name when it had to be asked for it."""
    if dossier is not None:
        return dossier, None
    name = None
    if reponses is not None:
        name = _folder_answers(reponses).get(HEADER_STEP.id, {}).get(HEADER_STEP.name_field or "")
    asked = None
    if name is None and interactive:
        from pairkit.interview import prompts

        try:
            asked = prompts.ask_text(
                "Nom de la structure (il servira aussi à nommer le dossier du projet) :").strip()
        except (KeyboardInterrupt, EOFError):
            raise PairkitError("Arrêté avant la création du projet : rien n'a été écrit.") from None
        name = asked
    if not name:
        raise PairkitError(
            "Indiquez le dossier du projet.",
            hint="Exemple : « pairkit new-project chrs-les-tilleuls ».",
        )
    return _free_folder(Path(), str(name), interactive), asked


def _resume_it(folder: Path, name: str) -> bool:
    """Ask whether to resume the structure's project or start another recruitment beside it."""
    from pairkit.interview import prompts

    try:
        return prompts.ask_choice(
            f"« {name} » a déjà un projet (dossier « {folder} »). Que voulez-vous faire ?",
            [("reprendre", "Reprendre ce projet"),
             ("nouveau", "Commencer un nouveau recrutement pour cette structure, à côté")],
        ) == "reprendre"
    except (KeyboardInterrupt, EOFError):
        raise PairkitError("Arrêté avant la création du projet : rien n'a été écrit.") from None


def _free_folder(parent: Path, name: str, interactive: bool = False) -> Path:
    """The structure's own folder: the same name resumes it (or, if asked, a new recruitment
    beside it), another structure gets « -2 ». The path is given as typed, relative here."""
    base = slugify(name)
    for index in range(1, 100):
        folder = parent / (base if index == 1 else f"{base}-{index}")
        if not folder.exists():
            return folder
        try:
            same = declared_name(Project(folder)) == name
        except ProjectFileError:
            same = False
        if same and not interactive:
            return folder
        if same:
            if _resume_it(folder, name):
                return folder
            # Another recruitment of the same structure: beside the first, sharing its cadrage.
            return create_recruitment(folder, None).root
    raise PairkitError(f"Trop de dossiers nommés « {base} » ici.",
                       hint="Indiquez le dossier du projet : pairkit new-project DOSSIER.")


def new_project(
    dossier: Path | None,
    reponses: Path | None,
    interactive: bool,
    on_step_done: Any = None,
    ask_next: Any = None,
) -> tuple[Project, list[StepResult]]:
    """Create (or resume) a project and run the first steps of the method.

    `on_step_done(result)` lets the CLI print as each step ends; `ask_next(step)` asks
    whether to go on (interactive only).
    """
    from pairkit.interview.engine import missing_error, run_step

    root, asked_name = project_root_for(dossier, reponses, interactive)
    if root.exists() and not root.is_dir():
        raise PairkitError(f"« {root} » existe déjà et n'est pas un dossier.",
                           hint="Choisissez un autre nom de dossier.")
    given = _folder_answers(reponses) if reponses is not None else {}
    project = Project(root)
    if given:
        steps = [s for s in ALL_STEPS if s.id in given]
        if not interactive:
            # Refuse before writing anything when some step would lack answers.
            for step in steps:
                current = project.answers(step) if project.has(step) else {}
                missing = step.missing({**current, **given[step.id]})
                if missing:
                    raise missing_error(step, missing)
    else:
        steps = [s for s in NEW_PROJECT_STEPS if not (root.is_dir() and project.is_complete(s))]
    results: list[StepResult] = []
    with _locks_for(project, *steps):
        for index, step in enumerate(steps):
            provided = given.get(step.id)
            if step.name_field and asked_name:
                provided = {**(provided or {}), step.name_field: asked_name}
            outcome = run_step(project, step, provided=provided, interactive=interactive)
            result = _finish(project, step, outcome)
            results.append(result)
            if on_step_done is not None:
                on_step_done(result)
            following = steps[index + 1] if index + 1 < len(steps) else None
            # Asked only before a step held at a meeting of its own (the team's workshop);
            # otherwise the next step follows, and Ctrl-C stops with nothing lost.
            if following is not None and not given and ask_next is not None \
                    and following.info.new_meeting and not ask_next(following):
                break
    return project, results


@dataclass
class StepStatus:
    """Where one step stands in a project."""

    step: Step[Any]
    state: str  # "faite", "en cours", "à faire", "invalide"
    missing: list[str]
    document: Path | None
    problems: list[Problem]


@dataclass
class Status:
    """Where a project stands: its steps, its points de vigilance, its structure's name."""

    project: Project
    steps: list[StepStatus]
    warnings: list[Vigilance]
    structure: str | None = None
    # The state the consultant set, and this recruitment's own name among the structure's.
    standing: Standing | None = None
    title: str | None = None

    @property
    def next_step(self) -> Step[Any] | None:
        """The first step not done yet."""
        for status in self.steps:
            if status.state != "faite":
                return status.step
        return None


def status(root: Path) -> Status:
    """Each step's state (faite, en cours, à faire, invalide) and the project's points."""
    project = Project.open(root)
    rows: list[StepStatus] = []
    for step in ALL_STEPS:
        document = project.documents_dir / step.document
        shown_doc = document if document.is_file() else None
        if not project.has(step):
            rows.append(StepStatus(step, "à faire", [], shown_doc, []))
            continue
        try:
            missing = [q.name for q in project.missing(step)]
        except ProjectFileError as exc:
            rows.append(StepStatus(step, "invalide", [], shown_doc, exc.problems))
            continue
        rows.append(StepStatus(step, "en cours" if missing else "faite", missing, shown_doc, []))
    structure = declared_name(project) if rows[0].state not in ("à faire", "invalide") else None
    try:
        standing, title = recruitment_standing(project), recruitment_title(project)
    except ProjectFileError as exc:
        rows.append(StepStatus(LIFE, "invalide", [], None, exc.problems))
        standing, title = None, None
    return Status(project, rows, project_vigilance(project), structure, standing, title)


def verify(root: Path) -> tuple[Project, list[Problem], int]:
    """Every problem of every file of the project, and how many files were read."""
    project = Project.open(root)
    steps = (*ALL_STEPS, LIFE)
    present = sum(1 for step in steps if project.has(step))
    if present == 0:
        raise ProjectNotFound(
            f"« {root} » ne contient aucun fichier de projet pairkit.",
            hint=f"Créez le projet avec « pairkit new-project {root} ».",
        )
    return project, project.problems(steps), present


def documents(root: Path) -> tuple[list[Written], list[str]]:
    """Regenerate every document of a project from its files; the reasons some were skipped."""
    from pairkit.documents.render import render_all

    project = Project.open(root)
    problems = project.problems(ALL_STEPS)
    if problems:
        raise ProjectFileError(problems)
    if not project.has(HEADER_STEP):
        raise ProjectNotFound(
            f"« {root} » n'a pas de fichier structure.yaml : pas de document possible.",
            hint=f"Commencez par « pairkit new-project {root} ».",
        )
    with project_lock(root):
        written, skipped = render_all(project, ALL_STEPS, structure_header(project))
        freshness.remember(root, [str(item.path) for item in written], skipped)
        return written, skipped


def find_projects(root: Path) -> list[Path]:
    """Every recruitment below `root`: each folder holding a structure.yaml, and after it the
    further recruitments its folder holds.

    A folder that cannot be read is listed too, where a project could be: whoever reads the
    projects then names it with its reason, instead of leaving it out without a word.
    """
    if not root.is_dir():
        raise ProjectNotFound(f"Le dossier « {root} » n'existe pas.",
                              hint="Indiquez le dossier qui contient vos projets.")
    found: list[Path] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            found.append(folder)  # unreadable: Project.open will say why
            continue
        names = {entry.name for entry in entries}
        children = [Path(entry.path) for entry in entries
                    if not entry.name.startswith(".") and _is_folder(entry)]
        if STRUCTURE_FILE in names:
            found.append(folder)
            found.extend(child for child in children if _further(child))
        folders.extend(reversed(children))
    return list(dict.fromkeys(found))


# Windows' hidden or system folders (FILE_ATTRIBUTE_HIDDEN, _SYSTEM): the junctions « Ma
# musique »… of a Documents folder refuse to be listed, and hold no project.
_HIDDEN_OR_SYSTEM = 0x2 | 0x4


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder to look for projects in: no link, no junction, nothing Windows hides."""
    try:
        if not entry.is_dir(follow_symlinks=False) or getattr(entry, "is_junction", bool)():
            return False
        attributes = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    except OSError:
        return False
    return not attributes & _HIDDEN_OR_SYSTEM


def _further(child: Path) -> bool:
    try:
        return Project(child).is_further_recruitment()
    except OSError:
        return True  # unreadable inside a structure's folder: named by whoever reads it


def set_state(root: Path, provided: dict[str, str], reponses: Path | None,
              interactive: bool) -> Change | None:
    """Ask (or take) the recruitment's new state and add it to its history.

    `provided` holds the change's answers as typed on the command line (etat, date, raison).
    """
    import datetime as dt

    from pairkit.interview.engine import load_provided, run_step

    project = Project.open(root)
    if not project.has(HEADER_STEP):
        raise ProjectNotFound(f"« {root} » n'est pas un projet pairkit (pas de structure.yaml).",
                              hint=f"Créez-le avec « pairkit nouveau-projet {root} ».")
    given = load_provided(LIFE, reponses) if reponses is not None else {}
    for question in LIFE.content().questions:
        key = question.name.removeprefix(f"{CHANGE}.")
        raw = provided.get(key)
        if raw is None:
            continue
        try:
            given[question.name] = parse_answer(question, raw)
        except ValueError as exc:
            raise PairkitError(f"{question.message} : {exc}", hint="Corrigez la valeur et "
                               "relancez ; rien n'a été modifié.") from None
    if given and f"{CHANGE}.date" not in given:
        given[f"{CHANGE}.date"] = dt.date.today()
    with project_lock(root):
        outcome = run_step(project, LIFE, provided=given or None, interactive=interactive,
                           resume=f"pairkit etat {root}")
        return record_change(project) if outcome.complete else None


def new_recruitment(structure: Path, name: str | None) -> Project:
    """Another recruitment of a structure, in a folder of its own inside the structure's."""
    Project.open(structure)
    if not (structure / STRUCTURE_FILE).is_file():
        raise ProjectNotFound(
            f"« {structure} » n'est pas le dossier d'une structure (pas de structure.yaml).",
            hint="Indiquez le dossier du premier recrutement de la structure, celui qui contient "
            "structure.yaml.")
    with project_lock(structure):
        created = create_recruitment(structure, name)
        _inherit(Project(structure), created)
        return created


def inherited(project: Project) -> list[str]:
    """The questions a further recruitment took from its structure's first one (their text)."""
    return [q.message for step in ALL_STEPS if not step.shared and project.has(step)
            for q in step.content().questions
            if q.inherited and project.answers(step).get(q.name) is not None]


def _inherit(structure: Project, created: Project) -> None:
    """What is the structure's rather than the post's, written ahead in the new recruitment's
    step files: its interview then asks only the rest (see `herite` in the checklists)."""
    from pairkit.files.yamlfiles import new_document, save_document, write_answer
    from pairkit.questions.schema import SCHEMA_VERSION

    for step in ALL_STEPS:
        questions = [q for q in step.content().questions if q.inherited]
        if step.shared or not questions or not structure.has(step):
            continue
        source = structure.answers(step)
        given = {q.name: source[q.name] for q in questions if source.get(q.name) is not None}
        if not given:
            continue
        doc = new_document(step.label, SCHEMA_VERSION)
        order = [q.name for q in step.content().questions]
        for name, value in given.items():
            write_answer(doc, order, name, value)
        save_document(created.file(step), doc)


@dataclass
class BatchItem:
    """One project of a batch run: what was written, skipped, or why it failed."""

    root: Path
    written: int
    skipped: list[str]
    error: str | None
    kept: list[Path] = field(default_factory=list)  # hand-edited versions set aside
    unchanged: bool = False  # nothing changed since its documents were written


def _documents_one(root: Path) -> BatchItem:
    try:
        kept = freshness.unchanged(root)
        if kept is not None:
            return BatchItem(root, 0, list(kept["non_generes"]), None, unchanged=True)
        written, skipped = documents(root)
    except PairkitError as exc:
        return BatchItem(root, 0, [], str(exc))
    except OSError as exc:  # a refusal met outside the reads that name their file already
        return BatchItem(root, 0, [], str(FileAccessError.from_os_error(exc)))
    return BatchItem(root, len(written), skipped, None, [w.kept for w in written if w.kept])


# Below this many projects a second process costs more than it saves.
PARALLEL_FROM = 24
T = TypeVar("T")


# A Word document leaves cycles of objects behind (python-docx's parts point to their
# package), which Python collects less and less often as they pile up: a batch collects them
# itself, so that its memory stays flat from 50 projects to 500.
COLLECT_EVERY = 10


class _Collecting:
    """`work`, and every COLLECT_EVERY projects the garbage of the process doing it collected."""

    done = 0  # per process: each worker counts its own

    def __init__(self, work: Callable[[Path], Any]) -> None:
        self.work = work

    def __call__(self, project: Path) -> Any:
        import gc

        result = self.work(project)
        _Collecting.done += 1
        if _Collecting.done % COLLECT_EVERY == 0:
            gc.collect()
        return result


def over_projects(work: Callable[[Path], T], projects: list[Path],
                  workers: int | None = None) -> Iterator[T]:
    """`work` done on every project, results in the projects' order; in two processes from
    PARALLEL_FROM projects on (`work` must then be a module's function, or a partial of one)."""
    import os

    work = _Collecting(work)

    count = workers if workers is not None else min(2, os.cpu_count() or 1)
    if count > 1 and len(projects) >= PARALLEL_FROM:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, len(projects) // (count * 8))
        # "spawn" everywhere: the way Windows and macOS start workers, so Linux tests it too.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            yield from pool.map(work, projects, chunksize=chunk)
        return
    with steady_method():
        for project in projects:
            yield work(project)


def documents_many(root: Path, on_progress: Any = None, workers: int | None = None) -> list[BatchItem]:
    """Regenerate the documents of every project under `root`, one error not stopping the rest."""
    projects = find_projects(root)
    if not projects:
        raise ProjectNotFound(f"Aucun projet pairkit sous « {root} ».",
                              hint="Un projet est un dossier contenant structure.yaml.")
    results: list[BatchItem] = []
    for item in over_projects(_documents_one, projects, workers):
        results.append(item)
        if on_progress is not None:
            on_progress(item)
    return results


def build_dossier(root: Path) -> Written:
    """The dossier d'accompagnement: every finished document in one Word file."""
    from pairkit.documents.dossier import build

    project = Project.open(root)
    problems = project.problems(ALL_STEPS)
    if problems:
        raise ProjectFileError(problems)
    with project_lock(root):
        return build(project, ALL_STEPS, structure_header(project))
