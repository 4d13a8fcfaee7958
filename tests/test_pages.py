"""Pages a director signs: checked in the Word files, and in the PDF text where LibreOffice is.

The PDF checks read what a reader sees (pdftotext): they are skipped where LibreOffice or
poppler is absent, and run in CI, whose script installs both.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from pairkit.documents.pdf import find_soffice

DOCUMENTS = ("01-note-d-intention", "02-rapport-de-preparation", "03-synthese-motivations-craintes",
             "04-fiche-de-poste", "05-information-collective", "06-guide-entretiens",
             "07-plan-six-mois", "00-dossier-accompagnement")

needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice ou poppler (pdftotext) absent",
)


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


def _body_lines(page: str) -> list[str]:
    """A page's lines of text, without the running header (first) and footer (last)."""
    lines = [line for line in page.splitlines() if line.strip()]
    return lines[1:-1]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Both examples' documents and dossiers, converted once, as the text of their pages."""
    if find_soffice() is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice ou poppler (pdftotext) absent")
    from typer.testing import CliRunner

    from pairkit.cli import app

    root = Path(__file__).resolve().parent.parent / "examples"
    pages: dict[str, list[str]] = {}
    for example in ("chrs-grenoble", "caarud-lyon"):
        project = tmp_path_factory.mktemp("pages") / example
        shutil.copytree(root / example, project)
        shutil.rmtree(project / "documents", ignore_errors=True)
        for command in (["documents", str(project), "--pdf"], ["dossier", str(project), "--pdf"]):
            result = CliRunner().invoke(app, command)
            assert result.exit_code == 0, result.output
        for name in DOCUMENTS:
            pdf = project / "documents" / f"{name}.pdf"
            pages[f"{example}/{name}"] = _pages(pdf)
            # Every page also becomes an image, as a person would look at it.
            subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(pdf.with_suffix(""))],
                           check=True, capture_output=True)
            images = sorted(pdf.parent.glob(f"{name}-*.png"))
            assert len(images) == len(pages[f"{example}/{name}"]), name
            assert all(image.read_bytes().startswith(b"\x89PNG") for image in images), name
    return pages


@needs_libreoffice
def test_no_page_holds_fewer_than_four_lines_unless_it_is_the_only_one(pdfs) -> None:
    short = {name: [n + 1 for n, page in enumerate(pages) if len(_body_lines(page)) < 4]
             for name, pages in pdfs.items() if len(pages) > 1}
    assert not {name: found for name, found in short.items() if found}


@needs_libreoffice
def test_the_dossier_table_of_contents_has_page_numbers(pdfs) -> None:
    for example in ("chrs-grenoble", "caarud-lyon"):
        pages = pdfs[f"{example}/00-dossier-accompagnement"]
        toc = "\n".join(pages[:2]).split("Sommaire", 1)[1]
        entries = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", toc, re.MULTILINE)
        titles = [title for title, _ in entries]
        assert "Note d'intention" in titles and "Guide d'entretien" in titles, toc[:600]
        numbers = [int(number) for _, number in entries]
        assert numbers == sorted(numbers) and numbers[0] >= 2 and numbers[-1] <= len(pages)
        assert "Sommaire" not in titles  # the contents do not list themselves
        # Each number is right: the part's title is on the page the contents give.
        number = dict(entries)["Guide d'entretien"]
        assert "Guide d'entretien" in pages[int(number) - 1]


@needs_libreoffice
def test_numbered_lists_restart_in_the_dossier_pdf(pdfs) -> None:
    text = "\n".join(pdfs["chrs-grenoble/00-dossier-accompagnement"])
    for heading in ("Prochaines actions", "Les engagements de l'équipe"):
        after = text.split(f"\n{heading}\n")[-1]
        first = next(line for line in after.splitlines() if re.match(r"\s*\d+\.", line))
        assert first.strip().startswith("1. "), (heading, first)


@needs_libreoffice
def test_times_and_table_rows_stay_whole_on_the_page(pdfs) -> None:
    programme = "\n".join(pdfs["chrs-grenoble/05-information-collective"])
    # Every time is whole on its line (not « 14 h / 20 »): 4 parts × 2 times, the start and end
    # of the session, and its length twice (1 h 40).
    assert len(re.findall(r"\b\d{1,2} h \d\d\b", programme)) == 12, programme
    # No row label broken across two pages (« Début de / l'accompagnement »).
    for name, pages in pdfs.items():
        for before, after in itertools.pairwise(pages):
            last, first = _body_lines(before)[-1:], _body_lines(after)[:1]
            if last and first:
                assert not (last[0].rstrip().endswith(" de") and first[0].lstrip()[:1].islower()), name


def test_every_table_row_is_kept_whole_and_the_last_lines_together(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    for path in sorted((project / "documents").glob("*.docx")):
        body = Document(str(path)).element.body
        rows = list(body.iter(qn("w:tr")))
        assert rows and all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
                            for row in rows), path.name
        texts = [p for p in body.iter(qn("w:p"))
                 if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()]
        # The last paragraph is never split, and the lines before it are chained to it unless
        # it is long enough alone: the last page holds at least four lines.
        kept = texts[-1].find(f"{qn('w:pPr')}/{qn('w:keepLines')}") is not None
        chained = texts[-2].find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
        long_alone = len("".join(t.text or "" for t in texts[-1].iter(qn("w:t")))) > 3 * 95
        in_table = texts[-1].getparent().tag == qn("w:tc")  # its row is whole, as checked above
        assert (in_table and chained) or (kept and (chained or long_alone)), path.name


def test_the_jury_tables_line_up(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("entretiens", project).exit_code == 0
    tables = Document(str(project / "documents" / "06-guide-entretiens.docx")).tables
    jury, practical = tables[0], tables[1]
    assert [c.width for c in jury.columns] == [c.width for c in practical.columns]
    assert jury.alignment == practical.alignment
