"""Build the bundled Word templates in templates/ (developer tool, not used at run time).

The .docx files are the source of truth once written: the platform edits them in Word.
This script only gives them a consistent starting layout (A4, French proofing, header with
the structure's name, footer with page numbers and date); it is long because each document's
layout lives here, one function per template. Run it again only to reset them:

    python tools/build_templates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

from pairkit.documents.layout import add_field

OUT = Path(__file__).resolve().parent.parent / "templates"
ACCENT = RGBColor(0x1F, 0x5C, 0x6B)
GREY = RGBColor(0x55, 0x5B, 0x61)


# The city after the structure's name, unless the name already says it.
CITY = ("{% if structure.ville and structure.ville|lower not in structure.nom|lower %}, "
        "{{ structure.ville }}{% endif %}")


# --- layout helpers -----------------------------------------------------------------------

def _lang(rpr: object) -> None:
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fr-FR")
    lang.set(qn("w:eastAsia"), "fr-FR")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)  # type: ignore[attr-defined]


def _small_run(paragraph: object, text: str = "") -> object:
    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    run.font.size = Pt(8.5)
    run.font.color.rgb = GREY
    return run


def _field(paragraph: object, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in the footer's small grey type."""
    add_field(paragraph, code, lambda: _small_run(paragraph))


def _right_tab(paragraph: object) -> None:
    # The Header/Footer styles carry a centre tab; clear it so one tab goes to the right edge.
    stops = paragraph.paragraph_format.tab_stops  # type: ignore[attr-defined]
    stops.add_tab_stop(Twips(4680), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Twips(9360), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT)


def new_document(title: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)

    styles = doc.styles
    # Document-wide defaults: font and French proofing.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _lang(rpr_default)
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(5)
    normal.paragraph_format.line_spacing = 1.12
    _lang(normal.element.get_or_add_rPr())
    for name, size in (("Title", 22), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.font.bold = name != "Title"
        _lang(style.element.get_or_add_rPr())
        style.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 8)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    styles["Title"].paragraph_format.space_after = Pt(2)
    # The default Title style draws a border; a plain title reads better here.
    ppr = styles["Title"].element.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
        ppr.remove(ppr.find(qn("w:pBdr")))
    subtitle = styles["Subtitle"]
    subtitle.font.color.rgb = GREY
    subtitle.font.size = Pt(12)
    subtitle.font.italic = False

    header = section.header.paragraphs[0]
    _right_tab(header)
    run = header.add_run("{{ structure.nom }}")
    run.bold = True
    run.font.size = Pt(9)
    run.font.color.rgb = ACCENT
    run = header.add_run("\tPlateforme travail pair")
    run.font.size = Pt(9)
    run.font.color.rgb = GREY

    footer = section.footer.paragraphs[0]
    _right_tab(footer)
    _small_run(footer, "{{ titre_document }} — {{ etabli or 'établi' }} le {{ date_document }}\tPage ")
    _field(footer, "PAGE")
    _small_run(footer, " sur ")
    _field(footer, "NUMPAGES")

    doc.core_properties.title = title
    doc.core_properties.language = "fr-FR"
    doc.core_properties.author = "pairkit"
    doc.add_paragraph(title, style="Title")
    return doc


def p(doc: Document, text: str, style: str | None = None, *, italic: bool = False,
      bold_prefix: str | None = None) -> None:
    para = doc.add_paragraph(style=style)
    if bold_prefix:
        para.add_run(bold_prefix).bold = True
    run = para.add_run(text)
    run.italic = italic


def tag(doc: Document, text: str) -> None:
    """A paragraph holding only a docxtpl block tag ({%p ... %}); it vanishes when rendered."""
    doc.add_paragraph(text)


def bullets(doc: Document, loop: str, item: str = "{{ x }}", style: str = "List Bullet") -> None:
    tag(doc, f"{{%p for x in {loop} %}}")
    doc.add_paragraph(item, style=style)
    tag(doc, "{%p endfor %}")


def _shade(cell: object, colour: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    tcpr.append(shd)


def _repeat_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _widths(tbl: object, widths: list[float]) -> None:
    """Column widths in the grid (LibreOffice reads these) and in every cell (Word does)."""
    tbl.autofit = False  # type: ignore[attr-defined]
    for index, width in enumerate(widths):
        tbl.columns[index].width = Cm(width)  # type: ignore[attr-defined]
        for cell in tbl.columns[index].cells:  # type: ignore[attr-defined]
            cell.width = Cm(width)


def table(doc: Document, headers: list[str], cells: list[str], loop: str | None,
          widths: list[float]) -> None:
    """A table with a shaded header row; `loop` makes one row per item (docxtpl {%tr %})."""
    rows = 1 + (3 if loop else 1)
    tbl = doc.add_table(rows=rows, cols=len(headers))
    tbl.style = "Table Grid"
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, text in enumerate(headers):
        cell = tbl.rows[0].cells[index]
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, "1F5C6B")
    _repeat_header(tbl.rows[0])
    # Never leave a header row alone at the bottom of a page.
    for cell in tbl.rows[0].cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True
    for row in tbl.rows:
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
    body = 2 if loop else 1
    if loop:
        tbl.rows[1].cells[0].text = f"{{%tr for r in {loop} %}}"
        tbl.rows[3].cells[0].text = "{%tr endfor %}"
    for index, text in enumerate(cells):
        tbl.rows[body - 1 if not loop else 2].cells[index].text = text
    _widths(tbl, widths)
    doc.add_paragraph()


