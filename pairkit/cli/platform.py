"""The commands over all the projects and the platform's own files: the follow-up table, the
annual report, the purge of old notes, the HR notes, the templates, the activities, the method.
"""

from pathlib import Path
from typing import Annotated

import typer

from pairkit import display
from pairkit.cli.params import Entry, ProjectsRoot, interactive


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
    from pairkit.portfolio import export, table

    root = projects_root(dossier)
    shown, total = table(root, etat, departement)
    display.portfolio(root, shown, total, {"état": etat, "département": departement})
    if xlsx is not None:
        display.written([export(xlsx, shown)])


def rapport_annuel(
    dossier: ProjectsRoot = None,
    annee: Annotated[int | None, typer.Option(
        "--annee", metavar="AAAA", help="L'année du rapport (par défaut : l'année en cours).",
        show_default=False)] = None,
    textes: Annotated[bool, typer.Option(
        "--textes", help="Écrit ou change d'abord les textes que la plateforme écrit une fois "
        "(qui elle est, ses financeurs), repris chaque année.")] = False,
) -> None:
    """Prépare le rapport d'activité de l'année : un brouillon Word dans l'ordre du rapport de
    la plateforme (méthode, chiffres et tendances sur plusieurs années, observations, actions,
    perspectives), avec ses graphiques et ses passages « À rédiger », et un tableur (.xlsx).

    Il lit les projets, le recensement des postes et les activités du dossier.

    Exemple : pairkit rapport-annuel examples --annee 2026
    """
    from pairkit.files.settings import missing_root, projects_root
    from pairkit.year.report import PLATFORM_TEXTS, annual_report, platform_texts, report_year, write

    year = report_year(annee)
    root = projects_root(dossier)
    if not root.is_dir():
        raise missing_root(root)
    if textes:
        if not interactive():
            display.say("Les textes de la plateforme se saisissent dans un terminal (ou "
                        f"directement dans {root / PLATFORM_TEXTS.filename}).", "skip")
            raise typer.Exit(1)
        if not platform_texts(root, True):
            return
    report = annual_report(root, year)
    for line in report.unreadable:
        display.say(f"non lu : {line}", "skip")
    report.check_year()
    display.written(write(report))
    if report.texts_missing:
        display.say("Les textes de la plateforme (qui elle est, ses financeurs) sont « À rédiger » : "
                    f"écrivez-les une fois avec « pairkit rapport-annuel {root} --textes ».", "skip")


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
        if not interactive():
            display.say("Rien n'a été supprimé : relancez avec --oui pour supprimer ces notes.", "skip")
            raise typer.Exit(1)
        from pairkit.interview import prompts

        if not prompts.ask_yes_no("Supprimer ces notes ?", default=False):
            display.say("Rien n'a été supprimé.", "skip")
            return
    display.purged(purge(items))


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


def modeles_exporter(dossier: Annotated[Path, typer.Argument(
        metavar="DOSSIER",
        help="Dossier où copier les modèles (pour un projet : son sous-dossier modeles/).",
        show_default=False)]) -> None:
    """Copie les modèles Word fournis, pour les personnaliser dans Word.

    Exemple : pairkit modeles exporter chrs-les-tilleuls
    """
    from pairkit.documents.modeles import export

    display.copied(export(dossier), "modèle(s) copié(s)")


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
    added = add(root, given, interactive())
    if added is not None:
        display.say(f"Activité du {added['date']:%d/%m/%Y} enregistrée dans "
                    f"{root / filename(added['date'].year)}", "ok")


CensusYear = Annotated[int | None, typer.Option(
    "--annee", metavar="AAAA", help="L'année du recensement (par défaut : l'année en cours).",
    show_default=False)]
PostNumber = Annotated[str, typer.Argument(metavar="NUMERO", help="Le numéro du poste (ex. P007), "
                                           "que « pairkit recensement lister » montre.",
                                           show_default=False)]


