"""The method is data: a question added to a checklist needs no code, the platform's own copy
of the checklists overrides the bundled one, `pairkit methode` exports and checks that copy."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT, docx_text

ENTER = "\r"

ADDED = """\
  - nom: salle
    type: texte
    question: Salle où se tiennent les entretiens
    obligatoire: false
"""


@pytest.fixture
def methode(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The platform's copy of the method, made by `pairkit methode exporter`, and in force."""
    from typer.testing import CliRunner

    from pairkit.cli import app

    folder = workdir / "methode"
    monkeypatch.setenv("PAIRKIT_METHODE", str(folder))
    result = CliRunner().invoke(app, ["methode", "exporter"])
    assert result.exit_code == 0, result.output
    return folder


def _add_question(folder: Path) -> None:
    path = folder / "entretiens.yaml"
    path.write_text(path.read_text("utf-8") + ADDED, encoding="utf-8")


def test_export_copies_every_checklist_and_never_overwrites(cli, methode) -> None:
    bundled = sorted(p.name for p in (ROOT / "checklists").glob("*.yaml"))
    assert sorted(p.name for p in methode.glob("*.yaml")) == bundled
    again = cli("methode", "exporter")
    assert again.exit_code == 0
    assert "0 fichier(s) de la méthode copié(s)" in again.output
    check = cli("methode", "verifier")
    assert check.exit_code == 0, check.output
    assert "aucun problème" in check.output


def test_an_added_question_is_accepted_by_the_file_and_verifier_only_once_in_the_checklist(
        cli, example, workdir, monkeypatch) -> None:
    project = example("chrs-grenoble")
    path = project / "entretiens.yaml"
    path.write_text(path.read_text("utf-8") + "salle: Salle Vercors\n", encoding="utf-8")
    refused = cli("verifier", project)
    assert refused.exit_code != 0 and "champ inconnu" in refused.output and "salle" in refused.output

    folder = workdir / "methode"
    monkeypatch.setenv("PAIRKIT_METHODE", str(folder))
    assert cli("methode", "exporter").exit_code == 0
    _add_question(folder)
    accepted = cli("verifier", project)
    assert accepted.exit_code == 0, accepted.output
    assert cli("methode", "verifier").exit_code == 0


def test_an_added_question_is_asked_through_the_prompts(cli, pipe, example, methode) -> None:
    _add_question(methode)
    project = example("chrs-grenoble")
    # The step is done, so pairkit offers to pick the answers to change: the new question,
    # unanswered, is in the list (the last one, ticked with the space bar).
    pipe.send_text(ENTER)  # « Modifier certaines réponses »
    pipe.send_text("\x1b[B" * 8 + " " + ENTER)
    pipe.send_text("Salle Vercors\r")
    result = cli("entretiens", project)
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((project / "entretiens.yaml").read_text("utf-8"))
    assert data["salle"] == "Salle Vercors"
    assert data["jury_cadre"] == "Claire Morel, cheffe de service"


def test_an_added_question_reaches_a_custom_template_under_its_name(cli, example, methode) -> None:
    from docx import Document

    _add_question(methode)
    project = example("chrs-grenoble")
    path = project / "entretiens.yaml"
    path.write_text(path.read_text("utf-8") + "salle: Salle Vercors\n", encoding="utf-8")
    (project / "modeles").mkdir()
    document = Document(str(ROOT / "templates" / "guide-entretiens.docx"))
    document.add_paragraph("Salle : {{ entretiens.salle }}")
    buffer = io.BytesIO()
    document.save(buffer)
    (project / "modeles" / "guide-entretiens.docx").write_bytes(buffer.getvalue())

    check = cli("modeles", "verifier", project)
    assert check.exit_code == 0, check.output
    assert cli("documents", project).exit_code == 0
    guide = docx_text(project / "documents" / "06-guide-entretiens.docx")
    assert "Salle : Salle Vercors" in guide


