"""Step 7 — the six-month co-construction plan, dated from the peer's start."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from pairkit.dates_fr import add, long_date, shift
from pairkit.errors import Problem, ProjectFileError
from pairkit.files.checklists import checklist_key, load_checklist
from pairkit.files.project import LoadedStep, Project, slugify
from pairkit.files.yamlfiles import line_of, load_document, to_plain
from pairkit.method import cadrage, fiche_de_poste, info_coll
from pairkit.method.alerts import Vigilance, make
from pairkit.method.hrnotes import HALF_TIME_HOURS, notes, weekly_hours
from pairkit.method.step import Event, ExtraDocument, Reviews, Step
from pairkit.method.trial import Trial, length_of, trial
from pairkit.questions.model import Question, StepContent, get_path, load_step_content
from pairkit.questions.schema import StepFile, build_group_model, model_problems
from pairkit.questions.types import FrDate, Text, parse_answer, parse_duration

REVISED_FICHE = "04b-fiche-de-poste-revisee.docx"
# The peers' grid, answered at some reviews.
GRID = "grille-pairs"


def grid_items() -> dict[str, str]:
    """Every item of the peers' grid: its id and its wording."""
    return {str(item["id"]): str(item["libelle"])
            for part in load_checklist(GRID)["parties"] for item in part["elements"]}


def milestone_titles() -> dict[str, str]:
    """Each milestone's title by its id."""
    return {str(item["id"]): str(item["titre"]) for item in load_checklist("jalons")["elements"]}


def milestone_ids() -> list[str]:
    """The milestones of `checklists/jalons.yaml`, in order."""
    return [str(item["id"]) for item in load_checklist("jalons")["elements"]]


class Bilan(BaseModel):
    """What came out of one milestone meeting: the questions of `checklists/bilan.yaml`
    (`review_model` adds them), and the peers' grid, asked from its own checklist."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    # The peers' grid (checklists/grille-pairs.yaml): the peer's answers, then the manager's.
    grille_pair: dict[str, Text] = {}
    grille_responsable: dict[str, Text] = {}

    @field_validator("grille_pair", "grille_responsable")
    @classmethod
    def _grid_answers(cls, value: dict[str, str]) -> dict[str, str]:
        items, scale = grid_items(), [str(c["valeur"]) for c in load_checklist(GRID)["echelle"]]
        for item, answer in value.items():
            if item not in items:
                raise ValueError(f"« {item} » n'est pas un élément de la grille des pair·es "
                                 f"({', '.join(items)})")
            if answer not in scale:
                raise ValueError(f"« {answer} » n'est pas une réponse de la grille ({', '.join(scale)})")
        return value


REVIEW_CHECKLIST = "bilan"


def review_model() -> type[Bilan]:
    """A review's model, built from `bilan.yaml` (the platform's copy first)."""
    return _review_model(checklist_key(REVIEW_CHECKLIST))


@cache
def _review_model(_checklist: tuple[str, str]) -> type[Bilan]:
    content = load_step_content(REVIEW_CHECKLIST)
    model: type[Bilan] = build_group_model(content, Bilan, "BilanFichier")  # type: ignore[assignment]
    return model


def _listed(review: Bilan, name: str) -> list[str]:
    """A list answer of a review; none when the platform's checklist no longer asks it."""
    return list(getattr(review, name, None) or [])


def _held_on(review: Bilan) -> dt.date | None:
    day = getattr(review, "date", None)
    return day if isinstance(day, dt.date) else None


class Plan(StepFile):
    """What plan.yaml stores besides the answers to the plan's questions."""

    # Not asked: a consultant moves a meeting by writing its date here, by milestone id,
    # or cancels one by listing its id.
    dates_ajustees: dict[str, FrDate] = Field(default_factory=dict)
    jalons_annules: list[Text] = Field(default_factory=list)
    # Filled by « pairkit plan DOSSIER --bilan ID », by milestone id.
    bilans: dict[str, Bilan] = Field(default_factory=dict)

    @field_validator("dates_ajustees", "jalons_annules", "bilans")
    @classmethod
    def _known_milestones(cls, value: Any) -> Any:
        known = milestone_ids()
        unknown = [key for key in value if key not in known]
        if unknown:
            raise ValueError(
                f"jalon(s) inconnu(s) : {', '.join(unknown)} (jalons : {', '.join(known)})"
            )
        return value


