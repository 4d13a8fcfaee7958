"""pairkit's command line: each command parses, makes one call to the core, prints a result.

Heavy libraries (questionary, python-docx, docxtpl, pydantic) are imported inside the
commands, so `pairkit --help` and `--version` start instantly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from pairkit import __version__
from pairkit.errors import PairkitError

if TYPE_CHECKING:
    from rich.console import Console

    from pairkit.outputs import Written
    from pairkit.workflow import Status, StepResult


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _unexpected(exc: BaseException) -> NoReturn:
    _console(stderr=True).print(
        "[bold red]Erreur inattendue dans pairkit[/] "
        f"({type(exc).__name__}). Vos fichiers de projet n'ont pas été abîmés.\n"
        "→ Relancez avec la variable PAIRKIT_DEBUG=1 pour voir le détail, et transmettez-le "
        "à l'équipe qui maintient pairkit."
    )
    raise typer.Exit(70)


_HELP = "Affiche cette aide et quitte."


class _Command(TyperCommand):
    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP
        return option


class _Group(TyperGroup):
    """Catches pairkit's errors once, for every command, and prints them in French."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP
        return option

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PairkitError as exc:
            console = _console(stderr=True)
            colour = "red" if exc.exit_code != 130 else "yellow"
            console.print(f"[bold {colour}]{exc.label} :[/] {exc.message}", soft_wrap=True)
            if exc.hint:
                console.print(f"→ {exc.hint}", soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _console(stderr=True).print("Interrompu. Rien n'a été perdu.")
            raise typer.Exit(130) from None
        except Exception as exc:
            # Typer's (or click's) own exits and usage errors are theirs to print.
            if type(exc).__module__.split(".")[0] in ("typer", "click") or os.environ.get(
                "PAIRKIT_DEBUG"
            ):
                raise
            _unexpected(exc)


app = typer.Typer(
    cls=_Group,
    name="pairkit",
    help="Accompagner le recrutement d'un·e travailleur·se pair·e, étape par étape : cadrage, "
    "diagnostic, motivations et craintes, fiche de poste, information collective, entretiens, "
    "plan sur six mois. Chaque étape écrit un fichier YAML et un document Word.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Folder = Annotated[Path, typer.Argument(help="Dossier du projet.", show_default=False)]
Answers = Annotated[
    Path | None,
    typer.Option("--reponses", help="Fichier YAML de réponses (même format que le fichier de "
                 "l'étape) : rien n'est demandé pour les réponses qu'il contient.",
                 show_default=False),
]


Pdf = Annotated[bool, typer.Option("--pdf", help="Écrit aussi une copie PDF de chaque document "
                                   "(LibreOffice doit être installé).")]


def _pdf(paths: list[Path]) -> None:
    from pairkit.pdf import to_pdf

    for pdf in to_pdf([p for p in paths if p.suffix == ".docx"]):
        _console().print(f"[green]✓[/] {pdf}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pairkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Affiche la version et quitte.")] = False,
) -> None:
    """pairkit — la boîte à outils de la plateforme travail pair."""


def _interactive() -> bool:
    from pairkit.prompts import stdin_is_terminal

    return stdin_is_terminal()


def _print_result(result: StepResult) -> None:
    console = _console()
    outcome = result.outcome
    if outcome.complete:
        console.print(f"[green]✓[/] {outcome.step.label} : réponses enregistrées dans {outcome.path}")
    else:
        console.print(f"[yellow]…[/] {outcome.step.label} : étape incomplète ({outcome.path})")
    for written in result.documents:
        console.print(f"  Document : {written.path}")
        _print_kept(console, written)
    for warning in result.warnings:
        colour = "red" if warning.level == "bloquant" else "yellow"
        console.print(f"  [{colour}]⚠ {warning.level}[/] — {warning.reason}", soft_wrap=True)
        console.print(f"    → {warning.action}", soft_wrap=True)


def _print_kept(console: Console, written: Written) -> None:
    if written.kept is not None:
        console.print(f"  [yellow]↳ ce document avait été modifié à la main : votre version est "
                      f"conservée sous « {written.kept.name} »[/]", soft_wrap=True)


def _run_step(step_id: str, dossier: Path, reponses: Path | None, pdf: bool = False) -> None:
    from pairkit.workflow import run_one

    result = run_one(dossier, step_id, reponses, _interactive())
    _print_result(result)
    if pdf:
        _pdf([w.path for w in result.documents])


