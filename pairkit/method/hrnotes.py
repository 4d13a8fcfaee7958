"""Short HR and legal notes (« repères ») the consultant can show: `pairkit aide`."""

from __future__ import annotations

from typing import Any

from pairkit.errors import PairkitError
from pairkit.files.checklists import load_checklist


def topics() -> dict[str, dict[str, Any]]:
    """Every note, by its key (`checklists/aide.yaml`)."""
    return dict(load_checklist("aide")["sujets"])


def note(topic: str) -> dict[str, Any]:
    """One note by its key; a French error listing the keys for an unknown one."""
    known = topics()
    key = topic.strip().lower()
    if key not in known:
        raise PairkitError(
            f"Pas de repère « {topic} ».",
            hint=f"Sujets disponibles : {', '.join(known)} (« pairkit aide » les liste).",
        )
    return {"id": key, **known[key]}


def notes(*keys: str) -> list[dict[str, Any]]:
    """The notes a document shows, in the order given."""
    return [note(key) for key in keys]
