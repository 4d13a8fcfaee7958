"""Short HR and legal notes (« repères ») the consultant can show: `pairkit aide`."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from pairkit.dates_fr import long_date
from pairkit.errors import PairkitError
from pairkit.files.checklists import load_checklist
from pairkit.folding import fold


def topics() -> dict[str, dict[str, Any]]:
    """Every note, by its key (`checklists/aide.yaml`)."""
    return dict(load_checklist("aide")["sujets"])


def _plain(text: str) -> str:
    """A topic as people type it: accents, case, spaces, dashes and apostrophes ignored."""
    return re.sub(r"[^a-z0-9]", "", fold(text)[0])


def note(topic: str) -> dict[str, Any]:
    """One note by its key or its title (« période d'essai », « Periode-Essai »…).

    A French error listing the topics for an unknown one.
    """
    known = topics()
    wanted = _plain(topic)
    key = next((k for k, item in known.items()
                if wanted and wanted in (_plain(k), _plain(str(item.get("titre") or "")))), None)
    if key is None:
        raise PairkitError(
            f"Pas de repère « {topic} ».",
            hint=f"Sujets disponibles : {', '.join(known)} (« pairkit aide » les liste).",
        )
    item = {"id": key, **known[key]}
    checked = item.get("verifie")
    if checked:
        with contextlib.suppress(ValueError):
            item["verifie"] = long_date(dt.date.fromisoformat(str(checked)), weekday=False)
    return item


def notes(*keys: str) -> list[dict[str, Any]]:
    """The notes a document shows, in the order given."""
    return [note(key) for key in keys]


def minimum_monthly_pay(hours: float) -> int:
    """The SMIC for these weekly hours, per month (`checklists/reperes.yaml`)."""
    hourly = float(load_checklist("reperes")["smic"]["horaire_brut"])
    return int(hourly * hours * 52 / 12)


# Half of a full-time week: from there, the AAH's « restriction substantielle et durable
# d'accès à l'emploi » may be looked at again (checklists/aide.yaml, « aah »).
HALF_TIME_HOURS = 17.5


def weekly_hours(answers: Mapping[str, Any]) -> float | None:
    """The post's weekly hours as the fiche gives them (35 for « temps plein »), if it does."""
    hours = answers.get("heures_hebdo")
    if isinstance(hours, (int, float)) and not isinstance(hours, bool) and hours > 0:
        return float(hours)
    return 35.0 if answers.get("temps_travail") == "temps plein" else None