def test_the_platform_can_rename_a_step_without_code(cli, example, methode) -> None:
    path = methode / "entretiens.yaml"
    path.write_text(path.read_text("utf-8").replace("libelle: Entretiens de recrutement",
                                                    "libelle: Entretiens avec les candidat·es"),
                    encoding="utf-8")
    status = cli("statut", example("chrs-grenoble"))
    assert status.exit_code == 0, status.output
    assert "Entretiens avec les candidat·es" in status.output


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("entretiens.yaml", "type: entier", "type: nombre", "type « nombre » inconnu"),
    ("fiche-de-poste.yaml", "si: {precisions: true}", "si: {precision: true}",
     "la condition porte sur « precision »"),
    ("entretiens.yaml", "  - nom: dates\n", "  - nom: dates_et_lieu\n", "affiche « entretiens.dates »"),
    ("entretiens.yaml", "  - nom: jury_cadre\n", "  - nom: cadre_du_jury\n",
     "jury_cadre » : cette question de la méthode fournie a disparu"),
    ("fiche-de-poste.yaml", "reprise: diagnostic.reponses.reunions", "reprise: diagnostic.reponses.reunion",
     "« reponses.reunion » n'est pas une question de l'étape « diagnostic »"),
    ("info-coll.yaml", "reprise: cadrage.accompagnant", "reprise: structure.accompagnant",
     "« structure » n'est pas une étape"),
    ("cadrage.yaml", "  - nom: ville\n", "  - nom: commune\n", "affiche « structure.ville »"),
    ("alertes.yaml", "jury-sans-pair:", "jury-sans-pair-renomme:", "jury-sans-pair"),
    ("motivations.yaml", "etape:\n  ordre: 3\n", "ordre_etape:\n  ordre: 3\n", "ordre_etape"),
    # What the annual report reads: a choice value a figure counts, a question it declares.
    ("fiche-de-poste.yaml", "      - CDI\n", "      - Contrat à durée indéterminée\n",
     "compte la valeur « CDI » de « contrat »"),
    ("info-coll.yaml", "  - nom: modalite\n", "  - nom: format\n",
     "le rapport annuel lit « modalite » (info)"),
    ("rapport-annuel.yaml", "questions: [date_prise_poste]", "questions: [date_debut_poste]",
     "le rapport annuel lit « date_debut_poste » (plan)"),
    # The jury guard's matters and the positions: data the platform edits, checked too.
    ("questions-interdites.yaml", "  religion:\n    motif:", "  religion:\n    raison:",
     "chaque matière a un « motif »"),
    ("questions-interdites.yaml", "  parler: [", "  parlez: [", "« qui.parler » : attendu : une liste"),
    ("positions.yaml", "alerte: formation-imposee", "alerte: formation-obligatoire",
     "le point « formation-obligatoire » n'existe pas"),
    ("positions.yaml", "etapes: [cadrage, diagnostic, fiche_de_poste]", "etapes: [cadrage, fiche]",
     "étape(s) inconnue(s) : fiche"),
])
def test_verifier_names_the_file_line_and_what_to_do(cli, methode, file, old, new, expected) -> None:
    path = methode / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in methode.iterdir()}
    result = cli("methode", "verifier")
    assert result.exit_code != 0
    assert file in result.output and expected in result.output, result.output
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in methode.iterdir()} == before


def test_a_broken_checklist_in_use_gets_a_french_message_not_a_traceback(cli, example, methode) -> None:
    path = methode / "entretiens.yaml"
    path.write_text(path.read_text("utf-8").replace("type: entier", "type: nombre"), encoding="utf-8")
    result = cli("statut", example("chrs-grenoble"))
    assert result.exit_code == 1
    assert "entretiens.yaml" in result.output and "inconnu" in result.output
    assert "Erreur inattendue" not in result.output


