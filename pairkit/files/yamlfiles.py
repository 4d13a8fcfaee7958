"""Reading and writing the YAML project files.

Files are meant to be edited by hand, so they are read in round-trip mode (comments and
key order survive a rewrite) and every plain scalar except null is read as *text*: `12:30`,
`NO` or `0612` stay what the consultant typed, and the typed models decide what a value
means. Writes go through a temporary file in the same folder and an atomic replace.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pairkit.errors import FileAccessError, PairkitError, Problem, ProjectFileError
from pairkit.files import cache
from pairkit.files.atomic import atomic_write_text

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


def read_raw(path: Path) -> bytes:
    """A project file's bytes; French errors for a missing or oversized file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProjectFileError(
                [Problem(path, None, f"fichier trop volumineux ({size // 1024} Ko) pour un "
                                     "fichier de projet : vérifiez qu'il s'agit du bon fichier.")]
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError([Problem(path, None, "fichier introuvable.")]) from None
    except PermissionError:
        raise ProjectFileError([Problem(path, None, "lecture refusée (droits insuffisants) : "
                                        "demandez l'accès ou rendez le fichier lisible.")]) from None
    except OSError as exc:
        raise FileAccessError.from_os_error(exc, path) from None


def decode(path: Path, raw: bytes) -> str:
    """A project file's text, whatever editor saved it (UTF-8, UTF-16, Windows-1252); a French
    error for a binary file."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some Windows editors save
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ProjectFileError(
                [Problem(path, None, "encodage illisible : enregistrez le fichier en UTF-8.")]
            ) from None
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


def read_text(path: Path) -> str:
    """A project file's text (see `read_raw` and `decode`)."""
    return decode(path, read_raw(path))


def _parse(path: Path, text: str, yaml: Any) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = yaml.load(text)
    except RecursionError:
        raise ProjectFileError([Problem(path, None, _TOO_DEEP)]) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "quoted" in str(exc.context or "") and exc.context_mark is not None:
            mark = exc.context_mark  # where the unclosed quote opens, not the end of the file
        line = mark.line + 1 if mark is not None else None
        reason = _french_yaml_reason(str(exc.problem or exc.context or ""))
        raise ProjectFileError([Problem(path, None, reason, line)]) from None
    except YAMLError as exc:
        raise ProjectFileError([_unreadable(path, text, exc)]) from None
    check_size(path, data)
    return data


# A project file holds a few hundred values; far beyond these, it is not one (or is hostile).
MAX_VALUES = 100_000
MAX_DEPTH = 40
_TOO_DEEP = (f"le fichier est imbriqué sur plus de {MAX_DEPTH} niveaux : ce n'est pas un fichier "
             "de projet pairkit.")


def check_size(path: Path, data: Any) -> None:
    """Refuse at once what aliases would expand beyond reason, or nesting beyond any use.

    Counted without expanding: each shared node's size is computed once.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, int, bool]] = [(data, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if depth > MAX_DEPTH:
            raise ProjectFileError([Problem(path, None, _TOO_DEEP)])
        children = list(node.values()) if isinstance(node, Mapping) else \
            node if isinstance(node, list) else []
        if not children:
            sizes[id(node)] = 1
            continue
        if id(node) in sizes:
            continue
        if not done:
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)
            continue
        sizes[id(node)] = 1 + sum(sizes.get(id(child), 1) for child in children)
        if sizes[id(node)] > MAX_VALUES:
            raise ProjectFileError([Problem(
                path, None, "le fichier répète des blocs (alias YAML « & » et « * ») au point de "
                f"dépasser {MAX_VALUES} valeurs : ce n'est pas un fichier de projet pairkit.")])


def _unreadable(path: Path, text: str, exc: Exception) -> Problem:
    """A reader error (a character YAML refuses), said in French with its line."""
    from ruamel.yaml.reader import ReaderError

    if isinstance(exc, ReaderError):
        line = text.count("\n", 0, max(int(exc.position), 0)) + 1
        return Problem(path, None, f"caractère invisible interdit (code {int(exc.character):#06x}) : "
                       "retirez-le (il vient souvent d'un copier-coller).", line)
    return Problem(path, None, f"YAML illisible ({exc}).")


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


def load_document(path: Path, raw: bytes | None = None) -> Any:
    """Load a project file (or its bytes `raw`, already read) in round-trip mode; an empty
    file gives an empty mapping."""
    from ruamel.yaml.comments import CommentedMap

    data = _parse(path, decode(path, read_raw(path) if raw is None else raw), _yaml())
    if data is None:
        return CommentedMap()
    if not isinstance(data, CommentedMap):
        raise ProjectFileError(
            [Problem(path, None, "le fichier doit contenir des champs « clé: valeur ».", 1)]
        )
    return data


def content_key(raw: bytes) -> str:
    """The key of what is read from a step file's bytes."""
    return cache.digest(b"step-file", raw)


