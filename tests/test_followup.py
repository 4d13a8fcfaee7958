"""Six-month follow-up, calendar files and PDF copies."""

from __future__ import annotations

import shutil

import pytest
from ruamel.yaml import YAML

from tests.conftest import docx_text

REVIEW = """date: 2026-11-04
participants: Claire Morel, Karim B., la plateforme, le pair
parole_pair: Les visites en binôme marchent bien.
decisions:
  - Le temps collectif passe au jeudi
missions_retirees:
  - Aller vers les personnes à la rue orientées vers le CHRS
missions_ajoutees:
  - Co-animer le conseil de la vie sociale
formation: Formation à l'animation de groupe
"""


def test_recording_the_month_six_review_proposes_a_revised_fiche(cli, example) -> None:
    project = example("chrs-grenoble")
    review = project.parent / "m6.yaml"
    review.write_text(REVIEW, encoding="utf-8")
    result = cli("plan", project, "--bilan", "M6", "--reponses", review)
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((project / "plan.yaml").read_text("utf-8"))
    assert data["bilans"]["m6"]["missions_ajoutees"] == ["Co-animer le conseil de la vie sociale"]
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    # The example's other meetings (May to September 2026) are past without a review.
    assert "fait le 4 novembre 2026" in plan and "manqué : pas de compte rendu" in plan
    assert "Ce que dit le ou la pair·e : Les visites en binôme marchent bien." in plan
    revised = docx_text(project / "documents" / "04b-fiche-de-poste-revisee.docx")
    assert "Proposition de fiche de poste révisée" in revised
    assert "Co-animer le conseil de la vie sociale" in revised
    assert "Aller vers les personnes à la rue orientées vers le CHRS" not in revised
    original = docx_text(project / "documents" / "04-fiche-de-poste.docx") \
        if (project / "documents" / "04-fiche-de-poste.docx").exists() else ""
    assert "Proposition de fiche" not in original


def test_a_review_needs_the_peer_s_word_and_a_known_milestone(cli, example) -> None:
    project = example("chrs-grenoble")
    review = project.parent / "m3.yaml"
    review.write_text("date: 2026-08-04\nparticipants: tous\n", encoding="utf-8")
    result = cli("plan", project, "--bilan", "m3", "--reponses", review)
    assert result.exit_code == 2 and "bilans.m3.parole_pair" in result.output
    unknown = cli("plan", project, "--bilan", "m99", "--reponses", review)
    assert unknown.exit_code == 1 and "preparation, integration, m1" in unknown.output
    review.write_text("date: demain\nparole_pair: x\ninconnu: 1\n", encoding="utf-8")
    bad = cli("plan", project, "--bilan", "m3", "--reponses", review)
    assert bad.exit_code == 1 and "m3.yaml" in bad.output and "inconnu" in bad.output


