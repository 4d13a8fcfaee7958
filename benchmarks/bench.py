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
# An installed pairkit runs from compiled bytecode (pip writes it at install time); a machine
# that sets PYTHONDONTWRITEBYTECODE would time the compilation of every module at each run.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


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
                             capture_output=True, text=True, env=ENV).stdout
    return float(out.strip()) / count


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command, the commands taking turns within each round.

    Taking turns spreads a burst of outside load over every row instead of skewing one.
    """
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    pairkit = [python, "-m", "pairkit"]

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(EXAMPLES[0], project, ignore=shutil.ignore_patterns("documents"))
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "python -c 'import typer'": [python, "-c", "import typer"],
            "pairkit --help": [*pairkit, "--help"],
            "pairkit --version": [*pairkit, "--version"],
            "pairkit statut (exemple)": [*pairkit, "statut", str(project)],
            "pairkit documents (7 documents, un exemple)": [*pairkit, "documents", str(project)],
        }
        for size in args.sizes:
            folder = Path(tmp) / f"suivi-{size}"
            make_projects(folder, size)
            subprocess.run([*pairkit, "suivi", str(folder)], check=True, stdout=subprocess.DEVNULL, env=ENV)
            subprocess.run([*pairkit, "rapport-annuel", str(folder), "--annee", "2026"], check=True,
                           stdout=subprocess.DEVNULL, env=ENV)
            commands[f"pairkit suivi ({size} projets)"] = [*pairkit, "suivi", str(folder)]
            commands[f"pairkit rapport-annuel ({size} projets)"] = [
                *pairkit, "rapport-annuel", str(folder), "--annee", "2026"]
        medians = interleaved(commands, args.runs)

    typer_floor = medians["python -c 'import typer'"]
    targets = {"pairkit --help": "cible ≤ 1,5×", "pairkit statut (exemple)": "cible ≤ 2×",
               f"pairkit suivi ({max(args.sizes)} projets)": "cible ≤ 15×",
               f"pairkit rapport-annuel ({max(args.sizes)} projets)": "cible < 5 s"}
    print(f"Machine : {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cœur(s) ; médianes de {args.runs} tours entrelacés")
    print(f"{'mesure':<48} {'secondes':>9}  {'× typer':>8}  remarque")
    for label, seconds in medians.items():
        note = targets.get(label, "")
        if label.startswith(("pairkit suivi", "pairkit rapport-annuel")):
            size = int(label.split("(")[1].split()[0])
            note = f"{seconds / size * 1000:.1f} ms/projet {note}".strip()
        print(f"{label:<48} {seconds:>9.3f}  {seconds / typer_floor:>7.1f}×  {note}")
    print()
    print(f"{'documents --tous : projets':<28} {'1 processus':>13} {'2 processus':>13}   (s/projet)")
    for size in args.sizes:
        one = batch(size, 1)
        two = batch(size, 2)
        print(f"{size:<28} {one:>13.3f} {two:>13.3f}")


if __name__ == "__main__":
    main()
