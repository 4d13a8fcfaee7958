"""The fast read path: a step file's plain content, without round-trip parsing when unchanged.

Round-trip YAML keeps comments and layout for writing, but costs about 13 ms a file; commands
that only read (`suivi`, `statut`, the checks before `documents`) read instead a JSON copy of
the file's plain content, kept in the user's cache folder and redone whenever the file's
modification time, change time or size changes. Every value of a step file is read as text, so
the copy holds only strings, lists, mappings and nulls: JSON keeps them exactly. A copy is made
by libyaml's C parser when it can tell (`fastyaml`), else by ruamel.

A broken file is never served from the copy: it is parsed again, and the round-trip parser
gives the French message with its line.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pairkit import __version__
from pairkit.errors import FileAccessError
from pairkit.resources import cache_dir


def _cache_file(path: Path, kind: str = "projets") -> Path:
    import hashlib  # here: the command line's start-up reads method files, never step files

    digest = hashlib.blake2b(str(path).encode("utf-8"), digest_size=12).hexdigest()
    return cache_dir() / kind / f"{digest}.json"


def yaml_files(folder: Path | str) -> list[Any] | None:
    """The YAML files of `folder` by name, with their modification time, change time and
    size; None when the folder cannot be read."""
    try:
        entries = sorted((e for e in os.scandir(folder) if e.name.endswith(".yaml")),
                         key=lambda entry: entry.name)
        return [[e.name, (info := e.stat()).st_mtime_ns, info.st_ctime_ns, info.st_size]
                for e in entries]
    except OSError:
        return None


def files_key(folder: Path, names: list[str]) -> list[Any]:
    """The YAML files of `folder`, and the files `names` beside it, with their modification
    time, change time and size: what a value computed from a project depends on."""
    own = yaml_files(folder)
    found: list[Any] = [None] if own is None else own
    for name in names:
        try:
            info = (folder / name).stat()
            found.append([name, info.st_mtime_ns, info.st_ctime_ns, info.st_size])
        except OSError:
            found.append([name, None])
    return found


_MISSING = object()


def derived(path: Path, kind: str, key: list[Any]) -> Any:
    """A value computed from the project in `path`, kept under `kind` (see `keep`), while
    `key` says its sources have not changed; None when there is none."""
    found = _stored(_cache_file(path.resolve(), kind), [*key, __version__])
    return None if found is _MISSING else found


def keep(path: Path, kind: str, key: list[Any], value: Any) -> None:
    """Keep a value (JSON data) computed from the project in `path`, for `derived`."""
    _store(_cache_file(path.resolve(), kind), [*key, __version__], value)


def _stored(cached: Path, key: list[Any]) -> Any:
    try:
        stored = json.loads(cached.read_text("utf-8"))
        if stored.get("key") == key:
            return stored["value"]
    except (OSError, ValueError, AttributeError):
        pass
    return _MISSING


def _store(cached: Path, key: list[Any], value: Any) -> None:
    with contextlib.suppress(TypeError, ValueError):  # not JSON data: kept in memory only
        _write(cached, json.dumps({"key": key, "value": value}, ensure_ascii=False))


def _write(cached: Path, payload: str | bytes) -> None:
    """Write a copy; one that cannot be written only costs speed."""
    from pairkit.files.atomic import make_folder, write_copy

    with contextlib.suppress(OSError, FileAccessError):
        if not cached.parent.is_dir():
            make_folder(cached.parent)
        write_copy(cached, payload)


def json_cached(cached: Path, key: list[Any], compute: Callable[[], Any]) -> Any:
    """The value stored in `cached` under `key`, or `compute()`'s, then stored for next time.

    The value must be JSON data.
    """
    found = _stored(cached, key)
    if found is _MISSING:
        found = compute()
        _store(cached, key, found)
    return found


def kept_bytes(kind: str, source: str, suffix: str, make: Callable[[], bytes]) -> bytes:
    """What `make` computes from the text `source` (which must say all it depends on), kept
    under `kind` by that text.

    Each copy holds its own digest, so that one cut short or damaged is made again, never
    used; one that cannot be written only costs speed.
    """
    import hashlib

    name = hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()
    kept = cache_dir() / kind / f"{name}{suffix}"
    try:
        stored = kept.read_bytes()
        check, payload = stored[:32], stored[32:]
        if check == hashlib.blake2b(payload, digest_size=16).hexdigest().encode():
            return payload
    except OSError:
        pass
    payload = make()
    _write(kept, hashlib.blake2b(payload, digest_size=16).hexdigest().encode() + payload)
    return payload


def _first_read(path: Path) -> Any:
    """A step file's plain content, by the C parser when it can tell, else by ruamel."""
    from pairkit.files.fastyaml import UNSURE, load_text_mapping
    from pairkit.files.yamlfiles import check_size, load_document, read_text, to_plain

    data = load_text_mapping(read_text(path))
    if data is UNSURE:
        return to_plain(load_document(path))  # reads it, or says in French what is wrong
    check_size(path, data)
    return data


def read_plain(path: Path) -> Any:
    """The plain content of a step file (a mapping), from its JSON copy when still valid."""
    resolved = path.resolve()
    try:
        stat = resolved.stat()
    except OSError:
        return _first_read(path)  # the reader says what is wrong, in French
    # The change time too: a tool that writes a file and puts its modification time back
    # (same size) still changes it.
    key = [str(resolved), stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, __version__]
    return json_cached(_cache_file(resolved), key, lambda: _first_read(path))


def forget_copy(path: Path) -> None:
    """Delete the JSON copy of a file, and every value kept from its project (`keep`): after
    notes were purged from it, nothing of them stays."""
    resolved = path.resolve()
    kept = [_cache_file(resolved)]
    with contextlib.suppress(OSError):
        kinds = [entry.name for entry in os.scandir(cache_dir()) if entry.is_dir()]
        kept += [_cache_file(resolved.parent, kind) for kind in kinds]
    for copy in kept:
        with contextlib.suppress(OSError):
            copy.unlink()
