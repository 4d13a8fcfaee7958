"""Question types: one class each, holding all a type means.

A type parses what was typed or read from a file (or raises `ValueError` with a French
sentence a consultant can act on), declares the field a step file stores, asks the question on
the terminal through an `Asker`, and shows the value in documents. The prompts, the validation
of step files and the documents all go through it, so « oui », « 02/03/2026 » or « a ; b » mean
the same thing everywhere; a new type is one new class here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, ClassVar, Protocol

from pydantic import AfterValidator, BeforeValidator
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

    @property
    def message(self) -> str:
        """The question as asked."""
        ...

    @property
    def required(self) -> bool:
        """Whether an answer is needed."""
        ...

    @property
    def other_asked(self) -> bool:
        """With `other`: whether the prompt asks for other words."""
        ...

    @property
    def undecided(self) -> bool:
        """Whether « pas encore décidé » is offered (the answer is then left out)."""
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


# What the interview shows for « other » and « not said » among a choice's options.
OTHER = "__autre__"
SKIP = "__passer__"
YES, NO = "Oui", "Non"
UNDECIDED = "Pas encore décidé"


class Asker(Protocol):
    """The prompts a type asks with: implemented once, over questionary, in `interview.prompts`."""

    def select(self, message: str, choices: Sequence[tuple[str, Any]], default: Any = None) -> Any:
        """One choice among (title, value) pairs; the value chosen."""
        ...

    def text(self, message: str, default: str = "", instruction: str = "",
             validate: Callable[[str], bool | str] | None = None) -> str:
        """A line of text, checked by `validate` (True, or the French reason it is refused)."""
        ...

    def tick(self, message: str, choices: Sequence[tuple[str, Any, bool]],
             label: Callable[[Any], str], search: bool = False) -> list[str]:
        """Boxes to tick among (title, value, ticked) triples; the values ticked. With
        `search`, typing filters the list (a long one: the answers of a step)."""
        ...


def _text(value: Any) -> Any:
    # Hand-written numbers (a phone number, a coefficient) are text for us.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _fr_bool(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_bool(value)
        except ValueError:
            return value
    return value


def _fr_date(value: Any) -> Any:
    if isinstance(value, str) and "/" in value:
        try:
            return parse_date(value)
        except ValueError:
            return value
    return value


# How a step file stores a value when a hand edit wrote it the French way (« oui », 02/03/2026).
Text = Annotated[str, BeforeValidator(_text)]
FrBool = Annotated[bool, BeforeValidator(_fr_bool)]
FrDate = Annotated[dt.date, BeforeValidator(_fr_date)]

# Every question type, by the name a checklist gives it in `type:`; a class registers itself.
TYPES: dict[str, QuestionType] = {}


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """Lower case, single spaces, no accents: what a choice typed in any case matches on
    (kept: a census of a thousand posts folds the same few labels a hundred thousand times)."""
    return "".join(c for c in unicodedata.normalize("NFD", " ".join(text.lower().split()))
                   if not unicodedata.combining(c))


def _joined(value: Any) -> str:
    return " ; ".join(str(v) for v in value) if isinstance(value, list) else ""


class QuestionType:
    """A kind of answer: how it is parsed, stored in a step file, asked and shown.

    A subclass that sets `name` is a new type, registered by being defined: a checklist can
    use it at once, step files are checked by its parser, and the interview asks it its way.
    """

    name = ""
    # What the prompt shows under the question (format reminder), if anything.
    instruction: str | None = None
    # Several values: an unanswered one is an empty list.
    many = False
    # Asked one text per item of other answers (the interview saves each one as it is typed).
    per_item = False
    # The field a step file holds for it, and its value when absent.
    stored: ClassVar[Any] = Text | None
    empty: ClassVar[Any] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("name"):
            if cls.name in TYPES:
                raise TypeError(f"question type {cls.name!r} is defined twice")
            TYPES[cls.name] = cls()

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

    def field(self, question: Question) -> tuple[Any, Any]:
        """The step file's field for this question: stored type, checked by `parse`, and default."""

        def check(value: Any) -> Any:
            parse_answer(question, value)
            return value

        return Annotated[self.stored, AfterValidator(check)], self.empty

    def check_typed(self, question: Question, text: str) -> bool | str:
        """True when typed text is accepted, else the French reason shown under the prompt."""
        if question.required and not text.strip() and not self.many:
            return "Une réponse est nécessaire (ou Ctrl-C pour arrêter ; rien n'est perdu)."
        try:
            parse_answer(question, text)
        except ValueError as exc:
            return str(exc)
        return True

    def ask(self, question: Question, default: Any, ui: Asker,
            suggestions: list[str] | None = None) -> Any:
        """Ask the question on the terminal; the parsed value. Ctrl-C raises KeyboardInterrupt."""
        typed = ui.text(question.message, default=self.as_text(question, default),
                        instruction=_with_undecided(question, self.instruction or ""),
                        validate=lambda text: self.check_typed(question, text))
        return parse_answer(question, typed)


def _with_undecided(question: Question, instruction: str) -> str:
    """The format reminder, and how to say « pas encore décidé » where it is an answer."""
    if not question.undecided:
        return instruction
    return f"{instruction} (Entrée seule : pas encore décidé)".strip()


class FreeText(QuestionType):
    """A line of free text."""

    name = "texte"


class LongText(FreeText):
    """A longer text (typed on one line; hand edits may add lines)."""

    name = "texte_long"


