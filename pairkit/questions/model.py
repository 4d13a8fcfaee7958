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
      a_decider: true       # « pas encore décidé » accepted (not with obligatoire: true)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pairkit.errors import MethodProblem
from pairkit.files.checklists import checklist_key, load_checklist
from pairkit.questions.types import TYPES, type_of


class Choice(BaseModel):
    """One choice of a question: the value stored and, if different, the label shown."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    valeur: str
    libelle: str | None = None

    @property
    def label(self) -> str:
        """What the consultant reads."""
        return self.libelle or self.valeur


class WarningRule(BaseModel):
    """A point de vigilance raised by one answer (readiness rules, as data)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    when: Any = Field(alias="si")
    level: Literal["attention", "bloquant"] = Field(alias="niveau")
    reason: str = Field(alias="raison")
    action: str
    # What the answer says, as a statement for the report (« {reponse} » is the answer given);
    # without it, the report shows the question and the answer.
    finding: str | None = Field(default=None, alias="constat")
    # Answers of later steps (« step_id.field ») that lift the point once given.
    lifted_by: list[str] = Field(default_factory=list, alias="leve_par")

    def raised_by(self, value: Any) -> bool:
        """Whether this answer raises the point."""
        wanted = self.when if isinstance(self.when, list) else [self.when]
        return value in wanted


class WarnRule(BaseModel):
    """Words an answer should not hold, warned of (not refused): health in a meeting's notes."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    guard: str = Field(alias="garde")
    families: list[str] = Field(alias="familles")


class Question(BaseModel):
    """One question of a checklist, with its type, help, choices and condition."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    name: str = Field(alias="nom")
    kind: str = Field(alias="type")
    message: str = Field(alias="question")
    help: str | None = Field(default=None, alias="aide")
    choices: list[Choice] = Field(default_factory=list, alias="choix")
    catalogue: str | None = None
    other: bool = Field(default=False, alias="autre")
    # With `autre`: whether the prompt asks for other words (false when another question of the
    # step takes them: a file may still hold them).
    other_asked: bool = Field(default=True, alias="autre_demandee")
    default: Any = Field(default=None, alias="defaut")
    condition: dict[str, Any] | None = Field(default=None, alias="si")
    required: bool = Field(default=True, alias="obligatoire")
    # « Pas encore décidé » is an answer: the prompt offers it, the document prints nothing, and
    # the step raises one « à décider » point listing such questions left open.
    undecided: bool = Field(default=False, alias="a_decider")
    # Where the answer is already known, so it is never asked again: « etape.champ » (another
    # step's answer) or « calcul » (the step's computed value). Shown in the step's summary,
    # changed with `pairkit modifier`.
    taken_from: str | None = Field(default=None, alias="reprise")
    # Questions sharing a screen are asked on one prompt whose title this is: boxes to tick for
    # oui/non questions, one line of parts separated by « ; » for short answers.
    screen: str | None = Field(default=None, alias="ecran")
    # The part's name on a shared screen (« structure », « questions »).
    short: str | None = Field(default=None, alias="court")
    # The answer names a person: never pre-filled, nor taken over, with a sentence.
    person: bool = Field(default=False, alias="personne")
    # The structure's, not the post's: a further recruitment of the structure starts with the
    # answer of the recruitment it comes from (the team's practices), and is not asked it again.
    inherited: bool = Field(default=False, alias="herite")
    minimum: int | None = Field(default=None, alias="min")
    maximum: int | None = Field(default=None, alias="max")
    source: list[str] = Field(default_factory=list)
    validator: str | None = Field(default=None, alias="validation")
    # False: never asked in the sequence of the step, only where the interview needs it (the
    # reason a refused jury question is kept) or from a file of answers.
    asked: bool = Field(default=True, alias="posee")
    # A file of checklists/ listing what the answer may not say (each item, for a list).
    guard: str | None = Field(default=None, alias="garde")
    # The question (`par_element`) where the consultant writes why a refused item is kept.
    justified_in: str | None = Field(default=None, alias="justification")
    # Families of a guard that an answer is warned of, kept if the consultant confirms.
    warn: WarnRule | None = Field(default=None, alias="avertir")
    theme: str | None = None
    # Where the items offered first (ticked or not) come from: a catalogue in checklists/ (by
    # the project's sector), or the step's own points de vigilance; the step's `suggest` reads it.
    suggestions: str | None = None
    # Choices taken from another step's answers, as « step_id.field ».
    choices_from: str | None = Field(default=None, alias="choix_depuis")
    # The same choices as a question of another checklist, « checklist.question »: one list of
    # sectors or départements for the cadrage and the census.
    same_choices: str | None = Field(default=None, alias="choix_comme")
    alert: WarningRule | None = Field(default=None, alias="alerte")
    strength: str | None = Field(default=None, alias="atout")
    # The answers that earn the strength (for yes/no: the opposite of the alert's by default).
    strength_when: list[Any] | None = Field(default=None, alias="atout_si")

    @field_validator("undecided")
    @classmethod
    def _optional_if_undecided(cls, value: bool, info: Any) -> bool:
        if value and info.data.get("required", True):
            raise ValueError("« a_decider: true » demande aussi « obligatoire: false »")
        return value

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in TYPES:
            raise ValueError(f"type « {value} » inconnu (types : {', '.join(TYPES)})")
        return value

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

    def earns_strength(self, value: Any) -> bool:
        """Whether this answer is a positive one, worth its strength in a report."""
        if self.strength is None:
            return False
        if self.strength_when is not None:
            return value in self.strength_when
        if isinstance(value, bool) and self.alert is not None:  # a yes/no answer
            wanted = self.alert.when if isinstance(self.alert.when, list) else [self.alert.when]
            return value not in wanted
        return False

    def label_of(self, value: Any) -> str:
        """The label of a choice value (the value itself when it is free text)."""
        for choice in self.choices:
            if choice.valeur == value:
                return choice.label
        return str(value)


