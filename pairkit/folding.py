"""Text folded as pairkit compares it: lower case, accents and ligatures undone, quotes made plain.

The lexicons (`questions.lexicon`) find the platform's words with it; folder names and calendar
identifiers (`files.project.slugify`) are made from it, so « Œuvre » gives « oeuvre » everywhere.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

_LIGATURES = {"œ": "oe", "æ": "ae", "’": "'", "ʼ": "'", "`": "'"}


@cache
def _fold_char(char: str) -> str:
    plain = _LIGATURES.get(char.lower())
    if plain is None:
        decomposed = unicodedata.normalize("NFKD", char)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return plain


def fold(text: str) -> tuple[str, Sequence[int]]:
    """Lower case without accents, and for each folded character its place in `text`."""
    if text.isascii() and "`" not in text:
        return text.lower(), range(len(text))  # the common case: nothing to decompose
    # One translation table for the text's few distinct characters: folding character by
    # character in Python was most of the cost of reading a portfolio's notes.
    table = {ord(char): _fold_char(char) for char in set(text)}
    folded = text.translate(table)
    if all(len(piece) == 1 for piece in table.values()):
        return folded, range(len(text))
    origin = [index for index, char in enumerate(text) for _ in table[ord(char)]]
    return folded, origin
