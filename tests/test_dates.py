"""French dates and the milestones' working days."""

from __future__ import annotations

import datetime as dt

import pytest

from pairkit.dates_fr import add_months, easter, long_date, public_holidays, shift
from pairkit.files.checklists import load_checklist


def test_long_dates_in_french() -> None:
    assert long_date(dt.date(2026, 3, 2)) == "lundi 2 mars 2026"
    assert long_date(dt.date(2026, 6, 1)) == "lundi 1er juin 2026"
    assert long_date(dt.date(2026, 8, 15), weekday=False) == "15 août 2026"


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_easter_and_public_holidays() -> None:
    assert easter(2026) == dt.date(2026, 4, 5)
    assert easter(2027) == dt.date(2027, 3, 28)
    holidays = public_holidays(2026)
    assert dt.date(2026, 4, 6) in holidays  # lundi de Pâques
    assert dt.date(2026, 5, 14) in holidays  # Ascension
    assert dt.date(2026, 5, 25) in holidays  # lundi de Pentecôte
    assert dt.date(2026, 7, 14) in holidays


def test_milestones_avoid_weekends_and_public_holidays() -> None:
    start = dt.date(2026, 9, 1)
    assert shift(start, mois=4) == dt.date(2027, 1, 4)  # 1er janvier férié, puis week-end
    assert shift(dt.date(2026, 5, 4), mois=0, jours=-14) == dt.date(2026, 4, 20)
    assert shift(dt.date(2026, 4, 20), jours=-14) == dt.date(2026, 4, 3)  # lundi de Pâques, puis week-end : vendredi 3


def test_every_hr_note_source_is_text() -> None:
    for topic in load_checklist("aide")["sujets"].values():
        assert all(isinstance(source, str) for source in topic["sources"])


def test_every_hr_note_cites_its_sources_and_when_it_was_checked() -> None:
    for key, topic in load_checklist("aide")["sujets"].items():
        assert topic["sources"], key
        assert dt.date.fromisoformat(str(topic["verifie"])) <= dt.date.today(), key


@pytest.mark.parametrize("typed", ["période d'essai", "Periode-Essai", "PERIODE D ESSAI", "periode-essai"])
def test_a_topic_is_found_as_people_type_it(cli, typed) -> None:
    result = cli("aide", typed)
    assert result.exit_code == 0, result.output
    assert "Période d'essai" in result.output and "délai de prévenance" in result.output
    assert "Vérifié le" in result.output


def test_the_facts_the_platform_relies_on() -> None:
    """Regressions: AAH between 50 and 79 %, PEC set by the préfet, renewal of a trial period."""
    notes = load_checklist("aide")["sujets"]
    aah = " ".join(notes["aah"]["texte"].split())
    assert "restriction substantielle et durable" in aah and "octobre 2023" in aah
    pec = " ".join(notes["pec"]["texte"].split())
    assert "préfet de région" in pec and "9 à 12 mois" in pec and "24 mois" in pec
    trial = " ".join(notes["periode-essai"]["texte"].split())
    assert "accord de branche étendu" in trial and "délai de prévenance" in trial
    for added in ("invalidite", "temps-partiel", "agefiph", "casier"):
        assert added in notes
