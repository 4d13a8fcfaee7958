"""Step 4 — the job description (fiche de poste): fields, their display, its warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pairkit.dates_fr import long_date
from pairkit.files.checklists import load_checklist
from pairkit.files.project import Project
from pairkit.folding import fold
from pairkit.method import background, cadrage, diagnostic
from pairkit.method.alerts import Vigilance, make, rule, vocabulary_alerts
from pairkit.method.hrnotes import HALF_TIME_HOURS, minimum_monthly_pay, weekly_hours
from pairkit.method.step import Step, step_by_id
from pairkit.questions.lexicon import lexicon
from pairkit.questions.model import Question, is_answered
from pairkit.questions.schema import StepFile


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Place and funding from the cadrage; the optional details offered again if some were given."""
    structure = project.answers(cadrage.STEP)
    defaults: dict[str, Any] = {}
    if structure.get("ville"):
        defaults["lieu"] = structure["ville"]
    if structure.get("financement"):
        defaults["contexte_financement"] = structure["financement"]
    # Offer the optional details again when some were given before.
    gated = [q.name for q in STEP.content().questions if q.condition == {"precisions": True}]
    defaults["precisions"] = any(is_answered(answers.get(name)) for name in gated)
    # Recommended only where it holds: the diagnostic confirms the post replaces no one; care
    # kept apart from employment is a rule of mental-health services.
    defaults["poste_complementaire"] = _complementary(project)
    defaults["separation_soin_emploi"] = structure.get("secteur") == "sante-mentale"
    hours = answers.get("heures_hebdo")
    if isinstance(hours, int):  # the hours say it: no need to ask
        defaults["temps_travail"] = "temps plein" if hours >= FULL_TIME_HOURS else "temps partiel"
    check = background.proposed(structure, answers.get("contrat"))
    if check is not None:
        defaults[background.FIELD] = check
    return defaults


def suggest(project: Project, question: Question) -> list[str]:
    """Missions and activities usual in the structure's sector (`catalogue-missions`)."""
    sector = project.answers(cadrage.STEP).get("secteur")
    by_sector = load_checklist(question.suggestions or "").get("secteurs") or {}
    return [str(item) for item in (by_sector.get(sector) or {}).get(question.name, [])]


def joined_fr(items: list[str]) -> str:
    """Kinds of lived experience, any of which is sought: « a », « a, ou b », « a, b, ou c »
    (the comma keeps apart kinds that say « ou » themselves: « de la rue ou de la précarité »)."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + ", ou " + items[-1]


def capitalized(text: str) -> str:
    """The first letter in capital, the rest as typed (« aller vers… » → « Aller vers… »)."""
    return text[:1].upper() + text[1:]


def in_sentence(title: str) -> str:
    """A post's title inside a sentence: « le poste de travailleur·se pair·e »; an acronym
    (« CESF ») keeps its capitals."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def euros(amount: int) -> str:
    """« 1 850 € », with the narrow no-break space French uses between thousands."""
    return f"{amount:,}".replace(",", "\u202f") + " €"


def _contract(answers: Mapping[str, Any]) -> str | None:
    contract = answers.get("contrat")
    if not contract:
        return None
    length = answers.get("duree_contrat")
    if contract == "CDD":
        return f"CDD ({length})" if length else "CDD"
    if contract == "CDDI":
        text = "CDDI, contrat à durée déterminée d'insertion"
        return f"{text} ({length})" if length else text
    if contract == "fonction publique":
        parts = ["Poste de la fonction publique ouvert aux contractuel·les"]
        if answers.get("categorie_fp"):
            parts.append(f"catégorie {answers['categorie_fp']}")
        if answers.get("precisions_fp"):
            parts.append(str(answers["precisions_fp"]))
        return ", ".join(parts)
    if contract == "contrat de projet":
        end = answers.get("fin_projet")
        text = "Contrat lié à un projet"
        if isinstance(end, dt.date):
            return f"{text}, jusqu'au {long_date(end, weekday=False)}"
        return f"{text} ({end})" if end else text
    question = next((q for q in STEP.content().questions if q.name == "contrat"), None)
    return question.label_of(contract) if question is not None else str(contract)


def _working_time(answers: Mapping[str, Any]) -> str | None:
    time = answers.get("temps_travail")
    if not time:
        return None
    parts = [str(time)]
    if answers.get("quotite_a_convenir"):
        parts.append("quotité à convenir avec la personne")
    hours = answers.get("heures_hebdo")
    if hours:
        text = f"{hours} heures par semaine"
        training = answers.get("heures_formation")
        if training:
            text += f", dont {training} heures de formation"
        parts.append(text)
    return ", ".join(parts)


