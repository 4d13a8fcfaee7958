"""Finding the platform's words in free text: accents, case and inflection ignored, quotes kept.

A lexicon is data (`checklists/`). Each term is looked for at the start of a word:

- `hospitalis` finds « hospitalisé », « hospitalisation » (a stem goes on as it likes);
- `rsa$` finds « RSA » or « rsa » but not « rsap… » (`$`: the word ends there, give or take a
  plural or feminine ending: e, s, es, x);
- `a la rue` finds « à la rue » (several words: any spacing; accents and apostrophes ignored);
- `racont + parcours` finds a text holding both (« Racontez-nous votre parcours »).

A phrase of `sauf` (« sans condition d'abstinence ») hides the terms found inside it. What is
found is returned as the person wrote it, accents and all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
    pieces = [_fold_char(char) for char in text]
    folded = "".join(pieces)
    if len(folded) == len(text):
        return folded, range(len(text))
    origin = [index for index, piece in enumerate(pieces) for _ in piece]
    return folded, origin


def _word_pattern(term: str) -> str:
    whole = term.endswith("$")
    folded = fold(term.rstrip("$").strip())[0]
    words = [re.escape(word) for word in re.split(r"[\s']+", folded) if word]
    body = r"[\s'-]+".join(words)
    tail = r"(?:e|s|es|x)?(?![a-z0-9])" if whole else r"[a-z]*"
    return r"(?<![a-z0-9])" + body + tail


@cache
def _compiled(term: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(_word_pattern(part)) for part in term.split(" + "))


@cache
def _any_term(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching wherever any part of any term could match."""
    parts = [_word_pattern(part) for term in terms for part in term.split(" + ")]
    return re.compile("|".join(f"(?:{part})" for part in parts) or r"(?!)")


@dataclass(frozen=True)
class Lexicon:
    """Terms to find, and phrases inside which they do not count."""

    terms: tuple[str, ...]
    unless: tuple[str, ...] = ()

    def find(self, text: str) -> list[str]:
        """Every term found in `text`, as written there, in the order of the text."""
        folded, origin = fold(text)
        if not _any_term(self.terms).search(folded):
            return []  # most texts hold none: one search instead of one per term
        hidden = [m.span() for phrase in self.unless for pattern in _compiled(phrase)
                  for m in pattern.finditer(folded)]
        spans: list[tuple[int, int]] = []
        for term in self.terms:
            patterns = _compiled(term)
            found = [[m.span() for m in p.finditer(folded)
                      if not any(a <= m.start() and m.end() <= b for a, b in hidden)]
                     for p in patterns]
            if all(found):
                spans.extend(span for group in found for span in group)
        quoted: list[str] = []
        for start, end in sorted(set(spans)):
            words = text[origin[start]: origin[end - 1] + 1]
            if words not in quoted:
                quoted.append(words)
        return quoted


def lexicon(terms: Iterable[object], unless: Iterable[object] = ()) -> Lexicon:
    """A lexicon from the lists of a checklist file."""
    return Lexicon(tuple(str(t) for t in terms), tuple(str(u) for u in unless))
