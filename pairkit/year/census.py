"""The census of peer posts known to the platform: posts, never persons.

`recensement-AAAA.yaml` lists the posts as they stood in year AAAA (contract, hours, pay,
funding…), each with its number; the first write of a year takes over the posts of the year
before that were still open. A post opened by a recruitment accompanied with pairkit is not
typed: it is read from the project (`depuis_recrutement` in checklists/recensement.yaml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pairkit.errors import BadValue, PairkitError, ProjectFileError
from pairkit.files.checklists import load_checklist
from pairkit.files.locking import project_lock
from pairkit.files.project import Project
from pairkit.files.yamlfiles import load_document, put_group, save_document
from pairkit.method import lifecycle
from pairkit.method.registry import step_of_checklist
from pairkit.year.yearlist import YearList, nest

CHECKLIST = "recensement"
GROUP = "nouveau"
CENSUS = YearList(checklist=CHECKLIST, group=GROUP, key="postes", stem="recensement", dated_by=None)


def settings() -> dict[str, Any]:
    """The census's rules (checklists/recensement.yaml, `reglages`)."""
    found: dict[str, Any] = load_checklist(CHECKLIST).get("reglages") or {}
    return found


@dataclass
class Post:
    """One post of a year's census, by field name; `project` when read from a recruitment."""

    fields: dict[str, Any]
    project: str | None = None

    @property
    def id(self) -> str:
        """The post's number, or the recruitment's folder it is read from."""
        return str(self.fields.get("id") or f"projet {self.project}")

    def counted(self) -> bool:
        """A salaried post of a structure (a service sold by an independent peer is kept apart)."""
        return self.fields.get("contrat") not in (settings().get("hors_decompte") or [])

    def open_on(self, day: dt.date) -> bool:
        """Whether the post existed on `day`."""
        opened, closed = self.fields.get("date_ouverture"), self.fields.get("date_fermeture")
        return (not isinstance(opened, dt.date) or opened <= day) and \
            not (isinstance(closed, dt.date) and closed < day)

    def in_year(self, year: int) -> bool:
        """Whether the post existed at some time in the year."""
        opened, closed = self.fields.get("date_ouverture"), self.fields.get("date_fermeture")
        return (not isinstance(opened, dt.date) or opened.year <= year) and \
            not (isinstance(closed, dt.date) and closed.year < year)


def typed_posts(root: Path, year: int) -> list[Post]:
    """The posts typed into the census as they stood in `year` (its file, else the open posts
    of the latest year before, as the year's file would take them over)."""
    if (root / CENSUS.filename(year)).is_file():
        return [Post(item) for item in CENSUS.items(root, year)]
    earlier = [y for y in CENSUS.years(root) if y < year]
    if not earlier:
        return []
    return [Post(item) for item in CENSUS.items(root, earlier[-1])
            if Post(item).in_year(year)]


def post_of_recruitment(project: Project, year: int) -> Post | None:
    """The post a recruitment opened, as it stood in `year`; None if the peer was not in
    post that year (or the project does not say)."""
    return posts_of_recruitment(project, (year,)).get(year)


def posts_of_recruitment(project: Project, years: Iterable[int]) -> dict[int, Post]:
    """The post a recruitment opened, by each year the peer was in post: its history and its
    answers read once for all the years."""
    history = lifecycle.history(project)
    fields: dict[str, Any] | None = None
    found = {}
    for year in years:
        span = _in_post(history, year)
        if span is None:
            continue
        if fields is None:
            fields = _fields_of(project)
        began, closed = span
        post = {"date_ouverture": began, **fields}
        if closed is not None:
            post["date_fermeture"] = closed
        found[year] = Post(post, project=project.name)
    return found


def _in_post(history: list[lifecycle.Change], year: int) -> tuple[dt.date, dt.date | None] | None:
    """When the peer took the post and when it ended, if the peer was in post in `year`."""
    in_post = lifecycle.in_post_states()
    ended = [str(s) for s in lifecycle.setting("etats_termines") or []]
    changes = [c for c in history if c.date <= dt.date(year, 12, 31)]
    began = next((c for c in changes if c.etat in in_post), None)
    if began is None:
        return None
    closed = next((c.date for c in changes if c.date >= began.date and c.etat in ended), None)
    if closed is not None and closed.year < year:
        return None
    return began.date, closed


