"""pairkit reads its own command-line values: as typer would, in French, without pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
import typer.main
from hypothesis import given
from hypothesis import strategies as st

from pairkit.cli import app
from pairkit.cli import values as cli_types

# From 0.29 typer keeps an adapter per parameter; before, click's types read the values.
ADAPTERS = hasattr(typer.core, "_TyperParameter")
needs_adapters = pytest.mark.skipif(not ADAPTERS, reason="ce typer lit les valeurs avec click")


def _params(command: Any = None, path: str = "pairkit") -> list[tuple[str, Any]]:
    command = command or typer.main.get_command(app)
    found = [(f"{path} {param.name}", param) for param in command.params]
    for name, sub in getattr(command, "commands", {}).items():
        found += _params(sub, f"{path} {name}")
    return found


@needs_adapters
def test_every_parameter_of_pairkit_is_read_by_pairkit() -> None:
    """A new parameter of another kind would bring pydantic back into every run of its command."""
    left = [name for name, param in _params() if cli_types.reader_for(param) is None]
    assert left == []
    assert len(_params()) > 40


def _one(annotation: Any, **options: Any) -> Any:
    """A parameter of `annotation`, as typer builds it for a command."""
    def command(value=None) -> None:  # type: ignore[no-untyped-def]
        pass

    command.__annotations__ = {"value": Annotated[annotation, typer.Option(**options)],
                               "return": None}
    little = typer.Typer()
    little.command()(command)
    little.command("autre")(lambda: None)
    click_command = typer.main.get_command(little).commands["command"]  # type: ignore[attr-defined]
    return click_command.params[0]


def _typer_reads(param: Any, value: str) -> Any:
    from typer._coercion import build_runtime_param

    return build_runtime_param(param.type_descriptor).coerce(value, param=param, ctx=None)


def _pairkit_reads(param: Any, value: str) -> Any:
    read = cli_types.reader_for(param)
    assert read is not None
    return cli_types._Reading(read).coerce(value, param, None)


def _both(param: Any, value: str) -> tuple[Any, Any]:
    """What pairkit and typer read, or the exception's class when either refuses."""
    said = []
    for reads in (_pairkit_reads, _typer_reads):
        try:
            said.append(reads(param, value))
        except typer.BadParameter as refused:
            said.append(type(refused))
    return said[0], said[1]


@needs_adapters
@given(st.text())
def test_text_and_paths_read_as_typer_reads_them(value: str) -> None:
    for annotation in (str, Path, str | None, Path | None):
        mine, theirs = _both(_one(annotation), value)
        assert mine == theirs


@needs_adapters
@given(st.from_regex(r"\s*[+-]?[0-9]{1,12}\s*", fullmatch=True) | st.text())
def test_whole_numbers_read_as_typer_reads_them_or_refused(value: str) -> None:
    """pairkit takes signed ASCII digits; typer also takes « 1_000 » or « 12.0 »: pairkit refuses
    those, typer never takes what pairkit refuses."""
    param = _one(int | None)
    try:
        mine = _pairkit_reads(param, value)
    except typer.BadParameter as refused:
        assert "n'est pas un nombre entier" in refused.message
        mine = None
    try:
        theirs = _typer_reads(param, value)
    except typer.BadParameter:
        theirs = None
        assert mine is None
    if mine is not None:
        assert mine == theirs


@needs_adapters
def test_what_typer_must_check_is_left_to_typer() -> None:
    for options in ({"exists": True}, {"resolve_path": True}, {"dir_okay": False}, {"min": 0}):
        annotation = int if "min" in options else Path
        assert cli_types.reader_for(_one(annotation, **options)) is None, options
    assert cli_types.reader_for(_one(list[str])) is None
    assert cli_types.reader_for(_one(float)) is None


def test_a_year_that_is_not_a_number_is_said_in_french(cli, workdir) -> None:
    result = cli("rapport-annuel", "--annee", "deux-mille", workdir)
    assert result.exit_code == 2
    assert "valeur invalide pour --annee" in result.output
    # Read by pairkit (typer 0.29), or by click, whose words pairkit translates.
    assert "« deux-mille » n'est pas un nombre entier (ex. 2026)." in result.output
    assert "Input should" not in result.output


@pytest.mark.parametrize(("said", "meant"), [("oui", True), (" Non ", False), ("1", True),
                                              ("false", False), ("", False)])
def test_yes_or_no_in_french_or_english(said: str, meant: bool) -> None:
    assert cli_types._yes_no(said, None, None) is meant
    with pytest.raises(typer.BadParameter, match="répondez par oui ou non"):
        cli_types._yes_no("peut-être", None, None)


@needs_adapters
def test_typer_still_takes_the_reader_pairkit_leaves_where_it_keeps_its_adapter(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`values.read_own` sets the one internal of Typer pairkit touches (`_runtime_param`):
    fails if Typer renames it or builds its adapter anyway, which would bring pydantic back."""
    from typer.testing import CliRunner

    def built(*args: object, **kwargs: object) -> None:
        raise AssertionError("typer built its own adapter for a parameter pairkit reads")

    monkeypatch.setattr(typer.core, "build_runtime_param", built)
    result = CliRunner().invoke(app, ["rapport-annuel", "--annee", "1999", "."])
    assert result.exit_code == 2, result.output
    assert "--annee 1999 : ce n'est pas une année de rapport" in result.output
