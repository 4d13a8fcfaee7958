"""One pairkit at a time on a project: a lock file beside the step files.

Writes are atomic anyway; the lock prevents a lost update when two people (or two windows)
interview the same project at once, e.g. on a shared drive.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from pairkit.errors import ProjectLocked
from pairkit.files.atomic import make_folder

LOCK_NAME = ".pairkit.lock"
# A lock left by another computer cannot be checked; after this long it is considered stale.
STALE_AFTER = dt.timedelta(hours=12)


def _alive(pid: int) -> bool:
    if os.name == "nt":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(info: dict[str, object]) -> bool:
    try:
        since = dt.datetime.fromisoformat(str(info["depuis"]))
        pid = int(str(info["pid"]))
    except (KeyError, ValueError):
        return True
    if info.get("machine") == socket.gethostname():
        try:
            return not _alive(pid)
        except (OverflowError, ValueError, OSError):
            return True  # not a pid this system can hold: no process of ours wrote it
    return dt.datetime.now() - since > STALE_AFTER


def _read_lock(path: Path) -> dict[str, object] | None:
    """The lock's content; None when it holds something pairkit never writes.

    An empty or cut file is what a pairkit killed while taking the lock leaves: it reads as an
    empty lock, which is stale.
    """
    try:
        held = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return held if isinstance(held, dict) else None


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's lock file while a command writes; refuse if another pairkit holds it."""
    make_folder(root)
    path = root / LOCK_NAME
    info = {"pid": os.getpid(), "machine": socket.gethostname(),
            "depuis": dt.datetime.now().isoformat(timespec="seconds")}
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            held = _read_lock(path)
            if held is None:
                raise ProjectLocked(
                    f"Le fichier de verrou « {path} » est illisible : pairkit ne peut pas savoir si "
                    "un autre pairkit travaille sur ce projet.",
                    hint="Si aucune autre session n'est ouverte sur ce projet, supprimez ce fichier "
                    "puis relancez.",
                ) from None
            if _stale(held):
                path.unlink(missing_ok=True)
                continue
            raise ProjectLocked(
                f"Le projet « {root} » est déjà ouvert par un autre pairkit "
                f"(ordinateur {held.get('machine', '?')}, depuis {held.get('depuis', '?')}).",
                hint="Terminez l'autre session puis relancez. Si aucune autre session n'est "
                f"ouverte, supprimez le fichier « {path} ».",
            ) from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(info, handle)
        break
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


@contextmanager
def folder_locks(folders: Iterable[Path]) -> Iterator[None]:
    """The locks of every folder whose files a command writes: a file that recruitments share
    (the structure's cadrage) is guarded by the lock of the folder that holds it, so that two
    recruitments of one structure never write it at once."""
    with ExitStack() as stack:
        seen: set[Path] = set()
        for folder in folders:
            key = folder.resolve()
            if key not in seen:
                seen.add(key)
                stack.enter_context(project_lock(folder))
        yield
