"""A project folder: one YAML file per method step, documents under `documents/`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pairkit.errors import Problem, ProjectFileError, ProjectNotFound
from pairkit.models import SCHEMA_VERSION, StepFile
from pairkit.questions import Question, get_path, parse_answer, unanswered
from pairkit.steps.base import Step
from pairkit.yamlfiles import line_of, load_document

DOCUMENTS_DIR = "documents"

_PYDANTIC_FR = {
    "extra_forbidden": "champ inconnu (faute de frappe ? il n'est pas utilisé par pairkit)",
    "missing": "champ obligatoire absent",
    "bool_parsing": "attendu : oui ou non",
    "bool_type": "attendu : oui ou non",
    "int_parsing": "attendu : un nombre entier",
    "int_type": "attendu : un nombre entier",
    "date_from_datetime_parsing": "date invalide (écrivez AAAA-MM-JJ, ex. 2026-03-02)",
    "date_parsing": "date invalide (écrivez AAAA-MM-JJ, ex. 2026-03-02)",
    "date_type": "date invalide (écrivez AAAA-MM-JJ, ex. 2026-03-02)",
    "string_type": "attendu : du texte",
    "list_type": "attendu : une liste (lignes commençant par « - »)",
    "dict_type": "attendu : des champs « clé: valeur »",
    "model_type": "attendu : des champs « clé: valeur »",
}


def slugify(name: str) -> str:
    """A safe folder name from a structure's name (accents, spaces, slashes, dots)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", ascii_name).strip("-").lower()
    return slug[:60].strip("-") or "projet"


def french_error(err: Any) -> str:
    """A pydantic error, said in French with the value that was read."""
    if err["type"] == "value_error":  # our own validators already speak French
        message = str(err["msg"]).removeprefix("Value error, ")
    else:
        message = _PYDANTIC_FR.get(err["type"], err["msg"])
    if err["type"] != "extra_forbidden" and "input" in err and not isinstance(err["input"], dict):
        message += f" (valeur lue : « {err['input']} »)"
    return message + "."


def to_plain(value: Any) -> Any:
    """Round-trip containers → plain dicts and lists (str subclasses stay str)."""
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


@dataclass
class LoadedStep:
    path: Path
    doc: Any  # ruamel CommentedMap, kept for round-trip rewrites
    answers: dict[str, Any]  # typed answers by question name
    model: StepFile


def validate_step(step: Step, path: Path, doc: Any) -> tuple[LoadedStep | None, list[Problem]]:
    plain = to_plain(doc)
    problems: list[Problem] = []

    version = plain.get("version_schema")
    if version is None:
        problems.append(Problem(path, "version_schema",
                                f"version de schéma absente : ajoutez « version_schema: {SCHEMA_VERSION} » "
                                "en première ligne.", None))
    elif str(version).strip() != str(SCHEMA_VERSION):
        problems.append(Problem(path, "version_schema",
                                f"version de schéma « {version} » inconnue de cette version de pairkit "
                                f"(attendu : {SCHEMA_VERSION}). Mettez pairkit à jour.",
                                line_of(doc, ("version_schema",))))

    model: StepFile | None = None
    try:
        model = step.model.model_validate(plain)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            if loc == ("version_schema",):
                continue
            field = ".".join(str(p) for p in loc)
            problems.append(Problem(path, field, french_error(err), line_of(doc, loc)))

    questions = step.content().questions
    names = {q.name for q in questions}
    answers: dict[str, Any] = {}
    for question in questions:
        raw = get_path(plain, question.name)
        if raw is None:
            continue
        try:
            answers[question.name] = parse_answer(question, raw)
        except ValueError as exc:
            loc = tuple(question.name.split("."))
            if not any(p.field == question.name for p in problems):
                problems.append(Problem(path, question.name, str(exc), line_of(doc, loc)))

    # Questions grouped under one key (e.g. `reponses.xxx`): report unknown sub-keys too.
    for prefix in sorted({n.split(".")[0] for n in names if "." in n}):
        group = plain.get(prefix)
        if isinstance(group, Mapping):
            for key in group:
                if f"{prefix}.{key}" not in names:
                    problems.append(Problem(path, f"{prefix}.{key}",
                                            "champ inconnu (faute de frappe ?).",
                                            line_of(doc, (prefix, key))))
    if problems or model is None:
        return None, problems
    return LoadedStep(path, doc, answers, model), []


class Project:
    def __init__(self, root: Path) -> None:
        self.root = root
        # Parsed step files, keyed by the file's identity: one document render reads
        # structure.yaml for its header, the batch renders seven documents per project.
        self._loaded: dict[str, tuple[tuple[int, int], LoadedStep]] = {}

    @classmethod
    def open(cls, root: Path) -> Project:
        if not root.is_dir():
            raise ProjectNotFound(
                f"Le dossier de projet « {root} » n'existe pas.",
                hint="Vérifiez le chemin, ou créez le projet avec « pairkit new-project "
                f"{root} ».",
            )
        return cls(root)

    @property
    def name(self) -> str:
        return self.root.resolve().name

    @property
    def documents_dir(self) -> Path:
        return self.root / DOCUMENTS_DIR

    def file(self, step: Step) -> Path:
        return self.root / step.filename

    def has(self, step: Step) -> bool:
        return self.file(step).is_file()

    def load(self, step: Step) -> LoadedStep:
        """Load and validate one step file; raise ProjectFileError listing every problem."""
        path = self.file(step)
        try:
            stat = path.stat()
            signature = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            signature = (0, -1)
        cached = self._loaded.get(step.id)
        if cached is not None and cached[0] == signature:
            return cached[1]
        loaded, problems = validate_step(step, path, load_document(path))
        if problems or loaded is None:
            raise ProjectFileError(problems)
        self._loaded[step.id] = (signature, loaded)
        return loaded

    def forget(self, step: Step) -> None:
        """Drop the parsed copy of a step file (after pairkit rewrote it)."""
        self._loaded.pop(step.id, None)

    def answers(self, step: Step) -> dict[str, Any]:
        return self.load(step).answers if self.has(step) else {}

    def missing(self, step: Step, answers: Mapping[str, Any] | None = None) -> list[Question]:
        current = self.answers(step) if answers is None else answers
        return missing_answers(step, current)

    def is_complete(self, step: Step) -> bool:
        return self.has(step) and not self.missing(step)

    def check(self, steps: tuple[Step, ...]) -> list[Problem]:
        problems: list[Problem] = []
        for step in steps:
            if not self.has(step):
                continue
            try:
                self.load(step)
            except ProjectFileError as exc:
                problems.extend(exc.problems)
        return problems


def missing_answers(step: Step, answers: Mapping[str, Any]) -> list[Question]:
    return unanswered(step.content().questions, answers)
