"""What pairkit keeps: read back while the bytes it came from are the same, never stale, never
from a folder that is not the user's own, never code."""

from __future__ import annotations

import os

import pytest

from pairkit.files import cache
from pairkit.files.project import Project
from pairkit.method.registry import ALL_STEPS, step_named
from pairkit.resources import cache_dir


def _no_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> None:
        raise AssertionError(f"round-trip parse of {path}")

    monkeypatch.setattr("pairkit.files.yamlfiles.load_document", refuse)


def test_an_unchanged_file_is_read_without_the_yaml_parser(example, monkeypatch) -> None:
    project = example("chrs-grenoble")
    first = {step.id: Project(project).answers(step) for step in ALL_STEPS}
    _no_round_trip(monkeypatch)
    again = {step.id: Project(project).answers(step) for step in ALL_STEPS}
    assert again == first and first["fiche_de_poste"]["salaire_brut_mensuel"] == 1980


def test_a_changed_file_is_read_again(example) -> None:
    project = example("chrs-grenoble")
    fiche = step_named("fiche_de_poste")
    assert Project(project).answers(fiche)["salaire_brut_mensuel"] == 1980
    path = project / "fiche-de-poste.yaml"
    stat = path.stat()
    path.write_text(path.read_text("utf-8").replace("1980", "2010"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time: the size tells
    assert Project(project).answers(fiche)["salaire_brut_mensuel"] == 2010


def test_a_file_broken_after_it_was_cached_gets_its_line(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("statut", project).exit_code == 0
    path = project / "plan.yaml"
    path.write_text(path.read_text("utf-8") + "date_prise_poste: le mois prochain\n", "utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1
    assert "plan.yaml" in result.output and "ligne" in result.output


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(cli, example, monkeypatch) -> None:
    project = example("chrs-grenoble")

    def refuse(path: object, text: str) -> None:
        raise PermissionError(13, "lecture seule", str(path))

    monkeypatch.setattr("pairkit.files.cache.write_copy", refuse)
    result = cli("statut", project)
    assert result.exit_code == 0, result.output
    assert not list((cache_dir() / "projets").glob("*.json"))




# --- every kept value keyed on content ----------------------------------------------------------

def _same_size_same_time(path, old: str, new: str) -> None:
    """An edit a coarse-time disk (FAT, many shares) cannot tell: same size, time put back."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_an_edit_of_the_same_size_in_the_same_second_is_seen_by_every_command(cli, example) -> None:
    project = example("chrs-grenoble")
    for command in (("statut", project), ("suivi", project.parent)):
        assert "CHRS Les Tilleuls" in cli(*command).output
    _same_size_same_time(project / "structure.yaml", "CHRS Les Tilleuls", "CHRS Les Tilleuly")
    for command in (("statut", project), ("suivi", project.parent)):
        shown = cli(*command).output
        assert "CHRS Les Tilleuly" in shown and "CHRS Les Tilleuls" not in shown, command
    assert cli("documents", project).exit_code == 0
    from tests.conftest import docx_text

    assert "CHRS Les Tilleuly" in docx_text(project / "documents" / "04-fiche-de-poste.docx")


def test_a_method_file_edited_with_its_time_put_back_is_seen_by_the_next_command(tmp_path) -> None:
    """Each command is its own process: nothing stat-keyed survives from one to the next."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    method = tmp_path / "methode"
    method.mkdir()
    source = (ROOT / "checklists" / "fiche-de-poste.yaml").read_text("utf-8")
    (method / "fiche-de-poste.yaml").write_text(source, "utf-8")
    env = {**os.environ, "PAIRKIT_METHODE": str(method), "XDG_CACHE_HOME": str(tmp_path / "c")}

    def help_text() -> str:
        done = subprocess.run([sys.executable, "-m", "pairkit", "--help"], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "fiche de poste" in help_text().lower()
    entry = next(line for line in source.splitlines() if line.strip().startswith("aide:"))
    changed = entry.replace(entry.strip()[6:9], "ZZZ", 1)
    _same_size_same_time(method / "fiche-de-poste.yaml", entry, changed)
    assert "ZZZ" in help_text()


def test_values_kept_are_json_data_and_never_code(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    kept = [path for path in cache_dir().rglob("*") if path.is_file()]
    assert "projets" in {path.parent.name for path in kept}
    for path in kept:
        assert path.suffix == ".json", path
        import json

        json.loads(path.read_text("utf-8"))


def test_the_hash_is_hashlib_blake2b() -> None:
    """pairkit loads the hash without hashlib's OpenSSL bindings: the same function."""
    import hashlib

    for data in (b"", b"structure.yaml", bytes(range(256)) * 9):
        assert cache.blake2b(data, digest_size=16).hexdigest() == \
            hashlib.blake2b(data, digest_size=16).hexdigest()


# --- a folder that is not the user's own --------------------------------------------------------

OTHER_USER = 54321


def _planted(project) -> tuple[object, str]:
    """A copy of structure.yaml's content saying another name, under the right key."""
    import json

    from pairkit.files.yamlfiles import content_key

    path = project / "structure.yaml"
    copy = cache_dir() / "projets" / f"{cache.slot(path)}.json"
    key = content_key(path.read_bytes())
    return copy, json.dumps({"key": key, "value": {"version_schema": "2", "nom": "PLANTÉ"}})


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no owners on this system")
@pytest.mark.parametrize("who", ["another user's", "writable by all"])
def test_a_cache_folder_that_is_not_the_users_own_is_not_used(cli, example, who, capfd) -> None:
    project = example("chrs-grenoble")
    copy, payload = _planted(project)
    copy.parent.mkdir(parents=True)
    copy.write_text(payload, "utf-8")
    root = cache_dir()
    for folder in (root, copy.parent):
        folder.chmod(0o777)
        if who == "another user's":
            if os.geteuid() != 0:
                pytest.skip("only root can give a folder away")
            os.chown(folder, OTHER_USER, OTHER_USER)
    result = cli("statut", project)
    assert result.exit_code == 0, result.output
    assert "PLANTÉ" not in result.output and "CHRS Les Tilleuls" in result.output
    warned = result.output + capfd.readouterr().err
    assert "n'utilise pas son dossier de cache" in warned and str(root) in warned
    assert copy.read_text("utf-8") == payload  # nothing written there either
    assert sorted(p.name for p in root.iterdir()) == ["projets"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a file away")
def test_a_kept_file_that_is_not_the_users_own_is_ignored(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("statut", project).exit_code == 0
    copy, payload = _planted(project)
    copy.write_text(payload, "utf-8")
    os.chown(copy, OTHER_USER, OTHER_USER)
    statut = cache_dir() / "statut"
    for kept in statut.iterdir():
        kept.unlink()
    result = cli("statut", project)
    assert "PLANTÉ" not in result.output and "CHRS Les Tilleuls" in result.output


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no owners on this system")
def test_a_cache_in_a_folder_others_can_swap_is_not_used(example, monkeypatch, tmp_path) -> None:
    shared = tmp_path / "partage"
    shared.mkdir()
    shared.chmod(0o777)  # writable by all, without the sticky bit of /tmp
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    project = example("chrs-grenoble")
    assert Project(project).answers(step_named("cadrage"))
    assert cache.unsafe_reason(cache_dir()) is not None
    assert not list(cache_dir().rglob("*.json"))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a file away")
@pytest.mark.parametrize("how", ["file of another user", "folder writable by all"])
def test_compiled_templates_planted_by_someone_else_never_run(cli, example, how) -> None:
    """The class of Jinja2's CVE-2014-1402: code read back from a cache folder others can write."""
    from jinja2.bccache import Bucket

    from pairkit.documents import jinja
    from tests.conftest import docx_text

    project = example("chrs-grenoble")
    jinja.COMPILED.clear()
    assert cli("documents", project).exit_code == 0
    env = jinja.environment()
    folder = cache_dir() / "modeles-code"
    for source in list(jinja.COMPILED):
        honest = env.bytecode_cache.get_bucket(env, cache.digest(source), None, source)
        planted = Bucket(env, honest.key, honest.checksum)
        planted.code = env.compile("PLANTÉ")
        path = folder / f"{honest.key}.code"
        path.write_bytes(planted.bytecode_to_string())
        if how == "file of another user":
            os.chown(path, OTHER_USER, OTHER_USER)
    if how == "folder writable by all":
        folder.chmod(0o777)
    jinja.COMPILED.clear()  # as in a new process
    cache.clear_warnings()
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    for document in (project / "documents").glob("*.docx"):
        assert "PLANTÉ" not in docx_text(document), document.name


# --- documents: nothing to write when nothing changed -------------------------------------------

def test_documents_on_an_unchanged_project_write_nothing_and_follow_every_source(cli, example) -> None:
    import shutil as shell

    from tests.conftest import ROOT, docx_text

    project = example("chrs-grenoble")
    documents = project / "documents"
    assert cli("documents", project).exit_code == 0
    before = {path.name: path.stat().st_mtime_ns for path in documents.iterdir()}
    again = cli("documents", project)
    assert again.exit_code == 0 and "Rien n'a changé" in again.output
    assert {path.name: path.stat().st_mtime_ns for path in documents.iterdir()} == before
    # A step file edited in the same second, same size.
    _same_size_same_time(project / "structure.yaml", "CHRS Les Tilleuls", "CHRS Les Tilleuly")
    edited = cli("documents", project)
    assert "Rien n'a changé" not in edited.output
    assert "CHRS Les Tilleuly" in docx_text(documents / "04-fiche-de-poste.docx")
    # A document deleted.
    (documents / "05-information-collective.docx").unlink()
    assert "Rien n'a changé" not in cli("documents", project).output
    assert (documents / "05-information-collective.docx").is_file()
    # A template of the project's own.
    (project / "modeles").mkdir()
    shell.copy(ROOT / "templates" / "fiche-de-poste.docx", project / "modeles")
    assert "Rien n'a changé" not in cli("documents", project).output
    assert "Rien n'a changé" in cli("documents", project).output
    # The batch says which projects were already up to date.
    batch = cli("documents", "--tous", project.parent)
    assert batch.exit_code == 0 and "1 projet(s) déjà à jour" in batch.output


def test_a_document_retouched_in_word_is_still_set_aside(cli, example) -> None:
    import zipfile

    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    fiche = project / "documents" / "04-fiche-de-poste.docx"
    with zipfile.ZipFile(fiche) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:body>", b"<w:p/></w:body>")
    with zipfile.ZipFile(fiche, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = cli("documents", project)
    assert "Rien n'a changé" not in result.output
    assert list((project / "documents").glob("04-fiche-de-poste (modifié le *).docx"))


def test_the_reports_charts_are_drawn_again_only_when_their_figures_change(cli, workdir, monkeypatch) -> None:
    import shutil as shell

    from docx import Document

    from pairkit.documents import charts
    from tests.conftest import EXAMPLES

    root = workdir / "projets"
    shell.copytree(EXAMPLES, root, ignore=shell.ignore_patterns("documents", "rapport-*", ".*"))
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    first = [shape._inline.graphic.graphicData.pic.blipFill.blip.embed
             for shape in Document(str(root / "rapport-activite-2026.docx")).inline_shapes]
    assert len(first) >= 6
    drawn: list[str] = []
    real = charts._draw

    def counted(title, labels, series):
        drawn.append(title)
        return real(title, labels, series)

    monkeypatch.setattr(charts, "_draw", counted)
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    assert drawn == []  # every chart from what was kept
    assert len(Document(str(root / "rapport-activite-2026.docx")).inline_shapes) == len(first)
    # One more activity changes the activities' chart only.
    answers = workdir / "seance.yaml"
    answers.write_text("type: groupe-cadres\ndate: 2026-11-20\nmodalite: mixte\nparticipants:\n"
                       "  pairs: 0\n  cadres: 7\n  professionnels: 2\n", encoding="utf-8")
    assert cli("activite", "ajouter", root, "--reponses", answers).exit_code == 0
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    assert drawn == ["Les équipes et les cadres"]
