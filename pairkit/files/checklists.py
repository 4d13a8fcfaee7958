"""Reading the method's files (`checklists/`): the platform's copy first, then the bundled one.

Parsing YAML in pure Python is most of the start-up of a command like `statut`, so the parsed
content of each file is kept (`cache`), keyed on the file's bytes.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pairkit.errors import MethodProblem
from pairkit.files import cache
from pairkit.resources import checklist_search_path, checklists_dir


def checklist_path(name: str) -> Path:
    """`<name>.yaml` in the first folder of the search path that has it."""
    for folder in checklist_search_path():
        path = folder / f"{name}.yaml"
        if path.is_file():
            return path
    raise MethodProblem(
        f"Le fichier de la méthode « {checklists_dir() / name}.yaml » est introuvable.",
        hint="Réinstallez pairkit (pip install .) ou restaurez le dossier checklists/.",
    )


_PARSED: dict[tuple[str, str], Any] = {}
_FOLDERS: dict[tuple[str | None, ...], tuple[str, ...]] = {}


def _search_folders() -> tuple[str, ...]:
    """The search path as strings, worked out once for the settings that decide it.

    A batch reads method files tens of thousands of times: building paths each time cost
    more than reading the files.
    """
    settings = tuple(os.environ.get(name) for name in
                     ("PAIRKIT_METHODE", "XDG_CONFIG_HOME", "HOME", "APPDATA", "USERPROFILE"))
    folders = _FOLDERS.get(settings)
    if folders is None:
        folders = _FOLDERS[settings] = tuple(str(folder) for folder in checklist_search_path())
    return folders


_STEADY: list[dict[str, tuple[str, str]]] = []


@contextmanager
def steady_method() -> Iterator[None]:
    """Look each method file up once while reading many projects.

    A portfolio asks for the same method files tens of thousands of times, and each look-up
    is a few system calls; the method does not change in the second a command reads it.
    Outside this block, every look-up sees a changed file at once.
    """
    _STEADY.append({})
    try:
        yield
    finally:
        _STEADY.pop()


def checklist_key(name: str) -> tuple[str, str]:
    """The method file `name` is read from, with the digest of its content."""
    if _STEADY:
        known = _STEADY[0].get(name)
        if known is None:
            known = _STEADY[0][name] = _find(name)
        return known
    return _find(name)


# Digests of method files by their identity on disk, in this process only: the digest is
# what keys everything; the file's times merely spare hashing it again within one command.
_DIGESTS: dict[tuple[str, int, int, int, int], str] = {}


def _digest(path: str, found: os.stat_result) -> str | None:
    identity = (path, found.st_ino, found.st_mtime_ns, found.st_ctime_ns, found.st_size)
    known = _DIGESTS.get(identity)
    if known is None:
        known = cache.file_digest(path)
        if known is not None:
            _DIGESTS[identity] = known
    return known


def _find(name: str) -> tuple[str, str]:
    for folder in _search_folders():
        path = os.path.join(folder, f"{name}.yaml")
        try:
            found = os.stat(path)
        except OSError:
            continue
        if stat.S_ISREG(found.st_mode):
            known = _digest(path, found)
            if known is not None:
                return path, known
    checklist_path(name)  # raises: no such method file, in French
    raise MethodProblem(
        f"Le fichier de la méthode « {name}.yaml » est illisible (droits insuffisants ?).",
        hint="Vérifiez que vous pouvez lire le dossier de méthode (« pairkit methode verifier »), "
        "ou supprimez ce fichier de votre dossier de méthode pour revenir à la version fournie.",
    )


def load_checklist(name: str) -> Any:
    """Load a method file (plain data, JSON-compatible), from memory when it has not changed."""
    key = checklist_key(name)
    if key not in _PARSED:
        path = Path(key[0])
        _PARSED[key] = cache.kept("methode", cache.slot(path), key[1], lambda: _parse(path))
    return _PARSED[key]


def _parse(path: Path) -> Any:
    """Only a changed file pays for the YAML parser."""
    from pairkit.errors import ProjectFileError
    from pairkit.files.yamlfiles import load_plain

    try:
        return json.loads(json.dumps(load_plain(path), default=str))
    except ProjectFileError as exc:
        where = "; ".join(str(problem) for problem in exc.problems)
        raise MethodProblem(
            f"Le fichier de la méthode « {path} » est illisible ({where})",
            hint="Corrigez-le (« pairkit methode verifier » le vérifie) ou supprimez-le de votre "
            "dossier de méthode pour revenir à la version fournie.",
        ) from None


def _names(folder: str) -> list[str]:
    """The method files of one folder of the search path; none when it does not exist.

    A folder that exists but cannot be read is said, never silently replaced by the bundled
    method: the platform would work from another method than its own without knowing it.
    """
    try:
        return sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".yaml"))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise MethodProblem(
            f"Le dossier de méthode « {folder} » est illisible ({exc.strerror or exc}).",
            hint="Rendez-le lisible (droits du dossier et du dossier des réglages qui le contient), "
            "ou retirez-le, ou désignez-en un autre avec la variable PAIRKIT_METHODE.",
        ) from None


def method_digest() -> str:
    """The digest of every method file that may be read, folder by folder: what a value
    computed from the method is keyed on."""
    parts: list[str] = []
    for folder in _search_folders():
        for name in _names(folder):
            path = os.path.join(folder, name)
            try:
                found = os.stat(path)
            except OSError:
                continue
            parts += [path, _digest(path, found) or "illisible"]
    return cache.digest(*parts)


def step_entries() -> list[dict[str, Any]]:
    """The `etape` block of every step's checklist, in the method's order.

    Read as plain data (no validation), so the command line can list the steps' commands
    without loading the method itself.
    """
    names = {name.removesuffix(".yaml") for folder in _search_folders() for name in _names(folder)}
    entries = []
    for name in sorted(names):
        data = load_checklist(name)
        entry = data.get("etape") if isinstance(data, dict) else None
        if isinstance(entry, dict):
            entries.append({**entry, "checklist": name})
    return sorted(entries, key=lambda entry: int(entry.get("ordre") or 0))
