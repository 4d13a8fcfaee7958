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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pairkit.folding import fold


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


_WORD = re.compile(r"[a-z0-9]+")
_ENDINGS = ("", "e", "s", "es", "x")


@dataclass(frozen=True)
class _Part:
    """The words a text must hold for one part of a term to be in it.

    A part matches only where a word of the text begins with its first word, so each of its
    words followed by more of the part is a whole word of the text; its last one is a whole
    word give or take a plural ending (`$`), or the beginning of a word (a stem).
    """

    words: frozenset[str]
    last: str
    kind: str  # "stem", "whole" or "word"

    def last_in(self, found: set[str]) -> bool:
        """Whether the text's words hold the part's last word as it may be written."""
        if self.kind == "stem":
            return any(word.startswith(self.last) for word in found)
        endings = _ENDINGS if self.kind == "whole" else ("",)
        return any(self.last + ending in found for ending in endings)

    def key(self) -> tuple[str, str]:
        """One condition of the part, the cheapest to look up: its longest whole word."""
        if self.words:
            return "word", max(self.words, key=len)
        return self.kind, self.last


@dataclass(frozen=True)
class _Index:
    """The words of every part of a lexicon's terms, to rule texts out without searching.

    Looking the text's words up in sets is far cheaper than searching the alternation of every
    term, and most texts hold no term at all.
    """

    parts: tuple[_Part, ...]
    keys: frozenset[str]                             # a whole word of each part that has one
    stems: tuple[tuple[int, frozenset[str]], ...]    # the other parts' last words, by length

    def may_occur(self, folded: str) -> bool:
        """False only when no term can be in the text."""
        found = set(_WORD.findall(folded))
        if self.keys.isdisjoint(found) and not any(
                not stems.isdisjoint({word[:length] for word in found}) for length, stems in self.stems):
            return False
        return any(part.words <= found and part.last_in(found) for part in self.parts)


def _part(text: str) -> _Part | None:
    whole = text.endswith("$")
    folded = fold(text.rstrip("$").strip())[0]
    words = _WORD.findall(folded)
    if not words:
        return None
    ends_in_word = folded.endswith(words[-1])
    kind = ("whole" if whole else "stem") if ends_in_word else "word"
    return _Part(frozenset(words[:-1]), words[-1], kind)


@cache
def _index(terms: tuple[str, ...]) -> _Index | None:
    """The index of a lexicon's terms; None when a part has no word to look up."""
    parts = []
    for term in terms:
        for text in term.split(" + "):
            part = _part(text)
            if part is None:
                return None
            parts.append(part)
    keys: set[str] = set()
    stems: dict[int, set[str]] = {}
    for part in parts:
        kind, word = part.key()
        if kind == "stem":
            stems.setdefault(len(word), set()).add(word)
        else:
            keys.update(word + ending for ending in (_ENDINGS if kind == "whole" else ("",)))
    return _Index(tuple(parts), frozenset(keys),
                  tuple((length, frozenset(group)) for length, group in sorted(stems.items())))


def _may_occur(terms: tuple[str, ...], folded: str) -> bool:
    index = _index(terms)
    if index is not None and not index.may_occur(folded):
        return False
    return _any_term(terms).search(folded) is not None


@dataclass(frozen=True)
class Lexicon:
    """Terms to find, and phrases inside which they do not count."""

    terms: tuple[str, ...]
    unless: tuple[str, ...] = ()

    def find(self, text: str) -> list[str]:
        """Every term found in `text`, as written there, in the order of the text."""
        folded, origin = fold(text)
        quoted: list[str] = []
        for start, end in self.spans(folded):
            words = text[origin[start]: origin[end - 1] + 1]
            if words not in quoted:
                quoted.append(words)
        return quoted

    def spans(self, folded: str) -> list[tuple[int, int]]:
        """Where the terms are in a folded text (see `folding.fold`), in order."""
        if not _may_occur(self.terms, folded):
            return []  # most texts hold none: a look-up of their words instead of a search
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
        return sorted(set(spans))


def lexicon(terms: Iterable[object], unless: Iterable[object] = ()) -> Lexicon:
    """A lexicon from the lists of a checklist file."""
    return Lexicon(tuple(str(t) for t in terms), tuple(str(u) for u in unless))
