"""The « dossier d'accompagnement »: every document of a project in one Word file, with a
table of contents.

Each document is rendered from its own template and appended after the cover; headings go
one level down (a document's title becomes a level-1 heading) so the table of contents reads
« document › section ».
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any

from pairkit.documents.context import clean, common_context, step_context
from pairkit.documents.outputs import Written, write_output
from pairkit.documents.templates import fill_template, find_template, mark
from pairkit.errors import StepNotReady
from pairkit.files.project import Project
from pairkit.method.step import Step

NAME = "00-dossier-accompagnement.docx"
PLACEHOLDER = "[[SOMMAIRE]]"
_DEMOTE = {"Title": "Heading1", "Heading1": "Heading2", "Heading2": "Heading3",
           "Heading3": "Heading4", "Subtitle": "Heading5"}


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _demote(element: Any) -> None:
    for style in element.iter(_qn("w:pStyle")):
        value = style.get(_qn("w:val"))
        if value in _DEMOTE:
            style.set(_qn("w:val"), _DEMOTE[value])


def _page_break() -> Any:
    from docx.oxml import OxmlElement

    paragraph, run, brk = OxmlElement("w:p"), OxmlElement("w:r"), OxmlElement("w:br")
    brk.set(_qn("w:type"), "page")
    run.append(brk)
    paragraph.append(run)
    return paragraph


def _field_run(kind: str, text: str = "") -> Any:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    if kind == "instr":
        el = OxmlElement("w:instrText")
        el.set(_qn("xml:space"), "preserve")
        el.text = text
    elif kind == "text":
        el = OxmlElement("w:t")
        el.text = text
    else:
        el = OxmlElement("w:fldChar")
        el.set(_qn("w:fldCharType"), kind)
    run.append(el)
    return run


def _toc(document: Any, entries: list[tuple[int, str]]) -> None:
    """Replace the placeholder with a TOC field whose pre-filled result lists the headings."""
    from docx.oxml import OxmlElement

    target = next((p for p in document.paragraphs if p.text.strip() == PLACEHOLDER), None)
    if target is None:
        return  # a customised cover without a table of contents
    anchor = target._p
    paragraphs = []
    for index, (level, text) in enumerate(entries or [(1, "")]):
        paragraph = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(_qn("w:val"), f"TOC{level}")
        ppr.append(style)
        paragraph.append(ppr)
        if index == 0:
            paragraph.append(_field_run("begin"))
            paragraph.append(_field_run("instr", ' TOC \\o "1-2" \\h \\z \\u '))
            paragraph.append(_field_run("separate"))
        paragraph.append(_field_run("text", text))
        paragraphs.append(paragraph)
    paragraphs[-1].append(_field_run("end"))
    for paragraph in paragraphs:
        anchor.addprevious(paragraph)
    anchor.getparent().remove(anchor)


def _style_num_id(document: Any, style_id: str) -> str | None:
    for style in document.styles.element.iter(_qn("w:style")):
        if style.get(_qn("w:styleId")) == style_id:
            num = style.find(f"{_qn('w:pPr')}/{_qn('w:numPr')}/{_qn('w:numId')}")
            return None if num is None else str(num.get(_qn("w:val")))
    return None


def _restart_numbered_lists(document: Any) -> None:
    """Each numbered list of the dossier starts at 1, as in its own document.

    The documents' « List Number » paragraphs share one numbering, so the second document's
    list went on from the first's; each list after the first gets a numbering of its own that
    restarts (a new w:num over the same abstract numbering).
    """
    from docx.oxml import OxmlElement

    num_id = _style_num_id(document, "ListNumber")
    if num_id is None:
        return
    numbering = document.part.numbering_part.element
    base = next((n for n in numbering.iter(_qn("w:num")) if n.get(_qn("w:numId")) == num_id), None)
    if base is None:
        return
    abstract = base.find(_qn("w:abstractNumId")).get(_qn("w:val"))
    next_id = max(int(n.get(_qn("w:numId"))) for n in numbering.iter(_qn("w:num"))) + 1
    previous_was_item = False
    current: str | None = None
    for paragraph in document.element.body.iter(_qn("w:p")):
        style = paragraph.find(f"{_qn('w:pPr')}/{_qn('w:pStyle')}")
        is_item = style is not None and style.get(_qn("w:val")) == "ListNumber"
        if is_item and not previous_was_item:
            current = str(next_id)
            next_id += 1
            num = OxmlElement("w:num")
            num.set(_qn("w:numId"), current)
            ref = OxmlElement("w:abstractNumId")
            ref.set(_qn("w:val"), abstract)
            override = OxmlElement("w:lvlOverride")
            override.set(_qn("w:ilvl"), "0")
            start = OxmlElement("w:startOverride")
            start.set(_qn("w:val"), "1")
            override.append(start)
            num.append(ref)
            num.append(override)
            numbering.append(num)
        if is_item and current is not None:
            ppr = paragraph.find(_qn("w:pPr"))
            numpr = ppr.find(_qn("w:numPr"))
            if numpr is None:
                numpr = OxmlElement("w:numPr")
                ppr.insert(1, numpr)
            for child in list(numpr):
                numpr.remove(child)
            level = OxmlElement("w:ilvl")
            level.set(_qn("w:val"), "0")
            ident = OxmlElement("w:numId")
            ident.set(_qn("w:val"), current)
            numpr.append(level)
            numpr.append(ident)
        previous_was_item = is_item


def _ensure_toc_styles(document: Any) -> None:
    """TOC 1 and TOC 2 with the page number at the right margin after a dotted leader."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm

    section = document.sections[0]
    right_edge = section.page_width - section.left_margin - section.right_margin
    for level in (1, 2):
        name = f"TOC {level}"
        try:
            style = document.styles[name]
        except KeyError:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
            style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            style.font.bold = level == 1
        stops = style.paragraph_format.tab_stops
        if not any(stop.alignment == WD_TAB_ALIGNMENT.RIGHT for stop in stops):
            stops.add_tab_stop(right_edge, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _starts_a_page(elements: list[Any]) -> list[Any]:
    """A part starts on a new page: its first paragraph says so, or a page break goes first.

    « Page break before » rather than a break paragraph, so the previous part's last lines,
    kept together, are not chained to an empty paragraph that belongs to the next page.
    """
    from docx.oxml import OxmlElement

    first = elements[0] if elements else None
    if first is None or first.tag != _qn("w:p"):
        return [_page_break(), *elements]
    ppr = first.find(_qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        first.insert(0, ppr)
    if ppr.find(_qn("w:pageBreakBefore")) is None:
        # Schema order: pStyle, keepNext, keepLines, pageBreakBefore, …
        known = [_qn("w:pStyle"), _qn("w:keepNext"), _qn("w:keepLines")]
        at = sum(1 for child in ppr if child.tag in known)
        ppr.insert(at, OxmlElement("w:pageBreakBefore"))
    return elements


def _named(part: Any, name: str) -> None:
    """A document whose title is not its name (the fiche is titled by the post) is named
    first: the table of contents reads « Fiche de poste : Travailleur·se pair·e »."""
    title = next((p for p in part.paragraphs if p.style is not None and p.style.name == "Title"), None)
    if title is None or title.text.lower().startswith(name.lower()):
        return
    text = title.text
    for run in title.runs[1:]:
        run._r.getparent().remove(run._r)  # python-docx has no public way to drop a run
    if title.runs:
        title.runs[0].text = f"{name} : {text}"


def build(project: Project, steps: tuple[Step[Any], ...], header: dict[str, Any],
          today: dt.date | None = None) -> Written:
    """Every finished step's document after a cover and a table of contents, in one file."""
    from docx import Document

    parts = [s for s in steps if project.has(s) and not project.missing(s)]
    if not parts:
        raise StepNotReady("Aucune étape terminée : le dossier serait vide.",
                           hint=f"Commencez par « pairkit new-project {project.root} ».")
    cover = clean(common_context(header, "Dossier d'accompagnement", today))
    master = Document(io.BytesIO(fill_template(find_template(project, "dossier.docx"), cover)))
    body = master.element.body
    section = body[-1] if body[-1].tag == _qn("w:sectPr") else None
    entries: list[tuple[int, str]] = []
    for step in parts:
        context = step_context(project, step, header, today)
        payload = fill_template(find_template(project, step.template), context)
        part = Document(io.BytesIO(payload))
        if step.info.titled_by_answer:
            _named(part, step.info.document_title or step.label)
        for paragraph in part.paragraphs:
            if paragraph.style is not None and paragraph.style.name in ("Title", "Heading 1"):
                entries.append((1 if paragraph.style.name == "Title" else 2, paragraph.text))
        elements = [copy.deepcopy(el) for el in part.element.body if el.tag != _qn("w:sectPr")]
        for element in _starts_a_page(elements):
            _demote(element)
            if section is not None:
                section.addprevious(element)
            else:
                body.append(element)
    _ensure_toc_styles(master)
    _toc(master, entries)
    _restart_numbered_lists(master)
    # Ask Word to refresh the table of contents (page numbers) when the file is opened.
    settings = master.settings.element
    if settings.find(_qn("w:updateFields")) is None:
        from docx.oxml import OxmlElement

        update = OxmlElement("w:updateFields")
        update.set(_qn("w:val"), "true")
        settings.append(update)
    mark(master)
    buffer = io.BytesIO()
    master.save(buffer)
    return write_output(project.documents_dir / NAME, buffer.getvalue())
