"""pairkit's command line: the application, made of the commands declared in this package.

`project` holds the commands on one project, `steps` one command per step of the method (read
from the checklists), `platform` the commands over all projects and the platform's own files;
`french` says it all in French and catches every error once.
"""

# No `from __future__ import annotations` here: typer reads the annotations at each start.
import contextlib
import gc
import os
import sys
from typing import Annotated

import typer

from pairkit import __version__, display
from pairkit.cli import platform, project
from pairkit.cli.french import FrenchCommand, FrenchGroup
from pairkit.cli.params import Entry
from pairkit.cli.steps import step_commands
from pairkit.errors import PairkitError

_SETTINGS = {"rich_markup_mode": None, "context_settings": {"help_option_names": ["-h", "--help"]}}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pairkit {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Affiche la version et quitte.")] = False,
) -> None:
    """pairkit — la boîte à outils de la plateforme travail pair."""


def commands(strict: bool = True) -> list[Entry]:
    """Every command of pairkit, in the order of its help: the method's steps after the first.

    A method that cannot be read raises its MethodProblem, or (not `strict`) leaves the steps out.
    """
    try:
        steps = step_commands()
    except PairkitError:
        if strict:
            raise
        steps = []
    first, rest = project.COMMANDS[:2], project.COMMANDS[2:]
    return [*first, *steps, *rest, *platform.COMMANDS]


def make_app(only: str | None = None, strict: bool = True) -> typer.Typer:
    """The application, with every command, or only the command (or group) named `only`.

    Typer builds each command it knows (its parameters, from their annotations) before it runs
    one: about a tenth of `pairkit statut`'s time. Knowing only the one run spares it.
    """
    app = typer.Typer(
        cls=FrenchGroup, name="pairkit", add_completion=True, pretty_exceptions_enable=False,
        help="Accompagner le recrutement d'un·e travailleur·se pair·e, étape par étape : "
        "cadrage, état des lieux, motivations et craintes, fiche de poste, information "
        "collective, entretiens, plan sur six mois. Chaque étape écrit un fichier YAML et un "
        "document Word.", **_SETTINGS)  # type: ignore[arg-type]
    app.callback()(_root)
    groups: dict[str, typer.Typer] = {}
    for entry in commands(strict):
        if only is not None and only != (entry.group or entry.name):
            continue
        target = app
        if entry.group is not None:
            if entry.group not in groups:
                groups[entry.group] = typer.Typer(cls=FrenchGroup, help=platform.GROUPS[entry.group],
                                                  **_SETTINGS)  # type: ignore[arg-type]
                app.add_typer(groups[entry.group], name=entry.group)
            target = groups[entry.group]
        target.command(entry.name, cls=FrenchCommand, help=entry.help,
                       hidden=entry.hidden)(entry.run)
    return app


def _named(argv: list[str]) -> str | None:
    """The command or group the first argument names, when the others may be left out.

    Anything else — an option, a mistyped name pairkit suggests a correction for, the shell's
    completion — needs them all.
    """
    if not argv or any(name.startswith("_PAIRKIT_COMPLETE") for name in os.environ):
        return None
    known = {entry.group or entry.name for entry in commands()}
    return argv[0] if argv[0] in known else None


def app_for(argv: list[str]) -> typer.Typer:
    """The application a run with these arguments needs."""
    return make_app(_named(argv))


def main() -> None:
    """The `pairkit` command."""
    display.fit_output_streams()
    # pairkit uses no pydantic plugin; looking for them reads the metadata of every installed
    # package, a tenth of `statut`'s time. Whoever sets the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # Start-up builds tens of thousands of objects that live as long as the process (modules,
    # models of the method); collecting every 700 allocations keeps re-examining them.
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    try:
        run = app_for(sys.argv[1:])
    except PairkitError as problem:  # a method that cannot be read: said before anything runs
        display.error(problem.label, problem.message, problem.hint)
        sys.exit(problem.exit_code)
    try:
        run()
    finally:
        # By now every file pairkit wrote is closed; flush what it said, then spare the
        # interpreter a last collection of objects about to vanish with the process anyway.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        gc.freeze()


def __getattr__(name: str) -> typer.Typer:
    # `pairkit.cli.app`, every command, made when first asked for (tests, documentation):
    # `main` makes only the one it runs. A method that cannot be read leaves the steps out.
    if name == "app":
        made = globals()["app"] = make_app(strict=False)
        return made
    raise AttributeError(name)
