"""Project folders written by pairkit 0.1 keep loading and rendering, unchanged.

`tests/fixtures/v1/` holds the two examples as pairkit 0.1 shipped them, and a project that
pairkit 0.1 wrote itself (`new-project --reponses`, then `plan --bilan m3`), with a comment and
a moved meeting added by hand as the README invites. These files are never edited: a schema
change comes with a migration that this test proves on them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, docx_text

FIXTURES = ROOT / "tests" / "fixtures" / "v1"
PROJECTS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def _copy(name: str, workdir: Path) -> Path:
    target = workdir / name
    shutil.copytree(FIXTURES / name, target)
    return target


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.yaml")}


@pytest.mark.parametrize("name", PROJECTS)
def test_a_version_1_project_verifies_and_renders_unchanged(cli, workdir, name) -> None:
    project = _copy(name, workdir)
    before = _snapshot(project)
    check = cli("verifier", project)
    assert check.exit_code == 0, check.output
    assert "aucun problème" in check.output
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    assert len(list((project / "documents").glob("*.docx"))) == 7
    assert cli("statut", project).exit_code == 0
    assert _snapshot(project) == before


def test_a_version_1_review_and_hand_moved_meeting_still_show(cli, workdir) -> None:
    project = _copy("chrs-suivi-bilans", workdir)
    assert cli("documents", project).exit_code == 0
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "Alléger une maraude du soir par semaine" in plan
    assert "14 septembre 2026" in plan
    assert "fait le 6 juillet 2026" in plan


def test_a_version_1_folder_can_seed_a_new_project(cli, workdir) -> None:
    result = cli("new-project", "copie", "--reponses", FIXTURES / "chrs-suivi-bilans")
    assert result.exit_code == 0, result.output
    assert cli("verifier", workdir / "copie").exit_code == 0
