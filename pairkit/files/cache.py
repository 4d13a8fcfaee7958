"""What pairkit keeps to go faster: one folder, one key recipe, one way in and out.

Every kept value is keyed on the bytes it was computed from (`digest`: a BLAKE2 hash of those
bytes, with pairkit's version), never on a file's times or size: a file edited within the same
second, with the same size, or with its time put back, gives another key, so a kept value can
never disagree with its file. Values are JSON data, each in a slot of a kind (`projets/`,
`statut/`…): a slot names where the value comes from (a file, a project), the key inside says
from which content, and a slot whose key no longer matches is computed again and overwritten.

The folder is used only when it is the user's own: a real folder (no link), owned by the user,
that nobody else can write, in a parent that nobody else can swap it in. Otherwise pairkit says
so once, in French, and works without it (slower, never wrong). A kept file that is not the
user's is ignored. The only code kept is Jinja's compiled templates (`documents.render`), read
back through this same check, as Jinja's own bytecode cache does for its folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pairkit import __version__
from pairkit.errors import FileAccessError
from pairkit.files.atomic import make_folder, write_copy
from pairkit.resources import cache_dir

try:
    # The same hash as hashlib's, without the OpenSSL bindings hashlib loads first (3 ms at
    # every start-up). Pinned by a test against hashlib.
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the module
    from hashlib import blake2b

MISSING: Any = object()


def digest(*parts: bytes | str) -> str:
    """The key recipe: pairkit's version, then each part, each preceded by its length so
    that two lists of parts never give the same bytes."""
    hasher = blake2b(digest_size=16)
    for part in (__version__, *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: Path | str) -> str | None:
    """The digest of a file's bytes; None when it cannot be read (missing, a folder…)."""
    try:
        with open(path, "rb") as handle:
            return digest(handle.read())
    except OSError:
        return None


def folder_digest(folder: Path, also: Sequence[str] = (), suffix: str = ".yaml") -> str:
    """The digest of the files of `folder` whose names end with `suffix` (names and contents),
    and of the files `also` beside it (`../structure.yaml`): what a value computed from a
    project (its YAML files), or from templates or documents, is keyed on."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(suffix))
    except OSError:
        return digest("illisible", str(folder))
    parts: list[str] = []
    for name in [*names, *also]:
        parts += [name, file_digest(folder / name) or "absent"]
    return digest(*parts)


def slot(source: Path) -> str:
    """The slot of what is kept from a file or a folder: its absolute path, hashed."""
    return digest(str(source.resolve()))


# Folders already said to be unsafe in this process: the warning is given once.
_WARNED: set[str] = set()


def _own(info: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def unsafe_reason(folder: Path) -> str | None:
    """Why `folder` must not hold what pairkit reads back; None when it is the user's own.

    Systems without owners (Windows) keep each user's cache under their own profile.
    """
    if not hasattr(os, "geteuid"):
        return None
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        return "ce n'est pas un dossier mais un lien ou un fichier"
    if not _own(info):
        return "il appartient à un autre utilisateur"
    if info.st_mode & 0o022:
        return "d'autres utilisateurs peuvent y écrire"
    # Its parent (~/.cache): another user could swap the folder in one writable by all without
    # the sticky bit of /tmp. Group-writable is left alone: systems giving each user a group of
    # their own make home folders so.
    parent = os.stat(folder.parent)
    swappable = parent.st_mode & 0o002 and not parent.st_mode & stat.S_ISVTX
    if (parent.st_uid not in (0, os.geteuid())) or swappable:
        return f"le dossier qui le contient (« {folder.parent} ») peut être modifié par d'autres"
    return None


def _warn(folder: Path, reason: str) -> None:
    if str(folder) in _WARNED:
        return
    _WARNED.add(str(folder))
    with contextlib.suppress(OSError, ValueError):
        print(f"Attention : pairkit n'utilise pas son dossier de cache « {folder} » ({reason}) ; "
              "il travaille sans, plus lentement. Supprimez ce dossier (pairkit le refera, à vous "
              "seul·e) ou rendez-le vôtre : « chmod 700 » sur un dossier qui vous appartient.",
              file=sys.stderr)


def _folder(kind: str, create: bool) -> Path | None:
    """The folder of `kind`, when it (and the cache folder) can be trusted; else None."""
    root = cache_dir()
    folder = root / kind
    try:
        for checked in (root, folder):
            if create and not checked.is_dir():
                make_folder(checked)
            reason = unsafe_reason(checked)
            if reason is not None:
                _warn(checked, reason)
                return None
    except (OSError, FileAccessError):
        return None  # missing or unreadable: nothing kept, nothing to read
    return folder


def read_bytes(kind: str, name: str) -> bytes | None:
    """The bytes kept as `name` in `kind`; None when there are none, or when the folder or the
    file is not the user's own."""
    folder = _folder(kind, create=False)
    if folder is None:
        return None
    try:
        with open(folder / name, "rb") as handle:
            if not _own(os.fstat(handle.fileno())):
                return None  # not written by this user: never believed
            return handle.read()
    except OSError:
        return None


def write_bytes(kind: str, name: str, payload: bytes) -> None:
    """Keep `payload` as `name` in `kind`; one that cannot be written only costs speed."""
    folder = _folder(kind, create=True)
    if folder is not None:
        with contextlib.suppress(OSError, FileAccessError):
            write_copy(folder / name, payload)


def find(kind: str, name: str, key: str) -> Any:
    """The value kept in slot `name` of `kind` under `key`; MISSING when there is none."""
    raw = read_bytes(kind, f"{name}.json")
    if raw is not None:
        try:
            stored = json.loads(raw)
            if isinstance(stored, dict) and stored.get("key") == key:
                return stored["value"]
        except (ValueError, KeyError):
            pass
    return MISSING


def keep(kind: str, name: str, key: str, value: Any) -> None:
    """Keep `value` (JSON data) in slot `name` of `kind` under `key`."""
    try:
        payload = json.dumps({"key": key, "value": value}, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # not JSON data: nothing kept
    write_bytes(kind, f"{name}.json", payload.encode("utf-8"))


def kept(kind: str, name: str, key: str, compute: Callable[[], Any]) -> Any:
    """The value kept under `key`, or `compute()`'s, kept for next time."""
    found = find(kind, name, key)
    if found is MISSING:
        found = compute()
        keep(kind, name, key, found)
    return found


def forget(source: Path) -> None:
    """Delete every value kept from a file or folder, of every kind: after notes were purged
    from a project, nothing of them stays in the cache."""
    name = slot(source)
    try:
        kinds = [entry.name for entry in os.scandir(cache_dir()) if entry.is_dir()]
    except OSError:
        return
    for kind in kinds:
        with contextlib.suppress(OSError):
            (cache_dir() / kind / f"{name}.json").unlink()


def clear_warnings() -> None:
    """Forget which folders were already said unsafe (a long-lived caller, the tests)."""
    _WARNED.clear()
