"""How well the platform's positions are read in free text: raised where they should be, silent
elsewhere, per family.

`python benchmarks/positions.py` reads `benchmarks/corpus/positions-*.txt` (lot B written after
the rules, lot C after their correction) and prints, per lot and per family, how many texts that
should raise it do (found) and how many that should not stay silent. `--details` lists each
error.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the checkout's root holds `benchmarks`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.tally import Rows, table
from pairkit.questions.positions import findings


def raised(step: str, text: str) -> set[str]:
    """The points a text raises."""
    return {found.alert for found in findings(step, [text])}


def score(rows: Rows) -> dict[str, list[int]]:
    """Per family: [found, should raise, silent, should not raise]."""
    figures: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for expected, step, text in rows:
        points = raised(step, text)
        if expected != "aucun":
            for key in (expected, "TOTAL"):
                figures[key][1] += 1
                figures[key][0] += expected in points
        else:
            for key in ("aucun", "TOTAL"):
                figures[key][3] += 1
                figures[key][2] += not points
    return figures


def _wrong(row: tuple[str, str, str]) -> str | None:
    expected, step, text = row
    points = raised(step, text)
    if (expected == "aucun" and not points) or (expected != "aucun" and expected in points):
        return None
    return f"{expected:28} {sorted(points)} [{step}] {text}"


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--details", action="store_true")
    table("positions-*.txt", "textes", ("famille", "relevées", "silence gardé"), score, _wrong,
          parser.parse_args().details)


if __name__ == "__main__":
    main()
