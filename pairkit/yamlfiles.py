"""Reading and writing the YAML project files.

Files are meant to be edited by hand, so they are read in round-trip mode (comments and
key order survive a rewrite) and every plain scalar except null is read as *text*: `12:30`,
`NO` or `0612` stay what the consultant typed, and the typed models decide what a value
means. Writes go through a temporary file in the same folder and an atomic replace.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pairkit.errors import PairkitError, Problem, ProjectFileError

MAX_FILE_BYTES = 2 * 1024 * 1024


class TextScalar(str):
    """A plain scalar YAML would have typed (35, 12:30, 0612, 2026-03-02), kept as text.

    It is written back exactly as it was read: plain, not quoted.
    """


def _yaml() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.representer import RoundTripRepresenter

    class TextConstructor(RoundTripConstructor):
        """Round-trip constructor that keeps implicit ints, floats, bools and dates as text."""

        def _as_text(self, node: Any) -> TextScalar:
            return TextScalar(self.construct_scalar(node))

    for tag in ("int", "float", "bool", "timestamp"):
        TextConstructor.add_constructor(f"tag:yaml.org,2002:{tag}", TextConstructor._as_text)

    class TextRepresenter(RoundTripRepresenter):
        def _text(self, data: TextScalar) -> Any:
            # Tag it as what YAML will read it as, so the emitter leaves it unquoted.
            tag = self.dumper.resolver.resolve(ScalarNode, str(data), (True, False))
            return self.represent_scalar(tag, str(data))

    TextRepresenter.add_representer(TextScalar, TextRepresenter._text)

    yaml = YAML(typ="rt")
    yaml.Constructor = TextConstructor
    yaml.Representer = TextRepresenter
    yaml.allow_duplicate_keys = False
    # No folding: ruamel's emitter can break a double-quoted line right after an escape
    # (a pasted control character), which reads back with a stray space.
    yaml.width = 1_000_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ProjectFileError([Problem(path, None, "fichier introuvable.")]) from None
    if size > MAX_FILE_BYTES:
        raise ProjectFileError(
            [Problem(path, None, f"fichier trop volumineux ({size // 1024} Ko) pour un fichier "
                                 "de projet : vérifiez qu'il s'agit du bon fichier.")]
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise ProjectFileError([Problem(path, None, "ce n'est pas un fichier texte.")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise ProjectFileError(
                [Problem(path, None, "encodage illisible : enregistrez le fichier en UTF-8.")]
            ) from None
    return text


def _parse(path: Path, text: str, yaml: Any) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "quoted" in str(exc.context or "") and exc.context_mark is not None:
            mark = exc.context_mark  # where the unclosed quote opens, not the end of the file
        line = mark.line + 1 if mark is not None else None
        reason = _french_yaml_reason(str(exc.problem or exc.context or ""))
        raise ProjectFileError([Problem(path, None, reason, line)]) from None
    except YAMLError as exc:
        raise ProjectFileError([Problem(path, None, f"YAML illisible ({exc}).")]) from None


def _french_yaml_reason(problem: str) -> str:
    if "duplicate key" in problem:
        return "clé en double : chaque champ ne doit apparaître qu'une fois."
    if "tab" in problem or "'\\t'" in problem:
        return "tabulation interdite en YAML : indentez avec des espaces."
    if "quoted scalar" in problem or "found unexpected end of stream" in problem:
        return "guillemets non fermés."
    if "mapping values are not allowed" in problem:
        return "deux-points mal placé : mettez la valeur entre guillemets."
    return f"syntaxe YAML incorrecte ({problem})."


def load_document(path: Path) -> Any:
    """Load a project file in round-trip mode; an empty file gives an empty mapping."""
    from ruamel.yaml.comments import CommentedMap

    data = _parse(path, _read_text(path), _yaml())
    if data is None:
        return CommentedMap()
    if not isinstance(data, CommentedMap):
        raise ProjectFileError(
            [Problem(path, None, "le fichier doit contenir des champs « clé: valeur ».", 1)]
        )
    return data


def load_plain(path: Path) -> Any:
    """Load a content file (checklists): normal YAML types, no round-trip."""
    from ruamel.yaml import YAML

    return _parse(path, _read_text(path), YAML(typ="safe", pure=True))


def line_of(data: Any, loc: tuple[str | int, ...]) -> int | None:
    """Best-known 1-based line of the value at `loc` in a round-trip document."""
    line: int | None = None
    node = data
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                line = (lc.item(key) if isinstance(key, int) else lc.key(key))[0] + 1
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return line


def to_yaml_value(value: Any) -> Any:
    """Python value → what we write: French booleans, ISO dates, plain containers."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, Mapping):
        return {k: to_yaml_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_yaml_value(v) for v in value]
    return value


def dump_to_string(data: Any) -> str:
    import io

    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def _remove_stray_temporaries(path: Path) -> None:
    """Temporaries left by a process killed mid-write; old enough not to be another's."""
    import time

    for stray in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if time.time() - stray.stat().st_mtime > 600:
                stray.unlink()
        except OSError:
            pass


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write through a temporary file in the same folder, then replace in one step.

    A crash or a closed laptop leaves either the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stray_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_document(path: Path, data: Any) -> None:
    try:
        atomic_write_text(path, dump_to_string(data))
    except PermissionError:
        raise PairkitError(
            f"Impossible d'écrire « {path} » : droits insuffisants sur le dossier, ou fichier "
            "ouvert dans un autre programme.",
            hint="Fermez le fichier ou choisissez un dossier où vous pouvez écrire, puis relancez.",
        ) from None
