"""Questions are data: the typed model, loading from `checklists/`, parsing of answers.

A question in a checklist file looks like this (keys in French, for the platform):

    - nom: modalite
      type: choix
      question: La séance aura lieu…
      aide: En présentiel, prévoyez une visite des locaux.
      choix: [présentiel, visio]
      defaut: présentiel
      si: {autre_champ: valeur}
      obligatoire: true
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pairkit.errors import PairkitError
from pairkit.resources import checklists_dir, load_checklist

Kind = Literal[
    "texte",        # one line of text
    "texte_long",   # a longer text (still typed on one line; hand edits may add lines)
    "choix",        # one value among `choix` (plus free text when `autre` is true)
    "choix_multiples",
    "oui_non",
    "entier",
    "date",
    "heure",
    "liste",        # several short items, typed separated by « ; »
    "par_element",  # one text per item of another answer (e.g. per fear voiced)
]


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    valeur: str
    libelle: str | None = None

    @property
    def label(self) -> str:
        return self.libelle or self.valeur


class Alert(BaseModel):
    """A warning raised by one answer (readiness rules, as data)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    when: Any = Field(alias="si")
    level: Literal["attention", "bloquant"] = Field(alias="niveau")
    reason: str = Field(alias="raison")
    action: str

    def raised_by(self, value: Any) -> bool:
        wanted = self.when if isinstance(self.when, list) else [self.when]
        return value in wanted


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(alias="nom")
    kind: Kind = Field(alias="type")
    message: str = Field(alias="question")
    help: str | None = Field(default=None, alias="aide")
    choices: list[Choice] = Field(default_factory=list, alias="choix")
    catalogue: str | None = None
    other: bool = Field(default=False, alias="autre")
    default: Any = Field(default=None, alias="defaut")
    condition: dict[str, Any] | None = Field(default=None, alias="si")
    required: bool = Field(default=True, alias="obligatoire")
    minimum: int | None = Field(default=None, alias="min")
    maximum: int | None = Field(default=None, alias="max")
    source: list[str] = Field(default_factory=list)
    validator: str | None = Field(default=None, alias="validation")
    theme: str | None = None
    # A catalogue in checklists/ whose items for the project's sector are offered first.
    suggestions: str | None = None
    # Choices taken from another step's answers, as « step_id.field ».
    choices_from: str | None = Field(default=None, alias="choix_depuis")
    alert: Alert | None = Field(default=None, alias="alerte")
    strength: str | None = Field(default=None, alias="atout")

    @field_validator("choices", mode="before")
    @classmethod
    def _plain_choices(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"valeur": str(v)} if not isinstance(v, Mapping) else v for v in value]
        return value

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """True when the question's condition holds for the answers given so far."""
        if not self.condition:
            return True
        for field, expected in self.condition.items():
            actual = lookup(answers, field)
            wanted = expected if isinstance(expected, list) else [expected]
            if isinstance(actual, list):
                if not any(a in wanted for a in actual):
                    return False
            elif actual not in wanted:
                return False
        return True

    def label_of(self, value: Any) -> str:
        for choice in self.choices:
            if choice.valeur == value:
                return choice.label
        return str(value)


