"""`pairkit statut` shows what the files say, kept until one of its sources changes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pairkit import overview as overview_module
from pairkit.overview import computed, overview
from tests.conftest import EXAMPLES, edit

DAY = dt.date(2026, 7, 1)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record each time the overview is made from the files rather than taken from its copy."""
    made: list[Path] = []

    def counted(root: Path) -> object:
        made.append(root)
        return computed(root)

    monkeypatch.setattr(overview_module, "computed", counted)
    return made


def test_a_kept_overview_is_the_one_the_files_give(example, monkeypatch) -> None:
    project = example("chrs-grenoble")
    made = _counting(monkeypatch)
    first = overview(project, DAY)
    again = overview(project, DAY)
    assert made == [project]
    assert again == first == computed(project)
    assert first.structure == "CHRS Les Tilleuls"
    assert [line.state for line in first.steps][:3] == ["faite", "faite", "faite"]
    assert first.points and first.next_command is None


def test_the_overview_follows_each_of_its_sources(example, monkeypatch, cli) -> None:
    project = example("chrs-grenoble")
    made = _counting(monkeypatch)
    assert overview(project, DAY).steps[3].missing == 0
    # An answer removed from a step's file.
    edit(project, "fiche-de-poste.yaml", {"intitule": None})
    fiche = overview(project, DAY).steps[3]
    assert (fiche.label, fiche.state, fiche.missing) == ("Fiche de poste", "en cours", 1)
    # A document written.
    assert not overview(project, DAY).steps[3].document
    (project / "documents").mkdir(exist_ok=True)
    (project / "documents" / "04-fiche-de-poste.docx").write_bytes(b"")
    assert overview(project, DAY).steps[3].document
    # The day.
    count = len(made)
    overview(project, DAY + dt.timedelta(days=1))
    assert len(made) == count + 1
    assert overview(project, DAY).steps[3].label == "Fiche de poste"
    # The method: the platform renames a step in its own copy.
    from pairkit.resources import user_method_dir

    folder = user_method_dir()
    folder.mkdir(parents=True)
    source = EXAMPLES.parent / "checklists" / "fiche-de-poste.yaml"
    text = source.read_text("utf-8")
    assert "libelle: Fiche de poste" in text
    (folder / source.name).write_text(text.replace("libelle: Fiche de poste", "libelle: Le poste"),
                                      "utf-8")
    assert overview(project, DAY).steps[3].label == "Le poste"
    # The folder as it was typed: the messages name it.
    relative = Path(os.path.relpath(project))
    assert overview(relative, DAY).root == str(relative)
    # pairkit's version.
    count = len(made)
    monkeypatch.setattr("pairkit.files.cache.__version__", "0.0.0-autre")
    overview(project, DAY)
    assert len(made) == count + 1


def test_a_further_recruitment_follows_its_structure(example, cli) -> None:
    project = example("caarud-lyon")
    result = cli("nouveau-recrutement", project, "--intitule", "second poste")
    assert result.exit_code == 0, result.output
    second = next(p for p in project.iterdir() if (p / "recrutement.yaml").is_file())
    assert overview(second, DAY).structure == "CAARUD L'Escale"
    structure = project / "structure.yaml"
    structure.write_text(structure.read_text("utf-8").replace("CAARUD L'Escale", "CAARUD Le Phare"),
                         "utf-8")
    assert overview(second, DAY).structure == "CAARUD Le Phare"


def test_a_damaged_copy_is_made_again(example, monkeypatch) -> None:
    from pairkit.resources import cache_dir

    project = example("chrs-grenoble")
    first = overview(project, DAY)
    copies = list((cache_dir() / "statut").glob("*.json"))
    assert len(copies) == 1
    for damage in ("{", json.dumps({"key": json.loads(copies[0].read_text("utf-8"))["key"],
                                    "value": {"root": "x"}})):
        copies[0].write_text(damage, "utf-8")
        made = _counting(monkeypatch)
        assert overview(project, DAY) == first
        assert made == [project]


def test_a_broken_file_is_shown_then_its_repair(example) -> None:
    project = example("chrs-grenoble")
    good = overview(project, DAY)
    path = project / "motivations.yaml"
    text = path.read_text("utf-8")
    path.write_text(text + "\nmotif: [\n", "utf-8")
    broken = overview(project, DAY)
    assert broken.steps[2].state == "invalide"
    assert any("motivations.yaml" in problem for problem in broken.problems)
    path.write_text(text, "utf-8")
    assert overview(project, DAY) == good


def test_purged_notes_leave_no_kept_overview(example, cli) -> None:
    """The overview can quote an answer (a point de vigilance does): purging a project's notes
    forgets what was kept from it."""
    from pairkit.files import cache
    from pairkit.resources import cache_dir

    project = example("chrs-grenoble")
    overview(project, DAY)
    assert list((cache_dir() / "statut").glob("*.json"))
    cache.forget(project)
    assert not list((cache_dir() / "statut").glob("*.json"))


def test_the_statut_command_into_a_pipe_says_the_same_as_on_a_terminal(example, cli) -> None:
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", {"intitule": None})
    result = cli("statut", project)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"CHRS Les Tilleuls — dossier « {project} »"
    assert lines[1].split() == ["Étape", "État", "Commande", "Document"]
    assert "Fiche de poste" in lines[5] and "en cours (1 réponse(s) manquante(s))" in lines[5]
    assert lines[5].rstrip().endswith("pairkit fiche-de-poste  —")
    assert "Prochaine étape : Fiche de poste — pairkit fiche-de-poste" in result.output


PROBE = """
import sys
import typer
import rich.console
# What typer and rich's console load themselves (rich 13.8's console imports its tables) is
# not pairkit's to spare.
before = set(sys.modules)
from pairkit.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print('LOADED:' + ','.join(sorted(m for m in ('pydantic', 'rich.table', 'typer._adapters',
                                               'pairkit.method.step')
                                  if m in sys.modules and m not in before)))
"""


def test_a_project_looked_at_again_is_shown_without_the_method(example) -> None:
    """The second `statut` reads the kept words: neither the method, nor pydantic (which typer
    0.29 would import to read the folder's name), nor rich's tables, are loaded."""
    project = example("chrs-grenoble")
    runs = [subprocess.run([sys.executable, "-c", PROBE, "statut", str(project)],
                           capture_output=True, text=True, check=True) for _ in range(2)]
    assert runs[0].stdout.strip().splitlines()[-1] != "LOADED:"
    assert runs[1].stdout.strip().splitlines()[-1] == "LOADED:", runs[1].stdout
    assert runs[0].stdout.splitlines()[:-1] == runs[1].stdout.splitlines()[:-1]
