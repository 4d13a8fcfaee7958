"""What the law has checked of a recruit's criminal record, by kind of structure.

The rule is data (`verifications_casier` in `checklists/reperes.yaml`): a social or
medico-social establishment checks the convictions of CASF art. L133-6 for every recruit; child
protection asks for the attestation d'honorabilité; a public employer reads the bulletin n° 2;
elsewhere nothing may be asked. The fiche's `verifications_embauche` holds the structure's
answer, proposed from the cadrage; the fiche and the information session tell candidates, and
the interview guard's advice on a question about the past follows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pairkit.files.checklists import load_checklist

FIELD = "verifications_embauche"
PUBLIC_CONTRACT = "fonction publique"


def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = load_checklist("reperes")["verifications_casier"]
    return rules


def proposed(structure: Mapping[str, Any], contract: object = None) -> str | None:
    """The check the law sets for this kind of structure, or None when pairkit cannot tell."""
    rules = _rules()
    if contract == PUBLIC_CONTRACT:
        return "fonction-publique"
    found = (rules.get("par_structure") or {}).get(structure.get("type_structure"))
    if found is None:
        found = (rules.get("par_secteur") or {}).get(structure.get("secteur"))
    return str(found) if found else None


def of_project(fiche: Mapping[str, Any], structure: Mapping[str, Any]) -> str | None:
    """The structure's answer in the fiche, else what its cadrage suggests."""
    if fiche.get(FIELD):
        return str(fiche[FIELD])
    return proposed(structure, fiche.get("contrat"))


def advice(regime: str | None) -> str | None:
    """What the interview guard says of a question on the past judiciaire, for this post."""
    text = (_rules().get("conseil") or {}).get(regime) if regime else None
    return " ".join(str(text).split()) if text else None


def keeps_nothing(regime: str | None) -> bool:
    """No check is provided for: a written reason cannot keep a question on the past."""
    return regime == "aucune"
