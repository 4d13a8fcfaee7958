"""The template engine's environment: sandboxed, compiling each template part once, and holding
a customised template to its time budget.

One environment serves the whole process. docxtpl hands it the same XML for every render of a
template; each part is compiled once, and kept between commands by Jinja's own bytecode cache
in pairkit's cache folder (only while that folder is the user's own: `files.cache` checks it).

The time budget is checked where the sandbox already intercepts the template's code: every
call (`range()` included, whose size the sandbox bounds), attribute and item read. A loop that
runs away does so through them; nothing traces the template line by line.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

from pairkit.files import cache

# Word's document properties hold at most 255 characters; the body keeps the whole text.
PROPERTY_LIMIT = 255
# Templates have a few dozen parts; a part rendered twice (docxtpl's footnotes, once per
# section) brings each project's own text, which must not pile up over a batch.
KEPT_PARTS = 256
_CODE = "modeles-code"

_ENV: list[Any] = []
COMPILED: dict[str, Any] = {}
# When the template being rendered must have finished (monotonic clock), if it has a budget.
_DEADLINE: list[float] = []


class OverBudget(Exception):
    """A customised template took longer than its budget."""


def bounded(memo: dict[str, Any]) -> None:
    """Empty a memo of template parts that has grown to `KEPT_PARTS`."""
    if len(memo) >= KEPT_PARTS:
        memo.clear()


@contextlib.contextmanager
def budget(seconds: float | None) -> Iterator[None]:
    """Within this block, a template running longer than `seconds` raises OverBudget."""
    if seconds is None:
        yield
        return
    _DEADLINE.append(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.pop()


def _check() -> None:
    if _DEADLINE and time.monotonic() > _DEADLINE[-1]:
        raise OverBudget


def _bytecode_cache() -> Any:
    from jinja2 import BytecodeCache

    class OwnFolder(BytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            kept = cache.read_bytes(_CODE, f"{bucket.key}.code")
            if kept is not None:
                bucket.bytecode_from_string(kept)  # checks Jinja's version and the source

        def dump_bytecode(self, bucket: Any) -> None:
            cache.write_bytes(_CODE, f"{bucket.key}.code", bucket.bytecode_to_string())

    return OwnFolder()


def environment() -> Any:
    """The process's one sandboxed environment (made at first use: Jinja is imported then)."""
    if _ENV:
        return _ENV[0]
    from jinja2.sandbox import SandboxedEnvironment

    class Pairkit(SandboxedEnvironment):
        def from_string(self, source: Any, globals: Any = None,
                        template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            found = COMPILED.get(source)
            if found is None:
                bounded(COMPILED)
                found = COMPILED[source] = self.template_class.from_code(
                    self, self._code(source), self.make_globals(None))
            return found

        def _code(self, source: str) -> Any:
            kept = self.bytecode_cache
            assert kept is not None  # set below, at the environment's creation
            bucket = kept.get_bucket(self, cache.digest(source), None, source)
            if bucket.code is None:
                bucket.code = self.compile(source)
                kept.set_bucket(bucket)
            return bucket.code

        # The sandbox's public hooks: the budget is checked at each.
        # Named as Jinja names them, so that no keyword of the template's call collides.
        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _check()
            return super().call(__context, __obj, *args, **kwargs)

        def getattr(self, obj: Any, attribute: str) -> Any:
            _check()
            return super().getattr(obj, attribute)

        def getitem(self, obj: Any, argument: Any) -> Any:
            _check()
            return super().getitem(obj, argument)

    env = Pairkit(autoescape=True, bytecode_cache=_bytecode_cache())
    env.filters["propriete"] = lambda text: str(text)[:PROPERTY_LIMIT]
    _ENV.append(env)
    return env
