"""The one place where questions become terminal prompts (questionary).

Tests drive this layer through a prompt_toolkit pipe input, or replace `ask` alone.
questionary is imported here, inside the functions, so commands that ask nothing never
pay for prompt_toolkit at start-up.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from typing import Any

from pairkit.questions.guard import refusal
from pairkit.questions.model import Question
from pairkit.questions.types import parse_answer, type_of

OTHER = "__autre__"
SKIP = "__passer__"
YES, NO = "Oui", "Non"
SELECT_HINT = "(flèches haut/bas, puis Entrée)"


def stdin_is_terminal() -> bool:
    """Whether answers can be asked (a terminal), or must come from a file."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


# Columns taken before a prompt's message (« ? ») and before a choice's title (« » ● »).
_MESSAGE_MARGIN = 2
_CHOICE_MARGIN = 5


def fit(text: str, margin: int = 0) -> str:
    """Text cut between words to the terminal's width, later lines indented by `margin`.

    The terminal itself would cut a long line in the middle of a word, and prompt_toolkit
    cuts a long choice at the screen's edge: what is cut here is read whole.
    """
    width = max(24, shutil.get_terminal_size((100, 24)).columns - 1 - margin)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]
        lines.extend(textwrap.wrap(paragraph, width=width, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False) or [""])
    return ("\n" + " " * margin).join(lines)


def hint(message: str, text: str) -> str:
    """A prompt's hint, on a line of its own when it would not fit after the question."""
    width = max(24, shutil.get_terminal_size((100, 24)).columns - 1 - _MESSAGE_MARGIN)
    last = fit(message, _MESSAGE_MARGIN).rsplit("\n", 1)[-1].strip()
    if not text or len(last) + 1 + len(text) <= width:
        return text
    return "\n" + " " * _MESSAGE_MARGIN + text


def _choice(title: str, value: Any, checked: bool = False) -> Any:
    import questionary

    return questionary.Choice(fit(title, _CHOICE_MARGIN), value=value, checked=checked)


def say(text: str, style: str | None = None) -> None:
    """Print through prompt_toolkit so output and prompts share one terminal session."""
    import questionary

    questionary.print(fit(text), style=style)


def _checkbox(message: str, choices: list[Any], label: Any) -> list[str]:
    import questionary

    # questionary sums the answer up in English (« done (2 selections) »): its line is erased
    # when done, and the question is written again with the choices, in French.
    ticked = [str(v) for v in questionary.checkbox(
        fit(message, _MESSAGE_MARGIN), choices=choices,
        instruction=hint(message, "(espace pour cocher, entrée pour valider)"),
        erase_when_done=True,
    ).unsafe_ask()]
    text = " ; ".join(label(v) for v in ticked) if ticked else "aucun"
    say(f"? {message} — choix retenus : {text}", style="fg:ansigreen")
    return ticked


def _validator(question: Question) -> Any:
    def validate(text: str) -> bool | str:
        if question.required and not text.strip() and question.kind not in ("liste",):
            return "Une réponse est nécessaire (ou Ctrl-C pour arrêter ; rien n'est perdu)."
        try:
            value = parse_answer(question, text)
        except ValueError as exc:
            return str(exc)
        return _guarded(question, value) or True

    return validate


def _guarded(question: Question, value: Any) -> str | None:
    """The guard's refusal of the first item that may not stand, left in place to rephrase."""
    if not question.guard:
        return None
    for item in value if isinstance(value, list) else [value]:
        refused = refusal(question.guard, str(item)) if item else None
        if refused is not None:
            return f"{refused.message()} Reformulez-la ou retirez-la."
    return None


def _many(question: Question, default: Any) -> list[str]:
    """Boxes to tick, then (when the list is open) the employer's own words, kept as typed."""
    import questionary

    chosen = list(default or [])
    known = {c.valeur for c in question.choices}
    choices = [_choice(c.label, c.valeur, c.valeur in chosen) for c in question.choices]
    ticked = _checkbox(question.message, choices, question.label_of)
    if not question.other:
        return ticked
    typed = questionary.text(
        fit(f"{question.message} — autres, avec vos mots", _MESSAGE_MARGIN),
        default=" ; ".join(str(v) for v in chosen if v not in known),
        instruction=hint(f"{question.message} — autres, avec vos mots",
                         "(séparez par « ; », ou Entrée pour aucun)"),
    ).unsafe_ask()
    return ticked + [v for v in parse_answer(question, typed) if v not in ticked]


