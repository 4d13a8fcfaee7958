"""`pairkit suivi`: every project of a consultant in one table, what needs attention first."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from pairkit.dates_fr import long_date
from pairkit.errors import PairkitError, ProjectFileError
from pairkit.files import cache
from pairkit.files.checklists import method_digest, steady_method
from pairkit.files.project import SHARED_FILES, Project
from pairkit.files.settings import missing_root
from pairkit.files.settings import projects_root as projects_root
from pairkit.method.lifecycle import Standing, state_choices, state_label
from pairkit.method.registry import ALL_STEPS, HEADER_STEP, structure_header
from pairkit.workflow import find_projects, over_projects, status


@dataclass
class Row:
    """One project's line in the portfolio."""

    root: Path
    structure: str
    sector: str
    step: str
    blocking: int
    warnings: int
    next_date: dt.date | None
    next_label: str
    changed: dt.datetime
    invalid: bool = False
    state: str = ""          # the state's label, « non indiqué » when never set
    state_value: str = ""    # the state's value, for filtering
    department: str = ""     # the département's value, for filtering
    state_since: dt.date | None = None
    problem: str = ""        # why the folder could not be read at all

    def sort_key(self) -> tuple[object, ...]:
        """Broken projects first, then blocking points, points, the nearest meeting."""
        return (not self.invalid, -self.blocking, -self.warnings,
                self.next_date or dt.date.max, self.structure.lower())


def _next_meeting(project: Project, today: dt.date) -> tuple[dt.date | None, str]:
    """The earliest meeting to come that no review has recorded yet, from every step's calendar."""
    candidates: list[tuple[dt.date, str]] = []
    for step in ALL_STEPS:
        if step.calendar is None or not project.has(step):
            continue
        candidates.extend((event.day, event.title) for event in step.calendar(project)
                          if event.day >= today and not event.done)
    if not candidates:
        return None, ""
    return min(candidates)


def rows(root: Path, today: dt.date | None = None) -> list[Row]:
    """Every project under `root`, those needing attention first.

    Each project's line is kept (`cache`, keyed on the content of its sources) until one of
    its files, the method or the day changes: a portfolio of hundreds of projects is read
    again in a second. Lines to make again are made over two processes when there are many
    (the first `suivi` of a day).
    """
    today = today or dt.date.today()
    if not root.is_dir():
        raise missing_root(root)
    with steady_method():
        method = method_digest()
        folders = find_projects(root)
        keys = {folder: cache.digest(today.isoformat(), method,
                                     cache.folder_digest(folder, SHARED_FILES)) for folder in folders}
        kept = {folder: cache.find(_KIND, cache.slot(folder), keys[folder]) for folder in folders}
    stale = [folder for folder in folders if kept[folder] is cache.MISSING]
    for folder, data in zip(stale, over_projects(partial(_row_data, today=today), stale), strict=True):
        cache.keep(_KIND, cache.slot(folder), keys[folder], data)
        kept[folder] = data
    table = [_row(folder, kept[folder]) for folder in folders]
    return sorted(table, key=Row.sort_key)


_KIND = "suivi"
_CACHED = ("structure", "sector", "step", "blocking", "warnings", "next_label", "invalid", "state",
           "state_value", "department", "problem")


def _changed(folder: Path) -> dt.datetime:
    """When a file of the project itself (not its structure's) was last modified: shown, never
    a key."""
    times = []
    with contextlib.suppress(OSError):
        times = [entry.stat().st_mtime for entry in os.scandir(folder) if entry.name.endswith(".yaml")]
    return dt.datetime.fromtimestamp(max(times)) if times else dt.datetime.now()


def _row_data(folder: Path, today: dt.date) -> dict[str, Any]:
    """One project's line as JSON data, to keep."""
    row = _computed_row(folder, today, dt.datetime.now())
    data: dict[str, Any] = {name: getattr(row, name) for name in _CACHED}
    for name in ("next_date", "state_since"):
        day = getattr(row, name)
        data[name] = day.isoformat() if day else None
    return data


def _row(folder: Path, data: dict[str, Any]) -> Row:
    def day(name: str) -> dt.date | None:
        return dt.date.fromisoformat(data[name]) if data.get(name) else None

    return Row(root=folder, changed=_changed(folder), next_date=day("next_date"),
               state_since=day("state_since"),
               **{name: data[name] for name in _CACHED if name in data})


