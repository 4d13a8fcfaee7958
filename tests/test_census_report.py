"""The census of peer posts (`pairkit recensement`), and the annual report built on it: the
years side by side, the peers' own support, the platform's other work, the report's parts."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx import Document
from ruamel.yaml import YAML

from tests.conftest import EXAMPLES, docx_text
from tests.test_year import _tables

POST = """\
structure: Maison relais du Pilat
departement: "42"
secteur: hebergement-logement
employeur: association
profil: fonction-paire
intitule: Travailleur·se pair·e
contrat: CDD
heures_hebdo: 28
salaire_brut_mensuel: 1500
date_ouverture: 2025-02-01
source: structure
"""


def _root(workdir: Path, *projects: str) -> Path:
    root = workdir / "projets"
    root.mkdir()
    for name in projects:
        shutil.copytree(EXAMPLES / name, root / name, ignore=shutil.ignore_patterns("documents"))
    return root


def _read(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def test_a_post_is_added_taken_over_the_next_year_closed_and_listed(cli, workdir) -> None:
    root = _root(workdir, "chrs-grenoble")
    answers = workdir / "poste.yaml"
    answers.write_text(POST, "utf-8")
    added = cli("recensement", "ajouter", root, "--annee", "2025", "--reponses", answers)
    assert added.exit_code == 0, added.output
    assert "Poste n° P001 enregistré" in added.output
    (post,) = _read(root / "recensement-2025.yaml")["postes"]
    assert post["id"] == "P001" and post["contrat"] == "CDD" and "nom" not in post
    # The next year starts from the posts still open; the post closes in the year it closes.
    closed = cli("recensement", "fermer", "P001", root, "--date", "30/06/2026")
    assert closed.exit_code == 0, closed.output
    assert "1 poste(s) encore ouvert(s) l'année précédente repris dans le recensement 2026" in closed.output
    assert _read(root / "recensement-2026.yaml")["postes"][0]["date_fermeture"].isoformat() == "2026-06-30"
    assert "date_fermeture" not in _read(root / "recensement-2025.yaml")["postes"][0]
    # Not carried into 2027: it closed in 2026. A second post gets the next number.
    again = cli("recensement", "ajouter", root, "--annee", "2027", "--reponses", answers)
    assert again.exit_code == 0 and "Poste n° P002" in again.output
    assert [p["id"] for p in _read(root / "recensement-2027.yaml")["postes"]] == ["P002"]
    # The accompanied recruitment in post is a post of the census, read from its project.
    listed = cli("recensement", "lister", root, "--annee", "2026")
    assert listed.exit_code == 0, listed.output
    assert "Maison relais du Pilat" in listed.output and "projet chrs-grenoble" in listed.output
    assert "CHRS Les Tilleuls" in listed.output and "Hébergement et logement" in listed.output


def test_the_census_refuses_what_it_cannot_do_in_french_and_changes_nothing(cli, workdir) -> None:
    root = _root(workdir)
    answers = workdir / "poste.yaml"
    answers.write_text(POST, "utf-8")
    assert cli("recensement", "ajouter", root, "--annee", "2026", "--reponses", answers).exit_code == 0
    before = (root / "recensement-2026.yaml").read_bytes()
    unknown = cli("recensement", "fermer", "P404", root, "--date", "01/07/2026")
    assert unknown.exit_code == 2 and "Aucun poste n° P404 dans le recensement 2026 (postes : P001)" in unknown.output
    wrong_day = cli("recensement", "fermer", "P001", root, "--date", "31/02/2026")
    assert wrong_day.exit_code == 2 and "--date 31/02/2026" in wrong_day.output
    too_early = cli("recensement", "fermer", "P001", root, "--date", "01/01/2025", "--annee", "2025")
    assert too_early.exit_code != 0 and "Traceback" not in too_early.output
    no_terminal = cli("recensement", "modifier", "P001", root)
    assert no_terminal.exit_code == 1 and "il faut un terminal" in no_terminal.output
    bad = workdir / "mauvais.yaml"
    bad.write_text(POST.replace("secteur: hebergement-logement", "secteur: 12").replace(
        "heures_hebdo: 28", "heures_hebdo: beaucoup"), "utf-8")
    refused = cli("recensement", "ajouter", root, "--annee", "2026", "--reponses", bad)
    assert refused.exit_code != 0 and "heures_hebdo" in refused.output
    assert (root / "recensement-2026.yaml").read_bytes() == before


def test_the_census_offers_the_cadrage_s_own_sectors_and_departements() -> None:
    from pairkit.questions.model import load_step_content

    cadrage = {q.name: q for q in load_step_content("cadrage").questions}
    census = {q.name: q for q in load_step_content("recensement").questions}
    for name in ("secteur", "departement"):
        assert [c.valeur for c in census[f"nouveau.{name}"].choices] == [c.valeur for c in cadrage[name].choices]


def _examples_report(cli, workdir: Path) -> tuple[Path, str]:
    root = workdir / "projets"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("documents", "rapport-activite-*"))
    result = cli("rapport-annuel", root, "--annee", "2026")
    assert result.exit_code == 0, result.output
    return root, docx_text(root / "rapport-activite-2026.docx")


def _counted_cdi(root: Path, year: int) -> tuple[int, int]:
    """CDIs and posts whose contract is known, counted from the census file and the projects
    in post (two, both on a CDI in the examples' fiches)."""
    posts = [p for p in _read(root / f"recensement-{year}.yaml")["postes"] if p["contrat"] != "prestation"]
    projects = 2 if year == 2026 else 0
    return sum(p["contrat"] == "CDI" for p in posts) + projects, len(posts) + projects


def test_the_report_puts_the_years_side_by_side_with_a_sentence_per_trend(cli, workdir) -> None:
    root, text = _examples_report(cli, workdir)
    cdi = {year: _counted_cdi(root, year) for year in (2024, 2025, 2026)}
    assert cdi[2026][1] >= 20  # the examples' census: at least 20 posts
    assert (f"{cdi[2026][0]} CDI sur {cdi[2026][1]} postes dont le contrat est connu en 2026 "
            f"({cdi[2025][0]} CDI sur {cdi[2025][1]} postes en 2025 ; {cdi[2024][0]} CDI sur "
            f"{cdi[2024][1]} postes en 2024).") in text
    assert "Rémunération brute médiane ramenée à un temps plein en 2026" in text and "depuis 2024" in text
    assert "apparaît pour la première fois en 2026 : Justice, prison et sortie de prison" in text
    tables = _tables(root / "rapport-activite-2026.docx")
    contracts = tables["Les contrats, année par année"]
    assert contracts[0] == ["Contrat", "2024", "2025", "2026"]
    assert ["CDI", str(cdi[2024][0]), str(cdi[2025][0]), str(cdi[2026][0])] in contracts
    pay = tables["La rémunération, année par année (ramenée à un temps plein)"]
    assert [row[0] for row in pay[1:]] == ["2024", "2025", "2026"]
    # The independent peer's service is kept apart, not counted.
    assert "Hors décompte" in text and "(1 prestation connue(s) de la plateforme)" in text


def test_the_report_follows_the_platform_s_own_order_and_marks_what_a_person_writes(cli, workdir) -> None:
    root, text = _examples_report(cli, workdir)
    headings = [p.text for p in Document(str(root / "rapport-activite-2026.docx")).paragraphs
                if p.style.name == "Heading 1"]
    assert headings == ["La plateforme", "I. De la méthode",
                        "II. Le travail pair dans la région en quelques chiffres", "III. Observations",
                        "IV. Les actions de la plateforme", "V. Perspectives"]
    assert text.count("À rédiger :") >= 7
    assert "Ses financeurs : Agence régionale de santé" in text
    assert "le recensement n'est pas exhaustif" in text
    for title in ("Le soutien individuel des pair·es", "Paroles de pair·es", "Le site internet",
                  "Publications et communications", "Les demandes venues d'hors de la région",
                  "Les rencontres du réseau", "La grille des pair·es, tous recrutements confondus"):
        assert title in text
    assert "« Ce qui me pèse le plus, c'est la charge mentale." in text
    support = _tables(root / "rapport-activite-2026.docx")["Le soutien individuel des pair·es"]
    assert support[0] == ["Sorte d'échange", "En poste", "A quitté son poste", "En tout"]
    assert sum(int(row[-1]) for row in support[1:]) == 6


def test_without_the_platform_s_texts_the_report_says_where_to_write_them(cli, workdir) -> None:
    root = _root(workdir, "chrs-grenoble", "caarud-lyon", "samsah-clermont")
    result = cli("rapport-annuel", root, "--annee", "2026")
    assert result.exit_code == 0, result.output
    assert "pairkit rapport-annuel" in result.output and "--textes" in result.output
    text = docx_text(root / "rapport-activite-2026.docx")
    assert "À rédiger : qui est la plateforme ?" in text


def _grid_projects(root: Path, count: int) -> None:
    for index in range(count):
        target = root / f"pension-{index}"
        shutil.copytree(EXAMPLES / "pension-vienne", target, ignore=shutil.ignore_patterns("documents", "binome"))


def test_the_peers_grid_is_gathered_only_above_its_own_group_size(cli, workdir) -> None:
    root = workdir / "projets"
    root.mkdir()
    _grid_projects(root, 4)
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    tables = _tables(root / "rapport-activite-2026.docx")
    assert "La grille des pair·es, tous recrutements confondus" not in tables
    assert "il porterait sur moins de 5" in docx_text(root / "rapport-activite-2026.docx")
    _grid_projects_more = root / "pension-4"
    shutil.copytree(EXAMPLES / "pension-vienne", _grid_projects_more,
                    ignore=shutil.ignore_patterns("documents", "binome"))
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    grid = _tables(root / "rapport-activite-2026.docx")["La grille des pair·es, tous recrutements confondus"]
    assert grid[0] == ["", "Oui", "En partie", "Non"]
    useful = next(row for row in grid if "se sentir utile" in row[0])
    assert useful[1:] == ["5", "0", "0"]  # the example's peer answers « oui », five times


def test_a_single_post_s_pay_is_never_shown_as_a_minimum_or_maximum(cli, workdir) -> None:
    root = _root(workdir)
    answers = workdir / "poste.yaml"
    for pay in (1500, 1600):
        answers.write_text(POST.replace("1500", str(pay)), "utf-8")
        assert cli("recensement", "ajouter", root, "--annee", "2026", "--reponses", answers).exit_code == 0
    assert cli("rapport-annuel", root, "--annee", "2026").exit_code == 0
    text = docx_text(root / "rapport-activite-2026.docx")
    assert "Rémunération brute médiane en 2026 : non publié" in text
    assert "Part des CDI en 2026 : non publié" in text
    for figure in ("1\u202f875", "2\u202f000", "1\u202f938"):  # each pay brought to full time, and their median
        assert figure not in text


def test_the_method_check_names_a_wrong_shared_choice_and_a_wrong_workshop_field(cli, workdir, monkeypatch) -> None:
    method = workdir / "methode"
    monkeypatch.setenv("PAIRKIT_METHODE", str(method))
    assert cli("methode", "exporter").exit_code == 0
    assert cli("methode", "verifier").exit_code == 0
    census = method / "recensement.yaml"
    census.write_text(census.read_text("utf-8").replace("choix_comme: cadrage.secteur",
                                                        "choix_comme: cadrage.secteurs"), "utf-8")
    workshop = method / "atelier.yaml"
    workshop.write_text(workshop.read_text("utf-8").replace("mots: engagements", "mots: engagemens"), "utf-8")
    result = cli("methode", "verifier")
    assert result.exit_code != 0
    assert "« cadrage.secteurs » ne nomme pas une question à choix" in result.output
    assert "« engagemens » n'est pas une question de motivations.yaml" in result.output
