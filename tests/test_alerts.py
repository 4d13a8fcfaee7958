"""The platform's judgement: each point de vigilance has a case that raises it and one that
does not; the examples show the warnings a real structure would get."""

from __future__ import annotations

from pathlib import Path

import pytest

from pairkit.files.project import Project
from pairkit.method.registry import project_vigilance
from tests.conftest import docx_text, edit


def codes(project: Path) -> set[str]:
    return {alert.code for alert in project_vigilance(Project(project))}


# The example's application deadline (27 March 2026) and its six months of meetings (from May
# 2026, none with a recorded review) have passed since it was written; its diagnostic's desk
# warning is lifted by the equipment its fiche de poste lists.
# The example started on 2026-05-04: by now its meetings up to the six-month review are past.
# The example's post is full-time: what that may mean for the AAH is said (issue 25, point 2).
BASELINE = {"reponses.retablissement", "rendez-vous-manques", "bilan-six-mois-absent",
            "aah-mi-temps", "craintes-sans-decision"}

# (file, changes that raise the alert, code raised)
TRIGGERS = [
    ("diagnostic.yaml", {"reponses.raison_du_poste": "remplacement"}, "reponses.raison_du_poste"),
    ("diagnostic.yaml", {"reponses.raison_du_poste": "poste-vacant"}, "reponses.raison_du_poste"),
    ("diagnostic.yaml", {"reponses.raison_du_poste": "economie"}, "reponses.raison_du_poste"),
    ("diagnostic.yaml", {"reponses.reduction_des_risques": "affichée mais peu pratiquée"},
     "reponses.reduction_des_risques"),
    ("diagnostic.yaml", {"reponses.aller_vers": "affiché mais peu pratiqué"}, "reponses.aller_vers"),
    ("diagnostic.yaml", {"reponses.equipe_consultee": "non"}, "reponses.equipe_consultee"),
    ("motivations.yaml", {"craintes": None, "craintes_autres": None, "reponses_equipe": None},
     "craintes-non-dites"),
    ("diagnostic.yaml", {"reponses.tuteur": "non"}, "reponses.tuteur"),
    ("fiche-de-poste.yaml", {"tuteur": None}, "fiche-tuteur"),
    ("diagnostic.yaml", {"reponses.analyse_pratiques": "non"}, "reponses.analyse_pratiques"),
    ("fiche-de-poste.yaml", {"analyse_pratiques": "non"}, "fiche-analyse"),
    ("diagnostic.yaml", {"reponses.groupe_pairs": "non"}, "reponses.groupe_pairs"),
    ("fiche-de-poste.yaml", {"groupe_pairs": "non"}, "fiche-groupe-pairs"),
    ("diagnostic.yaml", {"reponses.reunions": "non"}, "reponses.reunions"),
    ("fiche-de-poste.yaml", {"reunions": "non"}, "fiche-reunions"),
    ("diagnostic.yaml", {"reponses.secret_partage": "non"}, "reponses.secret_partage"),
    ("fiche-de-poste.yaml", {"secret_partage": "non"}, "fiche-secret"),
    ("diagnostic.yaml", {"reponses.ecrit_dossiers": "non"}, "reponses.ecrit_dossiers"),
    ("fiche-de-poste.yaml", {"ecrit_dossiers": "non"}, "fiche-dossiers"),
    ("diagnostic.yaml", {"reponses.n_plus_un": "non"}, "reponses.n_plus_un"),
    ("fiche-de-poste.yaml", {"rattachement": "Ligne directe avec la direction générale"},
     "fiche-rattachement"),
    ("diagnostic.yaml", {"reponses.financement_durable": "pour un an ou un seul projet"},
     "reponses.financement_durable"),
    ("diagnostic.yaml", {"reponses.contrat_aide": "oui"}, "reponses.contrat_aide"),
    ("diagnostic.yaml", {"reponses.intitule_reel": "non"}, "reponses.intitule_reel"),
    ("diagnostic.yaml", {"reponses.grille_conventionnelle": "non"}, "reponses.grille_conventionnelle"),
    ("fiche-de-poste.yaml", {"diplome_exige": "oui", "diplome_precision": "DEES"}, "diplome-exige"),
    ("fiche-de-poste.yaml", {"contrat": "CDD", "duree_contrat": "6 mois"}, "cdd-plutot-cdi"),
    ("fiche-de-poste.yaml", {"remuneration_forme": "non communiquée", "salaire_brut_mensuel": None,
                             "remuneration": None}, "remuneration-absente"),
    ("fiche-de-poste.yaml", {"salaire_brut_mensuel": 1500}, "remuneration-sous-smic"),
    ("diagnostic.yaml", {"reponses.ancien_usager_prevu": "non"}, "reponses.ancien_usager_prevu"),
    ("fiche-de-poste.yaml", {"experience_recherchee": "Personne stabilisée, avec un diagnostic posé."},
     "vocabulaire-diagnostic"),
    ("fiche-de-poste.yaml", {"experience_recherchee": "Ancien toxicomane ou souffrant de troubles."},
     "vocabulaire-deficit"),
    ("fiche-de-poste.yaml", {"processus": "Les candidats devront raconter leur parcours et leur récit de vie."},
     "vocabulaire-parcours"),
    ("info-coll.yaml", {"duree_structure": 10, "duree_organisation": 10, "duree_plateforme": 10,
                        "duree_questions": 20}, "info-coll-duree"),
    ("info-coll.yaml", {"duree_questions": 90}, "info-coll-duree"),
    ("info-coll.yaml", {"cadre": None}, "info-coll-sans-cadre"),
    ("info-coll.yaml", {"membre_equipe": None}, "info-coll-sans-equipe"),
    ("entretiens.yaml", {"jury_pair": None}, "jury-sans-pair"),
    ("entretiens.yaml", {"questions_ajoutees": ["Suivez-vous un traitement médical ?"]},
     "question-interdite"),
    ("plan.yaml", {"jalons_annules": ["m3"]}, "plan-sans-m3"),
    ("plan.yaml", {"jalons_annules": ["m6"]}, "plan-sans-m6"),
    ("plan.yaml", {"souhaits_pair": None}, "plan-sans-souhaits"),
]


