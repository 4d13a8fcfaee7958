"""The platform's positions read in every free text (checklists/positions.yaml), judged on the
corpora of benchmarks/corpus/ written after the rules, and through a project's points."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.positions import score
from benchmarks.tally import CORPUS, read
from pairkit.files.project import Project
from pairkit.method.registry import project_vigilance
from pairkit.questions.positions import findings
from tests.conftest import edit

LOTS = sorted(CORPUS.glob("positions-*.txt"))


def test_the_corpus_holds_a_hundred_texts_each_way() -> None:
    rows = [row for path in LOTS for row in read(path)]
    assert sum(expected != "aucun" for expected, _, _ in rows) >= 100
    assert sum(expected == "aucun" for expected, _, _ in rows) >= 100
    assert {expected for expected, _, _ in rows} >= {
        "exigence-clinique", "formation-imposee", "qualifications-non-reconnues", "statut-hors-equipe",
        "statut-non-emploi"}


@pytest.mark.parametrize("lot", LOTS, ids=lambda path: Path(path).stem)
def test_positions_are_raised_and_near_misses_left_alone(lot: Path) -> None:
    hit, should, silent, clean = score(read(lot))["TOTAL"]
    assert hit / should >= 0.97, f"{hit}/{should} relevés"
    assert silent / clean >= 0.97, f"{silent}/{clean} silencieux"


@pytest.mark.parametrize(("filename", "changes", "code"), [
    ("fiche-de-poste.yaml", {"experience_recherchee": "Personne stabilisée depuis au moins deux ans, "
                                                      "sans consommation depuis un an."}, "exigence-clinique"),
    ("fiche-de-poste.yaml", {"formation_proposee": "La personne suivra le DU de pair-aidance la "
                                                   "première année."}, "formation-imposee"),
    ("fiche-de-poste.yaml", {"remuneration": "Coefficient 350, sans reprise de l'ancienneté."},
     "qualifications-non-reconnues"),
    ("fiche-de-poste.yaml", {"contrat": "bénévolat défrayé"}, "statut-non-emploi"),
    ("fiche-de-poste.yaml", {"contrat": "service civique"}, "statut-non-emploi"),
    ("fiche-de-poste.yaml", {"contrat": "stage gratifié"}, "statut-non-emploi"),
    ("fiche-de-poste.yaml", {"contrat": "CDDI"}, "cddi-hors-siae"),
])
def test_the_issue_s_examples_raise_their_point(example, filename, changes, code) -> None:
    project = example("chrs-grenoble")
    edit(project, filename, changes)
    points = [v for v in project_vigilance(Project(project)) if v.code == code]
    assert len(points) == 1, [v.code for v in project_vigilance(Project(project))]


def test_a_meeting_note_is_read_too() -> None:
    assert not [f for f in findings("plan", ["Point sur l'équipe et les horaires."])]
    found = findings("plan", ["Il a été rappelé qu'elle devra rester abstinente pour garder son poste."])
    assert [f.alert for f in found] == ["exigence-clinique"] and found[0].words == ("abstinente",)


@given(st.text(max_size=300))
def test_any_text_is_read(text: str) -> None:
    for found in findings("fiche_de_poste", [text]):
        assert found.words and all(word for word in found.words)


def test_a_status_that_is_not_employment_blocks(example) -> None:
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", {"contrat": "bénévolat défrayé"})
    point = next(v for v in project_vigilance(Project(project)) if v.code == "statut-non-emploi")
    assert point.level == "bloquant" and "« bénévolat », « défrayé »" in point.reason


def test_a_cddi_is_for_insertion_structures_only(example) -> None:
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", {"contrat": "CDDI"})
    point = next(v for v in project_vigilance(Project(project)) if v.code == "cddi-hors-siae")
    assert point.level == "bloquant" and "CHRS" in point.reason
    edit(project, "structure.yaml", {"type_structure": "Chantier d'insertion"})
    assert "cddi-hors-siae" not in [v.code for v in project_vigilance(Project(project))]


@pytest.mark.parametrize(("changes", "raised"), [
    ({"temps_travail": "temps plein", "heures_hebdo": None}, True),
    ({"temps_travail": "temps partiel", "heures_hebdo": 24}, True),
    ({"temps_travail": "temps partiel", "heures_hebdo": 17}, False),
])
def test_half_time_or_more_says_what_it_may_mean_for_the_aah(cli, example, changes, raised) -> None:
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", changes)
    assert ("aah-mi-temps" in [v.code for v in project_vigilance(Project(project))]) is raised
    assert cli("documents", project).exit_code == 0
    from tests.conftest import docx_text

    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert ("AAH et salaire" in plan) is raised


@pytest.mark.parametrize(("length", "raised"), [("3 mois", True), ("3 mois, renouvelable", True), ("2 ans", False),
                                               ("24 mois", False), ("jusqu'à fin 2027", False)])
def test_follow_up_meetings_after_the_end_of_a_fixed_term_contract(example, length, raised) -> None:
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", {"contrat": "CDD", "duree_contrat": length})
    points = [v for v in project_vigilance(Project(project)) if v.code == "rendez-vous-apres-fin-cdd"]
    assert bool(points) is raised
    if raised:
        assert "3 août 2026" in points[0].reason  # three months from the 4th of May: its last day


def test_the_one_year_review_offered_for_a_twelve_month_contract(example) -> None:
    """A 12-month CDD from 4 May 2026 ends on 3 May 2027: the one-year review is after it."""
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", {"contrat": "CDD", "duree_contrat": "12 mois"})
    edit(project, "plan.yaml", {"suivi_apres_six_mois": ["m12"]})
    points = [v for v in project_vigilance(Project(project)) if v.code == "rendez-vous-apres-fin-cdd"]
    assert points and "3 mai 2027" in points[0].reason
    edit(project, "plan.yaml", {"suivi_apres_six_mois": []})
    assert "rendez-vous-apres-fin-cdd" not in [v.code for v in project_vigilance(Project(project))]


@pytest.mark.parametrize(("changes", "raised"), [
    ({"temps_travail": "temps partiel", "heures_hebdo": 17}, True),
    ({"temps_travail": "temps partiel", "heures_hebdo": 17, "derogation_24h": "aucune"}, True),
    ({"temps_travail": "temps partiel", "heures_hebdo": 17, "derogation_24h": "demande-ecrite"}, False),
    ({"temps_travail": "temps partiel", "heures_hebdo": 24}, False),
])
def test_part_time_under_24_hours_needs_one_of_the_law_s_exceptions(example, changes, raised) -> None:
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", changes)
    assert ("temps-partiel-sous-24h" in [v.code for v in project_vigilance(Project(project))]) is raised
