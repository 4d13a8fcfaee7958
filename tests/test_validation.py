"""Bad project files: a French message naming file, line and field; nothing modified."""

from __future__ import annotations

from pathlib import Path

import pytest

CASES = [
    ("tabulation", "version_schema: 1\nnom: CHRS\n\tville: Grenoble\n", "ligne 3", "tabulation"),
    # Regression: libyaml takes a tab after a value, which ruamel refuses with its line.
    ("tab after a value", "version_schema: 1\nnom: CHRS\t\n", "ligne 2", "tabulation"),
    ("duplicate", "version_schema: 1\nnom: A\nville: X\nnom: B\n", "ligne 4", "clé en double"),
    ("quote", "version_schema: 1\nnom: 'CHRS\nville: X\n", "ligne 2", "guillemets non fermés"),
    ("unknown key", "version_schema: 1\nnom: A\nvile: Grenoble\n", "ligne 3, champ « vile »",
     "champ inconnu"),
    ("wrong type", "version_schema: 1\nnom: A\nbesoins: accroche\n", "champ « besoins »",
     "une liste"),
    ("bad bool", "version_schema: 1\nnom: A\npairs_deja_presents: peut-être\n",
     "ligne 3, champ « pairs_deja_presents »", "oui ou non"),
    ("impossible date", "version_schema: 1\nnom: A\ndate_debut: 2026-02-30\n",
     "ligne 3, champ « date_debut »", "date invalide"),
    # The sector now takes the structure's own words beside the list (« autre »); a closed list
    # still refuses what it does not hold.
    ("bad choice", "version_schema: 1\nnom: A\nbesoins: [cuisine]\n", "champ « besoins »",
     "choix inconnu"),
    ("no version", "nom: A\n", "champ « version_schema »", "version de schéma absente"),
    ("future version", "version_schema: 9\nnom: A\n", "ligne 1, champ « version_schema »",
     "inconnue"),
    ("not a mapping", "- a\n- b\n", "structure.yaml", "clé: valeur"),
]


@pytest.mark.parametrize(("label", "content", "where", "what"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["verifier", "documents", "statut", "diagnostic"])
def test_bad_structure_file(cli, workdir: Path, label, content, where, what, command) -> None:
    project = workdir / "p"
    project.mkdir()
    path = project / "structure.yaml"
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    result = cli(command, project)
    output = result.output
    assert "Traceback" not in output
    if command == "statut":
        # statut still shows the table, with the step marked invalid and the problem.
        assert result.exit_code == 0, output
        assert "invalide" in output
    else:
        assert result.exit_code != 0
    assert where in output, output
    assert what in output, output
    assert path.read_bytes() == before
    assert not (project / "documents").exists()


def test_diagnostic_unknown_answer_key(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "diagnostic.yaml"
    path.write_text(path.read_text("utf-8").replace("  tuteur: oui", "  tuteur_nom: oui"),
                    encoding="utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1
    assert "diagnostic.yaml, ligne 11, champ « reponses.tuteur_nom »" in result.output


def test_verifier_reports_every_problem_at_once(cli, example) -> None:
    project = example("chrs-grenoble")
    (project / "plan.yaml").write_text("version_schema: 1\ndate_prise_poste: demain\n"
                                       "dates_ajustees: {m7: 2026-01-01}\n", encoding="utf-8")
    (project / "entretiens.yaml").write_text("version_schema: 1\nduree: longue\n", encoding="utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1
    assert "plan.yaml, ligne 2, champ « date_prise_poste »" in result.output
    assert "jalon(s) inconnu(s) : m7" in result.output
    assert "entretiens.yaml, ligne 2, champ « duree »" in result.output


def test_empty_and_binary_files(cli, workdir) -> None:
    project = workdir / "p"
    project.mkdir()
    (project / "structure.yaml").write_text("", encoding="utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1 and "version de schéma absente" in result.output
    (project / "structure.yaml").write_bytes(b"\x00\x01\x02PK")
    result = cli("verifier", project)
    assert result.exit_code == 1 and "n'est pas un fichier texte" in result.output


@pytest.mark.simulated_bug
def test_unexpected_errors_are_reported_in_french_without_traceback(cli, example, monkeypatch) -> None:
    project = example("chrs-grenoble")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr("pairkit.workflow.documents", boom)
    result = cli("documents", project)
    assert result.exit_code == 70
    assert "Erreur inattendue" in result.output and "PAIRKIT_DEBUG" in result.output
    assert "Traceback" not in result.output


def test_a_closed_choice_refuses_a_value_it_does_not_hold(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "diagnostic.yaml"
    path.write_text(path.read_text("utf-8").replace("decision: prete", "decision: bientot"),
                    encoding="utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1
    assert "champ « decision »" in result.output and "n'est pas un choix possible" in result.output
