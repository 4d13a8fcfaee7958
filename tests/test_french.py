"""Every word a user sees is French: help, usage, the parser's errors, with suggestions."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pairkit.cli import app
from tests.conftest import EXAMPLES, ROOT

ENGLISH = ("Usage:", "Commands:", "[required]", "Show this message", "Install completion",
           "Show completion", "Error:", "Missing argument", "No such command", "No such option",
           "Try '", "Did you mean", "<path>", "<str>", "<int>", "default:", "COMMAND [ARGS]", "for help")


def _commands() -> list[list[str]]:
    import typer

    group = typer.main.get_command(app)
    found: list[list[str]] = [[]]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        found.append([name])
        for sub in getattr(command, "commands", {}):
            found.append([name, sub])
    return found


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "pairkit")
def test_help_is_french(cli, command) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Utilisation :" in result.output
    for word in ENGLISH:
        assert word not in result.output, (command, word)


@pytest.mark.parametrize(("args", "expected"), [
    (["fiche"], ["commande inconnue", "Vouliez-vous dire « fiche-de-poste » ?"]),
    (["diagnostik"], ["commande inconnue", "Vouliez-vous dire « diagnostic » ?"]),
    (["statu", "x"], ["commande inconnue : « statu »", "Vouliez-vous dire « statut » ?"]),
    (["plan"], ["il manque l'argument DOSSIER", "pairkit plan --help"]),
    (["statut", "--nope", "x"], ["option inconnue : --nope"]),
    (["modeles", "exporte"], ["Vouliez-vous dire « exporter » ?"]),
    (["statut", "a", "b"], ["argument en trop"]),
])
def test_parser_errors_are_french_with_a_suggestion(cli, args, expected) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result.output
    for piece in expected:
        assert piece.lower() in result.output.lower(), (piece, result.output)
    for word in ENGLISH:
        assert word not in result.output, (args, word)


def test_the_french_alias_of_new_project(cli, workdir) -> None:
    from tests.conftest import EXAMPLES

    result = cli("nouveau-projet", "essai", "--reponses", EXAMPLES / "chrs-grenoble")
    assert result.exit_code == 0, result.output
    assert (workdir / "essai" / "structure.yaml").is_file()


@pytest.mark.parametrize("command", [[], ["modeles"], ["methode"]], ids=lambda c: " ".join(c) or "pairkit")
def test_a_command_alone_shows_its_help_once_and_no_error(cli, command) -> None:
    result = cli(*command)
    assert result.exit_code == 0, result.output
    assert result.output.count("Utilisation :") == 1, result.output
    assert "Erreur" not in result.output
    assert "Commandes:" in result.output


# --- errors that escaped (« Correct before fast », point 7) -------------------------------------

@pytest.mark.parametrize("year", ["99999", "10000", "-5", "1", "0", "1990"])
def test_a_year_that_is_no_report_year_is_refused_in_french(cli, workdir, year) -> None:
    root = workdir / "projets"
    shutil.copytree(EXAMPLES / "chrs-grenoble", root / "chrs-grenoble")
    result = cli("rapport-annuel", root, "--annee", year)
    assert result.exit_code == 2, result.output
    assert "ce n'est pas une année de rapport" in result.output and "--annee" in result.output
    assert not list(root.glob("rapport-activite-*"))


def test_a_year_with_nothing_to_report_writes_nothing_and_says_so(cli, workdir) -> None:
    root = workdir / "projets"
    shutil.copytree(EXAMPLES / "chrs-grenoble", root / "chrs-grenoble")
    result = cli("rapport-annuel", root, "--annee", "2010")
    assert result.exit_code == 1
    assert "Aucun recrutement, aucune activité ni aucun poste recensé en 2010" in result.output
    assert not list(root.glob("rapport-activite-*"))


def test_a_spreadsheet_into_a_missing_folder_is_refused_and_nothing_created(cli, workdir) -> None:
    root = workdir / "projets"
    shutil.copytree(EXAMPLES / "chrs-grenoble", root / "chrs-grenoble")
    result = cli("suivi", root, "--xlsx", workdir / "absent" / "profond" / "suivi.xlsx")
    assert result.exit_code == 1 and "n'existe pas" in result.output and "--xlsx" in result.output
    assert not (workdir / "absent").exists()


def _not_templates(folder: Path) -> None:
    import zipfile

    with zipfile.ZipFile(folder / "fiche-de-poste.docx", "w") as archive:
        archive.writestr("a.txt", "pas un document Word")
    from openpyxl import Workbook

    Workbook().save(folder / "info-coll.docx")
    source = zipfile.ZipFile(ROOT / "templates" / "plan-six-mois.docx")
    with zipfile.ZipFile(folder / "plan-six-mois.docx", "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            archive.writestr(name, data[: len(data) // 2] if name == "word/document.xml" else data)
    (folder / "dossier.docx").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "note-intention.docx")  # would block whoever opens it


def test_template_check_on_files_that_are_not_templates(cli, workdir) -> None:
    folder = workdir / "modeles"
    folder.mkdir()
    _not_templates(folder)
    result = cli("modeles", "verifier", folder)
    assert result.exit_code == 1
    assert result.output.count("n'est pas un document Word (.docx) lisible") == 3
    assert "ce n'est pas un fichier Word" in result.output


def test_a_mistyped_option_is_said_in_french_with_the_close_ones(cli, example) -> None:
    result = cli("documents", example("chrs-grenoble"), "--pfd")
    assert result.exit_code == 2
    assert "option inconnue : --pfd (options proches : --pdf)" in result.output
    assert "No such option" not in result.output and "Possible" not in result.output


@pytest.mark.parametrize("command", [["--version"], ["statut", "x"], ["aide"]])
def test_a_method_folder_that_cannot_be_read_is_said_in_french(tmp_path, command) -> None:
    """Regression: a traceback even for --version. A link looping on itself cannot be listed,
    as a folder without read rights cannot (root reads those, so CI plays it with the loop)."""
    import subprocess
    import sys

    loop = tmp_path / "methode"
    loop.symlink_to(loop)
    env = {**os.environ, "PAIRKIT_METHODE": str(loop), "XDG_CACHE_HOME": str(tmp_path / "c")}
    done = subprocess.run([sys.executable, "-m", "pairkit", *command], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    assert "Traceback" not in said and f"Le dossier de méthode « {loop} » est illisible" in said


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads everything")
def test_a_settings_folder_without_rights_is_said_in_french(tmp_path) -> None:
    import subprocess
    import sys

    settings = tmp_path / "config" / "pairkit"
    (settings / "methode").mkdir(parents=True)
    settings.chmod(0)
    try:
        env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "XDG_CACHE_HOME": str(tmp_path / "c")}
        env.pop("PAIRKIT_METHODE", None)
        done = subprocess.run([sys.executable, "-m", "pairkit", "--version"], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    finally:
        settings.chmod(0o700)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "est illisible" in done.stdout + done.stderr


def test_the_usage_error_pairkit_recognises_is_the_parsers_own() -> None:
    """pairkit finds the parser's usage error through typer's public BadParameter: click's,
    or the copy of click typer 0.29 ships. Fails if typer ever changes that parentage."""
    import typer

    from pairkit.cli import french

    assert french.USAGE_ERROR.__name__ == "UsageError"
    assert issubclass(typer.BadParameter, french.USAGE_ERROR)
    assert french.PARSER_ERROR.__name__ == "ClickException"
