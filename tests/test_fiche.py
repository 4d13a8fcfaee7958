"""The fiche de poste can say everything real postings say — and never what it was not told."""

from __future__ import annotations

import pytest

from tests.conftest import docx_text, edit

FICHE = "04-fiche-de-poste.docx"

ITEMS = [
    ("free inclusive title", {"intitule": "Accompagnant·e pair·e en santé mentale"},
     ["Accompagnant·e pair·e en santé mentale"]),
    ("employer key figures", {"chiffres_cles": "62 places, 14 salarié·es"},
     ["Chiffres clés : 62 places, 14 salarié·es", "CHRS Les Tilleuls, gérée par"]),  # type not repeated
    ("CDI", {"contrat": "CDI"}, ["Contrat\nCDI"]),
    ("CDD with length", {"contrat": "CDD", "duree_contrat": "18 mois"}, ["CDD (18 mois)"]),
    ("civil-service post", {"contrat": "fonction publique", "categorie_fp": "C"},
     ["Poste de la fonction publique ouvert aux contractuel·les, catégorie C"]),
    ("CDDI insertion contract", {"contrat": "CDDI", "duree_contrat": "parcours de 24 mois",
                                 "parcours_insertion": "Accompagnement socio-professionnel hebdomadaire"},
     ["CDDI, contrat à durée déterminée d'insertion (parcours de 24 mois)",
      "Accompagnement socio-professionnel hebdomadaire"]),
    ("dated project contract", {"contrat": "contrat de projet", "fin_projet": "2027-12-31"},
     ["Contrat lié à un projet, jusqu'au 31 décembre 2027"]),
    ("full time with training hours", {"temps_travail": "temps plein", "heures_hebdo": 35,
                                       "heures_formation": 4},
     ["temps plein, 35 heures par semaine, dont 4 heures de formation"]),
    ("part time to agree", {"temps_travail": "temps partiel", "heures_hebdo": None,
                            "quotite_a_convenir": "oui"},
     ["temps partiel, quotité à convenir avec la personne"]),
    ("gross monthly pay", {"salaire_brut_mensuel": 2150}, ["2\u202f150 € bruts mensuels"]),
    ("grid and IFSE", {"remuneration_forme": "grille", "salaire_brut_mensuel": None,
                       "grille": "Grille des adjoints d'animation + IFSE"},
     ["Grille des adjoints d'animation + IFSE"]),
    ("collective agreement with coefficient", {"remuneration_forme": "convention",
                                               "salaire_brut_mensuel": None,
                                               "coefficient": "coefficient 434"},
     ["selon la CCN du 15 mars 1966 (IDCC 0413), coefficient 434"]),
    ("pay not communicated", {"remuneration_forme": "non communiquée", "salaire_brut_mensuel": None},
     ["Rémunération\nnon communiquée"]),
    ("place, territory, several sites", {"lieu": "Grenoble centre", "territoire_poste": "Sud Isère",
                                         "sites": ["Accueil de jour", "Pension de famille"]},
     ["Grenoble centre", "Territoire\nSud Isère", "Accueil de jour ; Pension de famille"]),
    ("licence required", {"permis": "exigé"}, ["Permis B\nexigé"]),
    ("licence an asset", {"permis": "atout"}, ["Permis B\natout"]),
    ("travel and remote work", {"deplacements": "Tout le département",
                                "teletravail": "Un jour par semaine possible"},
     ["Tout le département", "Un jour par semaine possible"]),
    ("training offered in job", {"formation_proposee": "Licence de médiateur de santé pair en alternance"},
     ["Formation proposée en poste : Licence de médiateur de santé pair en alternance"]),
    ("several kinds of lived experience", {"experiences": ["rue", "psychique", "migration"]},
     ["Une expérience vécue de la rue ou de la grande précarité, des troubles psychiques et du "
      "rétablissement, ou de la migration ou de l'exil."]),
    ("peer as full colleague", {}, ["collègue à part entière", "n'en remplace aucun"]),
    ("team being built", {"equipe_en_construction": "oui"}, ["L'équipe est en cours de constitution"]),
    ("two peers sharing the post", {"binome_pairs": "oui"}, ["partagé entre deux pair·es"]),
    ("other peers already there (from the cadrage)", {}, []),
    ("reference approaches", {"approches": ["rétablissement", "logement d'abord"]},
     ["Approches de référence : rétablissement, logement d'abord."]),
    ("missions and activities kept apart", {"missions": ["Mission A"], "activites": ["Activité B"]},
     ["Missions\nMission A\nActivités concrètes\nActivité B"]),
    ("institutional missions", {"missions_institutionnelles": ["Participer au projet de service"]},
     ["Missions institutionnelles", "Participer au projet de service"]),
    ("peer-specific support", {"soutien_specifique": "Une heure par semaine avec la plateforme"},
     ["Une heure par semaine avec la plateforme"]),
    ("hierarchical and functional links", {"rattachement": "Le chef de service",
                                           "liens_fonctionnels": "L'infirmière coordinatrice"},
     ["Responsable hiérarchique : Le chef de service", "Liens fonctionnels : L'infirmière coordinatrice"]),
    ("disability commitment", {"engagement_handicap": "oui"},
     ["La structure s'engage pour l'emploi des personnes en situation de handicap."]),
    ("diversity commitment", {"engagement_diversite": "oui"},
     ["La structure s'engage pour la diversité de ses recrutements."]),
    ("post context", {"contexte_financement": "Appel à projets DIHAL 2026-2028"},
     ["Contexte : Appel à projets DIHAL 2026-2028"]),
    ("application calendar", {"calendrier": "Info coll le 3 juin, entretiens le 12 juin",
                              "date_limite": "2026-05-29"},
     ["Calendrier : Info coll le 3 juin, entretiens le 12 juin", "Date limite : 29 mai 2026"]),
    ("definitions box", {"definitions": "oui"}, ["Définitions", "Savoir d'expérience :"]),
    ("post for peer work (referent)", {"type_poste": "referent", "intitule": "Référent·e travail pair"},
     ["il n'est pas lui-même un poste de pair·e"]),
    ("linguistic or intercultural dimension", {"langues": ["arabe", "tigrigna"]},
     ["Langues : arabe, tigrigna"]),
    ("employer benefits", {"avantages": ["Mutuelle prise en charge à 60 %"]},
     ["Avantages", "Mutuelle prise en charge à 60 %"]),
    ("atypical hours", {"horaires": "Astreinte un week-end par mois"},
     ["Horaires\nAstreinte un week-end par mois"]),
    ("recruitment process with a peer in the jury", {}, ["si possible, d'un·e pair·e d'une autre structure"]),
    ("separation of care and employment", {"separation_soin_emploi": "oui"},
     ["ne sera ni accompagnée ni soignée par le service qui l'emploie"]),
    # Issue « Documents that say only what the structure said »: nothing lost, nothing forced.
    ("start as soon as possible", {"date_prise_poste": "dès que possible"},
     ["Prise de poste\ndès que possible"]),
    ("start in a month", {"date_prise_poste": "juillet 2026"}, ["Prise de poste\njuillet 2026"]),
    ("project contract without an exact end", {"contrat": "contrat de projet", "fin_projet": "fin 2027"},
     ["Contrat lié à un projet (fin 2027)"]),
    ("civil-service post said in full", {"contrat": "fonction publique", "categorie_fp": "B",
                                         "precisions_fp": "poste permanent, cadre d'emplois des "
                                         "assistants socio-éducatifs, ouvert aux contractuel·les "
                                         "en CDD de 3 ans"},
     ["Poste de la fonction publique ouvert aux contractuel·les, catégorie B, poste permanent, "
      "cadre d'emplois des assistants socio-éducatifs, ouvert aux contractuel·les en CDD de 3 ans"]),
    ("a coefficient without an agreement is kept", {"remuneration_forme": "convention",
                                                     "salaire_brut_mensuel": None, "convention": None,
                                                     "coefficient": "coefficient 411"},
     ["Rémunération\ncoefficient 411"]),
    ("a coefficient beside a monthly pay is kept", {"coefficient": "coefficient 434", "convention": None},
     ["Coefficient, grille\ncoefficient 434"]),
    ("the title keeps its case", {"intitule": "Médiateur santé-pair (H/F) DALO/DAHO"},
     ["Médiateur santé-pair (H/F) DALO/DAHO", "La personne recrutée est un·e collègue à part entière"]),
    ("the employer's own definitions", {"definitions": "non",
                                        "definitions_structure": ["DALO : droit au logement opposable"]},
     ["Définitions", "DALO : droit au logement opposable"]),
    ("a publication date", {"date_publication": "2026-03-02"}, ["Publiée le 2 mars 2026"]),
    ("savoir-être in the employer's words", {"savoir_etre": ["empathie", "humour"]}, ["Humour"]),
    ("deontology: shared secrecy, chosen disclosure", {"secret_partage": "oui"},
     ["Partage le secret professionnel", "choisit ce qu'elle partage de son parcours"]),
]


