"""Question types: for each, the one parser and the ways its value is shown.

The prompts, the validation of step files and the documents all go through the type of a
question found here, so « oui », « 02/03/2026 » or « a ; b » mean the same thing everywhere.
A parser takes what was typed or read from a file and returns the value stored, or raises
`ValueError` with a French sentence a consultant can act on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from typing_extensions import override

from pairkit.dates_fr import MONTHS, long_date


class Question(Protocol):
    """What a type reads of a question (see `pairkit.questions.model.Question`)."""

    @property
    def kind(self) -> str:
        """The question's type, a key of `TYPES`."""
        ...

    @property
    def validator(self) -> str | None:
        """A named check of `VALIDATORS`, if any."""
        ...

    @property
    def minimum(self) -> int | None:
        """The smallest number accepted."""
        ...

    @property
    def maximum(self) -> int | None:
        """The largest number accepted."""
        ...

    @property
    def choices(self) -> list[Any]:
        """The choices offered (objects with `valeur`)."""
        ...

    @property
    def other(self) -> bool:
        """Whether free text is accepted beside the choices."""
        ...

    def label_of(self, value: Any) -> str:
        """The label shown for a value."""
        ...

YES_WORDS = frozenset({"oui", "o", "yes", "y", "true", "vrai", "1"})
NO_WORDS = frozenset({"non", "n", "no", "false", "faux", "0"})

_TIME = re.compile(r"^\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*$")
_FR_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def parse_bool(raw: Any) -> bool:
    """« oui » / « non » and their usual spellings; booleans pass through."""
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ValueError(f"« {raw} » : répondez « oui » ou « non ».")


def parse_date(text: str) -> dt.date:
    """A date written JJ/MM/AAAA (or with dots or dashes) or AAAA-MM-JJ."""
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
    """A time of day, « 14:00 », « 14h » or « 9 h 30 », stored HH:MM."""
    match = _TIME.match(text)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        if hours < 24 and minutes < 60:
            return f"{hours:02d}:{minutes:02d}"
    raise ValueError(f"« {text.strip()} » n'est pas une heure valide : écrivez-la HH:MM (ex. 14:00).")


_UNIT = re.compile(r"(?:€|euros?|eur|heures?|h|minutes?|min|mois|ans?)\.?$")


def parse_int(raw: Any) -> int:
    """A whole number as people type it: « 1 450 », « 1 450 € », « 35 h »; a bool is not one."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = re.sub(r"[\s\u00a0\u202f]", "", str(raw)).lower()
    text = _UNIT.sub("", text)
    if re.fullmatch(r"-?\d+(?:[,.]0+)?", text):
        return int(re.split(r"[,.]", text)[0])
    if re.fullmatch(r"-?\d+[,.]\d+", text):
        raise ValueError(f"« {str(raw).strip()} » : un nombre entier est attendu ici (sans virgule).")
    raise ValueError(f"« {raw} » n'est pas un nombre entier.")


_DURATION = re.compile(r"^\s*(\d{1,3})\s*(jours?|j|semaines?|sem|mois)\s*$", re.IGNORECASE)
_UNITS = {"j": "jours", "jour": "jours", "jours": "jours", "sem": "semaines", "semaine": "semaines",
          "semaines": "semaines", "mois": "mois"}


def parse_duration(text: str) -> dict[str, int]:
    """« 2 mois », « 15 jours », « 3 semaines » → {"mois": 2}; ValueError in French otherwise."""
    match = _DURATION.match(str(text))
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"« {str(text).strip()} » n'est pas une durée : écrivez par exemple "
                         "« 2 mois », « 3 semaines » ou « 15 jours ».")
    return {_UNITS[match.group(2).lower()]: int(match.group(1))}


def split_list(text: str) -> list[str]:
    """Items typed on one line, separated by « ; » (or one per line in a file)."""
    return [item.strip() for item in re.split(r"[;\n]", text) if item.strip()]


def _check_email(text: str) -> None:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise ValueError(f"« {text} » n'est pas une adresse e-mail valide.")


def _check_url(text: str) -> None:
    if not re.match(r"^https?://\S+$", text):
        raise ValueError(f"« {text} » n'est pas un lien valide (il commence par https://).")


# Named validators a checklist can ask for with `validation:`.
VALIDATORS: dict[str, Callable[[str], None]] = {"email": _check_email, "url": _check_url}


class QuestionType:
    """A kind of answer: free text by default. Subclasses change what differs."""

    name = "texte"
    # What the prompt shows under the question (format reminder), if anything.
    instruction: str | None = None
    # Several values: an unanswered one is an empty list.
    many = False

    def parse(self, question: Question, raw: Any) -> Any:
        """The value stored for `raw`; ValueError with a French sentence when it cannot be."""
        text = str(raw).strip()
        check = VALIDATORS.get(question.validator or "")
        if check is not None:
            check(text)
        return text

    def as_text(self, question: Question, value: Any) -> str:
        """The value as it is prefilled in a prompt, to be edited and parsed again."""
        return "" if value is None else str(value)

    def show(self, question: Question, value: Any) -> Any:
        """The value as documents and summaries show it."""
        return value


class LongText(QuestionType):
    """A longer text (typed on one line; hand edits may add lines)."""

    name = "texte_long"


class YesNo(QuestionType):
    """Oui or non."""

    name = "oui_non"

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        return parse_bool(raw)

    @override
    def as_text(self, question: Question, value: Any) -> str:
        return "" if value is None else ("oui" if value else "non")

    @override
    def show(self, question: Question, value: Any) -> Any:
        return value


class Whole(QuestionType):
    """A whole number, within the question's `min` and `max`."""

    name = "entier"

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        number = parse_int(raw)
        if question.minimum is not None and number < question.minimum:
            raise ValueError(f"{number} est trop petit (minimum {question.minimum}).")
        if question.maximum is not None and number > question.maximum:
            raise ValueError(f"{number} est trop grand (maximum {question.maximum}).")
        return number


