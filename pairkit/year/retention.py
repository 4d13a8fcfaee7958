"""Notes are kept for a set time: `pairkit purger` removes meeting notes of ended recruitments.

The time runs from the date a recruitment was closed (or abandoned): the method's
`conservation_notes_annees`, or the consultant's own in `config.yaml`. What a review's notes
are is the method's `notes_purgees`; the review's date stays, so the meeting still counts as held.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

from pairkit.dates_fr import add_months
from pairkit.documents.dossier import NAME as DOSSIER_NAME
from pairkit.documents.render import render_step
from pairkit.errors import PairkitError, Problem, ProjectFileError
from pairkit.files import cache
from pairkit.files.locking import project_lock
from pairkit.files.project import Project
from pairkit.files.settings import settings
from pairkit.files.yamlfiles import save_document
from pairkit.method import lifecycle
from pairkit.method.registry import reviewed_step, structure_header
from pairkit.workflow import find_projects


@dataclass(frozen=True)
class Expired:
    """A recruitment whose notes have outlived their retention, and what would go."""

    root: Path
    ended: dt.date
    until: dt.date
    notes: dict[str, list[str]]  # milestone title → note fields
    documents: tuple[Path, ...]  # documents (and their PDFs) that may quote the notes


@dataclass(frozen=True)
class Unread:
    """A recruitment that could not be read, and why: named, never silently left out."""

    root: Path
    reason: str


@dataclass
class Purged:
    """What a purge did."""

    reviews: int                                  # reviews emptied of their notes
    removed: list[Path]                           # documents deleted
    remade: list[Path]                            # documents written again, without the notes
    skipped: list[Unread]                         # listed, but changed before the answer


def retention_years() -> int:
    """How many years notes stay after a recruitment ended."""
    own = settings().get("conservation_notes_annees")
    return int(own if own is not None else lifecycle.setting("conservation_notes_annees") or 2)


def _folders(root: Path) -> list[Path]:
    """The recruitments under `root`: a structure's folder holds its own and its further ones."""
    return [root] if Project(root).is_further_recruitment() else find_projects(root)


def _ended(project: Project) -> lifecycle.Change | None:
    """The change that ended the recruitment; None while it is not ended.

    A history out of the order of its dates (an end dated before the state it ends) would make
    notes purgeable at once: the file is refused, with its name.
    """
    changes = lifecycle.history(project)
    for before, after in itertools.pairwise(changes):
        if after.date < before.date:
            raise ProjectFileError([Problem(
                project.file(lifecycle.LIFE), None,
                f"l'historique n'est pas dans l'ordre des dates : « {after.etat} » le "
                f"{after.date:%d/%m/%Y} vient après « {before.etat} » le {before.date:%d/%m/%Y}. "
                "Corrigez la date, puis relancez")])
    ended_states = [str(s) for s in lifecycle.setting("etats_termines") or []]
    return changes[-1] if changes and changes[-1].etat in ended_states else None


def _documents(project: Project) -> tuple[Path, ...]:
    """The plan's document, the dossier that gathers it, their PDFs and the hand-edited copies
    pairkit set aside (« … (modifié le …) »): each may quote the notes."""
    stems = [Path(reviewed_step().document).stem, Path(DOSSIER_NAME).stem]
    folder = project.documents_dir
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return ()
    return tuple(folder / name for name in names
                 if name.endswith((".docx", ".pdf")) and name.startswith(tuple(stems)))


def _expired_one(folder: Path, today: dt.date, years: int) -> Expired | None:
    project = Project.open(folder)
    end = _ended(project)
    step = reviewed_step()
    if end is None or not project.has(step) or step.reviews is None:
        return None
    until = add_months(end.date, 12 * years)
    if until > today:
        return None
    fields = [str(f) for f in lifecycle.setting("notes_purgees") or []]
    labels = {str(k): str(v) for k, v in (lifecycle.setting("libelles_notes") or {}).items()}
    titles = step.reviews.titles()
    notes = {}
    for milestone, review in step.reviews.recorded(project.load(step).model).items():
        held = [labels.get(f, f) for f in fields if getattr(review, f, None) not in (None, "", [], {})]
        if held:
            notes[titles.get(milestone, milestone)] = held
    return Expired(folder, end.date, until, notes, _documents(project)) if notes else None


def expired(root: Path, today: dt.date | None = None) -> tuple[list[Expired], list[Unread]]:
    """Every recruitment under `root` (or `root` itself) with notes past their retention; and
    those that could not be read (the others are listed all the same)."""
    today = today or dt.date.today()
    years = retention_years()
    found: list[Expired] = []
    unread: list[Unread] = []
    for folder in _folders(root):
        try:
            item = _expired_one(folder, today, years)
        except PairkitError as exc:
            unread.append(Unread(folder, _reason(exc)))
            continue
        if item is not None:
            found.append(item)
    return found, unread


def _reason(exc: PairkitError) -> str:
    if isinstance(exc, ProjectFileError) and exc.problems:
        return "; ".join(str(problem) for problem in exc.problems)  # each names its file
    return exc.message


def purge(items: list[Expired], today: dt.date | None = None) -> Purged:
    """Remove the listed notes, project by project, under each project's lock.

    What was listed is read again under the lock: a recruitment changed since (reopened, a
    note added) is left as it is and named. The documents that may quote the notes are
    deleted, the plan's written again without them, and nothing kept from the project stays
    in the cache.
    """
    today = today or dt.date.today()
    fields = [str(f) for f in lifecycle.setting("notes_purgees") or []]
    result = Purged(0, [], [], [])
    for item in items:
        with project_lock(item.root):
            try:
                again = _expired_one(item.root, today, retention_years())
            except PairkitError as exc:
                result.skipped.append(Unread(item.root, _reason(exc)))
                continue
            if again != item:
                result.skipped.append(Unread(item.root, "le recrutement a changé depuis la liste "
                                             "(état, notes ou documents) : rien n'y a été supprimé"))
                continue
            _purge_one(Project(item.root), item, fields, result)
    return result


def _purge_one(project: Project, item: Expired, fields: list[str], result: Purged) -> None:
    step = reviewed_step()
    assert step.reviews is not None  # the step was found with its reviews when listed
    loaded = project.load_for_writing(step)
    count = 0
    for review in (loaded.doc.get(step.reviews.field) or {}).values():
        removed = [f for f in fields if f in review]
        for field in removed:
            del review[field]
        count += bool(removed)
    path = project.file(step)
    save_document(path, loaded.doc)
    project.forget(step)
    cache.forget(path)
    cache.forget(project.root)
    for document in item.documents:
        with contextlib.suppress(FileNotFoundError):
            document.unlink()
            result.removed.append(document)
    with contextlib.suppress(PairkitError):  # the notes are gone either way; `documents` remakes it
        result.remade.extend(written.path for written in
                             render_step(project, step, structure_header(project))
                             if written.path.suffix == ".docx")
    result.reviews += count