def test_loading_the_plan_gives_a_typed_plan() -> None:
    from pairkit.files.project import Project
    from pairkit.method import plan

    loaded = Project(ROOT / "tests" / "fixtures" / "v1" / "chrs-suivi-bilans").load(plan.STEP)
    assert isinstance(loaded.model, plan.Plan)
    assert loaded.model.bilans["m3"].decisions == ["Alléger une maraude du soir par semaine"]


def test_a_public_document_never_receives_a_point_de_vigilance(example) -> None:
    import dataclasses

    from pairkit.documents.context import step_context
    from pairkit.files.project import Project
    from pairkit.method import fiche_de_poste
    from pairkit.method.registry import structure_header

    project = Project(example("chrs-grenoble"))
    leaky = dataclasses.replace(fiche_de_poste.STEP, build_context=lambda p: {
        "fiche": {"intitule": "Travailleur·se pair·e", "vigilances": [{"reason": "secret"}]},
        "vigilances": [{"reason": "secret"}]})
    context = step_context(project, leaky, structure_header(project))
    assert "vigilances" not in context and "vigilances" not in context["fiche"]
    assert context["fiche"]["intitule"] == "Travailleur·se pair·e"


def test_step_commands_come_from_the_checklists(cli) -> None:
    from pairkit.method.registry import ALL_STEPS

    result = cli("--help")
    for step in ALL_STEPS:
        assert step.command in result.output
    plan = cli("plan", "--help")
    assert "--bilan" in plan.output and "m3" in plan.output


def test_the_layers_hold() -> None:
    """import-linter's contracts in pyproject.toml: imports run downward, no cycle."""
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_question_added_to_every_checklist_is_asked_kept_checked_and_rendered(
        cli, example, methode, workdir) -> None:
    """Regression: a question added to bilan.yaml was asked and written, then refused as
    « champ inconnu » by the plan's hand-declared review model."""
    yaml, editor = YAML(typ="safe"), YAML()
    groups = {}
    for path in sorted(methode.glob("*.yaml")):
        data = editor.load(path.read_text("utf-8"))
        questions = data.get("questions") if isinstance(data, dict) else None
        if not questions:
            continue
        prefixes = {q["nom"].split(".")[0] for q in questions if "." in q["nom"]}
        group = prefixes.pop() + "." if len(prefixes) == 1 and all("." in q["nom"] for q in questions) else ""
        groups[path.stem] = group
        questions.append({"nom": f"{group}ajout_plateforme", "type": "texte", "obligatoire": False,
                          "question": "Une question ajoutée par la plateforme"})
        buffer = io.StringIO()
        editor.dump(data, buffer)
        path.write_text(buffer.getvalue(), "utf-8")
    assert {"bilan", "cadrage", "plan", "activite", "vie-du-recrutement"} <= set(groups)
    checked = cli("methode", "verifier")
    assert checked.exit_code == 0, checked.output
    project = example("chrs-grenoble")

    def answers(name: str, data: dict) -> Path:
        path = workdir / f"{name}-reponses.yaml"
        buffer = io.StringIO()
        YAML().dump(data, buffer)
        path.write_text(buffer.getvalue(), "utf-8")
        return path

    def with_added(data: dict, group: str, value: str) -> dict:
        if group:
            data.setdefault(group.rstrip("."), {})["ajout_plateforme"] = value
        else:
            data["ajout_plateforme"] = value
        return data

    # The cadrage by hand (its command creates projects); every other step through its command.
    structure = project / "structure.yaml"
    structure.write_text(structure.read_text("utf-8") + "ajout_plateforme: Ajout cadrage\n", "utf-8")
    commands = {"diagnostic": "etat-des-lieux", "motivations": "motivations",
                "fiche-de-poste": "fiche-de-poste", "info-coll": "info-coll",
                "entretiens": "entretiens", "plan": "plan"}
    for name, command in commands.items():
        data = with_added(yaml.load((project / f"{name}.yaml").read_text("utf-8")), groups[name],
                          f"Ajout {name}")
        result = cli(command, project, "--reponses", answers(name, data))
        assert result.exit_code == 0, (name, result.output)
    review = with_added({"date": "2026-08-04", "participants": "La cheffe de service, le pair",
                         "parole_pair": "Le poste prend forme."}, "", "Ajout bilan")
    result = cli("plan", project, "--bilan", "m3", "--reponses", answers("bilan", review))
    assert result.exit_code == 0, result.output
    change = with_added({"changement": {"etat": "en-poste", "date": "2026-11-20"}},
                        groups["vie-du-recrutement"], "Ajout état")
    assert cli("etat", project, "--reponses", answers("etat", change)).exit_code == 0
    assert groups["activite"] == "nouvelle."  # its file of answers holds one activity's fields
    activity = {"type": "groupe-cadres", "date": "2026-11-20", "modalite": "mixte",
                "participants": {"pairs": 0, "cadres": 4, "professionnels": 1},
                "ajout_plateforme": "Ajout activité"}
    done = cli("activite", "ajouter", workdir, "--reponses", answers("activite", activity))
    assert done.exit_code == 0, done.output

    def saved(filename: str) -> str:
        return (project / filename).read_text("utf-8")

    for name in commands:
        assert f"Ajout {name}" in saved(f"{name}.yaml"), name
    assert yaml.load(saved("plan.yaml"))["bilans"]["m3"]["ajout_plateforme"] == "Ajout bilan"
    assert "Ajout état" in saved("recrutement.yaml")
    assert "Ajout activité" in (workdir / "activites-2026.yaml").read_text("utf-8")
    checked = cli("verifier", project)
    assert checked.exit_code == 0, checked.output
    written = cli("documents", project)
    assert written.exit_code == 0, written.output
    assert cli("methode", "verifier").exit_code == 0


