"""Dates right in law and in common sense: the trial period's review, dates out of order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairkit.dates_fr import add, find_date, is_working_day
from pairkit.method.trial import trial
from tests.conftest import docx_text, edit

MAY_4 = dt.date(2026, 5, 4)


@pytest.mark.parametrize(("answers", "last_day", "notice", "review"), [
    # CDI: 2, 3, 4 months by category; notice two weeks after one month, one month after three.
    ({"contrat_essai": "CDI", "categorie_emploi": "employe"}, dt.date(2026, 7, 3), "deux semaines",
     dt.date(2026, 6, 19)),
    ({"contrat_essai": "CDI", "categorie_emploi": "technicien"}, dt.date(2026, 8, 3), "deux semaines",
     dt.date(2026, 7, 20)),
    ({"contrat_essai": "CDI", "categorie_emploi": "cadre"}, dt.date(2026, 9, 3), "un mois",
     dt.date(2026, 8, 3)),
    # CDD: one day a week, at most two weeks up to six months, one month beyond.
    ({"contrat_essai": "CDD", "duree_cdd_mois": 3}, dt.date(2026, 5, 16), "48 heures",
     dt.date(2026, 5, 13)),
    ({"contrat_essai": "CDD", "duree_cdd_mois": 6}, dt.date(2026, 5, 17), "48 heures",
     dt.date(2026, 5, 15)),
    ({"contrat_essai": "CDD", "duree_cdd_mois": 12}, dt.date(2026, 6, 3), "48 heures",
     dt.date(2026, 6, 1)),
])
def test_the_legal_maximum_and_the_review_before_notice(answers, last_day, notice, review) -> None:
    found = trial(MAY_4, {"periode_essai": "maximum-legal", **answers})
    assert found is not None
    assert (found.last_day, found.notice, found.review) == (last_day, notice, review)


def test_a_length_written_in_the_contract_and_no_trial_at_all() -> None:
    given_length = trial(MAY_4, {"periode_essai": "duree-precisee", "duree_essai": "1 mois"})
    assert given_length is not None and given_length.last_day == dt.date(2026, 6, 3)
    assert trial(MAY_4, {"periode_essai": "aucune"}) is None
    assert trial(MAY_4, {}) is None
    assert trial(MAY_4, {"periode_essai": "maximum-legal", "contrat_essai": "CDI"}) is None


@given(st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)),
       st.sampled_from([{"jours": 10}, {"semaines": 2}, {"mois": 1}, {"mois": 2}, {"mois": 3},
                        {"mois": 4}, {"mois": 8}]))
def test_the_review_is_never_after_the_employer_can_still_decide(start, length) -> None:
    unit, count = next(iter(length.items()))
    found = trial(start, {"periode_essai": "duree-precisee", "duree_essai": f"{count} {unit}"})
    assert found is not None
    assert found.review <= found.last_day
    assert found.review >= start or not is_working_day(start)
    assert is_working_day(found.review) or found.review == start
    notice_days = {"24 heures": 1, "48 heures": 2}.get(found.notice)
    if notice_days is not None:
        assert found.review <= found.last_day - dt.timedelta(days=notice_days)
    else:
        notice = {"deux semaines": {"semaines": 2}, "un mois": {"mois": 1}}[found.notice]
        assert found.review <= add(found.last_day, notice, sign=-1)


def _edit(path: Path, **changes: object) -> None:
    edit(path.parent, path.name, changes)


def test_the_plan_dates_the_review_before_the_trial_ends(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "Avant la fin de la période d'essai" in plan
    assert "vendredi 19 juin 2026" in plan
    assert "Fin de la période d'essai le 3 juillet 2026 ; délai de prévenance de l'employeur : deux semaines" in plan
    assert "6 juillet 2026" not in plan


def test_a_plan_without_trial_has_no_such_meeting(cli, example) -> None:
    project = example("chrs-grenoble")
    _edit(project / "plan.yaml", periode_essai="aucune", contrat_essai=None, categorie_emploi=None)
    assert cli("documents", project).exit_code == 0
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "période d'essai" not in plan.split("Repères")[0].lower()
    assert "n'est pas décrite" not in cli("statut", project).output


def test_an_undescribed_trial_is_a_point_de_vigilance(cli, example) -> None:
    project = example("chrs-grenoble")
    _edit(project / "plan.yaml", periode_essai=None, contrat_essai=None, categorie_emploi=None)
    status = cli("statut", project)
    assert "La période d'essai n'est pas décrite" in status.output


def test_dates_out_of_order_are_pointed_out(cli, example) -> None:
    project = example("chrs-grenoble")
    quiet = cli("statut", project).output
    assert "après la prise de poste" not in quiet and "avant l'information collective" not in quiet
    _edit(project / "info-coll.yaml", date=dt.date(2026, 5, 20))
    _edit(project / "entretiens.yaml", dates="Semaine du 11 mai 2026, au CHRS")
    status = cli("statut", project).output
    assert "L'information collective (le 20 mai 2026) est prévue après la prise de poste" in status
    assert "Les entretiens (à partir du 11 mai 2026) sont prévus avant l'information collective" in status


def test_a_past_application_deadline_is_pointed_out_and_a_future_one_is_not(cli, example) -> None:
    project = example("samsah-clermont")
    later = dt.date.today() + dt.timedelta(days=60)
    _edit(project / "plan.yaml", date_prise_poste=later)
    _edit(project / "fiche-de-poste.yaml", date_prise_poste=later,
          date_limite=dt.date.today() + dt.timedelta(days=30))
    assert "date limite de candidature" not in cli("statut", project).output
    _edit(project / "fiche-de-poste.yaml", date_limite=dt.date(2026, 6, 12))
    assert "La date limite de candidature de la fiche (le 12 juin 2026) est déjà passée" in \
        " ".join(cli("statut", project).output.split())
    # Once the peer has taken the post, a closed call is no news: not raised.
    _edit(project / "plan.yaml", date_prise_poste=dt.date(2026, 9, 1))
    assert "est déjà passée" not in cli("statut", project).output


@pytest.mark.parametrize(("text", "expected"), [
    ("Semaine du 13 avril 2026, au CHRS", dt.date(2026, 4, 13)),
    ("le 1er juin 2026 puis le 03/06/2026", dt.date(2026, 6, 1)),
    ("à partir du 15/04/2026", dt.date(2026, 4, 15)),
    ("à définir", None),
    ("le 31 février 2026", None),
])
def test_a_date_is_found_in_free_text(text, expected) -> None:
    assert find_date(text) == expected


def test_the_duration_type_reads_and_refuses_in_french(cli, example) -> None:
    project = example("chrs-grenoble")
    _edit(project / "plan.yaml", periode_essai="duree-precisee", contrat_essai=None,
          categorie_emploi=None, duree_essai="6 semaines")
    assert cli("verifier", project).exit_code == 0
    _edit(project / "plan.yaml", duree_essai="deux mois")
    bad = cli("verifier", project)
    assert bad.exit_code == 1 and "n'est pas une durée" in bad.output and "duree_essai" in bad.output


@given(st.text(max_size=60))
def test_a_rough_date_takes_any_text_or_says_what_to_write(text) -> None:
    from pairkit.questions.model import Question
    from pairkit.questions.types import parse_answer

    question = Question.model_validate({"nom": "quand", "type": "date_souple", "question": "Quand ?"})
    try:
        value = parse_answer(question, text)
    except ValueError as exc:
        assert "dès que possible" in str(exc)
    else:
        assert value is None or isinstance(value, (dt.date, str))


def test_a_past_meeting_without_review_is_missed_and_a_future_one_is_to_come(cli, example) -> None:
    project = example("chrs-grenoble")
    start = dt.date.today() - dt.timedelta(days=75)  # the first month's meetings are past
    _edit(project / "plan.yaml", date_prise_poste=start)
    status = cli("statut", project).output
    assert "Rendez-vous passés sans compte rendu" in status and "Point à un mois" in status
    assert "Bilan à six mois" not in status.split("Rendez-vous passés sans compte rendu")[1].split("→")[0]
    assert cli("documents", project).exit_code == 0
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "manqué : pas de compte rendu" in plan and "à venir" in plan


@pytest.mark.parametrize(("answers", "last_day", "review"), [
    # Public law: one *working* day per week of contract. 3 months = 13 weeks → 13 working days
    # from Monday 4 May 2026 (8, 14 and 25 May are holidays): the 13th is Friday 22 May.
    ({"contrat_essai": "CDD public", "duree_cdd_mois": 3}, dt.date(2026, 5, 22), dt.date(2026, 5, 7)),  # 8 May is a holiday
    # 6 months: 26 working days exceed the one-month cap (contract of 6 months, under a year).
    ({"contrat_essai": "CDD public", "duree_cdd_mois": 6}, dt.date(2026, 6, 3), dt.date(2026, 5, 20)),
    # 12 months: 52 working days, capped at two months (under two years).
    ({"contrat_essai": "CDD public", "duree_cdd_mois": 12}, dt.date(2026, 7, 3), dt.date(2026, 6, 19)),
    # 36 months: three months.
    ({"contrat_essai": "CDD public", "duree_cdd_mois": 36}, dt.date(2026, 8, 3), dt.date(2026, 7, 20)),
    ({"contrat_essai": "CDI public", "versant_fp": "territoriale"}, dt.date(2026, 8, 3), dt.date(2026, 7, 20)),
    ({"contrat_essai": "CDI public", "versant_fp": "etat"}, dt.date(2026, 9, 3), dt.date(2026, 8, 20)),
])
def test_a_post_of_the_fonction_publique_takes_its_trial_from_public_law(answers, last_day, review) -> None:
    found = trial(MAY_4, {"periode_essai": "maximum-legal", **answers})
    assert found is not None and found.public
    assert (found.last_day, found.review) == (last_day, review)
    assert "entretien préalable" in found.notice


def test_a_public_cdi_without_its_versant_is_not_guessed() -> None:
    assert trial(MAY_4, {"periode_essai": "maximum-legal", "contrat_essai": "CDI public"}) is None


def test_a_public_post_in_the_fiche_proposes_a_public_law_trial(example) -> None:
    from pairkit.files.project import Project
    from pairkit.method import plan

    project = example("chrs-grenoble")
    edit(project, "structure.yaml", {"type_structure": "CCAS / ville"})
    edit(project, "fiche-de-poste.yaml", {"contrat": "fonction publique",
                                          "precisions_fp": "ouvert aux contractuel·les en CDD de 3 ans"})
    found = plan.computed_defaults(Project(project), {})
    assert (found["contrat_essai"], found["duree_cdd_mois"], found["versant_fp"]) == ("CDD public", 36, "territoriale")
    edit(project, "fiche-de-poste.yaml", {"precisions_fp": "poste permanent, CDI"})
    assert plan.computed_defaults(Project(project), {})["contrat_essai"] == "CDI public"


def test_the_plan_of_a_public_post_says_there_is_no_notice_but_an_interview(cli, example) -> None:
    project = example("chrs-grenoble")
    edit(project, "plan.yaml", {"contrat_essai": "CDI public", "versant_fp": "territoriale",
                                "categorie_emploi": None})
    assert cli("documents", project).exit_code == 0
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "aucun en droit public ; une fin d'essai suit un entretien préalable" in plan
    assert "décret n° 88-145" in plan.lower()
