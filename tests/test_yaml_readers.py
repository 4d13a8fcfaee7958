"""The quick reader of step files (ruamel's C parser) must build exactly what the round-trip
reader builds: every scalar but null as text. Pinned on every bundled file, on scalars YAML
would type, and on generated documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from pairkit.errors import ProjectFileError
from pairkit.files.yamlfiles import _plain, _quick_yaml, load_document, save_document, to_plain

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(_quick_yaml() is None, reason="ruamel.yaml.clib absent")


def _both(path: Path) -> tuple[object, object]:
    raw = path.read_bytes()
    return to_plain(load_document(path, raw)), _plain(path, raw)


def test_every_bundled_file_reads_the_same_by_both_readers() -> None:
    files = [*ROOT.joinpath("examples").rglob("*.yaml"), *ROOT.joinpath("tests", "fixtures").rglob("*.yaml")]
    assert len(files) > 40
    for path in files:
        slow, quick = _both(path)
        assert quick == slow, path


TYPED = """\
heures: 35
oui_non: yes
non: NO
code: 0612
octal: 0o17
hexa: 0x1F
heure: 12:30
date: 2026-03-02
moment: 2026-03-02 10:00:00
flottant: 1e3
infini: .inf
rien: ~
vide:
nul: null
quote: "12"
liste: [1, oui, 2026-01-01]
bloc: |
  deux
  lignes
fusion:
  <<: {a: 1}
  b: 2
ancre: &x {c: 3}
alias: *x
"""


def test_scalars_yaml_would_type_stay_text_in_both(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(TYPED, "utf-8")
    slow, quick = _both(path)
    assert quick == slow
    assert quick["heures"] == "35" and quick["code"] == "0612" and quick["heure"] == "12:30"
    assert quick["rien"] is None and quick["vide"] is None


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "a: [1, 2\n", "a:\tb\n", "- a\n- b\n",
                                  "a: 'non fermé\n"])
def test_what_the_quick_reader_refuses_is_said_by_the_round_trip_one(tmp_path: Path, text: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ProjectFileError) as slow:
        load_document(path)
    with pytest.raises(ProjectFileError) as quick:
        _plain(path, path.read_bytes())
    assert str(quick.value.problems[0]) == str(slow.value.problems[0])


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.dates(),
                     st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.text("abcdefgh_.", min_size=1, max_size=8), inner, max_size=4)), max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_any_text_typed_by_hand_reads_the_same_or_is_refused_the_same(
        tmp_path_factory: pytest.TempPathFactory, value: str) -> None:
    """A value typed in an editor, as is, after a key: both readers agree, or both refuse."""
    path = tmp_path_factory.mktemp("saisie") / "f.yaml"
    path.write_bytes(f"cle: {value}\nautre: fin\n".encode())
    try:
        slow: object = to_plain(load_document(path))
    except ProjectFileError as exc:
        slow = str(exc.problems[0])
    try:
        quick: object = _plain(path, path.read_bytes())
    except ProjectFileError as exc:
        quick = str(exc.problems[0])
    if "TaggedScalar" in repr(slow):  # a tag (« !x », « = »): the same object type, compared by text
        slow, quick = repr(slow), repr(quick)
    assert quick == slow


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text("abcdefghij_", min_size=1, max_size=10), _values, max_size=6))
def test_what_pairkit_writes_reads_the_same_by_both_readers(tmp_path_factory: pytest.TempPathFactory,
                                                           content: dict[str, object]) -> None:
    path = tmp_path_factory.mktemp("lecteurs") / "f.yaml"
    doc = CommentedMap()
    for key, value in content.items():
        doc[key] = value
    save_document(path, doc)
    slow, quick = _both(path)
    assert quick == slow