class Day(QuestionType):
    """A date, typed JJ/MM/AAAA, shown « 2 mars 2026 »."""

    name = "date"
    instruction = "(JJ/MM/AAAA)"

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        if isinstance(raw, dt.date):
            return raw
        return parse_date(str(raw))

    @override
    def as_text(self, question: Question, value: Any) -> str:
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        return super().as_text(question, value)

    @override
    def show(self, question: Question, value: Any) -> Any:
        return long_date(value, weekday=False) if isinstance(value, dt.date) else value


_SEASONS = ("printemps", "été", "automne", "hiver")
_WHEN_WORDS = ("dès que possible", "à convenir", "à la fin du projet")
# « juillet 2026 », « mi-octobre 2026 », « automne 2026 », « fin 2027 ».
_ROUGH = re.compile(r"^(?:(début|mi|fin)[\s-]+)?(?:(" + "|".join(MONTHS + _SEASONS) + r")\s+)?(\d{4})$")


class RoughDate(Day):
    """A day, or what an employer writes instead: a month, a season, « dès que possible »."""

    name = "date_souple"
    instruction = "(JJ/MM/AAAA, « juillet 2026 », « automne 2026 » ou « dès que possible »)"

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        with contextlib.suppress(ValueError):
            return super().parse(question, raw)
        text = " ".join(str(raw).split())
        lowered = text.lower()
        if lowered in _WHEN_WORDS or _ROUGH.match(lowered):
            return lowered
        raise ValueError(f"« {text} » : écrivez une date (JJ/MM/AAAA), un mois (juillet 2026), "
                         "une saison (automne 2026), « fin 2027 » ou « dès que possible ».")


class Time(QuestionType):
    """A time of day, stored HH:MM."""

    name = "heure"
    instruction = "(HH:MM)"

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        return parse_time(str(raw))


class Duration(QuestionType):
    """A length of time in days, weeks or months, stored as written the usual way (« 2 mois »)."""

    name = "duree"

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        ((unit, count),) = parse_duration(str(raw)).items()
        if count == 1 and unit != "mois":
            unit = unit.removesuffix("s")
        return f"{count} {unit}"


class Items(QuestionType):
    """Several short items, typed separated by « ; »."""

    name = "liste"
    many = True


    @override
    def parse(self, question: Question, raw: Any) -> Any:
        if isinstance(raw, list):
            return [str(item).strip() for item in raw if str(item).strip()]
        return split_list(str(raw))

    @override
    def as_text(self, question: Question, value: Any) -> str:
        if isinstance(value, list):
            return " ; ".join(str(v) for v in value)
        return super().as_text(question, value)


class OneChoice(QuestionType):
    """One value among the question's choices (or free text when `autre` is true)."""

    name = "choix"

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        value = str(raw).strip()
        if question.choices and not question.other:
            known = {c.valeur for c in question.choices}
            if value not in known:
                raise ValueError(f"« {value} » n'est pas un choix possible ({', '.join(sorted(known))}).")
        return value

    @override
    def show(self, question: Question, value: Any) -> Any:
        return question.label_of(value)


class ManyChoices(QuestionType):
    """Several values among the question's choices."""

    name = "choix_multiples"
    many = True


    @override
    def parse(self, question: Question, raw: Any) -> Any:
        values = raw if isinstance(raw, list) else split_list(str(raw))
        values = [str(v).strip() for v in values if str(v).strip()]
        if question.choices and not question.other:
            known = {c.valeur for c in question.choices}
            unknown = [v for v in values if v not in known]
            if unknown:
                raise ValueError(f"choix inconnu(s) : {', '.join(unknown)}.")
        return values

    @override
    def as_text(self, question: Question, value: Any) -> str:
        return Items().as_text(question, value)

    @override
    def show(self, question: Question, value: Any) -> Any:
        return [question.label_of(v) for v in value or []]


class PerItem(QuestionType):
    """One text per item of another answer (e.g. the team's answer to each fear)."""

    name = "par_element"


    @override
    def parse(self, question: Question, raw: Any) -> Any:
        if not isinstance(raw, Mapping):
            raise ValueError("attendu : une liste « élément: texte ».")
        return {str(k): str(v).strip() for k, v in raw.items() if v is not None and str(v).strip()}


TYPES: dict[str, QuestionType] = {
    kind.name: kind
    for kind in (QuestionType(), LongText(), YesNo(), Whole(), Day(), RoughDate(), Time(),
                 Duration(), Items(), OneChoice(), ManyChoices(), PerItem())
}


def type_of(question: Question) -> QuestionType:
    """The type object of a question (its `type:` in the checklist)."""
    return TYPES[question.kind]


def parse_answer(question: Question, raw: Any) -> Any:
    """Turn a typed or provided answer into the value stored; ValueError in French if wrong."""
    kind = type_of(question)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return [] if kind.many else None
    return kind.parse(question, raw)
