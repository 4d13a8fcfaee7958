"""How results look in the terminal (rich): tables, warnings, written files.

Kept apart from cli.py so commands stay one parse, one call, one print. Colours follow
NO_COLOR and disappear when the output is not a terminal; every message reads without them.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from pairkit.documents.modeles import Report
    from pairkit.documents.outputs import Written
    from pairkit.method.lifecycle import Change, Standing
    from pairkit.overview import Overview
    from pairkit.portfolio import Row
    from pairkit.workflow import BatchItem, StepResult
    from pairkit.year.retention import Expired, Purged, Unread


def _e(value: object) -> str:
    """Text from a user or a file, shown literally: « [/] » or « [b] » are not markup here."""
    from rich.markup import escape

    return escape(str(value))


def error(label: str, message: str, hint: str | None, colour: str = "red") -> None:
    """A pairkit error on the error output: what went wrong, then what to do."""
    out = console(stderr=True)
    out.print(f"[bold {colour}]{_e(label)} :[/] {_e(message)}")
    if hint:
        out.print(f"→ {_e(hint)}")


def say(text: str, mark: str = "") -> None:
    """One line of plain information (a ✓ or a – before it, when given)."""
    marks = {"ok": "[green]✓[/] ", "skip": "[yellow]–[/] "}
    console().print(marks.get(mark, "") + _e(text))


# What a console that cannot write a sign (a Windows code page such as cp1252) shows instead.
_STAND_INS = {"✓": "OK", "✗": "X", "⚠": "/!\\", "→": "->", "↳": "->", "…": "...",
              "•": "-", "●": "*", "»": ">", "\u202f": "\u00a0", "\u2009": " ", "’": "'",
              "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
              "┬": "+", "┴": "+", "┼": "+", "━": "-", "┃": "|"}
_HANDLER = "pairkit-stand-ins"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    encoding = error.encoding or "ascii"
    shown = []
    for char in text:
        substitute = _STAND_INS.get(char, "?")
        try:
            substitute.encode(encoding)
        except UnicodeEncodeError:
            substitute = "?"
        shown.append(substitute)
    return "".join(shown), error.end


def fit_output_streams() -> None:
    """Let standard output and error write any text, whatever the console's code page.

    A sign the console cannot show becomes a readable stand-in (« ✓ » → « OK », « → » →
    « -> »), never an error that stops pairkit in the middle of its work.
    """
    import codecs

    codecs.register_error(_HANDLER, _stand_in)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors=_HANDLER)


def console(stderr: bool = False) -> Console:
    """A rich console that honours NO_COLOR and prints text as it is.

    On a terminal, long lines are cut between words (the terminal would cut a word in two);
    into a file or a pipe, a line stays whole, so a path can be copied or searched.
    """
    from rich.console import Console

    out = Console(stderr=stderr, highlight=False)
    out.soft_wrap = not out.is_terminal
    return out


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar that disappears when done; yields the function that advances it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(),
                  console=console(), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


def copied(paths: list[Path], what: str) -> None:
    """Files copied for the platform to edit; those already there were left alone."""
    out = console()
    for path in paths:
        out.print(f"[green]✓[/] {_e(path)}")
    out.print(f"{_e(len(paths))} {_e(what)} ; ceux qui existaient déjà sont laissés tels quels.")


def written(items: list[Written]) -> None:
    """Each file written, and the hand-edited versions set aside."""
    out = console()
    for item in items:
        out.print(f"[green]✓[/] {_e(item.path)}")
        if item.kept is not None:
            out.print(f"  [yellow]↳ ce document avait été modifié à la main : votre version est "
                      f"conservée sous « {_e(item.kept.name)} »[/]")


def step_result(result: StepResult) -> None:
    """A step's end: where its answers are, its documents, its points de vigilance."""
    out = console()
    outcome = result.outcome
    if outcome.complete:
        out.print(f"[green]✓[/] {_e(outcome.step.label)} : réponses enregistrées dans {_e(outcome.path)}")
    else:
        out.print(f"[yellow]…[/] {_e(outcome.step.label)} : étape incomplète ({_e(outcome.path)})")
    written(result.documents)
    for warning in result.warnings:
        colour = "red" if warning.level == "bloquant" else "yellow"
        out.print(f"  [{colour}]⚠ {_e(warning.level)}[/] — {_e(warning.reason)}")
        out.print(f"    → {_e(warning.action)}")


def up_to_date(folder: Path, written: list[str], skipped: list[str]) -> None:
    """`pairkit documents` on a project where nothing changed since its documents were written."""
    for reason in skipped:
        say(f"non généré : {reason}", "skip")
    say(f"Rien n'a changé depuis la dernière génération : les {len(written)} fichier(s) de "
        f"{folder} sont à jour.", "ok")


