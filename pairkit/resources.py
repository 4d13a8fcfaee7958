"""Where things are: the method's files, the Word templates, the user's settings and cache.

In an installed wheel the bundled checklists and templates are copied under `pairkit/_data/`;
in a source checkout (editable install, tests) they are the top-level `checklists/` and
`templates/` folders. The platform overrides either, file by file, from a folder of its own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def checklists_dir() -> Path:
    """The checklists shipped with pairkit."""
    return _data_dir("checklists")


def config_dir() -> Path:
    """The user's pairkit settings folder, where each system keeps settings."""
    home = Path.home()
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return base / "pairkit"


def config_file() -> Path:
    """The settings file (`config.yaml`) in the settings folder."""
    return config_dir() / "config.yaml"


def user_method_dir() -> Path:
    """The platform's own copy of the method: `PAIRKIT_METHODE`, else `methode/` in the settings."""
    given = os.environ.get("PAIRKIT_METHODE")
    if given:
        return Path(given).expanduser()
    return config_dir() / "methode"


def checklist_search_path() -> list[Path]:
    """Most specific first: the platform's own folder, then the bundled checklists."""
    return [user_method_dir(), checklists_dir()]


def bundled_templates_dir() -> Path:
    """The Word templates shipped with pairkit."""
    return _data_dir("templates")


def examples_dir() -> Path:
    """The example projects shipped with pairkit."""
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
