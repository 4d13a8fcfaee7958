"""The consultant's settings file (`config.yaml`): where the projects are, how long notes stay."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pairkit.errors import Problem, ProjectFileError, ProjectNotFound
from pairkit.files.yamlfiles import line_of, load_document, to_plain
from pairkit.resources import config_file

# Each setting, with what it must be.
KNOWN = {"dossier_projets": "un dossier", "conservation_notes_annees": "un nombre entier d'années",
         # The consultant's own name: the platform's chargé·e de mission of every new project.
         "accompagnant": "votre prénom et nom"}


def settings() -> dict[str, Any]:
    """The settings file's content, checked; empty when there is none."""
    path = config_file()
    if not path.is_file():
        return {}
    doc = load_document(path)
    problems = [Problem(path, str(k), "réglage inconnu (réglages : " + ", ".join(KNOWN) + ").",
                        line_of(doc, (k,))) for k in doc if k not in KNOWN]
    years = doc.get("conservation_notes_annees")
    if years is not None and not str(years).strip().isdigit():
        problems.append(Problem(path, "conservation_notes_annees", f"{KNOWN['conservation_notes_annees']} "
                                "est attendu (par exemple 2).", line_of(doc, ("conservation_notes_annees",))))
    if problems:
        raise ProjectFileError(problems)
    return dict(to_plain(doc))


def projects_root(given: Path | None) -> Path:
    """The folder holding the projects: argument, then PAIRKIT_PROJETS, then the settings file."""
    if given is not None:
        return given
    if os.environ.get("PAIRKIT_PROJETS"):
        return Path(os.environ["PAIRKIT_PROJETS"]).expanduser()
    folder = settings().get("dossier_projets")
    return Path(str(folder)).expanduser() if folder else Path.cwd()


def missing_root(root: Path) -> ProjectNotFound:
    """The error for a projects folder that does not exist."""
    return ProjectNotFound(f"Le dossier de projets « {root} » n'existe pas.",
                           hint="Indiquez-le : pairkit suivi DOSSIER, la variable PAIRKIT_PROJETS, "
                           f"ou « dossier_projets: … » dans {config_file()}.")
