"""Page layout rules every filled document gets, whatever its template.

A table row never breaks across two pages (« Début de / l'accompagnement »), and a document
never ends on a page holding one or two stray lines: its last lines are chained with « keep
with next » so that, when they do not fit, they move to the last page together.
"""

from __future__ import annotations

from typing import Any

# Fewer lines than this on a last page looks like a mistake to a reader.
MIN_LAST_PAGE_LINES = 4
# Characters on a full line of body text (10.5 pt Calibri over 16.6 cm): a rough count is
# enough, it only decides how many paragraphs to chain.
_LINE_CHARS = 95
_CELL_LINE_CHARS = 40


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(_qn("w:t")))


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    from docx.oxml import OxmlElement

    found = parent.find(_qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def _keep_lines_together(paragraph: Any) -> None:
    """The paragraph is not split across two pages (its line count then holds on one page)."""
    from docx.oxml import OxmlElement

    ppr = _child(paragraph, "w:pPr", first=True)
    if ppr.find(_qn("w:keepLines")) is None:
        # Schema order: pStyle, keepNext, keepLines, …
        at = sum(1 for child in ppr if child.tag in (_qn("w:pStyle"), _qn("w:keepNext")))
        ppr.insert(at, OxmlElement("w:keepLines"))


def _keep_with_next(paragraph: Any) -> None:
    ppr = _child(paragraph, "w:pPr", first=True)
    if ppr.find(_qn("w:keepNext")) is None:
        from docx.oxml import OxmlElement

        # w:keepNext comes right after w:pStyle in the schema's order.
        style = ppr.find(_qn("w:pStyle"))
        ppr.insert(0 if style is None else 1, OxmlElement("w:keepNext"))


_AFTER_CANT_SPLIT = frozenset(
    _qn(f"w:{name}") for name in ("trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden",
                                  "ins", "del", "trPrChange"))


def _rows_whole(body: Any) -> None:
    for row in body.iter(_qn("w:tr")):
        trpr = row.find(_qn("w:trPr"))
        if trpr is None:
            from docx.oxml import OxmlElement

            trpr = OxmlElement("w:trPr")
            # w:trPr follows w:tblPrEx (if any) and precedes the cells.
            anchor = row.find(_qn("w:tblPrEx"))
            row.insert(0 if anchor is None else 1, trpr)
        if trpr.find(_qn("w:cantSplit")) is None:
            from docx.oxml import OxmlElement

            after = next((i for i, el in enumerate(trpr) if el.tag in _AFTER_CANT_SPLIT),
                         len(trpr))
            trpr.insert(after, OxmlElement("w:cantSplit"))


def _lines(text: str, width: int) -> int:
    return len(text) // width + 1


def _is_heading(paragraph: Any) -> bool:
    style = paragraph.find(f"{_qn('w:pPr')}/{_qn('w:pStyle')}")
    name = "" if style is None else str(style.get(_qn("w:val")))
    return name.startswith(("Heading", "Title", "Subtitle"))


def _tail_together(body: Any) -> None:
    counted = 0
    elements = list(body)
    last = next((el for el in reversed(elements)
                 if el.tag == _qn("w:tbl") or (el.tag == _qn("w:p") and _text(el).strip())), None)
    for element in reversed(elements):
        if counted >= MIN_LAST_PAGE_LINES:
            return
        if element.tag == _qn("w:p"):
            text = _text(element)
            if not text.strip():
                continue  # an empty spacer: it holds no line a reader counts
            if counted or element is not last:
                # The very last paragraph has nothing to keep with: LibreOffice then lets
                # the chain before it break.
                _keep_with_next(element)
            _keep_lines_together(element)
            if not _is_heading(element):  # a heading is not body text a reader counts
                counted += _lines(text, _LINE_CHARS)
        elif element.tag == _qn("w:tbl"):
            for row in reversed(list(element.iter(_qn("w:tr")))):
                cells = [_text(cell) for cell in row.iter(_qn("w:tc"))]
                for paragraph in row.iter(_qn("w:p")):
                    _keep_with_next(paragraph)
                counted += max(_lines(cell, _CELL_LINE_CHARS) for cell in cells or [""])
                if counted >= MIN_LAST_PAGE_LINES:
                    return


def keep_pages_whole(document: Any) -> None:
    """Rows whole, and the document's last lines kept together on its last page."""
    body = document.element.body
    _rows_whole(body)
    _tail_together(body)


def add_field(paragraph: Any, code: str, new_run: Any) -> None:
    """A Word field (PAGE, NUMPAGES) at the end of `paragraph`, one run per part as Word writes
    them (begin, instruction, separate, result, end); `new_run()` makes each run, styled.

    python-docx has no public way to write a field: the runs get the field's characters.
    """
    from docx.oxml import OxmlElement

    for kind in ("begin", "instr", "separate", "result", "end"):
        run = new_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(_qn("xml:space"), "preserve")
            element.text = f" {code} "
        elif kind == "result":
            element = OxmlElement("w:t")
            element.text = "1"
        else:
            element = OxmlElement("w:fldChar")
            element.set(_qn("w:fldCharType"), kind)
        run._r.append(element)


def page_numbers(document: Any, title: str) -> None:
    """A footer « title — page N sur M » on every page (Word and LibreOffice fill the fields)."""
    from docx.shared import Pt

    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = ""

    def small(text: str = "") -> Any:
        run = paragraph.add_run(text)
        run.font.size = Pt(8.5)
        return run

    small(f"{title} — page ")
    add_field(paragraph, "PAGE", small)
    small(" sur ")
    add_field(paragraph, "NUMPAGES", small)
