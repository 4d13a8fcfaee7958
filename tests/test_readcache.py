"""The fast read path: a file read once is read again from its JSON copy, never stale."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pairkit.errors import ProjectFileError
from pairkit.files import fastyaml, readcache
from pairkit.files.project import Project
from pairkit.files.yamlfiles import dump_to_string, load_document, to_plain
from pairkit.method.registry import ALL_STEPS, step_named


def _no_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> None:
        raise AssertionError(f"round-trip parse of {path}")

    monkeypatch.setattr("pairkit.files.yamlfiles.load_document", refuse)


def test_an_unchanged_file_is_read_without_the_yaml_parser(example, monkeypatch) -> None:
    project = example("chrs-grenoble")
    first = {step.id: Project(project).answers(step) for step in ALL_STEPS}
    _no_round_trip(monkeypatch)
    again = {step.id: Project(project).answers(step) for step in ALL_STEPS}
    assert again == first and first["fiche_de_poste"]["salaire_brut_mensuel"] == 1980


def test_a_changed_file_is_read_again(example) -> None:
    project = example("chrs-grenoble")
    fiche = step_named("fiche_de_poste")
    assert Project(project).answers(fiche)["salaire_brut_mensuel"] == 1980
    path = project / "fiche-de-poste.yaml"
    stat = path.stat()
    path.write_text(path.read_text("utf-8").replace("1980", "2010"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time: the size tells
    assert Project(project).answers(fiche)["salaire_brut_mensuel"] == 2010


def test_a_file_broken_after_it_was_cached_gets_its_line(cli, example) -> None:
    project = example("chrs-grenoble")
    assert cli("statut", project).exit_code == 0
    path = project / "plan.yaml"
    path.write_text(path.read_text("utf-8") + "date_prise_poste: le mois prochain\n", "utf-8")
    result = cli("verifier", project)
    assert result.exit_code == 1
    assert "plan.yaml" in result.output and "ligne" in result.output


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(cli, example, monkeypatch) -> None:
    project = example("chrs-grenoble")

    def refuse(path: object, text: str) -> None:
        raise PermissionError(13, "lecture seule", str(path))

    monkeypatch.setattr("pairkit.files.atomic.write_copy", refuse)
    result = cli("statut", project)
    assert result.exit_code == 0, result.output
    assert not list((readcache.cache_dir() / "projets").glob("*.json"))


# --- the C parser's first read: the same content as ruamel's, or no answer ---------------------

def _ruamel(text: str, tmp_path) -> object:
    path = tmp_path / "f.yaml"
    path.write_text(text, "utf-8")
    return to_plain(load_document(path))


TEXTS = [
    "heure: 12:30\nrefus: NO\ntel: 0612\nvide:\nnul: ~\nnull2: null\njour: 2026-03-02\n",
    "n: 1e3\ninf: .inf\noui: yes\noct: 0o17\nsexa: 1:30:00\nbool: True\n",
    "bloc: |\n  ligne un\n  ligne deux\nplie: >-\n  un\n  deux\n",
    'echap: "tab\\tfin \\u00e9 \\x41"\nsimple: \'l\'\'eau\'\n',
    "liste:\n  - a\n  - - b\n    - 3\n  - {x: 1, y: [2, ~]}\n",
    "base: &b {lieu: Lyon}\nici:\n  <<: *b\n  heure: 10:00\n",
    "1: un\n2.5: deux\nyes: trois\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_c_parser_reads_each_file_as_ruamel_does(text, tmp_path) -> None:
    fast = fastyaml.load_text_mapping(text)
    assert fast is not fastyaml.UNSURE
    assert fast == _ruamel(text, tmp_path)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                      # a key twice: ruamel names the line
    "a: !!binary aGVsbG8=\n",            # a value that is not text
    "a: !etrange x\n",                   # an unknown tag
    "? [a, b]\n: c\n",                  # a key that is not text
    "- a\n- b\n",                       # not a mapping
    "a: [b\n",                           # a syntax error
    "a: 'ouvert\n",
    "~: a\n",                            # a null key
    "a: b\t\n",                         # a tab: ruamel refuses some that libyaml takes
    "a: !!str 1\n",                      # a tag written in the file, even a standard one
    "a: =\n",                            # YAML's « value » tag
    "# rien\n",                          # an empty file (ruamel makes it an empty mapping)
    "a: b\u2028c\n",                    # Unicode's own line breaks
])
def test_the_c_parser_leaves_every_doubt_to_ruamel(text) -> None:
    assert fastyaml.load_text_mapping(text) is fastyaml.UNSURE


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_VALUE = st.recursive(
    st.one_of(st.none(), _TEXT, st.sampled_from(["12:30", "NO", "0612", "2026-03-02", "1e3", "~",
                                                  "- x", "a: b", "#", "&a", "'", '"', "\t", " "])),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(_TEXT.filter(bool), inner, max_size=4)),
    max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_TEXT.filter(bool), _VALUE, max_size=5))
def test_whatever_pairkit_writes_reads_back_the_same_by_both_parsers(data) -> None:
    """pairkit's own writer (ruamel) against both readers: same content, or ruamel decides."""
    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap(data)
    text = dump_to_string(doc)
    fast = fastyaml.load_text_mapping(text)
    if fast is fastyaml.UNSURE:
        return
    import io

    from pairkit.files.yamlfiles import _yaml

    assert fast == to_plain(_yaml().load(io.StringIO(text)) or {})


