"""A project folder: one YAML file per method step, documents under `documents/`.

The folder knows files, not the method: a step is anything that names its file and can
validate it (see `StepFiles`); the method's steps are such things.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from pairkit.errors import FileAccessError, Problem, ProjectFileError, ProjectNotFound
from pairkit.files.yamlfiles import content_key, load_document, read_plain, read_raw
from pairkit.folding import fold

DOCUMENTS_DIR = "documents"
# The file naming a project's structure, and the one marking a further recruitment of it.
STRUCTURE_FILE = "structure.yaml"
RECRUITMENT_FILE = "recrutement.yaml"
# Files beside a project's own that its answers depend on: a further recruitment reads its
# structure's cadrage from the folder above. What is kept from a project follows them too.
SHARED_FILES = [f"../{STRUCTURE_FILE}"]

M = TypeVar("M")


# Names Windows keeps for devices, whatever the extension (« con », « nul.txt »…).
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$")


def slugify(name: str) -> str:
    """A safe folder name from a structure's name (accents, spaces, slashes, dots).

    Safe on Windows too: no reserved device name, no trailing dot or space, short enough
    for the 260-character paths of older Windows.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)[0]).strip("-")
    slug = slug[:60].strip("-") or "projet"
    return f"{slug}-projet" if _WINDOWS_RESERVED.match(slug) else slug


@dataclass
class LoadedStep(Generic[M]):
    """A validated step file: the round-trip document and what it means."""

    path: Path
    doc: Any  # ruamel CommentedMap, kept for round-trip rewrites
    answers: dict[str, Any]  # typed answers by question name
    model: M


class StepFiles(Protocol[M]):
    """What a project folder needs of a step: its file, how to validate it, what is missing."""

    @property
    def id(self) -> str:
        """The step's identifier."""
        ...

    @property
    def filename(self) -> str:
        """The name of the step's file in the project folder."""
        ...

    def validate(self, path: Path, doc: Any) -> tuple[LoadedStep[M] | None, list[Problem]]:
        """The typed content of the file, or every problem found in it."""
        ...

    def missing(self, answers: Mapping[str, Any]) -> list[Any]:
        """The required questions these answers leave unanswered."""
        ...

    @property
    def shared(self) -> bool:
        """Whether the recruitments of one structure share this file (the cadrage)."""
        ...


class Project:
    """One recruitment's folder, with a memory of the files already parsed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # Validated step files, keyed by the digest of the bytes they were read from: one
        # document render reads structure.yaml for its header, seven documents per project.
        self._loaded: dict[str, tuple[str, LoadedStep[Any]]] = {}

    @classmethod
    def open(cls, root: Path) -> Project:
        """The project in `root`, which must exist."""
        try:
            with os.scandir(root):
                pass
        except NotADirectoryError:
            raise ProjectNotFound(
                f"« {root} » est un fichier, pas un dossier de projet.",
                hint="Indiquez le dossier du projet, celui qui contient structure.yaml et les "
                "fichiers des étapes.",
            ) from None
        except FileNotFoundError:
            raise ProjectNotFound(
                f"Le dossier de projet « {root} » n'existe pas.",
                hint="Vérifiez le chemin, ou créez le projet avec « pairkit new-project "
                f"{root} ».",
            ) from None
        except OSError as exc:
            raise FileAccessError.from_os_error(exc, root) from None
        return cls(root)

    @property
    def name(self) -> str:
        """The folder's name (shown where the structure has no name yet)."""
        return self.root.resolve().name

    @property
    def documents_dir(self) -> Path:
        """Where the Word documents and calendars are written."""
        return self.root / DOCUMENTS_DIR

    def file(self, step: StepFiles[Any]) -> Path:
        """The step's file in this folder; for a file the structure's recruitments share,
        the structure's own when this folder is one of its further recruitments."""
        own = self.root / step.filename
        if step.shared and self.is_further_recruitment():
            return self.root.parent / step.filename
        return own

    def is_further_recruitment(self) -> bool:
        """A recruitment folder inside its structure's folder, with no cadrage of its own."""
        return (self.root / RECRUITMENT_FILE).is_file() and not (self.root / STRUCTURE_FILE).is_file() \
            and (self.root.parent / STRUCTURE_FILE).is_file()

    def has(self, step: StepFiles[Any]) -> bool:
        """Whether the step's file exists."""
        return self.file(step).is_file()

    def load(self, step: StepFiles[M]) -> LoadedStep[M]:
        """Load and validate one step file for reading; raise ProjectFileError listing every
        problem. Its `doc` is plain data (see `load_for_writing` to change the file)."""
        path = self.file(step)
        raw = read_raw(path)
        signature = content_key(raw)
        cached = self._loaded.get(step.id)
        if cached is not None and cached[0] == signature:
            return cached[1]
        loaded, problems = step.validate(path, read_plain(path, raw))
        if problems or loaded is None:
            # The round-trip parse knows the lines the messages name.
            self.load_for_writing(step)
            raise ProjectFileError(problems)
        self._loaded[step.id] = (signature, loaded)
        return loaded

    def load_for_writing(self, step: StepFiles[M]) -> LoadedStep[M]:
        """Load and validate one step file in round-trip form (comments and layout kept), to
        change it; raise ProjectFileError listing every problem, with its line."""
        path = self.file(step)
        loaded, problems = step.validate(path, load_document(path))
        if problems or loaded is None:
            raise ProjectFileError(problems)
        return loaded

    def forget(self, step: StepFiles[Any]) -> None:
        """Drop the parsed copy of a step file (after pairkit rewrote it)."""
        self._loaded.pop(step.id, None)

    def answers(self, step: StepFiles[Any]) -> dict[str, Any]:
        """The step's answers by question name; none when the file does not exist."""
        return self.load(step).answers if self.has(step) else {}

    def missing(self, step: StepFiles[Any], answers: Mapping[str, Any] | None = None) -> list[Any]:
        """The step's required questions still without an answer."""
        current = self.answers(step) if answers is None else answers
        return step.missing(current)

    def is_complete(self, step: StepFiles[Any]) -> bool:
        """Whether the step's file exists and answers every required question."""
        return self.has(step) and not self.missing(step)

    def problems(self, steps: tuple[StepFiles[Any], ...]) -> list[Problem]:
        """Every problem of every existing step file, for `verifier` and before writing."""
        problems: list[Problem] = []
        for step in steps:
            if not self.has(step):
                continue
            try:
                self.load(step)
            except ProjectFileError as exc:
                problems.extend(exc.problems)
        return problems

