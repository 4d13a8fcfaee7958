"""Points de vigilance: the platform's judgement, raised by answers.

Readiness alerts are attached to questions in `checklists/diagnostic.yaml`; the others are
computed by each step's `check` function, with their wording in `checklists/alertes.yaml`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from pairkit.errors import PairkitError, ProjectFileError
from pairkit.resources import load_checklist

if TYPE_CHECKING:
    from pairkit.project import Project


@dataclass(frozen=True)
class Alert:
    step: str      # id of the step that raised it
    code: str
    level: str     # "attention" or "bloquant"
    reason: str
    action: str
    theme: str = ""
    finding: str = ""  # what was answered, for the reports

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def make(step: str, code: str, **values: Any) -> Alert:
    wording = load_checklist("alertes").get(code)
    if wording is None:
        raise PairkitError(f"Point de vigilance « {code} » absent de checklists/alertes.yaml.",
                           hint="Restaurez ce fichier de la plateforme.")
    return Alert(step=step, code=code, level=wording["niveau"],
                 reason=str(wording["raison"]).format(**values),
                 action=str(wording["action"]).format(**values))


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", plain.lower())


def vocabulary_alerts(step: str, texts: Iterable[str]) -> list[Alert]:
    """Words that ask for a diagnosis, word experience as a deficit, or ask for a life story."""
    families = load_checklist("vocabulaire")
    joined = _fold(" \n ".join(t for t in texts if t))
    alerts: list[Alert] = []
    for family in families.values():
        for term in family["termes"]:
            match = re.search(r"(?<![a-z])" + re.escape(_fold(term)), joined)
            if match:
                end = joined.find(" ", match.end())
                found = joined[match.start(): end if end != -1 else len(joined)].strip(" ,.;:")
                alerts.append(make(step, family["alerte"], valeur=found))
                break
    return alerts


def project_alerts(project: Project) -> list[Alert]:
    """Every alert of every step that has valid answers, in the method's order."""
    from pairkit.steps import ALL_STEPS

    alerts: list[Alert] = []
    for step in ALL_STEPS:
        if step.check is None or not project.has(step):
            continue
        try:
            alerts.extend(step.check(project))
        except ProjectFileError:
            continue  # an invalid file is reported by statut and verifier on its own
    return alerts