@pytest.mark.parametrize(("label", "changes", "expected"), ITEMS, ids=[i[0] for i in ITEMS])
def test_fiche_expresses(cli, example, label, changes, expected) -> None:
    project = example("chrs-grenoble")
    if label == "recruitment process with a peer in the jury":
        changes = {"processus": "Information collective, puis entretien avec un jury composé d'un·e "
                                "cadre, d'un·e collègue et, si possible, d'un·e pair·e d'une autre structure."}
    if label == "other peers already there (from the cadrage)":
        edit(project, "structure.yaml", {"pairs_deja_presents": "oui"})
        expected = ["D'autres travailleur·ses pair·es font déjà partie de l'équipe."]
    edit(project, "fiche-de-poste.yaml", changes)
    result = cli("documents", project)
    assert result.exit_code == 0, result.output
    text = docx_text(project / "documents" / FICHE)
    for piece in expected:
        assert piece in text, piece


MINIMAL = """version_schema: 1
type_poste: pair
intitule: Travailleur·se pair·e
rattachement: La cheffe de service
reunions: oui
secret_partage: oui
ecrit_dossiers: oui
mission_generale: Accompagner les personnes.
missions: [Aller vers]
activites: [Maraudes]
experience_recherchee: Une expérience de la rue.
savoir_etre: [empathie]
contrat: CDI
temps_travail: temps plein
remuneration_forme: non communiquée
analyse_pratiques: oui
groupe_pairs: oui
lieu: Grenoble
permis: non demandé
candidature: Par courriel
"""


