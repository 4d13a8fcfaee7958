"""A person answering every real prompt of a full run, and counting them.

`User` stands in front of the real questionary prompts (`prompts._ASKER`): before each prompt
reads the pipe, it sends the keys a consultant would press — Enter for what pairkit proposes,
the arrows to another choice, text where the scenario says so — then lets the real prompt
read them. Every prompt is counted, by step.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

DOWN, ENTER, SPACE, CLEAR = "\x1b[B", "\r", " ", "\x15"
# A scripted answer that stops the interview as Ctrl-C would.
STOP = "\x03"


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


class UnscriptedPrompt(BaseException):
    """A prompt the scenario has no answer for (a BaseException: no handler of pairkit may
    turn it into an ordinary error message)."""


class User:
    """Answers each prompt from `script` (a part of its message → the answer), else accepts
    what is proposed; counts the prompts."""

    def __init__(self, pipe: Any, real: Any, script: dict[str, Any]) -> None:
        self.pipe, self.real = pipe, real
        self.script = {_fold(k): v for k, v in script.items()}
        self.asked: list[str] = []
        self.defaults: dict[str, str] = {}  # a text prompt's message → what it proposed

    def _scripted(self, message: str) -> Any:
        folded = _fold(message)
        # The longest key that opens the message: « missions principales — autres » before
        # « missions principales », and « temps de travail » never matches « … sur son temps
        # de travail ? ».
        for key in sorted(self.script, key=len, reverse=True):
            if folded.startswith(key):
                wanted = self.script[key]
                if isinstance(wanted, tuple):  # successive answers to a prompt asked again
                    self.script[key] = wanted[1:] if len(wanted) > 2 else wanted[1]
                    return wanted[0]
                return wanted
        return None

    def select(self, message: str, choices: Sequence[tuple[str, Any]], default: Any = None) -> Any:
        self.asked.append(message)
        wanted = self._scripted(message)
        if wanted == STOP:
            self.pipe.send_text(STOP)
            return self.real.select(message, choices, default)
        values = [value for _, value in choices]
        start = values.index(default) if default in values else 0
        target = start
        if wanted is not None:
            titles = [_fold(title) for title, _ in choices]
            target = next((i for i, t in enumerate(titles) if _fold(str(wanted)) in t), -1)
            if target < 0:
                raise UnscriptedPrompt(f"« {wanted} » n'est pas un choix de « {message} » : {titles}")
        self.pipe.send_text(DOWN * ((target - start) % len(values)) + ENTER)
        return self.real.select(message, choices, default)

    def text(self, message: str, default: str = "", instruction: str = "",
             validate: Callable[[str], bool | str] | None = None) -> str:
        self.asked.append(message)
        self.defaults[message] = default
        wanted = self._scripted(message)
        if wanted == STOP:
            self.pipe.send_text(STOP)
        elif wanted is None:
            if not default and validate is not None and validate("") is not True:
                raise UnscriptedPrompt(f"Pas de réponse prévue pour « {message} »")
            self.pipe.send_text(ENTER)
        else:
            self.pipe.send_text(CLEAR + str(wanted) + ENTER)
        return self.real.text(message, default, instruction, validate)

    def tick(self, message: str, choices: Sequence[tuple[str, Any, bool]],
             label: Callable[[Any], str], search: bool = False) -> list[str]:
        self.asked.append(message)
        wanted = self._scripted(message)
        keys = ""
        if wanted is not None:
            titles = [_fold(title) for title, _, _ in choices]
            position = 0
            for part in wanted:  # titles to toggle, in the list's order
                index = next(i for i, t in enumerate(titles) if _fold(part) in t)
                keys += DOWN * (index - position) + SPACE
                position = index
        self.pipe.send_text(keys + ENTER)
        return self.real.tick(message, choices, label, search)