def test_every_example_and_old_file_reads_the_same_by_both_parsers(tmp_path) -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("examples/**/*.yaml"), *root.glob("tests/fixtures/v1/**/*.yaml")]
    assert len(files) > 30
    for path in files:
        fast = fastyaml.load_text_mapping(path.read_text("utf-8-sig"))
        assert fast is not fastyaml.UNSURE, path
        assert fast == to_plain(load_document(path)), path


def test_a_file_the_c_parser_doubts_still_gets_its_french_line(tmp_path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("version_schema: 2\nbilans: {}\nbilans: {}\n", "utf-8")
    with pytest.raises(ProjectFileError) as raised:
        readcache.read_plain(path)
    problem = raised.value.problems[0]
    assert problem.line == 3 and "clé en double" in str(problem)


def test_without_the_c_parser_ruamel_reads_everything(example, monkeypatch) -> None:
    fastyaml._loader.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "yaml", None)
    try:
        assert fastyaml.load_text_mapping("a: b\n") is fastyaml.UNSURE
        project = example("chrs-grenoble")
        fiche = step_named("fiche_de_poste")
        assert Project(project).answers(fiche)["salaire_brut_mensuel"] == 1980
    finally:
        fastyaml._loader.cache_clear()


_PIECES = st.sampled_from([
    "a", "nom", ":", ": ", " ", "  ", "\n", "\n  ", "\n    ", "- ", "-", "#", " #x", "'", '"', "\\",
    "{", "}", "[", "]", ",", "&x ", "*x", "|", ">", "|-", "?", "!", "%", "@", "`", "~", "null", "yes",
    "12:30", "0612", "1e3", "2026-02-30", "é", "…", "\u00a0", "\r\n", "<<", "=", "---", "...",
    "\x85", "\u2028", "\ufeff", "\t", "a: b", '"x\\ty"', "'l''e'"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=25))
def test_a_hand_written_file_is_read_by_libyaml_only_as_ruamel_reads_it(pieces) -> None:
    """Whatever a person typed: the C parser reads it as ruamel does, or leaves it to ruamel;
    it never takes a file that ruamel refuses."""
    import io

    from pairkit.files.yamlfiles import _yaml

    text = "".join(pieces)
    fast = fastyaml.load_text_mapping(text)
    if fast is fastyaml.UNSURE:
        return
    slow = _yaml().load(io.StringIO(text))  # raises if ruamel refuses what libyaml took
    assert fast == to_plain(slow)
