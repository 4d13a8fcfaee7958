"""Step 2 — readiness diagnostic: answers by theme, warning rules as data, the report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pairkit.models import StepFile, Text
from pairkit.questions import Question, StepContent, is_answered
from pairkit.steps.base import Step, for_display

if TYPE_CHECKING:
    from pairkit.project import Project


class Diagnostic(StepFile):
    reponses: dict[str, Text | bool | None] = {}
    commentaires: Text | None = None
    decision: Text | None = None
    actions: list[Text] = []


@dataclass(frozen=True)
class Warning:
    theme: str
    question: str
    answer: str
    level: str
    reason: str
    action: str


def answer_label(question: Question, value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    return question.label_of(value)


def evaluate(content: StepContent, answers: Mapping[str, Any]) -> tuple[list[str], list[Warning]]:
    """Strengths and warnings raised by the answers, in checklist order."""
    strengths: list[str] = []
    warnings: list[Warning] = []
    for question in content.questions:
        value = answers.get(question.name)
        if question.alert is None or (not is_answered(value) and value is not False):
            continue
        if question.alert.raised_by(value):
            shown = answer_label(question, value)
            warnings.append(Warning(
                theme=content.themes.get(question.theme or "", question.theme or ""),
                question=question.message,
                answer=shown,
                level=question.alert.level,
                reason=question.alert.reason,
                action=question.alert.action,
            ))
        elif question.strength:
            strengths.append(question.strength)
    return strengths, warnings


def warnings_for(project: Project) -> list[Warning]:
    if not project.has(STEP):
        return []
    return evaluate(STEP.content(), project.answers(STEP))[1]


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    _, warnings = evaluate(STEP.content(), answers)
    blocking = any(w.level == "bloquant" for w in warnings)
    return {"decision": "pas-encore" if blocking else "prete"}


def build_context(project: Project) -> dict[str, Any]:
    answers = project.answers(STEP)
    content = STEP.content()
    strengths, warnings = evaluate(content, answers)
    shown = for_display(STEP, answers)
    by_theme = []
    for theme_id, theme_label in content.themes.items():
        rows = []
        for question in content.questions:
            if question.theme != theme_id or question.name not in answers:
                continue
            value = answers[question.name]
            label = answer_label(question, value)
            raised = question.alert is not None and question.alert.raised_by(value)
            rows.append({"question": question.message, "reponse": label, "alerte": raised})
        if rows:
            by_theme.append({"titre": theme_label, "lignes": rows})
    actions = list(answers.get("actions") or [])
    for warning in warnings:
        if warning.action not in actions:
            actions.append(warning.action)
    return {
        "diag": {
            "atouts": strengths,
            "vigilances": [w.__dict__ for w in warnings],
            "bloquants": [w.__dict__ for w in warnings if w.level == "bloquant"],
            "themes": by_theme,
            "decision": shown.get("decision"),
            "prete": answers.get("decision") == "prete",
            "commentaires": shown.get("commentaires"),
            "actions": actions,
        }
    }


STEP = Step(
    id="diagnostic",
    command="diagnostic",
    label="Diagnostic de préparation",
    filename="diagnostic.yaml",
    model=Diagnostic,
    template="rapport-preparation.docx",
    document="02-rapport-de-preparation.docx",
    build_context=build_context,
    computed_defaults=computed_defaults,
)
