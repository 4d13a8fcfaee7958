"""The document renderer: project answers → Word documents, through docxtpl templates.

Answers are passed as data and escaped (autoescape), never evaluated as template code;
characters Word's XML cannot hold are removed first.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import time
from pathlib import Path
from typing import Any

from pairkit import __version__
from pairkit.dates_fr import long_date
from pairkit.documents.layout import keep_pages_whole
from pairkit.documents.outputs import CONTENT_PARTS, MARK, Written, content_digest, write_output
from pairkit.errors import StepNotReady, TemplateProblem
from pairkit.files import cache
from pairkit.files.project import Project
from pairkit.method.registry import project_vigilance
from pairkit.method.step import ExtraDocument, Step
from pairkit.resources import bundled_templates_dir, template_search_path

PLATFORM = "Plateforme de promotion et de développement du travail pair"

# XML 1.0 allows tab, newline, carriage return and most of Unicode; nothing else.
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# docxtpl turns these escape sequences of template authors back into braces after rendering;
# an invisible word joiner keeps an answer that contains them as it was typed.
_DOCXTPL_ESCAPES = re.compile(r"([{%])_(?=[{%])|([}%])_(?=[}%])")


# Keys under which contexts carry points de vigilance; public documents never receive them.
_VIGILANCE_KEYS = frozenset({"vigilances", "autres_vigilances", "bloquants"})


def clean_text(text: str) -> str:
    """An answer as Word's XML can hold it, shown as typed."""
    # A line break pasted from Word arrives as a vertical tab; a page break as a form feed.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n")
    text = _XML_ILLEGAL.sub("", text)
    return _DOCXTPL_ESCAPES.sub(lambda m: (m.group(1) or m.group(2)) + "\u2060_", text)


def clean(value: Any) -> Any:
    """`clean_text` applied to every text of a context."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def without_vigilance(value: Any) -> Any:
    """A context with every point de vigilance taken out, for a public document."""
    if isinstance(value, dict):
        return {k: without_vigilance(v) for k, v in value.items() if k not in _VIGILANCE_KEYS}
    if isinstance(value, list):
        return [without_vigilance(v) for v in value]
    return value


def find_template(project: Project, name: str) -> Path:
    """The template `name`: the project's `modeles/`, the user's folder, then the bundled one."""
    searched = template_search_path(project.root)
    for folder in searched:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise TemplateProblem(
        f"Modèle de document « {name} » introuvable (cherché dans : "
        f"{', '.join(str(f) for f in searched)}).",
        hint="Réinstallez pairkit ou remettez le modèle dans le dossier « modeles/ » du projet.",
    )


def common_context(header: dict[str, Any], title: str, today: dt.date | None = None) -> dict[str, Any]:
    """What every document shows: the structure's header, the platform, title and date."""
    return {
        "structure": header,
        "plateforme": PLATFORM,
        "titre_document": title,
        "date_document": long_date(today or dt.date.today(), weekday=False),
        "version_pairkit": __version__,
    }


# Word's document properties hold at most 255 characters; the body keeps the whole text.
PROPERTY_LIMIT = 255
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
# A customised template gets this long to render: a runaway loop must not hang a batch.
CUSTOM_TEMPLATE_SECONDS = 20.0


class _OverBudget(Exception):
    """A customised template took longer than its budget."""


_ENV: list[Any] = []
_COMPILED: dict[str, Any] = {}
# Templates have a few dozen parts; a part rendered twice (docxtpl's footnotes, once per
# section) brings each project's own text, which must not pile up over a batch.
_KEPT_PARTS = 256


def _bounded(memo: dict[str, Any]) -> None:
    if len(memo) >= _KEPT_PARTS:
        memo.clear()


