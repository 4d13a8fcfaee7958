"""The bundled examples render every document, and the documents say what the files say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, docx_text

DOCS = [
    "01-note-d-intention.docx",
    "02-rapport-de-preparation.docx",
    "03-synthese-motivations-craintes.docx",
    "04-fiche-de-poste.docx",
    "05-information-collective.docx",
    "06-guide-entretiens.docx",
    "07-plan-six-mois.docx",
]


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_every_example_renders_all_documents(cli, example, name: str) -> None:
    project = example(name)
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "documents").glob("*.docx")) == DOCS
    assert "9 fichier(s)" in result.output  # 7 documents and 2 calendars
    verified = cli("verifier", project)
    assert verified.exit_code == 0, verified.output


def test_at_least_two_examples_in_different_sectors() -> None:
    from ruamel.yaml import YAML

    sectors = {YAML(typ="safe").load((p / "structure.yaml").read_text("utf-8"))["secteur"]
               for p in EXAMPLES.iterdir() if p.is_dir()}
    assert len(sectors) >= 2


def _render(cli, project: Path) -> dict[str, str]:
    assert cli("documents", project).exit_code == 0
    return {name: docx_text(project / "documents" / name) for name in DOCS}


def test_chrs_documents_carry_the_project_content(cli, example) -> None:
    texts = _render(cli, example("chrs-grenoble"))
    for text in texts.values():
        assert "CHRS Les Tilleuls" in text  # header on every document
        assert re.search(r" — établie? le \d", text)  # footer with the date, agreeing
    note = texts["01-note-d-intention.docx"]
    assert "Note d'intention" in note
    assert "62 personnes hébergées" in note
    assert "Aller vers les personnes là où elles sont" in note
    report = texts["02-rapport-de-preparation.docx"]
    assert "Oui, la structure est prête à recruter" in report
    # The diagnostic's desk warning is lifted: the fiche de poste lists the equipment since.
    assert "Des pair·es se sont retrouvé·es sans outils" not in report
    assert "Prévoir le bureau, le téléphone" not in report
    assert "Le financement du poste est prévu dans la durée." in report  # a strength
    synthesis = texts["03-synthese-motivations-craintes.docx"]
    assert "Être remplacé·e ou déqualifié·e" in synthesis
    assert "Écrire noir sur blanc la complémentarité" in synthesis  # platform's way to work on it
    assert "son suivi éventuel sera assuré par une autre structure" in synthesis  # team's answer
    assert "Que la personne se retrouve seule la nuit" in synthesis  # free-text fear
    fiche = texts["04-fiche-de-poste.docx"]
    assert "Travailleur·se pair·e" in fiche
    assert "1\u202f980 € bruts mensuels" in fiche
    assert "CCN du 15 mars 1966 (IDCC 0413)" in fiche
    assert "temps plein, 35 heures par semaine" in fiche
    assert "Aucun diplôme n'est exigé" in fiche
    info = texts["05-information-collective.docx"]
    assert "mercredi 1er avril 2026" in info
    # Non-breaking spaces: a time never wraps inside its cell (« 14 h 00 – 14 h / 20 »).
    assert "14\u00a0h\u00a000\u00a0– 15\u00a0h\u00a040" in info
    assert "Durée totale : 1\u00a0h\u00a040" in info
    assert "Toutes les personnes présentes" in info
    guide = texts["06-guide-entretiens.docx"]
    assert "Nadia R., travailleuse paire" in guide
    assert "Quel est votre diagnostic" in guide and "CNIL" in guide
    assert "L1221-6" in guide
    plan = texts["07-plan-six-mois.docx"]
    assert "lundi 4 mai 2026" in plan
    assert "mardi 4 août 2026" in plan  # month-3 tripartite review
    assert "Bilan à six mois" in plan and "Réécriture de la fiche de poste" in plan
    assert "Choisir avec l'équipe comment se présenter" in plan  # what the peer wants reviewed


def test_fields_not_given_are_never_invented(cli, example) -> None:
    texts = _render(cli, example("caarud-lyon"))
    fiche = texts["04-fiche-de-poste.docx"]
    # The CAARUD's fiche gives no amount, no tutor, no reference: none may appear.
    assert "Rémunération\nselon la CCN du 15 mars 1966 (IDCC 0413)" in fiche
    assert "Convention collective\n" not in fiche  # said once, on the pay line
    assert "€" not in fiche
    assert "Tuteur·rice dans l'équipe" not in fiche
    assert "Référence" not in fiche
    assert "CDD (12 mois, renouvelable)" in fiche
    # The diagnostic says the post fills a vacancy: the posting must not claim it replaces no one.
    assert "collègue à part entière de l'équipe." in fiche and "n'en remplace aucun" not in fiche
    info = texts["05-information-collective.docx"]
    assert "En visioconférence" in info and "https://visio.example.org/escale-info-coll" in info
    assert "visite des locaux" not in info
    guide = texts["06-guide-entretiens.docx"]
    assert "associer au jury un·e pair·e d'une autre structure" in guide
    report = texts["02-rapport-de-preparation.docx"]
    assert "Pas encore" in report
    assert "point(s) bloquant(s)" in report


def test_no_example_names_another_example_s_structure_or_city(cli, example) -> None:
    """Each example is one fictional structure: its files and documents never name another's
    structure, city or people (regression: the SAMSAH was a copy of the CAARUD, the pension's
    documents named the Grenoble CHRS)."""
    from ruamel.yaml import YAML

    own: dict[str, set[str]] = {}
    for root in (p for p in EXAMPLES.iterdir() if p.is_dir()):
        structure = YAML(typ="safe").load((root / "structure.yaml").read_text("utf-8"))
        own[root.name] = {structure["nom"], structure["ville"], str(structure["contact_nom"])}
    for root in (p for p in EXAMPLES.iterdir() if p.is_dir()):
        project = example(root.name)
        folders = [project, *(p for p in project.iterdir() if (p / "recrutement.yaml").is_file())]
        texts = []
        for folder in folders:
            texts.extend(path.read_text("utf-8") for path in folder.glob("*.yaml"))
            assert cli("documents", folder).exit_code == 0
            texts.extend(docx_text(path) for path in (folder / "documents").glob("*.docx"))
        whole = "\n".join(texts)
        for other, names in own.items():
            if other == root.name:
                continue
            for name in names:
                assert name not in whole, (root.name, "names", other, name)