def test_baseline_example_raises_only_its_own_warnings(example) -> None:
    assert codes(example("chrs-grenoble")) == BASELINE


@pytest.mark.parametrize(("filename", "changes", "code"), TRIGGERS,
                         ids=[f"{c}-{i}" for i, (_, _, c) in enumerate(TRIGGERS)])
def test_each_warning_is_raised_by_its_case(example, filename, changes, code) -> None:
    project = example("chrs-grenoble")
    assert code not in codes(project)  # the same project without the case: not raised
    edit(project, filename, changes)
    assert code in codes(project)


# Cases close to a trigger that must not raise it.
QUIET = [
    ("diagnostic.yaml", {"reponses.retablissement": "pratiquée au quotidien"}, "reponses.retablissement"),
    ("diagnostic.yaml", {"reponses.poste_de_travail": "oui"}, "reponses.poste_de_travail"),
    ("diagnostic.yaml", {"reponses.ancien_usager": "non", "reponses.ancien_usager_prevu": None},
     "reponses.ancien_usager_prevu"),
    ("fiche-de-poste.yaml", {"salaire_brut_mensuel": 1823}, "remuneration-sous-smic"),
    ("fiche-de-poste.yaml", {"temps_travail": "temps partiel", "heures_hebdo": 24,
                             "salaire_brut_mensuel": 1300}, "remuneration-sous-smic"),
    ("fiche-de-poste.yaml", {"rattachement": "La cheffe de service, comme toute l'équipe"},
     "fiche-rattachement"),
    ("info-coll.yaml", {"duree_questions": 55}, "info-coll-duree"),  # 2 h exactly
    ("plan.yaml", {"jalons_annules": ["m4"]}, "plan-sans-m3"),
    ("entretiens.yaml", {"questions_ajoutees": ["Comment organisez-vous votre semaine ?"]},
     "question-interdite"),
]


@pytest.mark.parametrize(("filename", "changes", "code"), QUIET,
                         ids=[f"{c}-{i}" for i, (_, _, c) in enumerate(QUIET)])
def test_close_cases_stay_quiet(example, filename, changes, code) -> None:
    project = example("chrs-grenoble")
    edit(project, filename, changes)
    assert code not in codes(project)


def test_cdd_is_understood_when_funding_covers_one_year(example) -> None:
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", {"contrat": "CDD", "duree_contrat": "12 mois"})
    assert "cdd-plutot-cdi" in codes(project)
    edit(project, "diagnostic.yaml", {"reponses.financement_durable": "pour un an ou un seul projet"})
    assert "cdd-plutot-cdi" not in codes(project)


