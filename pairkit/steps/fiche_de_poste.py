"""Step 4 — the job description (fiche de poste): fields, their display, its warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pairkit.alerts import Alert, make, vocabulary_alerts
from pairkit.dates_fr import long_date
from pairkit.models import FrBool, FrDate, StepFile, Text
from pairkit.questions import is_answered
from pairkit.resources import load_checklist
from pairkit.steps.base import Step, for_display

if TYPE_CHECKING:
    from pairkit.project import Project


class FicheDePoste(StepFile):
    type_poste: Text | None = None
    intitule: Text | None = None
    precisions: FrBool | None = None
    chiffres_cles: Text | None = None
    rattachement: Text | None = None
    liens_fonctionnels: Text | None = None
    reunions: FrBool | None = None
    secret_partage: FrBool | None = None
    ecrit_dossiers: FrBool | None = None
    equipe_en_construction: FrBool | None = None
    binome_pairs: FrBool | None = None
    mission_generale: Text | None = None
    missions: list[Text] = []
    activites: list[Text] = []
    missions_institutionnelles: list[Text] = []
    approches: list[Text] = []
    experiences: list[Text] = []
    experience_recherchee: Text | None = None
    savoir_etre: list[Text] = []
    competences: list[Text] = []
    langues: list[Text] = []
    diplome_exige: FrBool | None = None
    diplome_precision: Text | None = None
    formation_proposee: Text | None = None
    contrat: Text | None = None
    duree_contrat: Text | None = None
    parcours_insertion: Text | None = None
    categorie_fp: Text | None = None
    fin_projet: FrDate | None = None
    temps_travail: Text | None = None
    heures_hebdo: int | None = None
    heures_formation: int | None = None
    quotite_a_convenir: FrBool | None = None
    horaires: Text | None = None
    remuneration_forme: Text | None = None
    salaire_brut_mensuel: int | None = None
    grille: Text | None = None
    convention: Text | None = None
    coefficient: Text | None = None
    remuneration: Text | None = None
    avantages: list[Text] = []
    tuteur: Text | None = None
    analyse_pratiques: FrBool | None = None
    groupe_pairs: FrBool | None = None
    soutien_specifique: Text | None = None
    lieu: Text | None = None
    territoire_poste: Text | None = None
    sites: list[Text] = []
    permis: Text | None = None
    deplacements: Text | None = None
    teletravail: Text | None = None
    equipement: Text | None = None
    contexte_financement: Text | None = None
    engagement_diversite: FrBool | None = None
    separation_soin_emploi: FrBool | None = None
    definitions: FrBool | None = None
    date_prise_poste: FrDate | None = None
    date_limite: FrDate | None = None
    calendrier: Text | None = None
    reference: Text | None = None
    candidature: Text | None = None
    processus: Text | None = None


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    from pairkit.steps.cadrage import STEP as CADRAGE

    structure = project.answers(CADRAGE)
    defaults: dict[str, Any] = {}
    if structure.get("ville"):
        defaults["lieu"] = structure["ville"]
    if structure.get("financement"):
        defaults["contexte_financement"] = structure["financement"]
    # Offer the optional details again when some were given before.
    gated = [q.name for q in STEP.content().questions if q.condition == {"precisions": True}]
    defaults["precisions"] = any(is_answered(answers.get(name)) for name in gated)
    return defaults


def euros(amount: int) -> str:
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
        text = "Poste de la fonction publique ouvert aux contractuel·les"
        category = answers.get("categorie_fp")
        return f"{text}, catégorie {category}" if category else text
    if contract == "contrat de projet":
        end = answers.get("fin_projet")
        text = "Contrat lié à un projet"
        return f"{text}, jusqu'au {long_date(end, weekday=False)}" if isinstance(end, dt.date) else text
    return str(contract)


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
    form = answers.get("remuneration_forme")
    if form == "brut mensuel" and answers.get("salaire_brut_mensuel"):
        return f"{euros(int(answers['salaire_brut_mensuel']))} bruts mensuels"
    if form == "grille" and answers.get("grille"):
        return str(answers["grille"])
    if form == "convention" and answers.get("convention"):
        text = f"selon la {answers['convention']}"
        if answers.get("coefficient"):
            text += f", {answers['coefficient']}"
        return text
    if form == "non communiquée":
        return "non communiquée"
    return None


def build_context(project: Project) -> dict[str, Any]:
    answers = project.answers(STEP)
    fiche = for_display(STEP, answers)
    fiche["temps_affiche"] = _working_time(answers)
    fiche["contrat_affiche"] = _contract(answers)
    fiche["remuneration_affichee"] = _pay(answers)
    fiche["referent"] = answers.get("type_poste") == "referent"
    fiche["experiences_phrase"] = " ; ".join(fiche.get("experiences") or [])
    fiche["liste_definitions"] = (load_checklist("definitions")["elements"]
                                  if answers.get("definitions") else [])
    fiche["complementaire"] = _complementary(project)
    # When the pay is given as « the agreement and a coefficient », the pay line already says it.
    fiche["convention_a_part"] = bool(answers.get("convention")) and \
        answers.get("remuneration_forme") != "convention"
    return {"fiche": fiche}


def _complementary(project: Project) -> bool:
    """Whether the posting may say the post replaces no one: not if the diagnostic said it does."""
    from pairkit.steps.diagnostic import STEP as DIAGNOSTIC

    if not project.has(DIAGNOSTIC):
        return True
    reason = project.answers(DIAGNOSTIC).get("reponses.raison_du_poste")
    return reason in (None, "savoir-experience")


def minimum_monthly_pay(hours: float) -> int:
    hourly = float(load_checklist("reperes")["smic"]["horaire_brut"])
    return int(hourly * hours * 52 / 12)


def check(project: Project) -> list[Alert]:
    answers = project.answers(STEP)
    if not answers:
        return []
    alerts: list[Alert] = []
    for field, code in (("reunions", "fiche-reunions"), ("secret_partage", "fiche-secret"),
                        ("ecrit_dossiers", "fiche-dossiers"), ("analyse_pratiques", "fiche-analyse"),
                        ("groupe_pairs", "fiche-groupe-pairs")):
        if answers.get(field) is False:
            alerts.append(make(STEP.id, code))
    link = str(answers.get("rattachement") or "")
    if any(word in link.lower() for word in ("direct", "ligne", "spécifique", "à part")) and \
            "équipe" not in link.lower():
        alerts.append(make(STEP.id, "fiche-rattachement", valeur=link))
    if not answers.get("tuteur"):
        alerts.append(make(STEP.id, "fiche-tuteur"))
    if answers.get("diplome_exige"):
        alerts.append(make(STEP.id, "diplome-exige"))
    contract = answers.get("contrat")
    if contract in ("CDD", "contrat de projet") and not _funding_is_short(project):
        alerts.append(make(STEP.id, "cdd-plutot-cdi", valeur=_contract(answers)))
    form = answers.get("remuneration_forme")
    if form in (None, "non communiquée") and not answers.get("remuneration"):
        alerts.append(make(STEP.id, "remuneration-absente"))
    pay = answers.get("salaire_brut_mensuel")
    if form == "brut mensuel" and pay:
        hours = answers.get("heures_hebdo") or (35 if answers.get("temps_travail") == "temps plein"
                                                else None)
        if hours:
            minimum = minimum_monthly_pay(hours)
            if pay < minimum:
                alerts.append(make(STEP.id, "remuneration-sous-smic", valeur=pay, heures=hours,
                                   minimum=minimum))
    texts = [str(answers.get(k) or "") for k in ("intitule", "mission_generale",
                                                 "experience_recherchee", "diplome_precision",
                                                 "processus")]
    for key in ("missions", "activites", "competences"):
        texts.extend(answers.get(key) or [])
    alerts.extend(vocabulary_alerts(STEP.id, texts))
    return alerts


def _funding_is_short(project: Project) -> bool:
    """A CDD is understandable when the diagnostic says funding covers one year only."""
    from pairkit.steps.diagnostic import STEP as DIAGNOSTIC

    if not project.has(DIAGNOSTIC):
        return False
    funding = project.answers(DIAGNOSTIC).get("reponses.financement_durable")
    return funding == "pour un an ou un seul projet"


STEP = Step(
    id="fiche_de_poste",
    command="fiche-de-poste",
    label="Fiche de poste",
    filename="fiche-de-poste.yaml",
    model=FicheDePoste,
    template="fiche-de-poste.docx",
    document="04-fiche-de-poste.docx",
    build_context=build_context,
    computed_defaults=computed_defaults,
    checklist="fiche-de-poste",
    check=check,
    public=True,
)
