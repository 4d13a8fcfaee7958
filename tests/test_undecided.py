"""« Pas encore décidé » is an answer (issue 25): offered by the prompt, printed nowhere, one
« à décider » point for the step — never a « non » that writes something false."""

from __future__ import annotations

from pathlib import Path

import pytest

from pairkit.files.project import Project
from pairkit.method.registry import project_vigilance
from pairkit.questions.model import Question
from tests.conftest import docx_text, edit

DOWN, ENTER = "\x1b[B", "\r"


def _question(**data: object) -> Question:
    return Question.model_validate({"nom": "reunions", "type": "oui_non",
                                    "question": "Participe aux réunions d'équipe ?", **data})


def test_a_yes_no_question_offers_not_yet_decided_and_leaves_the_answer_out(pipe) -> None:
    from pairkit.interview import prompts

    question = _question(obligatoire=False, a_decider=True)
    pipe.send_text(DOWN + DOWN + ENTER)  # Oui (proposed) → Non → Pas encore décidé
    assert prompts.ask(question, True) is None
    pipe.send_text(ENTER)  # nothing proposed: « pas encore décidé » comes first, never « non »
    assert prompts.ask(question, None) is None
    pipe.send_text(ENTER)
    assert prompts.ask(question, True) is True


def test_a_question_that_may_stay_open_cannot_be_required() -> None:
    with pytest.raises(ValueError, match="obligatoire: false"):
        _question(a_decider=True)


def test_a_choice_left_open_is_said_so(pipe, monkeypatch) -> None:
    from pairkit.interview import prompts

    question = Question.model_validate({"nom": "contrat", "type": "choix", "question": "Type de contrat",
                                        "choix": ["CDI", "CDD"], "obligatoire": False, "a_decider": True})
    seen: list[list[str]] = []
    real = prompts._ASKER.select

    def spy(message, choices, default=None):  # type: ignore[no-untyped-def]
        seen.append([title for title, _ in choices])
        return real(message, choices, default)

    monkeypatch.setattr(prompts._ASKER, "select", spy)
    pipe.send_text(ENTER)
    assert prompts.ask(question, None) is None
    assert seen[0][0] == "Pas encore décidé"


def _open(project: Path) -> list[str]:
    return [v.reason for v in project_vigilance(Project(project)) if v.code == "a-decider"]


def test_a_fiche_not_yet_decided_renders_and_raises_one_point(cli, example) -> None:
    project = example("chrs-grenoble")
    assert not _open(project)
    edit(project, "fiche-de-poste.yaml", {"reunions": None, "contrat": None, "remuneration_forme": None,
                                          "salaire_brut_mensuel": None, "rattachement": None})
    found = _open(project)
    assert len(found) == 1
    for words in ("« Participe aux réunions d'équipe et aux synthèses »", "« Type de contrat »",
                  "« Responsable hiérarchique (N+1), fonction »"):
        assert words in found[0], found[0]
    codes = {v.code for v in project_vigilance(Project(project))}
    assert "fiche-reunions" not in codes  # no false alarm: « not decided » is not « no »
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    fiche = docx_text(project / "documents" / "04-fiche-de-poste.docx")
    assert "Participe aux réunions" not in fiche and "CDI" not in fiche
    assert "Pas encore décidé" not in fiche  # a public document prints nothing of it
    report = docx_text(project / "documents" / "02-rapport-de-preparation.docx")
    assert "Pas encore décidé (fiche de poste)" in report  # the internal report lists it
    status = " ".join(cli("statut", project).output.split())
    assert "Pas encore décidé (fiche de poste)" in status and "faite" in status


def test_modifier_without_a_name_filters_the_answers_as_one_types(cli, pipe, example) -> None:
    """Issue « A full run in 90 questions »: the list of a step's answers is filtered by typing,
    each shown with its current answer; the one ticked is asked, nothing else."""
    from ruamel.yaml import YAML

    project = example("chrs-grenoble")
    pipe.send_text("euros" + " " + ENTER)  # filter (« Salaire brut mensuel (en euros) »), tick, confirm
    pipe.send_text("\x15" + "2010" + ENTER)  # the new monthly pay
    result = cli("modifier", project, "fiche-de-poste")
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((project / "fiche-de-poste.yaml").read_text("utf-8"))
    assert data["salaire_brut_mensuel"] == 2010
    assert data["reunions"] == "oui" and data["contrat"] == "CDI"  # the rest untouched
