"""`pairkit statut`: where one project stands, in the words the command shows.

The words are made from the project's files and the method, then kept (`cache`, keyed on
the content of their sources) until one of their sources changes: the project's YAML files (and its
structure's, for a further recruitment), the documents written, the method, the day or
pairkit's version. A project looked at again is then shown without reading the method, so
the command answers about as fast as the command line starts.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pairkit.files import cache
from pairkit.files.checklists import method_digest
from pairkit.files.project import DOCUMENTS_DIR, SHARED_FILES

_KIND = "statut"


@dataclass(frozen=True)
class StepLine:
    """One step's line: its name, its state, the command that runs it, its document."""

    label: str
    state: str           # "faite", "en cours", "à faire", "invalide"
    missing: int         # answers still missing
    command: str
    document: bool


@dataclass(frozen=True)
class Point:
    """One point de vigilance, as shown: its level, its step's name, why, what to do."""

    level: str
    step: str
    reason: str
    action: str


@dataclass(frozen=True)
class Overview:
    """Everything `pairkit statut` shows about a project."""

    root: str
    structure: str | None
    steps: list[StepLine]
    title: str | None
    standing: str
    problems: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    next_label: str | None = None
    next_command: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Overview:
        """The overview kept as JSON data."""
        return cls(**{**data, "steps": [StepLine(**s) for s in data["steps"]],
                      "points": [Point(**p) for p in data["points"]]})


def _documents(root: Path) -> list[str]:
    """The names in the documents folder: whether a step's document exists depends on them."""
    try:
        return sorted(os.listdir(root / DOCUMENTS_DIR))
    except OSError:
        return []


def overview(root: Path, today: dt.date | None = None) -> Overview:
    """Where the project in `root` stands, kept from the last time when nothing changed."""
    if not root.is_dir():
        from pairkit.files.project import Project

        Project.open(root)  # says, in French, that the folder does not exist
    day = (today or dt.date.today()).isoformat()
    key = cache.digest(str(root), day, method_digest(), cache.folder_digest(root, SHARED_FILES),
                       *_documents(root))
    kept = cache.find(_KIND, cache.slot(root), key)
    if isinstance(kept, dict):
        try:
            return Overview.from_data(kept)
        except (KeyError, TypeError):
            pass  # a copy of another shape: made again below
    made = computed(root)
    cache.keep(_KIND, cache.slot(root), key, asdict(made))
    return made


def computed(root: Path) -> Overview:
    """Where the project in `root` stands, read from its files and the method."""
    from pairkit.method.registry import step_named
    from pairkit.portfolio import standing_text
    from pairkit.workflow import status

    report = status(root)
    following = report.next_step
    return Overview(
        root=str(report.project.root),
        structure=report.structure,
        steps=[StepLine(row.step.label, row.state, len(row.missing), row.step.command,
                        row.document is not None) for row in report.steps],
        title=report.title,
        standing=standing_text(report.standing, long=True),
        problems=[str(problem) for row in report.steps for problem in row.problems],
        points=[Point(w.level, step_named(w.step).label, w.reason, w.action)
                for w in report.warnings],
        next_label=following.label if following is not None else None,
        next_command=following.command if following is not None else None,
    )