class Control(BaseModel):
    """A check across answers, e.g. the info coll parts must add up to 1h30–2h."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    total_of: list[str] = Field(alias="somme")
    minimum: int = Field(alias="min")
    maximum: int = Field(alias="max")
    message: str
    revisit: list[str] = Field(default_factory=list, alias="a_revoir")

    def failure(self, answers: Mapping[str, Any]) -> str | None:
        values = [lookup(answers, name) for name in self.total_of]
        if any(not isinstance(v, int) for v in values):
            return None
        total = sum(values)
        if self.minimum <= total <= self.maximum:
            return None
        return self.message.format(total=total, heures=format_minutes(total))


class Part(BaseModel):
    """One part of a session agenda (the info coll's four parts)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    titre: str
    champ_duree: str
    intervenant: Literal["cadre", "equipe", "plateforme", "tous"]


class StepContent(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    title: str = Field(alias="titre")
    intro: str | None = None
    themes: dict[str, str] = Field(default_factory=dict)
    questions: list[Question]
    controls: list[Control] = Field(default_factory=list, alias="controles")
    parts: list[Part] = Field(default_factory=list, alias="parties")


@cache
def load_step_content(name: str) -> StepContent:
    """A step's questions, parsed once per process (batch runs call this thousands of times)."""
    raw = load_checklist(name)
    try:
        content = StepContent.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PairkitError(
            f"Le fichier de contenu « {checklists_dir() / name}.yaml » est incorrect "
            f"({where} : {first['msg']}).",
            hint="Corrigez ce fichier de la plateforme ou restaurez la version fournie.",
        ) from None
    for question in content.questions:
        if question.catalogue:
            question.choices = [
                Choice(valeur=str(item["id"]), libelle=str(item["libelle"]))
                for item in load_checklist(question.catalogue)["elements"]
            ]
    return content


def get_path(data: Mapping[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def lookup(answers: Mapping[str, Any], name: str) -> Any:
    """An answer by question name, in a flat answers dict or a nested file mapping."""
    if name in answers:
        return answers[name]
    return get_path(answers, name)


def format_minutes(total: int) -> str:
    hours, minutes = divmod(total, 60)
    if hours and minutes:
        return f"{hours} h {minutes:02d}"
    if hours:
        return f"{hours} h"
    return f"{minutes} min"


_TIME = re.compile(r"^\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*$")
_FR_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def parse_date(text: str) -> dt.date:
    text = text.strip()
    match = _FR_DATE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"« {text} » n'est pas une date valide : écrivez-la JJ/MM/AAAA (ex. 02/03/2026)."
        ) from None


def parse_time(text: str) -> str:
    match = _TIME.match(text)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        if hours < 24 and minutes < 60:
            return f"{hours:02d}:{minutes:02d}"
    raise ValueError(f"« {text.strip()} » n'est pas une heure valide : écrivez-la HH:MM (ex. 14:00).")


def split_list(text: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;\n]", text) if item.strip()]


def _check_email(text: str) -> None:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise ValueError(f"« {text} » n'est pas une adresse e-mail valide.")


def _check_url(text: str) -> None:
    if not re.match(r"^https?://\S+$", text):
        raise ValueError(f"« {text} » n'est pas un lien valide (il commence par https://).")


# Named validators a checklist can ask for with `validation:`.
_VALIDATORS = {"email": _check_email, "url": _check_url}


def parse_answer(question: Question, raw: Any) -> Any:
    """Turn a typed or provided answer into the value stored; ValueError in French if wrong."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if question.kind in ("liste", "choix_multiples"):
            return []
        return None
    kind = question.kind
    if kind in ("texte", "texte_long"):
        text = str(raw).strip()
        check = _VALIDATORS.get(question.validator or "")
        if check is not None:
            check(text)
        return text
    if kind == "oui_non":
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in ("oui", "o", "yes", "y", "true", "vrai", "1"):
            return True
        if word in ("non", "n", "no", "false", "faux", "0"):
            return False
        raise ValueError(f"« {raw} » : répondez « oui » ou « non ».")
    if kind == "entier":
        try:
            number = int(str(raw).strip())
        except ValueError:
            raise ValueError(f"« {raw} » n'est pas un nombre entier.") from None
        if question.minimum is not None and number < question.minimum:
            raise ValueError(f"{number} est trop petit (minimum {question.minimum}).")
        if question.maximum is not None and number > question.maximum:
            raise ValueError(f"{number} est trop grand (maximum {question.maximum}).")
        return number
    if kind == "date":
        if isinstance(raw, dt.date):
            return raw
        return parse_date(str(raw))
    if kind == "heure":
        return parse_time(str(raw))
    if kind == "liste":
        if isinstance(raw, list):
            return [str(item).strip() for item in raw if str(item).strip()]
        return split_list(str(raw))
    if kind == "choix":
        value = str(raw).strip()
        if question.choices and not question.other:
            known = {c.valeur for c in question.choices}
            if value not in known:
                raise ValueError(f"« {value} » n'est pas un choix possible ({', '.join(sorted(known))}).")
        return value
    if kind == "choix_multiples":
        values = raw if isinstance(raw, list) else split_list(str(raw))
        values = [str(v).strip() for v in values if str(v).strip()]
        if question.choices and not question.other:
            known = {c.valeur for c in question.choices}
            unknown = [v for v in values if v not in known]
            if unknown:
                raise ValueError(f"choix inconnu(s) : {', '.join(unknown)}.")
        return values
    if kind == "par_element":
        if not isinstance(raw, Mapping):
            raise ValueError("attendu : une liste « élément: texte ».")
        return {str(k): str(v).strip() for k, v in raw.items() if v is not None and str(v).strip()}
    raise ValueError(f"type de question inconnu : {kind}")


def is_answered(value: Any) -> bool:
    return value not in (None, "", [], {})


def unanswered(questions: list[Question], answers: Mapping[str, Any]) -> list[Question]:
    """Required questions that apply to these answers and have none yet."""
    return [q for q in questions
            if q.required and q.applies(answers) and not is_answered(answers.get(q.name))]