def batch(items: list[BatchItem]) -> bool:
    """The summary of a batch; False when a project failed."""
    out = console()
    failed = [item for item in items if item.error]
    for item in failed:
        out.print(f"[red]✗[/] {_e(item.root)} : {_e(item.error)}")
    for item in items:
        for kept in item.kept:
            out.print(f"[yellow]↳[/] {_e(item.root)} : document modifié à la main conservé sous "
                      f"« {_e(kept.name)} »")
    count = sum(item.written for item in items)
    same = sum(1 for item in items if item.unchanged)
    out.print(f"{_e(count)} fichier(s) écrit(s) pour {_e(len(items) - len(failed) - same)} projet(s)"
              + (f" ; {_e(same)} projet(s) déjà à jour" if same else "")
              + (f" ; {_e(len(failed))} projet(s) en erreur." if failed else "."))
    return not failed


def status(view: Overview) -> None:
    """`pairkit statut`: the steps in a table, then problems, points and the next step.

    On a terminal, a table; into a file or a pipe, the same columns as aligned lines.
    """
    out = console()
    title = f"Projet « {view.root} »"
    if view.structure:
        title = f"{view.structure} — dossier « {view.root} »"
    headers = ["Étape", "État", "Commande", "Document"]
    lines = []
    for row in view.steps:
        state = row.state + (f" ({row.missing} réponse(s) manquante(s))" if row.missing else "")
        lines.append([row.label, state, f"pairkit {row.command}", "oui" if row.document else "—"])
    if out.is_terminal:
        from rich.table import Table

        colours = {"faite": "green", "en cours": "yellow", "à faire": "dim", "invalide": "red"}
        table = Table(title=_e(title), title_justify="left")
        for column in headers[:3]:
            table.add_column(column)
        table.add_column(headers[3], justify="center")
        for row, cells in zip(view.steps, lines, strict=True):
            table.add_row(_e(cells[0]), f"[{colours[row.state]}]{_e(cells[1])}[/]",
                          *(_e(cell) for cell in cells[2:]))
        out.print(table)
    else:
        out.out(f"{title}\n{_aligned([headers, *lines])}", highlight=False)
    out.print(f"État du recrutement{f' « {_e(view.title)} »' if view.title else ''} : "
              f"{_e(view.standing)} (pairkit etat {_e(view.root)})")
    for problem in view.problems:
        out.print(f"[red]✗[/] {_e(problem)}")
    if view.points:
        out.print(f"Points de vigilance : {_e(len(view.points))}")
        for point in view.points:
            colour = "red" if point.level == "bloquant" else "yellow"
            out.print(f"  [{colour}]⚠ {_e(point.level)}[/] ({_e(point.step)}) "
                      f"— {_e(point.reason)}\n    → {_e(point.action)}")
    next_step(view)


