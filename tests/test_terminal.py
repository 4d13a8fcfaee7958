"""End to end in a real pseudo-terminal: a person answers, stops with Ctrl-C, resumes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

pexpect = pytest.importorskip("pexpect")

DOWN = "\x1b[B"


def spawn(args: list[str], cwd: Path) -> object:
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40", "NO_COLOR": "1"}
    return pexpect.spawn(sys.executable, ["-m", "pairkit", *args], cwd=str(cwd), env=env,
                         encoding="utf-8", timeout=20, dimensions=(40, 120))


def test_a_person_starts_a_project_stops_and_resumes(workdir: Path) -> None:
    child = spawn(["new-project", "mon-projet"], workdir)
    child.expect("Nom de la structure")
    child.send("Pension de famille Les Lilas\r")
    child.expect("Organisme gestionnaire")
    child.send("\r")
    child.expect("Type de structure")
    child.send(DOWN * 5 + "\r")  # Pension de famille
    child.expect("Secteur principal")
    child.send("\r")
    child.expect("Ville")
    child.send("Vienne\r")
    child.expect("Département de la structure")
    child.send(DOWN * 6 + "\r")  # « ne pas préciser », then Ain … Isère
    child.expect("Territoire")
    child.sendcontrol("c")
    child.expect("Entretien interrompu")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    data = YAML(typ="safe").load((workdir / "mon-projet" / "structure.yaml").read_text("utf-8"))
    assert data["nom"] == "Pension de famille Les Lilas"
    assert data["type_structure"] == "Pension de famille"
    assert data["ville"] == "Vienne"
    assert data["departement"] == "38"

    # Resuming goes on at the first question without an answer (the name is not asked again).
    child = spawn(["new-project", "mon-projet"], workdir)
    index = child.expect(["Nom de la structure", "Organisme gestionnaire"])
    assert index == 1, "the answered name was asked again"
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    data = YAML(typ="safe").load((workdir / "mon-projet" / "structure.yaml").read_text("utf-8"))
    assert data["nom"] == "Pension de famille Les Lilas"


def test_colours_in_a_terminal_and_none_with_no_color(workdir: Path) -> None:
    import shutil as sh

    from tests.conftest import EXAMPLES

    sh.copytree(EXAMPLES / "caarud-lyon", workdir / "p", ignore=sh.ignore_patterns("documents"))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    coloured = pexpect.run(f"{sys.executable} -m pairkit statut p", cwd=str(workdir), env=env,
                           encoding="utf-8", timeout=30)
    import re

    colour = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])[;m]")  # foreground colours
    assert colour.search(coloured) and "bloquant" in coloured
    plain = pexpect.run(f"{sys.executable} -m pairkit statut p", cwd=str(workdir),
                        env={**env, "NO_COLOR": "1"}, encoding="utf-8", timeout=30)
    assert "bloquant" in plain
    assert not colour.search(plain)  # bold and italics may remain; colours do not


def test_a_ticked_list_is_summed_up_in_french(workdir: Path) -> None:
    """Regression: questionary said « done (8 selections) » under the question."""
    import shutil as sh

    from tests.conftest import EXAMPLES

    sh.copytree(EXAMPLES / "chrs-grenoble", workdir / "p", ignore=sh.ignore_patterns("documents"))
    import io

    child = spawn(["modifier", "p", "entretiens", "questions"], workdir)
    seen = io.StringIO()
    child.logfile_read = seen  # everything the terminal received, erased lines included
    child.expect("Questions à poser")
    child.send("\r")
    child.expect("choix retenus")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "done (" not in seen.getvalue() and "selections" not in seen.getvalue()


@given(st.text(alphabet=st.sampled_from("abcdéèà·’« »  -\n"), max_size=400),
       st.integers(min_value=20, max_value=140), st.sampled_from([0, 2, 5]))
def test_long_texts_are_cut_between_words_never_inside_one(text: str, columns: int, margin: int) -> None:
    """Regression: intro texts broke mid-word and long choices were cut at the screen's edge."""
    from pairkit.interview.prompts import fit

    with patch("shutil.get_terminal_size", return_value=os.terminal_size((columns, 24))):
        shown = fit(text, margin)
    assert shown.split() == text.split()  # every word there, whole, in order
    width = max(24, columns - 1 - margin)
    for index, line in enumerate(shown.split("\n")):
        body = line[margin:] if index else line  # later lines carry the margin
        assert len(body) <= width or len(body.split()) == 1, (line, width)


