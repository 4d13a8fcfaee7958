"""The trial period of the peer's contract, and when its review must take place.

The legal lengths and the employer's notice periods are data (`periode_essai` in
`checklists/reperes.yaml`). The review is placed on the last working day on which the employer
can still end the trial with its notice (Code du travail, art. L1221-25): the trial's last day
minus the notice, or the working day before; never after.

A post of the fonction publique held by a contractual agent follows public law instead (décrets
86-83, 88-145 and 91-155): one *working* day per week of contract, capped by the contract's
length, a CDI's cap set by the versant; no notice, but an interview before any end of the trial,
so the review leaves the time the platform's data gives for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pairkit.dates_fr import add, is_working_day, previous_working_day
from pairkit.files.checklists import load_checklist
from pairkit.questions.types import parse_duration


@dataclass(frozen=True)
class Trial:
    """A trial period: its length, its last day, the notice it requires, its review's date."""

    length: dict[str, int]
    last_day: dt.date
    notice: str
    review: dt.date
    public: bool = False


def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = load_checklist("reperes")["periode_essai"]
    return rules


def _as_length(value: Mapping[str, Any]) -> dict[str, int]:
    return {str(k): int(v) for k, v in value.items()}


PUBLIC_FIXED, PUBLIC_OPEN = "CDD public", "CDI public"


def is_public(answers: Mapping[str, Any]) -> bool:
    """Whether the trial is computed under public law (a contractual agent of the fonction publique)."""
    return answers.get("contrat_essai") in (PUBLIC_FIXED, PUBLIC_OPEN)


def _working_days(count: int, start: dt.date) -> dict[str, int]:
    """The calendar length covering `count` working days from `start` (start included if worked)."""
    day, seen = start, 0
    while True:
        if is_working_day(day):
            seen += 1
            if seen >= count:
                return {"jours": (day - start).days + 1}
        day += dt.timedelta(days=1)


def _shorter(first: dict[str, int], second: dict[str, int], start: dt.date) -> dict[str, int]:
    return first if add(start, first) <= add(start, second) else second


def _public_length(answers: Mapping[str, Any], start: dt.date) -> dict[str, int] | None:
    rules = _rules()["droit_public"]
    if answers.get("contrat_essai") == PUBLIC_OPEN:
        versant = answers.get("versant_fp")
        return _as_length(rules["cdi"][versant]) if versant in rules["cdi"] else None
    months = answers.get("duree_cdd_mois")
    if not isinstance(months, int):
        return None
    contract = {"mois": months}
    cap = next(_as_length(row["plafond"]) for row in rules["plafonds"]
               if "contrat_moins_de" not in row
               or add(start, contract) < add(start, _as_length(row["contrat_moins_de"])))
    days = int(months * 52 / 12) * int(rules["jours_ouvres_par_semaine"])
    return _shorter(_working_days(days, start), cap, start)


def legal_length(answers: Mapping[str, Any], start: dt.date | None = None) -> dict[str, int] | None:
    """The longest trial the law allows for the contract described, if it is described enough.

    Public law counts working days, so the length depends on the day the contract starts.
    """
    if is_public(answers):
        return _public_length(answers, start or dt.date(2001, 1, 1))
    rules = _rules()
    if answers.get("contrat_essai") == "CDI":
        category = answers.get("categorie_emploi")
        return _as_length(rules["cdi"][category]) if category in rules["cdi"] else None
    months = answers.get("duree_cdd_mois")
    if answers.get("contrat_essai") != "CDD" or not isinstance(months, int):
        return None
    cdd = rules["cdd"]
    days = int(months * 52 / 12) * int(cdd["jours_par_semaine"])
    short = months <= int(cdd["contrat_court_mois"])
    cap = _as_length(cdd["plafond_contrat_court" if short else "plafond_contrat_long"])
    start = dt.date(2001, 1, 1)  # any day: only compares lengths
    return cap if add(start, {"jours": days}) > add(start, cap) else {"jours": days}


def length_of(answers: Mapping[str, Any], start: dt.date | None = None) -> dict[str, int] | None:
    """The trial's length from the plan's answers; None when there is none or it is unknown."""
    choice = answers.get("periode_essai")
    if choice == "maximum-legal":
        return legal_length(answers, start)
    if choice == "duree-precisee" and answers.get("duree_essai"):
        return parse_duration(str(answers["duree_essai"]))
    return None


def trial(start: dt.date, answers: Mapping[str, Any]) -> Trial | None:
    """The trial of a contract starting on `start`, with the date of its review."""
    length = length_of(answers, start)
    if length is None:
        return None
    last_day = add(start, length) - dt.timedelta(days=1)
    if is_public(answers):
        rule = _rules()["droit_public"]["decision"]
        decision = add(last_day, _as_length(rule["delai"]), sign=-1)
        return Trial(length, last_day, str(rule["libelle"]),
                     previous_working_day(max(decision, start)), public=True)
    for rule in _rules()["prevenance"]:
        limit = rule.get("presence_moins_de")
        if limit is None or last_day < add(start, _as_length(limit)):
            decision = add(last_day, _as_length(rule["delai"]), sign=-1)
            review = previous_working_day(max(decision, start))
            return Trial(length, last_day, str(rule["libelle"]), review)
    return None
