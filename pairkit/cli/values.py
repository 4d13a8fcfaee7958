"""pairkit's own reading of its command-line values: folders, files, words, numbers, yes/no.

From 0.29, typer turns every value through a pydantic adapter it builds for each parameter,
at every run: importing pydantic and building those adapters cost a command more than
importing typer itself does. pairkit's parameters are of a few plain kinds, so pairkit reads
them itself and says what is wrong in French. Where the installed typer has no such adapters,
or a parameter asks for more (checks on a path, bounds, several values), typer does its work.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from typer import BadParameter

_WHOLE = re.compile(r"[+-]?[0-9]+")
# Spaces around a number typed or pasted; Python's own strip() would take control signs too.
_BLANKS = " \t\n\r\x0b\x0c"


def _path(value: Any, param: Any, ctx: Any) -> Path:
    if isinstance(value, Path):
        return value
    if "\x00" in str(value):
        # No shell passes one; a name the system cannot open is refused here, not later.
        raise BadParameter("un chemin ne peut pas contenir de caractère nul.", ctx=ctx, param=param)
    return Path(value)


def _text(value: Any, param: Any, ctx: Any) -> str:
    return str(value)


def _whole(value: Any, param: Any, ctx: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip(_BLANKS)
    if not _WHOLE.fullmatch(text):
        raise BadParameter(f"« {value} » n'est pas un nombre entier (ex. 2026).", ctx=ctx,
                           param=param)
    return int(text)


_YES = {"1", "true", "t", "yes", "y", "on", "oui", "o", "vrai"}
_NO = {"0", "false", "f", "no", "n", "off", "non", "faux", ""}


def _yes_no(value: Any, param: Any, ctx: Any) -> bool:
    if isinstance(value, bool):
        return value
    said = str(value).strip().lower()
    if said in _YES or said in _NO:
        return said in _YES
    raise BadParameter(f"« {value} » : répondez par oui ou non.", ctx=ctx, param=param)


_READERS: dict[Any, Callable[[Any, Any, Any], Any]] = {
    Path: _path, str: _text, int: _whole, bool: _yes_no}


class _Reading:
    """Stands where typer keeps a parameter's adapter; typer calls its `coerce`."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[Any, Any, Any], Any]) -> None:
        self.read = read

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """The value typed (or the default) as the command receives it; None stays None."""
        return None if value is None else self.read(value, param, ctx)


def _plain(annotation: Any) -> Any:
    """`X` for `X` or `X | None`."""
    if get_origin(annotation) in (Union, types.UnionType):
        others = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(others) == 1:
            return others[0]
    return annotation


# Options of typer's own reading that pairkit's readers do not do: left to typer.
_TYPER_ONLY = ("parser", "min", "max", "exists", "resolve_path", "allow_dash", "path_type",
               "writable", "formats")


def _asked(option: Any) -> bool:
    """Whether an option of typer's was given: `min=0` was, `exists=False` was not."""
    return option is not None and option is not False


def reader_for(param: Any) -> Callable[[Any, Any, Any], Any] | None:
    """pairkit's reader for one of typer's parameters, or None when typer must read it."""
    descriptor = getattr(param, "type_descriptor", None)
    info = getattr(descriptor, "parameter_info", None)
    if info is None or getattr(descriptor, "file_annotation", None) is not None:
        return None
    if getattr(param, "multiple", True) or getattr(param, "nargs", 0) != 1:
        return None
    if any(_asked(getattr(info, name, None)) for name in _TYPER_ONLY):
        return None
    if getattr(info, "file_okay", True) is False or getattr(info, "dir_okay", True) is False:
        return None
    return _READERS.get(_plain(getattr(descriptor, "annotation", None)))


def read_own(params: Iterable[Any]) -> None:
    """Give each of the command's parameters pairkit's reader, where typer would build one.

    Typer keeps a parameter's adapter in `_runtime_param` and builds it when it is None; a
    typer without it reads values as before, so nothing changes there.
    """
    for param in params:
        if getattr(param, "_runtime_param", False) is not None:
            continue
        read = reader_for(param)
        if read is not None:
            param._runtime_param = _Reading(read)
