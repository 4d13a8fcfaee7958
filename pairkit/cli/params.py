"""What the commands share: their common parameters, how a command is declared, two helpers."""

# No `from __future__ import annotations` in the command modules: typer reads every command's
# annotations at each start, and real objects spare it evaluating strings.
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from pairkit import display


@dataclass(frozen=True)
class Entry:
    """One command of pairkit: its name, its function, the group it belongs to (if any)."""

    name: str
    run: Callable[..., Any]
    group: str | None = None
    # When the help is not the function's docstring (a step's, read from its checklist).
    help: str | None = None
    hidden: bool = False


Folder = Annotated[Path, typer.Argument(help="Dossier du projet.", show_default=False,
                                        metavar="DOSSIER")]
# The folder holding every project (and the activities), as the commands over all of them take it.
ProjectsRoot = Annotated[Path | None, typer.Argument(
    metavar="DOSSIER", help="Le dossier qui contient les projets (sinon : variable PAIRKIT_PROJETS, "
    "puis « dossier_projets » du fichier de réglages, puis le dossier courant).",
    show_default=False)]
Answers = Annotated[
    Path | None,
    typer.Option("--reponses", metavar="FICHIER",
                 help="Fichier YAML de réponses (même format que le fichier de "
                 "l'étape) : rien n'est demandé pour les réponses qu'il contient.",
                 show_default=False),
]
Pdf = Annotated[bool, typer.Option("--pdf", help="Écrit aussi une copie PDF de chaque document "
                                   "(LibreOffice doit être installé).")]


def interactive() -> bool:
    """Whether answers can be asked (a terminal), or must come from files."""
    from pairkit.interview.prompts import stdin_is_terminal

    return stdin_is_terminal()


def as_pdf(paths: list[Path], wanted: bool = True) -> None:
    """The PDF copy of each Word document written, each named when done; without `wanted`,
    an older PDF copy of a document just rewritten is removed (it no longer says the same),
    and said so."""
    from pairkit.documents.outputs import drop_stale, remember_copy
    from pairkit.documents.pdf import to_pdf

    documents = [p for p in paths if p.suffix == ".docx"]
    if not wanted:
        removed, doubtful = drop_stale(documents)
        for stale in removed:
            display.say(f"supprimé : {stale.name}, copie PDF d'un document qui a changé "
                        "(« --pdf » pour la refaire)", "skip")
        for stale in doubtful:
            display.say(f"{stale.name} est plus ancien que son document : il n'est peut-être "
                        "plus à jour (« --pdf » pour le refaire)", "skip")
        return
    for pdf in to_pdf(documents):
        remember_copy(pdf, pdf.with_suffix(".docx"))  # what the copy says, to know when it is stale
        display.say(str(pdf), "ok")


def ask_next(step: Any) -> bool:
    """Whether to go on with the next step, asked after each one."""
    from pairkit.interview import prompts

    return prompts.ask_yes_no(f"Passer à l'étape suivante : « {step.label} » ?")
