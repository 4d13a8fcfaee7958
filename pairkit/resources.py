"""Where the method's content (checklists) and the Word templates are found.

In an installed wheel they are copied under `pairkit/_data/`; in a source checkout
(editable install, tests) they are the top-level `checklists/` and `templates/` folders.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

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


@cache
def load_checklist(name: str) -> Any:
    """Load `checklists/<name>.yaml` (plain data: no round-trip needed)."""
    from pairkit.yamlfiles import load_plain

    path = checklists_dir() / f"{name}.yaml"
    if not path.is_file():
        raise PairkitError(
            f"Le fichier de contenu « {path} » est introuvable.",
            hint="Réinstallez pairkit (pip install .) ou restaurez le dossier checklists/.",
        )
    return load_plain(path)
