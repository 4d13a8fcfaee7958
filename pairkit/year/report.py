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

from pairkit.documents.spreadsheet import Euros
from pairkit.errors import BadValue, FileAccessError, PairkitError, ProjectFileError
from pairkit.files.checklists import load_checklist, steady_method
from pairkit.files.project import Project
from pairkit.method import lifecycle
from pairkit.method.hrnotes import minimum_monthly_pay
from pairkit.method.registry import reviewed_step, step_of_checklist
from pairkit.workflow import find_projects
from pairkit.year import activities as activity_files

UNKNOWN = "non renseigné"
# The modalities of a collective session, as columns of the activities' table.


@dataclass
class Figure:
    """One table of the report (a chart when `chart` is set), with its base."""

    id: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    base: str
    contributors: int | None = None  # recruitments it is drawn from; None: not about people
    chart: str | None = None         # "barres" or "barres-groupees"
    note: str = ""
    chart_columns: list[int] = field(default_factory=list)  # the columns drawn, when not all

    def published(self, threshold: int) -> bool:
        """Whether enough recruitments stand behind it to publish it."""
        return self.contributors is None or self.contributors >= threshold


@dataclass
class Report:
    """The year's figures, in the report's order, and what could not be read."""

    year: int
    root: Path
    threshold: int
    lead: list[str]
    figures: list[Figure]
    unreadable: list[str] = field(default_factory=list)
    counted: int = 0  # recruitments and collective activities of the year

    def check_year(self) -> None:
        """Refuse to write a report of nothing: a year with no recruitment and no activity is
        most often a mistyped year or folder."""
        if self.counted == 0:
            raise PairkitError(
                f"Aucun recrutement ni aucune activité collective en {self.year} sous "
                f"« {self.root} » : pas de rapport écrit.",
                hint="Vérifiez l'année (--annee AAAA) et le dossier des projets, puis relancez.")


@dataclass
class _Recruitment:
    project: Project
    # The answers the report reads (`lit` in checklists/rapport-annuel.yaml), by part.
    structure: dict[str, Any]
    fiche: dict[str, Any]
    plan: dict[str, Any]
    info: dict[str, Any]
    standing_end: lifecycle.Change | None
    standing_start: lifecycle.Change | None


def _settings() -> dict[str, Any]:
    data: dict[str, Any] = load_checklist("rapport-annuel")
    return data


def _declared(part: str) -> dict[str, Any]:
    """What the report reads of one part: its method file, questions and choice values."""
    declared: dict[str, Any] = _settings()["lit"][part]
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
    first = lifecycle.history(rec.project)
    if first and first[0].date > dt.date(year, 12, 31):
        return False
    return not (rec.standing_start is not None and rec.standing_start.etat in ended
                and rec.standing_start.date < dt.date(year, 1, 1))


def _read(folder: Path, year: int) -> _Recruitment:
    project = Project.open(folder)  # a folder that cannot be read says so, in French
    return _Recruitment(
        project=project,
        structure=_part(project, "structure"),
        fiche=_part(project, "fiche"),
        plan=_part(project, "plan"),
        info=_part(project, "info"),
        standing_end=lifecycle.state_on(project, dt.date(year, 12, 31)),
        standing_start=lifecycle.state_on(project, dt.date(year, 1, 1) - dt.timedelta(days=1)),
    )


def _count_rows(counter: Counter[str], labels: dict[str, str] | None = None) -> list[list[Any]]:
    labels = labels or {}
    known = sorted((k for k in counter if k != UNKNOWN), key=lambda k: (-counter[k], k))
    rows = [[labels.get(k, k), counter[k]] for k in known]
    if counter.get(UNKNOWN):
        rows.append([UNKNOWN, counter[UNKNOWN]])
    return rows


def _euros(value: float) -> Euros:
    return Euros(round(value))


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _on(count: int, qualifier: str) -> str:
    """A figure's base: « sur 14 recrutements dont la rémunération est connue »."""
    return f"sur {_plural(count, 'recrutement', 'recrutements')} {qualifier}".rstrip()