def _taken_over(root: Path, year: int, carried: int) -> None:
    if carried:
        display.say(f"{carried} poste(s) encore ouvert(s) l'année précédente repris dans le "
                    f"recensement {year}.", "ok")


def recensement_ajouter(
    dossier: ProjectsRoot = None,
    annee: CensusYear = None,
    reponses: Annotated[Path | None, typer.Option(
        "--reponses", metavar="FICHIER", help="Fichier YAML du poste (structure, departement, "
        "secteur, employeur, profil, intitule, contrat…) : rien n'est demandé pour ce qu'il "
        "contient.", show_default=False)] = None,
) -> None:
    """Ajoute un poste de pair·e salarié·e au recensement : structure, secteur, employeur,
    contrat, heures, rémunération, financement, depuis quand, d'où vient l'information.

    C'est le poste qui est décrit, jamais la personne. Les postes des recrutements
    accompagnés avec pairkit n'ont pas à être saisis : ils sont lus dans les projets.

    Exemple : pairkit recensement ajouter ~/Documents/projets-travail-pair
    """
    import datetime as dt

    from pairkit.files.settings import projects_root
    from pairkit.year.census import CENSUS, add

    root = projects_root(dossier)
    year = annee or dt.date.today().year
    given = CENSUS.read_one(reponses) if reponses is not None else None
    answers, carried = add(root, year, given, interactive())
    _taken_over(root, year, carried)
    if answers is not None:
        display.say(f"Poste n° {answers['id']} enregistré dans {root / CENSUS.filename(year)}", "ok")


def recensement_modifier(
    numero: PostNumber,
    dossier: ProjectsRoot = None,
    annee: CensusYear = None,
) -> None:
    """Change un poste du recensement de l'année (contrat devenu CDI, salaire, heures…) : la
    liste de ses réponses, filtrée au fil de la frappe.

    Exemple : pairkit recensement modifier P007 ~/Documents/projets-travail-pair
    """
    import datetime as dt

    from pairkit.files.settings import projects_root
    from pairkit.year.census import CENSUS, change

    root = projects_root(dossier)
    year = annee or dt.date.today().year
    if not interactive():
        display.say("Rien n'a été changé : « recensement modifier » pose des questions, il "
                    "faut un terminal.", "skip")
        raise typer.Exit(1)
    answers, carried = change(root, year, numero, True)
    _taken_over(root, year, carried)
    if answers is not None:
        display.say(f"Poste n° {numero} modifié dans {root / CENSUS.filename(year)}", "ok")


def recensement_fermer(
    numero: PostNumber,
    dossier: ProjectsRoot = None,
    date: Annotated[str, typer.Option("--date", metavar="JJ/MM/AAAA", help="Le jour où le poste "
                                      "a fermé.", show_default=False)] = "",
    annee: CensusYear = None,
) -> None:
    """Note qu'un poste du recensement a fermé (il ne sera pas repris l'année suivante).

    Exemple : pairkit recensement fermer P007 --date 30/06/2026
    """
    from pairkit.errors import BadValue
    from pairkit.files.settings import projects_root
    from pairkit.year.census import CENSUS, close, parse_day

    if not date:
        raise BadValue("Il manque le jour de la fermeture.",
                       hint="Ajoutez --date JJ/MM/AAAA (ex. --date 30/06/2026).")
    root = projects_root(dossier)
    day = parse_day(date)
    year = annee or day.year
    _item, carried = close(root, year, numero, day)
    _taken_over(root, year, carried)
    display.say(f"Poste n° {numero} fermé le {day:%d/%m/%Y} dans {root / CENSUS.filename(year)}", "ok")


