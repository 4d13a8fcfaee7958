"""How well the jury-question guard judges questions: kept out, kept, per matter.

`python benchmarks/judgement.py` reads the corpora of `benchmarks/corpus/` (jury-a.txt: written
with the rules; jury-b.txt: written after them, the rules left as they were) and prints, per lot
and per matter, how many forbidden questions are kept out of « Questions à poser » (refused)
and how many legitimate ones are kept (admitted, or unsure: unsure questions are kept and
shown to the consultant). `--details` lists each error.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the checkout's root holds `benchmarks`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.tally import Rows, table
from pairkit.questions.judgement import judge

GUARD = "questions-interdites"


def score(rows: Rows) -> dict[str, list[int]]:
    """Per matter: [forbidden kept out, forbidden, legitimate kept, legitimate]."""
    figures: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for expected, matter, question in rows:
        outcome = judge(GUARD, question).outcome
        for key in (matter, "TOTAL"):
            if expected == "refusee":
                figures[key][1] += 1
                figures[key][0] += outcome == "refusee"
            else:
                figures[key][3] += 1
                figures[key][2] += outcome != "refusee"
    return figures


def _wrong(row: tuple[str, str, str]) -> str | None:
    expected, matter, question = row
    verdict = judge(GUARD, question)
    if (verdict.outcome == "refusee") == (expected == "refusee"):
        return None
    return (f"{expected:8} {verdict.outcome:10} [{matter}] {question} "
            f"({verdict.matter}, {verdict.about}, {', '.join(verdict.words)})")


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--details", action="store_true")
    table("jury-*.txt", "questions", ("matière", "interdites écartées", "légitimes gardées"),
          score, _wrong, parser.parse_args().details)


if __name__ == "__main__":
    main()