def read_plain(path: Path, raw: bytes | None = None) -> Any:
    """A step file's plain content (a mapping), from its bytes `raw` when already read.

    The round-trip parser costs about 13 ms a file; the plain content of each file's bytes
    is kept (`cache`) and read back as JSON while the bytes stay the same. Every value of a
    step file is text, so JSON keeps them exactly. A broken file is never kept: each read
    parses it again and says, in French, on which line it is broken.
    """
    raw = read_raw(path) if raw is None else raw
    return cache.kept("projets", cache.slot(path), content_key(raw), lambda: _plain(path, raw))


def _plain(path: Path, raw: bytes) -> Any:
    """A file's plain content, by ruamel's C parser when it is installed (several times
    quicker on a first read of hundreds of projects), else by the round-trip one.

    Both build the same values: every scalar but null as text, mappings and lists
    (`tests/test_yaml_readers.py` compares them on every bundled file and on generated ones).
    Whatever the quick reader does not take cleanly goes to the round-trip parse, which says
    in French what is wrong and on which line.
    """
    reader = _quick_yaml()
    text = decode(path, raw)
    if reader is not None and not any(mark in text for mark in _PARSERS_DIFFER) \
            and not _TAG.search(text):
        try:
            data = reader.load(text)
        except Exception:
            data = _FALLBACK
        if data is None:
            return {}
        if isinstance(data, dict):
            check_size(path, data)
            return to_plain(data)
    return to_plain(load_document(path, raw))


_FALLBACK = object()
# Where the C parser (YAML 1.1, from libyaml) and the round-trip one (YAML 1.2) read a text
# differently: a tab after a colon, the line breaks YAML 1.1 alone knows, a version directive.
_PARSERS_DIFFER = ("\t", "\x85", "\u2028", "\u2029", "%YAML")
# A YAML tag (« !perso », « ! » alone) opening a value: the two constructors differ on them.
_TAG = re.compile(r"(?:^|[:\[\]{},-])[ ]*!", re.MULTILINE)


@functools.cache
def _quick_yaml() -> Any:
    """ruamel's safe loader on its C parser, reading every scalar but null as text; None when
    the C parser (ruamel.yaml.clib) is not installed."""
    from importlib.util import find_spec

    if find_spec("_ruamel_yaml") is None:  # ruamel.yaml.clib's C parser
        return None
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    class TextSafeConstructor(SafeConstructor):
        """Implicit ints, floats, booleans and dates kept as text, as the round-trip reader does."""

        def _as_text(self, node: Any) -> str:
            return str(self.construct_scalar(node))

    for tag in ("int", "float", "bool", "timestamp"):
        TextSafeConstructor.add_constructor(f"tag:yaml.org,2002:{tag}", TextSafeConstructor._as_text)
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = TextSafeConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def load_plain(path: Path) -> Any:
    """Load a content file (checklists): normal YAML types, no round-trip."""
    from ruamel.yaml import YAML

    return _parse(path, read_text(path), YAML(typ="safe", pure=True))


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


