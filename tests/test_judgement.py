"""The platform's judgement on free text: forbidden interview questions, words in the fiche.

Each rule is tried on what it must catch and on the near-misses it must leave alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pairkit.questions.guard import refusal
from pairkit.questions.lexicon import lexicon
from tests.conftest import edit

GUARD = "questions-interdites"

FORBIDDEN = [
    "Avez-vous déjà été hospitalisé en psychiatrie ?",
    "Quel est votre diagnostic ?",
    "Quelle maladie avez-vous eue ?",
    "Prenez-vous des médicaments ?",
    "Êtes-vous suivi par un psychiatre ?",
    "Touchez-vous l'AAH ou le RSA ?",
    "Avez-vous une reconnaissance de travailleur handicapé ?",
    "Buvez-vous encore de l'alcool ?",
    "Depuis combien de temps êtes-vous abstinente ?",
    "Avez-vous des enfants ?",
    "Êtes-vous enceinte ou avez-vous un projet de grossesse ?",
    "Quelle est votre religion ?",
    "De quelle origine êtes-vous ?",
    "Êtes-vous homosexuel ?",
    "Êtes-vous syndiqué ?",
    "Avez-vous un casier judiciaire ?",
    "Combien de temps avez-vous passé à la rue ?",
    "Racontez-nous votre parcours.",
    "AVEZ-VOUS DEJA ETE HOSPITALISEE ?",
    "Vos hospitalisations ont-elles duré longtemps ?",
]

ALLOWED = [
    "Qu'avez-vous appris de votre parcours que vous pourriez transmettre ?",
    "Racontez-nous une situation où vous avez réussi à créer du lien avec quelqu'un de méfiant.",
    "Comment accompagneriez-vous une personne qui consomme dans l'espace d'accueil ?",
    "Pourquoi avez-vous choisi de postuler ici ?",
    "Comment réagiriez-vous si une personne hébergée vous demandait de garder un secret pour l'équipe ?",
    "Comment transmettriez-vous une information à la cheffe de service ?",
    "Quelles sont vos disponibilités pour les maraudes du soir ?",
    "Comment travaillez-vous avec les partenaires du territoire ?",
]


@pytest.mark.parametrize("question", FORBIDDEN)
def test_a_forbidden_question_is_refused_with_its_reason(question) -> None:
    refused = refusal(GUARD, question)
    assert refused is not None, question
    assert refused.reason and refused.words
    assert "ne peut pas être posée" in refused.message()
    assert refused.advice and refused.advice in refused.message()  # the way to rephrase it


@pytest.mark.parametrize("question", ALLOWED)
def test_a_question_about_experience_as_a_resource_passes(question) -> None:
    assert refusal(GUARD, question) is None, refusal(GUARD, question)


def test_every_catalogue_question_passes() -> None:
    from pairkit.files.checklists import load_checklist

    for item in load_checklist("catalogue-questions-entretien")["elements"]:
        assert refusal(GUARD, item["libelle"]) is None, item["libelle"]


def test_the_word_found_is_quoted_as_written() -> None:
    refused = refusal(GUARD, "Avez-vous été HOSPITALISÉE l'an dernier ?")
    assert refused is not None and refused.words == ("HOSPITALISÉE",)


def _entretiens(project: Path, added: list[str]) -> None:
    path = project / "entretiens.yaml"
    data = YAML().load(path.read_text("utf-8"))
    data["questions_ajoutees"] = added
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)


def test_the_guide_never_prints_a_forbidden_question_as_one_to_ask(cli, example) -> None:
    """Regression: « Avez-vous déjà été hospitalisé en psychiatrie ? » was printed to ask."""
    project = example("chrs-grenoble")
    _entretiens(project, ["Avez-vous déjà été hospitalisé en psychiatrie ?", ALLOWED[0]])
    assert cli("verifier", project).exit_code == 0  # an old file still loads
    assert cli("documents", project).exit_code == 0
    from docx import Document

    guide = Document(str(project / "documents" / "06-guide-entretiens.docx"))
    cells = [cell.text for table in guide.tables for row in table.rows for cell in row.cells]
    assert not any("hospitalisé en psychiatrie" in cell for cell in cells)
    assert ALLOWED[0] in cells
    status = cli("statut", project)
    assert "hospitalisé en psychiatrie" in status.output and "santé" in status.output


def _to_added_questions(pipe) -> None:
    pipe.send_text("\x1b[B\r")  # the step is done: « Tout reprendre »
    for _ in range(4):  # keep the jury (one line), dates, length and chosen questions
        pipe.send_text("\r")


def test_the_prompt_refuses_a_forbidden_question_and_lets_it_be_rephrased(
        cli, pipe, example, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr("pairkit.interview.prompts.say", lambda text, style=None: said.append(text))
    project = example("chrs-grenoble")
    _to_added_questions(pipe)
    pipe.send_text("\x15Avez-vous des enfants ?\r")  # Ctrl-U empties the line first
    pipe.send_text("\r")  # « La reformuler »
    pipe.send_text("\x15Comment travaillez-vous avec les partenaires du territoire ?\r")
    pipe.send_text("\r")  # reponse_candidats kept
    result = cli("entretiens", project)
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((project / "entretiens.yaml").read_text("utf-8"))
    assert data["questions_ajoutees"] == ["Comment travaillez-vous avec les partenaires du territoire ?"]
    # The reason and the advice are said whole, on lines of their own (never cut by the prompt).
    refused = next(text for text in said if "Avez-vous des enfants ?" in text)
    assert "vie familiale" in refused and "Demandez plutôt" in refused


def test_a_refused_question_kept_with_a_reason_is_asked_and_its_reason_shown(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    _to_added_questions(pipe)
    pipe.send_text("\x15Avez-vous un extrait de casier judiciaire ?\r")
    pipe.send_text("\x1b[B" * 3 + "\r")  # « La garder : la loi impose cette vérification »
    pipe.send_text("Vérification de l'article L133-6 pour tout recrutement en CHRS\r")
    pipe.send_text("\r")  # reponse_candidats kept
    result = cli("entretiens", project)
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((project / "entretiens.yaml").read_text("utf-8"))
    assert data["questions_ajoutees"] == ["Avez-vous un extrait de casier judiciaire ?"]
    assert data["questions_gardees"] == {
        "Avez-vous un extrait de casier judiciaire ?": "Vérification de l'article L133-6 pour tout recrutement en CHRS"}
    from docx import Document

    guide = Document(str(project / "documents" / "06-guide-entretiens.docx"))
    cells = [cell.text for table in guide.tables for row in table.rows for cell in row.cells]
    assert "Avez-vous un extrait de casier judiciaire ?" in cells
    status = cli("statut", project)
    assert "Vérification de l'article L133-6" in " ".join(status.output.split())


def test_unsure_and_refused_questions_from_a_file(cli, example) -> None:
    """Under --reponses nobody is asked: a refused question is set aside (never printed to
    ask), an unsure one is kept and shown by statut as a point to check."""
    project = example("chrs-grenoble")
    unsure = "Pouvez-vous nous parler de la maladie psychique ?"
    _entretiens(project, ["Êtes-vous stabilisé·e ?", unsure])
    assert cli("documents", project).exit_code == 0
    from docx import Document

    guide = Document(str(project / "documents" / "06-guide-entretiens.docx"))
    text = " ".join(p.text for p in guide.paragraphs)
    cells = [cell.text for table in guide.tables for row in table.rows for cell in row.cells]
    assert unsure in cells and "stabilisé" not in " ".join(cells) + text
    status = " ".join(cli("statut", project).output.split())
    assert "Question écartée : « Êtes-vous stabilisé·e ? »" in status
    assert "porte peut-être sur la vie privée" in status and unsure in status


@given(st.text(max_size=200))
def test_the_guard_takes_any_text(text) -> None:
    refused = refusal(GUARD, text)
    assert refused is None or all(word in text for word in refused.words)


# --- words in the fiche de poste ----------------------------------------------------------------

def _vocabulary(texts: list[str]) -> list:
    from pairkit.method.alerts import vocabulary_alerts

    return vocabulary_alerts("fiche_de_poste", texts)


@pytest.mark.parametrize("text", [
    "Accueil sans condition d'abstinence",
    "La stabilisation de sa situation est une condition du travail pair.",
    "Aucun diagnostic ne sera demandé.",
    "Une expérience de la rue, dont la personne a pris de la distance",
])
def test_near_misses_raise_nothing(text) -> None:
    assert _vocabulary([text]) == []


def test_every_word_is_reported_as_written() -> None:
    found = _vocabulary(["Personne stabilisée, sans Pathologie ni schizophrénie active"])
    assert len(found) == 1
    assert "« Pathologie », « schizophrénie »" in found[0].reason


@pytest.mark.parametrize(("link", "raised"), [
    ("Le directeur du CHRS", False),
    ("La directrice, comme toute l'équipe", False),
    ("Rattaché·e directement à la direction générale", True),
    ("Une ligne hiérarchique spécifique", True),
    ("La cheffe de service de l'équipe", False),
])
def test_the_reporting_line_rule_and_its_near_misses(cli, example, link, raised) -> None:
    project = example("chrs-grenoble")
    path = project / "fiche-de-poste.yaml"
    data = YAML().load(path.read_text("utf-8"))
    data["rattachement"] = link
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    status = cli("statut", project)
    assert status.exit_code == 0, status.output
    assert (link in status.output) is raised, status.output


def test_the_lexicon_keeps_accents_and_case_in_what_it_quotes() -> None:
    assert lexicon(["hopital", "hopitaux"]).find("À l'Hôpital, puis aux hôpitaux") == ["Hôpital", "hôpitaux"]
    assert lexicon(["rsa$"]).find("RSA et rsap") == ["RSA"]
    assert lexicon(["racont + parcours"]).find("Racontez une situation") == []


def _every_lexicon() -> list[tuple[str, ...]]:
    """The term lists of every family of every method file that has some."""
    from pairkit.files.checklists import load_checklist, step_entries  # noqa: F401
    from pairkit.resources import checklists_dir

    found = []
    for path in sorted(checklists_dir().glob("*.yaml")):
        data = load_checklist(path.stem)
        families = data.get("familles") if isinstance(data, dict) else None
        for family in (families or {}).values():
            if isinstance(family, dict) and family.get("termes"):
                found.append(tuple(str(term) for term in family["termes"]))
    return found


LEXICONS = _every_lexicon()
_PIECES = sorted({piece for terms in LEXICONS for term in terms
                  for piece in term.replace("+", " ").replace("$", " ").split()})


@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6),
                          st.sampled_from([" ", "-", "'", "’", ", ", "É", "é", "œ", "s", "es"])),
                max_size=12),
       st.sampled_from(range(len(LEXICONS))))
def test_the_quick_look_up_never_misses_what_the_search_finds(pieces, which) -> None:
    """The look-up of a text's words may let a text through for nothing, never hide a term."""
    from pairkit.questions.lexicon import _any_term, _may_occur, fold

    terms = LEXICONS[which]
    folded = fold("".join(pieces))[0]
    if _any_term(terms).search(folded):
        assert _may_occur(terms, folded)


