"""`pairkit modeles`: export the bundled templates, check customised ones."""

from __future__ import annotations


def _replace(path, old: str, new: str) -> None:
    """Rename a tag everywhere in a template, as a person editing it in Word would."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(old.encode(), new.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_export_into_a_project_then_check(cli, example) -> None:
    project = example("chrs-grenoble")
    result = cli("modeles", "exporter", project)
    assert result.exit_code == 0, result.output
    assert "8 modèle(s) copié(s)" in result.output
    assert len(list((project / "modeles").glob("*.docx"))) == 8
    assert "0 modèle(s) copié(s)" in cli("modeles", "exporter", project).output  # never overwrites
    check = cli("modeles", "verifier", project)
    assert check.exit_code == 0, check.output
    assert check.output.count("✓") == 8
    # The exported templates are the ones used for the documents.
    assert cli("documents", project).exit_code == 0


def test_check_reports_unknown_tags_and_dropped_information(cli, example) -> None:
    project = example("chrs-grenoble")
    cli("modeles", "exporter", project)
    _replace(project / "modeles" / "info-coll.docx", "info.acces", "info.salle")
    result = cli("modeles", "verifier", project)
    assert result.exit_code == 1
    assert "balise « info.salle » : pairkit ne fournit pas cette information" in result.output
    assert "n'affiche plus" in result.output and "info.acces" in result.output


def test_check_reports_syntax_errors_and_unknown_files(cli, workdir) -> None:
    from docx import Document

    folder = workdir / "mes-modeles"
    folder.mkdir()
    doc = Document()
    doc.add_paragraph("{{ structure.nom ")
    doc.save(str(folder / "note-intention.docx"))
    Document().save(str(folder / "autre.docx"))
    result = cli("modeles", "verifier", folder)
    assert result.exit_code == 1
    assert "balise incorrecte" in result.output
    assert "pairkit n'utilise pas de modèle de ce nom" in result.output
