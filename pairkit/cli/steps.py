"""One command per step of the method, made from its checklist's `etape` block.

The commands, their help and the plan's `--bilan` option are read from `checklists/`: the
platform renames a step, or adds one of the follow-up meetings, without code.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from pairkit import display
from pairkit.cli.params import Answers, Entry, Folder, Pdf, as_pdf, interactive


def run_step(command: str, dossier: Path, reponses: Path | None, pdf: bool = False) -> None:
    """Ask a step's questions, write its file and documents, say what comes next."""
    from pairkit.overview import overview
    from pairkit.workflow import run_one

    result = run_one(dossier, command, reponses, interactive())
    display.step_result(result)
    display.next_step(overview(dossier))
    as_pdf([w.path for w in result.documents], wanted=pdf)


def record_review(command: str, dossier: Path, review: str, reponses: Path | None,
                  pdf: bool) -> None:
    """Note one follow-up meeting of a step (the plan's reviews)."""
    from pairkit.workflow import record_review as record

    result = record(dossier, command, review, reponses, interactive())
    display.step_result(result)
    as_pdf([w.path for w in result.documents], wanted=pdf)


def _review_help(entry: dict[str, Any]) -> str:
    from pairkit.files.checklists import load_checklist

    ids = [str(item["id"]) for item in load_checklist(str(entry["bilans"]))["elements"]]
    return str(entry["option_bilan"]).format(rendez_vous=", ".join(ids))


def _entries_of(entry: dict[str, Any]) -> list[Entry]:
    """The command of one step, and its earlier names (hidden, still accepted)."""
    command = str(entry["commande"])
    aliases = [str(name) for name in entry.get("alias") or []]
    text = f"{entry['aide']}\n\nExemple : pairkit {command} chrs-les-tilleuls"
    if aliases:
        text += f"\n\nAncien nom, toujours accepté : {', '.join(aliases)}."
    if entry.get("option_bilan") and entry.get("bilans"):
        # The option's help is read from the checklist, so its type is made here.
        Review = Annotated[str | None, typer.Option(
            "--bilan", metavar="RENDEZ-VOUS", help=_review_help(entry), show_default=False)]

        def run_or_review(dossier: Folder, reponses: Answers = None, bilan: Review = None,
                          pdf: Pdf = False) -> None:
            if bilan is None:
                run_step(command, dossier, reponses, pdf)
            else:
                record_review(command, dossier, bilan, reponses, pdf)

        run: Callable[..., None] = run_or_review
    else:
        def run_only(dossier: Folder, reponses: Answers = None, pdf: Pdf = False) -> None:
            run_step(command, dossier, reponses, pdf)

        run = run_only
    return [Entry(name, run, help=text, hidden=name != command) for name in (command, *aliases)]


def step_commands() -> list[Entry]:
    """The step commands of the method in force; MethodProblem when it cannot be read."""
    from pairkit.files.checklists import step_entries

    entries: list[Entry] = []
    for entry in step_entries():
        # What is not a step of the sequence (the recruitment's state) has its own command.
        if str(entry.get("commande")) != "new-project" and entry.get("parcours", True):
            entries.extend(_entries_of(entry))
    return entries


def complete_steps(incomplete: str) -> list[str]:
    """The step commands starting with what was typed (shell completion)."""
    from pairkit.files.checklists import step_entries

    return [str(e["commande"]) for e in step_entries()
            if str(e["commande"]).startswith(incomplete) and e.get("parcours", True)]


def complete_questions(ctx: Any, incomplete: str) -> list[str]:
    """The question names of the step typed before, starting with what was typed."""
    from pairkit.files.checklists import load_checklist, step_entries

    wanted = str(ctx.params.get("etape") or "")
    for entry in step_entries():
        if wanted in (entry["commande"], entry["checklist"], *(entry.get("alias") or [])):
            names = [str(q["nom"]) for q in load_checklist(str(entry["checklist"]))["questions"]]
            return [name for name in names if name.startswith(incomplete)]
    return []


def state_help() -> str:
    """The help of `etat --etat`: the states, read from the checklist."""
    # Read as plain data: the help must not load the method (pydantic) to list the states.
    from pairkit.files.checklists import load_checklist

    for question in load_checklist("vie-du-recrutement")["questions"]:
        if question["nom"].endswith(".etat"):
            return "Le nouvel état : " + ", ".join(str(c["valeur"]) for c in question["choix"]) + "."
    return "Le nouvel état."


