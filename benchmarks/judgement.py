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

from pairkit.questions.judgement import judge

CORPUS = Path(__file__).parent / "corpus"
GUARD = "questions-interdites"


def read(path: Path) -> list[tuple[str, str, str]]:
    """(expected, matter, question) for each line of a corpus file."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, matter, question = (part.strip() for part in line.split("|", 2))
            rows.append((expected, matter, question))
    return rows


def score(rows: list[tuple[str, str, str]]) -> dict[str, list[int]]:
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


def _rate(done: int, total: int) -> str:
    return f"{done}/{total} ({100 * done / total:.1f} %)" if total else "—"


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    for path in sorted(CORPUS.glob("jury-*.txt")):
        rows = read(path)
        print(f"\n{path.name} : {len(rows)} questions")
        print(f"{'matière':16} {'interdites écartées':>24} {'légitimes gardées':>24}")
        for matter, (out, forbidden, kept, legit) in sorted(score(rows).items(),
                                                            key=lambda i: (i[0] == "TOTAL", i[0])):
            print(f"{matter:16} {_rate(out, forbidden):>24} {_rate(kept, legit):>24}")
        if args.details:
            for expected, matter, question in rows:
                verdict = judge(GUARD, question)
                wrong = (verdict.outcome == "refusee") != (expected == "refusee")
                if wrong:
                    print(f"  ✗ {expected:8} {verdict.outcome:10} [{matter}] {question} "
                          f"({verdict.matter}, {verdict.about}, {', '.join(verdict.words)})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
