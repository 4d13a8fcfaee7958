"""Changing one answer is cheap: straight to it, or picked from the step's answers."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from tests.conftest import docx_text

DOWN, UP, ENTER = "\x1b[B", "\x1b[A", "\r"


def read(path):
    return YAML(typ="safe").load(path.read_text("utf-8"))


def test_modifier_goes_straight_to_one_answer_as_people_type_numbers(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    before = read(project / "fiche-de-poste.yaml")
    pipe.send_text("\x15" + "2 150 €" + ENTER)  # Ctrl-U empties the prefilled answer
    result = cli("modifier", project, "fiche-de-poste", "salaire_brut_mensuel")
    assert result.exit_code == 0, result.output
    after = read(project / "fiche-de-poste.yaml")
    assert after["salaire_brut_mensuel"] == 2150
    assert {k: v for k, v in after.items() if k != "salaire_brut_mensuel"} == \
        {k: v for k, v in before.items() if k != "salaire_brut_mensuel"}
    assert "2\u202f150 € bruts mensuels" in docx_text(project / "documents" / "04-fiche-de-poste.docx")


def test_a_question_made_relevant_is_asked_and_one_made_irrelevant_is_removed(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    pipe.send_text(DOWN + ENTER)          # contrat: CDI → CDD
    pipe.send_text("18 mois" + ENTER)     # duree_contrat, now relevant
    result = cli("modifier", project, "fiche-de-poste", "contrat")
    assert result.exit_code == 0, result.output
    data = read(project / "fiche-de-poste.yaml")
    assert data["contrat"] == "CDD" and data["duree_contrat"] == "18 mois"
    pipe.send_text(UP + ENTER)            # back to CDI
    result = cli("modifier", project, "fiche-de-poste", "contrat")
    assert result.exit_code == 0, result.output
    data = read(project / "fiche-de-poste.yaml")
    assert data["contrat"] == "CDI" and "duree_contrat" not in data  # said in the terminal


def test_a_finished_step_offers_to_change_nothing_and_regenerate(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    before = (project / "plan.yaml").read_bytes()
    pipe.send_text(DOWN + DOWN + ENTER)   # « Rien : régénérer le document »
    result = cli("plan", project)
    assert result.exit_code == 0, result.output
    assert (project / "plan.yaml").read_bytes() == before
    assert (project / "documents" / "07-plan-six-mois.docx").is_file()


def test_a_finished_step_lists_its_answers_to_pick_from(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    pipe.send_text(ENTER)                 # « Modifier certaines réponses »
    # date, période d'essai, contrat, catégorie, prénom, then responsable: the 6th answer.
    pipe.send_text(DOWN * 5 + " " + ENTER)
    pipe.send_text("\x15Sophie Martin, directrice" + ENTER)
    result = cli("plan", project)
    assert result.exit_code == 0, result.output
    assert read(project / "plan.yaml")["responsable"] == "Sophie Martin, directrice"


def test_modifier_names_an_unknown_question_or_step(cli, pipe, example) -> None:
    project = example("chrs-grenoble")
    result = cli("modifier", project, "fiche-de-poste", "salaire")
    assert result.exit_code != 0 and "Question(s) inconnue(s)" in result.output
    result = cli("modifier", project, "fiche", "salaire")
    assert result.exit_code != 0 and "Étape « fiche » inconnue" in result.output


@pytest.mark.parametrize(("typed", "value"), [("1 450", 1450), ("1\u202f450 €", 1450), ("35 h", 35),
                                               ("1450,00", 1450), ("2 150 euros", 2150)])
def test_numbers_as_people_type_them(typed, value) -> None:
    from pairkit.questions.types import parse_int

    assert parse_int(typed) == value


@pytest.mark.parametrize("typed", ["28,5", "beaucoup", "1 450,50 €"])
def test_a_decimal_or_a_word_is_refused_in_french(typed) -> None:
    from pairkit.questions.types import parse_int

    with pytest.raises(ValueError, match="entier"):
        parse_int(typed)


def test_an_existing_structure_name_asks_resume_or_a_new_recruitment(cli, pipe, workdir) -> None:
    import shutil

    from tests.conftest import EXAMPLES

    shutil.copytree(EXAMPLES / "chrs-grenoble", workdir / "chrs-les-tilleuls")
    pipe.send_text("CHRS Les Tilleuls" + ENTER)
    pipe.send_text(DOWN + ENTER)   # « Commencer un nouveau recrutement… »
    pipe.send_text("\x03")         # stop at the next question
    result = cli("new-project")
    assert result.exit_code == 130, result.output
    # The new recruitment sits inside the structure's folder and shares its cadrage: the next
    # question asked was the état des lieux's, not the structure's name again.
    second = workdir / "chrs-les-tilleuls" / "recrutement-2"
    assert not (second / "structure.yaml").exists()
    assert read(second / "recrutement.yaml")["historique"][0]["etat"] == "en-preparation"
    assert "pairkit etat-des-lieux chrs-les-tilleuls/recrutement-2" in result.output  # as typed
    assert read(workdir / "chrs-les-tilleuls" / "structure.yaml")["ville"] == "Grenoble"


@pytest.mark.parametrize(("name", "folder"), [
    ("CON", "con-projet"), ("Nul", "nul-projet"), ("COM1", "com1-projet"),
    ("Foyer Les Lilas. ", "foyer-les-lilas"), ("...", "projet"),
    ("Association " * 30, ("association-" * 5)[:60].strip("-")),
])
def test_folder_names_are_safe_on_windows(name, folder) -> None:
    from pairkit.files.project import slugify

    made = slugify(name)
    assert made == folder
    assert not made.endswith((".", " ")) and len(made) <= 68
