"""Nothing lost, nothing leaked: odd text, broken files, interruptions, two processes."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pairkit.documents.context import clean_text
from tests.conftest import EXAMPLES, ROOT, docx_text

FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text a consultant might paste: any Unicode, including controls, RTL, emoji, markup.
ODD_TEXT = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=10),
        st.sampled_from(["{{", "}}", "{%", "%}", "{_{", "<w:t>", "&", "\v", "\r\n", "\t", "🙂", "مرحبا"]),
    ),
    min_size=1, max_size=12,
).map("".join).filter(lambda t: t.strip() != "")


def normalise(text: str) -> str:
    return " ".join(clean_text(text).replace("\u2060", "").split())


def write_yaml(path: Path, data: dict) -> None:
    buffer = io.StringIO()
    yaml = YAML(typ="safe")
    yaml.width = 1_000_000  # folded double-quoted lines do not always read back as written
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@FAST
@given(text=ODD_TEXT)
def test_any_text_is_rendered_as_typed(cli, tmp_path_factory, text: str) -> None:
    project = tmp_path_factory.mktemp("p") / "p"
    shutil.copytree(EXAMPLES / "chrs-grenoble", project, ignore=shutil.ignore_patterns("documents"))
    data = YAML(typ="safe").load((project / "structure.yaml").read_text("utf-8"))
    data["pourquoi_un_pair"] = text
    write_yaml(project / "structure.yaml", data)
    result = cli("documents", project)
    expected = normalise(text.strip())
    if not expected:
        return  # only characters Word cannot hold: nothing to show
    assert result.exit_code == 0, result.output
    note = docx_text(project / "documents" / "01-note-d-intention.docx")
    assert expected in normalise(note)


MUTATIONS = st.lists(
    st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 10_000),
              st.lists(st.sampled_from([*":-'\"\t\n #{}[]&|>*!%@`é", "oui", "2026-02-30"]),
                       max_size=4).map("".join)),
    min_size=1, max_size=4,
)


@FAST
@given(edits=MUTATIONS, filename=st.sampled_from(["structure.yaml", "diagnostic.yaml", "fiche-de-poste.yaml",
                                                  "info-coll.yaml", "plan.yaml"]))
def test_arbitrary_edits_never_crash_and_verifier_changes_nothing(cli, tmp_path_factory, edits, filename) -> None:
    project = tmp_path_factory.mktemp("p") / "p"
    shutil.copytree(EXAMPLES / "caarud-lyon", project, ignore=shutil.ignore_patterns("documents"))
    path = project / filename
    text = path.read_text("utf-8")
    for kind, position, piece in edits:
        position %= len(text) + 1
        if kind == "insert":
            text = text[:position] + piece + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + len(piece) + 1:]
        else:
            text = text[:position] + piece + text[position + len(piece):]
    path.write_text(text, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in project.glob("*.yaml")}
    for command in ("verifier", "statut", "documents"):
        result = cli(command, project)
        assert result.exit_code in (0, 1), (command, result.output)
        assert "Traceback" not in result.output and "Erreur inattendue" not in result.output, result.output
    assert {p.name: p.read_bytes() for p in project.glob("*.yaml")} == before


BAD_FILES = {
    "tab": "version_schema: 1\n\tnom: x\n",
    "duplicate": "version_schema: 1\nversion_schema: 1\n",
    "unclosed quote": "version_schema: 1\nx: \"abc\n",
    "unknown key": "version_schema: 1\ninconnu: 3\n",
    "wrong type": "version_schema: 1\nheure: [1, 2]\nduree: beaucoup\ndate_prise_poste: 2026-02-30\n",
    "empty": "",
    "binary": b"\x00\xff\x00PK\x03\x04",
    "no version": "commentaires: rien\n",
    "future version": "version_schema: 3\n",
    "huge": "version_schema: 1\n# " + "x" * (3 * 1024 * 1024) + "\n",
}
COMMANDS = [["verifier"], ["documents"], ["diagnostic"], ["motivations"], ["fiche-de-poste"],
            ["info-coll"], ["entretiens"], ["plan"], ["new-project"]]


@pytest.mark.parametrize("bad", sorted(BAD_FILES))
@pytest.mark.parametrize("target", ["structure.yaml", "plan.yaml", "info-coll.yaml"])
def test_every_command_on_every_kind_of_bad_file(cli, workdir, bad, target) -> None:
    project = workdir / "p"
    shutil.copytree(EXAMPLES / "chrs-grenoble", project, ignore=shutil.ignore_patterns("documents"))
    content = BAD_FILES[bad]
    path = project / target
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()}
    for command in COMMANDS:
        result = cli(*command, project)
        output = result.output
        assert "Traceback" not in output and "Erreur inattendue" not in output, (command, output)
        if target == "structure.yaml" or command[0] in ("verifier", "documents") or \
                command[0] == target.split(".")[0]:
            assert result.exit_code != 0, (command, output)
            assert target in output, (command, output)
        assert {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()} == before, command


@FAST
@given(text=ODD_TEXT)
def test_any_answer_survives_a_rewrite_of_its_file(tmp_path_factory, text: str) -> None:
    from ruamel.yaml.comments import CommentedMap

    from pairkit.files.yamlfiles import load_document, save_document, write_answer

    path = tmp_path_factory.mktemp("y") / "structure.yaml"
    doc = CommentedMap()
    doc["version_schema"] = 1
    value = (text + "\n") * 5  # several lines, long enough to tempt the emitter into folding
    write_answer(doc, ["publics"], "publics", value)
    save_document(path, doc)
    assert str(load_document(path)["publics"]) == value


def test_end_of_input_keeps_every_answer(cli, pipe, workdir) -> None:
    pipe.send_text("CHRS Test\r\r")
    pipe.close()
    result = cli("new-project", "projet")
    assert result.exit_code == 130, result.output
    data = YAML(typ="safe").load((workdir / "projet" / "structure.yaml").read_text("utf-8"))
    assert data["nom"] == "CHRS Test"


WRITER = """
import sys
from pathlib import Path
from pairkit.files.yamlfiles import save_document
path = Path(sys.argv[1])
i = 0
while True:
    i += 1
    save_document(path, {"version_schema": 1, "nom": "CHRS", "compteur": i, "texte": "x" * (i % 5000)})
