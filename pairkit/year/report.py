"""The annual activity report's figures, read from every recruitment and activity of a year.

Each figure states its base (« sur 14 recrutements dont la rémunération est connue »); one
drawn from fewer recruitments than the method's threshold is not published, since small
numbers identify people. What no file says is counted as « non renseigné », never guessed.
Pay is what the fiches de poste give (gross); the net is an estimate labelled as such.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pairkit.errors import BadValue, FileAccessError, PairkitError, ProjectFileError
from pairkit.files.checklists import steady_method
from pairkit.files.project import Project
from pairkit.method import lifecycle
from pairkit.method.hrnotes import minimum_monthly_pay
from pairkit.method.registry import reviewed_step, step_of_checklist
from pairkit.method.step import Step
from pairkit.questions.schema import StepFile
from pairkit.workflow import find_projects
from pairkit.year import activities as activity_files
from pairkit.year import census
from pairkit.year.census import Post
from pairkit.year.figures import (
    UNKNOWN,
    Figure,
    count_rows,
    decimal,
    euros,
    extremes_if_enough,
    median_if_enough,
    plural,
    settings,
    threshold,
)
from pairkit.year.support import activity_figures, grid_figure
from pairkit.year.trends import census_figures


@dataclass
class Block:
    """One block of the report, in its order: a heading, a paragraph, a text still to write,
    or a figure."""

    kind: str  # "titre", "texte", "a-rediger", "figure"
    text: str = ""
    level: int = 1
    figure: Figure | None = None


@dataclass
class Report:
    """The year's figures, in the report's order, and what could not be read."""

    year: int
    root: Path
    threshold: int
    lead: list[str]
    figures: list[Figure]
    unreadable: list[str] = field(default_factory=list)
    counted: int = 0  # recruitments, activities and posts of the year
    blocks: list[Block] = field(default_factory=list)
    texts_missing: bool = False

    def check_year(self) -> None:
        """Refuse to write a report of nothing: a year with no recruitment, no activity and no
        post is most often a mistyped year or folder."""
        if self.counted == 0:
            raise PairkitError(
                f"Aucun recrutement, aucune activité ni aucun poste recensé en {self.year} sous "
                f"« {self.root} » : pas de rapport écrit.",
                hint="Vérifiez l'année (--annee AAAA) et le dossier des projets, puis relancez.")


@dataclass
class _Recruitment:
    """What the report reads of one recruitment, as plain data read once: every year the
    report compares is drawn from it without opening the project again."""

    name: str
    root: Path
    # The answers the report reads (`lit` in checklists/rapport-annuel.yaml), by part.
    structure: dict[str, Any]
    fiche: dict[str, Any]
    plan: dict[str, Any]
    info: dict[str, Any]
    history: list[lifecycle.Change]
    # Each planned follow-up meeting's date, and whether its notes were recorded.
    meetings: list[tuple[dt.date, bool]]
    # Each review's date and the peer's grid answered there.
    grids: list[tuple[dt.date, dict[str, str]]]
    # The post the recruitment opened, by year of the census it belongs to.
    posts: dict[int, Post]
    standing_end: lifecycle.Change | None = None

    def state_on(self, day: dt.date) -> lifecycle.Change | None:
        """The recruitment's state on `day`, by its history."""
        found = None
        for change in self.history:
            if change.date <= day:
                found = change
        return found


def _declared(part: str) -> dict[str, Any]:
    """What the report reads of one part: its method file, questions and choice values."""
    declared: dict[str, Any] = settings()["lit"][part]
    return declared


def _part(project: Project, part: str) -> dict[str, Any]:
    """The declared answers of one part of a project (only those: the report reads no other)."""
    declared = _declared(part)
    step = step_of_checklist(str(declared["fichier"]))
    answers = project.answers(step) if step is not None else {}
    return {name: answers[name] for name in declared["questions"] if name in answers}


def _value(part: str, question: str, index: int = 0) -> str:
    """A choice value a figure depends on, as the declaration names it."""
    return str(_declared(part)["valeurs"][question][index])


def _active(rec: _Recruitment, year: int, ended: list[str]) -> bool:
    """Accompanied in the year: begun by its end, not ended before it began."""
    begun = rec.structure.get("date_debut")
    if isinstance(begun, dt.date) and begun > dt.date(year, 12, 31):
        return False
    if rec.history and rec.history[0].date > dt.date(year, 12, 31):
        return False
    before = rec.state_on(dt.date(year, 1, 1) - dt.timedelta(days=1))
    return not (before is not None and before.etat in ended and before.date < dt.date(year, 1, 1))


