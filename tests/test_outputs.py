"""Generated files: hand edits kept, locked files explained."""

from __future__ import annotations

from tests.conftest import docx_text, edit


def test_regenerating_keeps_a_document_edited_by_hand(cli, example) -> None:
    from docx import Document

    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    again = cli("documents", project)
    assert "modifié à la main" not in again.output  # untouched documents are simply redone
    path = project / "documents" / "04-fiche-de-poste.docx"
    doc = Document(str(path))
    doc.add_paragraph("Ajout de la directrice")
    doc.save(str(path))
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    assert "modifié à la main" in result.output and "conservée" in result.output
    kept = [p for p in (project / "documents").glob("04-fiche-de-poste (modifié le *).docx")]
    assert len(kept) == 1
    assert "Ajout de la directrice" in docx_text(kept[0])
    assert "Ajout de la directrice" not in docx_text(path)


def test_a_document_open_in_word_gets_a_french_message(cli, example, monkeypatch) -> None:
    import os

    project = example("chrs-grenoble")
    real_replace = os.replace

    def locked(src: str, dst: str) -> None:
        if str(dst).endswith(".docx"):
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr("pairkit.files.atomic.os.replace", locked)
    result = cli("documents", project)
    assert result.exit_code == 1
    assert "sans doute ouvert" in result.output and "Fermez le document" in result.output
    assert "Traceback" not in result.output
    leftovers = list((project / "documents").glob("*.tmp"))
    assert leftovers == []


def test_documents_without_pdf_removes_the_pdf_copy_it_made_stale(cli, example) -> None:
    """Regression: « documents » without --pdf left an out-of-date PDF beside the new .docx.
    A copy is judged by the content it was made from, never by its date alone."""
    import os

    from pairkit.documents.outputs import remember_copy

    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    documents = project / "documents"
    copies = {}
    for name in ("04-fiche-de-poste", "05-information-collective"):
        copies[name] = documents / f"{name}.pdf"
        copies[name].write_bytes(b"%PDF-1.4 copie")
        remember_copy(copies[name], documents / f"{name}.docx")  # as « --pdf » records it
    unknown = documents / "06-guide-entretiens.pdf"
    unknown.write_bytes(b"%PDF-1.4 copie faite ailleurs")
    old = (documents / "06-guide-entretiens.docx").stat().st_mtime - 60
    os.utime(unknown, (old, old))
    edit(project, "fiche-de-poste.yaml", {"salaire_brut_mensuel": 2010})
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert not copies["04-fiche-de-poste"].exists() and "supprimé : 04-fiche-de-poste.pdf" in said
    # Rewritten with the same content: its copy still says the same, and stays.
    assert copies["05-information-collective"].exists()
    # A copy pairkit did not make is never removed, only pointed out.
    assert unknown.exists() and "06-guide-entretiens.pdf est plus ancien que son document" in said