def _structures(recs: list[_Recruitment]) -> list[Figure]:
    structures: dict[str, dict[str, Any]] = {}
    for rec in recs:
        name = str(rec.structure.get("nom") or rec.project.name)
        structures.setdefault(name, rec.structure)
    kinds = Counter(str(s.get("type_structure") or UNKNOWN) for s in structures.values())
    header = step_of_checklist(str(_declared("structure")["fichier"]))
    assert header is not None  # the structure's step: checked by `pairkit methode verifier`
    question = next(q for q in header.content().questions if q.name == "departement")
    places = Counter(question.label_of(s["departement"]) if s.get("departement") else UNKNOWN
                     for s in structures.values())
    base = f"sur {_plural(len(structures), 'structure accompagnée', 'structures accompagnées')}"
    return [
        Figure("structures-type", "Structures accompagnées, par type", ["Type de structure", "Structures"],
               _count_rows(kinds), base, chart="barres"),
        Figure("structures-departement", "Structures accompagnées, par département",
               ["Département", "Structures"], _count_rows(places), base, chart="barres"),
    ]


def _states(recs: list[_Recruitment], year: int) -> Figure:
    counter = Counter(rec.standing_end.etat if rec.standing_end else UNKNOWN for rec in recs)
    labels = dict(lifecycle.state_choices())
    rows = [[labels[value], counter[value]] for value, _ in lifecycle.state_choices() if counter[value]]
    if counter[UNKNOWN]:
        rows.append([UNKNOWN, counter[UNKNOWN]])
    return Figure("etats", f"Où en est chaque recrutement au 31 décembre {year}",
                  ["État", "Recrutements"], rows,
                  f"sur {_plural(len(recs), 'recrutement accompagné', 'recrutements accompagnés')}",
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
        "contrats", "Contrats proposés", ["Contrat", "Recrutements"], _count_rows(counter),
        _on(len(contracts), "dont le contrat est connu"),
        contributors=len(contracts), chart="barres",
        note=f"Part des CDI : {round(100 * cdi / len(contracts))} %." if contracts else "")
    times = [f for f in fiches if f.get("temps_travail") or f.get("heures_hebdo")]
    hours = [int(f["heures_hebdo"]) for f in times if f.get("heures_hebdo")]
    time_counter = Counter(str(f.get("temps_travail") or UNKNOWN) for f in times)
    working = Figure(
        "temps", "Temps de travail", ["Temps de travail", "Recrutements"], _count_rows(time_counter),
        _on(len(times), "dont le temps de travail est connu"),
        contributors=len(times),
        note=(f"Heures par semaine : médiane {statistics.median(hours):g} h, de {min(hours)} à "
              f"{max(hours)} h (sur {len(hours)} recrutements)." if hours else ""))
    return [contract, working, _pay(fiches, year)]


def _pay(fiches: list[dict[str, Any]], year: int) -> Figure:
    rates = _settings()["remuneration"]
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
    if paid:
        for label, value in (("Médiane", statistics.median(paid)), ("La plus basse", min(paid)),
                             ("La plus haute", max(paid))):
            rows.append([label, _euros(value), _euros(value * ratio)])
    return Figure(
        "remuneration", "Rémunération mensuelle, ramenée à un temps plein",
        ["", "Brut", "Net (estimation)"], rows,
        _on(len(paid), "dont la rémunération brute et le temps de travail sont connus"),
        contributors=len(paid),
        note=f"SMIC mensuel brut à temps plein : {_euros(smic)!s}. {rates['note_net']}")


def _sessions(recs: list[_Recruitment], year: int) -> Figure:
    held = [r.info for r in recs
            if isinstance(r.info.get("date"), dt.date) and r.info["date"].year == year]
    counter = Counter(str(info.get("modalite") or UNKNOWN) for info in held)
    return Figure("info-coll", "Informations collectives pour les candidat·es",
                  ["Modalité", "Séances"], _count_rows(counter),
                  "sur " + _plural(len(held), "information collective datée de l'année",
                                   "informations collectives datées de l'année"),
                  contributors=len(held), chart="barres")


def _meetings(recs: list[_Recruitment], year: int, today: dt.date) -> Figure:
    planned = held = 0
    contributors = 0
    last = min(dt.date(year, 12, 31), today)
    step = reviewed_step()
    assert step.reviews is not None
    for rec in recs:
        if not rec.project.has(step):
            continue
        rows = [row for row in step.reviews.dated(rec.project)
                if row["date"].year == year and row["date"] <= last]
        if rows:
            contributors += 1
        recorded = step.reviews.recorded(rec.project.load(step).model)
        planned += len(rows)
        held += sum(1 for row in rows if row["id"] in recorded)
    return Figure("rendez-vous", "Rendez-vous de suivi des pair·es en poste",
                  ["", "Rendez-vous"], [["Prévus (dates passées)", planned],
                                        ["Tenus (compte rendu noté)", held]],
                  f"sur {_plural(contributors, 'recrutement', 'recrutements')} dont des rendez-vous "
                  "tombaient dans l'année", contributors=contributors, chart="barres")


