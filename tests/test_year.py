"""The platform's year: recruitments' states, further recruitments, follow-up, purge, activities
and the annual report read back from its Word file and its spreadsheet."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from ruamel.yaml import YAML

from tests.conftest import EXAMPLES, ROOT, docx_text

FIXTURES = ROOT / "tests" / "fixtures" / "v1"


def read(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def portfolio(workdir: Path) -> Path:
    """The bundled examples (four structures, five recruitments) and their activities."""
    root = workdir / "projets"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("documents", "rapport-*", ".*"))
    return root


# --- states -----------------------------------------------------------------------------------

def test_a_state_change_joins_the_history_and_a_long_pause_is_flagged(cli, example) -> None:
    project = example("chrs-grenoble")
    result = cli("etat", project, "--etat", "en-pause", "--depuis", "01/07/2026",
                 "--raison", "Changement de direction, projet suspendu")
    assert result.exit_code == 0, result.output
    history = read(project / "recrutement.yaml")["historique"]
    assert history[-1] == {"etat": "en-pause", "date": dt.date(2026, 7, 1),
                           "raison": "Changement de direction, projet suspendu"}
    assert "changement" not in read(project / "recrutement.yaml")
    status = cli("statut", project).output
    assert "En pause depuis le 1er juillet 2026" in status
    assert "en pause depuis le 1er juillet 2026, plus de 3 mois" in status


def test_a_recent_pause_is_not_flagged(cli, example) -> None:
    project = example("chrs-grenoble")
    cli("etat", project, "--etat", "en-pause", "--raison", "Financement en attente")
    assert "plus de 3 mois" not in cli("statut", project).output


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--etat", "licencie", "n'est pas un choix possible"),
    ("--depuis", "31/02/2026", "n'est pas une date valide"),
])
def test_a_wrong_state_changes_nothing(cli, example, option, value, said) -> None:
    project = example("chrs-grenoble")
    before = (project / "recrutement.yaml").read_bytes()
    args = ["--etat", "clos"] if option != "--etat" else []
    result = cli("etat", project, option, value, *args)
    assert result.exit_code == 1 and said in result.output
    assert (project / "recrutement.yaml").read_bytes() == before


def test_a_hand_written_unknown_state_is_named_with_its_line(cli, example) -> None:
    project = example("chrs-grenoble")
    path = project / "recrutement.yaml"
    path.write_text(path.read_text("utf-8").replace("etat: en-poste", "etat: embauche"), "utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1
    assert "recrutement.yaml, ligne" in result.output and "« embauche » inconnu" in result.output


# --- further recruitments ---------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["chrs-grenoble", "caarud-lyon"])
def test_a_version_1_project_gets_a_second_recruitment_sharing_its_cadrage(cli, workdir, fixture) -> None:
    project = workdir / fixture
    shutil.copytree(FIXTURES / fixture, project)
    before = {p.name: p.read_bytes() for p in project.glob("*.yaml")}
    result = cli("nouveau-recrutement", project, "--intitule", "Second poste")
    assert result.exit_code == 0, result.output
    second = project / "second-poste"
    assert read(second / "recrutement.yaml")["intitule"] == "Second poste"
    assert not (second / "structure.yaml").exists()
    # The first recruitment's files are untouched and still verify.
    assert {p.name: p.read_bytes() for p in project.glob("*.yaml")} == before
    assert cli("verifier", project).exit_code == 0
    # The second one reads the structure's cadrage: its documents carry the structure's name.
    shutil.copy(project / "diagnostic.yaml", second / "diagnostic.yaml")
    assert cli("documents", second).exit_code == 0
    name = read(project / "structure.yaml")["nom"]
    assert name in docx_text(second / "documents" / "02-rapport-de-preparation.docx")
    from pairkit.portfolio import rows

    assert sorted(row.structure for row in rows(workdir)) == [name, f"{name} — Second poste"]


def test_a_second_recruitment_needs_a_structure_folder(cli, workdir) -> None:
    (workdir / "vide").mkdir()
    result = cli("nouveau-recrutement", workdir / "vide")
    assert result.exit_code == 1 and "n'est pas le dossier d'une structure" in result.output
    assert list((workdir / "vide").iterdir()) == []


# --- follow-up and the peers' grid ------------------------------------------------------------

def test_follow_up_meetings_come_only_when_chosen(cli, example) -> None:
    from tests.conftest import edit

    project = example("chrs-grenoble")
    cli("documents", project)
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "Bilan à un an" not in plan and "sans le ou la responsable" not in plan
    edit(project, "plan.yaml", {"suivi_apres_six_mois": ["pair-plateforme", "m12"]})
    cli("documents", project)
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "Bilan à un an" in plan and "Point entre le ou la pair·e et la plateforme" in plan
    assert "Bilan à neuf mois" not in plan


def test_the_grid_gaps_are_what_the_review_discusses(cli, example) -> None:
    project = example("pension-vienne")
    assert cli("documents", project).exit_code == 0
    plan = docx_text(project / "documents" / "07-plan-six-mois.docx")
    assert "Avoir des espaces d'expression libre et d'horizontalité — pair·e : Non ; responsable : Oui" in plan
    assert "Avoir le droit de ne pas être d'accord — pair·e : En partie ; responsable : Oui" in plan
    assert "Se sentir utile" not in plan  # same answer on both sides: no gap


def test_a_grid_answer_off_the_scale_is_refused_with_its_line(cli, example) -> None:
    project = example("pension-vienne")
    path = project / "plan.yaml"
    path.write_text(path.read_text("utf-8").replace("      utile: oui\n      expression: non",
                                                    "      utile: beaucoup\n      expression: non"),
                    "utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1 and "« beaucoup » n'est pas une réponse de la grille" in result.output


def test_a_missing_six_month_review_is_its_own_point(example) -> None:
    from pairkit.files.project import Project
    from pairkit.method.plan import vigilance

    alerts = vigilance(Project(example("chrs-grenoble")))
    assert "bilan-six-mois-absent" in [a.code for a in alerts]
    found = [a for a in alerts if a.code == "rendez-vous-manques"]
    assert found and "Bilan à six mois" not in found[0].reason


@given(st.text(max_size=200))
def test_the_health_warning_reads_any_text(text: str) -> None:
    from pairkit.questions.guard import warning

    found = warning("questions-interdites", ["sante", "consommations"], text)
    assert found is None or "santé" in found


def test_the_health_warning_names_the_word_and_spares_other_families() -> None:
    from pairkit.questions.guard import warning

    found = warning("questions-interdites", ["sante", "consommations"],
                    "Il a parlé de son traitement pendant le bilan.")
    assert found is not None and "« traitement »" in found
    assert warning("questions-interdites", ["sante", "consommations"],
                   "Les enfants des résident·es sont venus à la fête.") is None


# --- purge --------------------------------------------------------------------------------------

def _closed(cli, project: Path, years: int = 0) -> None:
    """The recruitment closed on 1 November 2026, with notes kept `years` years after."""
    from pairkit.resources import config_file

    done = cli("etat", project, "--etat", "clos", "--depuis", "01/11/2026")
    assert done.exit_code == 0, done.output
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text(f"conservation_notes_annees: {years}\n", encoding="utf-8")


def test_purge_lists_asks_then_removes_notes_and_their_cached_copy(cli, example) -> None:
    from pairkit.files import cache
    from pairkit.resources import cache_dir

    project = example("pension-vienne")
    _closed(cli, project)
    assert cli("statut", project).exit_code == 0  # leaves a cached copy of plan.yaml
    cached = cache_dir() / "projets" / f"{cache.slot(project / 'plan.yaml')}.json"
    assert "repas partagés" in cached.read_text("utf-8")
    refused = cli("purger", project)
    assert refused.exit_code == 1 and "--oui" in refused.output
    # The notes are named in words, not by their keys; years agree (regression: « 2 an(s) »).
    said = " ".join(refused.output.split())
    assert "ce que le ou la pair·e a dit" in said and "parole_pair" not in said
    assert "0 an après la clôture" in said and "an(s)" not in said
    assert "parole_pair" in read(project / "plan.yaml")["bilans"]["m1"]
    done = cli("purger", project, "--oui")
    assert done.exit_code == 0, done.output
    assert read(project / "plan.yaml")["bilans"]["m1"] == {"date": dt.date(2026, 10, 14)}
    assert not cached.exists() or "repas partagés" not in cached.read_text("utf-8")
    assert "Aucune note à supprimer" in cli("purger", project).output


def test_purge_keeps_notes_within_the_retention_set_in_the_settings(cli, example) -> None:
    project = example("pension-vienne")
    _closed(cli, project, years=5)
    kept = cli("purger", project, "--oui").output
    assert "Aucune note à supprimer" in kept and "5 ans après la clôture" in " ".join(kept.split())
    assert "parole_pair" in read(project / "plan.yaml")["bilans"]["m1"]


def test_an_end_dated_before_the_state_it_ends_is_refused(cli, example) -> None:
    """Regression: « clos » ten years before « en poste » made the notes purgeable at once."""
    project = example("pension-vienne")
    before = (project / "recrutement.yaml").read_text("utf-8")
    result = cli("etat", project, "--etat", "clos", "--depuis", "30/06/2016")
    assert result.exit_code == 1 and "avant celle de l'état actuel" in result.output
    assert "Rien n'a été ajouté" in result.output and "Erreur inattendue" not in result.output
    assert read(project / "recrutement.yaml")["historique"] == YAML(typ="safe").load(before)["historique"]
    # Written by hand, the same history is named by the purge and left alone.
    path = project / "recrutement.yaml"
    path.write_text(before + "  - etat: clos\n    date: 2016-06-30\n", "utf-8")
    shown = cli("purger", project, "--oui")
    assert "non lu" in shown.output and "recrutement.yaml" in shown.output
    assert "ordre des dates" in shown.output
    assert "parole_pair" in read(project / "plan.yaml")["bilans"]["m1"]


def test_purge_removes_every_document_that_may_quote_the_notes(cli, example) -> None:
    from pairkit.resources import cache_dir
    from tests.conftest import docx_text

    project = example("pension-vienne")
    assert cli("documents", project).exit_code == 0
    assert cli("dossier", project).exit_code == 0
    documents = project / "documents"
    assert "repas partagés" in docx_text(documents / "07-plan-six-mois.docx")
    assert "repas partagés" in docx_text(documents / "00-dossier-accompagnement.docx")
    for name in ("07-plan-six-mois.pdf", "00-dossier-accompagnement.pdf",
                 "07-plan-six-mois (modifié le 2026-11-02 10h00).docx"):
        (documents / name).write_bytes(b"repas partag\xc3\xa9s")
    _closed(cli, project)
    listed = cli("purger", project)
    for name in ("07-plan-six-mois.docx", "07-plan-six-mois.pdf", "00-dossier-accompagnement.docx",
                 "00-dossier-accompagnement.pdf", "07-plan-six-mois (modifié le 2026-11-02 10h00).docx"):
        assert name in listed.output, name
    done = cli("purger", project, "--oui")
    assert done.exit_code == 0, done.output
    left = sorted(path.name for path in documents.iterdir())
    assert "07-plan-six-mois.docx" in left  # written again, without the notes
    assert not [name for name in left if name.endswith(".pdf") or "dossier" in name or "modifié" in name]
    assert "repas partagés" not in docx_text(documents / "07-plan-six-mois.docx")
    for kept in cache_dir().rglob("*"):
        if kept.is_file():
            assert b"repas partag" not in kept.read_bytes(), kept


def test_purge_checks_again_under_the_lock_what_it_listed(cli, example) -> None:
    """Regression: while « Supprimer ces notes ? » waited, the recruitment was reopened."""
    from pairkit.year.retention import expired, purge

    project = example("pension-vienne")
    _closed(cli, project)
    items, unread = expired(project)
    assert len(items) == 1 and not unread
    assert cli("etat", project, "--etat", "en-poste", "--depuis", "02/11/2026").exit_code == 0
    result = purge(items)
    assert result.reviews == 0 and [item.root for item in result.skipped] == [project]
    assert "parole_pair" in read(project / "plan.yaml")["bilans"]["m1"]


def test_one_unreadable_project_never_stops_the_purge_of_the_others(cli, workdir) -> None:
    root = workdir / "projets"
    for name in ("pension-vienne", "chrs-grenoble"):
        shutil.copytree(EXAMPLES / name, root / name, ignore=shutil.ignore_patterns("documents"))
    _closed(cli, root / "pension-vienne")
    broken = root / "chrs-grenoble" / "recrutement.yaml"
    broken.write_text(broken.read_text("utf-8") + "  - etat: clos\n    date: 2026-02-30\n", "utf-8")
    done = cli("purger", root, "--oui")
    assert done.exit_code == 0, done.output
    assert "non lu" in done.output and "chrs-grenoble" in done.output and "recrutement.yaml" in done.output
    assert "parole_pair" not in read(root / "pension-vienne" / "plan.yaml")["bilans"]["m1"]


# --- activities ---------------------------------------------------------------------------------

def test_an_activity_is_filed_under_its_year(cli, workdir) -> None:
    answers = workdir / "seance.yaml"
    answers.write_text("type: groupe-cadres\ndate: 2025-11-20\nmodalite: mixte\nparticipants:\n"
                       "  pairs: 0\n  cadres: 7\n  professionnels: 2\n", encoding="utf-8")
    result = cli("activite", "ajouter", workdir, "--reponses", answers)
    assert result.exit_code == 0, result.output
    filed = read(workdir / "activites-2025.yaml")["activites"]
    assert filed == [{"type": "groupe-cadres", "date": dt.date(2025, 11, 20), "modalite": "mixte",
                      "participants": {"pairs": 0, "cadres": 7, "professionnels": 2}}]


def test_a_wrong_activity_is_refused_and_nothing_written(cli, workdir) -> None:
    answers = workdir / "seance.yaml"
    answers.write_text("type: apero\ndate: 2026-01-10\nmodalite: visio\n", encoding="utf-8")
    result = cli("activite", "ajouter", workdir, "--reponses", answers)
    assert result.exit_code == 1 and "seance.yaml, ligne 1" in result.output
    assert not list(workdir.glob("activites-*.yaml"))


def test_a_hand_broken_activities_file_is_named_with_its_line(cli, workdir) -> None:
    root = portfolio(workdir)
    path = root / "activites-2026.yaml"
    path.write_text(path.read_text("utf-8").replace("pairs: 7", "pairs: sept", 1), "utf-8")
    result = cli("rapport-annuel", root, "--annee", "2026")
    assert result.exit_code == 1 and "activites-2026.yaml, ligne" in result.output


# --- the annual report --------------------------------------------------------------------------

def _tables(path: Path) -> dict[str, list[list[str]]]:
    """Each table of the Word report under the heading before it."""
    document = Document(str(path))
    body = document.element.body
    found, heading = {}, ""
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            style = child.find(".//{*}pStyle")
            if style is not None and style.get(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "").startswith("Heading"):
                heading = "".join(t.text or "" for t in child.iter("{*}t"))
        elif tag == "tbl":
            rows = [["".join(t.text or "" for t in cell.iter("{*}t")) for cell in row.iter("{*}tc")]
                    for row in child.iter("{*}tr")]
            found[heading] = rows
    return found


def test_the_annual_report_of_the_examples_agrees_with_their_files(cli, workdir) -> None:
    root = portfolio(workdir)
    result = cli("rapport-annuel", root, "--annee", "2026")
    assert result.exit_code == 0, result.output
    text = docx_text(root / "rapport-activite-2026.docx")
    assert "la plateforme a accompagné 4 structures dans 5 recrutements" in text
    tables = _tables(root / "rapport-activite-2026.docx")
    assert tables["Où en est chaque recrutement au 31 décembre 2026"][1:] == [
        ["Recrutement en cours", "2"], ["En poste", "2"], ["En pause", "1"]]
    assert tables["Contrats proposés"][1:] == [["CDI", "3"], ["CDD", "2"]]
    assert "Part des CDI : 60 %." in text
    # Full-time equivalents of 1 980 (35 h), twice 1 400 (24 h: 2 041.67) and 1 620 (28 h: 2 025)
    # € gross; the median of four is (2 025 + 2 041.67) / 2; the net is estimated at 78 %.
    pay = tables["Rémunération mensuelle, ramenée à un temps plein"]
    assert pay[1] == ["Médiane", "2\u202f033\u00a0€", "1\u202f586\u00a0€"]
    # Four pays: no lowest or highest, each would be one person's pay.
    assert len(pay) == 2 and "1\u202f980" not in text
    assert "Les plus basses et les plus hautes ne sont données qu'à partir de 6 recrutements" in text
    assert "sur 4 recrutements dont la rémunération brute et le temps de travail sont connus" in text
    # Sessions: how many, by modality, and who came as an average and a range, never a sum.
    assert tables["Les équipes et les cadres"][1] == [
        "Groupe des cadres (chef·fes de service)", "2", "1", "1", "0", "0", "10 (de 9 à 11)"]
    collective = tables["Le collectif des pair·es : séances thématiques et échanges de pratiques"]
    assert [row[:2] for row in collective[1:]] == [["Séance thématique", "3"], ["Échange de pratiques", "5"]]
    assert tables["Rendez-vous de suivi des pair·es en poste"][2] == ["Tenus (compte rendu noté)", "1"]
    # Charts are in the file, as images.
    assert len(Document(str(root / "rapport-activite-2026.docx")).inline_shapes) >= 6
    # The spreadsheet holds the same tables.
    book = load_workbook(root / "rapport-activite-2026.xlsx")
    sheet = book["Contrats proposés"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=3)] == [["CDI", 3], ["CDD", 2]]
    states = book[next(name for name in book.sheetnames if name.startswith("Où en est"))]
    assert [c.value for c in states[3]] == ["En poste", 2]


def test_a_figure_from_fewer_than_three_recruitments_is_not_published(cli, workdir) -> None:
    root = workdir / "projets"
    for name in ("chrs-grenoble", "caarud-lyon"):
        shutil.copytree(EXAMPLES / name, root / name, ignore=shutil.ignore_patterns("documents"))
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    tables = _tables(root / "rapport-activite-2026.docx")
    text = docx_text(root / "rapport-activite-2026.docx")
    assert "Contrats proposés" not in tables and "Rémunération mensuelle, ramenée à un temps plein" not in tables
    assert text.count("Chiffre non publié") >= 5
    assert "1\u202f980" not in text  # the one CDI's pay
    book = load_workbook(root / "rapport-activite-2026.xlsx")
    assert "Contrats proposés" not in book.sheetnames
    # Structures are not people: their table is published (a sheet's name holds 31 characters).
    assert "Structures accompagnées, par" in book.sheetnames


def test_an_unreadable_project_is_named_in_the_report_not_counted(cli, workdir) -> None:
    root = portfolio(workdir)
    path = root / "caarud-lyon" / "fiche-de-poste.yaml"
    path.write_text(path.read_text("utf-8") + "\tcassé: oui\n", "utf-8")
    result = cli("rapport-annuel", root, "--annee", "2026")
    assert result.exit_code == 0 and "non lu" in result.output
    assert "dans 4 recrutements" in docx_text(root / "rapport-activite-2026.docx")


def test_the_portfolio_filters_and_exports(cli, workdir) -> None:
    root = portfolio(workdir)
    out = workdir / "suivi.xlsx"
    result = cli("suivi", root, "--etat", "en-poste", "--departement", "38", "--xlsx", out)
    assert result.exit_code == 0, result.output
    rows = [[c.value for c in row] for row in load_workbook(out).active.iter_rows(min_row=2)]
    assert sorted(row[0] for row in rows) == ["CHRS Les Tilleuls", "Pension de famille Les Lilas"]
    assert all(row[2].startswith("En poste") for row in rows)
    unknown = cli("suivi", root, "--etat", "embauche")
    assert unknown.exit_code == 1 and "États : " in unknown.output


def test_the_annual_report_reads_only_what_its_method_file_declares(cli, workdir, monkeypatch) -> None:
    """`lit` in rapport-annuel.yaml is what the report reads: a question taken out of it is no
    longer counted, and the platform's copy of the method says so."""
    root = portfolio(workdir)
    method = workdir / "methode"
    monkeypatch.setenv("PAIRKIT_METHODE", str(method))
    assert cli("methode", "exporter").exit_code == 0
    declaration = method / "rapport-annuel.yaml"
    text = declaration.read_text("utf-8")
    declaration.write_text(text.replace("questions: [contrat, temps_travail,", "questions: [temps_travail,"),
                           encoding="utf-8")
    assert cli("methode", "verifier").exit_code == 0
    result = cli("rapport-annuel", root, "--annee", "2026")
    assert result.exit_code == 0, result.output
    tables = _tables(root / "rapport-activite-2026.docx")
    assert "CDI" not in str(tables.get("Contrats proposés", ""))
    assert "Part des CDI" not in docx_text(root / "rapport-activite-2026.docx")