def test_the_platform_lexicons_are_looked_up_quickly() -> None:
    """Every term of the method can be looked up by its first word (none falls back)."""
    from pairkit.questions.lexicon import _index

    assert LEXICONS
    assert all(_index(terms) is not None for terms in LEXICONS)


def test_folding_keeps_each_character_s_place() -> None:
    from pairkit.questions.lexicon import fold

    folded, origin = fold("Cœur à l’Hôpital")
    assert folded == "coeur a l'hopital"
    assert [origin[i] for i in (0, 1, 2, 3, 4, 6)] == [0, 1, 1, 2, 3, 5]


@pytest.mark.parametrize(("terms", "text", "found"), [
    (["rsa$"], "Des RSAs, des RSAe", ["RSAs", "RSAe"]),
    (["hospitalis"], "Hospitalisée deux fois", ["Hospitalisée"]),
    (["a la rue"], "Il a vécu À  LA rue", ["À  LA rue"]),
    (["peut-etre"], "peut-être", ["peut-être"]),
    (["racont + parcours"], "Votre parcours ? Racontez.", ["parcours", "Racontez"]),
])
def test_each_kind_of_term_is_still_found(terms, text, found) -> None:
    assert lexicon(terms).find(text) == found


def _kept(project: Path, question: str, reason: str) -> None:
    path = project / "entretiens.yaml"
    data = YAML().load(path.read_text("utf-8"))
    data["questions_ajoutees"] = [question]
    data["questions_gardees"] = {question: reason}
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)