def test_empty_fields_are_never_invented(cli, example) -> None:
    project = example("chrs-grenoble")
    (project / "fiche-de-poste.yaml").write_text(MINIMAL, encoding="utf-8")
    assert cli("verifier", project).exit_code == 0
    assert cli("documents", project).exit_code == 0
    text = docx_text(project / "documents" / FICHE)
    for absent in ("Chiffres clés", "Langues", "Télétravail", "Avantages", "Horaires",
                   "Territoire", "Autres sites", "Définitions", "Référence", "Date limite",
                   "Calendrier", "Liens fonctionnels", "Formation proposée", "Convention collective",
                   "Coefficient", "Équipement", "Déplacements", "Prise de poste", "Tuteur·rice dans",
                   "Contexte", "handicap", "Approches", "€", "binôme",
                   "en cours de constitution", "Missions institutionnelles", "Parcours d'insertion",
                   # Regression: these were printed whatever was answered. A file that does not
                   # give them (an old project, a --reponses file) says nothing of them.
                   "Aucun diplôme", "collègue à part entière", "n'en remplace aucun",
                   "choisit ce qu'elle partage", "six premiers mois", "ni soignée", "diversité",
                   "Publiée le"):
        assert absent not in text, absent


def test_the_type_of_structure_is_not_repeated_after_its_name(cli, example) -> None:
    """Regression: « Pension de famille Les Alizés (Pension de famille) »."""
    project = example("chrs-grenoble")
    edit(project, "structure.yaml", {"nom": "Pension de famille Les Alizés",
                                     "type_structure": "Pension de famille"})
    assert cli("documents", project).exit_code == 0
    text = docx_text(project / "documents" / FICHE)
    assert "Pension de famille Les Alizés, gérée par" in text
    assert "(Pension de famille)" not in text
