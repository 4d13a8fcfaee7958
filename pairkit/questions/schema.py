"""A step file's schema, built from the step's checklist: the questions are the fields.

Each question becomes the field its question type declares (text, yes/no, whole number, date,
list…), checked by that type's own parser (bounds, choices, e-mail…). A dotted name
(`reponses.tuteur`) becomes a field of a group. A step adds only what it stores without asking
(the plan's reviews, moved dates) by declaring them on its base class.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from pairkit.errors import Problem
from pairkit.files.project import LoadedStep
from pairkit.files.yamlfiles import line_of, to_plain
from pairkit.questions.model import Question, StepContent, get_path
from pairkit.questions.types import parse_answer, type_of

# Version 2: the team's representations of the peer are their own part of the workshop
# (version 1 listed the « messie » and the « petite chose fragile » among the fears). A file
# of an earlier version is brought up to date in memory when read (each step's `migrations`),
# and written in the new version only when pairkit next saves it.
SCHEMA_VERSION = 2
OLDEST_SCHEMA_VERSION = 1


def schema_version(value: Any) -> int | None:
    """The version a file declares, when it is one this pairkit reads."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if OLDEST_SCHEMA_VERSION <= number <= SCHEMA_VERSION else None


class StepFile(BaseModel):
    """Common shape of a step file: a schema version, then the step's own fields."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    version_schema: int = SCHEMA_VERSION


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


def _fields(questions: list[tuple[list[str], Question]], base: type[BaseModel],
            name: str) -> type[BaseModel]:
    """A model for one level of names: leaves are fields, prefixes become groups."""
    fields: dict[str, Any] = {}
    groups: dict[str, list[tuple[list[str], Question]]] = {}
    for parts, question in questions:
        if len(parts) == 1:
            fields[parts[0]] = type_of(question).field(question)
        else:
            groups.setdefault(parts[0], []).append((parts[1:], question))
    for group, members in groups.items():
        if group in base.model_fields:
            continue  # the step declares this group itself (e.g. the plan's reviews)
        fields[group] = (_fields(members, _Group, f"{name}_{group}") | None, None)
    model: type[BaseModel] = create_model(name, __base__=base, **fields)
    return model


M = TypeVar("M", bound=StepFile)


def build_model(content: StepContent, base: type[M]) -> type[M]:
    """The model of a step file: `base` plus one field per question of `content`."""
    own = [(q.name.split("."), q) for q in content.questions
           if q.name.split(".")[0] not in base.model_fields]
    model = _fields(own, base, f"{base.__name__}Fichier")
    return model  # type: ignore[return-value]


def build_group_model(content: StepContent, base: type[BaseModel], name: str) -> type[BaseModel]:
    """The model of a group a file keeps apart from its own questions (a review of the plan,
    from `bilan.yaml`): `base` plus one field per question of `content`."""
    return _fields([(q.name.split("."), q) for q in content.questions], base, name)


def build_item_model(content: StepContent, prefix: str, name: str,
                     base: type[BaseModel] | None = None) -> type[BaseModel]:
    """The model of one item of a list a file keeps (an activity among the year's, a change
    in a recruitment's history): the questions named `prefix.…`, without the prefix, besides
    the fields `base` declares itself."""
    base = _Group if base is None else base
    own = [(q.name.split(".")[1:], q) for q in content.questions
           if q.name.split(".")[0] == prefix and q.name.split(".")[1] not in base.model_fields]
    return _fields(own, base, name)


_PYDANTIC_FR = {
    "extra_forbidden": "champ inconnu (faute de frappe ? il n'est pas utilisé par pairkit)",
    "missing": "champ obligatoire absent",
    "bool_parsing": "attendu : oui ou non",
    "bool_type": "attendu : oui ou non",
    "int_parsing": "attendu : un nombre entier",
    "int_type": "attendu : un nombre entier",
    "int_from_float": "attendu : un nombre entier",
    "date_from_datetime_parsing": "date invalide (écrivez AAAA-MM-JJ, ex. 2026-03-02)",
    "date_parsing": "date invalide (écrivez AAAA-MM-JJ, ex. 2026-03-02)",
    "date_type": "date invalide (écrivez AAAA-MM-JJ, ex. 2026-03-02)",
    "string_type": "attendu : du texte",
    "list_type": "attendu : une liste (lignes commençant par « - »)",
    "dict_type": "attendu : des champs « clé: valeur »",
    "model_type": "attendu : des champs « clé: valeur »",
    "model_attributes_type": "attendu : des champs « clé: valeur »",
}


def french_error(err: Any) -> str:
    """A pydantic error, said in French with the value that was read."""
    if err["type"] == "value_error":  # our own validators already speak French
        message = str(err["msg"]).removeprefix("Value error, ")
    else:
        message = _PYDANTIC_FR.get(err["type"], err["msg"])
    if err["type"] != "extra_forbidden" and "input" in err and not isinstance(err["input"], dict):
        message += f" (valeur lue : « {err['input']} »)"
    return message + "."


def model_problems(model: type[BaseModel], path: Path, doc: Any, skip: tuple[str, ...] = (),
                   plain: Any = None) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a round-trip document (its `plain` content, when already made) against a
    model; each error with its line."""
    try:
        return model.model_validate(to_plain(doc) if plain is None else plain), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            if loc and loc[0] in skip:
                continue
            field = ".".join(str(p) for p in loc)
            problems.append(Problem(path, field, french_error(err), line_of(doc, loc)))
        return None, problems


def _version_problem(path: Path, doc: Any, version: Any) -> Problem | None:
    if version is None:
        return Problem(path, "version_schema",
                       f"version de schéma absente : ajoutez « version_schema: {SCHEMA_VERSION} » "
                       "en première ligne.", None)
    if schema_version(version) is None:
        return Problem(path, "version_schema",
                       f"version de schéma « {version} » inconnue de cette version de pairkit "
                       f"(attendu : {SCHEMA_VERSION}). Mettez pairkit à jour.",
                       line_of(doc, ("version_schema",)))
    return None


def parsed_answers(questions: list[Question], plain: Mapping[str, Any]) -> dict[str, Any]:
    """Answers by question name, each read by its type's parser (values already validated)."""
    answers: dict[str, Any] = {}
    for question in questions:
        raw = get_path(plain, question.name)
        if raw is not None:
            answers[question.name] = parse_answer(question, raw)
    return answers


@dataclass(frozen=True)
class Schema(Generic[M]):
    """What validates one step's file: its questions and the model built from them."""

    content: StepContent
    model: type[M]

    def validate(self, path: Path, doc: Any) -> tuple[LoadedStep[M] | None, list[Problem]]:
        """Every problem of a step file at once, or the file's typed answers."""
        plain = to_plain(doc)
        problems: list[Problem] = []
        version = _version_problem(path, doc, plain.get("version_schema"))
        if version is not None:
            problems.append(version)
        model, found = model_problems(self.model, path, doc, skip=("version_schema",), plain=plain)
        problems.extend(found)
        if problems or model is None:
            return None, problems
        answers = parsed_answers(self.content.questions, plain)
        return LoadedStep(path, doc, answers, model), []  # type: ignore[arg-type]


_SCHEMAS: dict[tuple[int, type[BaseModel]], Schema[Any]] = {}


def schema_for(content: StepContent, base: type[M]) -> Schema[M]:
    """The schema of a step, built once per version of its checklist."""
    key = (id(content), base)
    known = _SCHEMAS.get(key)
    if known is None or known.content is not content:
        known = Schema(content, build_model(content, base))
        _SCHEMAS[key] = known
    return known