class Control(BaseModel):
    """A check across answers, e.g. the info coll parts must add up to 1h30–2h."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    total_of: list[str] = Field(alias="somme")
    minimum: int = Field(alias="min")
    maximum: int = Field(alias="max")
    message: str
    revisit: list[str] = Field(default_factory=list, alias="a_revoir")

    def failure(self, answers: Mapping[str, Any]) -> str | None:
        """The message when the answers break the rule, else None."""
        values = [lookup(answers, name) for name in self.total_of]
        if any(not isinstance(v, int) for v in values):
            return None
        total = sum(values)
        if self.minimum <= total <= self.maximum:
            return None
        return self.message.format(total=total, heures=format_minutes(total))


class Part(BaseModel):
    """One part of a session agenda (the info coll's four parts)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    titre: str
    champ_duree: str
    intervenant: Literal["cadre", "equipe", "plateforme", "tous"]


class StepInfo(BaseModel):
    """How pairkit presents a step: its name, its command and help, its place in the method."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    order: int = Field(alias="ordre")
    label: str = Field(alias="libelle")
    command: str = Field(alias="commande")
    # Earlier names of the command, still accepted (« diagnostic » for the état des lieux).
    aliases: list[str] = Field(default_factory=list, alias="alias")
    help: str = Field(alias="aide")
    # The catalogue of the step's follow-up meetings, and the help of the option that records
    # one (the plan's `--bilan`; `{rendez_vous}` in it lists the meetings).
    reviews: str | None = Field(default=None, alias="bilans")
    review_option: str | None = Field(default=None, alias="option_bilan")
    # False for what is not a step of the accompaniment's sequence (the recruitment's state):
    # no document, no place among the steps; the command line gives it a command of its own.
    in_sequence: bool = Field(default=True, alias="parcours")
    # A step usually held at a meeting of its own (the team's workshop): the consultant is
    # asked before going on to it.
    new_meeting: bool = Field(default=False, alias="nouvelle_seance")
    # What the step's document is called (its footer names it), and the participle that agrees
    # with it: « Fiche de poste — établie le … ».
    document_title: str | None = Field(default=None, alias="titre_document")
    established: str = Field(default="établi", alias="etabli")
    # The document's title is an answer (the fiche is titled by the post): the dossier's table
    # of contents names the document first.
    titled_by_answer: bool = Field(default=False, alias="titre_par_reponse")


class StepContent(BaseModel):
    """A checklist: the step's questions, with what frames them."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    step: StepInfo | None = Field(default=None, alias="etape")
    title: str = Field(alias="titre")
    intro: str | None = None
    themes: dict[str, str] = Field(default_factory=dict)
    questions: list[Question]
    controls: list[Control] = Field(default_factory=list, alias="controles")
    parts: list[Part] = Field(default_factory=list, alias="parties")
    # Figures of the method that go with these questions (a pause's length, a retention).
    settings: dict[str, Any] = Field(default_factory=dict, alias="reglages")


def load_step_content(name: str) -> StepContent:
    """A step's questions, parsed once per content of its file (batch runs ask thousands of times)."""
    key = checklist_key(name)
    content = _parse_content(name, *key)
    references = sorted({q.same_choices.partition(".")[0] for q in content.questions
                         if q.same_choices})
    if not references:
        return content
    # Kept under the content of every file whose choices it copies, as well as its own.
    return _with_same_choices(name, key, tuple(_reference_key(key[0], r) for r in references))


def _reference_key(path: str, checklist: str) -> tuple[str, str]:
    try:
        return checklist_key(checklist)
    except (MethodProblem, OSError, KeyError):
        return (checklist, "")


@cache
def _with_same_choices(name: str, key: tuple[str, str],
                       _references: tuple[tuple[str, str], ...]) -> StepContent:
    content = _parse_content(name, *key).model_copy(deep=True)
    for question in content.questions:
        if question.same_choices:
            question.choices = _choices_of(key[0], question.same_choices)
    return content


@cache
def _parse_content(name: str, path: str, _digest: str) -> StepContent:
    raw = load_checklist(name)
    try:
        content = StepContent.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        raise MethodProblem(
            f"Le fichier de la méthode « {path} » est incorrect ({where} : {message}).",
            hint="Corrigez ce fichier de la plateforme ou restaurez la version fournie "
            "(« pairkit methode verifier » le vérifie).",
        ) from None
    for question in content.questions:
        if question.catalogue:
            question.choices = [
                Choice(valeur=str(item["id"]), libelle=str(item["libelle"]))
                for item in load_checklist(question.catalogue)["elements"]
            ]
    return content


def _choices_of(path: str, reference: str) -> list[Choice]:
    """The choices of the question `reference` names (« checklist.question »)."""
    checklist, _, name = reference.partition(".")
    try:
        source = load_step_content(checklist)
    except (MethodProblem, OSError, KeyError):
        source = None
    found = next((q for q in source.questions if q.name == name), None) if source else None
    if found is None or not found.choices:
        raise MethodProblem(
            f"Le fichier de la méthode « {path} » est incorrect (choix_comme : « {reference} » "
            "ne nomme pas une question à choix d'un autre fichier de la méthode).",
            hint="Écrivez « fichier.question », par exemple « cadrage.secteur ».")
    return [choice.model_copy() for choice in found.choices]


def get_path(data: Mapping[str, Any], dotted: str) -> Any:
    """The value at a dotted name (`reponses.tuteur`) in nested mappings, or None."""
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
    """« 1 h 30 », « 2 h », « 45 min » (non-breaking spaces, as French typography wants)."""
    hours, minutes = divmod(total, 60)
    if hours and minutes:
        return f"{hours}\u00a0h\u00a0{minutes:02d}"
    if hours:
        return f"{hours}\u00a0h"
    return f"{minutes}\u00a0min"




def is_answered(value: Any) -> bool:
    """Whether a value counts as an answer (`non` does; nothing, "" or [] do not)."""
    return value not in (None, "", [], {})


def unanswered(questions: list[Question], answers: Mapping[str, Any]) -> list[Question]:
    """Required questions that apply to these answers and have none yet."""
    return [q for q in questions
            if q.required and q.applies(answers) and not is_answered(answers.get(q.name))]


_NAME = re.compile(r"^[A-ZÀ-Ý][\w'’-]*\.?\s+[A-ZÀ-Ý][\w'’.-]*")
_NOT_A_FIRST_NAME = frozenset({"La", "Le", "Les", "L", "Un", "Une", "Des", "Notre", "Votre", "Chef", "Cheffe",
                               "Directeur", "Directrice", "Responsable", "Poste", "Pas", "Personne"})


def looks_like_a_name(value: object) -> bool:
    """« Inès Morin, cheffe de service », « Paul R. » — not « La cheffe de service du CHRS »."""
    text = str(value or "").strip()
    first = re.split(r"[\s'’]", text, maxsplit=1)[0] if text else ""
    return bool(_NAME.match(text)) and first not in _NOT_A_FIRST_NAME


def left_open(questions: list[Question], answers: Mapping[str, Any]) -> list[Question]:
    """Questions where « pas encore décidé » is an answer, applying and still without one."""
    return [q for q in questions
            if q.undecided and q.applies(answers) and not is_answered(answers.get(q.name))]


def displayed(content: StepContent, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as documents show them: choice labels, French dates, nested groups.

    Nothing is added: a question not answered is simply absent, so templates can omit it
    or print « à préciser ».
    """
    shown: dict[str, Any] = {}
    for question in content.questions:
        value = answers.get(question.name)
        if not is_answered(value) and value is not False:
            continue
        target = shown
        key = question.name
        if "." in key:
            group, key = key.split(".", 1)
            target = shown.setdefault(group, {})
        target[key] = type_of(question).show(question, value)
    return shown