"""


def test_killing_a_writing_process_leaves_a_valid_file(tmp_path) -> None:
    folder = tmp_path / "projet"
    folder.mkdir()
    path = folder / "structure.yaml"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for delay in (0.3, 0.45, 0.6, 0.75, 0.9):
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=env)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        process.wait()
        data = YAML(typ="safe").load(path.read_text("utf-8"))
        assert data["version_schema"] == 1 and data["nom"] == "CHRS"
        assert data["texte"] == "x" * (data["compteur"] % 5000)
    leftovers = [p.name for p in folder.iterdir() if p.name != "structure.yaml"]
    assert all(name.endswith(".tmp") for name in leftovers), leftovers  # at most stray temporaries


def test_a_second_pairkit_on_the_same_project_is_refused(cli, example) -> None:
    import json
    import socket

    project = example("chrs-grenoble")
    lock = project / ".pairkit.lock"
    lock.write_text(json.dumps({"pid": os.getpid(), "machine": socket.gethostname(),
                                "depuis": "2026-11-23T10:00:00"}), encoding="utf-8")
    before = (project / "plan.yaml").read_bytes()
    result = cli("plan", project, "--reponses", EXAMPLES / "caarud-lyon" / "plan.yaml")
    assert result.exit_code == 1
    assert "déjà ouvert par un autre pairkit" in result.output and ".pairkit.lock" in result.output
    assert (project / "plan.yaml").read_bytes() == before
    # A lock left by a process that no longer runs is taken over.
    lock.write_text(json.dumps({"pid": 999_999_999, "machine": socket.gethostname(),
                                "depuis": "2026-11-23T10:00:00"}), encoding="utf-8")
    assert cli("documents", project).exit_code == 0
    assert not lock.exists()


@pytest.mark.parametrize("name", ["../../etc/passwd", "L'Escale / Lyon 7e", "  ..  ", "Café « Oasis »\\n",
                                  "CON", "a" * 300])
def test_structure_names_give_safe_folders_inside_the_current_one(cli, workdir, name) -> None:
    from pairkit.workflow import slugify

    slug = slugify(name)
    assert slug and "/" not in slug and "\\" not in slug and ".." not in slug and len(slug) <= 60
    folder = workdir / "source"
    shutil.copytree(EXAMPLES / "caarud-lyon", folder, ignore=shutil.ignore_patterns("documents"))
    data = YAML(typ="safe").load((folder / "structure.yaml").read_text("utf-8"))
    data["nom"] = name
    write_yaml(folder / "structure.yaml", data)
    result = cli("new-project", "--reponses", folder)
    assert result.exit_code == 0, result.output
    created = [p for p in workdir.iterdir() if p.name not in ("source",)]
    assert len(created) == 1 and created[0].parent == workdir
    assert (created[0] / "structure.yaml").is_file()


def test_no_question_asks_for_health_or_life_history() -> None:
    from pairkit.method.alerts import vocabulary_alerts
    from pairkit.method.registry import ALL_STEPS

    for step in ALL_STEPS:
        for question in step.content().questions:
            texts = [question.message, *(c.label for c in question.choices)]
            # « ce diagnostic » is the structure's readiness diagnostic, not a person's.
            texts = [t.replace("ce diagnostic", "cette étape") for t in texts]
            assert not vocabulary_alerts(step.id, texts), (step.id, question.name)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_project_folder(cli, example) -> None:
    project = example("chrs-grenoble")
    answers = project.parent / "r.yaml"
    answers.write_text("membre_equipe: Inès T.\n", encoding="utf-8")
    project.chmod(0o555)
    try:
        result = cli("info-coll", project, "--reponses", answers)
    finally:
        project.chmod(0o755)
    assert result.exit_code == 1 and "Impossible d'écrire" in result.output


def test_a_file_that_cannot_be_written_gets_a_french_message(cli, example, monkeypatch) -> None:
    project = example("chrs-grenoble")
    answers = project.parent / "r.yaml"
    answers.write_text("membre_equipe: Inès T.\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pairkit.files.atomic.tempfile.mkstemp", refuse)
    result = cli("info-coll", project, "--reponses", answers)
    assert result.exit_code == 1
    assert "Impossible d'écrire" in result.output and "Traceback" not in result.output


def test_a_folder_given_for_an_answers_file_is_said_in_french(cli, example) -> None:
    project = example("chrs-grenoble")
    before = (project / "motivations.yaml").read_bytes()
    result = cli("motivations", project, "--reponses", project)
    assert result.exit_code != 0
    assert "c'est un dossier, là où un fichier est attendu" in result.output
    assert "Is a directory" not in result.output
    assert (project / "motivations.yaml").read_bytes() == before


# --- one bad project never hides the others ----------------------------------------------------

def _refuse(monkeypatch, *refused: Path) -> None:
    """As chmod 000 does for a user who is not root: the folder cannot be listed, the file
    cannot be read (root reads everything, so the system's refusal is played here)."""
    import os as os_module
    import pathlib

    real_scandir, real_read = os_module.scandir, pathlib.Path.read_bytes
    blocked = {str(path.resolve()) for path in refused}

    def scandir(path=".", *args, **kwargs):
        if str(Path(path).resolve()) in blocked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args, **kwargs)

    def read_bytes(self):
        if str(self.resolve()) in blocked or str(self.resolve().parent) in blocked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    real_stat = os_module.stat
    folders = {name for name in blocked if Path(name).is_dir()}

    def stat(path, *args, **kwargs):
        # What a folder without rights holds cannot even be looked at (a file's own metadata
        # stays readable: only its content is refused).
        if os_module.path.dirname(os_module.path.realpath(path)) in folders:
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os_module, "scandir", scandir)
    monkeypatch.setattr(os_module, "stat", stat)
    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)


