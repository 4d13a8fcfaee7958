"""The team's workshop as both screens see it, and every change made to it.

The answers live in the step's own file (`motivations.yaml`), written as each is given, under
the project's lock, checked by the step's model as the terminal path is; what only the screens
need (the moment shown, the platform's answers revealed) lives beside it in `.atelier.json`.
Which questions each moment of the workshop fills is data (`checklists/atelier.yaml`): this
module names none of them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pairkit.errors import PairkitError, ProjectFileError
from pairkit.files.atomic import atomic_write_text
from pairkit.files.checklists import load_checklist
from pairkit.files.locking import project_lock
from pairkit.files.project import Project
from pairkit.files.yamlfiles import content_key, new_document, read_raw, save_document, write_answer
from pairkit.method.alerts import judgement_alerts, vocabulary_alerts
from pairkit.method.registry import step_named
from pairkit.method.step import Step
from pairkit.questions.model import Question
from pairkit.questions.schema import SCHEMA_VERSION

SCREEN_FILE = ".atelier.json"
CLOSING = "cloture"
# The longest text one card holds: a team's words, not a document.
MAX_WORDS = 600


class WorkshopError(PairkitError):
    """A change the workshop cannot make (said on the consultant's screen, in French)."""


def settings() -> dict[str, Any]:
    """The workshop's moments and texts (checklists/atelier.yaml)."""
    found: dict[str, Any] = load_checklist("atelier")
    return found


class Workshop:
    """One project's workshop: its state for the screens, and the changes the screens ask."""

    def __init__(self, root: Path) -> None:
        self.project = Project.open(root)
        self.step: Step[Any] = step_named(str(settings()["etape"]))
        self.questions: dict[str, Question] = {q.name: q for q in self.step.content().questions}

    # -- reading -------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The step's answers as its file holds them now."""
        return self.project.answers(self.step)

    def screen(self) -> dict[str, Any]:
        """What only the screens keep: the moment shown and the answers revealed."""
        path = self.project.root / SCREEN_FILE
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        moments = [str(m["id"]) for m in settings()["temps"]] + [CLOSING]
        moment = data.get("temps") if data.get("temps") in moments else moments[0]
        revealed = [str(k) for k in data.get("reveles") or [] if isinstance(k, str)]
        return {"temps": moment, "reveles": revealed}

    def version(self) -> str:
        """A key of what both screens show: it changes whenever an answer or the screen does."""
        parts = []
        for path in (self.project.file(self.step), self.project.root / SCREEN_FILE):
            try:
                parts.append(content_key(read_raw(path)) if path.is_file() else "-")
            except ProjectFileError:
                parts.append("illisible")
        return ":".join(parts)

    def state(self, projected: bool) -> dict[str, Any]:
        """Everything a screen shows; the projected one never shows the points of vigilance."""
        answers = self.answers()
        screen = self.screen()
        moments = [self._moment(moment, answers, screen["reveles"]) for moment in settings()["temps"]]
        state: dict[str, Any] = {
            "version": self.version(),
            "temps": screen["temps"],
            "moments": moments,
            "cloture": self._closing(moments),
            "entete": {name: self._shown(name, answers.get(name)) for name in settings()["entete"]},
        }
        if not projected:
            state["questions_entete"] = {name: self.questions[name].message
                                         for name in settings()["entete"]}
            state["vigilance"] = [
                {"raison": point.reason, "action": point.action}
                for point in [*vocabulary_alerts(self.step.id, _texts(answers)),
                              *judgement_alerts(self.step.id, answers)]]
        return state

    def _shown(self, name: str, value: Any) -> str:
        if isinstance(value, dt.date):
            return f"{value:%d/%m/%Y}"
        return "" if value is None else str(value)

    def _catalogue(self, name: str) -> dict[str, dict[str, Any]]:
        question = self.questions[name]
        if not question.catalogue:
            return {}
        return {str(item["id"]): item for item in load_checklist(question.catalogue)["elements"]}

    def _moment(self, moment: Mapping[str, Any], answers: Mapping[str, Any],
                revealed: list[str]) -> dict[str, Any]:
        catalogue = self._catalogue(str(moment["choix"])) if moment.get("choix") else {}
        ticked = list(answers.get(str(moment.get("choix"))) or []) if moment.get("choix") else []
        words = list(answers.get(str(moment.get("mots"))) or []) if moment.get("mots") else []
        decisions = answers.get(str(moment.get("decisions"))) or {} if moment.get("decisions") else {}
        expectations = answers.get(str(moment.get("attentes"))) or {} if moment.get("attentes") else {}
        cards = []
        for key in [*ticked, *words]:
            item = catalogue.get(key, {})
            card: dict[str, Any] = {"cle": key, "texte": str(item.get("libelle") or key),
                                    "catalogue": key in catalogue,
                                    "decision": decisions.get(key), "attentes": expectations.get(key)}
            reveal_key = f"{moment['id']}:{key}"
            if moment.get("reveler") and key in catalogue:
                card["revele"] = reveal_key in revealed
                if card["revele"]:
                    card["plateforme"] = {"description": item.get("description") or item.get("reponse"),
                                          "pistes": list(item.get("pistes") or [])}
            cards.append(card)
        return {
            "id": moment["id"], "titre": moment["titre"], "question": moment["question"],
            "choix": [{"id": key, "libelle": str(item["libelle"]), "coche": key in ticked}
                      for key, item in catalogue.items()],
            "cartes": cards, "mots": bool(moment.get("mots")),
            "decisions": bool(moment.get("decisions")), "attentes": bool(moment.get("attentes")),
            "reveler": bool(moment.get("reveler")),
        }

    def _closing(self, moments: list[dict[str, Any]]) -> dict[str, Any]:
        texts = settings()["cloture"]
        decided: list[dict[str, Any]] = []
        for moment in moments:
            if moment["decisions"]:
                decided.extend({"texte": card["texte"], "decision": card["decision"]
                                or texts["sans_decision"], "decidee": bool(card["decision"])}
                               for card in moment["cartes"])
            elif moment["mots"] and not moment["choix"]:
                decided.extend({"texte": card["texte"], "decision": "", "decidee": True}
                               for card in moment["cartes"])
        return {"titre": texts["titre"], "elements": decided}

    # -- changing ------------------------------------------------------------------------

    def act(self, action: Mapping[str, Any]) -> None:
        """Make one change a screen asks for, under the project's lock; nothing is written
        when the change is refused."""
        kind = str(action.get("type") or "")
        with project_lock(self.project.root):
            if kind in ("temps", "reveler"):
                self._screen_change(kind, action)
                return
            answers = self.answers()
            changes = self._changes(kind, action, answers)
            self._write(changes)

    def _moment_of(self, action: Mapping[str, Any]) -> Mapping[str, Any]:
        wanted = str(action.get("temps") or "")
        for moment in settings()["temps"]:
            if moment["id"] == wanted:
                return dict(moment)
        raise WorkshopError(f"« {wanted} » n'est pas un temps de l'atelier.",
                            hint="Rechargez la page de l'atelier.")

    def _screen_change(self, kind: str, action: Mapping[str, Any]) -> None:
        screen = self.screen()
        if kind == "temps":
            moments = [str(m["id"]) for m in settings()["temps"]] + [CLOSING]
            if action.get("temps") not in moments:
                raise WorkshopError(f"« {action.get('temps')} » n'est pas un temps de l'atelier.",
                                    hint="Rechargez la page de l'atelier.")
            screen["temps"] = str(action["temps"])
        else:
            moment = self._moment_of(action)
            key = f"{moment['id']}:{action.get('cle')}"
            revealed = [k for k in screen["reveles"] if k != key]
            if action.get("revele", True):
                revealed.append(key)
            screen["reveles"] = revealed
        atomic_write_text(self.project.root / SCREEN_FILE, json.dumps(screen, ensure_ascii=False))

    def _changes(self, kind: str, action: Mapping[str, Any],
                 answers: Mapping[str, Any]) -> dict[str, Any]:
        """The answers a change sets (by question name), checked by each question's type."""
        if kind == "entete":
            name = str(action.get("champ") or "")
            if name not in settings()["entete"]:
                raise WorkshopError(f"« {name} » n'est pas une réponse de l'atelier.")
            return {name: self._parsed(name, action.get("texte"))}
        moment = self._moment_of(action)
        text = _words(action.get("texte"))
        key = str(action.get("cle") or "")
        if kind == "cocher":
            name = str(moment["choix"])
            ticked = list(answers.get(name) or [])
            if action.get("coche", True) and key not in ticked:
                ticked.append(key)
            elif not action.get("coche", True):
                ticked = [k for k in ticked if k != key]
            return {name: self._parsed(name, ticked)}
        if kind == "ajouter" and moment.get("mots"):
            name = str(moment["mots"])
            if not text:
                raise WorkshopError("Écrivez d'abord les mots de l'équipe, puis ajoutez-les.")
            present = list(answers.get(name) or [])
            return {} if text in present else {name: self._parsed(name, [*present, text])}
        if kind == "retirer":
            return self._removed(moment, key, answers)
        field = {"decider": "decisions", "attentes": "attentes"}.get(kind)
        if field and moment.get(field):
            name = str(moment[field])
            kept = {k: v for k, v in (answers.get(name) or {}).items() if k != key}
            if text:
                kept[key] = text
            return {name: kept or None}
        raise WorkshopError(f"Ce changement (« {kind} ») n'existe pas pour ce temps de l'atelier.",
                            hint="Rechargez la page de l'atelier.")

    def _removed(self, moment: Mapping[str, Any], key: str, answers: Mapping[str, Any]) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for field in ("choix", "mots"):
            name = moment.get(field)
            if name and key in (answers.get(str(name)) or []):
                changes[str(name)] = [k for k in answers[str(name)] if k != key] or None
        for field in ("decisions", "attentes"):
            name = moment.get(field)
            if name and key in (answers.get(str(name)) or {}):
                changes[str(name)] = {k: v for k, v in answers[str(name)].items() if k != key} or None
        return changes

    def _parsed(self, name: str, value: Any) -> Any:
        from pairkit.questions.types import parse_answer

        if value in (None, "", []):
            return None
        try:
            return parse_answer(self.questions[name], value)
        except ValueError as exc:
            raise WorkshopError(str(exc), hint="Corrigez la réponse, puis validez à nouveau.") from None

    def _write(self, changes: Mapping[str, Any]) -> None:
        """Write the changed answers, checked by the step's model before anything is saved."""
        if not changes:
            return
        path = self.project.file(self.step)
        if self.project.has(self.step):
            doc = self.project.load_for_writing(self.step).doc
        else:
            doc = new_document(self.step.label, SCHEMA_VERSION)
        order = [q.name for q in self.step.content().questions]
        for name, value in changes.items():
            write_answer(doc, order, name, value)
        _loaded, problems = self.step.validate(path, doc)
        if problems:
            raise ProjectFileError(problems)
        save_document(path, doc)
        self.project.forget(self.step)


def _words(raw: Any) -> str:
    text = " ".join(str(raw or "").split())
    if len(text) > MAX_WORDS:
        raise WorkshopError(f"Une carte tient en {MAX_WORDS} caractères au plus ({len(text)} écrits).",
                            hint="Raccourcissez, ou coupez en deux cartes.")
    return text


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [t for item in value.values() for t in _texts(item)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []
