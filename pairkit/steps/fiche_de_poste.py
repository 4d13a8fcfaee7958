"""Step 4 — the job description (fiche de poste)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pairkit.models import FrBool, FrDate, StepFile, Text
from pairkit.steps.base import Step, for_display

if TYPE_CHECKING:
    from pairkit.project import Project


class FicheDePoste(StepFile):
    intitule: Text | None = None
    rattachement: Text | None = None
    liens_fonctionnels: Text | None = None
    reunions: FrBool | None = None
    secret_partage: FrBool | None = None
    ecrit_dossiers: FrBool | None = None
    mission_generale: Text | None = None
    missions: list[Text] = []
    activites: list[Text] = []
    experience_recherchee: Text | None = None
    savoir_etre: list[Text] = []
    competences: list[Text] = []
    formation_proposee: Text | None = None
    temps_travail: Text | None = None
    heures_hebdo: int | None = None
    contrat: Text | None = None
    duree_contrat: Text | None = None
    remuneration: Text | None = None
    convention: Text | None = None
    coefficient: Text | None = None
    tuteur: Text | None = None
    analyse_pratiques: FrBool | None = None
    groupe_pairs: FrBool | None = None
    lieu: Text | None = None
    permis: Text | None = None
    deplacements: Text | None = None
    equipement: Text | None = None
    date_prise_poste: FrDate | None = None
    date_limite: FrDate | None = None
    reference: Text | None = None
    candidature: Text | None = None
    processus: Text | None = None


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    from pairkit.steps.cadrage import STEP as CADRAGE

    structure = project.answers(CADRAGE)
    defaults: dict[str, Any] = {}
    if structure.get("ville"):
        defaults["lieu"] = structure["ville"]
    return defaults


def build_context(project: Project) -> dict[str, Any]:
    fiche = for_display(STEP, project.answers(STEP))
    time = fiche.get("temps_travail")
    if time and fiche.get("heures_hebdo"):
        time = f"{time}, {fiche['heures_hebdo']} heures par semaine"
    contract = fiche.get("contrat")
    if contract and fiche.get("duree_contrat"):
        contract = f"{contract} ({fiche['duree_contrat']})"
    fiche["temps_affiche"] = time
    fiche["contrat_affiche"] = contract
    return {"fiche": fiche}


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
)
