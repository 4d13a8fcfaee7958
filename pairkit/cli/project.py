"""The commands on one project: create it, follow its recruitment, its documents, its files.

Each command reads its arguments and makes one call to the core; heavy libraries are imported
inside, so `pairkit --help` starts at once.
"""

from pathlib import Path
from typing import Annotated

import typer

from pairkit import display
from pairkit.cli.params import Answers, Entry, Folder, Pdf, as_pdf, ask_next, interactive
from pairkit.cli.steps import complete_questions, complete_steps, state_help


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
    from pairkit.overview import overview
    from pairkit.workflow import new_project as run

    project, results = run(dossier, reponses, interactive(), on_step_done=display.step_result,
                           ask_next=ask_next)
    if not results:
        display.say(f"Les premières étapes de « {project.root} » sont déjà faites.")
    display.next_step(overview(project.root))


def etat(
    dossier: Folder,
    nouvel_etat: Annotated[str | None, typer.Option(
        "--etat", metavar="ETAT", help=state_help(), show_default=False)] = None,
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
    change = set_state(dossier, given, reponses, interactive() and not given)
    if change is not None:
        display.state_changed(dossier, change)


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
    from pairkit.overview import overview
    from pairkit.workflow import inherited, new_recruitment
    from pairkit.workflow import new_project as run

    created = new_recruitment(dossier, intitule)
    display.say(f"Nouveau recrutement : {created.root}", "ok")
    taken = inherited(created)
    if taken:
        display.say("Repris de l'état des lieux de la structure (pairkit modifier pour changer) : "
                    + " ; ".join(taken))
    if interactive():
        run(created.root, None, True, on_step_done=display.step_result, ask_next=ask_next)
    display.next_step(overview(created.root))


def modifier(
    dossier: Folder,
    etape: Annotated[str, typer.Argument(
        metavar="ETAPE", help="L'étape (sa commande : etat-des-lieux, fiche-de-poste…).",
        show_default=False, autocompletion=complete_steps)],
    question: Annotated[str | None, typer.Argument(
        metavar="QUESTION", help="La question à modifier (son nom dans le fichier de l'étape) ; "
        "sans elle, pairkit montre les réponses et vous choisissez.", show_default=False,
        autocompletion=complete_questions)] = None,
    pdf: Pdf = False,
) -> None:
    """Change une réponse d'une étape, sans repasser par les autres, et régénère le document.

    Exemples : pairkit modifier chrs-les-tilleuls fiche-de-poste remuneration_forme ;
    pairkit modifier chrs-les-tilleuls plan
    """
    from pairkit.overview import overview
    from pairkit.workflow import run_one

    result = run_one(dossier, etape, None, interactive(), only=[question] if question else None,
                     pick=question is None)
    display.step_result(result)
    display.next_step(overview(dossier))
    as_pdf([w.path for w in result.documents], wanted=pdf)


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
    as_pdf([item.path for item in written], wanted=pdf)


def _documents_batch(root: Path) -> None:
    from pairkit.workflow import documents_many, find_projects

    with display.progress("Documents", len(find_projects(root))) as advance:
        items = documents_many(root, on_progress=lambda _item: advance())
    if not display.batch(items):
        raise typer.Exit(1)


def dossier(dossier: Folder, pdf: Pdf = False) -> None:
    """Rassemble tous les documents du projet en un seul fichier Word, avec un sommaire.

    Exemple : pairkit dossier chrs-les-tilleuls --pdf
    """
    from pairkit.workflow import build_dossier

    written = build_dossier(dossier)
    display.written([written])
    as_pdf([written.path], wanted=pdf)


def statut(dossier: Folder) -> None:
    """Où en est le projet : étapes faites, à faire, et la suite.

    Exemple : pairkit statut chrs-les-tilleuls
    """
    from pairkit.overview import overview

    display.status(overview(dossier))


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




def atelier(
    dossier: Folder,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="N'ouvre pas le navigateur (l'adresse "
                                             "est affichée).")] = False,
    port: Annotated[int | None, typer.Option("--port", metavar="NUMERO", help="Le port de la page "
                                             "(par défaut : un port libre).", show_default=False)] = None,
) -> None:
    """Projette l'atelier de l'équipe (motivations, craintes, représentations, décisions) : une
    page à projeter et une page pour animer, sur cet ordinateur seulement.

    Les réponses se saisissent dans la page d'animation ou ici, dans le terminal ; chacune est
    enregistrée dans motivations.yaml dès qu'elle est donnée. Ctrl-C arrête l'atelier sans rien
    perdre ; le relancer reprend où il en était. La synthèse s'écrit ensuite avec
    « pairkit documents DOSSIER ».

    Exemple : pairkit atelier chrs-les-tilleuls
    """
    from pairkit.workshop.server import Server
    from pairkit.workshop.session import Workshop

    workshop = Workshop(dossier)
    server = Server(workshop, port)
    server.start()
    try:
        display.say(f"Page à projeter : {server.address()}", "ok")
        display.say(f"Page pour animer : {server.address(lead=True)}", "ok")
        display.say("Ces adresses contiennent une clé : ne les partagez pas. Ctrl-C arrête "
                    "l'atelier.", "skip")
        if not no_browser:
            import webbrowser

            webbrowser.open(server.address(lead=True))
        if interactive():
            from pairkit.workshop.terminal import run

            run(workshop)
        else:
            import threading

            threading.Event().wait()
    except (KeyboardInterrupt, EOFError):
        pass  # Ctrl-C is how a workshop ends: every answer is already written
    finally:
        server.stop()
    display.say(f"Atelier arrêté : les réponses sont dans {dossier / 'motivations.yaml'}. "
                f"La synthèse : « pairkit documents {dossier} ».", "ok")


COMMANDS = [
    Entry("new-project", new_project),
    Entry("nouveau-projet", new_project,
          help="Comme « new-project » : crée un projet et mène les premières étapes.\n\n"
          "Exemple : pairkit nouveau-projet chrs-les-tilleuls"),
    Entry("etat", etat),
    Entry("nouveau-recrutement", nouveau_recrutement),
    Entry("modifier", modifier),
    Entry("documents", documents),
    Entry("atelier", atelier),
    Entry("dossier", dossier),
    Entry("statut", statut),
    Entry("verifier", verifier),
]