@app.command("new-project", cls=_Command)
def new_project(
    dossier: Annotated[Path | None, typer.Argument(help="Dossier du projet (créé s'il n'existe "
                                                   "pas).", show_default=False)] = None,
    reponses: Annotated[Path | None, typer.Option(
        "--reponses", help="Dossier contenant des fichiers d'étape (comme un projet d'examples/) "
        "à reprendre sans poser de questions.", show_default=False)] = None,
) -> None:
    """Crée un projet et mène les premières étapes : cadrage, diagnostic, motivations et craintes.

    Sur un projet existant, reprend à la première étape non terminée.

    Exemple : pairkit new-project chrs-les-tilleuls
    """
    from pairkit import prompts
    from pairkit.workflow import new_project as run

    interactive = _interactive()

    def ask_next(step: Any) -> bool:
        return prompts.ask_yes_no(f"Passer à l'étape suivante : « {step.label} » ?")

    project, results = run(dossier, reponses, interactive, on_step_done=_print_result,
                           ask_next=ask_next)
    console = _console()
    if not results:
        console.print(f"Les premières étapes de « {project.root} » sont déjà faites.")
    console.print(f"Où en est le projet : pairkit statut {project.root}")


@app.command(cls=_Command)
def diagnostic(dossier: Folder, reponses: Answers = None, pdf: Pdf = False) -> None:
    """Diagnostic de préparation de la structure (questions par thème, points de vigilance).

    Exemple : pairkit diagnostic chrs-les-tilleuls
    """
    _run_step("diagnostic", dossier, reponses, pdf)


@app.command(cls=_Command)
def motivations(dossier: Folder, reponses: Answers = None, pdf: Pdf = False) -> None:
    """Atelier motivations et craintes avec l'équipe, et sa synthèse.

    Exemple : pairkit motivations chrs-les-tilleuls
    """
    _run_step("motivations", dossier, reponses, pdf)


@app.command("fiche-de-poste", cls=_Command)
def fiche_de_poste(dossier: Folder, reponses: Answers = None, pdf: Pdf = False) -> None:
    """Construit la fiche de poste.

    Exemple : pairkit fiche-de-poste chrs-les-tilleuls
    """
    _run_step("fiche_de_poste", dossier, reponses, pdf)


@app.command("info-coll", cls=_Command)
def info_coll(dossier: Folder, reponses: Answers = None, pdf: Pdf = False) -> None:
    """Prépare l'information collective pour les candidat·es et écrit son programme.

    Exemple : pairkit info-coll chrs-les-tilleuls
    """
    _run_step("info_coll", dossier, reponses, pdf)


@app.command(cls=_Command)
def entretiens(dossier: Folder, reponses: Answers = None, pdf: Pdf = False) -> None:
    """Guide des entretiens de recrutement : jury, questions à poser et à ne jamais poser.

    Exemple : pairkit entretiens chrs-les-tilleuls
    """
    _run_step("entretiens", dossier, reponses, pdf)


@app.command(cls=_Command)
def plan(
    dossier: Folder,
    reponses: Answers = None,
    bilan: Annotated[str | None, typer.Option(
        "--bilan", help="Note le compte rendu d'un rendez-vous (preparation, integration, m1, m2, "
        "m3, m4, m6) ; au bilan m6, propose une fiche de poste révisée.", show_default=False)] = None,
    pdf: Pdf = False,
) -> None:
    """Plan de co-construction sur six mois, daté à partir de la prise de poste.

    Exemples : pairkit plan chrs-les-tilleuls ; pairkit plan chrs-les-tilleuls --bilan m3
    """
    if bilan is None:
        _run_step("plan", dossier, reponses, pdf)
        return
    from pairkit.workflow import record_review

    result = record_review(dossier, bilan, reponses, _interactive())
    _print_result(result)
    if pdf:
        _pdf([w.path for w in result.documents])