def _read(folder: Path, years: tuple[int, ...]) -> _Recruitment:
    """Everything the report reads of one recruitment, for the years it compares."""
    project = Project.open(folder)  # a folder that cannot be read says so, in French
    step = reviewed_step()
    meetings: list[tuple[dt.date, bool]] = []
    grids: list[tuple[dt.date, dict[str, str]]] = []
    if step.reviews is not None and project.has(step):
        model = project.load(step).model
        recorded = step.reviews.recorded(model)
        meetings = [(row["date"], row["id"] in recorded) for row in step.reviews.dated(project)]
        for review in (getattr(model, "bilans", None) or {}).values():
            day = getattr(review, "date", None)
            if review.grille_pair and isinstance(day, dt.date):
                grids.append((day, dict(review.grille_pair)))
    history = lifecycle.history(project)
    return _Recruitment(
        name=project.name, root=project.root,
        structure=_part(project, "structure"), fiche=_part(project, "fiche"),
        plan=_part(project, "plan"), info=_part(project, "info"),
        history=[lifecycle.Change.model_construct(etat=c.etat, date=c.date, raison=c.raison)
                 for c in history],
        meetings=meetings, grids=grids, posts=census.posts_of_recruitment(project, years))


def read_facts(folder: Path, years: tuple[int, ...]) -> _Recruitment | str:
    """One recruitment's facts, or why its folder could not be read (a line of the report)."""
    try:
        return _read(folder, years)
    except ProjectFileError as exc:
        return f"{folder} : {'; '.join(str(p) for p in exc.problems)}"
    except PairkitError as exc:
        return f"{folder} : {exc.message.splitlines()[0]}"
    except OSError as exc:  # met outside the reads that name their file already
        return f"{folder} : {FileAccessError.from_os_error(exc).message}"


def _on(count: int, qualifier: str) -> str:
    """A figure's base: « sur 14 recrutements dont la rémunération est connue »."""
    return f"sur {plural(count, 'recrutement', 'recrutements')} {qualifier}".rstrip()


def _structures(recs: list[_Recruitment]) -> list[Figure]:
    structures: dict[str, dict[str, Any]] = {}
    for rec in recs:
        name = str(rec.structure.get("nom") or rec.name)
        structures.setdefault(name, rec.structure)
    kinds = Counter(str(s.get("type_structure") or UNKNOWN) for s in structures.values())
    header = step_of_checklist(str(_declared("structure")["fichier"]))
    assert header is not None  # the structure's step: checked by `pairkit methode verifier`
    question = next(q for q in header.content().questions if q.name == "departement")
    places = Counter(question.label_of(s["departement"]) if s.get("departement") else UNKNOWN
                     for s in structures.values())
    base = f"sur {plural(len(structures), 'structure accompagnée', 'structures accompagnées')}"
    return [
        Figure("structures-type", "Structures accompagnées, par type", ["Type de structure", "Structures"],
               count_rows(kinds), base, chart="barres"),
        Figure("structures-departement", "Structures accompagnées, par département",
               ["Département", "Structures"], count_rows(places), base, chart="barres"),
    ]


def _states(recs: list[_Recruitment], year: int) -> Figure:
    counter = Counter(rec.standing_end.etat if rec.standing_end else UNKNOWN for rec in recs)
    labels = dict(lifecycle.state_choices())
    rows = [[labels[value], counter[value]] for value, _ in lifecycle.state_choices() if counter[value]]
    if counter[UNKNOWN]:
        rows.append([UNKNOWN, counter[UNKNOWN]])
    return Figure("etats", f"Où en est chaque recrutement au 31 décembre {year}",
                  ["État", "Recrutements"], rows,
                  f"sur {plural(len(recs), 'recrutement accompagné', 'recrutements accompagnés')}",
                  contributors=len(recs), chart="barres")


