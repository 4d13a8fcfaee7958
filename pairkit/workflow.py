"""The accompaniment as a whole: runs steps, chains the first ones, reports where a project stands.

One function per CLI command; each returns data the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pairkit.errors import PairkitError, Problem, ProjectFileError, ProjectNotFound, StepNotReady
from pairkit.interview import Outcome, load_provided, missing_error, run_step
from pairkit.locking import project_lock
from pairkit.outputs import Written
from pairkit.project import Project, missing_answers, slugify
from pairkit.steps import ALL_STEPS, NEW_PROJECT_STEPS, step_named
from pairkit.steps.base import Step


@dataclass
class StepResult:
    outcome: Outcome
    documents: list[Written]
    warnings: list[Any] = field(default_factory=list)


def _finish(project: Project, step: Step, outcome: Outcome) -> StepResult:
    from pairkit.render import render_step

    written = render_step(project, step) if outcome.complete else []
    warnings = step.check(project) if step.check is not None and outcome.complete else []
    return StepResult(outcome, written, warnings)


def run_one(root: Path, step_id: str, reponses: Path | None, interactive: bool) -> StepResult:
    project = Project.open(root)
    step = step_named(step_id)
    provided = load_provided(step, reponses) if reponses is not None else None
    with project_lock(root):
        outcome = run_step(project, step, provided=provided, interactive=interactive)
        return _finish(project, step, outcome)


def record_review(root: Path, milestone: str, reponses: Path | None,
                  interactive: bool) -> StepResult:
    """Record what came out of one milestone meeting; at month 6, propose a revised fiche."""
    from pairkit.interview import load_review
    from pairkit.render import render_revised_fiche
    from pairkit.steps.fiche_de_poste import STEP as FICHE
    from pairkit.steps.plan import STEP as PLAN
    from pairkit.steps.plan import milestone_ids, review_questions

    project = Project.open(root)
    milestone_id = milestone.strip().lower()
    if milestone_id not in milestone_ids():
        raise PairkitError(f"Rendez-vous « {milestone} » inconnu.",
                           hint=f"Rendez-vous du plan : {', '.join(milestone_ids())}.")
    if not project.has(PLAN):
        raise StepNotReady("Le plan sur six mois n'est pas encore établi.",
                           hint=f"Lancez d'abord « pairkit plan {root} ».")
    content = review_questions(milestone_id, project)
    provided = load_review(content, milestone_id, reponses) if reponses is not None else None
    with project_lock(root):
        outcome = run_step(project, PLAN, provided=provided, interactive=interactive,
                           content=content, resume=f"pairkit plan {root} --bilan {milestone_id}")
        result = _finish(project, PLAN, outcome)
        if milestone_id == "m6" and outcome.complete and project.has(FICHE):
            result.documents.append(render_revised_fiche(project))
    return result


def _folder_answers(folder: Path) -> dict[str, dict[str, Any]]:
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
        name = _folder_answers(reponses).get("cadrage", {}).get("nom")
    asked = None
    if name is None and interactive:
        from pairkit import prompts

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
    return _free_folder(Path.cwd(), str(name)), asked


def _free_folder(parent: Path, name: str) -> Path:
    """The structure's own folder: the same name resumes it, another structure gets « -2 »."""
    from pairkit.yamlfiles import load_plain

    base = slugify(name)
    for index in range(1, 100):
        folder = parent / (base if index == 1 else f"{base}-{index}")
        structure = folder / "structure.yaml"
        if not folder.exists():
            return folder
        try:
            same = structure.is_file() and (load_plain(structure) or {}).get("nom") == name
        except ProjectFileError:
            same = False
        if same:
            return folder
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
                missing = missing_answers(step, {**current, **given[step.id]})
                if missing:
                    raise missing_error(step, missing)
    else:
        steps = [s for s in NEW_PROJECT_STEPS if not (root.is_dir() and project.is_complete(s))]
    results: list[StepResult] = []
    with project_lock(root):
        for index, step in enumerate(steps):
            provided = given.get(step.id)
            if step.id == "cadrage" and asked_name:
                provided = {**(provided or {}), "nom": asked_name}
            outcome = run_step(project, step, provided=provided, interactive=interactive)
            result = _finish(project, step, outcome)
            results.append(result)
            if on_step_done is not None:
                on_step_done(result)
            following = steps[index + 1] if index + 1 < len(steps) else None
            if following is not None and not given and ask_next is not None \
                    and not ask_next(following):
                break
    return project, results