class YesNo(QuestionType):
    """Oui or non, chosen with the arrows."""

    name = "oui_non"
    stored = FrBool | None

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        return parse_bool(raw)

    @override
    def as_text(self, question: Question, value: Any) -> str:
        return "" if value is None else ("oui" if value else "non")

    @override
    def ask(self, question: Question, default: Any, ui: Asker,
            suggestions: list[str] | None = None) -> Any:
        choices = [(YES, YES), (NO, NO)]
        if question.undecided:
            # Left at « non », an open question would write something false in the document.
            choices.append((UNDECIDED, SKIP))
            start = SKIP if default is None else (YES if default else NO)
        else:
            start = NO if default is False else YES
        answer = ui.select(question.message, choices, default=start)
        return None if answer == SKIP else answer == YES


class Whole(QuestionType):
    """A whole number, within the question's `min` and `max`."""

    name = "entier"
    stored = int | None

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
    stored = FrDate | None

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
    stored = Text | dt.date | None

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
    """Several short items, typed separated by « ; », after the platform's proposals if any."""

    name = "liste"
    many = True
    stored = list[Text]
    empty: ClassVar[Any] = []

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        if isinstance(raw, list):
            return [str(item).strip() for item in raw if str(item).strip()]
        return split_list(str(raw))

    @override
    def as_text(self, question: Question, value: Any) -> str:
        return _joined(value) if isinstance(value, list) else super().as_text(question, value)

    @override
    def ask(self, question: Question, default: Any, ui: Asker,
            suggestions: list[str] | None = None) -> Any:
        current = list(default or [])
        picked: list[str] = []
        message = question.message
        if suggestions:
            picked = ui.tick(f"{question.message} — propositions de la plateforme",
                             [(s, s, s in current) for s in suggestions], str)
            current = [item for item in current if item not in suggestions]
            message = f"{question.message} — autres, avec vos mots"
        typed = ui.text(message, default=self.as_text(question, current),
                        instruction=_with_undecided(question, "(séparez les éléments par « ; »)"),
                        validate=None if picked else lambda text: self.check_typed(question, text))
        return picked + parse_answer(question, typed)


class OneChoice(QuestionType):
    """One value among the question's choices (or free text when `autre` is true)."""

    name = "choix"

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        value = str(raw).strip()
        # Typed on a shared screen (« cdd », « Temps partiel »): the choice it names.
        wanted = _folded(value)
        for choice in question.choices:
            if wanted in (_folded(choice.valeur), _folded(choice.libelle or choice.valeur)):
                return str(choice.valeur)
        if question.choices and not question.other:
            known = {c.valeur for c in question.choices}
            if value not in known:
                raise ValueError(f"« {value} » n'est pas un choix possible ({', '.join(sorted(known))}).")
        return value

    @override
    def show(self, question: Question, value: Any) -> Any:
        return question.label_of(value)

    @override
    def ask(self, question: Question, default: Any, ui: Asker,
            suggestions: list[str] | None = None) -> Any:
        choices: list[tuple[str, Any]] = [(c.label, c.valeur) for c in question.choices]
        known = {c.valeur for c in question.choices}
        if question.other:
            choices.append(("Autre (à préciser)", OTHER))
        if not question.required:
            # An optional choice must be skippable: Enter alone leaves it unanswered.
            choices.insert(0, (UNDECIDED if question.undecided else "(ne pas préciser)", SKIP))
        selected = default if default in known else (OTHER if default and question.other else None)
        choice = ui.select(question.message, choices, default=selected)
        if choice == SKIP:
            return None
        if choice != OTHER:
            return choice
        typed = ui.text("Précisez :", default="" if default in known else self.as_text(question, default),
                        validate=lambda text: self.check_typed(question, text))
        return parse_answer(question, typed)


class ManyChoices(QuestionType):
    """Several values among the question's choices; with `autre`, the employer's own words too."""

    name = "choix_multiples"
    many = True
    stored = list[Text]
    empty: ClassVar[Any] = []

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
        return _joined(value) if isinstance(value, list) else super().as_text(question, value)

    @override
    def show(self, question: Question, value: Any) -> Any:
        return [question.label_of(v) for v in value or []]

    @override
    def ask(self, question: Question, default: Any, ui: Asker,
            suggestions: list[str] | None = None) -> Any:
        chosen = list(default or [])
        known = {c.valeur for c in question.choices}
        ticked = ui.tick(question.message,
                         [(c.label, c.valeur, c.valeur in chosen) for c in question.choices],
                         question.label_of)
        if not question.other or not question.other_asked:
            return ticked + [v for v in chosen if v not in known]
        typed = ui.text(f"{question.message} — autres, avec vos mots",
                        default=" ; ".join(str(v) for v in chosen if v not in known),
                        instruction="(séparez par « ; », ou Entrée pour aucun)")
        return ticked + [v for v in parse_answer(question, typed) if v not in ticked]


class PerItem(QuestionType):
    """One text per item of another answer (e.g. the team's answer to each fear)."""

    name = "par_element"
    per_item = True
    stored = dict[str, Text]
    empty: ClassVar[Any] = {}

    @override
    def parse(self, question: Question, raw: Any) -> Any:
        if not isinstance(raw, Mapping):
            raise ValueError("attendu : une liste « élément: texte ».")
        return {str(k): str(v).strip() for k, v in raw.items() if v is not None and str(v).strip()}

    @override
    def ask(self, question: Question, default: Any, ui: Asker,
            suggestions: list[str] | None = None) -> Any:
        # The interview asks it item by item, saving each text (`per_item`).
        raise NotImplementedError("par_element is asked by the interview, one item at a time")


def type_of(question: Question) -> QuestionType:
    """The type object of a question (its `type:` in the checklist)."""
    return TYPES[question.kind]


def parse_answer(question: Question, raw: Any) -> Any:
    """Turn a typed or provided answer into the value stored; ValueError in French if wrong."""
    kind = type_of(question)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return [] if kind.many else None
    return kind.parse(question, raw)