def _fields_of(project: Project) -> dict[str, Any]:
    """What the census reads of a recruitment (`depuis_recrutement`), each step read once."""
    fields: dict[str, Any] = dict(settings().get("valeurs_recrutement") or {})
    answers: dict[str, dict[str, Any]] = {}
    for name, source in (settings().get("depuis_recrutement") or {}).items():
        checklist, _, question = str(source).partition(".")
        if checklist not in answers:
            step = step_of_checklist(checklist)
            answers[checklist] = project.answers(step) if step is not None and project.has(step) else {}
        value = answers[checklist].get(question)
        if value not in (None, "", []):
            fields[name] = value
    return fields


def _check_year(year: int, today: dt.date) -> None:
    if not 2000 <= year <= today.year + 1:
        raise BadValue(f"--annee {year} : ce n'est pas une année du recensement.",
                       hint=f"Indiquez une année entre 2000 et {today.year + 1}.")


def open_year(root: Path, year: int) -> int:
    """Create the year's file, if missing, with the posts still open from the year before;
    the number of posts taken over."""
    path = root / CENSUS.filename(year)
    if path.is_file():
        return 0
    carried = [post.fields for post in typed_posts(root, year)]
    CENSUS.write_items(root, year, carried)
    return len(carried)


def _ids(root: Path) -> list[str]:
    return [str(item.get("id")) for y in CENSUS.years(root) for item in CENSUS.items(root, y)
            if item.get("id")]


