"""The annual report's first read (empty cache) over 500 recruitments and a census of 1,000
posts a year for three years, against 50 recruitments: issue « the years side by side ».

    python benchmarks/report_scale.py            # 3 rounds, medians
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from bench import ROOT, first_read, make_projects

from pairkit.year.census import CENSUS


def census(root: Path, posts: int) -> None:
    """`posts` posts in each of three years' census files."""
    for year in (2024, 2025, 2026):
        CENSUS.write_items(root, year, [
            {"id": f"P{i:04d}", "structure": f"Structure {i}", "departement": "38",
             "secteur": "sante-mentale", "employeur": "association", "profil": "fonction-paire",
             "intitule": "Travailleur·se pair·e", "contrat": "CDI" if i % 3 else "CDD",
             "heures_hebdo": 24 + i % 12, "salaire_brut_mensuel": 1400 + i % 500,
             "date_ouverture": dt.date(2020, 1, 1), "source": "reseau"} for i in range(posts)])


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "50", Path(tmp) / "500"
        make_projects(small, 40)   # an example holds two recruitments: 40 folders, 50 recruitments
        make_projects(large, 400)  # 500 recruitments
        for folder in (small, large):
            shutil.copy(ROOT / "examples" / "activites-2026.yaml", folder)
        census(large, 1000)
        command = [sys.executable, "-m", "pairkit", "rapport-annuel"]
        times = {name: first_read([*command, str(folder), "--annee", "2026"], runs)
                 for name, folder in (("50 recrutements", small),
                                      ("500 recrutements + 1 000 postes × 3 ans", large))}
    for name, seconds in times.items():
        print(f"{name:45} {seconds:6.2f} s")
    ratio = times["500 recrutements + 1 000 postes × 3 ans"] / times["50 recrutements"]
    print(f"rapport : {ratio:.2f}× (cible ≤ 2×)")


if __name__ == "__main__":
    main()
