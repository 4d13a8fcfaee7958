"""`pairkit suivi`: the consultant's projects, what needs attention first."""

from __future__ import annotations

import datetime as dt
import shutil

from tests.conftest import EXAMPLES


def make_portfolio(root) -> None:
    for name in ("chrs-grenoble", "caarud-lyon"):
        shutil.copytree(EXAMPLES / name, root / name, ignore=shutil.ignore_patterns("documents"))
    shutil.copytree(EXAMPLES / "chrs-grenoble", root / "abimé", ignore=shutil.ignore_patterns("documents"))
    (root / "abimé" / "plan.yaml").write_text("version_schema: 1\ndate_prise_poste: jamais\n", encoding="utf-8")
    (root / "nouveau").mkdir()
    shutil.copy(EXAMPLES / "chrs-grenoble" / "structure.yaml", root / "nouveau")


def test_rows_sorted_by_attention(workdir) -> None:
    from pairkit.portfolio import rows

    root = workdir / "projets"
    make_portfolio(root)
    table = rows(root, today=dt.date(2026, 7, 1))
    assert [r.root.name for r in table][:2] == ["abimé", "caarud-lyon"]  # broken, then blocking
    caarud = table[1]
    assert caarud.structure == "CAARUD L'Escale" and caarud.sector == "Addictologie et réduction des risques"
    assert caarud.blocking >= 2
    assert caarud.next_date == dt.date(2026, 8, 18)  # préparation, deux semaines avant le 1er septembre
    new = next(r for r in table if r.root.name == "nouveau")
    assert new.step == "État des lieux avant l'embauche"
    chrs = next(r for r in table if r.root.name == "chrs-grenoble")
    # Regression: the trial review came on 6 July, after a trial ending on 3 July. A CDI employee's
    # two-month trial from 4 May ends on 3 July; with two weeks' notice, the review is on 19 June.
    assert chrs.next_date == dt.date(2026, 8, 4) and chrs.next_label == "Bilan tripartite à trois mois"
    june = next(r for r in rows(root, today=dt.date(2026, 6, 5)) if r.root.name == "chrs-grenoble")
    assert june.next_date == dt.date(2026, 6, 19)
    assert june.next_label == "Avant la fin de la période d'essai"


def test_suivi_command_and_where_projects_are(cli, workdir, monkeypatch) -> None:
    root = workdir / "projets"
    make_portfolio(root)
    result = cli("suivi", root)
    assert result.exit_code == 0, result.output
    assert "CAARUD L'Escale" in result.output and "fichier invalide" in result.output
    monkeypatch.setenv("PAIRKIT_PROJETS", str(root))
    assert "CAARUD L'Escale" in cli("suivi").output
    monkeypatch.delenv("PAIRKIT_PROJETS")
    from pairkit.resources import config_file

    settings = config_file()
    settings.parent.mkdir(parents=True)
    settings.write_text(f"dossier_projets: {root}\n", encoding="utf-8")
    assert "CAARUD L'Escale" in cli("suivi").output
    settings.write_text("dossier_projet: x\n", encoding="utf-8")
    bad = cli("suivi")
    assert bad.exit_code == 1 and "config.yaml, ligne 1" in bad.output and "réglage inconnu" in bad.output
