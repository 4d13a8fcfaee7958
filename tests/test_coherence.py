"""A project never contradicts itself (issue « The law as it stands… », coherence): each point
quotes both answers it puts side by side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pairkit.files.project import Project
from pairkit.method.registry import project_vigilance
from tests.conftest import docx_text, edit


def _points(project: Path, code: str) -> list[str]:
    return [" ".join(v.reason.split()) for v in project_vigilance(Project(project)) if v.code == code]


def _history(project: Path, *changes: tuple[str, str]) -> None:
    edit(project, "recrutement.yaml", {"historique": [
        {"etat": state, "date": dt.date.fromisoformat(day)} for state, day in changes]})


def test_a_synthesis_says_every_fear_has_a_decision_only_when_it_is_so(cli, example) -> None:
    project = example("chrs-grenoble")
    found = _points(project, "craintes-sans-decision")
    # The example leaves two catalogue fears without the team's answer.
    assert found and "« La fragilité supposée du ou de la pair·e, la peur d'une rechute »" in found[0]
    assert "« La confidentialité des informations sur les personnes accompagnées »" in found[0]
    assert "remplacement" not in found[0].lower()
    assert cli("documents", project).exit_code == 0
    text = docx_text(project / "documents" / "03-synthese-motivations-craintes.docx")
    assert "Pour chacune figurent ce que l'équipe a décidé" not in text
    assert "et ce que l'équipe a décidé quand elle l'a fait" in text
    assert "L'équipe n'a pas encore décidé de réponse." in text

    edit(project, "motivations.yaml", {"craintes": ["remplacement", "ancien-usager"]})
    assert not _points(project, "craintes-sans-decision")
    assert cli("documents", project).exit_code == 0
    text = docx_text(project / "documents" / "03-synthese-motivations-craintes.docx")
    assert "Pour chacune figurent ce que l'équipe a décidé" in text
    assert "pas encore décidé" not in text


@pytest.mark.parametrize(("changes", "code", "quoted"), [
    ((("en-preparation", "2026-01-12"), ("en-poste", "2026-05-04"), ("recrutement-en-cours", "2026-06-01")),
     "etats-dans-le-desordre", ["« En poste » le 4 mai 2026, puis « Recrutement en cours » le 1er juin 2026"]),
    ((("en-preparation", "2026-01-12"), ("clos", "2026-03-01"), ("en-poste", "2026-05-04")),
     "etats-dans-le-desordre", ["« Clos » le 1er mars 2026, puis « En poste » le 4 mai 2026"]),
    ((("en-preparation", "2026-01-12"), ("clos", "2026-03-01")),
     "clos-avant-prise-de-poste", ["« Clos » depuis le 1er mars 2026", "le 4 mai 2026"]),
    ((("en-pause", "2026-01-05"), ("en-preparation", "2026-01-12")),
     "pause-avant-accompagnement", ["en pause le 5 janvier 2026"]),
])
def test_recruitment_states_out_of_order(example, changes, code, quoted) -> None:
    project = example("chrs-grenoble")
    _history(project, *changes)
    found = _points(project, code)
    assert found, code
    for words in quoted:
        assert words in found[0], (words, found[0])


def test_states_in_order_raise_nothing(example) -> None:
    project = example("chrs-grenoble")
    _history(project, ("en-preparation", "2026-01-12"), ("recrutement-en-cours", "2026-03-02"),
             ("en-pause", "2026-03-20"), ("recrutement-en-cours", "2026-04-01"),
             ("en-poste", "2026-05-04"), ("clos", "2027-06-01"))
    codes = {v.code for v in project_vigilance(Project(project))}
    assert not codes & {"etats-dans-le-desordre", "clos-avant-prise-de-poste", "pause-avant-accompagnement"}


def test_in_post_while_the_etat_des_lieux_still_says_not_yet(example) -> None:
    project = example("chrs-grenoble")
    assert not _points(project, "en-poste-sans-feu-vert")
    edit(project, "diagnostic.yaml", {"decision": "pas-encore"})
    # « not yet » alone, without a blocking point still open, is the structure's caution.
    assert not _points(project, "en-poste-sans-feu-vert")
    edit(project, "diagnostic.yaml", {"reponses.reunions": "non"})
    found = _points(project, "en-poste-sans-feu-vert")
    assert found and "« En poste » depuis le 4 mai 2026" in found[0]


@pytest.mark.parametrize(("fiche", "code", "quoted"), [
    ({"date_publication": dt.date(2026, 3, 10), "date_limite": dt.date(2026, 3, 5)},
     "date-limite-avant-publication", ["le 5 mars 2026", "le 10 mars 2026"]),
    ({"date_limite": dt.date(2026, 3, 27)}, "date-limite-avant-info-coll",
     ["le 27 mars 2026", "du 1er avril 2026"]),
    ({"date_publication": dt.date(2026, 4, 2)}, "info-coll-avant-publication",
     ["(le 1er avril 2026)", "(le 2 avril 2026)"]),
    ({"date_prise_poste": dt.date(2026, 3, 30)}, "info-coll-apres-prise-de-poste",
     ["(le 1er avril 2026)", "(le 30 mars 2026)"]),
])
def test_the_posting_s_dates_against_the_information_collective(example, fiche, code, quoted) -> None:
    project = example("chrs-grenoble")
    assert not _points(project, code)
    edit(project, "fiche-de-poste.yaml", fiche)
    found = _points(project, code)
    assert found, code
    for words in quoted:
        assert words in found[0], (words, found[0])


def test_no_example_contradicts_itself_on_its_dates(example) -> None:
    codes = {"date-limite-avant-publication", "date-limite-avant-info-coll", "info-coll-avant-publication",
             "info-coll-apres-prise-de-poste", "entretiens-avant-info-coll", "etats-dans-le-desordre",
             "clos-avant-prise-de-poste", "pause-avant-accompagnement", "en-poste-sans-feu-vert",
             "rendez-vous-apres-fin-cdd"}
    for name in ("chrs-grenoble", "caarud-lyon", "pension-vienne", "samsah-clermont"):
        raised = {v.code for v in project_vigilance(Project(example(name)))} & codes
        assert not raised, (name, raised)
