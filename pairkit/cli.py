"""pairkit's command line: each command parses, makes one call to the core, prints a result.

Heavy libraries (questionary, python-docx, docxtpl, pydantic) are imported inside the
commands, so `pairkit --help` and `--version` start instantly.
"""

# No `from __future__ import annotations` here: typer reads every command's annotations at each
# start, and real objects spare it evaluating a few hundred strings.
import contextlib
import gc
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from pairkit import __version__, cli_fr, cli_types, display
from pairkit.errors import FileAccessError, PairkitError

cli_fr.install(cli_fr.loaded_typer_modules())
cli_fr.translate_type_labels(
    getattr(typer.core, name) for name in ("TyperArgument", "TyperOption") if hasattr(typer.core, name))


def _unexpected(exc: BaseException) -> NoReturn:
    display.error("Erreur inattendue dans pairkit",
                  f"({type(exc).__name__}). Vos fichiers de projet n'ont pas été abîmés.",
                  "Relancez avec la variable PAIRKIT_DEBUG=1 pour voir le détail, et transmettez-le "
                  "à l'équipe qui maintient pairkit.")
    raise typer.Exit(70)


_HELP = "Affiche cette aide et quitte."
# The parent of typer's public BadParameter: click's UsageError, or typer's own copy of it.
_USAGE_ERROR = typer.BadParameter.__mro__[1]


def _usage_error(exc: Any) -> None:
    """A mistyped command line: what is wrong, the usage line, and what was probably meant."""
    ctx = exc.ctx
    message = cli_fr.usage_error(str(exc.format_message() if hasattr(exc, "format_message") else exc))
    hints = []
    unknown = str(exc)
    typed = re.search(r"« (.*) »|'(.*)'", unknown)
    if typed and ("No such command" in unknown or "Commande inconnue" in unknown) \
            and ctx is not None and hasattr(ctx.command, "list_commands"):
        meant = cli_fr.suggestion(typed.group(1) or typed.group(2), ctx.command.list_commands(ctx))
        if meant:
            hints.append(f"Vouliez-vous dire « {meant} » ?")
    path = ctx.command_path if ctx is not None else "pairkit"
    hints.append(f"Aide : « {path} --help ».")
    usage = ctx.get_usage() if ctx is not None else ""
    display.error("Erreur", f"{message}\n{usage}", " ".join(hints))