def _quote_unprintable(node: Any) -> Any:
    """Texts holding invisible characters, double-quoted so YAML writes them as escapes.

    Left to itself, ruamel's emitter writes some raw (unreadable on the way back) or fails on
    them (a bell before a space); a double-quoted scalar always escapes them.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(node, dict):
        for key, value in list(node.items()):
            node[key] = _quote_unprintable(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            node[index] = _quote_unprintable(value)
    elif isinstance(node, str) and not isinstance(node, (TextScalar, DoubleQuotedScalarString)):
        # A literal block holds no tab either; a plain or quoted text may.
        allowed = "\n" if isinstance(node, LiteralScalarString) else "\n\t"
        if not all(char.isprintable() or char in allowed for char in node):
            return DoubleQuotedScalarString(node)
    return node


def dump_to_string(data: Any) -> str:
    """A round-trip document as YAML text, never folded, invisible characters escaped."""
    import io

    buf = io.StringIO()
    _yaml().dump(_quote_unprintable(data), buf)
    return buf.getvalue()


def save_document(path: Path, data: Any) -> None:
    """Write a project file atomically; a French message when the disk refuses."""
    try:
        atomic_write_text(path, dump_to_string(data))
    except PermissionError:
        raise PairkitError(
            f"Impossible d'écrire « {path} » : droits insuffisants sur le dossier, ou fichier "
            "ouvert dans un autre programme.",
            hint="Fermez le fichier ou choisissez un dossier où vous pouvez écrire, puis relancez.",
        ) from None


def to_plain(value: Any) -> Any:
    """Round-trip containers → plain dicts and lists (str subclasses stay str)."""
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def new_document(title: str, version: int) -> Any:
    """An empty step file: its schema version, and a comment saying how to edit it."""
    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap()
    doc["version_schema"] = version
    doc.yaml_set_start_comment(
        f"pairkit — {title}\n"
        "Fichier modifiable à la main (gardez l'indentation) ; après modification, lancez\n"
        "« pairkit verifier DOSSIER » puis « pairkit documents DOSSIER »."
    )
    return doc


def _yaml_text(value: Any) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    # Several lines read best as a literal block, when YAML can hold them there as typed.
    if isinstance(value, str) and "\n" in value and all(c.isprintable() or c == "\n" for c in value):
        return LiteralScalarString(value)
    return value


def write_answer(doc: Any, order: list[str], name: str, value: Any) -> None:
    """Put one answer in the round-trip document, at its place in the question order.

    Dotted names reach nested mappings (`reponses.tuteur`, `bilans.m3.notes`), created as needed.
    """
    from ruamel.yaml.comments import CommentedMap

    parts = name.split(".")
    container = doc
    empty = value in (None, "", [], {})
    for depth, part in enumerate(parts[:-1]):
        if not isinstance(container.get(part), Mapping):
            if empty:
                return  # nothing to remove, and no empty group to leave behind
            _insert(container, _siblings(order, parts[:depth]), part, CommentedMap())
        container = container[part]
    key = parts[-1]
    if value in (None, "", [], {}):
        if key in container:
            del container[key]
        return
    _insert(container, _siblings(order, parts[:-1]), key, _yaml_text(to_yaml_value(value)))


def _siblings(order: list[str], parent: list[str]) -> list[str]:
    """Keys at one level, in question order, under the mapping `parent`."""
    depth = len(parent)
    keys: list[str] = []
    for name in order:
        parts = name.split(".")
        if len(parts) > depth and parts[:depth] == parent and parts[depth] not in keys:
            keys.append(parts[depth])
    return keys


def _insert(container: Any, order: list[str], key: str, value: Any) -> None:
    if key in container:
        container[key] = value
        return
    position = len(container)
    if key in order:
        later = set(order[order.index(key) + 1:])
        for index, existing in enumerate(container):
            if existing in later:
                position = index
                break
    container.insert(position, key, value)


def put_group(doc: Any, group: str, entry: Mapping[str, Any]) -> None:
    """Set the group `group` of the document to `entry` (nested fields), to be asked again."""
    from ruamel.yaml.comments import CommentedMap

    def node(values: Mapping[str, Any]) -> Any:
        made = CommentedMap()
        for name, value in values.items():
            if isinstance(value, Mapping):
                made[name] = node(value)
            elif value not in (None, "", [], {}):
                made[name] = _yaml_text(to_yaml_value(value))
        return made

    doc[group] = node(entry)


def append_history(doc: Any, group: str, key: str, entry: Mapping[str, Any]) -> None:
    """Take the answers of `group` out of the document and add `entry` to the list `key`.

    Empty values of the entry are left out, as an unanswered question is.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if group in doc:
        del doc[group]
    if not isinstance(doc.get(key), list):
        doc[key] = CommentedSeq()
    item = CommentedMap()
    for name, value in entry.items():
        if value not in (None, "", [], {}):
            item[name] = _yaml_text(to_yaml_value(value))
    doc[key].append(item)
