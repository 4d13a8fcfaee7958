"""The first read of a step file, by libyaml's C parser (PyYAML), when it reads as ruamel would.

ruamel's round-trip parser, in pure Python, costs about 13 ms a file; the C parser under a
millisecond. Only reading uses it: writing keeps ruamel, comments and all. It follows pairkit's
rule that every value but null is text (`12:30`, `NO`, `0612` stay as typed), and it answers
only for files whose reading leaves no doubt: anything else (a syntax error, a duplicate key, a
tag, a tab, a key that is not text, a file that is not a mapping, no C parser installed)
returns UNSURE, and the caller asks ruamel, which either reads the file or names the line of the
problem in French.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

UNSURE = object()


class _Doubt(Exception):
    """Something ruamel may read otherwise: let it decide."""


_TEXT = "tag:pairkit,2026:text"
# Characters the two parsers do not read alike: libyaml takes some tabs ruamel refuses (with
# their line), and the line breaks of Unicode (NEL, LS, PS) and a byte-order mark inside the
# text are read differently.
_ODD = re.compile("[\t\x85\u2028\u2029\ufeff]")
# What ruamel reads as text when no tag is written (pairkit's text constructor, and strings).
_AS_TEXT = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "timestamp"))


@cache
def _loader() -> Any:
    """A loader class on libyaml's parser that keeps every scalar as text; None without one."""
    try:
        import yaml
        base = yaml.CSafeLoader
    except (ImportError, AttributeError):
        return None  # PyYAML built without libyaml: ruamel reads everything

    class TextLoader(base):  # type: ignore[misc,valid-type]
        """Scalars as their text, null as None; a key given twice or a tag refused."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            # Every scalar without a tag gets pairkit's own: a YAML tag left on a node was
            # written in the file (`!!str 12`), which ruamel reads otherwise.
            tag = super().resolve(kind, value, implicit)
            return _TEXT if kind is yaml.ScalarNode and tag in _AS_TEXT else tag

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            self.flatten_mapping(node)  # `<<` merges, as ruamel does
            keys = [key.value for key, _ in node.value]
            if len(set(keys)) != len(keys):
                raise _Doubt
            return super().construct_mapping(node, deep=deep)

        def refuse(self, node: Any) -> Any:
            raise _Doubt

    TextLoader.add_constructor(_TEXT, TextLoader.construct_scalar)
    for tag in ("int", "float", "bool", "timestamp", "str", "binary", "value", "merge"):
        TextLoader.add_constructor(f"tag:yaml.org,2002:{tag}", TextLoader.refuse)
    TextLoader.add_constructor(None, TextLoader.refuse)  # any other tag
    return TextLoader


def _plain(value: Any) -> bool:
    """Whether a loaded value holds only text, nulls, lists and mappings keyed by text."""
    stack = [value]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if id(node) in seen:
                continue  # an alias: its size is the caller's check
            seen.add(id(node))
            if not all(isinstance(key, str) for key in node):
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.extend(node)
        elif node is not None and not isinstance(node, str):
            return False
    return True


def load_text_mapping(text: str) -> Any:
    """The plain content of a step file's text (a dict), or UNSURE."""
    loader = _loader()
    if loader is None or _ODD.search(text):
        return UNSURE
    import yaml

    try:
        data = yaml.load(text, Loader=loader)
    except (yaml.YAMLError, _Doubt, RecursionError, ValueError, TypeError):
        return UNSURE
    if not isinstance(data, dict) or not _plain(data):  # an empty file too: ruamel says
        return UNSURE
    return data
