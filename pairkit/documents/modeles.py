"""The platform's own Word templates: export the bundled ones, check customised ones.

A check reads every tag of a customised template and compares it with what pairkit provides
(computed on the bundled example projects) and with what the bundled template uses.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pairkit.documents.context import common_context, step_context
from pairkit.errors import PairkitError, TemplateProblem
from pairkit.files.atomic import copy_private, make_folder
from pairkit.files.checklists import method_digest
from pairkit.files.project import STRUCTURE_FILE, Project
from pairkit.method.registry import ALL_STEPS, HEADER_STEP, structure_header
from pairkit.resources import bundled_templates_dir, examples_dir

_EXPRESSION = re.compile(r"\{[{%](.*?)[%}]\}", re.DOTALL)
_LOOP = re.compile(r"\bfor\s+(\w+)(?:\s*,\s*(\w+))?\s+in\b")
_NAME = re.compile(r"(?<![\w.'\"])([a-z_][a-z0-9_]*)((?:\.[a-z_][a-z0-9_]*)*)")
_KEYWORDS = {"p", "tr", "tc", "r", "if", "endif", "for", "endfor", "in", "not", "and", "or", "is",
             "else", "elif", "defined", "none", "true", "false", "loop", "length", "join", "lower",
             "upper", "default", "sameas", "set", "endset", "format", "replace", "trim"}


@dataclass
class Report:
    """What the check of one customised template found."""

    path: Path
    unknown: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether pairkit can render the template (nothing unknown, no error)."""
        return not self.unknown and self.error is None


def template_text(path: Path) -> str:
    """The text of a .docx, tags included, across the runs Word splits them into."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [n for n in archive.namelist()
                     if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
            xml = "".join(archive.read(n).decode("utf-8") for n in parts)
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, OSError):
        raise TemplateProblem(f"« {path} » n'est pas un document Word (.docx) lisible.",
                              hint="Enregistrez-le depuis Word au format .docx.") from None
    text = re.sub(r"</w:p>", "\n", xml)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def names_used(text: str) -> set[str]:
    """Dotted names a template reads (« fiche.intitule »), loop variables left out."""
    used: set[str] = set()
    expressions = _EXPRESSION.findall(text)
    local: set[str] = set()
    for expression in expressions:
        for match in _LOOP.finditer(expression):
            local.update(g for g in match.groups() if g)
    for expression in expressions:
        cleaned = re.sub(r"'[^']*'|\"[^\"]*\"", "", expression)
        for base, rest in _NAME.findall(cleaned):
            if base in _KEYWORDS or base in local:
                continue
            parts = [base, *[p for p in rest.split(".") if p]]
            used.add(".".join(parts[:2]))
    return used


def _keys(value: Any, prefix: str, out: set[str]) -> None:
    out.add(prefix)
    if isinstance(value, dict):
        for key in value:
            out.add(f"{prefix}.{key}")


def provided() -> frozenset[str]:
    """Every name pairkit puts in a document's context, computed on the bundled examples.

    A step's question names count too, under its document's namespace (« fiche », « info »…),
    since an unanswered question is simply absent from a given project. Computed once per
    content of the method: a question the platform adds is a name provided at once.
    """
    return _provided(method_digest())


@cache
def _provided(_method: str) -> frozenset[str]:
    names: set[str] = {"fiche.revision"}  # set for the revised fiche proposed at month 6
    for example in sorted(p for p in examples_dir().iterdir() if p.is_dir()):
        project = Project(example)
        header = structure_header(project)
        for step in ALL_STEPS:
            if not project.has(step):
                continue
            common = common_context(header, step.info.document_title or step.label,
                                    established=step.info.established)
            for key, value in step_context(project, step, header).items():
                _keys(value, key, names)
                if key not in common:
                    names.update(f"{key}.{q.name.split('.')[0]}" for q in step.content().questions)
    names.update(f"structure.{q.name}" for q in HEADER_STEP.content().questions)
    return frozenset(names)


def export(target: Path) -> list[Path]:
    """Copy the bundled templates (for a project folder, into its `modeles/`)."""
    folder = target / "modeles" if (target / STRUCTURE_FILE).is_file() else target
    make_folder(folder)
    copied = []
    for source in sorted(bundled_templates_dir().glob("*.docx")):
        destination = folder / source.name
        if destination.exists():
            continue  # never overwrite a customised template
        copy_private(source, destination)
        copied.append(destination)
    return copied


def verify_templates(target: Path) -> list[Report]:
    """A report per customised template: unknown tags, information no longer shown, errors."""
    folder = target / "modeles" if (target / "modeles").is_dir() else target
    if not folder.is_dir():
        raise PairkitError(f"Le dossier « {target} » n'existe pas.",
                           hint="Exportez d'abord les modèles : pairkit modeles exporter DOSSIER.")
    known = provided()
    bundled = {p.name: p for p in bundled_templates_dir().glob("*.docx")}
    reports = []
    for path in sorted(folder.glob("*.docx")):
        report = Report(path)
        if not path.is_file():  # a folder, a pipe, a broken link: nothing to open (a pipe would hang)
            report.error = "ce n'est pas un fichier Word : un dossier, un lien cassé ou un fichier spécial."
            reports.append(report)
            continue
        if path.name not in bundled:
            report.error = ("pairkit n'utilise pas de modèle de ce nom (noms attendus : "
                            f"{', '.join(sorted(bundled))}).")
            reports.append(report)
            continue
        try:
            used = names_used(template_text(path))
            reference = names_used(template_text(bundled[path.name]))
            _compile(path)
        except TemplateProblem as exc:
            report.error = exc.message
            reports.append(report)
            continue
        report.unknown = sorted(n for n in used if n not in known)
        report.dropped = sorted(reference - used)
        reports.append(report)
    return reports


def _compile(path: Path) -> None:
    """Jinja syntax errors, found the way docxtpl will meet them."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    try:
        template = DocxTemplate(str(path))
        template.render_init()
        xml = template.patch_xml(template.get_xml())
    except Exception:  # a zip that is not a .docx, broken XML: errors of many kinds
        raise TemplateProblem(f"« {path} » n'est pas un document Word (.docx) lisible.",
                              hint="Enregistrez-le depuis Word au format .docx.") from None
    try:
        SandboxedEnvironment().parse(xml)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"balise incorrecte (accolade ou « %}} » manquant ?) : {exc.message}"
        ) from None