def _bytecode_cache() -> Any:
    """Jinja's cache of compiled templates, kept in pairkit's cache folder while that folder is
    the user's own (`cache` checks it, and the owner of each file read back)."""
    from jinja2 import BytecodeCache

    class OwnFolder(BytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            kept = cache.read_bytes(_CODE, f"{bucket.key}.code")
            if kept is not None:
                bucket.bytecode_from_string(kept)  # checks Jinja's version and the source

        def dump_bytecode(self, bucket: Any) -> None:
            cache.write_bytes(_CODE, f"{bucket.key}.code", bucket.bytecode_to_string())

    return OwnFolder()


_CODE = "modeles-code"


def _jinja_env() -> Any:
    """One sandboxed environment per process, which compiles each template part only once.

    docxtpl hands the environment the same XML for every render of a template; compiling it
    was most of a document's cost in a batch (63 compilations per project). Compiled parts are
    kept between commands by Jinja's own bytecode cache, keyed on the part's text.
    """
    if _ENV:
        return _ENV[0]
    from jinja2.sandbox import SandboxedEnvironment

    class CompilingOnce(SandboxedEnvironment):
        def from_string(self, source: Any, globals: Any = None,
                        template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            found = _COMPILED.get(source)
            if found is None:
                _bounded(_COMPILED)
                found = _COMPILED[source] = self.template_class.from_code(
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

    env = CompilingOnce(autoescape=True, bytecode_cache=_bytecode_cache())
    env.filters["propriete"] = lambda text: str(text)[:PROPERTY_LIMIT]
    _ENV.append(env)
    return env


def _bounded_properties(template: Any) -> None:
    """Cut what the answers put in the document's properties to what Word holds."""
    core = template.docx.core_properties
    for name in _RENDERED_PROPERTIES:
        value = getattr(core, name) or ""
        if "{{" in value or "{%" in value:
            setattr(core, name, "{% filter propriete %}" + value + "{% endfilter %}")


def _render_within(template: Any, context: dict[str, Any], seconds: float | None) -> None:
    """Render; a customised template that outlasts `seconds` is stopped inside its own code."""
    if seconds is None:
        template.render(context, jinja_env=_jinja_env(), autoescape=True)
        return
    deadline = time.monotonic() + seconds

    def watch(frame: Any, event: str, arg: Any) -> Any:
        if time.monotonic() > deadline:
            raise _OverBudget
        # Only the template's own code is watched line by line (a loop that never calls out).
        return watch if frame.f_code.co_filename == "<template>" else None

    previous = sys.gettrace()
    sys.settrace(watch)
    try:
        template.render(context, jinja_env=_jinja_env(), autoescape=True)
    finally:
        sys.settrace(previous)


_PATCHED: dict[str, str] = {}
_TEMPLATE_CLASS: list[Any] = []


def _template_class() -> Any:
    """docxtpl's template, whose clean-up of each part's XML is done once per process, and
    kept (as text, keyed on the XML) for the next.

    Before Jinja sees a part, docxtpl cleans its XML with some twenty regular expressions; the
    result depends on the XML alone (and docxtpl's version), the same for every render of a
    template, and cost a sixth of each document in a batch.
    """
    if _TEMPLATE_CLASS:
        return _TEMPLATE_CLASS[0]
    import docxtpl
    from docxtpl import DocxTemplate

    tag = f"docxtpl {docxtpl.__version__}|{__version__}"

    class PatchingOnce(DocxTemplate):  # type: ignore[misc]
        def patch_xml(self, src_xml: str) -> str:
            found = _PATCHED.get(src_xml)
            if found is None:
                _bounded(_PATCHED)

                def patch() -> str:
                    return str(super(PatchingOnce, self).patch_xml(src_xml))

                key = cache.digest(tag, src_xml)
                found = _PATCHED[src_xml] = cache.kept("modeles", key, key, patch)
            return found

    _TEMPLATE_CLASS.append(PatchingOnce)
    return PatchingOnce


def _custom(template_path: Path) -> bool:
    return template_path.parent.resolve() != bundled_templates_dir().resolve()


def fill_template(template_path: Path, context: dict[str, Any]) -> bytes:
    """A .docx template filled with `context` (already cleaned), as bytes."""
    from jinja2 import TemplateError

    budget = CUSTOM_TEMPLATE_SECONDS if _custom(template_path) else None
    try:
        template = _template_class()(io.BytesIO(template_path.read_bytes()))
        template.render_init()
        _bounded_properties(template)
        _render_within(template, context, budget)
    except _OverBudget:
        raise TemplateProblem(
            f"Le modèle « {template_path} » n'a pas fini en {budget:.0f} secondes : une boucle "
            "sans fin, ou beaucoup trop longue ?",
            hint="Corrigez la boucle ({% for … %}) dans Word, ou supprimez ce modèle personnalisé "
            "pour revenir à celui de pairkit.",
        ) from None
    except TemplateError as exc:
        raise TemplateProblem(
            f"Le modèle « {template_path} » contient une balise incorrecte : {exc}.",
            hint="Corrigez la balise dans Word (ex. {{ structure.nom }}) ou supprimez ce modèle "
            "personnalisé pour revenir à celui de pairkit.",
        ) from None
    except TypeError as exc:
        if "loader" not in str(exc):
            raise _unreadable(template_path, exc) from exc
        raise TemplateProblem(
            f"Le modèle « {template_path} » inclut un autre fichier ({{% include %}}, "
            "{% import %} ou {% extends %}) : ce n'est pas pris en charge.",
            hint="Recopiez le contenu voulu dans le modèle lui-même.",
        ) from None
    except Exception as exc:  # a damaged .docx: zip or XML errors of many kinds
        raise _unreadable(template_path, exc) from exc
    keep_pages_whole(template.docx)
    mark(template.docx)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def mark(document: Any) -> None:
    """Leave in the document the digest of its content, to know later if a person edited it."""
    parts = {str(part.partname).lstrip("/"): part.blob for part in document.part.package.iter_parts()
             if CONTENT_PARTS.fullmatch(str(part.partname).lstrip("/"))}
    document.core_properties.identifier = MARK + content_digest(parts)


def _unreadable(template_path: Path, exc: Exception) -> TemplateProblem:
    return TemplateProblem(
        f"Le modèle « {template_path} » est illisible ({type(exc).__name__}).",
        hint="Rouvrez-le dans Word et enregistrez-le au format .docx, ou supprimez-le.",
    )


def step_context(project: Project, step: Step[Any], header: dict[str, Any],
                 today: dt.date | None = None) -> dict[str, Any]:
    """A step's document context: common part, the step's own, and (internal) other points."""
    context = {**common_context(header, step.label, today), **step.build_context(project)}
    if step.gathers_vigilance:
        # Every point not already in the step's own table (its own answers' words included).
        own = step.vigilance(project) if step.vigilance is not None else []
        context["autres_vigilances"] = [v.as_dict() for v in project_vigilance(project)
                                        if v not in own]
    if step.public:
        context = without_vigilance(context)
    cleaned: dict[str, Any] = clean(context)
    return cleaned


def render_step(project: Project, step: Step[Any], header: dict[str, Any],
                today: dt.date | None = None) -> list[Written]:
    """Render one step's document (and its calendar file, if any) into `documents/`."""
    if not project.has(step):
        raise StepNotReady(
            f"L'étape « {step.label} » n'a pas encore de réponses : pas de document à produire.",
            hint=f"Lancez « pairkit {step.command} {project.root} ».",
        )
    context = step_context(project, step, header, today)
    target = project.documents_dir / step.document
    payload = fill_template(find_template(project, step.template), context)
    written = [write_output(target, payload)]
    if step.calendar is not None:
        from pairkit.documents.ics import calendar

        events = step.calendar(project)
        if events:
            name = f"{step.label} — {header.get('nom', project.name)}"
            written.append(write_output(target.with_suffix(".ics"), calendar(events, name)))
    return written


def render_extra(project: Project, extra: ExtraDocument, header: dict[str, Any],
                 today: dt.date | None = None) -> Written:
    """A document a step asks for besides its own (the revised fiche after month 6)."""
    context = clean({**common_context(header, extra.title, today), **extra.context})
    payload = fill_template(find_template(project, extra.template), context)
    return write_output(project.documents_dir / extra.filename, payload)


def render_all(project: Project, steps: tuple[Step[Any], ...], header: dict[str, Any],
               today: dt.date | None = None) -> tuple[list[Written], list[str]]:
    """Every document whose step is complete; the reasons others were skipped."""
    written: list[Written] = []
    skipped: list[str] = []
    for step in steps:
        if not project.has(step):
            continue
        missing = project.missing(step)
        if missing:
            names = ", ".join(q.name for q in missing)
            skipped.append(f"{step.label} : étape incomplète ({names}).")
            continue
        try:
            written.extend(render_step(project, step, header, today))
        except StepNotReady as exc:
            skipped.append(f"{step.label} : {exc.message}")
    return written, skipped

