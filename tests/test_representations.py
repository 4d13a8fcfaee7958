"""The representations at work: the two traps, the managers' questions, motivations answered."""

from __future__ import annotations

import shutil

from ruamel.yaml import YAML

from tests.conftest import ROOT, docx_text

V1 = ROOT / "tests" / "fixtures" / "v1" / "caarud-lyon"


def _synthesis(project) -> str:
    return docx_text(project / "documents" / "03-synthese-motivations-craintes.docx")


def test_the_synthesis_shows_each_trap_with_the_teams_words_and_the_platforms_ways(cli, example) -> None:
    project = example("caarud-lyon")
    assert cli("documents", project).exit_code == 0
    text = _synthesis(project)
    representations = text.split("Les représentations du ou de la pair·e", 1)[1]
    assert "Le « messie » — en attendre trop" in representations
    assert "La « petite chose fragile » — en attendre trop peu" in representations
    assert "Qu'il ou elle fasse venir au local les personnes qu'on ne voit plus" in representations
    assert "Ce que l'équipe décide : L'accroche reste le travail de toute l'équipe" in representations
    assert "Selon la plateforme : " in representations and "Pistes proposées par la plateforme" in representations
    # The traps are not listed among the fears any more.
    fears = text.split("Les craintes exprimées", 1)[1].split("Les représentations", 1)[0]
    assert "messie" not in fears


def test_managers_questions_get_the_platforms_answer_and_the_paradox(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    questions = _synthesis(project).split("Les questions de l'encadrement", 1)[1]
    assert "Et si le ou la pair·e est souvent absent·e ?" in questions
    assert "Réponse de la plateforme : Le même cadre que pour toute l'équipe" in questions
    assert "« pas comme les autres » qu'il faut traiter comme les autres" in questions
    assert "dans l'absolu" not in questions or "avant toute situation réelle" in questions


def test_no_managers_question_no_paradox_and_no_representation_section(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "motivations.yaml"
    yaml = YAML()
    data = yaml.load(path.read_text("utf-8"))
    for key in ("representations", "representations_attentes", "representations_decisions",
                "questions_encadrement"):
        del data[key]
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    assert cli("documents", project).exit_code == 0
    text = _synthesis(project)
    assert "Les questions de l'encadrement" not in text and "pas comme les autres" not in text
    assert "Les représentations du ou de la pair·e" not in text


def test_a_motivation_gets_the_platforms_view_both_its_worth_and_its_risk(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("documents", project).exit_code == 0
    motivations = _synthesis(project).split("Ce qui motive l'équipe", 1)[1].split("Les craintes", 1)[0]
    after = motivations.split("Montrer par l'exemple que le rétablissement est possible", 1)[1]
    view = after.split("\n")[1]
    assert view.startswith("Regard de la plateforme : Une belle motivation, et un risque")
    assert "« messie »" in view
    # A motivation without a view of the platform gets none.
    line = motivations.split("Être plus à l'aise avec les personnes", 1)[1].split("\n")
    assert not line[1].startswith("Regard de la plateforme")


def test_a_version_1_file_with_the_messie_as_a_fear_reads_it_as_a_representation(cli, workdir) -> None:
    project = workdir / "v1"
    shutil.copytree(V1, project)
    before = (project / "motivations.yaml").read_bytes()
    assert cli("verifier", project).exit_code == 0
    assert cli("documents", project).exit_code == 0
    assert (project / "motivations.yaml").read_bytes() == before  # read, never rewritten
    text = _synthesis(project)
    assert "Le « messie » — en attendre trop" in text.split("Les représentations du ou de la pair·e")[1]
    assert "Attendre du ou de la pair·e qu'il ou elle règle tout" not in text


def test_a_version_1_file_is_written_in_version_2_when_pairkit_saves_it(cli, pipe, workdir) -> None:
    project = workdir / "v1"
    shutil.copytree(V1, project)
    yaml = YAML(typ="safe")
    data = yaml.load((project / "motivations.yaml").read_text("utf-8"))
    assert data["version_schema"] == 1 and "messie" in data["craintes"]
    pipe.send_text("\x15Cheffe de service et 5 collègues\r")
    assert cli("modifier", project, "motivations", "participants").exit_code == 0
    data = yaml.load((project / "motivations.yaml").read_text("utf-8"))
    assert data["version_schema"] == 2
    assert data["representations"] == ["messie"] and "messie" not in data["craintes"]
    assert data["participants"] == "Cheffe de service et 5 collègues"
    assert data["reponses_equipe"]["charge"].startswith("Un éducateur volontaire")


def test_a_file_of_an_unknown_future_version_is_refused_in_french(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "motivations.yaml"
    path.write_text(path.read_text("utf-8").replace("version_schema: 2", "version_schema: 3"), "utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1
    assert "version de schéma « 3 » inconnue" in result.output and "Mettez pairkit à jour" in result.output