def test_a_long_choice_is_shown_whole_in_a_narrow_terminal(tmp_path: Path) -> None:
    from pairkit.interview.prompts import fit

    piste = "Prévoir une sensibilisation de l'équipe au rétablissement (la plateforme peut l'animer)."
    with patch("shutil.get_terminal_size", return_value=os.terminal_size((60, 24))):
        shown = fit(piste, 5)
    assert shown == ("Prévoir une sensibilisation de l'équipe au\n"
                     "     rétablissement (la plateforme peut l'animer).")


def test_a_hint_that_would_not_fit_after_its_question_goes_on_its_own_line() -> None:
    from pairkit.interview.prompts import hint

    with patch("shutil.get_terminal_size", return_value=os.terminal_size((60, 24))):
        assert hint("Type de contrat", "(flèches haut/bas, puis Entrée)") == \
            "(flèches haut/bas, puis Entrée)"
        long = hint("Vers quel piège penchent certaines attentes de l'équipe ?",
                    "(espace pour cocher, entrée pour valider)")
        assert long == "\n  (espace pour cocher, entrée pour valider)"
        assert hint("Une question assez longue pour remplir toute la ligne du terminal", "") == ""


def test_a_post_is_typed_into_the_census_then_changed_in_a_terminal(workdir: Path) -> None:
    """The census's real prompts: the choices, one line for contract ; hours, then a change
    picked from the post's answers, written in place under the same number."""
    child = spawn(["recensement", "ajouter", str(workdir), "--annee", "2026"], workdir)
    child.expect("Structure")
    child.send("Équipe mobile du Forez\r")
    child.expect("Département")
    child.send(DOWN * 6 + "\r")  # Ain … Loire (42)
    child.expect("Secteur")
    child.send("\r")  # the first: Hébergement et logement
    child.expect("Quel employeur")
    child.send("\r")
    child.expect("Quelle sorte de poste")
    child.send("\r")
    child.expect("Intitulé du poste")
    child.send("Travailleur·se pair·e\r")
    child.expect("Le contrat")
    child.send("cdd ; 28\r")
    child.expect("Rémunération mensuelle")
    child.send("1520 ; 1190\r")
    for question in ("financé", "ancienneté", "diplômes", "formation à la pair-aidance"):
        child.expect(question)
        child.send("\r")  # not said
    child.expect("Depuis quand")
    child.send("01/09/2026\r")
    child.expect("Comment la plateforme")
    child.send("\r")
    child.expect("Poste n° P001 enregistré")
    child.expect(pexpect.EOF)
    child.close()
    (post,) = YAML(typ="safe").load((workdir / "recensement-2026.yaml").read_text("utf-8"))["postes"]
    assert post["contrat"] == "CDD" and post["heures_hebdo"] == 28 and post["departement"] == "42"
    assert post["salaire_net_mensuel"] == 1190 and "anciennete_reprise" not in post

    child = spawn(["recensement", "modifier", "P001", str(workdir), "--annee", "2026"], workdir)
    child.expect("Réponses à modifier")
    child.send("Contrat")  # filtered as one types
    child.send(" \r")
    child.expect("Contrat")
    child.send("\x1b[A\r")  # CDD → CDI
    child.expect("Poste n° P001 modifié")
    child.expect(pexpect.EOF)
    child.close()
    posts = YAML(typ="safe").load((workdir / "recensement-2026.yaml").read_text("utf-8"))["postes"]
    assert [(p["id"], p["contrat"]) for p in posts] == [("P001", "CDI")]


def test_the_workshop_is_led_from_the_terminal_while_its_pages_are_served(workdir: Path) -> None:
    import shutil

    from tests.conftest import EXAMPLES

    project = workdir / "chrs"
    shutil.copytree(EXAMPLES / "chrs-grenoble", project, ignore=shutil.ignore_patterns("documents"))
    (project / "motivations.yaml").unlink()
    child = spawn(["atelier", str(project), "--no-browser"], workdir)
    child.expect("Page à projeter : (http://127.0.0.1:[0-9]+/atelier/[^/]+/)")
    child.expect("Que faire")
    child.send("\r")  # Ajouter des mots de l'équipe
    child.expect("Les mots de l'équipe")
    child.send("Parler vrai avec les personnes\r")
    child.expect("Que faire")
    child.sendcontrol("c")
    child.expect("Atelier arrêté")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = YAML(typ="safe").load((project / "motivations.yaml").read_text("utf-8"))
    assert saved["motivations_autres"] == ["Parler vrai avec les personnes"]
