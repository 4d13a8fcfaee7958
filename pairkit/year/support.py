"""The platform's own work in the report: the peers' individual support and their collective,
the sessions for teams and trainees, the network, the publications, the website; and the peers'
grid gathered across the recruitments.

Attendance is an average and a range per session, never a sum (the same peers come to many
sessions). The grid is published only above its own minimum group size.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from pairkit.files.checklists import load_checklist
from pairkit.questions.model import Question
from pairkit.year.activities import ACTIVITIES
from pairkit.year.figures import Figure, count_rows, plural, settings, spread


def _questions() -> dict[str, Question]:
    return {q.name: q for q in ACTIVITIES.questions()}


def _label(name: str, value: Any) -> str:
    return _questions()[name].label_of(value)


def _of(items: list[dict[str, Any]], kinds: Iterable[str]) -> list[dict[str, Any]]:
    wanted = set(kinds)
    return [item for item in items if item.get("type") in wanted]


def _modes() -> list[str]:
    return [str(v) for v in settings()["lit"]["activites"]["valeurs"]["nouvelle.modalite"]]


def _sessions_table(fid: str, title: str, items: list[dict[str, Any]], group_by: str,
                    year: int) -> Figure:
    """Sessions by kind (or format): how many, by modality, and who came, per session."""
    modes = _modes()
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(_label(group_by, item.get(group_by)) if item.get(group_by) else "—",
                          []).append(item)
    rows = []
    for name, group in sorted(groups.items()):
        by_mode = Counter(str(item.get("modalite") or "") for item in group)
        peers = [int(item.get("participants.pairs") or 0) for item in group]
        others = [int(item.get("participants.cadres") or 0)
                  + int(item.get("participants.professionnels") or 0) for item in group]
        rows.append([name, len(group), *(by_mode.get(mode, 0) for mode in modes),
                     spread(peers), spread(others)])
    return Figure(
        fid, title, ["", "Séances", *(_label("modalite", mode) for mode in modes),
                     "Pair·es par séance", "Autres présent·es par séance"], rows,
        f"{plural(len(items), 'séance enregistrée', 'séances enregistrées')} "
        f"({ACTIVITIES.filename(year)}) ; présent·es : moyenne par séance (de la plus petite à "
        "la plus grande)", chart="barres-groupees", chart_columns=list(range(2, 2 + len(modes))))


def activity_figures(items: list[dict[str, Any]], year: int) -> list[Figure]:
    """Every figure drawn from the year's activities."""
    kinds = settings()["activites_par_partie"]
    support = _of(items, ["soutien-individuel"])
    exchanges = Counter((_label("echange", i.get("echange")) if i.get("echange") else "—",
                         str(i.get("situation_pair") or "")) for i in support)
    situations = [str(c.valeur) for c in _questions()["situation_pair"].choices]
    individual = Figure(
        "soutien-individuel", "Le soutien individuel des pair·es",
        ["Sorte d'échange", *(_label("situation_pair", s) for s in situations), "En tout"],
        [[name, *(exchanges.get((name, s), 0) for s in situations),
          sum(v for (n, _), v in exchanges.items() if n == name)]
         for name in sorted({n for n, _ in exchanges})],
        f"{plural(len(support), 'échange noté', 'échanges notés')} (la date et la sorte "
        "d'échange, jamais ce qui s'est dit)")
    quotes = [quote for item in _of(items, ["collectif-pairs"]) if item.get("paroles_choisies")
              for quote in item.get("paroles") or []]
    figures = [
        individual,
        _sessions_table("collectif-pairs", "Le collectif des pair·es : séances thématiques et "
                        "échanges de pratiques", _of(items, ["collectif-pairs"]), "format", year),
        Figure("paroles", "Paroles de pair·es", [], [], "des paroles choisies avec les pair·es, "
               "sans nom, aux réunions du collectif", quotes=quotes),
        _sessions_table("formation-information", "Formation, information et sensibilisation",
                        _of(items, kinds["formation"]), "type", year),
        _sessions_table("equipes-cadres", "Les équipes et les cadres", _of(items, kinds["cadres"]),
                        "type", year),
        _sessions_table("reseau", "Les rencontres du réseau", _of(items, kinds["reseau"]),
                        "type", year),
        _outside(_of(items, ["sollicitation-hors-region"])),
        _publications(_of(items, ["publication"])),
        _website(_of(items, ["site-internet"])),
    ]
    return figures


def _outside(items: list[dict[str, Any]]) -> Figure:
    counter = Counter(_label("demande", i.get("demande")) if i.get("demande") else "—" for i in items)
    places = sorted({str(i.get("origine")) for i in items if i.get("origine")})
    return Figure("hors-region", "Les demandes venues d'hors de la région",
                  ["Demande", "Demandes"], count_rows(counter),
                  plural(len(items), "demande notée", "demandes notées"),
                  note=f"Venues de : {', '.join(places)}." if places else "")


def _publications(items: list[dict[str, Any]]) -> Figure:
    rows = [[str(i.get("titre") or "—"),
             f"{i['date']:%d/%m/%Y}" if isinstance(i.get("date"), dt.date) else "—"]
            for i in sorted(items, key=lambda i: i.get("date") or dt.date.min)]
    return Figure("publications", "Publications et communications", ["Titre, et où", "Date"],
                  rows, plural(len(items), "publication notée", "publications notées"))


def _website(items: list[dict[str, Any]]) -> Figure:
    def length(item: dict[str, Any]) -> str:
        minutes = item.get("site.duree_moyenne_minutes")
        return f"{minutes} min" if minutes is not None else "—"

    rows = [[str(i.get("site.periode") or "—"), int(i.get("site.visites") or 0), length(i)]
            for i in sorted(items, key=lambda i: i.get("date") or dt.date.min)]
    return Figure("site", "Le site internet", ["Période", "Visites", "Durée moyenne d'une visite"],
                  rows, "les chiffres de l'hébergeur, relevés à la main", chart="barres")


def grid_figure(grids: list[dict[str, str]]) -> Figure:
    """The peers' own grid gathered across the recruitments: for each item, how many peers
    answered yes, in part, no (each peer's latest grid of the year)."""
    grid = load_checklist("grille-pairs")
    scale = [(str(c["valeur"]), str(c["libelle"])) for c in grid["echelle"]]
    rows: list[list[Any]] = []
    for part in grid["parties"]:
        for element in part["elements"]:
            answers = Counter(g.get(str(element["id"])) for g in grids)
            rows.append([f"{part['titre']} {element['libelle']}",
                         *(answers.get(value, 0) for value, _ in scale)])
    minimum = int(settings()["seuil_grille"])
    return Figure(
        "grille", "La grille des pair·es, tous recrutements confondus",
        ["", *(label for _, label in scale)], rows,
        f"sur {plural(len(grids), 'pair·e en poste', 'pair·es en poste')} dont la grille a été "
        "remplie dans l'année (la plus récente de chacun·e)",
        contributors=len(grids), threshold=minimum)