@pytest.mark.parametrize("what", ["plan.yaml", "folder"])
def test_an_unreadable_project_is_named_and_the_others_done(cli, workdir, monkeypatch, what) -> None:
    root = workdir / "projets"
    for name in ("chrs-grenoble", "pension-vienne", "caarud-lyon"):
        shutil.copytree(EXAMPLES / name, root / name, ignore=shutil.ignore_patterns("documents"))
    bad = root / "caarud-lyon"
    _refuse(monkeypatch, bad / "plan.yaml" if what == "plan.yaml" else bad)
    suivi = cli("suivi", root)
    assert suivi.exit_code == 0, suivi.output
    shown = suivi.output
    assert "CHRS Les Tilleuls" in shown and ("caarud-lyon" in shown or "L'Escale" in shown)
    if what == "folder":
        assert "non lu" in suivi.output and "droits" in suivi.output
    report = cli("rapport-annuel", root, "--annee", "2026")
    assert report.exit_code == 0, report.output
    assert "non lu" in report.output and "caarud-lyon" in report.output
    batch = cli("documents", "--tous", root)
    assert (root / "chrs-grenoble" / "documents" / "04-fiche-de-poste.docx").is_file()
    assert (root / "pension-vienne" / "documents" / "04-fiche-de-poste.docx").is_file()
    assert "caarud-lyon" in batch.output and batch.exit_code == 1
    assert "Erreur inattendue" not in batch.output + report.output + suivi.output


