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


# A typer command taking a folder, as pairkit's do: typer 0.2x coerces each parameter through a
# pydantic TypeAdapter, so pydantic is imported by any command that takes one.
TYPER_COMMAND = (
    "import sys, typer; from pathlib import Path; app = typer.Typer(add_completion=False)\n"
    "@app.command()\ndef show(folder: Path, name: str = '') -> None:\n    print(folder)\n"
    "@app.command()\ndef other() -> None:\n    pass\n"
    "app()"
)


def batch(count: int, workers: int) -> tuple[float, float, float]:
    """`documents --tous` over `count` projects, in one process or several: seconds per project,
    seconds per Word document, and the largest memory of a process (MiB)."""
    code = (
        "import sys, time, resource; from pathlib import Path;"
        "from pairkit.workflow import documents_many;"
        "t=time.perf_counter(); r=documents_many(Path(sys.argv[1]), workers=int(sys.argv[2]));"
        "e=time.perf_counter()-t;"
        "assert all(i.error is None for i in r), [i.error for i in r if i.error];"
        "n=sum(len(list((i.root / 'documents').glob('*.docx'))) for i in r);"
        "m=max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "print(e, n, m)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "projets"
        make_projects(folder, count)
        out = subprocess.run([sys.executable, "-c", code, str(folder), str(workers)], check=True,
                             capture_output=True, text=True,
                             env={**ENV, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}).stdout
    seconds, documents, memory = out.split()
    return float(seconds) / count, float(seconds) / int(documents), int(memory) / 1024


def docx_floor(runs: int) -> float:
    """python-docx opening and saving each of pairkit's templates, per document (median)."""
    code = (
        "import io, sys, time, statistics; from pathlib import Path; import docx;"
        "files=sorted(Path(sys.argv[1]).glob('*.docx')); times=[];"
        "[docx.Document(str(f)).save(io.BytesIO()) for f in files];"
        "exec('for _ in range(int(sys.argv[2])):\\n t=time.perf_counter()\\n"
        " for f in files: docx.Document(str(f)).save(io.BytesIO())\\n"
        " times.append((time.perf_counter()-t)/len(files))');"
        "print(statistics.median(times))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "templates"), str(runs)],
                         check=True, capture_output=True, text=True, env=ENV).stdout
    return float(out)


# The command's output on a pseudo-terminal (rich's table), read and thrown away.
TERMINAL = (
    "import os, pty, sys, subprocess\n"
    "m, s = pty.openpty()\n"
    "p = subprocess.Popen([sys.executable, '-m', 'pairkit', *sys.argv[1:]], stdout=s, stderr=s,"
    " env={**os.environ, 'COLUMNS': '160'})\n"
    "os.close(s)\n"
    "while True:\n"
    "    try:\n        chunk = os.read(m, 65536)\n    except OSError:\n        break\n"
    "    if not chunk:\n        break\n"
    "sys.exit(p.wait())\n"
)


# The first `suivi` of a day: every project's kept line is out of date (the same as after the
# method changed). The lines are deleted, then pairkit takes the wrapper's place.
NEW_DAY = (
    "import os, shutil, sys\n"
    "shutil.rmtree(os.path.join(os.environ['XDG_CACHE_HOME'], 'pairkit', 'suivi'), ignore_errors=True)\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'pairkit', *sys.argv[1:]])\n"
)


# A command after a change of the project: a comment line is added to one of its files (what
# is kept is keyed on content, so a new modification time alone changes nothing), and what the
# command keeps is made again.
TOUCHED = (
    "import os, sys, time\n"
    "with open(os.path.join(sys.argv[-1], 'structure.yaml'), 'a', encoding='utf-8') as f:\n"
    "    f.write(f'# modifié {time.time_ns()}\\n')\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'pairkit', *sys.argv[1:]])\n"
)

# What keying on content costs: the YAML files of every project read and hashed, against the
# stat the keys on times and sizes needed (in milliseconds, in one process).
HASHING = (
    "import os, sys, time; from pathlib import Path; from pairkit.files.cache import file_digest\n"
    "files = sorted(Path(sys.argv[1]).rglob('*.yaml'))\n"
    "t = time.perf_counter(); [os.stat(f) for f in files]; s = time.perf_counter() - t\n"
    "t = time.perf_counter(); [file_digest(f) for f in files]; h = time.perf_counter() - t\n"
    "print(len(files), s * 1000, h * 1000)\n"
)

# What one `documents` cannot do without: Python, typer, the document libraries, and
# python-docx opening and saving each of the seven templates once.
DOCUMENTS_FLOOR = (
    "import io, sys; from pathlib import Path; import typer, docx, docxtpl, jinja2\n"
    "for f in sorted(Path(sys.argv[1]).glob('*.docx')):\n"
    "    if f.name != 'dossier.docx':\n"
    "        docx.Document(str(f)).save(io.BytesIO())\n"
)


def first_read(command: list[str], runs: int) -> float:
    """Median wall time of a command run with an empty cache folder each time (a new
    computer, or the first read of folders copied from elsewhere)."""
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env={**ENV, "XDG_CACHE_HOME": cache})
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def interleaved(commands: dict[str, list[str]], runs: int,
                caches: dict[str, str]) -> dict[str, float]:
    """Median wall time of each command, the commands taking turns within each round.

    Taking turns spreads a burst of outside load over every row instead of skewing one. A
    command named in `caches` has that cache folder of its own.
    """
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            env = {**ENV, "XDG_CACHE_HOME": caches[name]} if name in caches else ENV
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
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
        # A cache folder of the benchmark's own: the same start for every run, and the user's
        # is left alone.
        ENV["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        project = Path(tmp) / "p"
        shutil.copytree(EXAMPLES[0], project, ignore=shutil.ignore_patterns("documents"))
        changed = Path(tmp) / "modifie"
        shutil.copytree(EXAMPLES[0], changed, ignore=shutil.ignore_patterns("documents"))
        changed_docs = Path(tmp) / "modifie-documents"
        shutil.copytree(EXAMPLES[0], changed_docs, ignore=shutil.ignore_patterns("documents"))
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "python -c 'import typer'": [python, "-c", "import typer"],
            "commande typer (un dossier en argument)": [python, "-c", TYPER_COMMAND, "show", tmp],
            "pairkit --help": [*pairkit, "--help"],
            "pairkit --version": [*pairkit, "--version"],
            "pairkit statut (exemple)": [*pairkit, "statut", str(project)],
            "pairkit statut (exemple, vers un terminal)": [python, "-c", TERMINAL, "statut",
                                                          str(project)],
            "pairkit statut (exemple, après une modification)": [python, "-c", TOUCHED, "statut",
                                                                str(changed)],
            "pairkit documents (un exemple inchangé)": [*pairkit, "documents", str(project)],
            "pairkit documents (7 documents, après une modification)": [
                python, "-c", TOUCHED, "documents", str(changed_docs)],
            "plancher : typer + python-docx, 7 modèles": [python, "-c", DOCUMENTS_FLOOR,
                                                          str(ROOT / "templates")],
        }
        # Once before the rounds, as the rows over many projects are: the documents folder
        # then holds what it will hold in every round, and statut has kept what it shows.
        for warm in ("documents", "statut"):
            subprocess.run([*pairkit, warm, str(project)], check=True, stdout=subprocess.DEVNULL, env=ENV)
        caches: dict[str, str] = {}
        for size in args.sizes:
            folder = Path(tmp) / f"suivi-{size}"
            make_projects(folder, size)
            subprocess.run([*pairkit, "suivi", str(folder)], check=True, stdout=subprocess.DEVNULL, env=ENV)
            subprocess.run([*pairkit, "rapport-annuel", str(folder), "--annee", "2026"], check=True,
                           stdout=subprocess.DEVNULL, env=ENV)
            commands[f"pairkit suivi ({size} projets)"] = [*pairkit, "suivi", str(folder)]
            commands[f"pairkit suivi ({size} projets, vers un terminal)"] = [
                python, "-c", TERMINAL, "suivi", str(folder)]
            # Its own cache folder (a copy): deleting its lines leaves the other rows' alone.
            new_day = f"pairkit suivi ({size} projets, premier du jour)"
            caches[new_day] = str(Path(tmp) / f"cache-{size}")
            shutil.copytree(ENV["XDG_CACHE_HOME"], caches[new_day])
            commands[new_day] = [python, "-c", NEW_DAY, "suivi", str(folder)]
            commands[f"pairkit rapport-annuel ({size} projets)"] = [
                *pairkit, "rapport-annuel", str(folder), "--annee", "2026"]
        medians = interleaved(commands, args.runs, caches)
        largest = Path(tmp) / f"suivi-{max(args.sizes)}"
        cold = {f"pairkit suivi ({max(args.sizes)} projets, cache vide)": [*pairkit, "suivi", str(largest)],
                f"pairkit rapport-annuel ({max(args.sizes)} projets, cache vide)": [
                    *pairkit, "rapport-annuel", str(largest), "--annee", "2026"]}
        first = {label: first_read(command, 3) for label, command in cold.items()}

        hashed = subprocess.run([python, "-c", HASHING, str(largest)], check=True, env=ENV,
                                capture_output=True, text=True).stdout.split()

    typer_floor = medians["python -c 'import typer'"]
    targets = {"pairkit --help": "cible ≤ 1,5×", "pairkit statut (exemple)": "cible ≤ 2×",
               f"pairkit suivi ({max(args.sizes)} projets)": "cible ≤ 15×",
               f"pairkit rapport-annuel ({max(args.sizes)} projets)": "cible < 5 s",
               "pairkit documents (7 documents, après une modification)": "cible ≤ 0,5 s",
               "pairkit documents (un exemple inchangé)": "cible ≤ 2× statut"}
    print(f"Machine : {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cœur(s) ; médianes de {args.runs} tours entrelacés")
    print(f"{'mesure':<48} {'secondes':>9}  {'× typer':>8}  remarque")
    for label, seconds in medians.items():
        note = targets.get(label, "")
        if label.startswith(("pairkit suivi", "pairkit rapport-annuel")):
            size = int(label.split("(")[1].split()[0])
            note = f"{seconds / size * 1000:.1f} ms/projet {note}".strip()
        print(f"{label:<48} {seconds:>9.3f}  {seconds / typer_floor:>7.1f}×  {note}")
    for label, seconds in first.items():
        print(f"{label:<48} {seconds:>9.3f}  {seconds / typer_floor:>7.1f}×  médiane de 3, à part")
    print(f"clés sur le contenu : lire et hacher les {hashed[0]} fichiers YAML de {max(args.sizes)} "
          f"projets, {float(hashed[2]):.0f} ms ; stat des mêmes fichiers, {float(hashed[1]):.0f} ms")
    print()
    # The machine's speed drifts over the minutes a batch of 500 projects takes: each batch
    # is compared with python-docx measured just before and just after it.
    print("documents --tous : ms/doc, et rapport à python-docx ouvrant et enregistrant les mêmes "
          "modèles (ms/doc), mesuré juste avant et juste après chaque lot")
    print(f"{'projets':<9} {'1 processus':>33} {'2 processus':>32}  mémoire max (Mio)")
    print(f"{'':<9} {'s/projet':>9} {'ms/doc':>7} {'docx':>6} {'× docx':>7}"
          f" {'s/projet':>9} {'ms/doc':>7} {'docx':>6} {'× docx':>7}  1 proc.  2 proc.")
    for size in args.sizes:
        floors = [docx_floor(args.runs)]
        one = batch(size, 1)
        floors.append(docx_floor(args.runs))
        two = batch(size, 2)
        floors.append(docx_floor(args.runs))
        around = [(floors[0] + floors[1]) / 2, (floors[1] + floors[2]) / 2]
        cells = [f"{r[0]:>9.3f} {r[1] * 1000:>7.1f} {f * 1000:>6.1f} {r[1] / f:>6.1f}×"
                 for r, f in zip((one, two), around, strict=True)]
        print(f"{size:<9} {cells[0]} {cells[1]}  {one[2]:>7.0f}  {two[2]:>7.0f}")

if __name__ == "__main__":
    main()
