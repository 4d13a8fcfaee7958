"""The platform's own copy of the method: export the bundled checklists, check an edited copy.

A copy is checked the way pairkit will read it: each file parses; each step's checklist is a
valid list of questions with its `etape` block; conditions, sources and catalogues point to
things that exist; the Word templates still find every answer they show; every point de
vigilance pairkit raises still has its wording.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pairkit.documents.modeles import names_used, template_text
from pairkit.errors import PairkitError, Problem, ProjectFileError
from pairkit.files.atomic import copy_private, make_folder
from pairkit.files.yamlfiles import line_of, load_document, load_plain, to_plain
from pairkit.method.registry import ALL_STEPS, HEADER_STEP
from pairkit.questions.model import StepContent
from pairkit.questions.schema import model_problems
from pairkit.resources import bundled_templates_dir, checklists_dir, user_method_dir


def method_folder(given: Path | None) -> Path:
    """The folder named, else the platform's folder (`PAIRKIT_METHODE` or the settings')."""
    return given if given is not None else user_method_dir()


def export(target: Path) -> list[Path]:
    """Copy the bundled checklists into `target`; files already there are left as they are."""
    make_folder(target)
    copied = []
    for source in sorted(checklists_dir().glob("*.yaml")):
        destination = target / source.name
        if destination.exists():
            continue  # never overwrite the platform's edits
        copy_private(source, destination)
        copied.append(destination)
    return copied


def _template_reads(template: str) -> set[tuple[str, str]]:
    """(namespace, name) pairs a bundled template reads, such as (« fiche », « intitule »)."""
    pairs = set()
    for name in names_used(template_text(bundled_templates_dir() / template)):
        if "." in name:
            namespace, field = name.split(".", 1)
            pairs.add((namespace, field))
    return pairs


# Questions asked outside the recruitment's steps, by their own commands: checked as steps are
# (the platform's texts for the report have no command of their own, so no « etape »).
LIST_FILES = {"activite", "recensement", "rapport-plateforme"}
WITHOUT_STEP_INFO = {"rapport-plateforme"}


def _questions_of(folder: Path, checklist: str) -> dict[str, Any]:
    """The questions of a method file, from the folder, else as bundled."""
    path = folder / f"{checklist}.yaml"
    if not path.is_file():
        path = checklists_dir() / f"{checklist}.yaml"
    try:
        data = load_plain(path) if path.is_file() else None
    except ProjectFileError:
        return {}
    questions = data.get("questions") if isinstance(data, dict) else None
    return {str(q.get("nom")): q for q in questions or [] if isinstance(q, dict)}


def _same_choices_problem(folder: Path, reference: str | None) -> str | None:
    """Why `choix_comme` names no choice question of another method file, if it does not."""
    if not reference:
        return None
    checklist, _, name = reference.partition(".")
    found = _questions_of(folder, checklist).get(name)
    if found is None or not (found.get("choix") or found.get("catalogue")):
        return (f"« {reference} » ne nomme pas une question à choix d'un autre fichier de la "
                "méthode (écrivez « fichier.question », par exemple « cadrage.secteur »).")
    return None


def _workshop_problems(path: Path, doc: Any, folder: Path) -> list[Problem]:
    """The workshop's moments must name questions of the step they fill."""
    plain = to_plain(doc)
    step = next((s for s in ALL_STEPS if s.id == plain.get("etape")), None)
    if step is None:
        return [Problem(path, "etape", f"« {plain.get('etape')} » n'est pas une étape de la méthode.",
                        line_of(doc, ("etape",)))]
    names = set(_questions_of(folder, step.checklist))
    problems = []
    for index, moment in enumerate(plain.get("temps") or []):
        for field in ("choix", "mots", "attentes", "decisions"):
            value = moment.get(field) if isinstance(moment, dict) else None
            if value and value not in names:
                problems.append(Problem(path, f"temps.{index}.{field}",
                                        f"« {value} » n'est pas une question de {step.checklist}.yaml.",
                                        line_of(doc, ("temps", index, field))))
    for name in plain.get("entete") or []:
        if name not in names:
            problems.append(Problem(path, "entete", f"« {name} » n'est pas une question de "
                                    f"{step.checklist}.yaml.", line_of(doc, ("entete",))))
    return problems