class _FrenchHelp:
    """The help in French: its own option's line, the usage line, the completion options."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _HELP
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=cli_fr.USAGE)

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        cli_types.read_own(params)
        for param in params:
            if param.name in cli_fr.COMPLETION_HELP:
                param.help = cli_fr.COMPLETION_HELP[param.name]
        return params


class _Command(_FrenchHelp, TyperCommand):
    pass


class _Group(_FrenchHelp, TyperGroup):
    """Catches pairkit's errors once, for every command, and prints them in French."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "COMMANDE [ARGUMENTS]..."

    # The signature differs between the Typer/Click versions pairkit supports; all is passed on.
    def main(self, args: Any = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        """Run the command line; the parser's own errors are said in French, once."""
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except Exception as exc:
            asked = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError" and asked is not None:
                # `pairkit` or `pairkit modeles` alone: the help is what was asked for.
                typer.echo(asked.get_help())
                sys.exit(0)
            # The parser's usage errors, whatever their subclass (NoSuchCommand is one since
            # click 8.5), whether typer uses click or (0.29 on) its own copy of it.
            if not isinstance(exc, _USAGE_ERROR) or not hasattr(exc, "ctx"):
                if isinstance(exc, typer.Abort):
                    display.error("Interrompu", "rien n'a été perdu.", None, colour="yellow")
                    sys.exit(130)
                raise
            _usage_error(exc)
            sys.exit(2)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
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
    "état des lieux, motivations et craintes, fiche de poste, information collective, entretiens, "
    "plan sur six mois. Chaque étape écrit un fichier YAML et un document Word.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

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


def _pdf(paths: list[Path]) -> None:
    from pairkit.documents.pdf import to_pdf

    for pdf in to_pdf([p for p in paths if p.suffix == ".docx"]):
        display.say(str(pdf), "ok")


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
    from pairkit.interview.prompts import stdin_is_terminal

    return stdin_is_terminal()


def _run_step(command: str, dossier: Path, reponses: Path | None, pdf: bool = False) -> None:
    from pairkit.overview import overview
    from pairkit.workflow import run_one

    result = run_one(dossier, command, reponses, _interactive())
    display.step_result(result)
    display.next_step(overview(dossier))
    if pdf:
        _pdf([w.path for w in result.documents])


def _record_review(command: str, dossier: Path, review: str, reponses: Path | None,
                   pdf: bool) -> None:
    from pairkit.workflow import record_review

    result = record_review(dossier, command, review, reponses, _interactive())
    display.step_result(result)
    if pdf:
        _pdf([w.path for w in result.documents])


@app.command("new-project", cls=_Command)
def new_project(
    dossier: Annotated[Path | None, typer.Argument(metavar="DOSSIER",
                                                   help="Dossier du projet (créé s'il n'existe "
                                                   "pas).", show_default=False)] = None,
    reponses: Annotated[Path | None, typer.Option(
        "--reponses", metavar="DOSSIER", help="Dossier contenant des fichiers d'étape (comme un "
        "projet d'examples/) à reprendre sans poser de questions.", show_default=False)] = None,
) -> None:
    """Crée un projet et mène les premières étapes : cadrage, état des lieux, motivations et craintes.

    Sur un projet existant, reprend à la première étape non terminée.

    Exemple : pairkit new-project chrs-les-tilleuls
    """
    from pairkit.interview import prompts
    from pairkit.overview import overview
    from pairkit.workflow import new_project as run

    interactive = _interactive()

    def ask_next(step: Any) -> bool:
        return prompts.ask_yes_no(f"Passer à l'étape suivante : « {step.label} » ?")

    project, results = run(dossier, reponses, interactive, on_step_done=display.step_result,
                           ask_next=ask_next)
    if not results:
        display.say(f"Les premières étapes de « {project.root} » sont déjà faites.")
    display.next_step(overview(project.root))


app.command("nouveau-projet", cls=_Command,
            help="Comme « new-project » : crée un projet et mène les premières étapes.\n\n"
            "Exemple : pairkit nouveau-projet chrs-les-tilleuls")(new_project)


def _review_help(entry: dict[str, Any]) -> str:
    from pairkit.files.checklists import load_checklist

    ids = [str(item["id"]) for item in load_checklist(str(entry["bilans"]))["elements"]]
    return str(entry["option_bilan"]).format(rendez_vous=", ".join(ids))


def _add_step_command(entry: dict[str, Any]) -> None:
    """One command per step of the method, made from its checklist's `etape` block.

    A step's earlier command names (`alias`) run the same command, hidden from the list.
    """
    command = str(entry["commande"])
    aliases = [str(name) for name in entry.get("alias") or []]
    text = f"{entry['aide']}\n\nExemple : pairkit {command} chrs-les-tilleuls"
    if aliases:
        text += f"\n\nAncien nom, toujours accepté : {', '.join(aliases)}."
    if entry.get("option_bilan") and entry.get("bilans"):
        Review = Annotated[str | None, typer.Option(
            "--bilan", metavar="RENDEZ-VOUS", help=_review_help(entry), show_default=False)]

        def run_with_reviews(dossier: Folder, reponses: Answers = None, bilan: str | None = None,
                             pdf: Pdf = False) -> None:
            if bilan is None:
                _run_step(command, dossier, reponses, pdf)
            else:
                _record_review(command, dossier, bilan, reponses, pdf)

        # The option's help is read from the checklist, so its annotation is made here.
        run_with_reviews.__annotations__["bilan"] = Review
        for name in (command, *aliases):
            app.command(name, cls=_Command, help=text, hidden=name != command)(run_with_reviews)
        return

    def run(dossier: Folder, reponses: Answers = None, pdf: Pdf = False) -> None:
        _run_step(command, dossier, reponses, pdf)

    for name in (command, *aliases):
        app.command(name, cls=_Command, help=text, hidden=name != command)(run)


# A method that cannot be read at start-up: said by `main`, in French, before anything runs.
_START_UP_PROBLEMS: list[PairkitError] = []


def _add_step_commands() -> None:
    from pairkit.files.checklists import step_entries

    try:
        entries = step_entries()
    except PairkitError as exc:
        _START_UP_PROBLEMS.append(exc)
        return
    for entry in entries:
        # What is not a step of the sequence (the recruitment's state) has its own command.
        if str(entry.get("commande")) != "new-project" and entry.get("parcours", True):
            _add_step_command(entry)


_add_step_commands()


def _complete_steps(incomplete: str) -> list[str]:
    from pairkit.files.checklists import step_entries

    return [str(e["commande"]) for e in step_entries()
            if str(e["commande"]).startswith(incomplete) and e.get("parcours", True)]


def _complete_questions(ctx: Any, incomplete: str) -> list[str]:
    from pairkit.files.checklists import load_checklist, step_entries

    wanted = str(ctx.params.get("etape") or "")
    for entry in step_entries():
        if wanted in (entry["commande"], entry["checklist"], *(entry.get("alias") or [])):
            names = [str(q["nom"]) for q in load_checklist(str(entry["checklist"]))["questions"]]
            return [name for name in names if name.startswith(incomplete)]
    return []


def _state_help() -> str:
    # Read as plain data: the help must not load the method (pydantic) to list the states.
    from pairkit.files.checklists import load_checklist

    for question in load_checklist("vie-du-recrutement")["questions"]:
        if question["nom"].endswith(".etat"):
            return "Le nouvel état : " + ", ".join(str(c["valeur"]) for c in question["choix"]) + "."
    return "Le nouvel état."


@app.command(cls=_Command)
def etat(
    dossier: Folder,
    nouvel_etat: Annotated[str | None, typer.Option(
        "--etat", metavar="ETAT", help=_state_help(), show_default=False)] = None,
    depuis: Annotated[str | None, typer.Option(
        "--depuis", metavar="DATE", help="Depuis quand (par défaut : aujourd'hui).",
        show_default=False)] = None,
    raison: Annotated[str | None, typer.Option(
        "--raison", metavar="TEXTE", help="Pour une pause ou un abandon : pourquoi, en une ligne "
        "(le projet, jamais une raison personnelle concernant le ou la pair·e).",
        show_default=False)] = None,
    reponses: Answers = None,
) -> None:
    """Indique où en est le recrutement : en préparation, en cours, en poste, en pause, abandonné, clos.

    Chaque changement est gardé avec sa date dans recrutement.yaml ; « pairkit suivi » montre
    l'état de chaque recrutement.

    Exemples : pairkit etat chrs-les-tilleuls ;
    pairkit etat chrs-les-tilleuls --etat en-pause --raison "financement en attente"
    """
    from pairkit.workflow import set_state

    given = {key: value for key, value in
             (("etat", nouvel_etat), ("date", depuis), ("raison", raison)) if value is not None}
    change = set_state(dossier, given, reponses, _interactive() and not given)
    if change is not None:
        display.state_changed(dossier, change)


@app.command("nouveau-recrutement", cls=_Command)
def nouveau_recrutement(
    dossier: Annotated[Path, typer.Argument(
        metavar="DOSSIER", help="Dossier de la structure (celui qui contient structure.yaml).",
        show_default=False)],
    intitule: Annotated[str | None, typer.Option(
        "--intitule", metavar="TEXTE", help="Le nom de ce recrutement parmi ceux de la structure "
        "(second poste, remplacement, binôme…) ; il nomme aussi son dossier.",
        show_default=False)] = None,
) -> None:
    """Commence un autre recrutement pour la même structure : second poste, remplacement, binôme.

    Il a son propre dossier, dans celui de la structure, et reprend son cadrage ; pairkit
    mène ensuite ses premières étapes (état des lieux, motivations et craintes).

    Exemple : pairkit nouveau-recrutement chrs-les-tilleuls --intitule "second poste"
    """
    from pairkit.interview import prompts
    from pairkit.overview import overview
    from pairkit.workflow import new_project as run
    from pairkit.workflow import new_recruitment

    interactive = _interactive()
    created = new_recruitment(dossier, intitule)
    display.say(f"Nouveau recrutement : {created.root}", "ok")
    if not interactive:
        display.next_step(overview(created.root))
        return

    def ask_next(step: Any) -> bool:
        return prompts.ask_yes_no(f"Passer à l'étape suivante : « {step.label} » ?")

    run(created.root, None, interactive, on_step_done=display.step_result, ask_next=ask_next)
    display.next_step(overview(created.root))


@app.command(cls=_Command)
def modifier(
    dossier: Folder,
    etape: Annotated[str, typer.Argument(
        metavar="ETAPE", help="L'étape (sa commande : etat-des-lieux, fiche-de-poste…).",
        show_default=False, autocompletion=_complete_steps)],
    question: Annotated[str | None, typer.Argument(
        metavar="QUESTION", help="La question à modifier (son nom dans le fichier de l'étape) ; "
        "sans elle, pairkit montre les réponses et vous choisissez.", show_default=False,
        autocompletion=_complete_questions)] = None,
    pdf: Pdf = False,
) -> None:
    """Change une réponse d'une étape, sans repasser par les autres, et régénère le document.

    Exemples : pairkit modifier chrs-les-tilleuls fiche-de-poste remuneration_forme ;
    pairkit modifier chrs-les-tilleuls plan
    """
    from pairkit.overview import overview
    from pairkit.workflow import run_one

    result = run_one(dossier, etape, None, _interactive(), only=[question] if question else None)
    display.step_result(result)
    display.next_step(overview(dossier))
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
    from pairkit.documents import freshness

    kept = None if pdf else freshness.unchanged(dossier)
    if kept is not None:  # answered without loading the method
        display.up_to_date(dossier / "documents", kept["ecrits"], kept["non_generes"])
        return
    from pairkit.workflow import documents as run

    written, skipped = run(dossier)
    display.written(written)
    for reason in skipped:
        display.say(f"non généré : {reason}", "skip")
    display.say(f"{len(written)} fichier(s) écrit(s) dans {dossier / 'documents'}")
    if pdf:
        _pdf([item.path for item in written])


def _documents_batch(root: Path) -> None:
    from pairkit.workflow import documents_many, find_projects

    with display.progress("Documents", len(find_projects(root))) as advance:
        items = documents_many(root, on_progress=lambda _item: advance())
    if not display.batch(items):
        raise typer.Exit(1)


@app.command(cls=_Command)
def dossier(dossier: Folder, pdf: Pdf = False) -> None:
    """Rassemble tous les documents du projet en un seul fichier Word, avec un sommaire.

    Exemple : pairkit dossier chrs-les-tilleuls --pdf
    """
    from pairkit.workflow import build_dossier

    written = build_dossier(dossier)
    display.written([written])
    if pdf:
        _pdf([written.path])


@app.command(cls=_Command)
def statut(dossier: Folder) -> None:
    """Où en est le projet : étapes faites, à faire, et la suite.

    Exemple : pairkit statut chrs-les-tilleuls
    """
    from pairkit.overview import overview

    display.status(overview(dossier))


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
    display.say(f"{count} fichier(s) vérifié(s) dans « {project.root} » : aucun problème.", "ok")


@app.command(cls=_Command)
def suivi(
    dossier: ProjectsRoot = None,
    etat: Annotated[str | None, typer.Option(
        "--etat", metavar="ETAT", help="Seulement les recrutements dans cet état (« non-indique » "
        "pour ceux dont l'état n'a jamais été indiqué).", show_default=False)] = None,
    departement: Annotated[str | None, typer.Option(
        "--departement", metavar="NUMERO", help="Seulement les structures de ce département (ex. 38).",
        show_default=False)] = None,
    xlsx: Annotated[Path | None, typer.Option(
        "--xlsx", metavar="FICHIER", help="Écrit aussi le tableau dans un tableur (.xlsx).",
        show_default=False)] = None,
) -> None:
    """Tous les projets en un tableau, ceux qui demandent de l'attention en premier.

    Exemples : pairkit suivi ~/Documents/projets-travail-pair ;
    pairkit suivi --etat en-pause --departement 38 --xlsx suivi.xlsx
    """
    from pairkit.files.settings import projects_root
    from pairkit.portfolio import export, filtered, rows

    if etat is not None and etat != "non-indique":
        from pairkit.method.lifecycle import state_choices

        known = [value for value, _ in state_choices()]
        if etat not in known:
            raise PairkitError(f"État « {etat} » inconnu.",
                               hint=f"États : {', '.join(known)}, non-indique.")
    root = projects_root(dossier)
    table = filtered(rows(root), etat, departement)
    display.portfolio(root, table)
    if xlsx is not None:
        display.written([export(xlsx, table)])


# Peer work was not counted by the platform before; a year outside is a typing slip.
FIRST_REPORT_YEAR = 2000


@app.command("rapport-annuel", cls=_Command)
def rapport_annuel(
    dossier: ProjectsRoot = None,
    annee: Annotated[int | None, typer.Option(
        "--annee", metavar="AAAA", help="L'année du rapport (par défaut : l'année en cours).",
        show_default=False)] = None,
) -> None:
    """Prépare le rapport d'activité de l'année : un brouillon Word avec chiffres et graphiques,
    et un tableur (.xlsx) pour les tableaux des financeurs.

    Exemple : pairkit rapport-annuel examples --annee 2026
    """
    import datetime as dt

    from pairkit.errors import BadValue
    from pairkit.files.settings import missing_root, projects_root
    from pairkit.year.report import annual_report, write

    this_year = dt.date.today().year
    year = this_year if annee is None else annee
    if not FIRST_REPORT_YEAR <= year <= this_year + 1:
        raise BadValue(f"--annee {annee} : ce n'est pas une année de rapport.",
                       hint=f"Indiquez une année entre {FIRST_REPORT_YEAR} et {this_year + 1} "
                       f"(ex. --annee {this_year}).")
    root = projects_root(dossier)
    if not root.is_dir():
        raise missing_root(root)
    report = annual_report(root, year)
    for line in report.unreadable:
        display.say(f"non lu : {line}", "skip")
    report.check_year()
    display.written(write(report))


@app.command(cls=_Command)
def purger(
    dossier: Annotated[Path | None, typer.Argument(
        metavar="DOSSIER", help="Un projet, ou le dossier qui contient les projets (sinon : "
        "variable PAIRKIT_PROJETS, puis « dossier_projets » des réglages, puis le dossier courant).",
        show_default=False)] = None,
    oui: Annotated[bool, typer.Option("--oui", help="Supprime sans demander (sans terminal, "
                                      "rien n'est supprimé sans cette option).")] = False,
) -> None:
    """Supprime les notes des rendez-vous des recrutements clos ou abandonnés depuis longtemps.

    Le délai est de deux ans après la clôture (réglage « conservation_notes_annees » de
    config.yaml pour en changer). pairkit liste ce qu'il va supprimer et demande d'abord ; la
    date de chaque rendez-vous reste.

    Exemple : pairkit purger ~/Documents/projets-travail-pair
    """
    from pairkit.files.settings import projects_root
    from pairkit.year.retention import expired, purge, retention_years

    root = projects_root(dossier)
    items, unread = expired(root)
    display.expired_notes(root, items, retention_years())
    display.unread(unread)
    if not items:
        return
    if not oui:
        if not _interactive():
            display.say("Rien n'a été supprimé : relancez avec --oui pour supprimer ces notes.", "skip")
            raise typer.Exit(1)
        from pairkit.interview import prompts

        if not prompts.ask_yes_no("Supprimer ces notes ?", default=False):
            display.say("Rien n'a été supprimé.", "skip")
            return
    display.purged(purge(items))


@app.command(cls=_Command)
def aide(
    sujet: Annotated[str | None, typer.Argument(metavar="SUJET",
                                                help="Sujet (sans argument : la liste).",
                                                show_default=False)] = None,
) -> None:
    """Repères RH et juridiques à montrer : AAH, RSA, RQTH, PEC, période d'essai, données.

    Exemples : pairkit aide ; pairkit aide rqth
    """
    from pairkit.method import hrnotes

    if sujet is None:
        display.hr_topics(hrnotes.topics())
    else:
        display.hr_note(hrnotes.note(sujet))


modeles_app = typer.Typer(cls=_Group, no_args_is_help=True, rich_markup_mode=None,
                          help="Les modèles Word de la plateforme : les exporter, les vérifier.",
                          context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(modeles_app, name="modeles")


@modeles_app.command("exporter", cls=_Command)
def modeles_exporter(dossier: Annotated[Path, typer.Argument(
        metavar="DOSSIER",
        help="Dossier où copier les modèles (pour un projet : son sous-dossier modeles/).",
        show_default=False)]) -> None:
    """Copie les modèles Word fournis, pour les personnaliser dans Word.

    Exemple : pairkit modeles exporter chrs-les-tilleuls
    """
    from pairkit.documents.modeles import export

    display.copied(export(dossier), "modèle(s) copié(s)")


@modeles_app.command("verifier", cls=_Command)
def modeles_verifier(dossier: Annotated[Path, typer.Argument(
        metavar="DOSSIER",
        help="Dossier des modèles personnalisés (ou projet qui a un sous-dossier modeles/).",
        show_default=False)]) -> None:
    """Signale les balises inconnues de pairkit et les informations que vos modèles n'affichent plus.

    Exemple : pairkit modeles verifier chrs-les-tilleuls
    """
    from pairkit.documents.modeles import verify_templates

    if not display.template_reports(dossier, verify_templates(dossier)):
        raise typer.Exit(1)


activite_app = typer.Typer(cls=_Group, no_args_is_help=True, rich_markup_mode=None,
                           help="Les activités collectives de la plateforme (collectif de pair·es, "
                           "groupe de cadres, sensibilisations…), pour le rapport d'activité.",
                           context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(activite_app, name="activite")


@activite_app.command("ajouter", cls=_Command)
def activite_ajouter(
    dossier: ProjectsRoot = None,
    reponses: Annotated[Path | None, typer.Option(
        "--reponses", metavar="FICHIER", help="Fichier YAML de l'activité (type, date, modalite, "
        "lieu, participants, themes) : rien n'est demandé pour ce qu'il contient.",
        show_default=False)] = None,
) -> None:
    """Enregistre une séance collective : type, date, modalité, lieu, participant·es par rôle, thèmes.

    Elle est rangée dans activites-AAAA.yaml, dans le dossier des projets (des nombres, jamais
    de noms).

    Exemple : pairkit activite ajouter ~/Documents/projets-travail-pair
    """
    from pairkit.files.settings import projects_root
    from pairkit.year.activities import add, filename, read_one

    root = projects_root(dossier)
    given = read_one(reponses) if reponses is not None else None
    added = add(root, given, _interactive())
    if added is not None:
        display.say(f"Activité du {added['date']:%d/%m/%Y} enregistrée dans "
                    f"{root / filename(added['date'].year)}", "ok")


methode_app = typer.Typer(cls=_Group, no_args_is_help=True, rich_markup_mode=None,
                          help="La méthode de la plateforme (questions, catalogues, points de "
                          "vigilance) : l'exporter pour la modifier, vérifier la copie modifiée.",
                          context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(methode_app, name="methode")

MethodFolder = Annotated[Path | None, typer.Argument(
    metavar="DOSSIER",
    help="Dossier de la méthode modifiée (sinon : variable PAIRKIT_METHODE, puis le dossier "
    "« methode » des réglages de pairkit, qui remplace la méthode fournie fichier par fichier).",
    show_default=False)]


@methode_app.command("exporter", cls=_Command)
def methode_exporter(dossier: MethodFolder = None) -> None:
    """Copie les fichiers de la méthode fournie (checklists/), pour les modifier.

    Sans DOSSIER, la copie va là où pairkit la lit : vos modifications s'appliquent aussitôt.

    Exemple : pairkit methode exporter
    """
    from pairkit.methode import export, method_folder

    folder = method_folder(dossier)
    copied = export(folder)
    display.copied(copied, f"fichier(s) de la méthode copié(s) dans « {folder} »")


@methode_app.command("verifier", cls=_Command)
def methode_verifier(dossier: MethodFolder = None) -> None:
    """Vérifie une méthode modifiée : chaque problème avec son fichier, sa ligne et son champ.

    Exemple : pairkit methode verifier
    """
    from pairkit.errors import MethodFileError
    from pairkit.methode import method_folder, verify

    folder = method_folder(dossier)
    files, problems = verify(folder)
    if problems:
        raise MethodFileError(folder, problems)
    display.say(f"{len(files)} fichier(s) de la méthode vérifié(s) dans « {folder} » : "
                "aucun problème.", "ok")


def _only_command_run(argv: list[str]) -> None:
    """Let typer build only the command being run.

    Typer builds every command (its parameters, from their annotations) before it runs one:
    about a tenth of `pairkit statut`'s time. When the first argument names a command or a
    group, the others are left out of this run; anything else (an option, a mistyped name
    pairkit suggests a correction for, the shell's completion) keeps them all.
    """
    if not argv or any(name.startswith("_PAIRKIT_COMPLETE") for name in os.environ):
        return
    name = argv[0]
    commands = [info for info in app.registered_commands if name == (
        info.name or typer.main.get_command_name(getattr(info.callback, "__name__", "")))]
    groups = [info for info in app.registered_groups if info.name == name]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups


def main() -> None:
    """The `pairkit` command."""
    display.fit_output_streams()
    # pairkit uses no pydantic plugin; looking for them reads the metadata of every installed
    # package, a tenth of `statut`'s time. Whoever sets the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # Start-up builds tens of thousands of objects that live as long as the process (modules,
    # models of the method); collecting every 700 allocations keeps re-examining them.
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    for problem in _START_UP_PROBLEMS:
        display.error(problem.label, problem.message, problem.hint)
        sys.exit(problem.exit_code)
    _only_command_run(sys.argv[1:])
    try:
        app()
    finally:
        # By now every file pairkit wrote is closed; flush what it said, then spare the
        # interpreter a last collection of objects about to vanish with the process anyway.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        gc.freeze()


if __name__ == "__main__":
    main()
