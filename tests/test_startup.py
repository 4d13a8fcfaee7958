"""Commands that ask nothing and write no document do not import the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES

HEAVY = ("questionary", "prompt_toolkit", "docx", "docxtpl", "lxml", "starlette", "uvicorn", "anyio")

PROBE = """
import sys
from pairkit.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})
print('HEAVY:' + ','.join(heavy))
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["statut", str(EXAMPLES / "chrs-grenoble")],
                                  ["verifier", str(EXAMPLES / "caarud-lyon")]])
def test_light_commands_import_no_heavy_module(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE.format(heavy=set(HEAVY)), *args],
                            capture_output=True, text=True, check=True)
    last = result.stdout.strip().splitlines()[-1]
    assert last == "HEAVY:", result.stdout


def test_an_output_that_cannot_hold_every_character_still_works(tmp_path) -> None:
    import os

    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "pairkit", "statut", str(EXAMPLES / "caarud-lyon")],
                            capture_output=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode("cp1252", "replace")
    assert "Prochaine" in result.stdout.decode("cp1252") or "Toutes les" in result.stdout.decode("cp1252")


def test_nothing_is_lost_at_exit_when_the_last_collection_is_skipped(tmp_path) -> None:
    """main() freezes the objects left instead of collecting them: the files it wrote are whole
    and everything it said reaches a pipe."""
    import shutil
    import subprocess
    import sys
    import zipfile

    from tests.conftest import EXAMPLES

    project = tmp_path / "p"
    shutil.copytree(EXAMPLES / "chrs-grenoble", project, ignore=shutil.ignore_patterns("documents"))
    result = subprocess.run([sys.executable, "-m", "pairkit", "documents", str(project)],
                            capture_output=True, text=True, timeout=120, check=False,
                            env={**__import__("os").environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(f"9 fichier(s) écrit(s) dans {project / 'documents'}")
    for path in (project / "documents").glob("*.docx"):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None


MAIN = """
import sys
from pairkit import cli
sys.argv = ['pairkit', *sys.argv[1:]]
try:
    cli.main()
except SystemExit:
    pass
built = cli.app_for(sys.argv[1:])
print('BUILT:' + ','.join(sorted(info.name or info.callback.__name__
                                 for info in built.registered_commands + built.registered_groups)))
"""


@pytest.mark.parametrize(("args", "built", "said"), [
    (["statut", str(EXAMPLES / "caarud-lyon")], "statut", "CAARUD L'Escale"),
    (["modeles", "--help"], "modeles", "exporter"),
    (["statu", "x"], None, "Vouliez-vous dire « statut » ?"),
    (["--help"], None, "nouveau-recrutement"),
    (["--version", "statut"], None, "pairkit "),
])
def test_the_command_line_builds_only_the_command_it_runs(args, built, said, tmp_path) -> None:
    """Typer builds each command it knows at every start; pairkit lets it know only the one
    run, and all of them when the first argument is not one (a mistyped name is corrected)."""
    result = subprocess.run([sys.executable, "-c", MAIN, *args], capture_output=True, text=True,
                            check=True, cwd=tmp_path)
    names = result.stdout.strip().splitlines()[-1].removeprefix("BUILT:").split(",")
    if built is None:
        assert len(names) > 20
    else:
        assert names == [built]
    assert said in result.stdout + result.stderr