def _collective(root: Path, year: int) -> list[Figure]:
    items = activity_files.activities(root, year)
    content = activity_files.year_step(year).content()
    kinds = next(q for q in content.questions if q.name.endswith(".type"))
    modes = next(q for q in content.questions if q.name.endswith(".modalite"))
    known = [str(v) for v in _declared("activites")["valeurs"][modes.name]]
    by_kind: dict[str, list[int]] = {}
    for item in items:
        row = by_kind.setdefault(kinds.label_of(item.get("type")), [0] * (len(known) + 3))
        mode = str(item.get("modalite") or "")
        row[0] += 1
        if mode in known:
            row[1 + known.index(mode)] += 1
        row[-2] += int(item.get("participants.pairs") or 0)
        row[-1] += sum(int(item.get(f"participants.{who}") or 0) for who in ("cadres", "professionnels"))
    rows = [[name, *values] for name, values in sorted(by_kind.items())]
    return [Figure(
        "activites", "Activités collectives de la plateforme",
        ["Activité", "Séances", *(modes.label_of(mode) for mode in known), "Pair·es présent·es",
         "Cadres et professionnel·les présent·es"],
        rows, f"sur {_plural(len(items), 'séance enregistrée', 'séances enregistrées')} "
        f"(activites-{year}.yaml)", chart="barres-groupees",
        # Sessions by modality; the participants stay in the table (another scale).
        chart_columns=list(range(2, 2 + len(known))))]


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


def annual_report(root: Path, year: int, today: dt.date | None = None) -> Report:
    """Every figure of the year's report, from the recruitments and activities under `root`."""
    today = today or dt.date.today()
    settings = _settings()
    threshold = int(settings["seuil_publication"])
    ended = [str(s) for s in lifecycle.setting("etats_termines") or []]
    recs: list[_Recruitment] = []
    unreadable: list[str] = []
    with steady_method():
        for folder in find_projects(root):
            try:
                rec = _read(folder, year)
            except ProjectFileError as exc:
                unreadable.append(f"{folder} : {'; '.join(str(p) for p in exc.problems)}")
                continue
            except PairkitError as exc:
                unreadable.append(f"{folder} : {exc.message.splitlines()[0]}")
                continue
            except OSError as exc:  # met outside the reads that name their file already
                unreadable.append(f"{folder} : {FileAccessError.from_os_error(exc).message}")
                continue
            if _active(rec, year, ended):
                recs.append(rec)
    figures = [*_structures(recs), _states(recs, year), _hired(recs, year),
               *_conditions(recs, year), _sessions(recs, year), _meetings(recs, year, today),
               *_collective(root, year)]
    structures = len({str(r.structure.get("nom") or r.project.name) for r in recs})
    lead = [str(settings["chapeau"]).format(
        annee=year, structures=_plural(structures, "structure", "structures"),
        recrutements=_plural(len(recs), "recrutement", "recrutements"))]
    counted = len(recs) + len(activity_files.activities(root, year))
    return Report(year, root, threshold, lead, figures, unreadable, counted)


def write(report: Report) -> list[Any]:
    """The report's Word draft and spreadsheet, in the projects folder."""
    from pairkit.documents.annual import Table, write_report

    settings = _settings()
    tables = [Table(title=f.title, headers=f.headers, rows=f.rows, base=f.base, note=f.note,
                    published=f.published(report.threshold), chart=f.chart,
                    chart_columns=f.chart_columns)
              for f in report.figures]
    unreadable = [str(settings["illisibles"]), *report.unreadable] if report.unreadable else []
    return write_report(
        report.root, f"rapport-activite-{report.year}",
        str(settings["titre"]).format(annee=report.year), str(settings["sous_titre"]), report.lead,
        tables, str(settings["non_publie"]).format(seuil=report.threshold),
        str(settings["a_rediger"]), unreadable)
