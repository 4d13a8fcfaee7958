"""Step 2 — readiness diagnostic: answers by theme, warning rules as data, the report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pairkit.alerts import Alert
from pairkit.hrnotes import notes
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


def answer_label(question: Question, value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    return question.label_of(value)


def evaluate(content: StepContent, answers: Mapping[str, Any]) -> tuple[list[str], list[Alert]]:
    """Strengths and alerts raised by the answers, in checklist order."""
    strengths: list[str] = []
    warnings: list[Alert] = []
    for question in content.questions:
        value = answers.get(question.name)
        if question.alert is None or (not is_answered(value) and value is not False):
            continue
        if question.alert.raised_by(value):
            shown = answer_label(question, value)
            warnings.append(Alert(
                step="diagnostic",
                code=question.name,
                level=question.alert.level,
                reason=question.alert.reason,
                action=question.alert.action,
                theme=content.themes.get(question.theme or "", question.theme or ""),
                finding=f"{question.message} — {shown}",
            ))
        elif question.strength:
            strengths.append(question.strength)
    return strengths, warnings


def check(project: Project) -> list[Alert]:
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
    from pairkit.alerts import project_alerts

    actions = list(answers.get("actions") or [])
    for warning in warnings:
        if warning.action not in actions:
            actions.append(warning.action)
    others = [a for a in project_alerts(project) if a.step != "diagnostic"]
    return {
        "diag": {
            "atouts": strengths,
            "vigilances": [w.as_dict() for w in warnings],
            "bloquants": [w.as_dict() for w in warnings if w.level == "bloquant"],
            "autres": [a.as_dict() for a in others],
            "themes": by_theme,
            "decision": shown.get("decision"),
            "prete": answers.get("decision") == "prete",
            "commentaires": shown.get("commentaires"),
            "actions": actions,
            "reperes": notes(*(["pec"] if answers.get("reponses.contrat_aide") else []),
                             "aah", "rsa"),
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
    check=check,
)