@dataclass
class StepStatus:
    step: Step
    state: str  # "faite", "en cours", "à faire", "invalide"
    missing: list[str]
    document: Path | None
    problems: list[Problem]


@dataclass
class Status:
    project: Project
    steps: list[StepStatus]
    warnings: list[Any]
    structure: str | None = None

    @property
    def next_step(self) -> Step | None:
        for status in self.steps:
            if status.state != "faite":
                return status.step
        return None


def status(root: Path) -> Status:
    from pairkit.alerts import project_alerts

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
    structure = None
    cadrage = step_named("cadrage")
    if rows[0].state not in ("à faire", "invalide"):
        structure = str(project.answers(cadrage).get("nom") or "") or None
    return Status(project, rows, project_alerts(project), structure)


def verify(root: Path) -> tuple[Project, list[Problem], int]:
    project = Project.open(root)
    present = sum(1 for step in ALL_STEPS if project.has(step))
    if present == 0:
        raise ProjectNotFound(
            f"« {root} » ne contient aucun fichier de projet pairkit.",
            hint=f"Créez le projet avec « pairkit new-project {root} ».",
        )
    return project, project.check(ALL_STEPS), present


def documents(root: Path) -> tuple[list[Written], list[str]]:
    from pairkit.render import render_all

    project = Project.open(root)
    problems = project.check(ALL_STEPS)
    if problems:
        raise ProjectFileError(problems)
    if not project.has(step_named("cadrage")):
        raise ProjectNotFound(
            f"« {root} » n'a pas de fichier structure.yaml : pas de document possible.",
            hint=f"Commencez par « pairkit new-project {root} ».",
        )
    with project_lock(root):
        return render_all(project, ALL_STEPS)


def find_projects(root: Path) -> list[Path]:
    """Every project folder (one holding a structure.yaml) below `root`."""
    if not root.is_dir():
        raise ProjectNotFound(f"Le dossier « {root} » n'existe pas.",
                              hint="Indiquez le dossier qui contient vos projets.")
    return sorted(path.parent for path in root.rglob("structure.yaml")
                  if not any(part.startswith(".") for part in path.relative_to(root).parts))


@dataclass
class BatchItem:
    root: Path
    written: int
    skipped: list[str]
    error: str | None
    kept: list[Path] = field(default_factory=list)  # hand-edited versions set aside


def _documents_one(root: Path) -> BatchItem:
    try:
        written, skipped = documents(root)
    except PairkitError as exc:
        return BatchItem(root, 0, [], str(exc))
    return BatchItem(root, len(written), skipped, None, [w.kept for w in written if w.kept])


# Below this many projects a second process costs more than it saves.
PARALLEL_FROM = 24


def documents_many(root: Path, on_progress: Any = None, workers: int | None = None) -> list[BatchItem]:
    """Regenerate the documents of every project under `root`, one error not stopping the rest."""
    import os

    projects = find_projects(root)
    if not projects:
        raise ProjectNotFound(f"Aucun projet pairkit sous « {root} ».",
                              hint="Un projet est un dossier contenant structure.yaml.")
    count = workers if workers is not None else min(2, os.cpu_count() or 1)
    results: list[BatchItem] = []
    if count > 1 and len(projects) >= PARALLEL_FROM:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, len(projects) // (count * 8))
        # "spawn" everywhere: the way Windows and macOS start workers, so Linux tests it too.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            for item in pool.map(_documents_one, projects, chunksize=chunk):
                results.append(item)
                if on_progress is not None:
                    on_progress(item)
        return results
    for project in projects:
        item = _documents_one(project)
        results.append(item)
        if on_progress is not None:
            on_progress(item)
    return results


def build_dossier(root: Path) -> Written:
    from pairkit.dossier import build

    project = Project.open(root)
    problems = project.check(ALL_STEPS)
    if problems:
        raise ProjectFileError(problems)
    with project_lock(root):
        return build(project)
