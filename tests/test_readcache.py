"""The fast read path: a file read once is read again from its JSON copy, never stale."""

from __future__ import annotations

import os

import pytest

from pairkit.files import readcache
from pairkit.files.project import Project
from pairkit.method.registry import ALL_STEPS, step_named


def _no_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> None:
        raise AssertionError(f"round-trip parse of {path}")

    monkeypatch.setattr("pairkit.files.yamlfiles.load_document", refuse)


def test_an_unchanged_file_is_read_without_the_yaml_parser(example, monkeypatch) -> None:
    project = example("chrs-grenoble")
    first = {step.id: Project(project).answers(step) for step in ALL_STEPS}
    _no_round_trip(monkeypatch)
    again = {step.id: Project(project).answers(step) for step in ALL_STEPS}
    assert again == first and first["fiche_de_poste"]["salaire_brut_mensuel"] == 1980


def test_a_changed_file_is_read_again(example) -> None:
    project = example("chrs-grenoble")
    fiche = step_named("fiche_de_poste")
    assert Project(project).answers(fiche)["salaire_brut_mensuel"] == 1980
    path = project / "fiche-de-poste.yaml"
    stat = path.stat()
    path.write_text(path.read_text("utf-8").replace("1980", "2010"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time: the size tells
    assert Project(project).answers(fiche)["salaire_brut_mensuel"] == 2010


def test_a_file_broken_after_it_was_cached_gets_its_line(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("statut", project).exit_code == 0
    path = project / "plan.yaml"
    path.write_text(path.read_text("utf-8") + "date_prise_poste: le mois prochain\n", "utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1
    assert "plan.yaml" in result.output and "ligne" in result.output


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(cli, example, monkeypatch) -> None:
    project = example("chrs-grenoble")

    def refuse(path: object, text: str) -> None:
        raise PermissionError(13, "lecture seule", str(path))

    monkeypatch.setattr("pairkit.files.atomic.atomic_write_text", refuse)
    result = cli("statut", project)
    assert result.exit_code == 0, result.output
    assert not list((readcache.cache_dir() / "projets").glob("*.json"))