def next_id(root: Path) -> str:
    """The number of a new post: one more than the highest of every year's file."""
    prefix = str(settings().get("prefixe_numero") or "P")
    numbers = [int(i[len(prefix):]) for i in _ids(root)
               if i.startswith(prefix) and i[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def add(root: Path, year: int, provided: Mapping[str, Any] | None, interactive: bool,
        today: dt.date | None = None) -> tuple[dict[str, Any] | None, int]:
    """Ask one post and file it in the year's census; the answers and the posts taken over."""
    _check_year(year, today or dt.date.today())
    _refuse_missing(root)
    with project_lock(root):
        carried = open_year(root, year)
        pending = CENSUS.pending(root, year)
        number = pending.get("id") or next_id(root)
    given = {f"{GROUP}.id": number, **(provided or {})}
    answers = CENSUS.ask(root, year, given, interactive,
                         f"pairkit recensement ajouter {root} --annee {year}")
    return answers, carried


def _find(root: Path, year: int, number: str) -> dict[str, Any]:
    for item in CENSUS.items(root, year):
        if str(item.get("id")) == number:
            return item
    known = ", ".join(str(i.get("id")) for i in CENSUS.items(root, year)) or "aucun"
    raise BadValue(f"Aucun poste n° {number} dans le recensement {year} (postes : {known}).",
                   hint=f"« pairkit recensement lister --annee {year} » montre les postes et "
                   "leur numéro ; un poste venu d'un recrutement accompagné se change dans son "
                   "projet (pairkit modifier DOSSIER fiche-de-poste).")


def _refuse_missing(root: Path) -> None:
    if not root.is_dir():
        raise BadValue(f"Le dossier de projets « {root} » n'existe pas.",
                       hint="Indiquez le dossier qui contient vos projets.")


def change(root: Path, year: int, number: str, interactive: bool,
           provided: Mapping[str, Any] | None = None,
           today: dt.date | None = None) -> tuple[dict[str, Any] | None, int]:
    """Change the answers of one post of the year's census (chosen from the list of its
    answers); the answers and the posts taken over."""
    _check_year(year, today or dt.date.today())
    _refuse_missing(root)
    with project_lock(root):
        carried = open_year(root, year)
        if CENSUS.pending(root, year):
            raise PairkitError(
                f"Un poste est en cours de saisie dans {CENSUS.filename(year)} : il faut "
                "d'abord le terminer.",
                hint=f"Lancez « pairkit recensement ajouter {root} --annee {year} », puis relancez.")
        item = _find(root, year, number)
        path = root / CENSUS.filename(year)
        doc = load_document(path)
        put_group(doc, GROUP, nest(item))
        save_document(path, doc)
        Project(root).forget(CENSUS.step(year))
    answers = CENSUS.ask(root, year, {f"{GROUP}.{k}": v for k, v in (provided or {}).items()},
                         interactive, f"pairkit recensement modifier {root} {number} --annee {year}",
                         pick=not provided, replace=lambda found: str(found.get("id")) == number)
    return answers, carried


def close(root: Path, year: int, number: str, day: dt.date,
          today: dt.date | None = None) -> tuple[dict[str, Any], int]:
    """Record the day a post closed, in the census of the year it closed."""
    _check_year(year, today or dt.date.today())
    _refuse_missing(root)
    if day.year != year:
        raise BadValue(f"Le poste fermé le {day:%d/%m/%Y} se ferme dans le recensement "
                       f"{day.year}, pas {year}.",
                       hint=f"Relancez avec --annee {day.year} (ou sans --annee).")
    with project_lock(root):
        carried = open_year(root, year)
        items = CENSUS.items(root, year)
        item = _find(root, year, number)
        opened = item.get("date_ouverture")
        if isinstance(opened, dt.date) and day < opened:
            raise BadValue(f"Le poste n° {number} a ouvert le {opened:%d/%m/%Y} : il ne peut "
                           f"pas fermer le {day:%d/%m/%Y}.", hint="Vérifiez la date (--date JJ/MM/AAAA).")
        updated = [{**i, "date_fermeture": day} if str(i.get("id")) == number else i for i in items]
        CENSUS.write_items(root, year, updated)
        Project(root).forget(CENSUS.step(year))
    return {**item, "date_fermeture": day}, carried


def listing(root: Path, year: int, projects: Iterable[Path]) -> tuple[list[Post], list[str]]:
    """The posts of the year (typed, then from the recruitments) and the projects not read."""
    _refuse_missing(root)
    found = [post for post in typed_posts(root, year) if post.in_year(year)]
    unread: list[str] = []
    for folder in projects:
        try:
            post = post_of_recruitment(Project.open(folder), year)
        except ProjectFileError as exc:
            unread.append(f"{folder} : {'; '.join(str(p) for p in exc.problems)}")
            continue
        except PairkitError as exc:
            unread.append(f"{folder} : {exc.message.splitlines()[0]}")
            continue
        if post is not None:
            found.append(post)
    return found, unread


HEADERS = ["N°", "Structure", "Dépt", "Secteur", "Sorte de poste", "Contrat", "Heures",
           "Brut", "Ouvert", "Fermé", "Source"]


def table(found: list[Post]) -> list[list[str]]:
    """The posts as the lines of `pairkit recensement lister`, labels as the consultant reads them."""
    questions = {q.name: q for q in CENSUS.questions()}

    def shown(post: Post, name: str) -> str:
        value = post.fields.get(name)
        if value in (None, ""):
            return "—"
        if isinstance(value, dt.date):
            return f"{value:%d/%m/%Y}"
        if name in questions and questions[name].choices:
            return questions[name].label_of(value)
        return str(value)

    lines = []
    for post in found:
        source = (f"projet {post.project}" if post.project else shown(post, "source"))
        lines.append([post.id if not post.project else "—", shown(post, "structure"),
                      str(post.fields.get("departement") or "—"), shown(post, "secteur"),
                      shown(post, "profil"), shown(post, "contrat"), shown(post, "heures_hebdo"),
                      shown(post, "salaire_brut_mensuel"), shown(post, "date_ouverture"),
                      shown(post, "date_fermeture"), source])
    return lines


def parse_day(text: str) -> dt.date:
    """A day typed on the command line (« 30/06/2026 », « 2026-06-30 »), checked as the census
    checks its dates."""
    from pairkit.questions.types import parse_answer

    question = next(q for q in CENSUS.questions() if q.name == "date_fermeture")
    try:
        day = parse_answer(question, text)
    except ValueError as exc:
        raise BadValue(f"--date {text} : {exc}",
                       hint="Écrivez la date JJ/MM/AAAA (ex. 30/06/2026).") from None
    if not isinstance(day, dt.date):
        raise BadValue(f"--date {text} : ce n'est pas une date.", hint="Écrivez la date JJ/MM/AAAA.")
    return day
