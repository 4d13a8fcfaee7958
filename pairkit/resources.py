"""Where the method's content (checklists) and the Word templates are found.

In an installed wheel they are copied under `pairkit/_data/`; in a source checkout
(editable install, tests) they are the top-level `checklists/` and `templates/` folders.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from pairkit import __version__
from pairkit.errors import PairkitError

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def checklists_dir() -> Path:
    return _data_dir("checklists")


def bundled_templates_dir() -> Path:
    return _data_dir("templates")


def examples_dir() -> Path:
    return _data_dir("examples")


def template_search_path(project_dir: Path | None) -> list[Path]:
    """Most specific first: the project's own `modeles/`, the user's folder, the bundled one."""
    dirs: list[Path] = []
    if project_dir is not None:
        dirs.append(project_dir / "modeles")
    user = os.environ.get("PAIRKIT_MODELES")
    if user:
        dirs.append(Path(user).expanduser())
    dirs.append(bundled_templates_dir())
    return dirs


def cache_dir() -> Path:
    """Where pairkit keeps what it can recompute (each system's usual place)."""
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "pairkit" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "pairkit"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pairkit"


@cache
def load_checklist(name: str) -> Any:
    """Load `checklists/<name>.yaml` (plain data, JSON-compatible).

    Parsing YAML in pure Python is most of the start-up of a command like `statut`, so the
    parsed content is kept in a JSON cache, redone whenever the file changes.
    """
    path = checklists_dir() / f"{name}.yaml"
    if not path.is_file():
        raise PairkitError(
            f"Le fichier de contenu « {path} » est introuvable.",
            hint="Réinstallez pairkit (pip install .) ou restaurez le dossier checklists/.",
        )
    stat = path.stat()
    key = [str(path), stat.st_mtime_ns, stat.st_size, __version__]
    cached = cache_dir() / f"{hashlib.sha1(str(path).encode()).hexdigest()[:16]}-{name}.json"
    try:
        stored = json.loads(cached.read_text("utf-8"))
        if stored.get("key") == key:
            return stored["value"]
    except (OSError, ValueError, AttributeError):
        pass
    from pairkit.yamlfiles import atomic_write_text, load_plain

    value = json.loads(json.dumps(load_plain(path), default=str))
    with contextlib.suppress(OSError):  # a read-only home only costs speed
        atomic_write_text(cached, json.dumps({"key": key, "value": value}, ensure_ascii=False))
    return value
