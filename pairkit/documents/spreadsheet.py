"""Spreadsheets (.xlsx) for the funders' own tables: the only module that talks to openpyxl."""

from __future__ import annotations

import io
import re
from typing import Any

# Excel refuses these in a sheet's name, and names longer than 31 characters.
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def workbook(sheets: list[tuple[str, list[str], list[list[Any]], list[str]]]) -> bytes:
    """One sheet per table: (name, headers, rows, lines written under the table)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for name, headers, rows, notes in sheets:
        title = _FORBIDDEN.sub(" ", name)[:31].strip() or "Feuille"
        while title in used:
            title = f"{title[:28]}-{len(used)}"
        used.add(title)
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(list(row))
        if notes:
            sheet.append([])
            for note in notes:
                sheet.append([note])
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column[: len(rows) + 1])
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
