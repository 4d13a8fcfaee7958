"""The HR and legal notes say the law as it stands (issue « The law as it stands, by sector »):
each corrected statement is pinned here, with its source and the date it was checked."""

from __future__ import annotations

import pytest

from pairkit.method.hrnotes import note


@pytest.mark.parametrize(("topic", "said", "source"), [
    ("aah", ["CDAPH", "pas la CAF", "dès le mi-temps"], "L821-2"),
    ("invalidite", ["1er avril 2022", "dix meilleures", "moitié du dépassement"], "2022-257"),
    ("pec", ["32 000", "4 avril", "arrêté du préfet de région"], "Instruction du 4 avril 2025"),
    ("casier", ["deux mois de prison ferme", "le poste pair comme les autres",
                "protection de l'enfance", "interdit de la demander", "avant de postuler"], "L133-6"),
    ("cddi", ["SIAE", "de 4 à 24 mois", "au moins 20 heures"], "L5132-5"),
    ("sante-au-travail", ["orienté·e sans délai vers le médecin du travail"], "R4624-20"),
    ("periode-essai", ["droit public", "un jour ouvré par semaine", "3 mois dans la territoriale",
                       "entretien préalable"], "88-145"),
])
def test_a_note_says_the_law_with_its_source(topic: str, said: list[str], source: str) -> None:
    found = note(topic)
    text = " ".join(str(found["texte"]).split())
    for words in said:
        assert words in text, (topic, words)
    assert any(source in str(s) for s in found["sources"]), topic
    assert str(found["verifie"]) >= "2026-12-05"


def test_the_old_mistakes_are_gone() -> None:
    assert "que la CAF considère" not in " ".join(str(note("aah")["texte"]).split())
    assert "elle ne vise pas le poste pair" not in " ".join(str(note("casier")["texte"]).split())


def test_candidates_are_told_the_check_before_they_apply(cli, example) -> None:
    """The fiche's answer is said in the fiche's application part and at the information
    collective; where the structure has not answered, neither document says anything."""
    from tests.conftest import docx_text, edit

    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    fiche = docx_text(project / "documents" / "04-fiche-de-poste.docx")
    session = " ".join(docx_text(project / "documents" / "05-information-collective.docx").split())
    assert "Vérifications à l'embauche : Comme pour tout recrutement dans un établissement social" in fiche
    assert "Vérifications à l'embauche" in session and "art. L133-6" in session
    edit(project, "fiche-de-poste.yaml", {"verifications_embauche": None})
    assert cli("documents", project).exit_code == 0
    assert "Vérifications" not in docx_text(project / "documents" / "05-information-collective.docx")
    assert "Vérifications" not in docx_text(project / "documents" / "04-fiche-de-poste.docx")


@pytest.mark.parametrize(("kind", "sector", "expected"), [
    ("CHRS", "hebergement-logement", "essms"),
    ("CAARUD", "addictologie-rdr", "essms"),
    ("SAMSAH", "sante-mentale", "essms"),
    ("Service de protection de l'enfance (ASE, MECS, foyer de l'enfance)", "protection-enfance", "enfance"),
    ("Lieu d'accueil inconnu", "protection-enfance", "enfance"),
    ("CCAS / ville", "acces-aux-droits", "fonction-publique"),
    ("Chantier d'insertion", "insertion", "aucune"),
    ("Lieu d'accueil inconnu", "insertion", None),
])
def test_the_check_proposed_from_the_cadrage(kind: str, sector: str, expected: str | None) -> None:
    from pairkit.method.background import proposed

    assert proposed({"type_structure": kind, "secteur": sector}) == expected
    assert proposed({"type_structure": kind}, "fonction publique") == "fonction-publique"