def _hired(recs: list[_Recruitment], year: int) -> Figure:
    in_post = lifecycle.in_post_states()
    hired = [r for r in recs if isinstance(r.plan.get("date_prise_poste"), dt.date)
             and r.plan["date_prise_poste"].year == year]
    posted = [r for r in recs if r.standing_end is not None and r.standing_end.etat in in_post]
    known = [r for r in recs if r.standing_end is not None]
    return Figure("embauches", "Pair·es embauché·es et en poste",
                  ["", "Pair·es"],
                  [[f"Prises de poste en {year}", len(hired)],
                   [f"En poste au 31 décembre {year}", len(posted)]],
                  f"prises de poste : {_on(len(recs), 'accompagnés')} (date du plan) ; en poste : "
                  f"{_on(len(known), 'dont l’état est indiqué')}",
                  contributors=len(known))


def _conditions(recs: list[_Recruitment], year: int) -> list[Figure]:
    fiches = [r.fiche for r in recs if r.fiche]
    contracts = [f for f in fiches if f.get("contrat")]
    counter = Counter(str(f["contrat"]) for f in contracts)
    cdi = counter.get(_value("fiche", "contrat"), 0)
    contract = Figure(
        "contrats", "Contrats proposés", ["Contrat", "Recrutements"], count_rows(counter),
        _on(len(contracts), "dont le contrat est connu"),
        contributors=len(contracts), chart="barres",
        note=f"Part des CDI : {round(100 * cdi / len(contracts))} %." if contracts else "")
    times = [f for f in fiches if f.get("temps_travail") or f.get("heures_hebdo")]
    hours = [int(f["heures_hebdo"]) for f in times if f.get("heures_hebdo")]
    time_counter = Counter(str(f.get("temps_travail") or UNKNOWN) for f in times)
    working = Figure(
        "temps", "Temps de travail", ["Temps de travail", "Recrutements"], count_rows(time_counter),
        _on(len(times), "dont le temps de travail est connu"),
        contributors=len(times), note=_hours_note(hours))
    return [contract, working, _pay(fiches, year)]


def _hours_note(hours: list[int]) -> str:
    median = median_if_enough([float(h) for h in hours])
    if median is None:
        return ""
    note = f"Heures par semaine : médiane {decimal(median)} h"
    extremes = extremes_if_enough([float(h) for h in hours])
    if extremes is not None:
        size = threshold()
        note += (f", {decimal(extremes[0])} h en moyenne pour les {size} plus courts, "
                 f"{decimal(extremes[1])} h pour les {size} plus longs")
    return note + f" (sur {plural(len(hours), 'recrutement', 'recrutements')})."


def _pay(fiches: list[dict[str, Any]], year: int) -> Figure:
    rates = settings()["remuneration"]
    ratio = float(rates["net_sur_brut"])
    paid = []
    for fiche in fiches:
        gross = fiche.get("salaire_brut_mensuel")
        full_time = fiche.get("temps_travail") == _value("fiche", "temps_travail")
        hours = fiche.get("heures_hebdo") or (35 if full_time else None)
        if isinstance(gross, int) and hours:
            paid.append(gross * 35 / float(hours))  # full-time equivalent
    smic = minimum_monthly_pay(35)
    rows: list[list[Any]] = []
    size = threshold()
    if paid:
        rows.append(["Médiane", euros(statistics.median(paid)), euros(statistics.median(paid) * ratio)])
        extremes = extremes_if_enough(paid)
        if extremes is not None:
            for label, value in ((f"Moyenne des {size} plus basses", extremes[0]),
                                 (f"Moyenne des {size} plus hautes", extremes[1])):
                rows.append([label, euros(value), euros(value * ratio)])
    extremes_note = "" if extremes_if_enough(paid) is not None or not paid else (
        f"Les plus basses et les plus hautes ne sont données qu'à partir de {2 * size} "
        "recrutements : ce serait la rémunération d'une personne. ")
    return Figure(
        "remuneration", "Rémunération mensuelle, ramenée à un temps plein",
        ["", "Brut", "Net (estimation)"], rows,
        _on(len(paid), "dont la rémunération brute et le temps de travail sont connus"),
        contributors=len(paid),
        note=f"{extremes_note}SMIC mensuel brut à temps plein : {euros(smic)!s}. {rates['note_net']}")


def _sessions(recs: list[_Recruitment], year: int) -> Figure:
    held = [r.info for r in recs
            if isinstance(r.info.get("date"), dt.date) and r.info["date"].year == year]
    counter = Counter(str(info.get("modalite") or UNKNOWN) for info in held)
    return Figure("info-coll", "Informations collectives pour les candidat·es",
                  ["Modalité", "Séances"], count_rows(counter),
                  "sur " + plural(len(held), "information collective datée de l'année",
                                   "informations collectives datées de l'année"),
                  contributors=len(held), chart="barres")


