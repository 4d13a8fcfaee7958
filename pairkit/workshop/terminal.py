"""The workshop from the terminal: the same changes as the consultant's page, asked one by one.

Both go through `Workshop.act`, under the project's lock: an answer typed here is on both
screens within a moment, and one given in a page is read here at the next question.
"""

from __future__ import annotations

from typing import Any

from pairkit.errors import PairkitError
from pairkit.interview import prompts
from pairkit.workshop.session import CLOSING, Workshop

STOP = "arreter"


def _cards(moment: dict[str, Any]) -> list[tuple[str, str]]:
    return [(str(card["cle"]), str(card["texte"])[:70]) for card in moment["cartes"]]


def _choices(state: dict[str, Any], moment: dict[str, Any] | None) -> list[tuple[str, str]]:
    options = []
    if moment is not None:
        if moment["mots"]:
            options.append(("ajouter", "Ajouter des mots de l'équipe"))
        if moment["choix"]:
            options.append(("cocher", "Cocher ou décocher dans la liste de la plateforme"))
        if moment["decisions"] and moment["cartes"]:
            options.append(("decider", "Noter ce que l'équipe décide"))
        if moment["reveler"] and any(c["catalogue"] for c in moment["cartes"]):
            options.append(("reveler", "Montrer ou cacher la réponse de la plateforme"))
    options.append(("temps", "Passer à un autre temps de l'atelier"))
    options.append((STOP, "Arrêter l'atelier (tout est enregistré)"))
    return options


def _action(kind: str, state: dict[str, Any], moment: dict[str, Any] | None) -> dict[str, Any] | None:
    if kind == "temps":
        steps = [(m["id"], m["titre"]) for m in state["moments"]] + [(CLOSING, state["cloture"]["titre"])]
        return {"type": "temps", "temps": prompts.ask_choice("Quel temps projeter ?", steps)}
    if moment is None:
        return None
    if kind == "ajouter":
        return {"type": "ajouter", "temps": moment["id"], "texte": prompts.ask_text("Les mots de l'équipe")}
    if kind == "cocher":
        ticked = prompts.ask_ticks("La liste de la plateforme", [(c["id"], c["libelle"], c["coche"])
                                                              for c in moment["choix"]])
        return {"type": "cocher-tout", "temps": moment["id"], "cles": ticked}
    key = prompts.ask_choice("Quelle carte ?", _cards(moment))
    card = next(c for c in moment["cartes"] if c["cle"] == key)
    if kind == "decider":
        return {"type": "decider", "temps": moment["id"], "cle": key,
                "texte": prompts.ask_text("Ce que l'équipe décide", default=card.get("decision") or "")}
    return {"type": "reveler", "temps": moment["id"], "cle": key, "revele": not card.get("revele")}


def run(workshop: Workshop) -> None:
    """Ask what to do until the consultant stops (Ctrl-C stops too: nothing is lost)."""
    while True:
        state = workshop.state(projected=False)
        moment = next((m for m in state["moments"] if m["id"] == state["temps"]), None)
        title = moment["titre"] if moment else state["cloture"]["titre"]
        kind = prompts.ask_choice(f"Atelier — à l'écran : « {title} ». Que faire ?", _choices(state, moment))
        if kind == STOP:
            return
        action = _action(kind, state, moment)
        if action is None:
            continue
        if action["type"] == "cocher-tout":
            for choice in moment["choix"] if moment else []:
                if (choice["id"] in action["cles"]) != choice["coche"]:
                    _act(workshop, {"type": "cocher", "temps": action["temps"], "cle": choice["id"],
                                    "coche": choice["id"] in action["cles"]})
            continue
        _act(workshop, action)


def _act(workshop: Workshop, action: dict[str, Any]) -> None:
    try:
        workshop.act(action)
    except PairkitError as exc:
        prompts.say(f"⚠ {exc.message} {exc.hint or ''}", style="fg:ansiyellow")
