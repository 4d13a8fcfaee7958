"""The one place where questions become terminal prompts (questionary).

Tests drive this layer through a prompt_toolkit pipe input, or replace `ask` alone.
questionary is imported here, inside the functions, so commands that ask nothing never
pay for prompt_toolkit at start-up.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from pairkit.questions.model import Question
from pairkit.questions.types import NO, YES, parse_answer, type_of

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


class _Questionary:
    """The prompts a question type asks with (`types.Asker`), over questionary."""

    def select(self, message: str, choices: Sequence[tuple[str, Any]], default: Any = None) -> Any:
        import questionary

        return questionary.select(fit(message, _MESSAGE_MARGIN),
                                  choices=[_choice(title, value) for title, value in choices],
                                  default=default,
                                  instruction=hint(message, SELECT_HINT)).unsafe_ask()

    def text(self, message: str, default: str = "", instruction: str = "",
             validate: Callable[[str], bool | str] | None = None) -> str:
        import questionary

        return str(questionary.text(fit(message, _MESSAGE_MARGIN), default=default,
                                    instruction=hint(message, instruction),
                                    validate=validate).unsafe_ask())

    def tick(self, message: str, choices: Sequence[tuple[str, Any, bool]],
             label: Callable[[Any], str], search: bool = False) -> list[str]:
        import questionary

        how = ("(tapez pour filtrer, espace pour cocher, entrée pour valider)" if search
               else "(espace pour cocher, entrée pour valider)")
        # questionary sums the answer up in English (« done (2 selections) »): its line is
        # erased when done, and the question is written again with the choices, in French.
        ticked = [str(v) for v in questionary.checkbox(
            fit(message, _MESSAGE_MARGIN),
            choices=[_choice(title, value, checked) for title, value, checked in choices],
            instruction=hint(message, how),
            erase_when_done=True,
            # Typed letters filter the list; j and k are then letters, not moves.
            use_search_filter=search, use_jk_keys=not search,
        ).unsafe_ask()]
        text = " ; ".join(label(v) for v in ticked) if ticked else "aucun"
        say(f"? {message} — choix retenus : {text}", style="fg:ansigreen")
        return ticked


_ASKER = _Questionary()


def ask(question: Question, default: Any, suggestions: list[str] | None = None) -> Any:
    """Ask one question its type's way; the parsed value. Ctrl-C raises KeyboardInterrupt."""
    if question.help:
        say(f"  {question.help}", style="italic fg:ansibrightblack")
    return type_of(question).ask(question, default, _ASKER, suggestions)


def ask_text(message: str, default: str = "") -> str:
    """A free line of text, outside any checklist."""
    return _ASKER.text(message, default=default)


def ask_yes_no(message: str, default: bool = True) -> bool:
    """Oui / Non, outside any checklist."""
    return bool(_ASKER.select(message, [(YES, YES), (NO, NO)], default=YES if default else NO) == YES)


def ask_choice(message: str, choices: list[tuple[str, str]]) -> str:
    """One choice among (value, label) pairs, the first one selected."""
    return str(_ASKER.select(message, [(label, value) for value, label in choices]))


def ask_ticks(message: str, rows: list[tuple[str, str, bool]]) -> list[str]:
    """Boxes to tick among (label, value, ticked) rows; the values ticked."""
    labels = {value: label for label, value, _ in rows}
    return _ASKER.tick(message, rows, lambda value: labels.get(value, value))


def ask_parts(title: str, questions: list[Question], defaults: list[Any]) -> dict[str, Any]:
    """Several short answers on one line, separated by « ; », each checked by its own type."""
    kinds = [type_of(q) for q in questions]
    names = " ; ".join(q.short or q.message for q in questions)
    shown = " ; ".join(k.as_text(q, d) for k, q, d in zip(kinds, questions, defaults, strict=True))
    if not shown.replace(";", "").strip():
        shown = ""  # nothing proposed: the line starts empty, typing fills the first part

    def parts(text: str) -> list[str]:
        pieces = [p.strip() for p in text.split(";")]
        return pieces + [""] * (len(questions) - len(pieces))

    def check(text: str) -> bool | str:
        pieces = parts(text)
        if len(pieces) > len(questions):
            return f"{len(questions)} réponses attendues, séparées par « ; » : {names}."
        for kind, question, piece in zip(kinds, questions, pieces, strict=True):
            verdict = kind.check_typed(question, piece)
            if verdict is not True:
                return f"{question.short or question.message} : {verdict}"
        return True

    typed = _ASKER.text(title, default=shown, instruction=f"({names})", validate=check)
    return {q.name: parse_answer(q, piece)
            for q, piece in zip(questions, parts(typed), strict=True)}


def ask_many(message: str, choices: list[tuple[str, str]], search: bool = False) -> list[str]:
    """Several choices among (value, label) pairs, none ticked at first; with `search`,
    typing filters the list."""
    return _ASKER.tick(message, [(label, value, False) for value, label in choices],
                       lambda value: dict(choices).get(value, value), search=search)
