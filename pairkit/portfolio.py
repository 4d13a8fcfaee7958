"""`pairkit suivi`: every project of a consultant in one table, what needs attention first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pairkit.errors import PairkitError, ProjectFileError
from pairkit.files.project import Project
from pairkit.files.settings import missing_root
from pairkit.files.settings import projects_root as projects_root
from pairkit.method.registry import ALL_STEPS, structure_header
from pairkit.workflow import find_projects, status


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
    """Every project under `root`, those needing attention first."""
    today = today or dt.date.today()
    if not root.is_dir():
        raise missing_root(root)
    table: list[Row] = []
    for folder in find_projects(root):
        files = list(folder.glob("*.yaml"))
        changed = dt.datetime.fromtimestamp(max(f.stat().st_mtime for f in files))
        report = status(folder)
        invalid = any(s.state == "invalide" for s in report.steps)
        structure, sector = folder.name, ""
        next_date, next_label = None, ""
        try:
            header = structure_header(report.project)
            structure = str(header.get("nom") or folder.name)
            sector = str(header.get("secteur") or "")
            next_date, next_label = _next_meeting(report.project, today)
        except (ProjectFileError, PairkitError):
            invalid = True
        alerts = report.warnings
        following = report.next_step
        table.append(Row(
            root=folder, structure=structure, sector=sector,
            step="fichier invalide" if invalid else (following.label if following else "terminé"),
            blocking=sum(1 for a in alerts if a.level == "bloquant"), warnings=len(alerts),
            next_date=next_date, next_label=next_label, changed=changed, invalid=invalid,
        ))
    return sorted(table, key=Row.sort_key)