def _aligned(rows: list[list[str]]) -> str:
    """Rows of cells as lines with their columns aligned, for a file or a pipe."""
    widths = [max(len(cells[i]) for cells in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
                     .rstrip() for cells in rows)


def standing_text(standing: Standing | None) -> str:
    """« En pause depuis le 1er octobre 2026 (financement en attente) », or « non indiqué »."""
    from pairkit.portfolio import standing_text as words

    return words(standing, long=True)


def state_changed(root: Path, change: Change) -> None:
    """What `pairkit etat` recorded."""
    from pairkit.method.lifecycle import Standing

    say(f"{root} : {standing_text(Standing(change.etat, change.date, change.raison))}", "ok")


def next_step(view: Overview) -> None:
    """The next step and its command, or how to regenerate everything."""
    out = console()
    if view.next_command is None:
        out.print("[green]Toutes les étapes sont faites.[/] Régénérer les documents : "
                  f"pairkit documents {_e(view.root)}")
    else:
        out.print(f"Prochaine étape : [bold]{_e(view.next_label)}[/] — "
                  f"pairkit {_e(view.next_command)} {_e(view.root)}")


def _no_project(root: Path, total: int, filters: dict[str, str | None]) -> str:
    """Why the table is empty: no project at all, or none of those found matches."""
    if not total:
        return f"Aucun projet sous « {_e(root)} » (un projet est un dossier avec structure.yaml)."
    asked = _e(", ".join(f"{name} {value}" for name, value in filters.items() if value))
    if total == 1:
        return f"Le seul projet sous « {_e(root)} » ne correspond pas ({asked})."
    return f"Aucun des {total} projets sous « {_e(root)} » ne correspond ({asked})."


def portfolio(root: Path, rows: list[Row], total: int | None = None,
              filters: dict[str, str | None] | None = None) -> None:
    """`pairkit suivi`: every project in one table.

    On a terminal, a table that fits its width; into a file or a pipe, one line per project
    with its columns aligned, whole, so that it can be searched or pasted (and hundreds of
    projects are written at once, where a table is measured cell by cell).
    """
    from pairkit.dates_fr import long_date
    from pairkit.portfolio import HEADERS

    out = console()
    if not rows:
        out.print(_no_project(root, total or 0, filters or {}))
        return
    title = f"Projets sous « {root} »"
    lines = []
    for row in rows:
        vigilance = (f"{row.blocking} bloquant(s), {row.warnings} en tout" if row.blocking
                     else f"{row.warnings} attention" if row.warnings else "—")
        meeting = f"{long_date(row.next_date)} ({row.next_label})" if row.next_date else "—"
        lines.append([row.structure, row.sector or "—", row.state, row.step, vigilance, meeting,
                      row.changed.strftime("%d/%m/%Y %H:%M")])
    unread = [f"non lu : {row.root} — {row.problem}" for row in rows if row.problem]
    if not out.is_terminal:
        out.out(f"{title}\n{_aligned([HEADERS, *lines])}", highlight=False)
        for line in unread:
            out.out(line, highlight=False)
        return
    from rich.table import Table

    table = Table(title=_e(title), title_justify="left")
    for column in HEADERS:
        table.add_column(column)
    for row, cells in zip(rows, lines, strict=True):
        shown = [_e(cell) for cell in cells]
        if row.blocking:
            shown[4] = f"[red]{_e(row.blocking)} bloquant(s)[/], {_e(row.warnings)} en tout"
        elif row.warnings:
            shown[4] = f"[yellow]{shown[4]}[/]"
        if row.invalid:
            shown[3] = f"[red]{shown[3]}[/]"
        table.add_row(*shown)
    out.print(table)
    for line in unread:
        out.print(f"[red]{_e(line)}[/]")


def rows(title: str, headers: list[str], lines: list[list[str]], empty: str) -> None:
    """A plain table of lines (the census): a rich table on a terminal, aligned lines otherwise."""
    out = console()
    if not lines:
        out.print(_e(empty))
        return
    if not out.is_terminal:
        out.out(f"{title}\n{_aligned([headers, *lines])}", highlight=False)
        return
    from rich.table import Table

    table = Table(title=_e(title), title_justify="left")
    for column in headers:
        table.add_column(column)
    for line in lines:
        table.add_row(*(_e(cell) for cell in line))
    out.print(table)


def expired_notes(root: Path, items: list[Expired], years: int) -> None:
    """What `pairkit purger` would remove, project by project."""
    from pairkit.dates_fr import long_date

    out = console()
    span = f"{years} an" + ("s" if years > 1 else "")
    if not items:
        out.print(f"Aucune note à supprimer sous « {_e(root)} » (délai de conservation : "
                  f"{_e(span)} après la clôture).")
        return
    out.print(f"Notes conservées plus de {_e(span)} après la clôture du recrutement :")
    for item in items:
        out.print(f"  {_e(item.root)} — clos le {_e(long_date(item.ended, weekday=False))}, "
                  f"à supprimer depuis le {_e(long_date(item.until, weekday=False))} :")
        for title, fields in item.notes.items():
            out.print(f"    • {_e(title)} : {_e(' ; '.join(fields))}")
        if item.documents:
            out.print("    Documents qui seront supprimés, car ils peuvent citer ces notes (le plan "
                      "sera réécrit sans elles) :")
            for document in item.documents:
                out.print(f"    • {_e(document.name)}")


def unread(items: list[Unread]) -> None:
    """Recruitments that could not be read, each with its reason."""
    for item in items:
        say(f"non lu : {item.root} — {item.reason}", "skip")


def purged(result: Purged) -> None:
    """What `pairkit purger` did."""
    say(f"{result.reviews} compte(s) rendu(s) vidé(s) de leurs notes.", "ok")
    for path in result.removed:
        say(f"supprimé : {path}", "ok")
    for path in result.remade:
        say(f"réécrit sans les notes : {path}", "ok")
    for item in result.skipped:
        say(f"laissé tel quel : {item.root} — {item.reason}", "skip")


def hr_topics(topics: dict[str, dict[str, str]]) -> None:
    """The list of HR notes `pairkit aide` knows."""
    out = console()
    out.print("Repères disponibles (pairkit aide SUJET) :")
    for key, item in topics.items():
        out.print(f"  [bold]{_e(key)}[/] — {_e(item['titre'])}")


def hr_note(item: dict[str, object]) -> None:
    """One HR note with its sources."""
    out = console()
    out.print(f"[bold]{_e(item['titre'])}[/]\n")
    out.print(_e(str(item["texte"])))
    sources = item.get("sources") or []
    out.print("\nSources : " + _e(" ; ".join(str(s) for s in sources)))  # type: ignore[attr-defined]
    if item.get("verifie"):
        out.print(f"Vérifié le {_e(item['verifie'])}.")


def template_reports(folder: Path, reports: list[Report]) -> bool:
    """One line per template; False when a template has a problem pairkit cannot render."""
    out = console()
    if not reports:
        out.print(f"Aucun modèle .docx dans « {_e(folder)} ».")
        return True
    fine = True
    for report in reports:
        if report.ok and not report.dropped:
            out.print(f"[green]✓[/] {_e(report.path.name)}")
            continue
        out.print(f"[bold]{_e(report.path.name)}[/]")
        if report.error:
            fine = False
            out.print(f"  [red]✗ {_e(report.error)}[/]")
        for name in report.unknown:
            fine = False
            out.print(f"  [red]✗ balise « {_e(name)} » : pairkit ne fournit pas cette information[/]")
        if report.dropped:
            out.print("  [yellow]– informations du modèle fourni que ce modèle n'affiche plus :[/] "
                      + _e(", ".join(report.dropped)))
    return fine