def ask(question: Question, default: Any, suggestions: list[str] | None = None) -> Any:
    """Ask one question; return the parsed value. Ctrl-C raises KeyboardInterrupt."""
    import questionary

    if question.help:
        say(f"  {question.help}", style="italic fg:ansibrightblack")
    kind = question.kind
    if kind == "oui_non":
        start = YES if default is not False else NO
        if default is None and question.default is None:
            start = YES
        answer = questionary.select(fit(question.message, _MESSAGE_MARGIN), choices=[YES, NO],
                                    default=start,
                                    instruction=hint(question.message, SELECT_HINT)).unsafe_ask()
        return answer == YES
    if kind == "choix":
        choices = [_choice(c.label, c.valeur) for c in question.choices]
        known = {c.valeur for c in question.choices}
        if question.other:
            choices.append(questionary.Choice("Autre (à préciser)", value=OTHER))
        if not question.required:
            # An optional choice must be skippable: Enter alone leaves it unanswered.
            choices.insert(0, questionary.Choice("(ne pas préciser)", value=SKIP))
        selected = default if default in known else (OTHER if default and question.other else None)
        choice = questionary.select(fit(question.message, _MESSAGE_MARGIN), choices=choices,
                                    default=selected,
                                    instruction=hint(question.message, SELECT_HINT)).unsafe_ask()
        if choice == SKIP:
            return None
        if choice != OTHER:
            return choice
        typed = questionary.text(
            "Précisez :", default="" if default in known else type_of(question).as_text(question, default),
            validate=_validator(question),
        ).unsafe_ask()
        return parse_answer(question, typed)
    if kind == "choix_multiples":
        return _many(question, default)
    if kind == "liste":
        current = list(default or [])
        picked: list[str] = []
        if suggestions:
            picked = _checkbox(
                f"{question.message} — propositions de la plateforme",
                [_choice(s, s, s in current) for s in suggestions], str)
            current = [item for item in current if item not in suggestions]
        typed = questionary.text(
            fit(f"{question.message} — autres, avec vos mots" if suggestions else question.message,
                _MESSAGE_MARGIN),
            default=type_of(question).as_text(question, current),
            instruction=hint(f"{question.message} — autres, avec vos mots" if suggestions
                             else question.message, "(séparez les éléments par « ; »)"),
            validate=_validator(question) if not picked else None,
        ).unsafe_ask()
        return picked + parse_answer(question, typed)
    # texte, texte_long, entier, date, heure
    typed = questionary.text(
        fit(question.message, _MESSAGE_MARGIN),
        default=type_of(question).as_text(question, default),
        instruction=hint(question.message, type_of(question).instruction or ""),
        validate=_validator(question),
    ).unsafe_ask()
    return parse_answer(question, typed)


def ask_text(message: str, default: str = "") -> str:
    """A free line of text, outside any checklist."""
    import questionary

    return str(questionary.text(fit(message, _MESSAGE_MARGIN), default=default).unsafe_ask())


def ask_yes_no(message: str, default: bool = True) -> bool:
    """Oui / Non, outside any checklist."""
    import questionary

    start = YES if default else NO
    answer = questionary.select(fit(message, _MESSAGE_MARGIN), choices=[YES, NO], default=start,
                                instruction=hint(message, SELECT_HINT)).unsafe_ask()
    return bool(answer == YES)


def ask_choice(message: str, choices: list[tuple[str, str]]) -> str:
    """One choice among (value, label) pairs, the first one selected."""
    import questionary

    answer = questionary.select(fit(message, _MESSAGE_MARGIN),
                                choices=[_choice(label, value) for value, label in choices],
                                instruction=hint(message, SELECT_HINT)).unsafe_ask()
    return str(answer)


def ask_many(message: str, choices: list[tuple[str, str]]) -> list[str]:
    """Several choices among (value, label) pairs, none ticked at first."""
    return _checkbox(message, [_choice(label, value) for value, label in choices],
                     lambda value: dict(choices).get(value, value))
