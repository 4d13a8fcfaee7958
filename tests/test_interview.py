"""Interactive interviews through the real questionary prompts (pipe input)."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import docx_text
from tests.full_run import STOP, User

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"

# Keys answering the cadrage in order (see checklists/cadrage.yaml).
CADRAGE_KEYS = [
    "CHRS L'Étoile\r",        # nom
    ENTER,                    # organisme (optional, left empty)
    ENTER,                    # type_structure: first choice, CHRS
    "Grenoble\r",             # ville
    ENTER,                    # departement (optional: « ne pas préciser »)
    ENTER,                    # territoire (optional)
    "40 personnes hébergées\r",  # publics
    "12 personnes\r",         # equipe
    ENTER,                    # pairs_deja_presents: default Non
    ENTER,                    # financement (optional)
    " " + DOWN + " " + ENTER,  # besoins: the first two
    "Pour recréer le lien\r",  # pourquoi_un_pair
    "Claire Morel\r",         # contact: name (its function left empty, on the same line)
    ENTER,                    # accompagnant (no name in the settings)
]


def _scripted(pipe, monkeypatch, script: dict) -> User:  # type: ignore[no-untyped-def]
    from pairkit.interview import prompts

    user = User(pipe, prompts._ASKER, script)
    monkeypatch.setattr(prompts, "_ASKER", user)
    return user


def read(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def test_new_project_cadrage_through_prompts_then_stop(cli, pipe, workdir) -> None:
    import datetime as dt

    for key in CADRAGE_KEYS:
        pipe.send_text(key)
    pipe.send_text(CTRL_C)  # at the état des lieux's first question: stop, nothing lost
    result = cli("new-project", "projet")
    assert result.exit_code == 130, result.output
    data = read(workdir / "projet" / "structure.yaml")
    assert data["nom"] == "CHRS L'Étoile"
    assert data["type_structure"] == "CHRS"
    assert data["secteur"] == "hebergement-logement"  # a CHRS's sector: taken, not asked
    assert data["pairs_deja_presents"] == "non"
    assert data["besoins"] == ["accroche", "aller-vers"]
    assert data["contact_nom"] == "Claire Morel" and "contact_fonction" not in data
    assert data["date_debut"] == dt.date.today()  # the cadrage's own day
    assert "organisme" not in data  # not given, not invented
    note = docx_text(workdir / "projet" / "documents" / "01-note-d-intention.docx")
    assert "CHRS L'Étoile" in note and "Pour recréer le lien" in note
    assert not (workdir / "projet" / "diagnostic.yaml").exists()


def test_ctrl_c_keeps_every_answer_given_and_says_how_to_resume(cli, pipe, workdir) -> None:
    for key in CADRAGE_KEYS[:5]:
        pipe.send_text(key)
    pipe.send_text(CTRL_C)
    result = cli("new-project", "projet")
    assert result.exit_code == 130
    assert "6 réponse(s) enregistrée(s)" in result.output  # five typed, the sector taken from the type
    assert "pairkit new-project" in result.output
    data = read(workdir / "projet" / "structure.yaml")
    assert data["nom"] == "CHRS L'Étoile" and data["ville"] == "Grenoble"
    assert data["version_schema"] == 2


def test_resume_offers_recorded_answers_as_defaults(cli, pipe, workdir, monkeypatch) -> None:
    project = workdir / "projet"
    project.mkdir()
    (project / "structure.yaml").write_text(
        "version_schema: 1\n# écrit à la main\nnom: CHRS L'Étoile   # nom officiel\nville: Grenoble\n",
        encoding="utf-8",
    )
    # Enter on every question keeps what is recorded; only missing answers are typed.
    _scripted(pipe, monkeypatch, {"quels publics": "40 personnes", "comment l'équipe": "12 personnes",
                                  "à quels besoins": ["accrocher"], "pourquoi un·e": "Pour le lien",
                                  "personne qui porte": "Claire", "le besoin auquel": STOP})
    result = cli("new-project", project)
    assert result.exit_code == 130, result.output  # stopped at the état des lieux
    text = (project / "structure.yaml").read_text("utf-8")
    assert "# écrit à la main" in text and "# nom officiel" in text  # comments survive
    data = read(project / "structure.yaml")
    assert data["nom"] == "CHRS L'Étoile"
    assert data["ville"] == "Grenoble"
    assert data["publics"] == "40 personnes"


def test_info_coll_total_outside_range_asks_durations_again(cli, pipe, example, monkeypatch) -> None:
    project = example("chrs-grenoble")
    (project / "info-coll.yaml").unlink()
    # Date and hour on one line; the manager and the platform taken from the cadrage; the four
    # durations on one line: 40 minutes are refused, then 1 h 40 accepted.
    user = _scripted(pipe, monkeypatch, {"date et heure": "15/04/2026 ; 14h",
                                         "adresse du lieu": "12 rue des Alliés",
                                         "membre de l'équipe": "Karim B.",
                                         "durée de chacun": ("10 ; 10 ; 10 ; 10", "20 ; 20 ; 25 ; 35")})
    result = cli("info-coll", project)
    assert result.exit_code == 0, result.output
    data = read(project / "info-coll.yaml")
    assert data["heure"] == "14:00"
    durations = [data[k] for k in ("duree_structure", "duree_organisation", "duree_plateforme",
                                   "duree_questions")]
    assert durations == [20, 20, 25, 35]
    assert data["cadre"] == "Claire Morel, cheffe de service"
    assert sum(m.startswith("Durée de chacun") for m in user.asked) == 2  # asked again once
    assert not any(m.startswith("Cadre de la structure") for m in user.asked)  # taken over
    assert "1\u00a0h\u00a040" in docx_text(project / "documents" / "05-information-collective.docx")


def test_motivations_pairs_each_fear_with_the_team_answer(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    (project / "motivations.yaml").unlink()
    keys = ["03/02/2026 ; 8 personnes\r",   # date and participants, one line
            " " + ENTER,                      # motivations: the first of the catalogue
            ENTER,                            # no other motivation
            " " + ENTER,                      # fears: « remplacement »
            "Peur de mal faire\r",            # a fear in the team's own words
            "On écrit la complémentarité\r",  # team's answer to « remplacement »
            ENTER,                            # no answer yet to the free-text fear
            " " + ENTER,                      # representations: « messie »
            "Qu'elle règle tout\r",           # the team's expectations that lean that way
            ENTER,                            # nothing decided yet about it
            DOWN + " " + ENTER,               # managers' questions: the second
            ENTER,                            # none in their own words
            "Écrire la fiche ensemble ; Ouvrir l'analyse de pratiques\r",
            ENTER]
    for key in keys:
        pipe.send_text(key)
    result = cli("motivations", project)
    assert result.exit_code == 0, result.output
    data = read(project / "motivations.yaml")
    assert data["craintes"] == ["remplacement"]
    assert data["craintes_autres"] == ["Peur de mal faire"]
    assert data["reponses_equipe"] == {"remplacement": "On écrit la complémentarité"}
    assert data["engagements"] == ["Écrire la fiche ensemble", "Ouvrir l'analyse de pratiques"]
    assert data["representations"] == ["messie"]
    assert data["representations_attentes"] == {"messie": "Qu'elle règle tout"}
    assert "representations_decisions" not in data or not data["representations_decisions"]
    assert data["questions_encadrement"] == ["consommations"]
    text = docx_text(project / "documents" / "03-synthese-motivations-craintes.docx")
    assert "Les attentes de l'équipe qui penchent de ce côté : Qu'elle règle tout" in text
    assert "Ce que l'équipe décide : On écrit la complémentarité" in text
    assert "Peur de mal faire" in text
    assert "Écrire noir sur blanc la complémentarité" in text


def test_list_question_offers_sector_suggestions_then_free_text(pipe) -> None:
    from pairkit.interview import prompts
    from pairkit.questions.model import Question

    question = Question.model_validate({"nom": "missions", "type": "liste", "question": "Missions",
                                        "suggestions": "catalogue-missions"})
    pipe.send_text(DOWN + " " + ENTER)  # tick the second suggestion
    pipe.send_text(" ; Animer le conseil de vie sociale\r")  # appended to the pre-filled text
    value = prompts.ask(question, ["Ancienne mission"], ["Aller vers", "Accueillir", "Orienter"])
    assert value == ["Accueillir", "Ancienne mission", "Animer le conseil de vie sociale"]


def test_fiche_de_poste_interview_end_to_end_through_prompts(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    (project / "fiche-de-poste.yaml").unlink()
    keys = [
        ENTER, ENTER, ENTER,                    # type de poste, intitulé, pas de précisions facultatives
        "Cheffe de service\r",                  # rattachement
        # réunions, secret partagé, dossiers: taken from the état des lieux (not asked)
        ENTER,                                  # ce que la fiche affirme : les recommandations cochées
        ENTER,                                  # mission générale proposée
        " " + ENTER, "Animer des temps collectifs\r",   # missions : 1re suggestion + une autre
        ENTER, "Visites à domicile\r",          # activités : aucune suggestion, une à nous
        " " + ENTER,                            # expériences : la rue (les mots ensuite)
        "Une expérience de la rue dont la personne a pris de la distance\r",
        " " + ENTER, ENTER,                     # savoir-être : le 1er coché ; pas d'autre compétence
        ENTER, ENTER,                           # pas de diplôme exigé ; pas de formation
        "CDI ; ; 35\r",                         # le contrat : type ; durée ; heures (temps plein déduit)
        DOWN + ENTER, "1950\r",                 # salaire brut mensuel (sous « pas encore décidé »)
        ENTER,                                  # convention et coefficient non précisés (une ligne)
        ENTER,                                  # diplômes et ancienneté reconnus (proposé)
        "Karim B.\r",                           # tuteur ; analyse de pratiques, groupe de pairs : repris
        ENTER, ENTER, ENTER,                    # lieu proposé, permis non précisé, équipement
        ENTER,                                  # les dates : aucune
        "Par courriel à rh@exemple.org\r",
        ENTER,                                  # vérifications à l'embauche : proposées (CHRS)
        ENTER,
    ]
    for key in keys:
        pipe.send_text(key)
    result = cli("fiche-de-poste", project)
    assert result.exit_code == 0, result.output
    data = read(project / "fiche-de-poste.yaml")
    assert data["missions"] == ["Créer et maintenir le lien avec les personnes hébergées ou logées",
                                "Animer des temps collectifs"]
    assert data["activites"] == ["Visites à domicile"]
    assert data["experiences"] == ["rue"]
    assert data["savoir_etre"] == ["empathie"]  # nothing ticked in advance: the one chosen
    assert data["salaire_brut_mensuel"] == 1950 and data["lieu"] == "Grenoble"
    assert data["qualifications_reconnues"] == "oui"
    assert "convention" not in data and "chiffres_cles" not in data
    assert data["precisions"] == "non"
    fiche = docx_text(project / "documents" / "04-fiche-de-poste.docx")
    assert "Une expérience vécue de la rue ou de la grande précarité." in fiche
    assert "1\u202f950 € bruts mensuels" in fiche
    # A CHRS is a social establishment: the check of CASF L133-6, proposed from the cadrage.
    assert data["verifications_embauche"] == "essms"
    assert "Vérifications à l'embauche : Comme pour tout recrutement dans un établissement social" in fiche


def test_entretiens_and_plan_interviews_through_prompts(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    for name in ("entretiens.yaml", "plan.yaml"):
        (project / name).unlink()
    for key in ["Claire Morel ; Karim B.\r",  # the jury: no peer from elsewhere
                ENTER, ENTER, ENTER,
                "Que feriez-vous face à un refus d'aide ?\r", ENTER]:
        pipe.send_text(key)
    result = cli("entretiens", project)
    assert result.exit_code == 0, result.output
    data = read(project / "entretiens.yaml")
    assert data["duree"] == 45 and len(data["questions"]) == 8
    assert "jury-sans-pair" not in result.output and "pair·e d'une autre structure" in result.output
    # Date, manager, tutor and platform taken from the fiche and the cadrage; période d'essai
    # (left unsaid), pair, souhaits, points, follow-up after six months (the recommended point
    # with the platform, offered ticked)
    for key in [ENTER, ENTER, "Se présenter aux résident·es\r", ENTER, ENTER]:
        pipe.send_text(key)
    result = cli("plan", project)
    assert result.exit_code == 0, result.output
    plan = read(project / "plan.yaml")
    assert str(plan["date_prise_poste"]) == "2026-05-04"  # offered from the fiche de poste
    assert plan["tuteur"] == "Karim B., éducateur spécialisé"
    assert plan["souhaits_pair"] == ["Se présenter aux résident·es"]
    assert plan["suivi_apres_six_mois"] == ["pair-plateforme"]
