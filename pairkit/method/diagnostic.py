"""Step 2 — readiness diagnostic: answers by theme, warning rules as data, the report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pairkit.files.project import Project
from pairkit.method.alerts import Vigilance, make
from pairkit.method.hrnotes import notes
from pairkit.method.step import Step, step_by_id
from pairkit.questions.model import Question, StepContent, is_answered
from pairkit.questions.schema import StepFile


def answer_label(question: Question, value: Any) -> str:
    """An answer as the report's table shows it."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    return question.label_of(value)


def _lifted(project: Project | None, question: Question) -> bool:
    """Whether a later step has answered what the point asked for (the workshop held…)."""
    if project is None or question.alert is None:
        return False
    for target in question.alert.lifted_by:
        step_id, field = target.split(".", 1)
        step = step_by_id(step_id)
        if project.has(step) and is_answered(project.answers(step).get(field)):
            return True
    return False


def evaluate(content: StepContent, answers: Mapping[str, Any],
             project: Project | None = None) -> tuple[list[str], list[Vigilance]]:
    """Strengths and points de vigilance raised by the answers, in checklist order.

    A strength comes only from a positive answer; a point lifted by a later step is dropped.
    """
    strengths: list[str] = []
    warnings: list[Vigilance] = []
    for question in content.questions:
        value = answers.get(question.name)
        if question.alert is None or (not is_answered(value) and value is not False):
            continue
        if question.alert.raised_by(value):
            if _lifted(project, question):
                continue
            shown = answer_label(question, value)
            warnings.append(Vigilance(
                step="diagnostic",
                code=question.name,
                level=question.alert.level,
                reason=question.alert.reason,
                action=question.alert.action,
                theme=content.themes.get(question.theme or "", question.theme or ""),
                finding=(question.alert.finding.replace("{reponse}", shown)
                         if question.alert.finding else f"{question.message} — {shown}"),
            ))
        elif question.strength and question.earns_strength(value):
            strengths.append(question.strength)
    return strengths, warnings


# The point the structure's own « not yet » raises (not one of the readiness rules).
NOT_YET = "decision-pas-encore"


def vigilance(project: Project) -> list[Vigilance]:
    """The readiness rules the answers raise, and a decision at odds with them."""
    answers = project.answers(STEP)
    warnings = evaluate(STEP.content(), answers, project)[1]
    decision = answers.get("decision")
    if decision == "prete" and any(w.level == "bloquant" for w in warnings):
        warnings.append(make(STEP.id, "decision-prete-malgre-bloquant"))
    elif decision == "pas-encore":
        warnings.append(make(STEP.id, NOT_YET))
    return warnings


def _proposed_actions(warnings: list[Vigilance]) -> list[str]:
    return list(dict.fromkeys(w.action for w in warnings if w.action))


def computed_defaults(project: Project, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The decision the answers point to (not yet when a point blocks), and the platform's
    actions for the points raised, offered ticked: the consultant keeps, changes or drops them.
    """
    content = STEP.content()
    blocking = any(w.level == "bloquant" for w in evaluate(content, answers)[1])
    return {"decision": "pas-encore" if blocking else "prete",
            "actions": _proposed_actions(evaluate(content, answers, project)[1])}


def suggest(project: Project, question: Question) -> list[str]:
    """The platform's actions for the points de vigilance the answers raise."""
    return _proposed_actions(evaluate(STEP.content(), project.answers(STEP), project)[1])


def _by_theme(content: StepContent, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
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
    return by_theme


def build_context(project: Project) -> dict[str, Any]:
    """The readiness report: strengths, points de vigilance, decision, next actions."""
    answers = project.answers(STEP)
    content = STEP.content()
    strengths, warnings = evaluate(content, answers, project)
    shown = STEP.shown(answers)
    # Only the actions the consultant confirmed: the platform's pistes are in the table.
    actions = list(answers.get("actions") or [])
    return {
        "diag": {
            "atouts": strengths,
            "vigilances": [w.as_dict() for w in warnings],
            "bloquants": [w.as_dict() for w in warnings if w.level == "bloquant"],
            "themes": _by_theme(content, answers),
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
    model=StepFile,
    template="rapport-preparation.docx",
    document="02-rapport-de-preparation.docx",
    build_context=build_context,
    computed_defaults=computed_defaults,
    suggest=suggest,
    vigilance=vigilance,
    # The report also lists what the other steps raised (« Autres points de vigilance »).
    gathers_vigilance=True,
)
