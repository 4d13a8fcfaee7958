"""The annual activity report as an editable Word draft, and its tables as a spreadsheet.

It receives plain tables (title, headers, rows, base, note, whether to publish, a chart to
draw) and names no figure: what the report holds is decided by the year's layer above.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

from pairkit.documents.charts import bar_chart, numeric
from pairkit.documents.layout import keep_pages_whole, page_numbers
from pairkit.documents.outputs import Written, write_output
from pairkit.documents.spreadsheet import workbook
from pairkit.documents.templates import mark
from pairkit.errors import FileAccessError
from pairkit.files.atomic import make_folder


class Table(TypedDict):
    """One table of the report."""

    title: str
    headers: list[str]
    rows: list[list[Any]]
    base: str
    note: str
    published: bool
    chart: str | None
    # The columns drawn (all numeric ones when empty; the first for a single-series chart).
    chart_columns: list[int]
    # Sentences stated from the figures (trends), and quotes; what replaces a withheld figure.
    sentences: list[str]
    quotes: list[str]
    withheld: str


class Section(TypedDict):
    """One block of the report, in order: a heading (`titre`, of its `level`), a paragraph
    (`texte`), a placeholder left for a person to write (`a-rediger`), or a table."""

    kind: str
    text: str
    level: int
    table: Table | None


def _chart(table: Table) -> bytes | None:
    """The table drawn as bars: its first column as labels, each numeric column a series."""
    if not table["chart"] or not table["rows"]:
        return None
    columns = [index for index in table["chart_columns"] or range(1, len(table["headers"]))
               if all(numeric(row[index]) for row in table["rows"])]
    if table["chart"] == "barres":
        columns = columns[:1]
    if not columns:
        return None
    labels = [str(row[0]) for row in table["rows"]]
    series = [(table["headers"][index] or table["title"], [float(row[index]) for row in table["rows"]])
              for index in columns]
    return bar_chart(table["title"], labels, series)


# The report's text width, and what a character of the tables' 9-point type takes.
_TEXT_WIDTH_CM = 16.6
_CHAR_CM = 0.19


def _column_widths(table: Table) -> list[float]:
    """Each column wide enough for its longest word (a word is never cut across lines), the
    first (the labels) taking what is left."""
    columns = list(zip(table["headers"], *table["rows"], strict=False))
    need = [max(len(word) for cell in column for word in str(cell).split() or [""]) * _CHAR_CM + 0.5
            for column in columns]
    spare = _TEXT_WIDTH_CM - sum(need)
    if spare <= 0:
        return [width * _TEXT_WIDTH_CM / sum(need) for width in need]
    return [need[0] + spare, *need[1:]]


def _add_table(document: Any, table: Table) -> None:
    from docx.shared import Cm, Pt

    grid = document.add_table(rows=1, cols=len(table["headers"]))
    grid.style = "Table Grid"
    grid.autofit = False
    for cell, header in zip(grid.rows[0].cells, table["headers"], strict=True):
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table["rows"]:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = f"{value:g}" if type(value) is float else str(value)
    last = len(grid.rows) - 1
    widths = _column_widths(table)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice reads; the cells' for Word
    for index, row in enumerate(grid.rows):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                # A table reads whole: its rows stay on one page with its title.
                paragraph.paragraph_format.keep_with_next = index < last
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def _add_figure(document: Any, table: Table, level: int) -> None:
    from docx.shared import Cm, Pt

    document.add_heading(table["title"], min(level, 3))
    if not table["published"]:
        document.add_paragraph(table["withheld"]).runs[0].italic = True
        return
    if not (table["rows"] or table["sentences"] or table["quotes"]):
        document.add_paragraph("Rien de noté cette année.").runs[0].italic = True
        return
    base = document.add_paragraph(f"Base : {table['base']}.")
    base.runs[0].italic = True
    base.paragraph_format.keep_with_next = True
    for sentence in table["sentences"]:
        document.add_paragraph(sentence, style="List Bullet")
    for quote in table["quotes"]:
        said = document.add_paragraph(f"« {quote} »")
        said.paragraph_format.left_indent = Cm(1)
        said.runs[0].italic = True
    if table["rows"]:
        _add_table(document, table)
    chart = _chart(table)
    if chart is not None:
        document.add_picture(io.BytesIO(chart), width=Cm(15.5))
        # Clear of the table above: its bottom border never runs into the chart.
        document.paragraphs[-1].paragraph_format.space_before = Pt(10)
    if table["note"]:
        document.add_paragraph(table["note"]).paragraph_format.space_before = Pt(6)


def write_report(folder: Path, stem: str, title: str, subtitle: str, lead: Sequence[str],
                 sections: Sequence[Section], unreadable: Sequence[str]) -> list[Written]:
    """`stem.docx` (its parts, texts, tables and charts) and `stem.xlsx` (one sheet per
    published table)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.language = "fr-FR"
    document.core_properties.title = title
    document.add_heading(title, 0)
    document.add_paragraph(subtitle).runs[0].italic = True
    for paragraph in lead:
        document.add_paragraph(paragraph)
    tables = []
    for block in sections:
        if block["kind"] == "titre":
            document.add_heading(block["text"], block["level"])
        elif block["kind"] == "texte":
            document.add_paragraph(block["text"])
        elif block["kind"] == "a-rediger":
            placeholder = document.add_paragraph(block["text"])
            placeholder.runs[0].italic = True
            placeholder.runs[0].bold = True
        elif block["table"] is not None:
            _add_figure(document, block["table"], block["level"])
            tables.append(block["table"])
    if unreadable:
        document.add_heading(unreadable[0], 2)
        for line in unreadable[1:]:
            document.add_paragraph(line, style="List Bullet")
    page_numbers(document, title)
    keep_pages_whole(document)
    mark(document)
    buffer = io.BytesIO()
    document.save(buffer)
    make_folder(folder)
    sheets = [(table["title"], table["headers"], table["rows"], [f"Base : {table['base']}.", table["note"]])
              for table in tables if table["published"] and table["rows"]]
    return [write_output(folder / f"{stem}.docx", buffer.getvalue()),
            write_output(folder / f"{stem}.xlsx", workbook(sheets))]


def write_sheet(path: Path, name: str, headers: list[str], rows: list[list[Any]]) -> Written:
    """One table as a spreadsheet (the portfolio's export), in a folder that exists: a
    mistyped folder is said, never created."""
    if not path.parent.is_dir():
        raise FileAccessError(
            f"Le dossier « {path.parent} » n'existe pas : le tableur « {path.name} » n'a pas été "
            "écrit.", hint="Vérifiez le chemin donné à --xlsx, ou créez d'abord le dossier.")
    return write_output(path, workbook([(name, headers, rows, [])]))
