"""Every command without a terminal: --reponses, missing answers, statut, verifier."""

from __future__ import annotations

import os
import shutil

import pytest
from ruamel.yaml import YAML

from tests.conftest import EXAMPLES, docx_text

STEP_COMMANDS = [
    ("diagnostic", "diagnostic.yaml", "02-rapport-de-preparation.docx"),
    ("motivations", "motivations.yaml", "03-synthese-motivations-craintes.docx"),
    ("fiche-de-poste", "fiche-de-poste.yaml", "04-fiche-de-poste.docx"),
    ("info-coll", "info-coll.yaml", "05-information-collective.docx"),
    ("entretiens", "entretiens.yaml", "06-guide-entretiens.docx"),
    ("plan", "plan.yaml", "07-plan-six-mois.docx"),
]


def test_version_and_help(cli) -> None:
    from importlib.metadata import version

    from pairkit import __version__

    assert cli("--version").output.strip() == f"pairkit {__version__}"
    assert version("pairkit") == __version__  # the installed metadata says the same: one version
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("new-project", "etat-des-lieux", "motivations", "fiche-de-poste", "info-coll",
                    "entretiens", "plan", "documents", "statut", "verifier"):
        assert command in result.output


def test_new_project_from_an_example_folder(cli, workdir) -> None:
    result = cli("new-project", "nouveau", "--reponses", EXAMPLES / "caarud-lyon")
    assert result.exit_code == 0, result.output
    project = workdir / "nouveau"
    assert len(list((project / "documents").glob("*.docx"))) == 7
    assert "CAARUD L'Escale" in docx_text(project / "documents" / "01-note-d-intention.docx")


def test_new_project_without_folder_names_it_after_the_structure(cli, workdir) -> None:
    result = cli("new-project", "--reponses", EXAMPLES / "caarud-lyon")
    assert result.exit_code == 0, result.output
    assert (workdir / "caarud-l-escale" / "structure.yaml").is_file()


@pytest.mark.parametrize(("command", "filename", "document"), STEP_COMMANDS)
def test_each_step_command_with_answers_file(cli, workdir, command, filename, document) -> None:
    project = workdir / "p"
    project.mkdir()
    shutil.copy(EXAMPLES / "chrs-grenoble" / "structure.yaml", project)
    result = cli(command, project, "--reponses", EXAMPLES / "chrs-grenoble" / filename)
    assert result.exit_code == 0, result.output
    assert (project / filename).is_file()
    assert (project / "documents" / document).is_file()
    assert "CHRS Les Tilleuls" in docx_text(project / "documents" / document)


def test_missing_answers_without_terminal_names_fields_and_option(cli, workdir) -> None:
    project = workdir / "p"
    project.mkdir()
    shutil.copy(EXAMPLES / "chrs-grenoble" / "structure.yaml", project)
    answers = workdir / "partiel.yaml"
    answers.write_text("intitule: Médiateur·rice pair·e\n", encoding="utf-8")
    result = cli("fiche-de-poste", project, "--reponses", answers)
    assert result.exit_code == 2
    assert "mission_generale" in result.output and "--reponses" in result.output
    # A question that may stay « pas encore décidé » is not a missing answer.
    assert "rattachement" not in result.output
    assert not (project / "fiche-de-poste.yaml").exists()  # nothing written


def test_step_needs_the_cadrage_first(cli, workdir) -> None:
    (workdir / "vide").mkdir()
    result = cli("plan", workdir / "vide", "--reponses", EXAMPLES / "chrs-grenoble" / "plan.yaml")
    assert result.exit_code == 1
    assert "pairkit new-project" in result.output
    assert "Traceback" not in result.output