def _computed_row(folder: Path, today: dt.date, changed: dt.datetime) -> Row:
    try:
        report = status(folder)
    except PairkitError as exc:  # the folder itself cannot be read: named, with its reason
        return Row(root=folder, structure=folder.name, sector="", step="non lu", blocking=0,
                   warnings=0, next_date=None, next_label="", changed=changed, invalid=True,
                   state="non indiqué", problem=exc.message)
    invalid = any(s.state == "invalide" for s in report.steps)
    structure, sector = folder.name, ""
    next_date, next_label = None, ""
    department = ""
    try:
        header = structure_header(report.project)
        structure = str(header.get("nom") or folder.name)
        if report.title:
            structure += f" — {report.title}"
        sector = str(header.get("secteur") or "")
        department = str(report.project.answers(HEADER_STEP).get("departement") or "")
        next_date, next_label = _next_meeting(report.project, today)
    except (ProjectFileError, PairkitError):
        invalid = True
    alerts = report.warnings
    following = report.next_step
    return Row(
        root=folder, structure=structure, sector=sector,
        step="fichier invalide" if invalid else (following.label if following else "terminé"),
        blocking=sum(1 for a in alerts if a.level == "bloquant"), warnings=len(alerts),
        next_date=next_date, next_label=next_label, changed=changed, invalid=invalid,
        state=standing_text(report.standing),
        state_value=report.standing.state or "" if report.standing else "", department=department,
        state_since=report.standing.since if report.standing else None,
    )


def standing_text(standing: Standing | None, long: bool = False) -> str:
    """A recruitment's state in a few words: « En pause depuis le 15/06/2026 », « non indiqué »;
    `long`: the date in words and the reason (« … depuis le 15 juin 2026 (financement…) »)."""
    if standing is None or standing.state is None:
        return "non indiqué"
    text = state_label(standing.state)
    if standing.since is not None:
        day = long_date(standing.since, weekday=False) if long else f"{standing.since:%d/%m/%Y}"
        text += f" depuis le {day}"
    return text + (f" ({standing.reason})" if long and standing.reason else "")


def table(root: Path, state: str | None, department: str | None) -> tuple[list[Row], int]:
    """The rows of the projects under `root`, of one state and one département if asked; and
    how many projects there are in all (to say « none of the 5 » rather than « none »)."""
    _check_state(state)
    found = rows(root)
    return filtered(found, state, department), len(found)


def _check_state(state: str | None) -> None:
    """A state the method does not know is refused, with the known ones."""
    if state is not None and state != "non-indique":
        known = [value for value, _ in state_choices()]
        if state not in known:
            raise PairkitError(f"État « {state} » inconnu.",
                               hint=f"États : {', '.join(known)}, non-indique.")


def filtered(found: list[Row], state: str | None, department: str | None) -> list[Row]:
    """The rows of one state (its value, or « non-indique ») and one département."""
    def keep(row: Row) -> bool:
        if state is not None and (row.state_value or "non-indique") != state:
            return False
        # « 4 » is the Alpes-de-Haute-Provence, written « 04 » in the cadrage.
        wanted = department.zfill(2) if department is not None and department.isdigit() else department
        return wanted is None or row.department == wanted
    return [row for row in found if keep(row)]


HEADERS = ["Structure", "Secteur", "État", "Étape en cours", "Vigilance", "Prochain rendez-vous",
           "Modifié le"]


# The spreadsheet's columns: each value in a cell of its own type (text, number, date).
SHEET_HEADERS = ["Structure", "Secteur", "État", "Depuis le", "Étape en cours", "Points bloquants",
                 "Points de vigilance", "Prochain rendez-vous", "Rendez-vous", "Modifié le"]


def as_cells(row: Row) -> list[Any]:
    """One row as the spreadsheet's cells: texts, whole numbers, dates."""
    state = state_label(row.state_value) if row.state_value else "non indiqué"
    return [row.structure, row.sector, state, row.state_since, row.step, row.blocking,
            row.warnings, row.next_date, row.next_label, row.changed]


def export(path: Path, table: list[Row]) -> Any:
    """The table as a spreadsheet (.xlsx)."""
    from pairkit.documents.annual import write_sheet

    return write_sheet(path, "Suivi des projets", SHEET_HEADERS, [as_cells(row) for row in table])