def _meetings(recs: list[_Recruitment], year: int, today: dt.date) -> Figure:
    planned = held = 0
    contributors = 0
    last = min(dt.date(year, 12, 31), today)
    for rec in recs:
        rows = [recorded for day, recorded in rec.meetings if day.year == year and day <= last]
        if rows:
            contributors += 1
        planned += len(rows)
        held += sum(rows)
    return Figure("rendez-vous", "Rendez-vous de suivi des pair·es en poste",
                  ["", "Rendez-vous"], [["Prévus (dates passées)", planned],
                                        ["Tenus (compte rendu noté)", held]],
                  f"sur {plural(contributors, 'recrutement', 'recrutements')} dont des rendez-vous "
                  "tombaient dans l'année", contributors=contributors, chart="barres")


def _side_by_side(all_recs: list[_Recruitment], year: int, ended: list[str]) -> Figure:
    """The accompaniments year by year: recruitments accompanied, peers who took their post."""
    rows = []
    for y in _years(year):
        active = [r for r in all_recs if _active(r, y, ended)]
        hired = [r for r in active if isinstance(r.plan.get("date_prise_poste"), dt.date)
                 and r.plan["date_prise_poste"].year == y]
        if active:
            rows.append([str(y), len(active), len(hired)])
    return Figure("accompagnements-annees", "Les recrutements accompagnés, année par année",
                  ["Année", "Recrutements accompagnés", "Prises de poste"], rows,
                  "les projets du dossier, chaque année où ils étaient accompagnés",
                  chart="barres-groupees")


def _grids(recs: list[_Recruitment], year: int) -> list[dict[str, str]]:
    """Each peer's latest grid of the year, among the recruitments' reviews."""
    found = []
    for rec in recs:
        dated = [(day, grid) for day, grid in rec.grids if day.year == year]
        if dated:
            found.append(max(dated, key=lambda pair: pair[0])[1])
    return found


# Peer work was not counted by the platform before; a year outside is a typing slip.
FIRST_REPORT_YEAR = 2000


def report_year(asked: int | None, today: dt.date | None = None) -> int:
    """The year of the report: the one asked (checked), else this year."""
    this_year = (today or dt.date.today()).year
    if asked is None:
        return this_year
    if not FIRST_REPORT_YEAR <= asked <= this_year + 1:
        raise BadValue(f"--annee {asked} : ce n'est pas une année de rapport.",
                       hint=f"Indiquez une année entre {FIRST_REPORT_YEAR} et {this_year + 1} "
                       f"(ex. --annee {this_year}).")
    return asked


PLATFORM_TEXTS = Step(id="rapport_plateforme", filename="rapport-plateforme.yaml", model=StepFile,
                      template="", document="", build_context=lambda _project: {}, requires=(),
                      checklist="rapport-plateforme")


def platform_texts(root: Path, interactive: bool) -> bool:
    """Ask (or change) the texts the platform writes once: who it is, its funders."""
    from pairkit.files.locking import project_lock
    from pairkit.interview.engine import run_step

    with project_lock(root):
        return run_step(Project(root), PLATFORM_TEXTS, interactive=interactive,
                        resume=f"pairkit rapport-annuel {root} --textes").complete


def _years(year: int) -> tuple[int, ...]:
    count = int(settings()["recensement"]["annees_comparees"])
    return tuple(range(year - count + 1, year + 1))


def _read_all(root: Path, year: int) -> tuple[list[_Recruitment], list[str]]:
    """Every recruitment under `root` that can be read, and what could not be.

    In one process: two were tried, and a first read of 500 recruitments took longer (each
    worker parses the method's files again before its first project).
    """
    recs: list[_Recruitment] = []
    unreadable: list[str] = []
    years = _years(year)
    with steady_method():
        for folder in find_projects(root):
            facts = read_facts(folder, years)
            if isinstance(facts, str):
                unreadable.append(facts)
            else:
                recs.append(facts)
    return recs, unreadable


def _census_by_year(root: Path, year: int, recs: list[_Recruitment]) -> dict[int, list[Post]]:
    by_year: dict[int, list[Post]] = {}
    for y in _years(year):
        found = [post for post in census.typed_posts(root, y) if post.in_year(y)]
        found.extend(rec.posts[y] for rec in recs if y in rec.posts)
        by_year[y] = found
    return by_year


