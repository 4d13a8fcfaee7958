"""What the time budget of a customised template costs, and how late it stops a runaway loop.

`python benchmarks/template_budget.py`: a customised template that loops over 50 000 lines is
rendered with pairkit's budget (checked at the sandbox's hooks), then with a line tracer of the
kind pairkit used before (`sys.settrace` on the template's code); then a loop that never ends is
given a budget of 1 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from docx import Document

from pairkit.documents import templates

CONTEXT = {"structure": {"nom": "Foyer Les Tilleuls"}}


def _template(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    document = Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _best(path: Path, runs: int = 5, traced: bool = False) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        if traced:
            def watch(frame: Any, event: str, arg: Any) -> Any:
                time.monotonic()
                return watch if frame.f_code.co_filename == "<template>" else None

            sys.settrace(watch)
        try:
            templates.fill_template(path, CONTEXT)
        finally:
            sys.settrace(None)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Print the three figures."""
    folder = Path(tempfile.mkdtemp())
    heavy = _template(folder, "lourd.docx",
                      "{% for i in range(50000) %}{{ structure.nom }} {{ i }}{% endfor %}")
    print(f"modèle personnalisé, 50 000 tours, délai aux points du bac à sable : {_best(heavy):.3f} s")
    print(f"le même, délai tenu en traçant chaque ligne : {_best(heavy, traced=True):.3f} s")
    loop = _template(folder, "boucle.docx", "{% for i in range(100000) %}"
                     "{% for j in range(100000) %}{% endfor %}{% endfor %}")
    templates.CUSTOM_TEMPLATE_SECONDS = 1.0
    start = time.perf_counter()
    try:
        templates.fill_template(loop, CONTEXT)
    except Exception as exc:  # the TemplateProblem that stops it
        print(f"boucle sans fin, délai de 1 s : arrêtée après {time.perf_counter() - start:.2f} s "
              f"({type(exc).__name__})")


if __name__ == "__main__":
    main()
