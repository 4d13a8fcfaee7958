"""What a document is filled with: the structure's header, the step's answers, cleaned.

Answers are passed as data and escaped by the template engine, never evaluated as template
code; characters Word's XML cannot hold are removed first, and a public document never receives
a point de vigilance.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pairkit import __version__
from pairkit.dates_fr import long_date
from pairkit.files.project import Project
from pairkit.method.registry import project_vigilance
from pairkit.method.step import Step

PLATFORM = "Plateforme de promotion et de développement du travail pair"

# XML 1.0 allows tab, newline, carriage return and most of Unicode; nothing else.
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# docxtpl turns these escape sequences of template authors back into braces after rendering;
# an invisible word joiner keeps an answer that contains them as it was typed.
_DOCXTPL_ESCAPES = re.compile(r"([{%])_(?=[{%])|([}%])_(?=[}%])")


# Keys under which contexts carry points de vigilance; public documents never receive them.
_VIGILANCE_KEYS = frozenset({"vigilances", "autres_vigilances", "bloquants"})


def clean_text(text: str) -> str:
    """An answer as Word's XML can hold it, shown as typed."""
    # A line break pasted from Word arrives as a vertical tab; a page break as a form feed.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n")
    text = _XML_ILLEGAL.sub("", text)
    return _DOCXTPL_ESCAPES.sub(lambda m: (m.group(1) or m.group(2)) + "\u2060_", text)


def clean(value: Any) -> Any:
    """`clean_text` applied to every text of a context."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def without_vigilance(value: Any) -> Any:
    """A context with every point de vigilance taken out, for a public document."""
    if isinstance(value, dict):
        return {k: without_vigilance(v) for k, v in value.items() if k not in _VIGILANCE_KEYS}
    if isinstance(value, list):
        return [without_vigilance(v) for v in value]
    return value


def common_context(header: dict[str, Any], title: str, today: dt.date | None = None,
                   established: str = "établi") -> dict[str, Any]:
    """What every document shows: the structure's header, the platform, title and date (with
    the participle that agrees with the title: « établie » for a fiche)."""
    return {
        "structure": header,
        "plateforme": PLATFORM,
        "titre_document": title,
        "etabli": established,
        "date_document": long_date(today or dt.date.today(), weekday=False),
        "version_pairkit": __version__,
    }


def step_context(project: Project, step: Step[Any], header: dict[str, Any],
                 today: dt.date | None = None) -> dict[str, Any]:
    """A step's document context: common part, the step's own, and (internal) other points."""
    info = step.info
    context = {**common_context(header, info.document_title or step.label, today, info.established),
               **step.build_context(project)}
    if step.gathers_vigilance:
        # Every point not already in the step's own table (its own answers' words included).
        own = step.vigilance(project) if step.vigilance is not None else []
        context["autres_vigilances"] = [v.as_dict() for v in project_vigilance(project)
                                        if v not in own]
    if step.public:
        context = without_vigilance(context)
    cleaned: dict[str, Any] = clean(context)
    return cleaned
