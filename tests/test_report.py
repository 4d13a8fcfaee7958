"""The readiness report says what was answered as statements, and only the actions decided."""

from __future__ import annotations

from docx import Document
from ruamel.yaml import YAML

from pairkit.files.checklists import load_checklist
from tests.conftest import docx_text

ENTER = "\r"
PISTE = "Prévoir une sensibilisation de l'équipe au rétablissement (la plateforme peut l'animer)."


def _vigilance_rows(path) -> list[list[str]]:
    table = next(t for t in Document(str(path)).tables if t.rows[0].cells[1].text == "Constat")
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_the_constat_is_a_statement_not_the_question_and_its_answer(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    rows = _vigilance_rows(project / "documents" / "02-rapport-de-preparation.docx")
    assert rows[0][1] == "Approche orientée rétablissement : affichée mais peu pratiquée."
    assert all("?" not in row[1] and " — " not in row[1] for row in rows)
    # The platform's way to work on the point is there, labelled as its advice.
    assert f"Piste de la plateforme : {PISTE}" in rows[0][2]


def test_every_readiness_alert_has_its_statement() -> None:
    for question in load_checklist("diagnostic")["questions"]:
        if "alerte" in question:
            assert question["alerte"].get("constat"), question["nom"]


def test_next_actions_are_those_decided_and_not_repeated(cli, example) -> None:
    """Regression: the platform's pistes were added after the consultant's own actions."""
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    report = docx_text(project / "documents" / "02-rapport-de-preparation.docx")
    actions = report.split("Prochaines actions", 1)[1].split("Repères pour répondre", 1)[0]
    assert "Temps d'équipe sur le rétablissement animé par la plateforme le 10 mars." in actions
    assert PISTE not in actions


def _without_actions(project) -> None:
    path = project / "diagnostic.yaml"
    yaml = YAML()
    data = yaml.load(path.read_text("utf-8"))
    del data["actions"]
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def test_the_pistes_are_offered_ticked_and_the_consultant_confirms(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    _without_actions(project)
    pipe.send_text(ENTER)  # the proposed piste, ticked: kept
    pipe.send_text("Claire Morel libère un bureau avant fin février" + ENTER)
    result = cli("modifier", project, "diagnostic", "actions")
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((project / "diagnostic.yaml").read_text("utf-8"))
    assert data["actions"] == [PISTE, "Claire Morel libère un bureau avant fin février"]


def test_a_piste_left_unticked_is_not_printed(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    _without_actions(project)
    pipe.send_text(" " + ENTER)  # untick the proposed piste
    pipe.send_text(ENTER)        # nothing of our own
    assert cli("modifier", project, "diagnostic", "actions").exit_code == 0
    data = YAML(typ="safe").load((project / "diagnostic.yaml").read_text("utf-8"))
    assert not data.get("actions")
    report = docx_text(project / "documents" / "02-rapport-de-preparation.docx")
    actions = report.split("Prochaines actions", 1)[1].split("Repères pour répondre", 1)[0]
    assert PISTE not in actions and "Aucune action n'a été décidée." in actions