def test_statut_shows_done_and_next_step(cli, workdir) -> None:
    project = workdir / "p"
    project.mkdir()
    for name in ("structure.yaml", "diagnostic.yaml"):
        shutil.copy(EXAMPLES / "chrs-grenoble" / name, project)
    result = cli("statut", project)
    assert result.exit_code == 0, result.output
    assert "faite" in result.output and "à faire" in result.output
    assert "CHRS Les Tilleuls — dossier" in result.output
    assert "Prochaine étape : Motivations et craintes" in result.output
    assert "pairkit motivations" in result.output
    assert "Points de vigilance : 2" in result.output


def test_missing_project_folder(cli, workdir) -> None:
    for command in ("statut", "verifier", "documents", "diagnostic"):
        result = cli(command, workdir / "absent")
        assert result.exit_code == 1, command
        assert "n'existe pas" in result.output


def test_rewriting_keeps_hand_comments_and_text_values(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "info-coll.yaml"
    original = path.read_text("utf-8")
    path.write_text(original.replace("inscription: Auprès", "# ajouté à la main\ninscription: Auprès")
                    .replace("heure: '14:00'", "heure: 12:30") + "\n", encoding="utf-8")
    answers = project.parent / "r.yaml"
    answers.write_text("membre_equipe: Inès T., monitrice éducatrice\n", encoding="utf-8")
    result = cli("info-coll", project, "--reponses", answers)
    assert result.exit_code == 0, result.output
    text = path.read_text("utf-8")
    assert "# ajouté à la main" in text
    assert "# pairkit — Information collective (exemple fictif)" in text
    data = YAML(typ="safe").load(text)
    assert data["heure"] == "12:30"  # stays text, not a number of minutes
    assert data["membre_equipe"] == "Inès T., monitrice éducatrice"


def test_values_that_look_like_other_types_stay_text(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "fiche-de-poste.yaml"
    path.write_text(path.read_text("utf-8").replace("reference: CHRS-TP-2026", "reference: 0612")
                    .replace("coefficient: Moniteur·rice éducateur·rice, coefficient 411",
                             "coefficient: NO"), encoding="utf-8")
    assert cli("documents", project).exit_code == 0
    fiche = docx_text(project / "documents" / "04-fiche-de-poste.docx")
    assert "Référence : 0612" in fiche
    assert "Coefficient, grille\nNO" in fiche


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX notion")
def test_project_files_are_readable_by_their_owner_only(cli, workdir) -> None:
    result = cli("new-project", "p", "--reponses", EXAMPLES / "chrs-grenoble")
    assert result.exit_code == 0, result.output
    for path in (workdir / "p").glob("*.yaml"):
        assert path.stat().st_mode & 0o077 == 0, path


def test_documents_for_every_project_under_a_folder(cli, workdir) -> None:
    root = workdir / "projets"
    for index, name in enumerate(["chrs-grenoble", "caarud-lyon", "chrs-grenoble"]):
        shutil.copytree(EXAMPLES / name, root / f"p{index}", ignore=shutil.ignore_patterns("documents"))
    (root / "p2" / "plan.yaml").write_text("version_schema: 1\ndate_prise_poste: demain\n",
                                           encoding="utf-8")
    result = cli("documents", "--tous", root)
    assert result.exit_code == 1  # one project is broken…
    assert "p2" in result.output and "date_prise_poste" in result.output
    assert "18 fichier(s) écrit(s) pour 2 projet(s)" in result.output  # …the others are done
    assert len(list((root / "p0" / "documents").glob("*.docx"))) == 7
    assert not (root / "p2" / "documents").exists()
    from docx import Document

    edited = root / "p1" / "documents" / "01-note-d-intention.docx"
    doc = Document(str(edited))
    doc.add_paragraph("Retouche")
    doc.save(str(edited))
    again = cli("documents", "--tous", root)
    assert "modifié à la main conservé sous « 01-note-d-intention (modifié le" in again.output


def test_batch_in_two_processes_gives_the_same_documents(workdir, monkeypatch) -> None:
    from pairkit import workflow

    root = workdir / "projets"
    for index in range(3):
        shutil.copytree(EXAMPLES / "caarud-lyon", root / f"p{index}",
                        ignore=shutil.ignore_patterns("documents"))
    monkeypatch.setattr(workflow, "PARALLEL_FROM", 1)  # force the two-process path
    items = workflow.documents_many(root, workers=2)
    assert [item.written for item in items] == [9, 9, 9]
    assert all(item.error is None for item in items)


def test_windows_line_endings_and_bom_are_read(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "structure.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("verifier", project)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", [["new-project"], ["diagnostic"], ["motivations"], ["fiche-de-poste"],
                                     ["info-coll"], ["entretiens"], ["plan"], ["documents"], ["statut"],
                                     ["verifier"], ["suivi"], ["dossier"], ["aide"],
                                     ["modeles", "exporter"], ["modeles", "verifier"]])
def test_every_command_has_french_help_with_an_example(cli, command) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Exemple" in result.output
    assert "Affiche cette aide et quitte." in result.output
    assert "Show this message" not in result.output


def test_a_second_structure_with_the_same_name_gets_its_own_folder(cli, workdir) -> None:
    first = cli("new-project", "--reponses", EXAMPLES / "caarud-lyon")
    assert first.exit_code == 0, first.output
    again = cli("new-project", "--reponses", EXAMPLES / "caarud-lyon")  # same structure: resumes
    assert again.exit_code == 0 and not (workdir / "caarud-l-escale-2").exists()
    other = workdir / "autre"
    shutil.copytree(EXAMPLES / "caarud-lyon", other, ignore=shutil.ignore_patterns("documents"))
    text = (other / "structure.yaml").read_text("utf-8").replace("nom: CAARUD L'Escale", "nom: CAARUD l'Escale")
    (other / "structure.yaml").write_text(text, encoding="utf-8")
    assert cli("new-project", "--reponses", other).exit_code == 0
    assert (workdir / "caarud-l-escale-2" / "structure.yaml").is_file()


def test_the_readiness_step_has_no_medical_name_and_its_old_command_still_works(cli, example) -> None:
    """Peers reject « diagnostic », a medical word: the step is « État des lieux avant
    l'embauche »; `pairkit diagnostic` and diagnostic.yaml stay for existing projects."""
    project = example("chrs-grenoble")
    listed = cli("--help").output
    assert "etat-des-lieux" in listed and "diagnostic " not in listed
    for command in ("etat-des-lieux", "diagnostic"):
        result = cli(command, project, "--reponses", project / "diagnostic.yaml")
        assert result.exit_code == 0, result.output
        assert "État des lieux avant l'embauche" in result.output
    assert cli("modifier", project, "etat-des-lieux", "--help").exit_code == 0
    assert cli("documents", project).exit_code == 0
    for path in (project / "documents").glob("*.docx"):
        assert "Diagnostic de préparation" not in docx_text(path), path.name
    assert "État des lieux avant l'embauche" in docx_text(
        project / "documents" / "02-rapport-de-preparation.docx")


def test_a_file_given_as_a_project_is_named_as_a_file(cli, workdir) -> None:
    """Regression: « statut unfichier » said the folder « n'existe pas »."""
    (workdir / "notes.txt").write_text("x", encoding="utf-8")
    result = cli("statut", workdir / "notes.txt")
    assert result.exit_code != 0
    assert "est un fichier, pas un dossier de projet" in result.output and "n'existe pas" not in result.output


def test_suivi_says_none_match_when_projects_exist_elsewhere(cli, workdir) -> None:
    """Regression: « suivi . --departement 4 » said « Aucun projet sous « . » »."""
    shutil.copytree(EXAMPLES / "chrs-grenoble", workdir / "p", ignore=shutil.ignore_patterns("documents"))
    result = cli("suivi", workdir, "--departement", "4")
    said = " ".join(result.output.split())
    assert result.exit_code == 0 and "Aucun des 1 projets" not in said
    assert "Le seul projet sous" in said and "ne correspond pas (département 4)" in said
    shown = cli("suivi", workdir, "--departement", "38")
    assert "CHRS Les Tilleuls" in shown.output
