"""Word templates: where each is found, and how docxtpl fills one with a context.

docxtpl cleans each part's XML before Jinja sees it (some twenty regular expressions); the
result depends on the XML alone, so it is done once per process and kept, keyed on the XML,
for the next — through `patch_xml`, the one method of docxtpl pairkit overrides (pinned by
`tests/test_render.py`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pairkit import __version__
from pairkit.documents import jinja
from pairkit.documents.layout import keep_pages_whole
from pairkit.documents.outputs import CONTENT_PARTS, MARK, content_digest
from pairkit.errors import TemplateProblem
from pairkit.files import cache
from pairkit.files.project import Project
from pairkit.resources import bundled_templates_dir, template_search_path

_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
# A customised template gets this long to render: a runaway loop must not hang a batch.
CUSTOM_TEMPLATE_SECONDS = 20.0

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


def _bounded_properties(template: Any) -> None:
    """Cut what the answers put in the document's properties to what Word holds."""
    core = template.docx.core_properties
    for name in _RENDERED_PROPERTIES:
        value = getattr(core, name) or ""
        if "{{" in value or "{%" in value:
            setattr(core, name, "{% filter propriete %}" + value + "{% endfilter %}")


PATCHED: dict[str, str] = {}
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
            found = PATCHED.get(src_xml)
            if found is None:
                jinja.bounded(PATCHED)

                def patch() -> str:
                    return str(super(PatchingOnce, self).patch_xml(src_xml))

                key = cache.digest(tag, src_xml)
                found = PATCHED[src_xml] = cache.kept("modeles", key, key, patch)
            return found

    _TEMPLATE_CLASS.append(PatchingOnce)
    return PatchingOnce


def _custom(template_path: Path) -> bool:
    """Whether a template is not one of those pairkit provides."""
    return template_path.parent.resolve() != bundled_templates_dir().resolve()


def fill_template(template_path: Path, context: dict[str, Any]) -> bytes:
    """A .docx template filled with `context` (already cleaned), as bytes."""
    from jinja2 import TemplateError

    budget = CUSTOM_TEMPLATE_SECONDS if _custom(template_path) else None
    try:
        template = _template_class()(io.BytesIO(template_path.read_bytes()))
        template.render_init()
        _bounded_properties(template)
        with jinja.budget(budget):
            template.render(context, jinja_env=jinja.environment(), autoescape=True)
    except jinja.OverBudget:
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
