"""A whole accompaniment through the real prompts, counted (issue « A full run in 90
questions »): a day centre in Saint-Étienne recruits a peer on a 21-hour, 12-month CDD."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import docx_text
from tests.full_run import User

SCENARIO = {
    # cadrage
    "nom de la structure": "Accueil de jour Le Relais",
    "type de structure": "Accueil de jour",
    "ville où se trouve": "Saint-Étienne",
    "département de la structure": "Loire",
    "quels publics": "Une quarantaine de personnes sans domicile accueillies chaque jour.",
    "comment l'équipe est-elle composée": "Six personnes : une cheffe de service, quatre travailleur·ses sociaux·ales, une infirmière.",
    "à quels besoins": ["aller"],
    "pourquoi un·e travailleur·se pair·e": "Rejoindre les personnes qui ne viennent plus à l'accueil.",
    "personne qui porte le projet": "Inès Morin ; cheffe de service",
    # état des lieux: the structure is ready
    "l'équipe et le projet": ["informée et consultée", "exprimer ses craintes", "volontaire"],
    "la place du ou de la pair·e": ["même responsable", "mêmes réunions", "secret partagé",
                                    "l'écriture dans les dossiers", "son avis", "autonomie", "véritable intitulé"],
    "les conditions du poste": ["vraie grille", "un bureau", "analyse de pratiques", "groupe de pair·es"],
    "qu'est-ce qui conduit à créer ce poste": "savoir d'expérience",
    "l'approche orientée rétablissement": "pratiquée au quotidien",
    "la réduction des risques est-elle pratiquée": "pratiquée au quotidien",
    "l'aller-vers est-il pratiqué": "pratiqué au quotidien",
    "le financement du poste est-il assuré": "pour plusieurs années",
    "le ou la pair·e pourrait-il·elle avoir été": "non",
    "au vu de cet état des lieux": "prête",
    # motivations et craintes
    "l'atelier avec l'équipe": "10/03/2026 ; La cheffe de service et quatre travailleur·ses sociaux·ales",
    "motivations exprimées par l'équipe": ["accrocher"],
    "craintes exprimées par l'équipe": ["remplacé"],
    "ce que l'équipe décide face à la crainte": "Le poste s'ajoute à l'équipe.",
    # fiche de poste
    "responsable hiérarchique (n+1)": "Inès Morin, cheffe de service",
    "missions principales — autres": "Aller vers les personnes qui ne viennent plus",
    "activités concrètes": "Maraudes en binôme",
    "activités concrètes — autres": "Maraudes en binôme",
    "le contrat — type": "CDD ; 12 mois ; 21",
    "moins de 24 heures par semaine": "demande écrite",
    "comment la rémunération est-elle indiquée": "brut",
    "salaire brut mensuel": "1300",
    "tuteur·rice ou référent·e dans l'équipe (fonction)": "Paul R., éducateur spécialisé",
    "les dates —": "01/06/2026 ; 01/04/2026 ; 30/04/2026",
    "comment candidater": "Par courriel à recrutement@relais.example.org",
    # information collective
    "date et heure de début": "22/04/2026 ; 14:00",
    "adresse du lieu": "3 rue du Relais, Saint-Étienne",
    "membre de l'équipe présent·e": "Paul R., éducateur spécialisé",
    # entretiens
    "le jury —": "Inès Morin, cheffe de service ; Paul R., éducateur spécialisé ;",
    # plan
    "date de prise de poste du ou de la pair·e": "01/06/2026",
    "la période d'essai prévue au contrat": "maximale",
    "le contrat, pour calculer": "CDD",
    "durée du cdd (en mois)": "12",
    "responsable hiérarchique (prénom, nom, fonction)": "Inès Morin, cheffe de service",
    "tuteur·rice ou référent·e dans l'équipe": "Paul R., éducateur spécialisé",
}

STEPS = [("new-project", "cadrage, état des lieux, motivations"), ("fiche-de-poste", "fiche de poste"),
         ("info-coll", "information collective"), ("entretiens", "entretiens"), ("plan", "plan")]


def test_a_full_run_asks_at_most_90_questions(cli, pipe, workdir, monkeypatch, capsys) -> None:
    from pairkit.interview import prompts
    from pairkit.resources import config_file

    # The consultant wrote their name once in the settings (README): never asked again.
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("accompagnant: Élise Martin\n", encoding="utf-8")

    user = User(pipe, prompts._ASKER, SCENARIO)
    monkeypatch.setattr(prompts, "_ASKER", user)
    project = workdir / "relais"
    counts = {}
    for command, label in STEPS:
        before = len(user.asked)
        result = cli(command, project)
        assert result.exit_code == 0, (command, result.output, repr(result.exception), user.asked[-3:])
        counts[label] = len(user.asked) - before
    total = len(user.asked)
    with capsys.disabled():
        print(f"\nQuestions posées : {total} ({counts})")
        if total > 90:
            print("\n".join(f"  {n:3} {m[:100]}" for n, m in enumerate(user.asked, 1)))
    assert total <= 90, (total, counts, user.asked)
    # Each answer asked once, and taken over where an earlier step gave it.
    structure, fiche_file = _read(project / "structure.yaml"), _read(project / "fiche-de-poste.yaml")
    assert (structure["secteur"], structure["accompagnant"]) == ("hebergement-logement", "Élise Martin")
    assert (structure["contact_nom"], structure["contact_fonction"]) == ("Inès Morin", "cheffe de service")
    assert fiche_file["reunions"] == "oui" and fiche_file["groupe_pairs"] == "oui"  # from the état des lieux
    assert (fiche_file["contrat"], fiche_file["duree_contrat"], fiche_file["heures_hebdo"],
            fiche_file["temps_travail"]) == ("CDD", "12 mois", 21, "temps partiel")
    session = _read(project / "info-coll.yaml")
    assert (session["cadre"], session["intervenant_plateforme"]) == ("Inès Morin, cheffe de service",
                                                                     "Élise Martin")
    assert (session["duree_structure"], session["duree_questions"]) == (20, 35)
    plan = _read(project / "plan.yaml")
    assert (str(plan["date_prise_poste"]), plan["contrat_essai"], plan["duree_cdd_mois"]) == \
        ("2026-06-01", "CDD", 12)
    assert (plan["responsable"], plan["tuteur"], plan["referent_plateforme"]) == (
        "Inès Morin, cheffe de service", "Paul R., éducateur spécialisé", "Élise Martin")
    # The same documents as a run that asks everything.
    fiche = docx_text(project / "documents" / "04-fiche-de-poste.docx")
    assert "CDD (12 mois)" in fiche and "21 h" in fiche
    assert "Participe aux réunions d'équipe et aux synthèses" in fiche
    for name in ("01-note-d-intention", "02-rapport-de-preparation", "03-synthese-motivations-craintes",
                 "05-information-collective", "06-guide-entretiens", "07-plan-six-mois"):
        assert (project / "documents" / f"{name}.docx").is_file(), name
    assert "Inès Morin, cheffe de service" in docx_text(project / "documents" / "06-guide-entretiens.docx")


def _read(path):  # type: ignore[no-untyped-def]
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text("utf-8"))


def test_a_person_s_field_is_never_prefilled_with_a_sentence(cli, pipe, example, monkeypatch) -> None:
    """The plan asks the manager's name when the fiche says « La cheffe de service… »: a
    sentence is neither taken over nor proposed; a name is taken over."""
    from pairkit.interview import prompts
    from tests.conftest import edit

    project = example("chrs-grenoble")
    (project / "plan.yaml").unlink()
    edit(project, "fiche-de-poste.yaml", {"rattachement": "La cheffe de service du CHRS"})
    user = User(pipe, prompts._ASKER, {"responsable hiérarchique (prénom": "Claire Morel, cheffe de service",
                                        "la période d'essai": "pas de période"})
    monkeypatch.setattr(prompts, "_ASKER", user)
    result = cli("plan", project)
    assert result.exit_code == 0, result.output
    asked = [m for m in user.asked if m.startswith("Responsable hiérarchique")]
    assert asked and user.defaults[asked[0]] == ""
    assert not any(m.startswith("Tuteur") for m in user.asked)  # « Karim B., … » is a name: taken
    assert _read(project / "plan.yaml")["responsable"] == "Claire Morel, cheffe de service"


def test_a_further_recruitment_inherits_the_structure_s_etat_des_lieux(cli, pipe, example,
                                                                      monkeypatch) -> None:
    """The team's practices are the structure's: a second post asks only what may differ."""
    from pairkit.interview import prompts
    from tests.full_run import STOP

    project = example("chrs-grenoble")
    user = User(pipe, prompts._ASKER, {"qu'est-ce qui conduit": "savoir d'expérience",
                                        "le financement du poste": "de façon pérenne",
                                        "le ou la pair·e pourrait": "non",
                                        "au vu de cet état des lieux": "prête",
                                        "date de l'atelier": STOP, "passer à l'étape": "non"})
    monkeypatch.setattr(prompts, "_ASKER", user)
    result = cli("nouveau-recrutement", project, "--intitule", "second poste")
    assert result.exit_code == 0, result.output
    assert "Repris de l'état des lieux de la structure" in " ".join(result.output.split())
    second = _read(project / "second-poste" / "diagnostic.yaml")["reponses"]
    first = _read(project / "diagnostic.yaml")["reponses"]
    for name in ("retablissement", "reduction_des_risques", "aller_vers", "analyse_pratiques", "groupe_pairs"):
        assert second[name] == first[name], name
    asked = " ".join(user.asked)
    assert "rétablissement est-elle pratiquée" not in asked and "aller-vers est-il pratiqué" not in asked
    assert "Qu'est-ce qui conduit à créer ce poste" in asked  # the post's own
    assert len(user.asked) <= 12, user.asked
    print(f"\nÉtat des lieux d'un second recrutement : {len(user.asked)} questions")


@given(st.text(max_size=80))
def test_a_name_is_recognised_from_any_text_without_failing(text: str) -> None:
    from pairkit.questions.model import looks_like_a_name

    found = looks_like_a_name(text)
    assert isinstance(found, bool)
    if found:
        assert text.strip()[:1].isupper()


@given(st.sampled_from(["La", "Le", "Les", "Une", "Cheffe", "Responsable"]), st.text(max_size=40))
def test_a_sentence_about_a_function_is_never_a_name(first: str, rest: str) -> None:
    from pairkit.questions.model import looks_like_a_name

    assert not looks_like_a_name(f"{first} {rest}")


@given(st.text(max_size=60))
def test_a_line_of_parts_accepts_or_refuses_any_text_in_french(text: str) -> None:
    """What a consultant types on a shared screen is checked part by part: True, or a French
    reason; never an exception."""
    from pairkit.questions.model import load_step_content
    from pairkit.questions.types import type_of

    questions = [q for q in load_step_content("fiche-de-poste").questions if q.screen and "contrat" in q.screen]
    pieces = [p.strip() for p in text.split(";")] + [""] * 3
    for question, piece in zip(questions, pieces, strict=False):
        verdict = type_of(question).check_typed(question, piece)
        assert verdict is True or (isinstance(verdict, str) and verdict)
