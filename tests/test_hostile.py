"""Hostile text, exhausted resources, refusing disks: French messages, nothing changed."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pairkit.documents.ics import calendar
from pairkit.method.step import Event

MARKUP = ["[/]", "[/b]", "[bold red]x", "[link=file:///etc]y[/link]"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


@pytest.mark.parametrize("text", MARKUP)
def test_markup_like_text_is_shown_literally(cli, example, workdir, text) -> None:
    """Regression: « [/] » in a value or a name crashed the error display (traceback, exit 70)."""
    project = example("chrs-grenoble")
    path = project / "structure.yaml"
    path.write_text(path.read_text("utf-8").replace("nom: CHRS Les Tilleuls", f"nom: Foyer {text}"),
                    encoding="utf-8")
    status = cli("statut", project)
    assert status.exit_code == 0, status.output
    assert f"Foyer {text}" in status.output
    suivi = cli("suivi", workdir)
    assert suivi.exit_code == 0 and f"Foyer {text}" in suivi.output
    path.write_text(path.read_text("utf-8") + f"inconnu: '{text}'\n", encoding="utf-8")
    bad = cli("verifier", project)
    assert bad.exit_code == 1 and "Traceback" not in bad.output and "champ inconnu" in bad.output
    aide = cli("aide", text)
    assert aide.exit_code == 1 and text in aide.output


def test_a_folder_name_with_brackets_is_shown_whole(cli, example, workdir) -> None:
    folder = workdir / "Projets [en cours]"
    folder.mkdir()
    project = example("chrs-grenoble").rename(folder / "chrs")
    result = cli("suivi", folder)
    assert result.exit_code == 0 and "Projets [en cours]" in result.output
    assert "Projets [en cours]" in cli("statut", project).output


def _always_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run writes the documents again, as after a change of the project (a run on an
    unchanged project writes nothing, so could not meet a refusing disk)."""
    monkeypatch.setattr("pairkit.documents.freshness.unchanged", lambda *_args, **_kwargs: None)


@pytest.mark.parametrize(("code", "expected"), [
    (errno.ENOSPC, "le disque est plein"),
    (errno.EROFS, "lecture seule"),
    (errno.EBUSY, "utilisé par un autre programme"),
    (errno.EIO, "erreur de lecture ou d'écriture"),
])
def test_a_refusing_disk_gets_a_french_message_and_changes_nothing(cli, example, monkeypatch,
                                                                     code, expected) -> None:
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    before = {p: p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}
    _always_rewrite(monkeypatch)

    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("pairkit.files.atomic.tempfile.mkstemp", refuse)
    result = cli("documents", project)
    assert result.exit_code == 1, result.output
    assert expected in result.output and "Erreur inattendue" not in result.output
    assert "01-note-d-intention.docx" in result.output or "documents" in result.output
    after = {p: p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}
    assert after == before


def test_every_write_of_a_documents_run_can_fail_without_harm(cli, example, monkeypatch) -> None:
    """Fault injection: the n-th write fails (disk full). The file being written is unchanged,
    every other file is whole (the old one, or the new one written before the failure), the
    fingerprints match what is on disk, and the message is French."""
    import hashlib
    import json
    import zipfile

    import pairkit.files.atomic as atomic

    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    _always_rewrite(monkeypatch)
    original = atomic.os.replace
    writes = 0
    while True:
        before = {p: p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}
        calls = 0

        def replace(src: str, dst: str, _n: int = writes) -> None:
            nonlocal calls
            if not str(dst).startswith(str(project)):  # what pairkit keeps in its cache
                original(src, dst)
                return
            calls += 1
            if calls == _n + 1:
                raise OSError(errno.ENOSPC, "No space left on device")
            original(src, dst)

        monkeypatch.setattr(atomic.os, "replace", replace)
        result = cli("documents", project)
        monkeypatch.setattr(atomic.os, "replace", original)
        if calls <= writes:  # every write of the run has had its turn to fail
            break
        assert result.exit_code == 1, result.output
        assert "le disque est plein" in result.output and "Erreur inattendue" not in result.output
        after = {p: p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}
        assert set(after) == set(before), writes  # no temporary left, nothing lost
        for path, payload in after.items():
            if payload == before[path]:
                continue
            assert path.suffix in (".docx", ".ics", ".json"), (writes, path.name)
            if path.suffix == ".docx":
                assert zipfile.ZipFile(path).testzip() is None
        prints = json.loads((project / "documents" / ".empreintes.json").read_text("utf-8"))
        for name, digests in prints.items():
            accepted = digests if isinstance(digests, list) else [digests]
            on_disk = hashlib.sha256((project / "documents" / name).read_bytes()).hexdigest()
            assert on_disk in accepted, (writes, name)  # never taken for a hand edit later
        writes += 1
    assert writes >= 7


