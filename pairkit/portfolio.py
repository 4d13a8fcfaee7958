"""`pairkit suivi`: every project of a consultant in one table, what needs attention first."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pairkit.errors import PairkitError, ProjectFileError, ProjectNotFound

if TYPE_CHECKING:
    from pairkit.project import Project
    from pairkit.steps.plan import Plan


def config_file() -> Path:
    """The user's pairkit settings, where each system keeps them."""
    home = Path.home()
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return base / "pairkit" / "config.yaml"


def projects_root(given: Path | None) -> Path:
    """The folder holding the projects: argument, then PAIRKIT_PROJETS, then the settings file."""
    if given is not None:
        return given
    if os.environ.get("PAIRKIT_PROJETS"):
        return Path(os.environ["PAIRKIT_PROJETS"]).expanduser()
    path = config_file()
    if path.is_file():
        from pairkit.errors import Problem
        from pairkit.yamlfiles import line_of, load_document

        settings = load_document(path)
        unknown = [k for k in settings if k != "dossier_projets"]
        if unknown:
            raise ProjectFileError([Problem(path, str(k), "réglage inconnu (seul "
                                            "« dossier_projets » existe).", line_of(settings, (k,)))
                                    for k in unknown])
        if settings.get("dossier_projets"):
            return Path(str(settings["dossier_projets"])).expanduser()
    return Path.cwd()


@dataclass
class Row:
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
        return (not self.invalid, -self.blocking, -self.warnings,
                self.next_date or dt.date.max, self.structure.lower())


def _next_meeting(project: Project, today: dt.date) -> tuple[dt.date | None, str]:
    from pairkit.steps.info_coll import STEP as INFO
    from pairkit.steps.plan import STEP as PLAN
    from pairkit.steps.plan import milestones

    candidates: list[tuple[dt.date, str]] = []
    if project.has(INFO):
        day = project.answers(INFO).get("date")
        if isinstance(day, dt.date) and day >= today:
            candidates.append((day, "Information collective"))
    if project.has(PLAN):
        loaded = project.load(PLAN)
        plan = cast("Plan", loaded.model)
        start = loaded.answers.get("date_prise_poste")
        if start:
            for row in milestones(start, plan.dates_ajustees, plan.jalons_annules, plan.bilans):
                if row["date"] >= today and row["suivi"] == "à venir":
                    candidates.append((row["date"], str(row["titre"])))
    if not candidates:
        return None, ""
    return min(candidates)


def rows(root: Path, today: dt.date | None = None) -> list[Row]:
    from pairkit.alerts import project_alerts
    from pairkit.steps.base import for_display
    from pairkit.steps.cadrage import STEP as CADRAGE
    from pairkit.workflow import find_projects, status

    today = today or dt.date.today()
    if not root.is_dir():
        raise ProjectNotFound(f"Le dossier de projets « {root} » n'existe pas.",
                              hint="Indiquez-le : pairkit suivi DOSSIER, la variable PAIRKIT_PROJETS, "
                              f"ou « dossier_projets: … » dans {config_file()}.")
    table: list[Row] = []
    for folder in find_projects(root):
        files = list(folder.glob("*.yaml"))
        changed = dt.datetime.fromtimestamp(max(f.stat().st_mtime for f in files))
        report = status(folder)
        invalid = any(s.state == "invalide" for s in report.steps)
        structure, sector = folder.name, ""
        next_date, next_label = None, ""
        try:
            answers = report.project.answers(CADRAGE)
            structure = str(answers.get("nom") or folder.name)
            sector = str(for_display(CADRAGE, answers).get("secteur") or "")
            next_date, next_label = _next_meeting(report.project, today)
        except (ProjectFileError, PairkitError):
            invalid = True
        alerts = project_alerts(report.project)
        following = report.next_step
        table.append(Row(
            root=folder, structure=structure, sector=sector,
            step="fichier invalide" if invalid else (following.label if following else "terminé"),
            blocking=sum(1 for a in alerts if a.level == "bloquant"), warnings=len(alerts),
            next_date=next_date, next_label=next_label, changed=changed, invalid=invalid,
        ))
    return sorted(table, key=Row.sort_key)
