"""The platform's own work: one YAML file a year in the projects folder.

`activites-AAAA.yaml` lists the year's activities — collective sessions (collectif de pairs,
groupe de cadres, sensibilisation…), the individual support of peers, teaching, webinars,
network meetings, publications, requests from outside the region, the website's figures —
each with its date and what the report counts of it: numbers, never names. The questions of
one activity are `checklists/activite.yaml` (a question applies to the kinds its `si` names).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pairkit.method.step import Step
from pairkit.year.yearlist import YearList

CHECKLIST = "activite"
# The group the questions are asked in, then moved into the list.
NEW = "nouvelle"
LIST = "activites"
ACTIVITIES = YearList(checklist=CHECKLIST, group=NEW, key=LIST, stem="activites", dated_by="date")


def filename(year: int) -> str:
    """The file of one year's activities."""
    return ACTIVITIES.filename(year)


def year_step(year: int) -> Step[Any]:
    """The year's activities file, as the interview engine and the file checks see it."""
    return ACTIVITIES.step(year)


def activities(root: Path, year: int) -> list[dict[str, Any]]:
    """The year's activities, each by field name (`participants.pairs`…), typed and checked."""
    return ACTIVITIES.items(root, year)


def add(root: Path, provided: dict[str, Any] | None, interactive: bool) -> dict[str, Any] | None:
    """Ask one activity (or take it from `provided`) and file it under its year."""
    return ACTIVITIES.ask(root, dt.date.today().year, provided, interactive,
                          f"pairkit activite ajouter {root}")


def read_one(path: Path) -> dict[str, Any]:
    """One activity's answers from a file of its own fields (`type`, `date`, `participants`…)."""
    return ACTIVITIES.read_one(path)
