"""The slips a director would notice (issue « A full run in 90 questions… »), each pinned: the
documents are checked by their text, and by the PDF's text where the layout is the point."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document

from pairkit.documents.pdf import find_soffice
from tests.conftest import docx_text, edit


def _render(cli, project):  # type: ignore[no-untyped-def]
    assert cli("documents", project).exit_code == 0
    return {p.stem: docx_text(p) for p in (project / "documents").glob("*.docx")}


def test_footers_agree_with_what_each_document_is(cli, example) -> None:
    texts = _render(cli, example("chrs-grenoble"))
    assert "Fiche de poste — établie le" in texts["04-fiche-de-poste"]
    assert "Note d'intention — établie le" in texts["01-note-d-intention"]
    assert "Guide d'entretien — établi le" in texts["06-guide-entretiens"]
    assert "Information collective — établi le" not in texts["05-information-collective"]


def test_the_fiche_says_its_profile_and_lists_as_written_french(cli, example) -> None:
    project = example("samsah-clermont")
    edit(project, "structure.yaml", {"nom": "Le Relais - Clermont-Ferrand"})
    edit(project, "fiche-de-poste.yaml", {"experiences": ["rue", "hebergement"],
                                          "missions": ["aller vers les personnes isolées"]})
    fiche = _render(cli, project)["04-fiche-de-poste"]
    assert "Le Relais - Clermont-Ferrand, Clermont-Ferrand" not in fiche  # the city once
    assert "Une expérience vécue de la rue ou de la grande précarité, ou de l'hébergement" in fiche
    assert "Aller vers les personnes isolées" in fiche  # a list item starts with a capital


def test_the_information_collective_names_the_post_inside_its_sentence(cli, example) -> None:
    texts = _render(cli, example("chrs-grenoble"))
    assert "Présentation du poste de travailleur·se pair·e aux candidat·es" in texts["05-information-collective"]


def test_the_note_d_intention_keeps_its_steps_together() -> None:
    from pairkit.resources import bundled_templates_dir

    note = Document(str(bundled_templates_dir() / "note-intention.docx"))
    steps = [p for p in note.paragraphs if p.style is not None and p.style.name == "List Number"]
    assert len(steps) == 5
    assert all(p.paragraph_format.keep_with_next for p in steps[:-1])
    assert not steps[-1].paragraph_format.keep_with_next


def test_the_dossier_names_the_fiche_in_its_contents(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("dossier", project).exit_code == 0
    dossier = Document(str(project / "documents" / "00-dossier-accompagnement.docx"))
    contents = [p.text for p in dossier.paragraphs if p.style is not None and p.style.name == "TOC 1"]
    assert "Fiche de poste : Travailleur·se pair·e" in contents
    assert "Note d'intention" in contents


def test_the_etat_des_lieux_is_no_longer_called_a_diagnostic() -> None:
    from pairkit.questions.model import load_step_content

    questions = [q.message for q in load_step_content("diagnostic").questions]
    assert not any("ce diagnostic" in q for q in questions)


def _report(cli, workdir):  # type: ignore[no-untyped-def]
    from tests.conftest import EXAMPLES

    root = workdir / "projets"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("documents", "rapport-*"))
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    return root / "rapport-activite-2026.docx"


def test_the_annual_report_has_page_numbers_and_room_for_its_words(cli, workdir) -> None:
    from docx.oxml.ns import qn

    path = _report(cli, workdir)
    report = Document(str(path))
    footer = report.sections[0].footer.paragraphs[0]
    codes = "".join(t.text or "" for t in footer._p.iter(qn("w:instrText")))
    assert "PAGE" in codes and "NUMPAGES" in codes and footer.text.startswith("Rapport d'activité 2026 — page")
    activities = next(t for t in report.tables if t.rows[0].cells[1].text == "Séances")
    widths = [cell.width for cell in activities.rows[0].cells]
    assert widths[0] > widths[1] and len(set(widths)) > 1  # labels wider than « Séances »
    pictures = [p for p in report.paragraphs if p._p.xpath(".//w:drawing")]
    assert pictures and all(p.paragraph_format.space_before for p in pictures)


@pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice ou poppler (pdftotext) absent")
def test_the_annual_report_s_pdf_splits_no_word_and_numbers_its_pages(cli, workdir) -> None:
    from pairkit.documents.pdf import to_pdf

    (pdf,) = to_pdf([_report(cli, workdir)])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Sensibilisation" in text and "Sensibilisatio\n" not in text
    assert "professionnel·les" in text
    assert "page 1 sur" in text


def test_no_heading_stands_over_nothing_in_the_fiche(cli, example) -> None:
    """Savoir-être start empty and a diploma may be undecided: their headings go with them."""
    project = example("chrs-grenoble")
    edit(project, "fiche-de-poste.yaml", {"savoir_etre": None, "competences": None, "diplome_exige": None,
                                          "formation_proposee": None})
    fiche = _render(cli, project)["04-fiche-de-poste"]
    assert "Savoir-être et compétences" not in fiche and "Diplômes et formation" not in fiche
    full = _render(cli, example("samsah-clermont"))["04-fiche-de-poste"]
    assert "Savoir-être et compétences" in full and "Diplômes et formation" in full
