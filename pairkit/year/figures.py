"""What every figure of the annual report shares: its shape, its base, the small-number rule.

A figure says on how many recruitments or posts it rests. Any value drawn from people's own
situation (a pay, a number of hours, a grid's answers) is published only when at least the
method's threshold of them stand behind it; an extreme (the lowest, the highest) would be one
person's value, so it is given as the average of the threshold's number of lowest or highest
values, and only when the low and the high groups do not overlap.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pairkit.documents.spreadsheet import Euros
from pairkit.files.checklists import load_checklist

UNKNOWN = "non renseigné"
WITHHELD = "non publié"


@dataclass
class Figure:
    """One table of the report (a chart when `chart` is set), with its base; or sentences
    (trends), or quotes."""

    id: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    base: str
    contributors: int | None = None  # recruitments or posts it is drawn from; None: not about people
    chart: str | None = None         # "barres" or "barres-groupees"
    note: str = ""
    chart_columns: list[int] = field(default_factory=list)  # the columns drawn, when not all
    sentences: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    # The threshold this figure's people are counted against (the grid has its own).
    threshold: int | None = None

    def published(self, threshold: int) -> bool:
        """Whether enough recruitments stand behind it to publish it."""
        wanted = self.threshold if self.threshold is not None else threshold
        return self.contributors is None or self.contributors >= wanted


def settings() -> dict[str, Any]:
    """The report's texts and rules (checklists/rapport-annuel.yaml)."""
    data: dict[str, Any] = load_checklist("rapport-annuel")
    return data


def threshold() -> int:
    """Below this many recruitments or posts, a value about people is not published."""
    return int(settings()["seuil_publication"])


def plural(count: int, one: str, many: str) -> str:
    """« 1 poste », « 12 postes »."""
    return f"{count} {one if count == 1 else many}"


def euros(value: float) -> Euros:
    """A sum of euros, rounded to the euro."""
    return Euros(round(value))


def decimal(value: float) -> str:
    """A number as French readers write it: « 6,5 », « 7 »."""
    return f"{round(value, 1):g}".replace(".", ",")


def count_rows(counter: Counter[str], labels: dict[str, str] | None = None) -> list[list[Any]]:
    """A count by value, largest first, « non renseigné » last."""
    labels = labels or {}
    known = sorted((k for k in counter if k != UNKNOWN), key=lambda k: (-counter[k], k))
    rows = [[labels.get(k, k), counter[k]] for k in known]
    if counter.get(UNKNOWN):
        rows.append([UNKNOWN, counter[UNKNOWN]])
    return rows


def median_if_enough(values: list[float]) -> float | None:
    """The median, when enough values stand behind it to publish it."""
    return statistics.median(values) if len(values) >= threshold() else None


def extremes_if_enough(values: list[float]) -> tuple[float, float] | None:
    """The averages of the lowest and of the highest values (as many as the threshold), when
    the two groups do not overlap: no single value is ever shown as the minimum or maximum."""
    size = threshold()
    if len(values) < 2 * size:
        return None
    ordered = sorted(values)
    return statistics.fmean(ordered[:size]), statistics.fmean(ordered[-size:])


def spread(values: list[int]) -> str:
    """An attendance as an average and a range: « 6,1 (de 4 à 9) »."""
    if not values:
        return "—"
    if min(values) == max(values):
        return decimal(values[0])
    return f"{decimal(statistics.fmean(values))} (de {min(values)} à {max(values)})"