def facts(doc: Document, rows: list[tuple[str, str, str | None]],
          widths: tuple[float, float] = (5.0, 11.6)) -> None:
    """A two-column « label | value » table; rows with a condition vanish when it is false."""
    count = sum(3 if cond else 1 for _, _, cond in rows)
    tbl = doc.add_table(rows=count, cols=2)
    tbl.style = "Table Grid"
    # Centred like the other tables, so two tables one above the other line up.
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    index = 0
    for label, value, condition in rows:
        if condition:
            tbl.rows[index].cells[0].text = f"{{%tr if {condition} %}}"
            index += 1
        label_cell, value_cell = tbl.rows[index].cells
        label_cell.text = ""
        label_cell.paragraphs[0].add_run(label).bold = True
        _shade(label_cell, "E6EFF1")
        value_cell.text = value
        index += 1
        if condition:
            tbl.rows[index].cells[0].text = "{%tr endif %}"
            index += 1
    _widths(tbl, list(widths))
    doc.add_paragraph()


def save(doc: Document, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    doc.save(str(OUT / name))
    print(f"écrit : {OUT / name}")


# --- the seven documents ---------------------------------------------------------------------

def vigilance_section(doc: Document, var: str) -> None:
    """The step's points de vigilance (internal documents only)."""
    tag(doc, f"{{%p if {var} %}}")
    doc.add_heading("Points de vigilance", 1)
    tag(doc, "{%p endif %}")
    tag(doc, f"{{%p for a in {var} or [] %}}")
    p(doc, "{{ a.reason }} → {{ a.action }}", "List Bullet", bold_prefix="{{ a.level }} : ")
    tag(doc, "{%p endfor %}")


def hr_section(doc: Document, var: str, title: str = "Repères") -> None:
    """Short HR and legal notes (checklists/aide.yaml) relevant to the document."""
    tag(doc, f"{{%p if {var} %}}")
    doc.add_heading(title, 1)
    tag(doc, "{%p endif %}")
    tag(doc, f"{{%p for n in {var} or [] %}}")
    doc.add_heading("{{ n.titre }}", 3)
    p(doc, "{{ n.texte }}")
    p(doc, "Sources : {{ n.sources|join(' ; ') }}{% if n.verifie %} (vérifié le {{ n.verifie }}){% endif %}",
      italic=True)
    tag(doc, "{%p endfor %}")


def note_intention() -> None:
    doc = new_document("Note d'intention")
    p(doc, "Projet de recrutement d'un·e travailleur·se pair·e — {{ structure.nom }}", "Subtitle")
    doc.add_heading("La structure", 1)
    facts(doc, [
        ("Structure", "{{ note.nom }}", None),
        ("Organisme gestionnaire", "{{ note.organisme }}", "note.organisme"),
        ("Type de structure", "{{ note.type_structure }}", "note.type_structure"),
        ("Secteur", "{{ note.secteur }}", "note.secteur"),
        ("Ville", "{{ note.ville }}", "note.ville"),
        ("Territoire", "{{ note.territoire }}", "note.territoire"),
        ("Financement envisagé", "{{ note.financement }}", "note.financement"),
    ])
    doc.add_heading("Les publics accompagnés", 2)
    p(doc, "{{ note.publics or 'à préciser' }}")
    doc.add_heading("L'équipe", 2)
    p(doc, "{{ note.equipe or 'à préciser' }}")
    tag(doc, "{%p if note.pairs_deja_presents %}")
    p(doc, "Des travailleur·ses pair·es font déjà partie de l'équipe.")
    tag(doc, "{%p endif %}")
    doc.add_heading("Pourquoi un·e travailleur·se pair·e ?", 1)
    p(doc, "{{ note.pourquoi_un_pair or 'à préciser' }}")
    tag(doc, "{%p if note.besoins %}")
    doc.add_heading("Les besoins auxquels le poste répondrait", 2)
    tag(doc, "{%p endif %}")
    bullets(doc, "note.besoins or []")
    doc.add_heading("L'accompagnement proposé par la plateforme", 1)
    p(doc, "La plateforme intervient en tiers : elle aide l'équipe à réfléchir au projet, à ses "
           "représentations, à ses motivations et à ses craintes. Elle ne règle pas les questions "
           "internes de la structure ; elle l'accompagne dans sa réflexion, étape par étape :")
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    steps = ("état des lieux de la structure avant l'embauche ;",
             "atelier « motivations et craintes » avec l'équipe ;",
             "écriture de la fiche de poste ;",
             "information collective pour les candidat·es, puis entretiens ;",
             "six mois de co-construction du poste avec la personne recrutée.")
    for index, step in enumerate(steps):
        item = doc.add_paragraph(step, style="List Number")
        # The list and its introduction move as one: never a step alone on the next page.
        item.paragraph_format.keep_with_next = index < len(steps) - 1
    doc.add_heading("Contacts", 1)
    facts(doc, [
        ("Porteur·se du projet",
         "{{ note.contact_nom }}{% if note.contact_fonction %}, {{ note.contact_fonction }}{% endif %}",
         None),
        ("Plateforme", "{{ note.accompagnant }}", "note.accompagnant"),
        ("Début de l'accompagnement", "{{ note.date_debut }}", "note.date_debut"),
    ])
    save(doc, "note-intention.docx")


def rapport_preparation() -> None:
    doc = new_document("État des lieux avant l'embauche")
    p(doc, "Rapport de préparation au recrutement d'un·e travailleur·se pair·e", "Subtitle")
    doc.add_heading("Conclusion", 1)
    p(doc, "{{ diag.decision or 'à préciser' }}", bold_prefix="Décision : ")
    tag(doc, "{%p if diag.bloquants %}")
    p(doc, "{{ diag.bloquants|length }} point(s) bloquant(s) sont à traiter avant de recruter "
           "(voir les points de vigilance).", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if diag.commentaires %}")
    p(doc, "{{ diag.commentaires }}")
    tag(doc, "{%p endif %}")
    doc.add_heading("Les atouts de la structure", 1)
    tag(doc, "{%p if not diag.atouts %}")
    p(doc, "Aucun atout n'a encore été relevé.", italic=True)
    tag(doc, "{%p endif %}")
    bullets(doc, "diag.atouts")
    doc.add_heading("Les points de vigilance", 1)
    tag(doc, "{%p if not diag.vigilances %}")
    p(doc, "Aucun point de vigilance n'a été relevé.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if diag.vigilances %}")
    table(doc, ["Thème", "Constat", "Pourquoi c'est important", "Niveau"],
          ["{{ r.theme }}", "{{ r.finding }}",
           "{{ r.reason }}\nPiste de la plateforme : {{ r.action }}", "{{ r.level }}"],
          "diag.vigilances", [2.9, 5.0, 6.6, 2.1])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if autres_vigilances %}")
    doc.add_heading("Autres points de vigilance du projet", 2)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for a in autres_vigilances %}")
    p(doc, "{{ a.reason }} → {{ a.action }}", "List Bullet", bold_prefix="{{ a.level }} : ")
    tag(doc, "{%p endfor %}")
    doc.add_heading("Prochaines actions", 1)
    tag(doc, "{%p if not diag.actions %}")
    p(doc, "Aucune action n'a été décidée.", italic=True)
    tag(doc, "{%p endif %}")
    bullets(doc, "diag.actions", style="List Number")
    hr_section(doc, "diag.reperes", "Repères pour répondre aux questions")
    doc.add_heading("Réponses détaillées", 1)
    tag(doc, "{%p for t in diag.themes %}")
    doc.add_heading("{{ t.titre }}", 2)
    tag(doc, "{%p for l in t.lignes %}")
    p(doc, "{{ l.question }} — {{ l.reponse }}{% if l.alerte %} ⚠{% endif %}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    save(doc, "rapport-preparation.docx")


def synthese_motivations() -> None:
    doc = new_document("Motivations et craintes de l'équipe")
    p(doc, "Synthèse de l'atelier avec l'équipe", "Subtitle")
    facts(doc, [
        ("Date de l'atelier", "{{ atelier.date }}", None),
        ("Participant·es", "{{ atelier.participants }}", None),
    ])
    doc.add_heading("Ce qui motive l'équipe", 1)
    tag(doc, "{%p if not atelier.motivations %}")
    p(doc, "Aucune motivation n'a été notée.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for m in atelier.motivations %}")
    doc.add_paragraph("{{ m.libelle }}", style="List Bullet")
    tag(doc, "{%p if m.regard %}")
    p(doc, "{{ m.regard }}", "List Continue", italic=True, bold_prefix="Regard de la plateforme : ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    doc.add_heading("Les craintes exprimées, et comment y travailler", 1)
    tag(doc, "{%p if atelier.craintes %}")
    p(doc, "Toutes les craintes ont leur place : dites, elles peuvent être travaillées. "
           "{% if atelier.toutes_decidees %}Pour chacune figurent ce que l'équipe a décidé et les "
           "pistes proposées par la plateforme.{% else %}Pour chacune figurent les pistes proposées "
           "par la plateforme, et ce que l'équipe a décidé quand elle l'a fait.{% endif %}",
      italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if not atelier.craintes %}")
    p(doc, "Aucune crainte n'a été exprimée pendant l'atelier. Des craintes non dites ne sont pas "
           "pour autant absentes : elles pourront être reprises plus tard.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for c in atelier.craintes %}")
    doc.add_heading("{{ c.libelle }}", 3)
    tag(doc, "{%p if c.reponse %}")
    p(doc, "{{ c.reponse }}", bold_prefix="Ce que l'équipe décide : ")
    tag(doc, "{%p else %}")
    p(doc, "L'équipe n'a pas encore décidé de réponse.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if c.pistes %}")
    p(doc, "Pistes proposées par la plateforme :", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for x in c.pistes %}")
    doc.add_paragraph("{{ x }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if atelier.representations %}")
    doc.add_heading("Les représentations du ou de la pair·e", 1)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for r in atelier.representations %}")
    doc.add_heading("{{ r.libelle }}", 3)
    cond_p(doc, "r.description", "{{ r.description }}", italic=True,
           bold_prefix="Selon la plateforme : ")
    cond_p(doc, "r.attentes", "{{ r.attentes }}",
           bold_prefix="Les attentes de l'équipe qui penchent de ce côté : ")
    cond_p(doc, "r.decision", "{{ r.decision }}", bold_prefix="Ce que l'équipe décide : ")
    tag(doc, "{%p if r.pistes %}")
    p(doc, "Pistes proposées par la plateforme :", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for x in r.pistes %}")
    doc.add_paragraph("{{ x }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if atelier.questions_encadrement.liste %}")
    doc.add_heading("Les questions de l'encadrement", 1)
    cond_p(doc, "atelier.questions_encadrement.dans_l_absolu",
           "{{ atelier.questions_encadrement.dans_l_absolu }}", italic=True,
           bold_prefix="Regard de la plateforme : ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for q in atelier.questions_encadrement.liste %}")
    doc.add_heading("{{ q.libelle }}", 3)
    cond_p(doc, "q.reponse", "{{ q.reponse }}", bold_prefix="Réponse de la plateforme : ")
    tag(doc, "{%p endfor %}")
    cond_p(doc, "atelier.questions_encadrement.paradoxe",
           "{{ atelier.questions_encadrement.paradoxe }}", bold_prefix="Le paradoxe à garder en tête : ")
    doc.add_heading("Les engagements de l'équipe", 1)
    tag(doc, "{%p if not atelier.engagements %}")
    p(doc, "Aucun engagement n'a encore été pris.", italic=True)
    tag(doc, "{%p endif %}")
    bullets(doc, "atelier.engagements", style="List Number")
    vigilance_section(doc, "atelier.vigilances")
    tag(doc, "{%p if atelier.paroles %}")
    doc.add_heading("Paroles de l'équipe", 1)
    p(doc, "{{ atelier.paroles }}", "Quote")
    tag(doc, "{%p endif %}")
    save(doc, "synthese-motivations.docx")


def cond_p(doc: Document, condition: str, text: str, style: str | None = None,
           bold_prefix: str | None = None, italic: bool = False) -> None:
    """A paragraph shown only when `condition` holds (nothing is printed for a missing answer)."""
    tag(doc, f"{{%p if {condition} %}}")
    p(doc, text, style, bold_prefix=bold_prefix, italic=italic)
    tag(doc, "{%p endif %}")


def definitions_box(doc: Document) -> None:
    tag(doc, "{%p if fiche.liste_definitions %}")
    tbl = doc.add_table(rows=1, cols=1)
    tbl.style = "Table Grid"
    cell = tbl.rows[0].cells[0]
    _shade(cell, "E6EFF1")
    first = cell.paragraphs[0]
    first.add_run("Définitions").bold = True
    cell.add_paragraph("{%p for d in fiche.liste_definitions %}")
    para = cell.add_paragraph()
    para.add_run("{{ d.terme }} : ").bold = True
    para.add_run("{{ d.definition }}")
    cell.add_paragraph("{%p endfor %}")
    _widths(tbl, [16.6])
    doc.add_paragraph()
    tag(doc, "{%p endif %}")


def fiche_de_poste() -> None:
    doc = new_document("{{ fiche.intitule or 'Travailleur·se pair·e' }}")
    p(doc, "Fiche de poste — {{ structure.nom }}" + CITY,
      "Subtitle")
    cond_p(doc, "fiche.revision", "{{ fiche.revision }}", italic=True)
    cond_p(doc, "fiche.reference", "{{ fiche.reference }}", bold_prefix="Référence : ")
    cond_p(doc, "fiche.date_publication", "{{ fiche.date_publication }}", bold_prefix="Publiée le ")
    cond_p(doc, "fiche.referent", "Ce poste soutient le développement du travail pair dans la "
           "structure ; il n'est pas lui-même un poste de pair·e.", italic=True)
    doc.add_heading("La structure et son public", 1)
    p(doc, "{{ structure.nom }}{% if structure.type_structure and structure.type_structure|lower "
           "not in structure.nom|lower %} ({{ structure.type_structure }})"
           "{% endif %}{% if structure.organisme %}, gérée par {{ structure.organisme }}{% endif %}"
           + CITY + ".")
    cond_p(doc, "fiche.chiffres_cles", "{{ fiche.chiffres_cles }}", bold_prefix="Chiffres clés : ")
    cond_p(doc, "structure.publics", "{{ structure.publics }}", bold_prefix="Public : ")
    cond_p(doc, "structure.equipe", "{{ structure.equipe }}", bold_prefix="Équipe : ")
    cond_p(doc, "structure.pairs_deja_presents",
           "D'autres travailleur·ses pair·es font déjà partie de l'équipe.")
    cond_p(doc, "fiche.equipe_en_construction", "L'équipe est en cours de constitution : la "
           "personne recrutée participera à sa construction.")
    cond_p(doc, "fiche.binome_pairs", "Le poste est partagé entre deux pair·es, qui travaillent "
           "en binôme.")
    cond_p(doc, "fiche.approches", "{{ fiche.approches|join(', ') }}.",
           bold_prefix="Approches de référence : ")
    cond_p(doc, "fiche.contexte_financement", "{{ fiche.contexte_financement }}",
           bold_prefix="Contexte : ")
    doc.add_heading("Place dans l'organisation", 1)
    cond_p(doc, "fiche.collegue_a_part_entiere", "La personne recrutée est un·e collègue à part "
           "entière de l'équipe{% if fiche.complementaire %} ; le poste s'ajoute aux métiers "
           "existants et n'en remplace aucun{% endif %}.")
    p(doc, "{{ fiche.rattachement or 'à préciser' }}", bold_prefix="Responsable hiérarchique : ")
    cond_p(doc, "fiche.liens_fonctionnels", "{{ fiche.liens_fonctionnels }}",
           bold_prefix="Liens fonctionnels : ")
    cond_p(doc, "fiche.reunions", "Participe aux réunions d'équipe et aux synthèses, comme ses "
           "collègues.", "List Bullet")
    cond_p(doc, "fiche.secret_partage", "Partage le secret professionnel avec l'équipe.", "List Bullet")
    cond_p(doc, "fiche.ecrit_dossiers", "Écrit dans les dossiers et les transmissions.", "List Bullet")
    doc.add_heading("Mission générale", 1)
    p(doc, "{{ fiche.mission_generale or 'à préciser' }}")
    doc.add_heading("Missions", 1)
    cond_p(doc, "not fiche.missions", "à préciser", italic=True)
    bullets(doc, "fiche.missions or []")
    doc.add_heading("Activités concrètes", 1)
    cond_p(doc, "not fiche.activites", "à préciser", italic=True)
    bullets(doc, "fiche.activites or []")
    tag(doc, "{%p if fiche.missions_institutionnelles %}")
    doc.add_heading("Missions institutionnelles", 2)
    tag(doc, "{%p endif %}")
    bullets(doc, "fiche.missions_institutionnelles or []")
    doc.add_heading("Profil", 1)
    tag(doc, "{%p if not fiche.referent %}")
    doc.add_heading("Expérience vécue recherchée", 2)
    tag(doc, "{%p endif %}")
    cond_p(doc, "fiche.experiences_phrase", "Une expérience vécue {{ fiche.experiences_phrase }}.")
    p(doc, "{{ fiche.experience_recherchee or 'à préciser' }}")
    cond_p(doc, "fiche.partage_choisi and not fiche.referent", "La personne choisit ce qu'elle "
           "partage de son parcours ; aucune information sur sa santé ne lui sera demandée.",
           italic=True)
    cond_p(doc, "fiche.separation_soin_emploi", "La personne recrutée ne sera ni accompagnée ni "
           "soignée par le service qui l'emploie.", italic=True)
    # A heading only above what was answered: savoir-être start empty, a diploma may be undecided.
    tag(doc, "{%p if fiche.savoir_etre or fiche.competences or fiche.langues %}")
    doc.add_heading("Savoir-être et compétences", 2)
    tag(doc, "{%p endif %}")
    bullets(doc, "(fiche.savoir_etre or []) + (fiche.competences or [])")
    cond_p(doc, "fiche.langues", "{{ fiche.langues|join(', ') }}", bold_prefix="Langues : ")
    tag(doc, "{%p if fiche.diplome_exige or fiche.sans_diplome or fiche.formation_proposee %}")
    doc.add_heading("Diplômes et formation", 2)
    tag(doc, "{%p endif %}")
    cond_p(doc, "fiche.diplome_exige", "{{ fiche.diplome_precision or 'à préciser' }}",
           bold_prefix="Diplôme demandé : ")
    cond_p(doc, "fiche.sans_diplome", "Aucun diplôme n'est exigé : c'est le savoir "
           "d'expérience qui est recherché.")
    cond_p(doc, "fiche.formation_proposee", "{{ fiche.formation_proposee }}",
           bold_prefix="Formation proposée en poste : ")
    doc.add_heading("Conditions d'emploi", 1)
    facts(doc, [
        ("Contrat", "{{ fiche.contrat_affiche or 'à préciser' }}", None),
        ("Parcours d'insertion", "{{ fiche.parcours_insertion }}", "fiche.parcours_insertion"),
        ("Temps de travail", "{{ fiche.temps_affiche or 'à préciser' }}", None),
        ("Horaires", "{{ fiche.horaires }}", "fiche.horaires"),
        ("Rémunération", "{{ fiche.remuneration_affichee or 'à préciser' }}", None),
        ("Convention collective", "{{ fiche.convention }}", "fiche.convention_a_part"),
        ("Coefficient, grille", "{{ fiche.coefficient }}", "fiche.coefficient_a_part"),
        ("Précisions", "{{ fiche.remuneration }}", "fiche.remuneration"),
        ("Diplômes et ancienneté", "Reconnus dans le classement et la reprise d'ancienneté, comme pour "
         "tout·e salarié·e", "fiche.qualifications_reconnues"),
        ("Lieu de travail", "{{ fiche.lieu or 'à préciser' }}", None),
        ("Territoire", "{{ fiche.territoire_poste }}", "fiche.territoire_poste"),
        ("Autres sites", "{{ fiche.sites|join(' ; ') }}", "fiche.sites"),
        ("Permis B", "{{ fiche.permis }}", "fiche.permis"),
        ("Déplacements", "{{ fiche.deplacements }}", "fiche.deplacements"),
        ("Télétravail", "{{ fiche.teletravail }}", "fiche.teletravail"),
        ("Équipement", "{{ fiche.equipement }}", "fiche.equipement"),
        ("Prise de poste", "{{ fiche.date_prise_poste }}", "fiche.date_prise_poste"),
    ])
    tag(doc, "{%p if fiche.avantages %}")
    doc.add_heading("Avantages", 2)
    tag(doc, "{%p endif %}")
    bullets(doc, "fiche.avantages or []")
    doc.add_heading("Soutien prévu", 1)
    cond_p(doc, "fiche.tuteur", "Tuteur·rice dans l'équipe : {{ fiche.tuteur }}.", "List Bullet")
    cond_p(doc, "fiche.analyse_pratiques", "L'analyse de pratiques, comme toute l'équipe.",
           "List Bullet")
    cond_p(doc, "fiche.groupe_pairs", "La participation à un groupe de pair·es extérieur, sur le "
           "temps de travail.", "List Bullet")
    cond_p(doc, "fiche.soutien_specifique", "{{ fiche.soutien_specifique }}", "List Bullet")
    cond_p(doc, "fiche.six_mois", "Les six premiers mois servent à construire le poste avec la "
           "personne recrutée, avec l'appui de la plateforme.", "List Bullet")
    cond_p(doc, "fiche.engagement_handicap", "La structure s'engage pour l'emploi des personnes "
           "en situation de handicap.", italic=True)
    cond_p(doc, "fiche.engagement_diversite", "La structure s'engage pour la diversité de ses "
           "recrutements.", italic=True)
    doc.add_heading("Candidater", 1)
    first_of_section = len(doc.paragraphs)
    cond_p(doc, "fiche.date_limite", "{{ fiche.date_limite }}", bold_prefix="Date limite : ")
    cond_p(doc, "fiche.calendrier", "{{ fiche.calendrier }}", bold_prefix="Calendrier : ")
    p(doc, "{{ fiche.candidature or 'à préciser' }}", bold_prefix="Candidature : ")
    cond_p(doc, "fiche.processus", "{{ fiche.processus }}", bold_prefix="Déroulement : ")
    cond_p(doc, "fiche.verifications_embauche", "{{ fiche.verifications_embauche }}",
           bold_prefix="Vérifications à l'embauche : ")
    # How to apply goes with the definitions that follow: the box is never alone on a page.
    for paragraph in doc.paragraphs[first_of_section:]:
        paragraph.paragraph_format.keep_with_next = True
    definitions_box(doc)
    save(doc, "fiche-de-poste.docx")


def info_coll() -> None:
    doc = new_document("Information collective")
    p(doc, "Présentation du poste de {{ info.poste }} aux candidat·es — {{ structure.nom }}", "Subtitle")
    doc.add_heading("En pratique", 1)
    facts(doc, [
        ("Date", "{{ info.date_longue or 'à préciser' }}", None),
        ("Horaire", "{{ info.debut }}\u00a0– {{ info.fin }} ({{ info.duree_totale }})", "info.debut"),
        ("Modalité", "{% if info.presentiel %}Sur place{% else %}En visioconférence{% endif %}", None),
        ("Lieu", "{{ info.lieu }}", "info.presentiel and info.lieu"),
        ("Accès", "{{ info.acces }}", "info.presentiel and info.acces"),
        ("Lien de connexion", "{{ info.lien_visio }}", "not info.presentiel and info.lien_visio"),
        ("Inscription", "{{ info.inscription }}", "info.inscription"),
    ])
    doc.add_heading("Déroulé de la séance", 1)
    table(doc, ["Horaire", "Temps", "Qui présente", "Durée"],
          ["{{ r.horaire }}", "{{ r.titre }}", "{{ r.qui }}", "{{ r.duree }}"],
          "info.parties", [3.6, 6.8, 4.4, 1.8])
    p(doc, "{{ info.duree_totale }}", bold_prefix="Durée totale : ")
    tag(doc, "{%p if info.visite_locaux %}")
    p(doc, "La séance se termine par une visite des locaux.")
    tag(doc, "{%p endif %}")
    doc.add_heading("Personnes présentes", 1)
    p(doc, "Cadre de la structure : {{ info.cadre or 'à préciser' }}", "List Bullet")
    p(doc, "Membre de l'équipe : {{ info.membre_equipe or 'à préciser' }}", "List Bullet")
    p(doc, "Plateforme travail pair : {{ info.intervenant_plateforme or 'à préciser' }}", "List Bullet")
    tag(doc, "{%p if info.pourquoi_seance %}")
    doc.add_heading("Pourquoi cette séance", 1)
    p(doc, "{{ info.pourquoi_seance }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if info.verifications %}")
    doc.add_heading("Vérifications à l'embauche", 1)
    p(doc, "{{ info.verifications }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if info.confirmation %}")
    doc.add_heading("Après la séance", 1)
    p(doc, "{{ info.confirmation }}")
    tag(doc, "{%p endif %}")
    save(doc, "info-coll.docx")


def guide_entretiens() -> None:
    doc = new_document("Guide d'entretien")
    p(doc, "Recrutement d'un·e travailleur·se pair·e — {{ structure.nom }}", "Subtitle")
    doc.add_heading("Le jury", 1)
    table(doc, ["Rôle", "Personne"], ["{{ r.role }}", "{{ r.nom or 'à préciser' }}"],
          "entretiens.jury", [5.0, 11.6])
    tag(doc, "{%p if entretiens.sans_pair %}")
    p(doc, "Conseil de la plateforme : associer au jury un·e pair·e d'une autre structure.", italic=True)
    tag(doc, "{%p endif %}")
    facts(doc, [
        ("Dates et lieu", "{{ entretiens.dates }}", "entretiens.dates"),
        ("Durée de chaque entretien", "{{ entretiens.duree }} minutes", "entretiens.duree"),
        ("Réponse aux candidat·es", "{{ entretiens.reponse_candidats }}", "entretiens.reponse_candidats"),
    ])
    doc.add_heading("Ce que l'on cherche à évaluer", 1)
    p(doc, "La capacité à mettre son expérience au service des autres, et à travailler dans le cadre "
           "de la structure, avec une équipe. On demande ce que la personne a appris et comment elle "
           "s'en servirait ; jamais ce qui lui est arrivé.")
    doc.add_heading("Questions à poser", 1)
    table(doc, ["Question", "Ce que l'on cherche à comprendre"],
          ["{{ r.libelle }}", "{{ r.intention }}"], "entretiens.a_poser", [9.6, 7.0])
    doc.add_heading("Questions à ne jamais poser", 1)
    table(doc, ["Question interdite", "Pourquoi"],
          ["{{ r.libelle }}", "{{ r.pourquoi }}"], "entretiens.interdites", [7.6, 9.0])
    vigilance_section(doc, "entretiens.vigilances")
    doc.add_heading("Rappels", 1)
    for text in (
        "Chaque question doit avoir un lien direct et nécessaire avec le poste (Code du travail, "
        "article L1221-6).",
        "Les données de santé ne peuvent pas être recueillies, même avec l'accord de la personne "
        "(recommandations de la CNIL sur le recrutement).",
        "Une RQTH n'a jamais à être déclarée ; elle ne peut pas être demandée.",
        "Les notes du jury se limitent à ce qui concerne le poste et sont conservées pour une durée "
        "définie à l'avance.",
    ):
        doc.add_paragraph(text, style="List Bullet")
    hr_section(doc, "entretiens.reperes")
    save(doc, "guide-entretiens.docx")


def plan_six_mois() -> None:
    doc = new_document("Plan de co-construction sur six mois")
    p(doc, "Arrivée {% if plan.pair %}de {{ plan.pair }}{% else %}du ou de la travailleur·se pair·e"
           "{% endif %} — prise de poste le {{ plan.debut_long or 'à préciser' }}", "Subtitle")
    facts(doc, [
        ("Responsable hiérarchique", "{{ plan.responsable or 'à préciser' }}", None),
        ("Tuteur·rice", "{{ plan.tuteur or 'à préciser' }}", None),
        ("Plateforme", "{{ plan.referent_plateforme }}", "plan.referent_plateforme"),
    ])
    p(doc, "Les pair·es mettent en moyenne six mois à prendre en main leur fonction. Ce temps sert "
           "à construire le poste avec la personne, en ajustant le travail imaginé au travail réel, "
           "en complémentarité avec les autres professionnel·les.")
    doc.add_heading("Calendrier", 1)
    table(doc, ["Date", "Rendez-vous", "Qui", "Ce que l'on regarde", "Suivi"],
          ["{{ r.date_longue }}", "{{ r.titre }}", "{{ r.participants }}",
           "{% for s in r.sujets %}• {{ s }}{% if not loop.last %}\n{% endif %}{% endfor %}",
           "{{ r.suivi }}"],
          "plan.jalons", [2.9, 3.1, 3.0, 5.4, 2.2])
    tag(doc, "{%p if plan.bilans %}")
    doc.add_heading("Comptes rendus des rendez-vous", 1)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for b in plan.bilans %}")
    doc.add_heading("{{ b.titre }}{% if b.date_longue %} — {{ b.date_longue }}{% endif %}", 2)
    cond_p(doc, "b.participants", "{{ b.participants }}", bold_prefix="Présent·es : ")
    cond_p(doc, "b.parole_pair", "{{ b.parole_pair }}", bold_prefix="Ce que dit le ou la pair·e : ")
    cond_p(doc, "b.parole_equipe", "{{ b.parole_equipe }}",
           bold_prefix="Ce que disent le ou la responsable et l'équipe : ")
    for field, label in (("decisions", "Décision"), ("missions_ajoutees", "Mission ajoutée"),
                         ("missions_retirees", "Mission retirée"),
                         ("activites_ajoutees", "Activité ajoutée"),
                         ("activites_retirees", "Activité retirée")):
        tag(doc, f"{{%p for m in b.{field} %}}")
        p(doc, "{{ m }}", "List Bullet", bold_prefix=f"{label} : ")
        tag(doc, "{%p endfor %}")
    cond_p(doc, "b.formation", "{{ b.formation }}", bold_prefix="Besoins de formation : ")
    tag(doc, "{%p if b.ecarts %}")
    p(doc, "", bold_prefix="Grille des pair·es : là où le ou la pair·e et le ou la responsable "
           "ne répondent pas de la même façon (à discuter)")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for e in b.ecarts %}")
    p(doc, "{{ e.libelle }} — pair·e : {{ e.pair }} ; responsable : {{ e.responsable }}", "List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    doc.add_heading("Ce que le ou la pair·e souhaite revoir", 1)
    tag(doc, "{%p if not plan.souhaits_pair %}")
    p(doc, "À recueillir auprès de la personne dès son arrivée, puis à chaque rendez-vous.", italic=True)
    tag(doc, "{%p endif %}")
    bullets(doc, "plan.souhaits_pair or []")
    tag(doc, "{%p if plan.points_responsable %}")
    doc.add_heading("Ce que le ou la responsable souhaite suivre", 1)
    tag(doc, "{%p endif %}")
    bullets(doc, "plan.points_responsable or []")
    vigilance_section(doc, "plan.vigilances")
    doc.add_heading("À six mois, on regarde si…", 1)
    bullets(doc, "plan.evaluation")
    hr_section(doc, "plan.reperes")
    save(doc, "plan-six-mois.docx")


def dossier() -> None:
    doc = new_document("Dossier d'accompagnement")
    p(doc, "Recrutement d'un·e travailleur·se pair·e — {{ structure.nom }}", "Subtitle")
    facts(doc, [
        ("Structure", "{{ structure.nom }}" + CITY, None),
        ("Porteur·se du projet", "{{ structure.contact_nom }}", "structure.contact_nom"),
        ("Plateforme", "{{ structure.accompagnant }}", "structure.accompagnant"),
        ("Établi le", "{{ date_document }}", None),
    ])
    p(doc, "Ce dossier rassemble les documents produits pendant l'accompagnement, étape par étape. "
           "Chaque partie peut aussi être ouverte seule dans le dossier « documents ».", italic=True)
    # Not a heading: the table of contents must not list itself.
    sommaire = doc.add_paragraph("Sommaire", style="TOC Heading")
    sommaire.paragraph_format.space_before = Pt(14)
    # pairkit replaces this paragraph with a table of contents that Word updates on opening.
    p(doc, "[[SOMMAIRE]]")
    save(doc, "dossier.docx")


BUILDERS = (note_intention, rapport_preparation, synthese_motivations, fiche_de_poste, info_coll,
            guide_entretiens, plan_six_mois, dossier)

if __name__ == "__main__":
    for build in BUILDERS:
        build()
    sys.exit(0)