def test_caarud_example_gets_the_warnings_a_real_structure_would(example) -> None:
    found = codes(example("caarud-lyon"))
    for code in ("reponses.raison_du_poste", "reponses.equipe_consultee", "reponses.tuteur",
                 "reponses.financement_durable", "reponses.ancien_usager_prevu", "fiche-tuteur",
                 "fiche-groupe-pairs", "jury-sans-pair", "plan-sans-souhaits"):
        assert code in found, code


def test_warnings_show_at_the_end_of_the_step_in_statut_and_documents(cli, example) -> None:
    project = example("chrs-grenoble")
    answers = project.parent / "fiche.yaml"
    answers.write_text("diplome_exige: oui\ndiplome_precision: DE d'éducateur spécialisé\n",
                       encoding="utf-8")
    result = cli("fiche-de-poste", project, "--reponses", answers)
    assert result.exit_code == 0, result.output
    assert "bloquant" in result.output and "la formation n'est pas un prérequis" in result.output
    status = cli("statut", project)
    assert "(Fiche de poste)" in status.output and "Retirer l'exigence de diplôme" in status.output
    assert cli("documents", project).exit_code == 0
    report = docx_text(project / "documents" / "02-rapport-de-preparation.docx")
    assert "Autres points de vigilance du projet" in report
    assert "la formation n'est pas un prérequis" in report
    fiche = docx_text(project / "documents" / "04-fiche-de-poste.docx")
    assert "prérequis" not in fiche  # a job posting never shows the platform's warnings
    assert "Diplôme demandé : DE d'éducateur spécialisé" in fiche


def test_internal_documents_show_their_step_warnings(cli, example) -> None:
    project = example("caarud-lyon")
    assert cli("documents", project).exit_code == 0
    guide = docx_text(project / "documents" / "06-guide-entretiens.docx")
    assert "Inviter un·e pair·e du réseau de la plateforme au jury." in guide
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "ce que le ou la pair·e souhaite revoir" in plan


def test_hr_notes_command_and_documents(cli, example) -> None:
    listing = cli("aide")
    assert listing.exit_code == 0
    for topic in ("aah", "rsa", "rqth", "pec", "periode-essai", "rgpd"):
        assert topic in listing.output
    rqth = cli("aide", "rqth")
    assert "n'a jamais à être déclarée" in rqth.output and "Sources" in rqth.output
    unknown = cli("aide", "congés")
    assert unknown.exit_code == 1 and "Sujets disponibles" in unknown.output
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    guide = docx_text(project / "documents" / "06-guide-entretiens.docx")
    assert "RQTH" in guide and "Données personnelles et recrutement" in guide
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "Période d'essai" in plan and "L1221-19" in plan


def test_a_readiness_point_is_lifted_once_a_later_step_answers_it(example) -> None:
    """Regression: « fears not voiced » stayed after the workshop had recorded them."""
    project = example("chrs-grenoble")
    edit(project, "diagnostic.yaml", {"reponses.craintes_exprimees": "non"})
    assert "reponses.craintes_exprimees" not in codes(project)  # the workshop recorded fears
    edit(project, "motivations.yaml", {"craintes": None, "craintes_autres": None, "reponses_equipe": None})
    assert "reponses.craintes_exprimees" in codes(project)
    edit(project, "diagnostic.yaml", {"reponses.poste_de_travail": "non"})
    assert "reponses.poste_de_travail" not in codes(project)  # the fiche lists the equipment
    edit(project, "fiche-de-poste.yaml", {"equipement": None})
    assert "reponses.poste_de_travail" in codes(project)


@pytest.mark.parametrize(("answer", "strength"), [
    ("pratiqué au quotidien", True),
    ("pas encore", False),
    ("sans objet ici", False),
])
def test_a_strength_comes_only_from_a_positive_answer(cli, example, answer, strength) -> None:
    """Regression: « pas encore » to the outreach question printed « L'aller-vers est pratiqué »."""
    project = example("chrs-grenoble")
    edit(project, "diagnostic.yaml", {"reponses.aller_vers": answer})
    assert cli("documents", project).exit_code == 0
    report = docx_text(project / "documents" / "02-rapport-de-preparation.docx")
    assert ("L'aller-vers est pratiqué par l'équipe." in report) is strength


def test_the_decision_is_checked_against_the_blocking_points(cli, example) -> None:
    project = example("chrs-grenoble")
    edit(project, "diagnostic.yaml", {"reponses.raison_du_poste": "remplacement"})
    assert "decision-prete-malgre-bloquant" in codes(project)
    caarud = example("caarud-lyon")
    assert "decision-pas-encore" in codes(caarud)
    assert "pas encore prête à recruter" in cli("statut", caarud).output
