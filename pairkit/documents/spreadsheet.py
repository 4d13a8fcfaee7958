"""Spreadsheets (.xlsx) for the funders' own tables: the only module that talks to openpyxl.

Each value is written in a cell of its own type, as Excel reads it: a text always as text (one
starting with « = » is never a formula), whole numbers and amounts as numbers, dates as dates.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

# Excel refuses these in a sheet's name, and names longer than 31 characters.
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_NAME = 31
# Characters the XML of a workbook cannot hold.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What a spreadsheet program takes for the start of a formula when the cell is typed again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Euros(float):
    """An amount in euros: shown « 2 011 € » in a document, a number in a spreadsheet."""

    def __str__(self) -> str:
        return f"{round(self):,}".replace(",", "\u202f") + "\u00a0€"


def sheet_title(name: str, used: set[str]) -> str:
    """A sheet's name Excel accepts: no forbidden character, 31 characters at most, cut
    between words, unique in the workbook."""
    def fit(text: str, room: int) -> str:
        text = " ".join(text.split())
        if len(text) <= room:
            return text
        cut = text[:room + 1].rsplit(" ", 1)[0] if " " in text[:room + 1] else text[:room]
        return cut.rstrip(" ,;-—") or text[:room]

    base = fit(_FORBIDDEN.sub(" ", _ILLEGAL.sub("", name)).strip("' "), _SHEET_NAME) or "Feuille"
    title, number = base, 1
    while title.lower() in {other.lower() for other in used}:
        number += 1
        suffix = f" ({number})"
        title = fit(base, _SHEET_NAME - len(suffix)) + suffix
    used.add(title)
    return title


def _put(cell: Any, value: Any) -> None:
    """One value in its cell, typed."""
    if value is None:
        return
    if isinstance(value, Euros):
        cell.value = float(value)
        cell.number_format = '#,##0 "€"'
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
    elif isinstance(value, dt.datetime):
        cell.value = value.replace(microsecond=0)
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
    else:
        text = _ILLEGAL.sub("", str(value))
        cell.value = text
        cell.data_type = "s"  # openpyxl would take « =… » for a formula
        if text.startswith(_FORMULA_START):
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


def workbook(sheets: list[tuple[str, list[str], list[list[Any]], list[str]]]) -> bytes:
    """One sheet per table: (name, headers, rows, lines written under the table)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for name, headers, rows, notes in sheets:
        sheet = book.create_sheet(sheet_title(name, used))
        lines = [headers, *rows, *([[], *[[note] for note in notes if note]] if notes else [])]
        for number, line in enumerate(lines, start=1):
            for column, value in enumerate(line, start=1):
                _put(sheet.cell(row=number, column=column), value)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            width = max(len(_shown(cell.value)) for cell in column[: len(rows) + 1])
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _shown(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return "00/00/0000 00:00"
    if isinstance(value, dt.date):
        return "00/00/0000"
    return "" if value is None else str(value)
