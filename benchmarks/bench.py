"""pairkit benchmark: start-up against its floors, one project's documents, batch scaling.

Plain Python, no extra tools. Run from the repository with pairkit installed:

    python benchmarks/bench.py                 # 50 and 500 projects
    python benchmarks/bench.py --sizes 20 100  # quicker

Prints a table; copy it with the machine description into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


def timed(cmd: list[str], runs: int) -> float:
    """Median wall time of a command, in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def make_projects(folder: Path, count: int) -> None:
    for index in range(count):
        source = EXAMPLES[index % len(EXAMPLES)]
        target = folder / f"projet-{index:04d}"
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("documents"))
        structure = target / "structure.yaml"
        text = structure.read_text("utf-8")
        structure.write_text(text.replace("\nnom: ", f"\nnom: N°{index} ", 1), encoding="utf-8")


def batch(count: int, workers: int) -> float:
    """Seconds per project for `documents --tous` over `count` projects (in-process timing)."""
    code = (
        "import sys, time; from pathlib import Path; from pairkit.workflow import documents_many;"
        "t=time.perf_counter(); r=documents_many(Path(sys.argv[1]), workers=int(sys.argv[2]));"
        "assert all(i.error is None for i in r), [i.error for i in r if i.error];"
        "print(time.perf_counter()-t)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        make_projects(Path(tmp), count)
        out = subprocess.run([sys.executable, "-c", code, tmp, str(workers)], check=True,
                             capture_output=True, text=True).stdout
    return float(out.strip()) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    pairkit = [python, "-m", "pairkit"]

    floor_pass = timed([python, "-c", "pass"], args.runs)
    floor_typer = timed([python, "-c", "import typer"], args.runs)
    help_time = timed([*pairkit, "--help"], args.runs)
    version_time = timed([*pairkit, "--version"], args.runs)
    statut_time = timed([*pairkit, "statut", str(EXAMPLES[0])], args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(EXAMPLES[0], project, ignore=shutil.ignore_patterns("documents"))
        docs_time = timed([*pairkit, "documents", str(project)], args.runs)

    rows = [
        ("python -c pass", floor_pass, ""),
        ("python -c 'import typer'", floor_typer, "plancher"),
        ("pairkit --help", help_time, f"{help_time / floor_typer:.2f}× typer (cible ≤ 1,5×)"),
        ("pairkit --version", version_time, f"{version_time / floor_typer:.2f}× typer"),
        ("pairkit statut (exemple)", statut_time, ""),
        ("pairkit documents (7 documents, un exemple)", docs_time, "cible : bien moins d'1 s"),
    ]
    print(f"Machine : {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cœur(s) ; médianes de {args.runs} exécutions")
    print(f"{'mesure':<48} {'secondes':>9}  remarque")
    for label, seconds, note in rows:
        print(f"{label:<48} {seconds:>9.3f}  {note}")
    print()
    print(f"{'documents --tous : projets':<28} {'1 processus':>13} {'2 processus':>13}   (s/projet)")
    for size in args.sizes:
        one = batch(size, 1)
        two = batch(size, 2)
        print(f"{size:<28} {one:>13.3f} {two:>13.3f}")


if __name__ == "__main__":
    main()