def _step_problems(path: Path, doc: Any) -> list[Problem]:
    model, problems = model_problems(StepContent, path, doc)
    if model is None:
        return problems
    content = StepContent.model_validate(to_plain(doc))
    names = [q.name for q in content.questions]
    if content.step is None and path.stem not in WITHOUT_STEP_INFO:
        problems.append(Problem(path, "etape", "rubrique absente : libellé, commande, aide et "
                                "ordre de l'étape (voir la version fournie).", None))
    for index, question in enumerate(content.questions):
        where = ("questions", index)
        if names.count(question.name) > 1:
            problems.append(Problem(path, f"questions.{index}.nom",
                                    f"la question « {question.name} » est en double.",
                                    line_of(doc, (*where, "nom"))))
        for field in (question.condition or {}):
            if field not in names:
                problems.append(Problem(path, f"questions.{index}.si",
                                        f"la condition porte sur « {field} », qui n'est pas une "
                                        "question de ce fichier.", line_of(doc, (*where, "si"))))
        for source in question.source:
            if source not in names:
                problems.append(Problem(path, f"questions.{index}.source",
                                        f"« {source} » n'est pas une question de ce fichier.",
                                        line_of(doc, (*where, "source"))))
        same = _same_choices_problem(path.parent, question.same_choices)
        if same:
            problems.append(Problem(path, f"questions.{index}.choix_comme", same,
                                    line_of(doc, (*where, "choix_comme"))))
        taken = _taken_problem(question.taken_from)
        if taken:
            problems.append(Problem(path, f"questions.{index}.reprise", taken,
                                    line_of(doc, (*where, "reprise"))))
    problems.extend(_template_gaps(path, names))
    return problems


def _taken_problem(taken: str | None) -> str | None:
    """Why a `reprise` cannot be taken: « calcul », or « etape.question » of a known step."""
    if taken is None or taken == "calcul":
        return None
    step_id, _, name = taken.partition(".")
    step = next((s for s in ALL_STEPS if s.id == step_id), None)
    if step is None:
        known = ", ".join(s.id for s in ALL_STEPS)
        return f"« {taken} » : « {step_id} » n'est pas une étape (étapes : {known}), ni « calcul »."
    if name not in {q.name for q in step.content().questions}:
        return f"« {taken} » : « {name} » n'est pas une question de l'étape « {step_id} »."
    return None


def _template_gaps(path: Path, names: list[str]) -> list[Problem]:
    """Answers a bundled template shows that this checklist no longer asks."""
    step = next((s for s in ALL_STEPS if s.checklist == path.stem), None)
    if step is None:
        return []
    asked = {name.split(".")[0] for name in names}
    dropped = _bundled_questions(path.stem) - asked
    templates = [step.template]
    if step is HEADER_STEP:  # every document's header shows the structure
        templates = sorted({s.template for s in ALL_STEPS} | {"dossier.docx"})
    problems = []
    for template in templates:
        for namespace, name in sorted(_template_reads(template)):
            if name in dropped and (template == step.template or namespace == "structure"):
                problems.append(Problem(
                    path, name, f"le modèle « {template} » affiche « {namespace}.{name} », que ce "
                    "fichier ne demande plus : remettez la question ou retirez-la du modèle.", None))
    shown = {p.field for p in problems}
    problems.extend(Problem(
        path, name, "cette question de la méthode fournie a disparu : les fichiers de projet qui "
        "y répondent seraient refusés et pairkit peut s'en servir. Gardez-la (avec "
        "« obligatoire: false » si elle ne doit plus être posée).", None)
        for name in sorted(dropped - shown))
    return problems