def _pay(answers: Mapping[str, Any]) -> str | None:
    """The pay line; the coefficient and the agreement go in it when they are how pay is given."""
    form = answers.get("remuneration_forme")
    if form == "brut mensuel" and answers.get("salaire_brut_mensuel"):
        return f"{euros(int(answers['salaire_brut_mensuel']))} bruts mensuels"
    if form == "grille" and answers.get("grille"):
        return str(answers["grille"])
    if form == "convention" and (answers.get("convention") or answers.get("coefficient")):
        parts = [f"selon la {answers['convention']}"] if answers.get("convention") else []
        if answers.get("coefficient"):
            parts.append(str(answers["coefficient"]))
        return ", ".join(parts)
    if form == "non communiquée":
        return "non communiquée"
    return None


def _definitions(answers: Mapping[str, Any]) -> list[dict[str, str]]:
    """The employer's own terms, then the platform's when chosen."""
    own = []
    for item in answers.get("definitions_structure") or []:
        term, _, meaning = str(item).partition(":")
        own.append({"terme": term.strip(), "definition": meaning.strip()})
    platform = load_checklist("definitions")["elements"] if answers.get("definitions") else []
    return own + [dict(d) for d in platform]


def build_context(project: Project) -> dict[str, Any]:
    """The job description as the template reads it."""
    answers = project.answers(STEP)
    fiche = STEP.shown(answers)
    fiche["temps_affiche"] = _working_time(answers)
    fiche["contrat_affiche"] = _contract(answers)
    fiche["remuneration_affichee"] = _pay(answers)
    fiche["referent"] = answers.get("type_poste") == "referent"
    fiche["experiences_phrase"] = joined_fr(list(fiche.get("experiences") or []))
    # A list item is a line of its own: it starts with a capital, whoever typed it.
    for key in ("missions", "activites", "missions_institutionnelles", "savoir_etre", "competences",
                "avantages", "sites"):
        if isinstance(fiche.get(key), list):
            fiche[key] = [capitalized(str(item)) for item in fiche[key]]
    fiche["liste_definitions"] = _definitions(answers)
    # Said only when answered, and never against the diagnostic's answer.
    fiche["complementaire"] = answers.get("poste_complementaire") is True and _complementary(project)
    # When the pay is given as « the agreement and a coefficient », the pay line already says
    # them; otherwise each gets its own line, so that none is dropped.
    in_pay_line = answers.get("remuneration_forme") == "convention"
    fiche["convention_a_part"] = bool(answers.get("convention")) and not in_pay_line
    fiche["coefficient_a_part"] = bool(answers.get("coefficient")) and not in_pay_line
    fiche["sans_diplome"] = answers.get("diplome_exige") is False
    fiche["qualifications_reconnues"] = answers.get("qualifications_reconnues") == "oui"
    return {"fiche": fiche}


def _complementary(project: Project) -> bool:
    """Whether the posting may say the post replaces no one: not if the diagnostic said it does."""
    if not project.has(diagnostic.STEP):
        return True
    reason = project.answers(diagnostic.STEP).get("reponses.raison_du_poste")
    return reason in (None, "savoir-experience")


def vigilance(project: Project) -> list[Vigilance]:
    """What the fiche says that the platform would discuss with the structure."""
    answers = project.answers(STEP)
    if not answers:
        return []
    alerts: list[Vigilance] = []
    for field, code in (("reunions", "fiche-reunions"), ("secret_partage", "fiche-secret"),
                        ("ecrit_dossiers", "fiche-dossiers"), ("analyse_pratiques", "fiche-analyse"),
                        ("groupe_pairs", "fiche-groupe-pairs")):
        if answers.get(field) is False:
            alerts.append(make(STEP.id, code))
    alerts.extend(_reporting_line(str(answers.get("rattachement") or "")))
    if not answers.get("tuteur"):
        alerts.append(make(STEP.id, "fiche-tuteur"))
    if answers.get("diplome_exige"):
        alerts.append(make(STEP.id, "diplome-exige"))
    contract = answers.get("contrat")
    alerts.extend(_insertion_contract(project, contract))
    if contract in ("CDD", "contrat de projet") and not _funding_is_short(project):
        alerts.append(make(STEP.id, "cdd-plutot-cdi", valeur=_contract(answers)))
    alerts.extend(_pay_vigilance(answers))
    alerts.extend(_under_24_hours(answers))
    hours = weekly_hours(answers)
    if hours is not None and hours >= HALF_TIME_HOURS:
        alerts.append(make(STEP.id, "aah-mi-temps", valeur=f"{hours:g} h par semaine"))
    alerts.extend(_stance_vigilance(answers))
    deadline = answers.get("date_limite")
    if isinstance(deadline, dt.date) and deadline < dt.date.today() and not _started(project, answers):
        alerts.append(make(STEP.id, "date-limite-passee", valeur=long_date(deadline, weekday=False)))
    published = answers.get("date_publication")
    if isinstance(deadline, dt.date) and isinstance(published, dt.date) and deadline < published:
        alerts.append(make(STEP.id, "date-limite-avant-publication",
                           valeur=long_date(deadline, weekday=False),
                           publication=long_date(published, weekday=False)))
    texts = [str(answers.get(k) or "") for k in ("intitule", "mission_generale",
                                                 "experience_recherchee", "diplome_precision",
                                                 "processus")]
    for key in ("missions", "activites", "competences"):
        texts.extend(answers.get(key) or [])
    alerts.extend(vocabulary_alerts(STEP.id, texts))
    return alerts


