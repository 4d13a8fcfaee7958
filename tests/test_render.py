"""Rendering: odd text is shown as typed, templates can be overridden, content is consistent."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pairkit.documents.context import clean_text
from pairkit.method.registry import ALL_STEPS
from pairkit.questions.model import load_step_content
from tests.conftest import ROOT, docx_text


def test_clean_text_keeps_what_word_can_hold() -> None:
    assert clean_text("ligne 1\vligne 2") == "ligne 1\nligne 2"
    assert clean_text("a\x00b\x07c\x1bd") == "abcd"
    assert clean_text("CRLF\r\nfin") == "CRLF\nfin"
    assert clean_text("emoji 🙂, arabe مرحبا") == "emoji 🙂, arabe مرحبا"


def test_template_syntax_and_xml_in_answers_are_shown_as_typed(cli, example) -> None:
    import io

    from ruamel.yaml import YAML

    project = example("chrs-grenoble")
    path = project / "structure.yaml"
    yaml = YAML(typ="safe")
    data = yaml.load(path.read_text("utf-8"))
    data["pourquoi_un_pair"] = '{{ 7*7 }} {% if x %} <w:t>&amp; & "guillemets" ligne\vcollée 🙂'
    data["publics"] = "Première ligne\r\nDeuxième ligne"
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    note = docx_text(project / "documents" / "01-note-d-intention.docx")
    assert '{{ 7*7 }} {% if x %} <w:t>&amp; & "guillemets" ligne' in note
    assert "49" not in note
    assert "collée 🙂" in note
    assert "Première ligne\nDeuxième ligne" in note


def custom_note_template(project: Path, text: str) -> None:
    from docx import Document

    (project / "modeles").mkdir()
    doc = Document()
    doc.add_paragraph(text)
    doc.save(str(project / "modeles" / "note-intention.docx"))


def test_project_templates_folder_overrides_the_bundled_one(cli, example) -> None:
    project = example("chrs-grenoble")
    custom_note_template(project, "Modèle maison pour {{ structure.nom }}")
    assert cli("documents", project).exit_code == 0
    assert "Modèle maison pour CHRS Les Tilleuls" in docx_text(
        project / "documents" / "01-note-d-intention.docx")


def test_broken_custom_template_gets_a_french_message(cli, example) -> None:
    project = example("chrs-grenoble")
    custom_note_template(project, "{{ structure.nom ")
    result = cli("documents", project)
    assert result.exit_code == 1
    assert "balise incorrecte" in result.output and "Traceback" not in result.output


def test_documents_are_a4_and_french(cli, example) -> None:
    from docx import Document

    project = example("caarud-lyon")
    assert cli("documents", project).exit_code == 0
    for path in (project / "documents").glob("*.docx"):
        doc = Document(str(path))
        section = doc.sections[0]
        assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
        styles_xml = doc.styles.element.xml
        assert 'w:val="fr-FR"' in styles_xml
        assert "PAGE" in section.footer._element.xml


@pytest.mark.parametrize("step", ALL_STEPS, ids=[s.id for s in ALL_STEPS])
def test_every_question_is_a_field_of_its_model(step) -> None:
    fields = set(step.schema().model.model_fields)
    for question in load_step_content(step.checklist or step.id).questions:
        assert question.name.split(".")[0] in fields, question.name
    assert (ROOT / "templates" / step.template).is_file()


def test_bundled_templates_are_the_ones_the_builder_writes(tmp_path: Path) -> None:
    """templates/ must not drift silently from tools/build_templates.py's layout."""
    script = ROOT / "tools" / "build_templates.py"
    copy = tmp_path / "tools"
    copy.mkdir()
    shutil.copy(script, copy / "build_templates.py")
    subprocess.run([sys.executable, str(copy / "build_templates.py")], check=True,
                   capture_output=True)
    for built in (tmp_path / "templates").glob("*.docx"):
        assert docx_text(built) == docx_text(ROOT / "templates" / built.name), built.name


def test_checklist_cache_follows_the_file(tmp_path, monkeypatch) -> None:
    from pairkit import resources
    from pairkit.files import checklists

    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "essai.yaml").write_text("elements: [un]\n", encoding="utf-8")
    monkeypatch.setenv("PAIRKIT_METHODE", str(folder))
    assert checklists.load_checklist("essai") == {"elements": ["un"]}
    assert list((resources.cache_dir() / "methode").glob("*.json"))  # kept for the next run
    checklists._PARSED.clear()  # a new process: only the JSON cache is left
    (folder / "essai.yaml").write_text("elements: [un, deux, trois]\n", encoding="utf-8")
    assert checklists.load_checklist("essai") == {"elements": ["un", "deux", "trois"]}


def test_the_info_coll_programme_says_its_purpose_only_when_answered(cli, example) -> None:
    """Every sentence of the candidates' programme comes from an answer."""
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    assert "Pourquoi cette séance" in docx_text(project / "documents" / "05-information-collective.docx")
    path = project / "info-coll.yaml"
    text = path.read_text("utf-8")
    path.write_text(text[:text.index("pourquoi_seance:")], encoding="utf-8")
    assert cli("documents", project).exit_code == 0
    programme = docx_text(project / "documents" / "05-information-collective.docx")
    assert "Pourquoi cette séance" not in programme and "raconter sa vie" not in programme


