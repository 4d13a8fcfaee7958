"""The command line in French, through Click's and Typer's public seams only.

pairkit's command classes (`FrenchGroup`, `FrenchCommand`) write the help themselves — usage
line, section headings, each parameter's line from its public help record — and catch every
error once: the parser's (rewritten in French from its message), pairkit's own, a refusal of
the system. Nothing of Typer or Click is replaced: no gettext function, no method of theirs.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from pairkit import display
from pairkit.cli.values import read_own
from pairkit.errors import FileAccessError, PairkitError

USAGE = "Utilisation : "
HELP = "Affiche cette aide et quitte."
HEADINGS = {"argument": "Arguments", "option": "Options"}
COMMANDS_HEADING = "Commandes"

COMPLETION_HELP = {
    "install_completion": "Installe la complétion des commandes (Tab) pour votre terminal.",
    "show_completion": "Affiche la complétion des commandes, pour la copier ou l'adapter.",
}

# The parent of typer's public BadParameter: click's UsageError, or typer's own copy of it
# (0.29 on); its parent is their ClickException. Pinned by a test.
USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]
PARSER_ERROR: type[Exception] = USAGE_ERROR.__mro__[1]

# What a parameter's help record says in English, in the brackets after its help.
_RECORD_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bdefault: "), "par défaut : "),
    (re.compile(r"\benv var: "), "variable d'environnement : "),
    (re.compile(r"\brequired\b"), "obligatoire"),
    (re.compile(r"\(dynamic\)"), "(calculé)"),
]
# Typer's type labels in a parameter's name column (« DOSSIER <path> »).
TYPE_LABELS = {"<path>": "<chemin>", "<str>": "<texte>", "<int>": "<nombre>",
               "<float>": "<nombre>", "<bool>": "<oui/non>"}
_LABEL = re.compile("|".join(re.escape(label) for label in TYPE_LABELS))
_BRACKETS = re.compile(r"\[[^\[\]]*\]\s*$")


def french_record(record: tuple[str, str]) -> tuple[str, str]:
    """A parameter's help line in French: its type label, and the words in its last brackets."""
    name, text = record
    name = _LABEL.sub(lambda found: TYPE_LABELS[found.group(0)], name)
    bracket = _BRACKETS.search(text)
    if bracket is not None:
        said = bracket.group(0)
        for pattern, french in _RECORD_WORDS:
            said = pattern.sub(french, said)
        text = text[: bracket.start()] + said
    return name, text