def test_the_guard_names_the_check_the_law_sets_for_the_structure(cli, example) -> None:
    """Issue 25: the guard's legal exception follows the kind of structure. A CHRS checks the
    convictions of CASF L133-6 by its procedure; a chantier d'insertion checks nothing, so no
    written reason keeps a question on the judicial past."""
    from pairkit.files.project import Project
    from pairkit.method import entretiens
    from pairkit.questions.judgement import judge

    question = "Avez-vous déjà été condamnée par un tribunal ?"
    project = example("chrs-grenoble")
    verdict = entretiens.legal_exception(Project(project), judge(GUARD, question))
    assert verdict.outcome == "refusee" and verdict.keepable
    assert "L133-6" in verdict.advice and "par la procédure" in verdict.advice

    _kept(project, question, "Vérification prévue pour tout recrutement")
    edit(project, "structure.yaml", {"type_structure": "Chantier d'insertion"})
    edit(project, "fiche-de-poste.yaml", {"verifications_embauche": None})
    verdict = entretiens.legal_exception(Project(project), judge(GUARD, question))
    assert not verdict.keepable and "aucune vérification" in verdict.advice
    assert cli("documents", project).exit_code == 0
    from docx import Document

    guide = Document(str(project / "documents" / "06-guide-entretiens.docx"))
    cells = [cell.text for table in guide.tables for row in table.rows for cell in row.cells]
    assert question not in cells
    status = " ".join(cli("statut", project).output.split())
    assert question in status and "aucune vérification du passé judiciaire" in status


def test_no_reason_is_offered_where_the_law_checks_nothing(cli, pipe, example, monkeypatch) -> None:
    offered: list[list[str]] = []
    from pairkit.interview import prompts

    real = prompts.ask_choice

    def spy(message: str, choices: list[tuple[str, str]]) -> str:
        offered.append([key for key, _ in choices])
        return real(message, choices)

    monkeypatch.setattr(prompts, "ask_choice", spy)
    project = example("chrs-grenoble")
    edit(project, "structure.yaml", {"type_structure": "Chantier d'insertion"})
    edit(project, "fiche-de-poste.yaml", {"verifications_embauche": None})
    _to_added_questions(pipe)
    pipe.send_text("\x15Avez-vous un casier judiciaire ?\r")
    pipe.send_text("\x1b[B\r")  # « La laisser de côté »
    pipe.send_text("\r")  # reponse_candidats kept
    result = cli("entretiens", project)
    assert result.exit_code == 0, result.output
    assert offered and "justifier" not in offered[-1] and "ecarter" in offered[-1]
