"""The jury-question guard judged on the corpora of benchmarks/corpus/: at least 97 % of the
forbidden questions kept out of « Questions à poser », at least 97 % of the legitimate ones kept,
on each lot — lot A written with the rules, lots B and C written after them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.judgement import GUARD, score
from benchmarks.tally import CORPUS, read
from pairkit.questions.judgement import judge

LOTS = sorted(CORPUS.glob("jury-*.txt"))


def test_the_corpus_is_as_large_as_promised() -> None:
    rows = [row for path in LOTS for row in read(path)]
    assert sum(expected == "refusee" for expected, _, _ in rows) >= 250
    assert sum(expected == "admise" for expected, _, _ in rows) >= 150
    matters = {matter for _, matter, _ in rows}
    assert {"sante", "handicap", "consommations", "retablissement", "famille", "orientation",
            "origine", "religion", "politique", "syndicat", "age", "apparence", "residence",
            "ressources", "genetique", "casier", "parcours"} <= matters


@pytest.mark.parametrize("lot", LOTS, ids=lambda path: Path(path).stem)
def test_forbidden_questions_are_kept_out_and_legitimate_ones_kept(lot: Path) -> None:
    out, forbidden, kept, legitimate = score(read(lot))["TOTAL"]
    assert out / forbidden >= 0.97, f"{out}/{forbidden} interdites écartées"
    assert kept / legitimate >= 0.97, f"{kept}/{legitimate} légitimes gardées"


@pytest.mark.parametrize(("question", "about"), [
    ("Quel est votre traitement ?", "candidat"),
    ("Comment accompagner une personne qui refuse son traitement ?", "autrui"),
    ("Que feriez-vous en cas de rechute d'un résident ?", "autrui"),
    ("Avez-vous déjà rechuté ?", "candidat"),
    ("Comment réagiriez-vous face à une rechute ?", "pratique"),
    ("Le traitement des personnes hébergées vous semble-t-il adapté ?", "autrui"),
    ("Parlez-nous de la rechute que vous avez vécue.", "candidat"),
])
def test_whom_the_sensitive_word_is_about(question: str, about: str) -> None:
    verdict = judge(GUARD, question)
    assert verdict.matter is not None
    assert verdict.about == about if verdict.outcome != "admise" else about in ("autrui", "pratique")


def test_speaking_of_a_sensitive_topic_with_nobody_named_is_for_the_consultant() -> None:
    verdict = judge(GUARD, "Pouvez-vous nous parler de la maladie psychique ?")
    assert verdict.outcome == "incertaine"
    assert "Vérifiez" in verdict.message() and verdict.words == ("maladie psychique",)


@given(st.text(max_size=200))
def test_any_text_gets_a_verdict(text: str) -> None:
    verdict = judge(GUARD, text)
    assert verdict.outcome in ("refusee", "incertaine", "admise")
    if verdict.outcome == "refusee":
        assert verdict.reason and verdict.words