def _bundled_questions(name: str) -> set[str]:
    data = load_plain(checklists_dir() / f"{name}.yaml") or {}
    return {str(q.get("nom", "")).split(".")[0] for q in data.get("questions") or []}


def _vigilance_problems(path: Path, doc: Any) -> list[Problem]:
    bundled = load_plain(checklists_dir() / "alertes.yaml") or {}
    return [Problem(path, code, "ce point de vigilance est utilisé par pairkit : gardez-le "
                    "(vous pouvez changer sa raison et son action).", None)
            for code in bundled if code not in doc]


def _words_problems(path: Path, doc: Any, where: tuple[str, ...], value: Any) -> list[Problem]:
    """A list of words or expressions (a lexicon): each a text holding at least one word."""
    field = ".".join(where)
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        return [Problem(path, field, "attendu : une liste de mots ou d'expressions entre crochets.",
                        line_of(doc, where))]
    empty = [str(v) for v in value if not any(c.isalnum() for c in str(v))]
    return [Problem(path, field, f"« {v} » ne contient aucun mot.", line_of(doc, where))
            for v in empty]


_GUARD_KEYS = {"motif": str, "conseil": str, "termes": list, "sauf": list, "personnes": list,
               "recit": bool}


def _guard_problems(path: Path, doc: Any) -> list[Problem]:
    """The matters of the jury guard: each with its reason and words; whom-lists well formed."""
    plain = to_plain(doc)
    problems: list[Problem] = []
    whom = plain.get("qui") or {}
    for name in ("autrui", "pratique", "parler", "apprentissage", "proches"):
        if name in whom or name != "proches":
            problems.extend(_words_problems(path, doc, ("qui", name), whom.get(name)))
    families = plain.get("familles")
    if not isinstance(families, dict) or not families:
        return [*problems, Problem(path, "familles", "rubrique absente : les matières que le jury "
                                   "ne peut pas aborder (voir la version fournie).", None)]
    for name, family in families.items():
        where = ("familles", str(name))
        if not isinstance(family, dict) or not family.get("motif"):
            problems.append(Problem(path, ".".join(where), "chaque matière a un « motif » (la "
                                    "raison dite au jury) et des « termes ».", line_of(doc, where)))
            continue
        for key, value in family.items():
            kind = _GUARD_KEYS.get(str(key))
            if kind is None:
                problems.append(Problem(path, f"{'.'.join(where)}.{key}", "clé inconnue de pairkit.",
                                        line_of(doc, (*where, str(key)))))
            elif kind is list:
                problems.extend(_words_problems(path, doc, (*where, str(key)), value))
    return problems


_POSITION_LISTS = ("termes", "non", "exige", "choix", "avec", "sauf", "autrui", "etapes")


def _positions_problems(path: Path, doc: Any, folder: Path) -> list[Problem]:
    """The platform's positions: each family names a point of alertes.yaml and known steps."""
    plain = to_plain(doc)
    points = load_plain(_effective(folder, "alertes")) or {}
    steps = {step.id for step in ALL_STEPS}
    problems = _words_problems(path, doc, ("autrui",), plain.get("autrui") or [])
    for name, family in (plain.get("familles") or {}).items():
        where = ("familles", str(name))
        if not isinstance(family, dict) or not family.get("termes"):
            problems.append(Problem(path, ".".join(where), "chaque famille a des « termes » et une "
                                    "« alerte ».", line_of(doc, where)))
            continue
        alert = str(family.get("alerte") or name)
        if alert not in points:
            problems.append(Problem(path, f"{'.'.join(where)}.alerte", f"le point « {alert} » "
                                    "n'existe pas dans alertes.yaml.", line_of(doc, (*where, "alerte"))))
        for key in family:
            if key not in (*_POSITION_LISTS, "alerte"):
                problems.append(Problem(path, f"{'.'.join(where)}.{key}", "clé inconnue de pairkit.",
                                        line_of(doc, (*where, str(key)))))
        for key in _POSITION_LISTS:
            if key in family:
                problems.extend(_words_problems(path, doc, (*where, key), family[key]))
        unknown = [str(s) for s in family.get("etapes") or [] if str(s) not in steps]
        if unknown:
            problems.append(Problem(path, f"{'.'.join(where)}.etapes", f"étape(s) inconnue(s) : "
                                    f"{', '.join(unknown)} (étapes : {', '.join(sorted(steps))}).",
                                    line_of(doc, (*where, "etapes"))))
    return problems


