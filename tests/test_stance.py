"""The platform's stance checks: each warning raised by its answer, and silent on a near-miss."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pairkit.files.project import Project
from pairkit.method.registry import project_vigilance
from tests.conftest import edit


def _codes(project: Path) -> list[str]:
    return [v.code for v in project_vigilance(Project(project))]


def _raised(example: Any, filename: str, changes: dict[str, Any], code: str) -> bool:
    project = example("chrs-grenoble")
    edit(project, filename, changes)
    return code in _codes(project)


@pytest.mark.parametrize(("changes", "raised"), [
    ({"contrat": "prestation"}, True),
    ({"contrat": "prestataire"}, True),
    ({"contrat": "Auto-entrepreneuse, sur facture"}, True),
    ({"contrat": "Mise à disposition par l'association voisine"}, True),
    ({"contrat": "CDI"}, False),
    ({"contrat": "CDI de droit privé, salarié de la structure"}, False),
])
def test_a_peer_outside_the_team_as_provider_or_freelance(example, changes, raised) -> None:
    assert _raised(example, "fiche-de-poste.yaml", changes, "statut-hors-equipe") is raised


def test_the_provider_warning_gives_the_double_dimension(cli, example) -> None:
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", {"contrat": "prestation"})
    found = next(v for v in project_vigilance(Project(project)) if v.code == "statut-hors-equipe")
    assert "deux dimensions" in found.reason and "Prestation d'un·e indépendant·e" in found.reason


@pytest.mark.parametrize(("training", "raised"), [
    ("Formation au DU pair-aidance obligatoire dans la première année", True),
    ("La personne devra suivre la formation de l'association", True),
    ("Formation exigée avant la fin de la période d'essai", True),
    ("Formation au travail pair à construire avec la personne après six mois", False),
    ("Une formation si elle le souhaite, non obligatoire", False),
])
def test_training_imposed_during_employment(example, training, raised) -> None:
    assert _raised(example, "fiche-de-poste.yaml", {"formation_proposee": training},
                   "formation-imposee") is raised


@pytest.mark.parametrize(("changes", "raised"), [
    ({"remuneration_forme": "convention", "coefficient": None}, True),
    ({"remuneration_forme": "convention"}, False),               # the example gives a coefficient
    ({"remuneration_forme": "brut mensuel", "coefficient": None}, False),
])
def test_pay_as_an_agreement_without_coefficient_is_incomplete(example, changes, raised) -> None:
    assert _raised(example, "fiche-de-poste.yaml", changes, "remuneration-incomplete") is raised


@pytest.mark.parametrize(("changes", "raised"), [
    ({"qualifications_reconnues": "non"}, True),
    ({"remuneration": "Sans reprise d'ancienneté."}, True),
    ({"qualifications_reconnues": "oui"}, False),
    ({"remuneration": "Reprise d'ancienneté selon la convention collective."}, False),
])
def test_qualifications_or_seniority_not_recognised(example, changes, raised) -> None:
    assert _raised(example, "fiche-de-poste.yaml", changes, "qualifications-non-reconnues") is raised


def test_recognised_qualifications_are_said_in_the_posting(cli, example) -> None:
    from tests.conftest import docx_text

    project = example("chrs-grenoble")
    fiche = project / "documents" / "04-fiche-de-poste.docx"
    assert cli("documents", project).exit_code == 0
    assert "Diplômes et ancienneté" not in docx_text(fiche)  # not answered: not said
    edit(project, "fiche-de-poste.yaml", {"qualifications_reconnues": "oui"})
    assert cli("documents", project).exit_code == 0
    assert "Reconnus dans le classement et la reprise d'ancienneté" in docx_text(fiche)


@pytest.mark.parametrize(("field", "value", "code", "raised"), [
    ("reponses.avis_sur_les_situations", "non", "reponses.avis_sur_les_situations", True),
    ("reponses.avis_sur_les_situations", "oui", "reponses.avis_sur_les_situations", False),
    ("reponses.autonomie", "non", "reponses.autonomie", True),
    ("reponses.autonomie", "oui", "reponses.autonomie", False),
])
def test_the_readiness_questions_ask_about_assessing_and_autonomy(example, field, value, code, raised) -> None:
    assert _raised(example, "diagnostic.yaml", {field: value}, code) is raised


@pytest.mark.parametrize(("activity", "raised"), [
    ("Assister les éducateur·rices dans les tâches du quotidien", True),
    ("Tâches annexes : intendance et ménage", True),
    ("Animer des temps collectifs avec les éducateur·rices", False),
    ("Accompagner les personnes dans leurs démarches, en binôme ou seul·e", False),
])
def test_a_peer_confined_to_subordinate_tasks_in_the_posting(example, activity, raised) -> None:
    assert _raised(example, "fiche-de-poste.yaml", {"activites": [activity]},
                   "vocabulaire-subalterne") is raised


@pytest.mark.parametrize(("filename", "field", "text", "raised"), [
    ("motivations.yaml", "paroles", "Il faudrait quelqu'un qui ne soit pas assez rétabli…", True),
    ("diagnostic.yaml", "commentaires", "On attend une personne suffisamment rétablie.", True),
    ("motivations.yaml", "paroles", "Montrer que le rétablissement est possible.", False),
    ("diagnostic.yaml", "commentaires", "L'équipe pratique l'approche orientée rétablissement.", False),
])
def test_a_peer_judged_not_recovered_enough_anywhere(example, filename, field, text, raised) -> None:
    assert _raised(example, filename, {field: text}, "retablissement-seuil") is raised


def test_not_recovered_enough_in_a_meeting_note_is_caught_and_quoted(cli, example) -> None:
    from tests.conftest import docx_text

    project = example("chrs-grenoble")
    path = project / "plan.yaml"
    yaml = YAML()
    data = yaml.load(path.read_text("utf-8"))
    data.setdefault("bilans", {})["m1"] = {"date": "2026-05-20",
                                           "parole_equipe": "Elle n'est pas encore rétablie, à notre avis."}
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    found = [v for v in project_vigilance(Project(project)) if v.code == "retablissement-seuil"]
    assert [v.step for v in found] == ["plan"]
    assert "« pas encore rétablie »" in found[0].reason
    assert cli("documents", project).exit_code == 0
    report = docx_text(project / "documents" / "02-rapport-de-preparation.docx")
    assert "pas un seuil que l'équipe mesure" in report


def test_health_at_work_in_the_fears_reviews_and_hr_notes(cli) -> None:
    from pairkit.files.checklists import load_checklist

    fears = {item["id"]: item for item in load_checklist("catalogue-craintes")["elements"]}
    assert "24 h sur 24" in fears["sante-au-travail"]["libelle"]
    assert any("déconnexion" in piste for piste in fears["sante-au-travail"]["pistes"])
    meetings = {item["id"]: item for item in load_checklist("jalons")["elements"]}
    assert any("Santé au travail" in topic for topic in meetings["m3"]["sujets"])
    assert any("souffrance éthique" in topic for topic in meetings["m4"]["sujets"])
    note = cli("aide", "sante au travail")
    assert note.exit_code == 0 and "médecine du travail" in note.output
    assert "déconnexion" in note.output


@pytest.mark.parametrize("sector", ["protection-enfance", "justice", "violences", "migration-asile",
                                    "personnes-trans", "Prévention spécialisée"])
def test_the_fields_opening_up_and_a_sector_in_ones_own_words(cli, example, sector) -> None:
    project = example("chrs-grenoble")
    edit(project, "structure.yaml", {"secteur": sector})
    result = cli("verifier", project)
    assert result.exit_code == 0, result.output


def test_new_kinds_of_lived_experience_are_worded_as_a_resource(cli, example) -> None:
    from tests.conftest import docx_text

    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", {"experiences": ["violences", "protection-enfance"]})
    assert cli("documents", project).exit_code == 0
    fiche = docx_text(project / "documents" / "04-fiche-de-poste.docx")
    assert ("Une expérience vécue des violences subies (conjugales, sexuelles, familiales), "
            "ou de la protection de l'enfance (enfance placée).") in fiche
    assert not {"vocabulaire-diagnostic", "vocabulaire-deficit", "vocabulaire-parcours"} & set(_codes(project))
