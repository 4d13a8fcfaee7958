"""Notes are kept for a set time: `pairkit purger` removes meeting notes of ended recruitments.

The time runs from the date a recruitment was closed (or abandoned): the method's
`conservation_notes_annees`, or the consultant's own in `config.yaml`. What a review's notes
are is the method's `notes_purgees`; the review's date stays, so the meeting still counts as held.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pairkit.dates_fr import add_months
from pairkit.files import cache
from pairkit.files.locking import project_lock
from pairkit.files.project import Project
from pairkit.files.settings import settings
from pairkit.files.yamlfiles import save_document
from pairkit.method import lifecycle, plan
from pairkit.workflow import find_projects


@dataclass(frozen=True)
class Expired:
    """A recruitment whose notes have outlived their retention, and what would go."""

    root: Path
    ended: dt.date
    until: dt.date
    notes: dict[str, list[str]]  # milestone title → note fields


def retention_years() -> int:
    """How many years notes stay after a recruitment ended."""
    own = settings().get("conservation_notes_annees")
    return int(own if own is not None else lifecycle.setting("conservation_notes_annees") or 2)


def _folders(root: Path) -> list[Path]:
    """The recruitments under `root`: a structure's folder holds its own and its further ones."""
    return [root] if Project(root).is_further_recruitment() else find_projects(root)


def expired(root: Path, today: dt.date | None = None) -> list[Expired]:
    """Every recruitment under `root` (or `root` itself) with notes past their retention."""
    today = today or dt.date.today()
    years = retention_years()
    ended_states = [str(s) for s in lifecycle.setting("etats_termines") or []]
    fields = [str(f) for f in lifecycle.setting("notes_purgees") or []]
    titles = plan.milestone_titles()
    found = []
    for folder in _folders(root):
        project = Project(folder)
        now = lifecycle.current(project)
        if now is None or now.etat not in ended_states or not project.has(plan.STEP):
            continue
        until = add_months(now.date, 12 * years)
        if until > today:
            continue
        notes = {}
        for milestone, review in project.load(plan.STEP).model.bilans.items():
            held = [f for f in fields if getattr(review, f, None) not in (None, "", [], {})]
            if held:
                notes[titles.get(milestone, milestone)] = held
        if notes:
            found.append(Expired(folder, now.date, until, notes))
    return found


def purge(items: list[Expired]) -> int:
    """Remove the listed notes, project by project; how many reviews were emptied."""
    fields = [str(f) for f in lifecycle.setting("notes_purgees") or []]
    count = 0
    for item in items:
        project = Project(item.root)
        with project_lock(item.root):
            loaded = project.load_for_writing(plan.STEP)
            for review in (loaded.doc.get("bilans") or {}).values():
                removed = [f for f in fields if f in review]
                for field in removed:
                    del review[field]
                count += bool(removed)
            path = project.file(plan.STEP)
            save_document(path, loaded.doc)
            cache.forget(path)
            cache.forget(item.root)
            project.forget(plan.STEP)
    return count
