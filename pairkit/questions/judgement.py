"""Whom a sensitive word is about: the candidate, someone else, or a topic of the work.

A jury question may not ask the *candidate* about a protected matter (health, family,
beliefs…); the same words about the people accompanied, about a situation, or about how the
candidate would handle it are legitimate. A guard's lexicons (`checklists/`) find the words;
this module reads the sentence around each one, the way a French reader does:

1. a word written with « vous » or « tu » in it (« êtes-vous suivi ») is about the candidate;
2. a possessive before it says whose it is: « votre traitement » / « son traitement »;
3. a relative after it with the candidate as subject (« la rechute que vous avez vécue »);
4. a complement after it naming someone else (« le traitement des personnes hébergées »);
5. otherwise the nearest person before it: someone else (« une personne qui rechute »), the
   candidate handling it (« comment réagiriez-vous face à une rechute » : a topic), or the
   candidate (« avez-vous déjà rechuté ») — and failing that, the nearest after it;
6. a sentence naming nobody is addressed to the candidate, as a jury question is.

What a reader cannot settle — the candidate asked to speak of a sensitive topic with nobody
else named (« pouvez-vous parler de la maladie psychique ? ») — is said to be unsure: the
consultant decides. Nothing here is a model of French; every list it uses is data.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pairkit.files.checklists import checklist_key, load_checklist
from pairkit.folding import fold
from pairkit.questions.lexicon import Lexicon, lexicon

About = Literal["candidat", "autrui", "pratique", "personne"]
Outcome = Literal["refusee", "incertaine", "admise"]

# French grammar, not the platform's method: the candidate addressed, possessives, articles.
_SECOND = frozenset({"vous", "tu", "te", "t", "toi", "votre", "vos", "ton", "ta", "tes", "vôtre"})
_SECOND_POSSESSIVE = frozenset({"votre", "vos", "ton", "ta", "tes", "vôtre", "votres"})
_THIRD_POSSESSIVE = frozenset({"son", "sa", "ses", "leur", "leurs"})
_THIRD_PRONOUNS = frozenset({"il", "ils", "elle", "elles", "eux", "celui", "celle", "ceux",
                             "celles", "quelqu", "chacun", "chacune", "autrui", "certains",
                             "certaines", "plusieurs"})
_ARTICLES = frozenset({"un", "une", "des", "les", "le", "la", "l", "ce", "cet", "cette", "ces",
                       "aux", "au", "du", "d", "certains", "certaines", "plusieurs", "quelques",
                       "chaque", "tel", "telle"})
_COMPLEMENT = frozenset({"de", "des", "du", "d", "chez", "aupres"})
_RELATIVE = frozenset({"que", "qu", "dont"})
# Words that may stand between a possessive and the word it owns (« votre propre rechute »).
_BETWEEN = frozenset({"propre", "propres", "ancien", "ancienne", "anciens", "anciennes",
                      "premier", "premiere", "premiers", "premieres", "dernier", "derniere",
                      "derniers", "dernieres", "eventuel", "eventuelle", "eventuels",
                      "eventuelles", "actuel", "actuelle", "actuels", "actuelles", "passe",
                      "passee", "passes", "passees", "de", "d", "la", "le", "l", "les", "du",
                      "des", "situation", "etat", "histoire", "probleme", "problemes"})
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int
    # Joined to the word before by a hyphen: the « vous » of « avez-vous ».
    inverted: bool


@dataclass(frozen=True)
class Verdict:
    """What the guard makes of one text: refused, unsure or admitted, and why."""

    text: str
    outcome: Outcome
    matter: str | None = None
    words: tuple[str, ...] = ()
    reason: str = ""
    advice: str = ""
    about: About | None = None
    # Whether a written reason may keep a refused text (a check a law requires); the step
    # decides from the project (see Step.judged).
    keepable: bool = True

    def message(self) -> str:
        """What the consultant reads: the text, the words, the reason, what to do."""
        found = ", ".join(f"« {w} »" for w in self.words)
        if self.outcome == "incertaine":
            return (f"« {self.text} » est peut-être une question sur la vie privée du ou de la "
                    f"candidat·e : {self.reason} (mot repéré : {found}). Vérifiez qu'elle porte sur "
                    f"le travail, pas sur la personne. {self.advice}").strip()
        return (f"« {self.text} » ne peut pas être posée : {self.reason} (mot repéré : {found}). "
                f"{self.advice}").strip()


def _tokens(folded: str) -> list[_Token]:
    tokens = [_Token(m.group(0), m.start(), m.end(), m.start() > 0 and folded[m.start() - 1] == "-")
              for m in _WORD.finditer(folded)]
    # « rendez-vous » is a meeting, not the candidate addressed.
    return [t for i, t in enumerate(tokens)
            if not (t.word == "vous" and t.inverted and i > 0 and tokens[i - 1].word == "rendez")]


@dataclass(frozen=True)
class _Matter:
    name: str
    reason: str
    advice: str
    terms: Lexicon
    # Words naming a kind of person (« un toxicomane »): after an article, someone else.
    persons: Lexicon
    # A life story asked as what was learnt (« qu'avez-vous appris de votre parcours ») is fine.
    story: bool


@dataclass(frozen=True)
class _Guard:
    matters: tuple[_Matter, ...]
    # The long stems of the matters' terms, for words typed with one letter wrong.
    stems: tuple[str, ...]
    others: Lexicon          # someone else: « une personne », « les usagers », « un résident »
    handling: Lexicon        # the candidate's way of working: « aborder », « réagir »…
    close: Lexicon           # the candidate's own circle: « votre partenaire », « vos parents »
    speaking: Lexicon        # handling that may mean speaking of oneself: « parler », « raconter »
    learning: Lexicon        # « appris », « retenu », « tirer de » : experience as a resource
    advice: str


@cache
def _guard(name: str, key: str) -> _Guard:
    """A guard file as the judgement reads it (`key`: the file's content, for the memo)."""
    data: dict[str, Any] = load_checklist(name)
    grammar = data.get("qui") or {}
    matters = tuple(
        _Matter(str(matter), str(family.get("motif") or ""),
                str(family.get("conseil") or data.get("conseil") or "").strip(),
                lexicon(family.get("termes") or [], family.get("sauf") or []),
                lexicon(family.get("personnes") or []), bool(family.get("recit")))
        for matter, family in (data.get("familles") or {}).items())
    # Only long stems: a short word one letter off is another word (« points », not « joints »).
    stems = tuple(sorted({fold(str(term))[0] for family in (data.get("familles") or {}).values()
                      for term in family.get("termes") or []
                          if re.fullmatch(r"[a-z]{7,}", fold(str(term))[0])}))
    return _Guard(matters, stems, lexicon(grammar.get("autrui") or []),
                  lexicon(grammar.get("pratique") or []), lexicon(grammar.get("proches") or []),
                  lexicon(grammar.get("parler") or []),
                  lexicon(grammar.get("apprentissage") or []),
                  str(data.get("conseil") or "").strip())


def _key(name: str) -> str:
    return str(checklist_key(name))


@dataclass(frozen=True)
class _Sentence:
    """A folded text cut into words, with the places of the guard's person words."""

    tokens: list[_Token]
    others: set[int]        # indexes of words naming someone else
    handling: set[int]      # indexes of verbs of the candidate's work
    speaking: set[int]
    close: set[int]         # indexes of words naming someone close


def _indexes(tokens: list[_Token], spans: list[tuple[int, int]]) -> set[int]:
    return {i for i, t in enumerate(tokens) for a, b in spans if a <= t.start < b}


def _sentence(guard: _Guard, folded: str) -> _Sentence:
    tokens = _tokens(folded)
    return _Sentence(tokens, _indexes(tokens, guard.others.spans(folded)),
                     _indexes(tokens, guard.handling.spans(folded)),
                     _indexes(tokens, guard.speaking.spans(folded)),
                     _indexes(tokens, guard.close.spans(folded)))


# Auxiliaries of someone else acting on the candidate: « ce qui vous a aidé ».
_OTHERS_AUXILIARY = frozenset({"a", "ont", "avait", "avaient", "aurait", "auraient", "est", "sont"})


def _candidate_verb(sentence: _Sentence, index: int) -> bool:
    """Whether the verb of the work at `index` is the candidate's (or nobody's: an infinitive),
    not someone else's acting on the candidate (« qui vous a aidé »)."""
    before = {t.word for t in sentence.tokens[max(0, index - 2): index]}
    return before.isdisjoint(_OTHERS_AUXILIARY)


def _about(sentence: _Sentence, start: int, end: int, matter: _Matter, folded: str) -> About:
    """Whom the sensitive words at [start, end) are about."""
    tokens = sentence.tokens
    inside = [i for i, t in enumerate(tokens) if start <= t.start < end]
    if not inside:
        return "candidat"
    if any(tokens[i].word in _SECOND for i in inside):
        return "candidat"
    about = (_owner(tokens, inside[0]) or _relative(sentence, inside[-1])
             or _complement(sentence, inside[-1]) or _nearest(sentence, inside[0], inside[-1]))
    # A kind of person after an article, not said of the candidate: someone else.
    if about != "candidat" and matter.persons.spans(folded[start:end]) and inside[0] > 0 \
            and tokens[inside[0] - 1].word in _ARTICLES:
        return "autrui"
    return about


def _owner(tokens: list[_Token], first: int) -> About | None:
    """The possessive before the words, over a few such as « propre » or « ancienne »."""
    index = first - 1
    while index >= 0 and tokens[index].word in _BETWEEN and first - index <= 4:
        if tokens[index].word in ("de", "d", "du", "des") and index < first - 1:
            return None
        index -= 1
    if index < 0 or first - index > 4:
        return None
    if tokens[index].word in _SECOND_POSSESSIVE:
        return "candidat"
    if tokens[index].word in _THIRD_POSSESSIVE:
        return "autrui"
    return None


def _relative(sentence: _Sentence, last: int) -> About | None:
    """A relative with the candidate as subject: « la rechute que vous avez vécue »."""
    after = sentence.tokens[last + 1: last + 5]
    for position, token in enumerate(after[:-1]):
        if token.word in _RELATIVE and after[position + 1].word in ("vous", "tu"):
            return "candidat"
        if token.word in _SECOND or last + 1 + position in sentence.others:
            return None
    return None


def _complement(sentence: _Sentence, last: int) -> About | None:
    """A complement naming someone: « le traitement des personnes », « de votre part »."""
    tokens = sentence.tokens
    if last + 1 >= len(tokens) or tokens[last + 1].word not in _COMPLEMENT:
        return None
    for index in range(last + 1, min(last + 5, len(tokens))):
        word = tokens[index].word
        if index in sentence.others or word in _THIRD_POSSESSIVE:
            return "autrui"
        if word in _SECOND:
            return "candidat"
        if word not in _ARTICLES and word not in _COMPLEMENT:
            return None
    return None


# Being and having: what follows is said of the subject (« pensez-vous être assez solide »).
_BEING = frozenset({"etre", "avoir", "rester", "devenir", "redevenir", "etes", "es", "suis",
                    "avez", "as", "ai", "etiez", "etais", "aviez", "avais"})


# Words between « êtes-vous » and the kind of person it says the candidate is or was.
_DESCRIBING = frozenset({"un", "une", "ancien", "ancienne", "anciens", "anciennes", "ex", "vous", "tu",
                         "deja", "encore", "toujours", "vous-meme"})


def _said_of_candidate(tokens: list[_Token], index: int) -> bool:
    """Whether the word naming someone at `index` is the candidate: « avez-vous été victime »,
    « êtes-vous un ancien usager »."""
    for back in range(index - 1, max(-1, index - 5), -1):
        word = tokens[back].word
        if word in _BEING or word == "ete":
            return True
        if word not in _DESCRIBING:
            return False
        if word in ("vous", "tu") and back > 0 and tokens[back - 1].word in _BEING:
            return True
    return False


# Third-person verb endings: « vous » before such a verb is its object (« vous demandait »).
_THIRD_VERB = re.compile(r"(?:ait|aient|ent|e|a|it|ut)$")


def _object(tokens: list[_Token], index: int) -> bool:
    """Whether the « vous » or « te » at `index` is the object of someone else's verb."""
    if tokens[index].word not in ("vous", "te") or tokens[index].inverted:
        return False
    following = tokens[index + 1].word if index + 1 < len(tokens) else ""
    return following not in _BEING and bool(_THIRD_VERB.search(following)) \
        and not following.endswith(("ez", "iez"))


def _nearest(sentence: _Sentence, first: int, last: int) -> About:
    """The nearest person before the words (someone else, the candidate at work, the
    candidate), else after them; « personne » when the sentence names nobody."""
    tokens = sentence.tokens
    said_of = False
    for index in range(first - 1, -1, -1):
        word = tokens[index].word
        if index in sentence.close and index > 0 and tokens[index - 1].word in _SECOND_POSSESSIVE:
            return "candidat"  # « votre partenaire », « vos parents »: the candidate's private life
        if index in sentence.others and _said_of_candidate(tokens, index):
            continue  # « avez-vous été victime », « êtes-vous mère »: the candidate described
        if _object(tokens, index):
            continue  # « une personne vous demandait »: the candidate as the object
        if index in sentence.others or (word in _THIRD_PRONOUNS and not tokens[index].inverted) \
                or word in _THIRD_POSSESSIVE:
            return "autrui"
        said_of = said_of or word in _BEING
        if not said_of and index in sentence.handling and _candidate_verb(sentence, index):
            return "pratique"
        if word in _SECOND:
            # « organiseriez-vous … » : the candidate as the subject of a verb of the work.
            if not said_of and tokens[index].inverted and index - 1 in sentence.handling:
                return "pratique"
            return "candidat"
    for index in range(last + 1, len(tokens)):
        word = tokens[index].word
        if index in sentence.others or (word in _THIRD_PRONOUNS and not tokens[index].inverted):
            return "autrui"
        if word in _SECOND:
            return "candidat"
    return "personne"


def _learning(guard: _Guard, folded: str, start: int, end: int) -> bool:
    """Whether the sentence asks what was learnt (words outside the sensitive ones)."""
    return any(b <= start or a >= end for a, b in guard.learning.spans(folded))


# Inclusive endings (« élu·e », « délégué.es », « prêt(e) »): blanked, so that « délégué du
# personnel » is found in « délégué·e du personnel »; the places of the letters are kept.
_INCLUSIVE = re.compile(r"(?<=[a-z])(?:[·•.](?:e|es|s|ne|nes|le|les|se|ses|rice|rices|euse|euses)"
                        r"|\((?:e|es|s|ne|le|se)\))(?![a-z])")


def _plain(folded: str) -> str:
    return _INCLUSIVE.sub(lambda m: " " * len(m.group(0)), folded)


def _one_off(head: str, stem: str) -> bool:
    """Whether `head` is `stem` with one letter wrong, missing, added, or two swapped."""
    if len(head) == len(stem):
        wrong = [i for i, (a, b) in enumerate(zip(head, stem, strict=True)) if a != b]
        return len(wrong) == 1 or (len(wrong) == 2 and wrong[1] == wrong[0] + 1
                                   and head[wrong[0]] == stem[wrong[1]]
                                   and head[wrong[1]] == stem[wrong[0]])
    if len(head) == len(stem) - 1:
        return any(stem[:i] + stem[i + 1:] == head for i in range(len(stem)))
    return len(head) == len(stem) + 1 and any(head[:i] + head[i + 1:] == stem
                                              for i in range(len(head)))


def _near(word: str, stem: str) -> int:
    """How many letters of `word` spell `stem` with one letter wrong; 0 when none do."""
    for length in (len(stem), len(stem) - 1, len(stem) + 1):
        if len(word) >= length and _one_off(word[:length], stem):
            return length
    return 0


def _corrected(guard: _Guard, folded: str) -> tuple[str, list[int]] | None:
    """The text with each long word typed one letter away from a stem spelt right, and for each
    of its letters the place of the letter it stands for; None when no word is."""
    changed = False
    pieces: list[str] = []
    places: list[int] = []
    last = 0
    for match in _WORD.finditer(folded):
        word = match.group(0)
        pieces.append(folded[last: match.start()])
        places.extend(range(last, match.start()))
        last = match.end()
        if len(word) >= 7 and not any(word.startswith(stem) for stem in guard.stems):
            for stem in guard.stems:
                length = _near(word, stem)
                if length:
                    word, changed = stem + word[length:], True
                    break
        pieces.append(word)
        places.extend(min(match.start() + i, match.end() - 1) for i in range(len(word)))
    pieces.append(folded[last:])
    places.extend(range(last, len(folded)))
    return ("".join(pieces), places) if changed else None


def judge(guard_name: str, text: str) -> Verdict:
    """The guard's verdict on one text (a jury question); a word typed with a letter wrong is
    read as the word meant when nothing else is found."""
    return _verdict(guard_name, _key(guard_name), text)


@functools.lru_cache(maxsize=4096)
def _verdict(guard_name: str, key: str, text: str) -> Verdict:
    """The verdict, kept per text and per content of the guard file (`key`)."""
    guard = _guard(guard_name, key)
    verdict = _judge(guard, text, None)
    if verdict.outcome == "admise" and verdict.matter is None:
        corrected = _corrected(guard, _plain(fold(text)[0]))
        if corrected is not None:
            again = _judge(guard, text, corrected)
            if again.outcome != "admise":
                return again
    return verdict


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping finds as one: « maladie psychique » rather than « maladie » in it."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _judge(guard: _Guard, text: str, corrected: tuple[str, list[int]] | None) -> Verdict:
    folded, origin = fold(text)
    folded = _plain(folded)
    if corrected is not None:
        # Each letter of the corrected text quoted from the letter of the text it stands for.
        folded, origin = corrected[0], [origin[place] for place in corrected[1]]
    sentence: _Sentence | None = None
    unsure: Verdict | None = None
    admitted = Verdict(text, "admise")
    for matter in guard.matters:
        for start, end in _merged(matter.terms.spans(folded)):
            sentence = sentence or _sentence(guard, folded)
            about = _about(sentence, start, end, matter, folded)
            quoted = (text[origin[start]: origin[end - 1] + 1],)
            if about in ("candidat", "personne"):
                if matter.story and _learning(guard, folded, start, end):
                    continue  # what the candidate learnt from it: the question the platform asks
                return Verdict(text, "refusee", matter.name, quoted, matter.reason, matter.advice,
                               about)
            if about == "pratique" and unsure is None and not sentence.others and \
                    any(i in sentence.speaking for i in range(len(sentence.tokens))):
                unsure = Verdict(text, "incertaine", matter.name, quoted, matter.reason,
                                 matter.advice, about)
            elif admitted.matter is None:
                # Kept with what was found and about whom, for whoever asks why it passed.
                admitted = Verdict(text, "admise", matter.name, quoted, about=about)
    return unsure or admitted
