"""Spreadsheets as Excel reads them: every text a text, numbers and dates typed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from pairkit.documents.spreadsheet import Euros, sheet_title, workbook
from tests.conftest import EXAMPLES, edit

HOSTILE = ['=HYPERLINK("http://x","clic")', "=1+1", "+33 6 12", "-2", "@SUM(A1)", "\tx", "\rcr"]


def _cells(path: Path) -> list[object]:
    book = load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _portfolio(workdir: Path) -> Path:
    root = workdir / "projets"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("documents", "rapport-*", ".*"))
    return root


def test_answers_that_look_like_formulas_are_written_as_text(cli, workdir) -> None:
    root = _portfolio(workdir)
    structures = sorted(path.parent for path in root.glob("*/structure.yaml"))
    for folder, hostile in zip(structures, HOSTILE, strict=False):
        edit(folder, "structure.yaml", {"nom": hostile, "type_structure": "=1+1"})
    out = workdir / "suivi.xlsx"
    assert cli("suivi", root, "--xlsx", out).exit_code == 0
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    for book in (out, root / "rapport-activite-2026.xlsx"):
        cells = _cells(book)
        assert not [c.coordinate for c in cells if c.data_type == "f"], book.name
        texts = {c.value for c in cells if isinstance(c.value, str)}
        assert "=1+1" in texts, book.name
    names = {c.value for c in _cells(out)}
    assert {h for h in HOSTILE[:len(structures)]} <= {str(n).split(" — ")[0] for n in names}


def test_the_portfolio_sheet_has_numbers_and_dates_in_cells_of_their_own(cli, workdir) -> None:
    root = _portfolio(workdir)
    out = workdir / "suivi.xlsx"
    assert cli("suivi", root, "--xlsx", out).exit_code == 0
    sheet = load_workbook(out).active
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Structure", "Secteur", "État", "Depuis le"]
    rows = [dict(zip(headers, (c for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert rows
    for row in rows:
        assert isinstance(row["Points bloquants"].value, int)
        assert isinstance(row["Points de vigilance"].value, int)
        assert isinstance(row["Modifié le"].value, dt.datetime)
        assert row["Modifié le"].number_format == "DD/MM/YYYY HH:MM"
        since = row["Depuis le"]
        assert since.value is None or (isinstance(since.value, dt.datetime) and since.number_format == "DD/MM/YYYY")
        assert "depuis" not in str(row["État"].value)
    assert any(isinstance(row["Depuis le"].value, dt.datetime) for row in rows)


def test_the_reports_pay_is_a_number_in_euros(cli, workdir) -> None:
    root = _portfolio(workdir)
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    book = load_workbook(root / "rapport-activite-2026.xlsx")
    sheet = book[next(n for n in book.sheetnames if n.startswith("Rémunération"))]
    median = [c for c in sheet[2]]
    assert median[0].value == "Médiane"
    assert median[1].value == 2033 and median[1].number_format == '#,##0 "€"'
    assert isinstance(median[2].value, (int, float))


def test_sheet_names_are_cut_between_words_and_unique() -> None:
    used: set[str] = set()
    first = sheet_title("Structures accompagnées, par type de structure", used)
    assert first == "Structures accompagnées, par"
    second = sheet_title("Structures accompagnées, par type de public", used)
    assert second != first and len(second) <= 31 and second.endswith("(2)")
    assert sheet_title("a/b:c*d?[e]", used) == "a b c d e"


@given(st.text(max_size=60))
def test_any_text_is_a_text_cell_and_any_name_a_valid_sheet(text) -> None:
    import io

    used: set[str] = set()
    title = sheet_title(text, used)
    assert 1 <= len(title) <= 31 and not set(title) & set("[]:*?/\\")
    data = workbook([(text, ["Texte", "Montant"], [[text, Euros(1234.5)]], [text])])
    book = load_workbook(io.BytesIO(data))
    cell = book.active["A2"]
    assert cell.value is None or (cell.data_type == "s" and isinstance(cell.value, str))
    assert book.active["B2"].value == 1234.5