def test_the_shared_cadrage_is_written_under_its_own_folders_lock(cli, example) -> None:
    """Regression: `modifier P new-project ville` and `modifier P/second new-project territoire`
    at once lost one confirmed answer: each took only its own folder's lock."""
    from pairkit.errors import ProjectLocked
    from pairkit.files.locking import project_lock
    from pairkit.workflow import run_one

    structure = example("caarud-lyon")
    assert cli("nouveau-recrutement", structure, "--intitule", "second poste").exit_code == 0
    second = next(p for p in structure.iterdir() if (p / "recrutement.yaml").is_file())
    before = (structure / "structure.yaml").read_bytes()
    with project_lock(structure):  # another pairkit works on the structure's own recruitment
        with pytest.raises(ProjectLocked):
            run_one(second, "new-project", None, interactive=True, only=["ville"])
        # The second recruitment's own files stay its own: its fiche is not the structure's.
        assert not (second / ".pairkit.lock").exists()
    assert (structure / "structure.yaml").read_bytes() == before
    assert not (structure / ".pairkit.lock").exists()


@pytest.mark.parametrize(("name", "slug"), [
    ("Œuvre Falret", "oeuvre-falret"), ("Cœur de ville", "coeur-de-ville"),
    ("Île\u2011de\u2011France", "ile-de-france"), ("L’Escale", "l-escale"),
    ("CHRS Les Tilleuls", "chrs-les-tilleuls"), ("nul", "nul-projet")])
def test_folder_names_fold_letters_as_the_lexicons_do(name, slug) -> None:
    """Regression: « Œuvre Falret » gave « uvre-falret », « Île‑de‑France » (U+2011) « iledefrance »."""
    from pairkit.files.project import slugify

    assert slugify(name) == slug


@given(st.lists(st.text(alphabet=st.characters(categories=("L", "N", "Pd")), min_size=1, max_size=40),
                min_size=1, max_size=8))
def test_a_chart_label_is_wrapped_between_words_never_inside_one(words) -> None:
    from pairkit.documents.charts import _wrap

    label = " ".join(words)
    lines = _wrap(label).split("\n")
    assert " ".join(lines).split() == label.split()  # every word whole, in order
    assert all(len(line) <= 28 or " " not in line for line in lines)
