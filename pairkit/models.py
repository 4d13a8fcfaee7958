"""Building blocks shared by the typed models of the project files."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

SCHEMA_VERSION = 1


def _fr_bool(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("oui", "vrai", "o"):
            return True
        if word in ("non", "faux", "n"):
            return False
    return value


def _fr_date(value: Any) -> Any:
    if isinstance(value, str) and "/" in value:
        from pairkit.questions import parse_date

        try:
            return parse_date(value)
        except ValueError:
            return value
    return value


def _text(value: Any) -> Any:
    # Hand-written numbers (a phone number, a coefficient) are text for us.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


FrBool = Annotated[bool, BeforeValidator(_fr_bool)]
FrDate = Annotated[dt.date, BeforeValidator(_fr_date)]
Text = Annotated[str, BeforeValidator(_text)]


class StepFile(BaseModel):
    """Common shape of a step file: a schema version, then the step's own fields."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version_schema: int = SCHEMA_VERSION