def test_a_template_compiled_once_renders_the_same_xml_the_second_time(cli, example, workdir) -> None:
    """Each template part is compiled once per process; the second project's documents are the
    same XML as if compiled afresh."""
    import shutil
    import zipfile

    from pairkit.documents import jinja

    first = example("chrs-grenoble")
    second = workdir / "copie"
    shutil.copytree(first, second)
    jinja.COMPILED.clear()
    assert cli("documents", first).exit_code == 0
    compiled = len(jinja.COMPILED)
    assert compiled > 0
    assert cli("documents", second).exit_code == 0
    assert len(jinja.COMPILED) == compiled  # nothing compiled again
    for path in sorted((first / "documents").glob("*.docx")):
        with zipfile.ZipFile(path) as a, zipfile.ZipFile(second / "documents" / path.name) as b:
            for part in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
                if part in a.namelist():
                    assert a.read(part) == b.read(part), (path.name, part)


def test_compiled_templates_kept_on_disk_render_the_same_xml(cli, example, workdir, monkeypatch) -> None:
    """A later run loads each part's compiled code from the cache folder instead of compiling
    it, and writes the same XML; nothing kept grows from one project to the next."""
    import shutil
    import zipfile

    from jinja2.sandbox import SandboxedEnvironment

    from pairkit.documents import jinja, templates
    from pairkit.resources import cache_dir

    first = example("chrs-grenoble")
    shutil.rmtree(cache_dir() / "modeles", ignore_errors=True)
    shutil.rmtree(cache_dir() / "modeles-code", ignore_errors=True)
    jinja.COMPILED.clear()
    templates.PATCHED.clear()
    assert cli("documents", first).exit_code == 0
    kept = sorted((cache_dir() / "modeles-code").glob("*.code"))
    assert kept and len(kept) == len(jinja.COMPILED)
    sizes = (len(jinja.COMPILED), len(templates.PATCHED))

    def refuse(self: object, *args: object, **kwargs: object) -> None:
        raise AssertionError("a template part was compiled or cleaned again")

    from docxtpl import DocxTemplate

    assert sorted((cache_dir() / "modeles").glob("*.json"))  # docxtpl's clean-up, kept too
    jinja.COMPILED.clear()  # as in a new process
    templates.PATCHED.clear()
    monkeypatch.setattr(SandboxedEnvironment, "compile", refuse)
    monkeypatch.setattr(DocxTemplate, "patch_xml", refuse)
    copies = []
    for index in range(3):
        copy = workdir / f"copie-{index}"
        shutil.copytree(first, copy)
        shutil.rmtree(copy / "documents")
        assert cli("documents", copy).exit_code == 0
        copies.append(copy)
    assert (len(jinja.COMPILED), len(templates.PATCHED)) == sizes
    for path in sorted((first / "documents").glob("*.docx")):
        with zipfile.ZipFile(path) as a, zipfile.ZipFile(copies[-1] / "documents" / path.name) as b:
            for part in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
                if part in a.namelist():
                    assert a.read(part) == b.read(part), (path.name, part)


def test_a_damaged_kept_copy_is_made_again(cli, example) -> None:
    from pairkit.documents import jinja, templates
    from pairkit.resources import cache_dir

    jinja.COMPILED.clear()  # as in a new process: the copies are made on disk
    templates.PATCHED.clear()
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    first = {path.name: docx_parts(path) for path in (project / "documents").glob("*.docx")}
    for kept in [*(cache_dir() / "modeles").iterdir(), *(cache_dir() / "modeles-code").iterdir()]:
        kept.write_bytes(kept.read_bytes()[:-10])  # cut short, as by a crash
    jinja.COMPILED.clear()
    templates.PATCHED.clear()
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    again = {path.name: docx_parts(path) for path in (project / "documents").glob("*.docx")}
    assert again == first


def docx_parts(path) -> dict[str, bytes]:
    """A document's body, headers and footers, as XML."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name.startswith("word/") and name.endswith(".xml")
                and any(part in name for part in ("document", "header", "footer"))}


def test_the_one_docxtpl_method_pairkit_overrides_is_still_docxtpls(tmp_path) -> None:
    """pairkit keeps docxtpl's clean-up of each part through `patch_xml` (its one override of
    docxtpl): fails if docxtpl renames it, changes what it takes, or stops calling it."""
    import inspect

    from docx import Document
    from docxtpl import DocxTemplate

    from pairkit.documents import templates

    assert list(inspect.signature(DocxTemplate.patch_xml).parameters) == ["self", "src_xml"]
    source = tmp_path / "essai.docx"
    document = Document()
    document.add_paragraph("Structure : {{ nom }}")
    document.save(str(source))
    cleaned: list[str] = []
    original = DocxTemplate.patch_xml

    def spy(self: object, src_xml: str) -> str:
        cleaned.append(src_xml)
        return str(original(self, src_xml))

    templates.PATCHED.clear()
    try:
        DocxTemplate.patch_xml = spy  # type: ignore[method-assign]
        filled = templates.fill_template(source, {"nom": "Foyer Les Tilleuls"})
    finally:
        DocxTemplate.patch_xml = original  # type: ignore[method-assign]
        templates.PATCHED.clear()
    assert cleaned, "docxtpl no longer cleans the parts through patch_xml"
    result = tmp_path / "rempli.docx"
    result.write_bytes(filled)
    assert "Structure : Foyer Les Tilleuls" in docx_text(result)