def with_reviews(base: type[Plan]) -> type[Plan]:
    """The plan's model whose reviews have the questions of `bilan.yaml`."""
    return _with_reviews(base, review_model())


@cache
def _with_reviews(base: type[Plan], review: type[Bilan]) -> type[Plan]:
    model: type[Plan] = create_model(
        f"{base.__name__}AvecBilans", __base__=base,
        bilans=(dict[str, review], Field(default_factory=dict)))  # type: ignore[valid-type]
    return model


# The six-month review, at which the fiche de poste is revised.
SIX_MONTHS = "m6"
# The `quand` of the milestone held before the trial period ends (see checklists/jalons.yaml).
BEFORE_TRIAL_ENDS = "avant_fin_essai"


def milestones(start: dt.date, adjusted: Mapping[str, dt.date] | None = None,
               cancelled: Iterable[str] = (),
               reviews: Mapping[str, Bilan] | None = None,
               trial: Trial | None = None, today: dt.date | None = None,
               options: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The dated meetings from the start date: moved, cancelled and done ones accounted for.

    The meeting before the trial period ends exists only when the trial is known; a follow-up
    meeting after the six months only when its option was chosen.
    """
    adjusted = adjusted or {}
    reviews = reviews or {}
    chosen = set(options)
    data = load_checklist("jalons")
    rows = []
    for item in data["elements"]:
        if item["id"] in cancelled or (item.get("option") and item["option"] not in chosen):
            continue
        topics = list(item.get("sujets") or [])
        if item.get("quand") == BEFORE_TRIAL_ENDS:
            if trial is None:
                continue
            when = trial.review
            topics.insert(0, str(data.get("sujet_essai") or "").format(
                fin=long_date(trial.last_day, weekday=False), prevenance=trial.notice))
        else:
            when = shift(start, **{k: int(v) for k, v in (item.get("quand") or {}).items()})
        when = adjusted.get(item["id"]) or when
        rows.append({
            "id": item["id"],
            "titre": item["titre"],
            "date": when,
            "date_longue": long_date(when),
            "participants": ", ".join(item.get("participants") or []),
            "sujets": [topic for topic in topics if topic],
            "suivi": _follow_up(reviews.get(item["id"]), when, today or dt.date.today()),
        })
    # In the order of the calendar: a short trial, or a moved meeting, can put a meeting before
    # one the method lists ahead of it (equal dates keep the method's order).
    rows.sort(key=lambda row: row["date"])
    return rows


def schedule(loaded: LoadedStep[Plan]) -> list[dict[str, Any]]:
    """The plan's meetings as its file sets them: start, trial, moves, cancellations, reviews."""
    answers, plan = loaded.answers, loaded.model
    start = answers.get("date_prise_poste")
    if not isinstance(start, dt.date):
        return []
    return milestones(start, plan.dates_ajustees, plan.jalons_annules, plan.bilans,
                      trial(start, answers), options=answers.get("suivi_apres_six_mois") or [])


def _follow_up(review: Bilan | None, when: dt.date, today: dt.date) -> str:
    if review is None:
        return "manqué : pas de compte rendu" if when < today else "à venir"
    day = _held_on(review)
    return f"fait le {long_date(day, weekday=False)}" if day else "fait"


def review_rows(plan: Plan) -> list[dict[str, Any]]:
    """The recorded meetings, in milestone order, ready for the document."""
    titles = milestone_titles()
    reviews = plan.bilans
    rows = []
    for milestone_id in milestone_ids():
        review = reviews.get(milestone_id)
        if review is None:
            continue
        row = review.model_dump()
        row["ecarts"] = grid_gaps(review)
        row["titre"] = titles[milestone_id]
        day = _held_on(review)
        row["date_longue"] = long_date(day, weekday=False) if day else None
        rows.append(row)
    return rows


def grid_gaps(review: Bilan) -> list[dict[str, str]]:
    """The grid's items the peer and the manager answered differently: what the review discusses."""
    items = grid_items()
    scale = {str(c["valeur"]): str(c["libelle"]) for c in load_checklist(GRID)["echelle"]}
    gaps = []
    for item, wording in items.items():
        peer, manager = review.grille_pair.get(item), review.grille_responsable.get(item)
        if peer and manager and peer != manager:
            gaps.append({"libelle": wording[:1].upper() + wording[1:], "pair": scale.get(peer, peer),
                         "responsable": scale.get(manager, manager)})
    return gaps


def _grid_questions(milestone_id: str) -> list[Question]:
    """The grid's questions for a review that has it: every item for the peer, then the manager."""
    grid = load_checklist(GRID)
    if milestone_id not in grid.get("rendez_vous", []):
        return []
    scale = [{"valeur": str(c["valeur"]), "libelle": str(c["libelle"])} for c in grid["echelle"]]
    questions = []
    for who in grid["repondants"]:
        for part in grid["parties"]:
            for item in part["elements"]:
                questions.append(Question.model_validate({
                    "nom": f"bilans.{milestone_id}.grille_{who['id']}.{item['id']}",
                    "type": "choix", "choix": scale, "obligatoire": False,
                    "question": f"{who['libelle']} — {part['question']} {item['libelle']} ?"}))
    return questions


def revise_fiche(project: Project, fiche: dict[str, Any]) -> dict[str, Any]:
    """Missions and activities adjusted by every recorded review, in milestone order."""
    reviews = project.load(STEP).model.bilans
    revised = dict(fiche)
    missions = list(fiche.get("missions") or [])
    activities = list(fiche.get("activites") or [])
    dates = []
    for milestone_id in milestone_ids():
        review = reviews.get(milestone_id)
        if review is None:
            continue
        missions = [m for m in missions if m not in _listed(review, "missions_retirees")] + [
            m for m in _listed(review, "missions_ajoutees") if m not in missions]
        activities = [a for a in activities if a not in _listed(review, "activites_retirees")] + [
            a for a in _listed(review, "activites_ajoutees") if a not in activities]
        day = _held_on(review)
        if day:
            dates.append(long_date(day, weekday=False))
    revised["missions"], revised["activites"] = missions, activities
    six = reviews.get(SIX_MONTHS)
    held = _held_on(six) if six else None
    revised["revision"] = (
        "Proposition de fiche de poste révisée à partir du travail réel"
        + (f" (bilan à six mois du {long_date(held, weekday=False)})" if held else "")
        + " : à relire et à valider avec le ou la pair·e."
    )
    return revised


def review_questions(project: Project, milestone_id: str) -> StepContent:
    """The review checklist, stored under `bilans.<id>` of plan.yaml."""
    base = load_step_content(REVIEW_CHECKLIST)
    default_date = None
    for row in schedule(project.load(STEP)):
        if row["id"] == milestone_id:
            default_date = row["date"]
    questions = []
    for question in base.questions:
        update: dict[str, Any] = {"name": f"bilans.{milestone_id}.{question.name}"}
        if question.name == "date" and default_date is not None:
            update["default"] = default_date
        questions.append(question.model_copy(update=update))
    questions.extend(_grid_questions(milestone_id))
    title = milestone_titles()
    return base.model_copy(update={"questions": questions,
                                   "title": f"{base.title} : {title[milestone_id]}"})


def load_review(content: StepContent, milestone_id: str, path: Path) -> dict[str, Any]:
    """Answers for one milestone review, from a file holding the review's own fields."""
    doc = load_document(path)
    _, problems = model_problems(review_model(), path, doc)
    if problems:
        raise ProjectFileError(problems)
    plain = to_plain(doc)
    answers: dict[str, Any] = {}
    for question in content.questions:
        key = question.name.removeprefix(f"bilans.{milestone_id}.")
        raw = get_path(plain, key)
        if raw is not None:
            try:
                answers[question.name] = parse_answer(question, raw)
            except ValueError as exc:
                where = tuple(key.split("."))
                raise ProjectFileError([Problem(path, key, str(exc), line_of(doc, where))]) from None
    return answers


def after_review(project: Project, milestone_id: str) -> list[ExtraDocument]:
    """At month 6, a revised fiche de poste built from the reviews, to reread with the peer."""
    if milestone_id != SIX_MONTHS or not project.has(fiche_de_poste.STEP):
        return []
    context = fiche_de_poste.build_context(project)
    return [ExtraDocument(template=fiche_de_poste.STEP.template, filename=REVISED_FICHE,
                          title="Fiche de poste révisée (proposition)",
                          context={"fiche": revise_fiche(project, context["fiche"])})]


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Start date, manager and tutor from the fiche; the platform's consultant from the cadrage."""
    structure = project.answers(cadrage.STEP)
    fiche = project.answers(fiche_de_poste.STEP)
    defaults: dict[str, Any] = {}
    if isinstance(fiche.get("date_prise_poste"), dt.date):  # not « dès que possible »
        defaults["date_prise_poste"] = fiche["date_prise_poste"]
    if fiche.get("rattachement"):
        defaults["responsable"] = fiche["rattachement"]
    if fiche.get("tuteur"):
        defaults["tuteur"] = fiche["tuteur"]
    if structure.get("accompagnant"):
        defaults["referent_plateforme"] = structure["accompagnant"]
    contract = fiche.get("contrat")
    if contract in ("CDD", "CDDI"):
        defaults["contrat_essai"] = "CDD"
        months = _months_in(str(fiche.get("duree_contrat") or ""))
        if months:
            defaults["duree_cdd_mois"] = months
    elif contract == "CDI":
        defaults["contrat_essai"] = "CDI"
    elif contract == "fonction publique":
        defaults.update(_public_contract(str(fiche.get("precisions_fp") or ""),
                                         str(structure.get("type_structure") or "")))
    return defaults


def _public_contract(details: str, kind: str) -> dict[str, Any]:
    """A public-law contract read from the fiche's details (« CDD de 3 ans », « CDI »)."""
    found: dict[str, Any] = {}
    versant = load_checklist("reperes")["periode_essai"]["droit_public"]["versant_par_structure"].get(kind)
    if versant:
        found["versant_fp"] = versant
    months = _months_in(details)
    if months:
        found.update(contrat_essai="CDD public", duree_cdd_mois=months)
    elif re.search(r"\bCDI\b|indéterminée", details, re.IGNORECASE):
        found["contrat_essai"] = "CDI public"
    elif re.search(r"\bCDD\b|déterminée", details, re.IGNORECASE):
        found["contrat_essai"] = "CDD public"
    return found


def _months_in(text: str) -> int | None:
    """« 12 mois, renouvelable » → 12 ; « 1 an » → 12 ; nothing recognisable → None."""
    match = re.search(r"(\d{1,2})\s*(mois|ans?)\b", text)
    if match is None:
        return None
    return int(match.group(1)) * (1 if match.group(2) == "mois" else 12)


def build_context(project: Project) -> dict[str, Any]:
    """The plan: dated meetings, recorded reviews, evaluation criteria."""
    loaded = project.load(STEP)
    answers, plan = loaded.answers, loaded.model
    shown = STEP.shown(answers)
    start = answers.get("date_prise_poste")
    shown["jalons"] = schedule(loaded)
    shown["bilans"] = review_rows(plan)
    shown["vigilances"] = [a.as_dict() for a in vigilance(project)]
    hours = weekly_hours(project.answers(fiche_de_poste.STEP))
    half_time = hours is not None and hours >= HALF_TIME_HOURS
    shown["reperes"] = notes("periode-essai", "sante-au-travail", *(["aah"] if half_time else []))
    shown["evaluation"] = list(load_checklist("jalons").get("evaluation") or [])
    shown["debut_long"] = long_date(start) if start else None
    return {"plan": shown}


def vigilance(project: Project) -> list[Vigilance]:
    """No review at three or six months; nothing asked of the peer."""
    loaded = project.load(STEP)
    present = set(milestone_ids()) - set(loaded.model.jalons_annules)
    alerts: list[Vigilance] = []
    if "m3" not in present:
        alerts.append(make(STEP.id, "plan-sans-m3"))
    if SIX_MONTHS not in present:
        alerts.append(make(STEP.id, "plan-sans-m6"))
    if not loaded.answers.get("souhaits_pair"):
        alerts.append(make(STEP.id, "plan-sans-souhaits"))
    choice = loaded.answers.get("periode_essai")
    start = loaded.answers.get("date_prise_poste")
    known = length_of(loaded.answers, start if isinstance(start, dt.date) else None)
    if choice is None or (choice != "aucune" and known is None):
        alerts.append(make(STEP.id, "plan-essai-a-preciser"))
    alerts.extend(_dates_out_of_order(project, loaded.answers.get("date_prise_poste")))
    rows = [row for row in schedule(loaded) if row["suivi"].startswith("manqué")]
    # The six-month review is where the post is rewritten from real work: its own point.
    alerts.extend(make(STEP.id, "bilan-six-mois-absent", valeur=long_date(row["date"], weekday=False))
                  for row in rows if row["id"] == SIX_MONTHS)
    missed = [f"{row['titre']} ({long_date(row['date'], weekday=False)})"
              for row in rows if row["id"] != SIX_MONTHS]
    if missed:
        alerts.append(make(STEP.id, "rendez-vous-manques", valeur=" ; ".join(missed)))
    alerts.extend(_after_fixed_term(project, loaded))
    return alerts


_CONTRACT_LENGTH = re.compile(r"\s*(\d{1,3})\s*(jours?|semaines?|mois|ans?)\b", re.IGNORECASE)


def _after_fixed_term(project: Project, loaded: LoadedStep[Plan]) -> list[Vigilance]:
    """Follow-up meetings planned after the end of a fixed-term contract (fiche's length)."""
    fiche = project.answers(fiche_de_poste.STEP)
    start = loaded.answers.get("date_prise_poste")
    if fiche.get("contrat") != "CDD" or not isinstance(start, dt.date):
        return []
    # « 12 mois », « 12 mois, renouvelable », « 1 an » ; a length written otherwise (« jusqu'à
    # la fin du financement ») is not read.
    found = _CONTRACT_LENGTH.match(str(fiche.get("duree_contrat") or ""))
    if found is None:
        return []
    count, unit = int(found.group(1)), found.group(2).lower()
    # The contract's last day: a 12-month CDD from 4 May ends on 3 May, so the one-year review
    # (4 May, or the next working day) already falls after it.
    end = add(start, {"mois": count * 12} if unit.startswith("an") else parse_duration(f"{count} {unit}")) \
        - dt.timedelta(days=1)
    after = [f"{row['titre']} ({long_date(row['date'], weekday=False)})"
             for row in schedule(loaded) if row["date"] > end]
    if not after:
        return []
    return [make(STEP.id, "rendez-vous-apres-fin-cdd", duree=str(fiche.get("duree_contrat")),
                 debut=long_date(start, weekday=False), fin=long_date(end, weekday=False),
                 valeur=" ; ".join(after))]


def _dates_out_of_order(project: Project, start: Any) -> list[Vigilance]:
    """An information session held after the peer has started is one held too late."""
    session = project.answers(info_coll.STEP).get("date")
    if isinstance(start, dt.date) and isinstance(session, dt.date) and session > start:
        return [make(STEP.id, "info-coll-apres-prise-de-poste",
                     valeur=long_date(session, weekday=False), debut=long_date(start, weekday=False))]
    return []


def events(project: Project) -> list[Event]:
    """The milestones as all-day events; those with a recorded review are marked done."""
    loaded = project.load(STEP)
    start = loaded.answers.get("date_prise_poste")
    if not start:
        return []
    name = cadrage.structure_name(project)
    plan = loaded.model
    rows = schedule(loaded)
    return [Event(uid=f"plan-{row['id']}-{slugify(name)}@pairkit", title=str(row["titre"]),
                  summary=f"{row['titre']} — {name}", day=row["date"],
                  done=row["id"] in plan.bilans,
                  description=f"Qui : {row['participants']}\n"
                  + "\n".join(f"• {topic}" for topic in row["sujets"]))
            for row in rows]


STEP: Step[Plan] = Step(
    id="plan",
    model=Plan,
    template="plan-six-mois.docx",
    document="07-plan-six-mois.docx",
    build_context=build_context,
    computed_defaults=computed_defaults,
    vigilance=vigilance,
    calendar=events,
    reviews=Reviews(
        ids=milestone_ids, content=review_questions, read_file=load_review, after=after_review,
        titles=milestone_titles, dated=lambda project: schedule(project.load(STEP))),
    refine=with_reviews,
)
