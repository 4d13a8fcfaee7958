"""Windows, as far as it can be simulated here: a cp1252 console, paths over 260 characters."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import EXAMPLES


def _run(args: list[str], cwd: Path, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "pairkit", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120, check=False)


def test_a_cp1252_console_gets_readable_stand_ins_and_no_crash(workdir: Path) -> None:
    project = workdir / "chrs"
    shutil.copytree(EXAMPLES / "chrs-grenoble", project)
    for args in (["documents", "chrs"], ["statut", "chrs"], ["--help"], ["fiche", "chrs"]):
        result = _run(args, workdir, "cp1252")
        shown = (result.stdout + result.stderr).decode("cp1252")  # every byte is cp1252
        assert "Traceback" not in shown and "Erreur inattendue" not in shown, shown
        assert "travailleur·se" in shown or args[0] != "--help"  # « · » exists in cp1252
    written = _run(["documents", "chrs"], workdir, "cp1252").stdout.decode("cp1252")
    # Nothing changed since the first run: the line says so, its ✓ as « OK ».
    assert "OK Rien n'a changé" in written and "chrs/documents" in written.replace(os.sep, "/")
    assert "?" not in written
    status = _run(["statut", "chrs"], workdir, "cp1252").stdout.decode("cp1252")
    assert "/!\\ attention" in status and "-> " in status


def test_a_path_windows_refuses_gets_a_french_message_and_changes_nothing(cli, example, monkeypatch) -> None:
    """Windows answers « not found » for a path of 260 characters or more: say it is the length."""
    project = example("chrs-grenoble")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
              for p in (project / "documents").glob("*") if p.is_file()} \
        if (project / "documents").is_dir() else {}
    real = tempfile.mkstemp

    def windows_mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        folder = str(kwargs.get("dir", ""))
        if len(folder) + len("/.07-plan-six-mois.docx.abcdefgh.tmp") >= 260:
            raise FileNotFoundError(2, "Le chemin d'accès spécifié est introuvable")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    deep = project.parent / ("très-long-nom-de-dossier-" * 6).strip("-") / ("sous-dossier-" * 8)
    deep.mkdir(parents=True)
    moved = deep / project.name
    shutil.move(str(project), moved)
    monkeypatch.setattr("tempfile.mkstemp", windows_mkstemp)
    result = cli("documents", moved)
    assert result.exit_code == 1, result.output
    assert "caractères" in result.output and "260" in result.output
    assert "plus près de la racine" in result.output
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in (moved / "documents").glob("*") if p.is_file()} \
        if (moved / "documents").is_dir() else {}
    assert after == before


def test_reserved_names_trailing_dots_and_spaces_never_make_a_folder() -> None:
    from pairkit.files.project import slugify

    for name in ("CON", "aux", "Lpt1", "nul.", "Foyer. ", " . ", "COM9 "):
        folder = slugify(name)
        assert folder.split(".")[0].lower() not in {"con", "aux", "lpt1", "nul", "com9"}
        assert not folder.endswith((".", " ")) and folder
