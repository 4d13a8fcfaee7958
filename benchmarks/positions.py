"""How well the platform's positions are read in free text: raised where they should be, silent
elsewhere, per family.

`python benchmarks/positions.py` reads `benchmarks/corpus/positions-*.txt` (lot B written after
the rules, lot C after their correction) and prints, per lot and per family, how many texts that
should raise it do (found) and how many that should not stay silent. `--details` lists each
error.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from pairkit.questions.positions import findings

CORPUS = Path(__file__).parent / "corpus"


def read(path: Path) -> list[tuple[str, str, str]]:
    """(expected point or « aucun », step, text) for each line of a corpus file."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, step, text = (part.strip() for part in line.split("|", 2))
            rows.append((expected, step, text))
    return rows


def raised(step: str, text: str) -> set[str]:
    """The points a text raises."""
    return {found.alert for found in findings(step, [text])}


def score(rows: list[tuple[str, str, str]]) -> dict[str, list[int]]:
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


def _rate(done: int, total: int) -> str:
    return f"{done}/{total} ({100 * done / total:.1f} %)" if total else "—"


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    for path in sorted(CORPUS.glob("positions-*.txt")):
        rows = read(path)
        print(f"\n{path.name} : {len(rows)} textes")
        print(f"{'famille':30} {'relevées':>20} {'silence gardé':>20}")
        for family, (hit, should, silent, clean) in sorted(
                score(rows).items(), key=lambda item: (item[0] == "TOTAL", item[0])):
            print(f"{family:30} {_rate(hit, should):>20} {_rate(silent, clean):>20}")
        if args.details:
            for expected, step, text in rows:
                points = raised(step, text)
                if (expected == "aucun" and points) or (expected != "aucun" and expected not in points):
                    print(f"  ✗ {expected:28} {sorted(points)} [{step}] {text}")


if __name__ == "__main__":
    main()
