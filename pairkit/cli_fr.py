"""The command line's own words in French: help headings, usage line, parser errors.

Typer and Click print a few words of their own (« Usage », « Options », « [required] »,
« Missing argument »…). The headings go through gettext, so a small catalogue answers them;
the usage line and the parser's errors are rewritten where pairkit's command classes print
them. Imported by `cli.py` only: it costs no more than typer itself.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable
from typing import Any

# Words Typer asks gettext for, in French.
CATALOGUE = {
    "Arguments": "Arguments",
    "Options": "Options",
    "Commands": "Commandes",
    "required": "obligatoire",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "(dynamic)": "(calculé)",
    "Aborted!": "Interrompu.",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue : « {name} ».",
}

USAGE = "Utilisation : "

COMPLETION_HELP = {
    "install_completion": "Installe la complétion des commandes (Tab) pour votre terminal.",
    "show_completion": "Affiche la complétion des commandes, pour la copier ou l'adapter.",
}


def translate(message: str) -> str:
    """The French for one of Typer's own words; anything else is returned as it is."""
    return CATALOGUE.get(message, message)


def install(modules: Iterable[Any]) -> None:
    """Make the given modules' gettext `_` answer from the catalogue."""
    for module in modules:
        if getattr(module, "_", None) is not None:
            module._ = translate


# Typer's type labels in the help (« DOSSIER <path> »).
TYPE_LABELS = {"<path>": "<chemin>", "<str>": "<texte>", "<int>": "<nombre>", "<float>": "<nombre>",
               "<bool>": "<oui/non>"}


def translate_type_labels(classes: Iterable[Any]) -> None:
    """Make the parameter classes show their type label in French."""
    for cls in classes:
        for name in ("display_type", "display_type_rich"):
            original = getattr(cls, name, None)
            if original is None or getattr(original, "_pairkit_fr", False):
                continue

            def french(self: Any, ctx: Any, _original: Any = original) -> Any:
                label = _original(self, ctx)
                return TYPE_LABELS.get(label, label) if isinstance(label, str) else label

            french._pairkit_fr = True  # type: ignore[attr-defined]
            setattr(cls, name, french)


def loaded_typer_modules() -> list[Any]:
    """The modules of Typer (and of its Click) that ask gettext for their words."""
    return [module for name, module in list(sys.modules.items())
            if name.startswith(("typer.", "click.")) and module is not None
            and callable(getattr(module, "_", None))]


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing argument '(?P<a>[^']+)'\.?$"), "il manque l'argument {a}."),
    (re.compile(r"^Missing option '(?P<a>[^']+)'\.?$"), "il manque l'option {a}."),
    (re.compile(r"^No such option: (?P<a>\S+)(?: Did you mean (?P<b>\S+)\?)?$"), "option inconnue : {a}."),
    # Click 8.2 and later name the options that come close.
    (re.compile(r"^No such option: (?P<a>\S+) \(Possible options: (?P<c>[^)]*)\)$"),
     "option inconnue : {a} (options proches : {c})."),
    (re.compile(r"^No such command '(?P<a>[^']+)'\.?$"), "commande inconnue : « {a} »."),
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
