"""Shared fixtures: a CLI runner, an isolated home and work folder, a prompt pipe."""

from __future__ import annotations

import io
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from ruamel.yaml import YAML
from typer.testing import CliRunner

from pairkit.cli import app

# Property tests say what holds, never how fast: a loaded machine (CI runs three Pythons in a
# row) once took 337 ms on an example, past hypothesis's 200 ms deadline. Speed is measured in
# benchmarks/.
settings.register_profile("pairkit", deadline=None)
settings.load_profile("pairkit")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()
        self.unexpected: list[str] = []

    def __call__(self, *args: str) -> object:
        result = self.runner.invoke(app, [str(a) for a in args])
        if "Erreur inattendue" in result.output:
            self.unexpected.append(" ".join(str(a) for a in args))
        return result


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "simulated_bug: the test makes pairkit meet a bug on purpose")


@pytest.fixture
def cli(request: pytest.FixtureRequest) -> Iterator[Cli]:
    """The command line, driven in-process; no command may end in « Erreur inattendue »."""
    runner = Cli()
    yield runner
    if request.node.get_closest_marker("simulated_bug") is None:
        assert runner.unexpected == [], f"« Erreur inattendue » after: {runner.unexpected}"


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs in its own folder, with its own HOME and no user templates."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    # The read cache and compiled templates too: no test sees another's, nor the user's.
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("PAIRKIT_MODELES", raising=False)
    monkeypatch.delenv("PAIRKIT_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def example(workdir: Path) -> callable:  # type: ignore[valid-type]
    """Copy a bundled example project into the work folder (tests never write in examples/)."""

    def copy(name: str = "chrs-grenoble") -> Path:
        target = workdir / name
        shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns("documents"))
        return target

    return copy


@pytest.fixture
def pipe(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Drive the real questionary prompts through a prompt_toolkit pipe input."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    def waited_too_long(signum: int, frame: object) -> None:
        raise TimeoutError("les invites attendent des touches que le test n'a pas envoyées")

    # A prompt left without keys would wait for ever: fail the test instead of hanging the run.
    previous = signal.signal(signal.SIGALRM, waited_too_long)
    signal.alarm(90)
    try:
        with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
            monkeypatch.setattr("pairkit.interview.prompts.stdin_is_terminal", lambda: True)
            yield inp
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def docx_text(path: Path) -> str:
    """All the text of a Word document: body paragraphs, tables, headers and footers."""
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in doc.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def edit(project: Path, filename: str, changes: dict[str, object]) -> None:
    """Set (or, with None, remove) values in a step file; dotted keys reach `reponses`.

    Round-trip, as a person editing the file would: comments and layout stay.
    """
    yaml = YAML()
    path = project / filename
    data = yaml.load(path.read_text("utf-8"))
    for key, value in changes.items():
        node = data
        *parents, last = key.split(".")
        for parent in parents:
            node = node[parent]
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
