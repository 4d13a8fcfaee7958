"""Writes that never leave half a file: a temporary file in the same folder, then one replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pairkit.errors import FileAccessError


def _remove_stray_temporaries(path: Path) -> None:
    """Temporaries left by a process killed mid-write; old enough not to be another's."""
    import time

    for stray in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if time.time() - stray.stat().st_mtime > 600:
                stray.unlink()
        except OSError:
            pass


# What pairkit creates is its user's own: folders 0700, files 0600 (where the system has modes).
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_folder(path: Path) -> None:
    """Create a folder (and its missing parents) readable by its owner only."""
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    try:
        # One by one: `mkdir(parents=True)` gives the parents it creates the default rights.
        for folder in reversed(missing):
            folder.mkdir(exist_ok=True, mode=FOLDER_MODE)
        path.mkdir(exist_ok=True, mode=FOLDER_MODE)
    except PermissionError:
        raise
    except OSError as exc:
        raise FileAccessError.from_os_error(exc, path) from None


def copy_private(source: Path, destination: Path) -> None:
    """Copy a file for the user to edit, with the same rights as pairkit's own files."""
    import shutil

    try:
        shutil.copyfile(source, destination)
        destination.chmod(FILE_MODE)
    except OSError as exc:
        raise FileAccessError.from_os_error(exc, destination) from None


def write_copy(path: Path, text: str | bytes) -> None:
    """Write a copy pairkit can recompute (the read cache): whole or not at all, but cheaply.

    No flush to the disk and no sweep of the folder: a copy cut short by a crash is recomputed
    (its key no longer matches), and the cache folder holds thousands of copies, which a sweep
    at each write would read again and again. The copy is its owner's only, as the project
    files it comes from. Errors are the caller's to ignore.
    """
    payload = text.encode("utf-8") if isinstance(text, str) else text
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    """`atomic_write_bytes` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"), durable)


def atomic_write_bytes(path: Path, payload: bytes, durable: bool = True) -> None:
    """Write through a temporary file in the same folder, then replace in one step.

    A crash or a closed laptop leaves either the old file or the new one, never half of one.
    `durable=False` spares the wait for the disk, for a file whose loss costs nothing: after a
    crash it may be empty, never half of another.
    A refusal of the system (disk full, read-only, busy) becomes a French message naming the
    file; a permission refusal is left to the caller, who knows whether the file may be open
    in Word.
    """
    if path.is_symlink():
        raise FileAccessError(
            f"« {path} » est un lien symbolique : pairkit ne l'écrit pas, pour ne pas remplacer "
            "le lien par une copie ni écrire hors du projet.",
            hint="Remplacez le lien par le fichier lui-même, puis relancez. Rien n'a été modifié.")
    try:
        make_folder(path.parent)
        _remove_stray_temporaries(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except PermissionError:
        raise
    except OSError as exc:
        raise FileAccessError.from_os_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, PermissionError):
            raise FileAccessError.from_os_error(exc, path) from None
        raise