PHONE_QUESTION = """\
  - nom: telephone_jury
    type: telephone
    question: Téléphone du jury
    obligatoire: false
"""


@pytest.fixture
def phone_type() -> Iterator[str]:
    """A question type the platform might add: one class, nothing else changed."""
    import re

    from pairkit.questions.types import TYPES, QuestionType

    class Phone(QuestionType):
        """A French phone number, stored as five pairs of digits."""

        name = "telephone"
        instruction = "(10 chiffres)"

        def parse(self, question: object, raw: object) -> str:
            digits = re.sub(r"[\s.-]", "", str(raw))
            if not re.fullmatch(r"0\d{9}", digits):
                raise ValueError(f"« {raw} » n'est pas un numéro à 10 chiffres.")
            return " ".join(digits[i:i + 2] for i in range(0, 10, 2))

    try:
        yield Phone.name
    finally:
        del TYPES["telephone"]


def test_a_new_question_type_is_one_class(cli, pipe, example, methode, phone_type) -> None:
    path = methode / "entretiens.yaml"
    path.write_text(path.read_text("utf-8") + PHONE_QUESTION, encoding="utf-8")
    assert cli("methode", "verifier").exit_code == 0
    project = example("chrs-grenoble")
    answers = project / "entretiens.yaml"
    original = answers.read_text("utf-8")

    # A step file is checked by the type's parser…
    answers.write_text(original + "telephone_jury: 12\n", encoding="utf-8")
    refused = cli("verifier", project)
    assert refused.exit_code != 0 and "n'est pas un numéro à 10 chiffres" in refused.output

    # …and the interview asks it as text, refusing what the parser refuses, storing its value.
    answers.write_text(original, encoding="utf-8")
    pipe.send_text(ENTER)  # « Modifier certaines réponses »
    pipe.send_text("\x1b[B" * 8 + " " + ENTER)
    pipe.send_text("12\r")  # refused under the prompt: the line stays to be corrected
    pipe.send_text("\x7f\x7f" + "04.76.00.00.00\r")
    result = cli("entretiens", project)
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load(answers.read_text("utf-8"))
    assert data["telephone_jury"] == "04 76 00 00 00"
    assert cli("verifier", project).exit_code == 0
