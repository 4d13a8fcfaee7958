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


# --- each project's line is kept until something it comes from changes -------------------------

def _suivi_lines(root, today):
    from pairkit.portfolio import rows

    return {row.root.name: row for row in rows(root, today=today)}


def _no_computing(monkeypatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a project's line was computed again")

    monkeypatch.setattr("pairkit.portfolio.status", refuse)


def test_an_unchanged_portfolio_is_read_from_its_kept_lines(workdir, monkeypatch) -> None:
    root = workdir / "projets"
    make_portfolio(root)
    day = dt.date(2026, 7, 1)
    first = _suivi_lines(root, day)
    _no_computing(monkeypatch)
    assert _suivi_lines(root, day) == first


def test_a_kept_line_follows_its_files_the_day_and_the_method(workdir, monkeypatch, cli) -> None:
    root = workdir / "projets"
    make_portfolio(root)
    day = dt.date(2026, 7, 1)
    assert _suivi_lines(root, day)["chrs-grenoble"].state.startswith("En poste")
    # A file of the project: its state changes.
    result = cli("etat", root / "chrs-grenoble", "--etat", "en-pause", "--depuis", "2026-06-20",
                 "--raison", "réorganisation")
    assert result.exit_code == 0, result.output
    assert _suivi_lines(root, day)["chrs-grenoble"].state == "En pause depuis le 20/06/2026"
    # The day: the next meeting is another one.
    assert _suivi_lines(root, dt.date(2026, 6, 5))["chrs-grenoble"].next_date == dt.date(2026, 6, 19)
    # The method: the platform renames a step in its own copy.
    from pairkit.resources import user_method_dir

    assert _suivi_lines(root, day)["nouveau"].step == "État des lieux avant l'embauche"

    folder = user_method_dir()
    folder.mkdir(parents=True)
    source = EXAMPLES.parent / "checklists" / "diagnostic.yaml"
    text = source.read_text("utf-8")
    label = "État des lieux avant l'embauche"
    assert label in text
    (folder / source.name).write_text(text.replace(f"libelle: {label}", "libelle: Prêts à recruter ?"), "utf-8")
    assert _suivi_lines(root, day)["nouveau"].step == "Prêts à recruter ?"


def test_a_further_recruitment_s_line_follows_its_structure(workdir, cli) -> None:
    root = workdir / "projets"
    make_portfolio(root)
    result = cli("nouveau-recrutement", root / "caarud-lyon", "--intitule", "second poste")
    assert result.exit_code == 0, result.output
    day = dt.date(2026, 7, 1)
    second = next(r for r in _suivi_lines(root, day).values() if r.root.parent.name == "caarud-lyon")
    assert second.structure.startswith("CAARUD L'Escale")
    structure = root / "caarud-lyon" / "structure.yaml"
    structure.write_text(structure.read_text("utf-8").replace("CAARUD L'Escale", "CAARUD Le Phare"), "utf-8")
    second = next(r for r in _suivi_lines(root, day).values() if r.root.parent.name == "caarud-lyon")
    assert second.structure.startswith("CAARUD Le Phare")


def test_into_a_pipe_each_project_is_one_whole_line(cli, workdir) -> None:
    root = workdir / "projets"
    make_portfolio(root)
    result = cli("suivi", root)
    lines = result.output.splitlines()
    assert lines[1].split()[:2] == ["Structure", "Secteur"]
    caarud = next(line for line in lines if line.startswith("CAARUD L'Escale"))
    assert "Addictologie et réduction des risques" in caarud and "bloquant(s)" in caarud
    assert len(lines) == 2 + 4  # title, headers, four projects


def test_many_lines_made_over_two_processes_are_the_same_as_in_one(workdir, monkeypatch) -> None:
    import shutil as sh

    from pairkit import portfolio, workflow
    from pairkit.resources import cache_dir

    root = workdir / "projets"
    root.mkdir()
    for index in range(workflow.PARALLEL_FROM):
        source = EXAMPLES / ("chrs-grenoble", "caarud-lyon", "pension-vienne")[index % 3]
        sh.copytree(source, root / f"p{index:02d}", ignore=sh.ignore_patterns("documents"))
    day = dt.date(2026, 7, 1)
    used: list[int | None] = []
    original = workflow.over_projects

    def counting(work, projects, workers=None):
        used.append(len(projects))
        return original(work, projects, 2)  # two processes, whatever the machine

    monkeypatch.setattr(portfolio, "over_projects", counting)
    two = portfolio.rows(root, today=day)
    assert used == [workflow.PARALLEL_FROM + workflow.PARALLEL_FROM // 3]  # with pension-vienne's binôme
    sh.rmtree(cache_dir() / "suivi")
    monkeypatch.setattr(portfolio, "over_projects", lambda work, projects: original(work, projects, 1))
    one = portfolio.rows(root, today=day)
    assert [(r.root, r.structure, r.step, r.warnings, r.next_date, r.state) for r in two] == \
        [(r.root, r.structure, r.step, r.warnings, r.next_date, r.state) for r in one]


def test_a_batch_collects_its_garbage_every_few_projects(monkeypatch) -> None:
    """Memory stays flat over a long batch: the cycles Word documents leave are collected."""
    import gc

    from pairkit import workflow

    calls: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *args: calls.append(1) or 0)
    monkeypatch.setattr(workflow._Collecting, "done", 0)
    done = list(workflow.over_projects(lambda path: path.name, [dt_path(i) for i in range(25)], 1))
    assert done == [f"p{i}" for i in range(25)]
    assert len(calls) == 25 // workflow.COLLECT_EVERY


def dt_path(index: int):
    from pathlib import Path

    return Path(f"p{index}")


def test_the_search_for_projects_skips_what_windows_hides_and_junctions() -> None:
    """A Documents folder holds junctions (« Ma musique »…) that refuse to be listed: they are
    not projects, and must not be named « non lu »."""
    from types import SimpleNamespace

    from pairkit.workflow import _is_folder

    def entry(is_dir: bool = True, junction: bool = False, attributes: int | None = None) -> object:
        info = SimpleNamespace() if attributes is None else SimpleNamespace(st_file_attributes=attributes)
        return SimpleNamespace(is_dir=lambda follow_symlinks=True: is_dir,
                               is_junction=lambda: junction, stat=lambda follow_symlinks=True: info)

    assert _is_folder(entry())
    assert _is_folder(entry(attributes=0x10))  # a plain folder on Windows
    assert not _is_folder(entry(attributes=0x2 | 0x4 | 0x400))  # hidden, system junction
    assert not _is_folder(entry(junction=True))
    assert not _is_folder(entry(is_dir=False))