def recensement_lister(
    dossier: ProjectsRoot = None,
    annee: CensusYear = None,
    xlsx: Annotated[Path | None, typer.Option(
        "--xlsx", metavar="FICHIER", help="Écrit aussi la liste dans un tableur (.xlsx).",
        show_default=False)] = None,
) -> None:
    """Les postes de pair·es de l'année : ceux saisis au recensement, puis ceux des
    recrutements accompagnés (lus dans les projets).

    Exemple : pairkit recensement lister ~/Documents/projets-travail-pair --annee 2026
    """
    import datetime as dt

    from pairkit.files.settings import missing_root, projects_root
    from pairkit.workflow import find_projects
    from pairkit.year.census import HEADERS, listing, table

    root = projects_root(dossier)
    if not root.is_dir():
        raise missing_root(root)
    year = annee or dt.date.today().year
    found, unread = listing(root, year, find_projects(root))
    lines = table(found)
    display.rows(f"Recensement {year} : {len(found)} poste(s) sous « {root} »", HEADERS, lines,
                 empty=f"Aucun poste recensé en {year} sous « {root} » (pairkit recensement "
                 "ajouter pour en saisir un).")
    for line in unread:
        display.say(f"non lu : {line}", "skip")
    if xlsx is not None:
        from pairkit.documents.annual import write_sheet

        display.written([write_sheet(xlsx, f"Recensement {year}", HEADERS, lines)])


MethodFolder = Annotated[Path | None, typer.Argument(
    metavar="DOSSIER",
    help="Dossier de la méthode modifiée (sinon : variable PAIRKIT_METHODE, puis le dossier "
    "« methode » des réglages de pairkit, qui remplace la méthode fournie fichier par fichier).",
    show_default=False)]


def methode_exporter(dossier: MethodFolder = None) -> None:
    """Copie les fichiers de la méthode fournie (checklists/), pour les modifier.

    Sans DOSSIER, la copie va là où pairkit la lit : vos modifications s'appliquent aussitôt.

    Exemple : pairkit methode exporter
    """
    from pairkit.method_copy import export, method_folder

    folder = method_folder(dossier)
    copied = export(folder)
    display.copied(copied, f"fichier(s) de la méthode copié(s) dans « {folder} »")


def methode_verifier(dossier: MethodFolder = None) -> None:
    """Vérifie une méthode modifiée : chaque problème avec son fichier, sa ligne et son champ.

    Exemple : pairkit methode verifier
    """
    from pairkit.errors import MethodFileError
    from pairkit.method_copy import method_folder, verify

    folder = method_folder(dossier)
    files, problems = verify(folder)
    if problems:
        raise MethodFileError(folder, problems)
    display.say(f"{len(files)} fichier(s) de la méthode vérifié(s) dans « {folder} » : "
                "aucun problème.", "ok")




# The groups of commands, and what each is for.
GROUPS = {
    "modeles": "Les modèles Word de la plateforme : les exporter, les vérifier.",
    "activite": "Les activités collectives de la plateforme (collectif de pair·es, groupe de "
                "cadres, sensibilisations…), pour le rapport d'activité.",
    "recensement": "Le recensement des postes de pair·es salarié·es connus de la plateforme "
                   "(des postes, jamais des personnes) : ajouter, modifier, fermer, lister.",
    "methode": "La méthode de la plateforme (questions, catalogues, points de vigilance) : "
               "l'exporter pour la modifier, vérifier la copie modifiée.",
}

COMMANDS = [
    Entry("suivi", suivi),
    Entry("rapport-annuel", rapport_annuel),
    Entry("purger", purger),
    Entry("aide", aide),
    Entry("exporter", modeles_exporter, group="modeles"),
    Entry("verifier", modeles_verifier, group="modeles"),
    Entry("ajouter", activite_ajouter, group="activite"),
    Entry("ajouter", recensement_ajouter, group="recensement"),
    Entry("modifier", recensement_modifier, group="recensement"),
    Entry("fermer", recensement_fermer, group="recensement"),
    Entry("lister", recensement_lister, group="recensement"),
    Entry("exporter", methode_exporter, group="methode"),
    Entry("verifier", methode_verifier, group="methode"),
]