REPORT_FILE = "rapport-annuel"


def _effective(folder: Path, name: str) -> Path:
    """The method file pairkit reads: the folder's copy, else the bundled one."""
    own = folder / f"{name}.yaml"
    return own if own.is_file() else checklists_dir() / f"{name}.yaml"


def _choice_values(question: dict[str, Any]) -> set[str]:
    return {str(c.get("valeur") if isinstance(c, dict) else c) for c in question.get("choix") or []}


def _report_problems(folder: Path) -> list[Problem]:
    """What the annual report reads (`lit`) that the method no longer asks or offers."""
    declaration = _effective(folder, REPORT_FILE)
    reads = (load_plain(declaration) or {}).get("lit")
    if not isinstance(reads, dict):
        return [Problem(declaration, "lit", "rubrique absente : ce que le rapport annuel lit "
                        "(voir la version fournie).", None)]
    problems: list[Problem] = []
    for part, declared in reads.items():
        name = str((declared or {}).get("fichier", ""))
        source = _effective(folder, name)
        if not name or not source.is_file():
            problems.append(Problem(declaration, f"lit.{part}.fichier",
                                    f"« {name} » n'est pas un fichier de la méthode.", None))
            continue
        asked = {str(q.get("nom")): q for q in (load_plain(source) or {}).get("questions") or []}
        for question in declared.get("questions") or []:
            if str(question) not in asked:
                problems.append(Problem(
                    source, str(question), f"le rapport annuel lit « {question} » ({part}), que "
                    f"ce fichier ne demande plus : remettez la question, ou retirez-la de « lit » "
                    f"dans {REPORT_FILE}.yaml.", None))
        for question, values in (declared.get("valeurs") or {}).items():
            offered = _choice_values(asked.get(str(question)) or {})
            for value in values or []:
                if str(question) in asked and str(value) not in offered:
                    problems.append(Problem(
                        source, str(question), f"un chiffre du rapport annuel compte la valeur "
                        f"« {value} » de « {question} », que ce fichier ne propose plus : remettez-la, "
                        f"ou changez « lit » dans {REPORT_FILE}.yaml.", None))
    return problems


def verify(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The method files of `folder` that pairkit reads, and every problem found in them."""
    if not folder.is_dir():
        raise PairkitError(f"Le dossier « {folder} » n'existe pas.",
                           hint="Exportez d'abord la méthode : pairkit methode exporter.")
    bundled = {p.name for p in checklists_dir().glob("*.yaml")}
    files = sorted(folder.glob("*.yaml"))
    problems: list[Problem] = []
    step_files = {step.checklist for step in ALL_STEPS}
    for path in files:
        if path.name not in bundled:
            problems.append(Problem(path, None, "pairkit ne lit pas de fichier de ce nom (noms "
                                    "attendus : ceux de « pairkit methode exporter »).", None))
            continue
        try:
            doc = load_document(path)
        except ProjectFileError as exc:
            problems.extend(exc.problems)
            continue
        if path.stem in step_files or path.stem in LIST_FILES:
            problems.extend(_step_problems(path, doc))
        elif path.stem == "atelier":
            problems.extend(_workshop_problems(path, doc, folder))
        elif path.stem == "alertes":
            problems.extend(_vigilance_problems(path, doc))
        elif path.stem == "questions-interdites":
            problems.extend(_guard_problems(path, doc))
        elif path.stem == "positions":
            problems.extend(_positions_problems(path, doc, folder))
    problems.extend(_report_problems(folder))
    return files, problems