def annual_report(root: Path, year: int, today: dt.date | None = None) -> Report:
    """Every figure of the year's report, from the recruitments, activities and census under
    `root`, placed in the report's parts."""
    today = today or dt.date.today()
    rules = settings()
    ended = [str(s) for s in lifecycle.setting("etats_termines") or []]
    every, unreadable = _read_all(root, year)
    with steady_method():
        for rec in every:
            rec.standing_end = rec.state_on(dt.date(year, 12, 31))
        recs = [rec for rec in every if _active(rec, year, ended)]
        by_year = _census_by_year(root, year, every)
        activities = activity_files.activities(root, year)
        figures = [*_structures(recs), _states(recs, year), _hired(recs, year),
                   *_conditions(recs, year), _sessions(recs, year), _meetings(recs, year, today),
                   _side_by_side(every, year, ended), grid_figure(_grids(recs, year)),
                   *census_figures(year, by_year), *activity_figures(activities, year)]
        texts = Project(root).answers(PLATFORM_TEXTS) if Project(root).has(PLATFORM_TEXTS) else {}
    structures = len({str(r.structure.get("nom") or r.name) for r in recs})
    lead = [str(rules["chapeau"]).format(
        annee=year, structures=plural(structures, "structure", "structures"),
        recrutements=plural(len(recs), "recrutement", "recrutements"))]
    counted = len(recs) + len(activities) + len(by_year.get(year, []))
    report = Report(year, root, threshold(), lead, figures, unreadable, counted,
                    texts_missing=not texts)
    report.blocks = _blocks(figures, texts)
    return report


def _blocks(figures: list[Figure], texts: dict[str, Any]) -> list[Block]:
    """The report's parts in the order `plan` gives, each with its texts, figures and what
    is left for a person to write."""
    rules = settings()
    mark = str(rules["marque_a_rediger"])
    by_id = {figure.id: figure for figure in figures}
    questions = {q.name: q for q in PLATFORM_TEXTS.content().questions}
    blocks: list[Block] = []
    for part in rules["plan"]:
        level = int(part.get("niveau", 1))
        blocks.append(Block("titre", str(part["titre"]), level))
        for name in part.get("textes") or []:
            value = texts.get(name)
            if isinstance(value, list) and value:
                blocks.append(Block("texte", f"{questions[name].message.split(' (')[0]} : "
                                             f"{', '.join(value)}."))
            elif value:
                blocks.append(Block("texte", str(value)))
            else:
                blocks.append(Block("a-rediger", f"{mark} : {questions[name].message[0].lower()}"
                                    f"{questions[name].message[1:]} — une fois pour toutes, avec "
                                    "« pairkit rapport-annuel --textes »."))
        if part.get("methode"):
            blocks.extend(Block("texte", str(text)) for text in rules["methode_recensement"])
        for fid in part.get("figures") or []:
            if fid in by_id:
                blocks.append(Block("figure", level=level + 1, figure=by_id[fid]))
        if part.get("a_rediger"):
            blocks.append(Block("a-rediger", f"{mark} : {part['a_rediger']}"))
    return blocks


def write(report: Report) -> list[Any]:
    """The report's Word draft and spreadsheet, in the projects folder."""
    from pairkit.documents.annual import Section, Table, write_report

    rules = settings()
    sections: list[Section] = []
    for block in report.blocks:
        figure = block.figure
        table = None
        if figure is not None:
            size = figure.threshold if figure.threshold is not None else report.threshold
            table = Table(title=figure.title, headers=figure.headers, rows=figure.rows,
                          base=figure.base, note=figure.note,
                          published=figure.published(report.threshold), chart=figure.chart,
                          chart_columns=figure.chart_columns, sentences=figure.sentences,
                          quotes=figure.quotes,
                          withheld=str(rules["non_publie"]).format(seuil=size))
        sections.append(Section(kind=block.kind, text=block.text, level=block.level, table=table))
    unreadable = [str(rules["illisibles"]), *report.unreadable] if report.unreadable else []
    return write_report(
        report.root, f"rapport-activite-{report.year}",
        str(rules["titre"]).format(annee=report.year), str(rules["sous_titre"]), report.lead,
        sections, unreadable)