@pytest.mark.parametrize("content", ["[]", "null", "42", '"verrou"'])
def test_a_malformed_lock_says_how_to_remove_it(cli, example, content) -> None:
    project = example("chrs-grenoble")
    (project / ".pairkit.lock").write_text(content, encoding="utf-8")
    result = cli("documents", project)
    assert result.exit_code == 1
    assert "verrou" in result.output and "supprimez ce fichier" in result.output


def test_a_lock_with_an_impossible_pid_is_taken_over(cli, example) -> None:
    import json
    import socket

    project = example("chrs-grenoble")
    (project / ".pairkit.lock").write_text(json.dumps(
        {"pid": 10**30, "machine": socket.gethostname(), "depuis": "2026-01-01T00:00:00"}),
        encoding="utf-8")
    assert cli("documents", project).exit_code == 0


BILLION_LAUGHS = """version_schema: 1
a: &a ["x","x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
nom: [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
"""


@pytest.mark.parametrize(("label", "content", "expected"), [
    ("billion laughs", BILLION_LAUGHS, "alias YAML"),
    ("deep nesting", "version_schema: 1\nnom: " + "[" * 300 + "]" * 300 + "\n", "imbriqué"),
    ("deep mappings", "version_schema: 1\nnom:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60))
     + "  " * 60 + "fin: 1\n", "imbriqué"),
])
def test_exhausting_files_are_refused_at_once_with_the_file_named(cli, example, label, content,
                                                                   expected) -> None:
    project = example("chrs-grenoble")
    (project / "structure.yaml").write_text(content, encoding="utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1, result.output
    assert "structure.yaml" in result.output and expected in result.output


def test_a_utf16_file_is_read(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "structure.yaml"
    path.write_bytes(path.read_text("utf-8").encode("utf-16"))
    assert cli("verifier", project).exit_code == 0


@given(st.text(max_size=80))
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_calendar_text_is_escaped_and_never_breaks_a_line(text) -> None:
    import datetime as dt

    payload = calendar([Event(uid="u@pairkit", title="t", summary=f"Bilan — {text}",
                              day=dt.date(2026, 6, 19), description=text, location=text,
                              url=f"https://exemple.org/{text}")], f"Plan — {text}").decode("utf-8")
    lines = payload.split("\r\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert not any(ch in line for ch in "\r\n\x00\x1b\u2028\u2029\x85\x0b\x0c"), repr(line)
    keys = [line.split(":", 1)[0].split(";", 1)[0] for line in lines[:-1] if not line.startswith(" ")]
    assert keys.count("SUMMARY") == 1 and lines.count("BEGIN:VEVENT") == 1
    assert all(k.replace("-", "").isalpha() and k.isupper() for k in keys), keys


def test_ctrl_c_between_fears_keeps_the_answers_already_typed(cli, pipe, example) -> None:
    """Regression: the team's answer to each fear was saved only after the last one."""
    project = example("chrs-grenoble")
    data = YAML(typ="safe").load((project / "motivations.yaml").read_text("utf-8"))
    fears = list(data["craintes"]) + list(data.get("craintes_autres") or [])
    assert len(fears) >= 2
    path = project / "motivations.yaml"
    text = path.read_text("utf-8")
    # Drop the recorded answers so that each one typed is new.
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("reponses_equipe"))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    pipe.send_text("\x1b[B\r")  # the step is done: « Tout reprendre »
    for _ in range(6):  # date, participants, motivations (boxes, own words), fears (boxes, own)
        pipe.send_text("\r")
    pipe.send_text("Un tuteur et du temps\r")
    pipe.send_text("\x03")  # Ctrl-C at the second fear
    result = cli("motivations", project)
    assert result.exit_code == 130
    saved = YAML(typ="safe").load(path.read_text("utf-8"))
    assert "Un tuteur et du temps" in saved["reponses_equipe"].values()


def _custom_template(project: Path, name: str, extra: str) -> None:
    import io

    from docx import Document

    from tests.conftest import ROOT

    (project / "modeles").mkdir(exist_ok=True)
    document = Document(str(ROOT / "templates" / name))
    document.add_paragraph(extra)
    buffer = io.BytesIO()
    document.save(buffer)
    (project / "modeles" / name).write_bytes(buffer.getvalue())


def test_a_title_longer_than_word_allows_is_cut_in_the_properties_only(cli, example) -> None:
    """Regression: a 374-character title failed, blaming the bundled template."""
    from docx import Document

    project = example("chrs-grenoble")
    title = "Médiateur pair " * 25
    path = project / "fiche-de-poste.yaml"
    data = YAML().load(path.read_text("utf-8"))
    data["intitule"] = title.strip()
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    fiche = Document(str(project / "documents" / "04-fiche-de-poste.docx"))
    assert len(fiche.core_properties.title) <= 255
    assert fiche.paragraphs[0].text == title.strip()


def test_an_include_in_a_custom_template_is_explained(cli, example) -> None:
    project = example("chrs-grenoble")
    _custom_template(project, "note-intention.docx", "{% include 'autre.docx' %}")
    result = cli("documents", project)
    assert result.exit_code == 1
    assert "inclut un autre fichier" in result.output and "illisible" not in result.output


def test_a_runaway_loop_in_a_custom_template_is_stopped(cli, example, monkeypatch) -> None:
    monkeypatch.setattr("pairkit.documents.templates.CUSTOM_TEMPLATE_SECONDS", 1.0)
    project = example("chrs-grenoble")
    _custom_template(project, "note-intention.docx",
                     "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    result = cli("documents", project)
    assert result.exit_code == 1, result.output
    assert "n'a pas fini en 1 secondes" in result.output and "note-intention.docx" in result.output


FREE_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40) | \
    st.sampled_from(["[/]", "{{ structure.nom }}", "{% for %}", "<w:t>", "&amp;", "a\rb", "a\x1bb",
                     "\u2028", "\x00x", "Foyer [/b]", "é" * 40, "0\x070", "\x1f", "a\tb"])


@given(FREE_TEXT)
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_free_text_in_every_step_renders_literally(cli, example, text) -> None:
    """Arbitrary text in every free-text answer of every step: no traceback, valid documents."""
    import shutil
    import zipfile

    from pairkit.documents.context import clean_text
    from pairkit.files.yamlfiles import load_document, save_document
    from pairkit.method.registry import ALL_STEPS
    from tests.conftest import docx_text

    project = example("chrs-grenoble")
    try:
        for step in ALL_STEPS:
            path = project / step.filename
            data = load_document(path)  # as pairkit itself writes answers
            for question in step.content().questions:
                if "." in question.name or question.validator or question.guard:
                    continue
                if question.kind in ("texte", "texte_long") and question.name in data:
                    data[question.name] = text
                elif question.kind == "liste" and question.name in data:
                    data[question.name] = [text]
            save_document(path, data)
        result = cli("documents", project)
        assert result.exit_code == 0, result.output
        assert "Erreur inattendue" not in result.output and "Traceback" not in result.output
        for document in (project / "documents").glob("*.docx"):
            assert zipfile.ZipFile(document).testzip() is None
        shown = clean_text(text.strip())
        if shown.strip() and "\n" not in shown:
            assert shown in docx_text(project / "documents" / "01-note-d-intention.docx")
        for ics in (project / "documents").glob("*.ics"):
            body = ics.read_bytes().decode("utf-8")
            assert all(line for line in body.split("\r\n")[:-1])
            assert not any(ch in body.replace("\r\n", "") for ch in "\r\n\x00\x1b\u2028")
    finally:
        shutil.rmtree(project)


def test_a_control_character_typed_into_a_file_by_hand_is_named_with_its_line(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "structure.yaml"
    path.write_text(path.read_text("utf-8").replace("ville: Grenoble", "ville: Gre\x1fnoble"),
                    encoding="utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1
    assert "caractère invisible interdit (code 0x001f)" in result.output and "ligne" in result.output


@pytest.mark.parametrize("loss", ["deleted", "emptied"])
def test_losing_the_fingerprints_sets_no_document_aside(cli, example, loss) -> None:
    """Regression: without .empreintes.json every document was set aside as « modifié ». It is
    not flushed to the disk, so a crash may leave it empty: the same then."""
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    prints = project / "documents" / ".empreintes.json"
    if loss == "deleted":
        prints.unlink()
    else:
        prints.write_text("", "utf-8")
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    assert "modifié à la main" not in result.output
    assert not list((project / "documents").glob("*modifié le*"))


def test_a_document_edited_by_hand_is_still_kept_without_the_fingerprints(cli, example) -> None:
    from docx import Document

    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    note = project / "documents" / "01-note-d-intention.docx"
    document = Document(str(note))
    document.add_paragraph("Ajouté à la main par la directrice.")
    document.save(str(note))
    (project / "documents" / ".empreintes.json").unlink()
    result = cli("documents", project)
    assert result.exit_code == 0
    kept = list((project / "documents").glob("01-note-d-intention (modifié le*"))
    assert len(kept) == 1 and "Ajouté à la main" in "\n".join(p.text for p in Document(str(kept[0])).paragraphs)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_what_pairkit_creates_is_private_and_consistent(cli, workdir) -> None:
    import stat

    from tests.conftest import EXAMPLES

    assert cli("new-project", "projet", "--reponses", EXAMPLES / "chrs-grenoble").exit_code == 0
    assert cli("modeles", "exporter", "projet").exit_code == 0
    project = workdir / "projet"
    modes = {path.relative_to(workdir): stat.S_IMODE(path.stat().st_mode)
             for path in [project, *project.rglob("*")]}
    folders = {p: m for p, m in modes.items() if (workdir / p).is_dir()}
    files = {p: m for p, m in modes.items() if (workdir / p).is_file()}
    assert set(folders.values()) == {0o700}, folders
    assert set(files.values()) == {0o600}, files


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_cache_of_what_pairkit_read_is_private_too(cli, example, workdir) -> None:
    """Regression: the read cache's copies (project content) were written readable by all."""
    import stat

    from pairkit.documents import jinja
    from pairkit.resources import cache_dir

    jinja.COMPILED.clear()  # as in a new process: the compiled templates are kept on disk
    project = example("chrs-grenoble")
    for command in ("statut", "documents"):
        assert cli(command, project).exit_code == 0
    assert cli("suivi", project.parent).exit_code == 0
    cache = cache_dir()
    found = [cache, *cache.rglob("*")]
    assert {"projets", "suivi", "modeles-code"} <= {p.name for p in found if p.is_dir()}
    assert {stat.S_IMODE(p.stat().st_mode) for p in found if p.is_dir()} == {0o700}
    assert {stat.S_IMODE(p.stat().st_mode) for p in found if p.is_file()} == {0o600}


def test_a_symlinked_project_file_is_not_replaced_by_a_copy(cli, example, workdir) -> None:
    """Regression: a symlinked structure.yaml was replaced by a plain copy."""
    project = example("chrs-grenoble")
    elsewhere = workdir / "ailleurs.yaml"
    (project / "structure.yaml").rename(elsewhere)
    (project / "structure.yaml").symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    source = workdir / "source"
    source.mkdir()
    (source / "structure.yaml").write_text(
        before.decode("utf-8").replace("ville: Grenoble", "ville: Échirolles"), encoding="utf-8")
    result = cli("new-project", project, "--reponses", source)
    assert result.exit_code == 1
    assert "lien symbolique" in result.output and "Remplacez le lien" in result.output
    assert (project / "structure.yaml").is_symlink() and elsewhere.read_bytes() == before


def test_a_calendar_written_another_minute_is_not_taken_for_a_hand_edit(example) -> None:
    """Regression: without fingerprints, an .ics rewritten a minute later was set aside."""
    import datetime as dt

    from pairkit.documents.ics import calendar
    from pairkit.documents.outputs import write_output

    project = example("chrs-grenoble")
    event = Event(uid="u@pairkit", title="t", summary="Bilan", day=dt.date(2026, 6, 19))
    target = project / "documents" / "agenda.ics"
    write_output(target, calendar([event], "Plan", now=dt.datetime(2026, 1, 1, 9, 0)))
    (project / "documents" / ".empreintes.json").unlink()
    written = write_output(target, calendar([event], "Plan", now=dt.datetime(2026, 1, 1, 9, 5)))
    assert written.kept is None
    edited = calendar([event], "Plan modifié", now=dt.datetime(2026, 1, 1, 9, 6))
    target.write_bytes(edited)
    (project / "documents" / ".empreintes.json").unlink()
    assert write_output(target, calendar([event], "Plan")).kept is not None


@pytest.mark.parametrize("loop", [
    # Reads an answer at each turn: stopped at the sandbox's attribute hook.
    "{% for i in range(100000) %}{% for j in range(100000) %}{{ structure.nom }}{% endfor %}{% endfor %}",
    # A macro calling itself through a loop: stopped at the sandbox's call hook.
    "{% macro m() %}{% for i in range(100000) %}{{ caller is defined }}{% endfor %}{% endmacro %}"
    "{% for i in range(100000) %}{{ m() }}{% endfor %}",
])
def test_other_runaway_loops_in_a_custom_template_are_stopped(cli, example, monkeypatch, loop) -> None:
    monkeypatch.setattr("pairkit.documents.templates.CUSTOM_TEMPLATE_SECONDS", 1.0)
    project = example("chrs-grenoble")
    _custom_template(project, "note-intention.docx", loop)
    result = cli("documents", project)
    assert result.exit_code == 1, result.output
    assert "n'a pas fini en 1 secondes" in result.output