def test_review_interview_offers_the_fiche_missions_to_remove(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    keys = ["\r", "Tous\r", "Ça va bien\r", "\r", "\r",
            " \r",          # remove the first mission of the fiche
            "\r", "\r", "\r", "\r",
            *["\r"] * 24]  # the peers' grid, peer then manager: left unsaid
    for key in keys:
        pipe.send_text(key)
    result = cli("plan", project, "--bilan", "m3")
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((project / "plan.yaml").read_text("utf-8"))
    review = data["bilans"]["m3"]
    assert str(review["date"]) == "2026-08-04"  # the milestone's date, offered by default
    assert review["missions_retirees"] == ["Recréer le lien avec les personnes qui décrochent de l'hébergement"]
    assert "grille_pair" not in review  # unsaid: not written, not even as an empty group


def parse_ics(text: str) -> list[dict[str, str]]:
    lines: list[str] = []
    for raw in text.split("\r\n"):
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            key, _, value = line.partition(":")
            current[key] = value
    return events


def test_calendar_files_have_stable_events(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    plan_ics = (project / "documents" / "07-plan-six-mois.ics").read_bytes()
    info_ics = (project / "documents" / "05-information-collective.ics").read_bytes()
    for raw in (plan_ics, info_ics):
        assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
        assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    events = parse_ics(plan_ics.decode("utf-8"))
    assert len(events) == 7
    m3 = next(e for e in events if e["UID"].startswith("plan-m3-"))
    assert m3["DTSTART;VALUE=DATE"] == "20260804"
    assert "Bilan tripartite" in m3["SUMMARY"]
    info = parse_ics(info_ics.decode("utf-8"))[0]
    assert info["DTSTART;TZID=Europe/Paris"] == "20260401T140000"
    assert info["DTEND;TZID=Europe/Paris"] == "20260401T154000"
    assert "12 rue des Alliés" in info["LOCATION"]
    # Exporting again keeps the same identifiers: calendars update instead of duplicating.
    assert cli("documents", project).exit_code == 0
    again = parse_ics((project / "documents" / "07-plan-six-mois.ics").read_bytes().decode("utf-8"))
    assert [e["UID"] for e in again] == [e["UID"] for e in events]


def test_pdf_without_libreoffice_says_how_to_install_it(cli, example, monkeypatch) -> None:
    project = example("caarud-lyon")
    monkeypatch.setattr("pairkit.documents.pdf.find_soffice", lambda: None)
    result = cli("documents", project, "--pdf")
    assert result.exit_code == 1
    assert "LibreOffice n'est pas installé" in result.output and "libreoffice" in result.output.lower()
    assert len(list((project / "documents").glob("*.docx"))) == 7  # the Word files are there


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_pdf_copies_with_libreoffice(cli, example) -> None:
    project = example("caarud-lyon")
    result = cli("info-coll", project, "--pdf")
    assert result.exit_code == 0, result.output
    pdf = project / "documents" / "05-information-collective.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


def test_dossier_gathers_every_document_with_a_table_of_contents(cli, example) -> None:
    from docx import Document

    project = example("caarud-lyon")
    result = cli("dossier", project)
    assert result.exit_code == 0, result.output
    path = project / "documents" / "00-dossier-accompagnement.docx"
    text = docx_text(path)
    for title in ("Dossier d'accompagnement", "Note d'intention", "État des lieux avant l'embauche",
                  "Motivations et craintes de l'équipe", "Médiateur·rice pair·e en réduction des risques",
                  "Information collective", "Guide d'entretien", "Plan de co-construction sur six mois"):
        assert title in text, title
    assert "[[SOMMAIRE]]" not in text
    doc = Document(str(path))
    xml = doc.element.body.xml
    assert 'TOC \\o "1-2"' in xml
    assert doc.settings.element.xml.count("updateFields") == 1
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Note d'intention" in headings and "Guide d'entretien" in headings


def test_dossier_of_an_empty_project_is_refused(cli, workdir) -> None:
    (workdir / "vide").mkdir()
    result = cli("dossier", workdir / "vide")
    assert result.exit_code == 1 and "Aucune étape terminée" in result.output


def _dossier_lists(path) -> list[list[str]]:
    """The numbered lists of a Word file: for each list, the numId of each item."""
    from docx import Document
    from docx.oxml.ns import qn

    lists: list[list[str]] = []
    previous = False
    for paragraph in Document(str(path)).element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        item = style is not None and style.get(qn("w:val")) == "ListNumber"
        if item:
            num = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            if not previous:
                lists.append([])
            lists[-1].append(num.get(qn("w:val")) if num is not None else "")
        previous = item
    return lists


def test_each_numbered_list_of_the_dossier_restarts(cli, example) -> None:
    """Regression: « Les engagements de l'équipe » went on from the readiness report's list."""
    project = example("caarud-lyon")
    assert cli("dossier", project).exit_code == 0
    lists = _dossier_lists(project / "documents" / "00-dossier-accompagnement.docx")
    assert len(lists) >= 2
    ids = [items[0] for items in lists]
    assert all(len(set(items)) == 1 for items in lists) and len(set(ids)) == len(ids)


def test_the_dossier_pdf_numbers_each_list_from_one(cli, example) -> None:
    import shutil
    import subprocess

    from pairkit.documents.pdf import find_soffice

    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice ou pdftotext absent")
    project = example("caarud-lyon")
    assert cli("dossier", project, "--pdf").exit_code == 0
    text = subprocess.run(["pdftotext", str(project / "documents" / "00-dossier-accompagnement.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    after = text.split("Les engagements de l'équipe")[-1]
    first = next(line for line in after.splitlines() if line[:1].isdigit())
    assert first.startswith("1. "), first


def test_meetings_are_listed_in_the_calendar_s_order(example) -> None:
    """A one-month trial ends before the one-month point: the plan, its calendar and its
    « passed without a report » point list the meetings by date, not in the method's order."""
    import datetime as dt

    from pairkit.files.project import Project
    from pairkit.method import plan

    project = Project.open(example("caarud-lyon"))
    rows = plan.schedule(project.load(plan.STEP))
    titles = [row["titre"] for row in rows]
    assert titles.index("Avant la fin de la période d'essai") < titles.index("Point à un mois")
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    missed = next(p for p in plan.vigilance(project) if p.code == "rendez-vous-manques")
    assert missed.reason.index("28 septembre 2026") < missed.reason.index("1er octobre 2026")
    assert all(isinstance(row["date"], dt.date) for row in rows)
