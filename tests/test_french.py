"""Every word a user sees is French: help, usage, the parser's errors, with suggestions."""

from __future__ import annotations

import pytest

from pairkit.cli import app

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
