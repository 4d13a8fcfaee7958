"""What the judgement benchmarks share: reading a corpus file, printing a table of rates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"

Rows = list[tuple[str, str, str]]


def read(path: Path) -> Rows:
    """The lines of a corpus file: three fields separated by « | » (comments start with #)."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            first, second, text = (part.strip() for part in line.split("|", 2))
            rows.append((first, second, text))
    return rows


def rate(done: int, total: int) -> str:
    """« 12/13 (92.3 %) », or a dash when there is nothing to count."""
    return f"{done}/{total} ({100 * done / total:.1f} %)" if total else "—"


def table(pattern: str, unit: str, headings: tuple[str, str, str],
          score: Callable[[Rows], dict[str, list[int]]],
          wrong: Callable[[tuple[str, str, str]], str | None], details: bool) -> None:
    """Print, for each corpus file matching `pattern`, the two rates of each row of `score`."""
    for path in sorted(CORPUS.glob(pattern)):
        rows = read(path)
        print(f"\n{path.name} : {len(rows)} {unit}")
        print(f"{headings[0]:30} {headings[1]:>24} {headings[2]:>24}")
        for name, (a, b, c, d) in sorted(score(rows).items(), key=lambda i: (i[0] == "TOTAL", i[0])):
            print(f"{name:30} {rate(a, b):>24} {rate(c, d):>24}")
        if details:
            for row in rows:
                said = wrong(row)
                if said is not None:
                    print(f"  ✗ {said}")