@app.command(cls=_Command)
def documents(
    dossier: Folder,
    tous: Annotated[bool, typer.Option("--tous", help="DOSSIER contient plusieurs projets : "
                                       "régénère les documents de chacun.")] = False,
    pdf: Pdf = False,
) -> None:
    """Régénère tous les documents à partir des fichiers YAML, sans rien demander.

    Exemples : pairkit documents examples/chrs-grenoble ; pairkit documents --tous mes-projets
    """
    if tous:
        _documents_batch(dossier)
        return
    from pairkit.workflow import documents as run

    written, skipped = run(dossier)
    console = _console()
    for item in written:
        console.print(f"[green]✓[/] {item.path}")
        _print_kept(console, item)
    for reason in skipped:
        console.print(f"[yellow]–[/] non généré : {reason}", soft_wrap=True)
    console.print(f"{len(written)} fichier(s) écrit(s) dans {dossier / 'documents'}")
    if pdf:
        _pdf([item.path for item in written])


def _documents_batch(root: Path) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from pairkit.workflow import documents_many, find_projects

    console = _console()
    total = len(find_projects(root))
    with Progress(TextColumn("Documents"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True) as progress:
        task = progress.add_task("documents", total=total)
        items = documents_many(root, on_progress=lambda _item: progress.advance(task))
    failed = [item for item in items if item.error]
    for item in failed:
        console.print(f"[red]✗[/] {item.root} : {item.error}", soft_wrap=True)
    written = sum(item.written for item in items)
    console.print(f"{written} fichier(s) écrit(s) pour {len(items) - len(failed)} projet(s)"
                  + (f" ; {len(failed)} projet(s) en erreur." if failed else "."))
    if failed:
        raise typer.Exit(1)


@app.command(cls=_Command)
def dossier(dossier: Folder, pdf: Pdf = False) -> None:
    """Rassemble tous les documents du projet en un seul fichier Word, avec un sommaire.

    Exemple : pairkit dossier chrs-les-tilleuls --pdf
    """
    from pairkit.workflow import build_dossier

    written = build_dossier(dossier)
    console = _console()
    console.print(f"[green]✓[/] {written.path}")
    _print_kept(console, written)
    if pdf:
        _pdf([written.path])


def _print_status(report: Status) -> None:
    from rich.table import Table

    console = _console()
    table = Table(title=f"Projet « {report.project.root} »", title_justify="left")
    table.add_column("Étape")
    table.add_column("État")
    table.add_column("Commande")
    table.add_column("Document", justify="center")
    colours = {"faite": "green", "en cours": "yellow", "à faire": "dim", "invalide": "red"}
    for row in report.steps:
        state = row.state
        if row.missing:
            state += f" ({len(row.missing)} réponse(s) manquante(s))"
        table.add_row(row.step.label, f"[{colours[row.state]}]{state}[/]",
                      f"pairkit {row.step.command}", "✓" if row.document else "—")
    console.print(table)
    for row in report.steps:
        for problem in row.problems:
            console.print(f"[red]✗[/] {problem}", soft_wrap=True)
    if report.warnings:
        from pairkit.steps import step_named

        console.print(f"Points de vigilance : {len(report.warnings)}")
        for warning in report.warnings:
            colour = "red" if warning.level == "bloquant" else "yellow"
            console.print(f"  [{colour}]⚠ {warning.level}[/] ({step_named(warning.step).label}) "
                          f"— {warning.reason}\n    → {warning.action}", soft_wrap=True)
    following = report.next_step
    if following is None:
        console.print("[green]Toutes les étapes sont faites.[/] Régénérer les documents : "
                      f"pairkit documents {report.project.root}")
    else:
        console.print(f"Prochaine étape : [bold]{following.label}[/] — "
                      f"pairkit {following.command} {report.project.root}")


@app.command(cls=_Command)
def statut(dossier: Folder) -> None:
    """Où en est le projet : étapes faites, à faire, et la suite.

    Exemple : pairkit statut chrs-les-tilleuls
    """
    from pairkit.workflow import status

    _print_status(status(dossier))


@app.command(cls=_Command)
def verifier(dossier: Folder) -> None:
    """Vérifie tous les fichiers du projet et liste chaque problème (fichier, ligne, champ).

    Exemple : pairkit verifier chrs-les-tilleuls
    """
    from pairkit.errors import ProjectFileError
    from pairkit.workflow import verify

    project, problems, count = verify(dossier)
    if problems:
        raise ProjectFileError(problems)
    _console().print(f"[green]✓[/] {count} fichier(s) vérifié(s) dans « {project.root} » : "
                     "aucun problème.")


@app.command(cls=_Command)
def suivi(
    dossier: Annotated[Path | None, typer.Argument(
        help="Dossier qui contient les projets (sinon : variable PAIRKIT_PROJETS, puis "
        "« dossier_projets » du fichier de réglages, puis le dossier courant).",
        show_default=False)] = None,
) -> None:
    """Tous les projets en un tableau, ceux qui demandent de l'attention en premier.

    Exemple : pairkit suivi ~/Documents/projets-travail-pair
    """
    from rich.table import Table

    from pairkit.dates_fr import long_date
    from pairkit.portfolio import projects_root, rows

    root = projects_root(dossier)
    table = Table(title=f"Projets sous « {root} »", title_justify="left")
    for column in ("Structure", "Secteur", "Étape en cours", "Vigilance", "Prochain rendez-vous",
                   "Modifié le"):
        table.add_column(column)
    found = rows(root)
    for row in found:
        vigilance = "—"
        if row.warnings:
            vigilance = f"[red]{row.blocking} bloquant(s)[/], {row.warnings} en tout" \
                if row.blocking else f"[yellow]{row.warnings} attention[/]"
        step = f"[red]{row.step}[/]" if row.invalid else row.step
        meeting = f"{long_date(row.next_date)} ({row.next_label})" if row.next_date else "—"
        table.add_row(row.structure, row.sector or "—", step, vigilance, meeting,
                      row.changed.strftime("%d/%m/%Y %H:%M"))
    console = _console()
    if not found:
        console.print(f"Aucun projet sous « {root} » (un projet est un dossier avec structure.yaml).")
        return
    console.print(table)


@app.command(cls=_Command)
def aide(
    sujet: Annotated[str | None, typer.Argument(help="Sujet (sans argument : la liste).",
                                                show_default=False)] = None,
) -> None:
    """Repères RH et juridiques à montrer : AAH, RSA, RQTH, PEC, période d'essai, données.

    Exemples : pairkit aide ; pairkit aide rqth
    """
    from pairkit import hrnotes

    console = _console()
    if sujet is None:
        console.print("Repères disponibles (pairkit aide SUJET) :")
        for key, item in hrnotes.topics().items():
            console.print(f"  [bold]{key}[/] — {item['titre']}")
        return
    item = hrnotes.note(sujet)
    console.print(f"[bold]{item['titre']}[/]\n")
    console.print(item["texte"])
    console.print("\nSources : " + " ; ".join(item.get("sources") or []))


modeles_app = typer.Typer(cls=_Group, no_args_is_help=True, rich_markup_mode=None,
                          help="Les modèles Word de la plateforme : les exporter, les vérifier.",
                          context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(modeles_app, name="modeles")


@modeles_app.command("exporter", cls=_Command)
def modeles_exporter(dossier: Annotated[Path, typer.Argument(
        help="Dossier où copier les modèles (pour un projet : son sous-dossier modeles/).",
        show_default=False)]) -> None:
    """Copie les modèles Word fournis, pour les personnaliser dans Word.

    Exemple : pairkit modeles exporter chrs-les-tilleuls
    """
    from pairkit.modeles import export

    copied = export(dossier)
    console = _console()
    for path in copied:
        console.print(f"[green]✓[/] {path}")
    console.print(f"{len(copied)} modèle(s) copié(s) ; ceux qui existaient déjà sont laissés tels quels.")


@modeles_app.command("verifier", cls=_Command)
def modeles_verifier(dossier: Annotated[Path, typer.Argument(
        help="Dossier des modèles personnalisés (ou projet qui a un sous-dossier modeles/).",
        show_default=False)]) -> None:
    """Signale les balises inconnues de pairkit et les informations que vos modèles n'affichent plus.

    Exemple : pairkit modeles verifier chrs-les-tilleuls
    """
    from pairkit.modeles import check

    reports = check(dossier)
    console = _console()
    if not reports:
        console.print(f"Aucun modèle .docx dans « {dossier} ».")
        return
    failed = False
    for report in reports:
        if report.ok and not report.dropped:
            console.print(f"[green]✓[/] {report.path.name}")
            continue
        console.print(f"[bold]{report.path.name}[/]")
        if report.error:
            failed = True
            console.print(f"  [red]✗ {report.error}[/]", soft_wrap=True)
        for name in report.unknown:
            failed = True
            console.print(f"  [red]✗ balise « {name} » : pairkit ne fournit pas cette information[/]")
        if report.dropped:
            console.print("  [yellow]– informations du modèle fourni que ce modèle n'affiche plus :[/] "
                          + ", ".join(report.dropped), soft_wrap=True)
    if failed:
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