def _started(project: Project, answers: Mapping[str, Any]) -> bool:
    """Whether the peer has taken the post (plan, else fiche): a closed call is then expected."""
    plan = step_by_id("plan")
    start = project.answers(plan).get("date_prise_poste") if project.has(plan) else None
    if not isinstance(start, dt.date):
        start = answers.get("date_prise_poste")
    return isinstance(start, dt.date) and start <= dt.date.today()


# The legal full-time week (Code du travail, art. L3121-27).
FULL_TIME_HOURS = 35


# The legal minimum of a part-time week, and the answers that allow less (L3123-7).
PART_TIME_MINIMUM = 24
_BELOW_MINIMUM_ALLOWED = ("demande-ecrite", "accord-branche", "etudiant", "insertion")


def _under_24_hours(answers: Mapping[str, Any]) -> list[Vigilance]:
    """A part-time post under 24 hours a week without one of the law's exceptions."""
    hours = answers.get("heures_hebdo")
    if answers.get("temps_travail") != "temps partiel" or not isinstance(hours, int) \
            or hours >= PART_TIME_MINIMUM:
        return []
    if answers.get("derogation_24h") in _BELOW_MINIMUM_ALLOWED or answers.get("contrat") == "CDDI":
        return []
    return [make(STEP.id, "temps-partiel-sous-24h", valeur=hours)]


def _insertion_contract(project: Project, contract: Any) -> list[Vigilance]:
    """A CDDI offered by a structure that is not an insertion structure (SIAE)."""
    if contract != "CDDI":
        return []
    kind = str(project.answers(cadrage.STEP).get("type_structure") or "")
    siae = [str(s) for s in (rule("cddi-hors-siae") or {}).get("structures") or []]
    if kind and any(fold(kind)[0] == fold(s)[0] for s in siae):
        return []
    return [make(STEP.id, "cddi-hors-siae", valeur=kind or "type non indiqué au cadrage")]


def _reporting_line(link: str) -> list[Vigilance]:
    """A post reporting elsewhere than the team (a « special » line) is isolated."""
    rule = load_checklist("alertes").get("fiche-rattachement") or {}
    if lexicon(["equipe"]).find(link):
        return []
    if not lexicon(rule.get("termes") or [], rule.get("sauf") or []).find(link):
        return []
    return [make(STEP.id, "fiche-rattachement", valeur=link)]


def _pay_vigilance(answers: Mapping[str, Any]) -> list[Vigilance]:
    """Pay not given, or a monthly pay below the SMIC for the hours worked."""
    alerts: list[Vigilance] = []
    form = answers.get("remuneration_forme")
    if form in (None, "non communiquée") and not answers.get("remuneration"):
        alerts.append(make(STEP.id, "remuneration-absente"))
    if form == "convention" and not answers.get("coefficient"):
        alerts.append(make(STEP.id, "remuneration-incomplete",
                           valeur=answers.get("convention") or "la convention collective"))
    pay = answers.get("salaire_brut_mensuel")
    if form == "brut mensuel" and pay:
        hours = answers.get("heures_hebdo") or (35 if answers.get("temps_travail") == "temps plein"
                                                else None)
        if hours:
            minimum = minimum_monthly_pay(hours)
            if pay < minimum:
                alerts.append(make(STEP.id, "remuneration-sous-smic", valeur=pay, heures=hours,
                                   minimum=minimum))
    return alerts


def _stance_vigilance(answers: Mapping[str, Any]) -> list[Vigilance]:
    """The platform's stance on status and recognition, as the fiche's choices say it; what
    its texts say is read by the positions (`checklists/positions.yaml`) in every step."""
    alerts: list[Vigilance] = []
    if answers.get("contrat") in ("prestation", "prestataire"):
        alerts.append(make(STEP.id, "statut-hors-equipe", valeur=_contract(answers)))
    if answers.get("qualifications_reconnues") == "non":
        alerts.append(make(STEP.id, "qualifications-non-reconnues"))
    return alerts


def _funding_is_short(project: Project) -> bool:
    """A CDD is understandable when the diagnostic says funding covers one year only."""
    if not project.has(diagnostic.STEP):
        return False
    funding = project.answers(diagnostic.STEP).get("reponses.financement_durable")
    return funding == "pour un an ou un seul projet"


STEP = Step(
    id="fiche_de_poste",
    model=StepFile,
    template="fiche-de-poste.docx",
    document="04-fiche-de-poste.docx",
    build_context=build_context,
    computed_defaults=computed_defaults,
    vigilance=vigilance,
    public=True,
    suggest=suggest,
)
