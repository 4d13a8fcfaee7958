"""Generated files: hand edits kept, locked files explained."""

from __future__ import annotations

from tests.conftest import docx_text


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