class _FrenchHelp:
    """The help in French, written from Click's public pieces (parameters' records, commands)."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP
        return option

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        read_own(params)
        for param in params:
            if param.name in COMPLETION_HELP:
                param.help = COMPLETION_HELP[param.name]
        return params

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        sections: dict[str, list[tuple[str, str]]] = {kind: [] for kind in HEADINGS}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and param.param_type_name in sections:
                sections[param.param_type_name].append(french_record(record))
        for kind, records in sections.items():
            if records:
                with formatter.section(HEADINGS[kind]):
                    formatter.write_dl(records)
        if hasattr(self, "list_commands"):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        shown = [(name, command) for name in self.list_commands(ctx)  # type: ignore[attr-defined]
                 if (command := self.get_command(ctx, name)) is not None  # type: ignore[attr-defined]
                 and not command.hidden]
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        with formatter.section(COMMANDS_HEADING):
            formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in shown])


class FrenchCommand(_FrenchHelp, TyperCommand):
    """A command of pairkit, its help in French."""


class FrenchGroup(_FrenchHelp, TyperGroup):
    """pairkit or one of its groups: help in French, and every error caught here, once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "COMMANDE [ARGUMENTS]..."

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """`pairkit` or `pairkit modeles` alone: the help is what was asked for."""
        if not args and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            ctx.exit(0)
        return list(super().parse_args(ctx, args))

    # The signature differs between the Typer/Click versions pairkit supports; all is passed on.
    def main(self, args: Any = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        """Run the command line; the parser's own errors are said in French, once."""
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except USAGE_ERROR as exc:
            _usage_error(exc)
            sys.exit(2)
        except typer.Abort:
            display.error("Interrompu", "rien n'a été perdu.", None, colour="yellow")
            sys.exit(130)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; pairkit's errors and the system's refusals are said here, once."""
        try:
            return super().invoke(ctx)
        except PairkitError as exc:
            display.error(exc.label, exc.message, exc.hint,
                          colour="red" if exc.exit_code != 130 else "yellow")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            display.error("Interrompu", "rien n'a été perdu.", None, colour="yellow")
            raise typer.Exit(130) from None
        except OSError as exc:
            # A refusal of the system met outside the writes that name it already (a read).
            refused = FileAccessError.from_os_error(exc)
            display.error(refused.label, refused.message, refused.hint)
            raise typer.Exit(refused.exit_code) from None
        except (typer.Exit, typer.Abort, PARSER_ERROR):
            raise  # the parser's own: said by `main`
        except Exception as exc:
            if os.environ.get("PAIRKIT_DEBUG"):
                raise
            _unexpected(exc)


def _unexpected(exc: BaseException) -> NoReturn:
    display.error("Erreur inattendue dans pairkit",
                  f"({type(exc).__name__}). Vos fichiers de projet n'ont pas été abîmés.",
                  "Relancez avec la variable PAIRKIT_DEBUG=1 pour voir le détail, et transmettez-le "
                  "à l'équipe qui maintient pairkit.")
    raise typer.Exit(70)


def _usage_error(exc: Any) -> None:
    """A mistyped command line: what is wrong, the usage line, and what was probably meant."""
    ctx = getattr(exc, "ctx", None)
    message = usage_error(str(exc.format_message() if hasattr(exc, "format_message") else exc))
    hints = []
    typed = re.search(r"« ([^»]*) »|'([^']*)'", str(exc))
    if typed and "No such command" in str(exc) and ctx is not None \
            and hasattr(ctx.command, "list_commands"):
        meant = suggestion(typed.group(1) or typed.group(2), ctx.command.list_commands(ctx))
        if meant:
            hints.append(f"Vouliez-vous dire « {meant} » ?")
    path = ctx.command_path if ctx is not None else "pairkit"
    hints.append(f"Aide : « {path} --help ».")
    usage = ctx.get_usage() if ctx is not None else ""
    display.error("Erreur", f"{message}\n{usage}", " ".join(hints))


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing argument '(?P<a>[^']+)'\.?$"), "il manque l'argument {a}."),
    (re.compile(r"^Missing option '(?P<a>[^']+)'\.?$"), "il manque l'option {a}."),
    (re.compile(r"^No such option: (?P<a>\S+)(?: Did you mean (?P<b>\S+)\?)?$"), "option inconnue : {a}."),
    # Click 8.2 and later name the options that come close.
    (re.compile(r"^No such option: (?P<a>\S+) \(Possible options: (?P<c>[^)]*)\)$"),
     "option inconnue : {a} (options proches : {c})."),
    (re.compile(r"^No such command '(?P<a>[^']+)'\.?$"), "Commande inconnue : « {a} »."),
    # Click 8.5 under an older typer quotes the option, and may guess another.
    (re.compile(r"^No such option '(?P<a>[^']+)'\. Did you mean '(?P<c>[^']+)'\?$"),
     "option inconnue : {a} (options proches : {c})."),
    (re.compile(r"^No such option '(?P<a>[^']+)'\.?$"), "option inconnue : {a}."),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<a>.*)\)$"), "argument en trop : {a}."),
    (re.compile(r"^Option '(?P<a>[^']+)' requires an argument\.?$"), "l'option {a} attend une valeur."),
    (re.compile(r"^Option '(?P<a>[^']+)' does not take a value\.?$"), "l'option {a} ne prend pas de valeur."),
    (re.compile(r"^Invalid value for '?(?P<a>[^':]+)'?: (?P<b>.*)$"), "valeur invalide pour {a} : {b}"),
    (re.compile(r"^Missing command\.?$"), "il manque la commande."),
]

# Typer's own guess at a mistyped name, in English; pairkit says its own in French.
_GUESS = re.compile(r"\s*\(?Did you mean [^?]*\?\)?")

# What click's types say of a value they refuse (a typer that reads values with click).
_VALUES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^'(?P<v>.*)' is not a valid int(?:eger)?\.?$"),
     "« {v} » n'est pas un nombre entier (ex. 2026)."),
]


def _matched(message: str, patterns: list[tuple[re.Pattern[str], str]]
             ) -> tuple[str, dict[str, str]] | None:
    """The French words for a message one of `patterns` recognises, and what it names."""
    for pattern, french in patterns:
        match = pattern.match(message.strip())
        if match:
            return french, {name: value or "" for name, value in match.groupdict().items()}
    return None


def usage_error(message: str) -> str:
    """A parser error, in French (what a type said of a refused value too)."""
    found = _matched(message, _PATTERNS) or _matched(_GUESS.sub("", message), _PATTERNS)
    if found is None:
        return _GUESS.sub("", message)
    french, said = found
    value = _matched(said.get("b", ""), _VALUES)
    if value is not None:
        said["b"] = value[0].format(**value[1])
    return french.format(**said)


def suggestion(word: str, commands: Iterable[str]) -> str | None:
    """The command the user probably meant, if one is close enough."""
    known = list(commands)
    starts = [c for c in known if c.startswith(word)] if word else []
    close = starts or difflib.get_close_matches(word, known, n=1, cutoff=0.5)
    return close[0] if close else None
