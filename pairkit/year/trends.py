"""The census's figures, and the years side by side: posts by contract over the years, the
median pay over the years with its base, a sentence per trend stated from the figures.

Every figure about people's own situation (pay, hours, contracts) keeps the small-number rule
year by year: a year with too few posts behind a value says « non publié » for that year.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from pairkit.questions.model import Question
from pairkit.year.census import CENSUS, Post
from pairkit.year.figures import (
    UNKNOWN,
    WITHHELD,
    Figure,
    count_rows,
    decimal,
    euros,
    extremes_if_enough,
    median_if_enough,
    plural,
    settings,
    threshold,
)

FULL_TIME_HOURS = 35


def _questions() -> dict[str, Question]:
    return {q.name: q for q in CENSUS.questions()}


def _label(name: str, value: Any) -> str:
    if value in (None, ""):
        return UNKNOWN
    question = _questions().get(name)
    return question.label_of(value) if question is not None and question.choices else str(value)


def _on_posts(count: int, qualifier: str = "") -> str:
    return f"sur {plural(count, 'poste', 'postes')} {qualifier}".rstrip()


def full_time_pay(post: Post, field: str = "salaire_brut_mensuel") -> float | None:
    """A post's monthly pay brought to a full time, when its pay and hours are known."""
    pay, hours = post.fields.get(field), post.fields.get("heures_hebdo")
    if isinstance(pay, int) and isinstance(hours, int) and hours > 0:
        return pay * FULL_TIME_HOURS / hours
    return None


def census_figures(year: int, by_year: dict[int, list[Post]]) -> list[Figure]:
    """The year's census: how many posts, of which sort, where, with which employer and
    funding, what is recognised; then the years side by side."""
    posts = [p for p in by_year.get(year, []) if p.counted()]
    apart = [p for p in by_year.get(year, []) if not p.counted()]
    base = _on_posts(len(posts), "connus de la plateforme")
    figures = [_overview(year, posts, apart, base)]
    for name, fid, title in (("profil", "recensement-profils", "Postes, par sorte de poste"),
                             ("secteur", "recensement-secteurs", "Postes, par secteur"),
                             ("employeur", "recensement-employeurs", "Postes, par employeur"),
                             ("financement", "recensement-financements", "Postes, par financement")):
        counter = Counter(_label(name, p.fields.get(name)) for p in posts)
        figures.append(Figure(fid, title, [_questions()[name].message, "Postes"],
                              count_rows(counter), base, chart="barres"))
    figures.append(_recognition(posts, base))
    figures.extend(_series(year, by_year))
    return figures


def _overview(year: int, posts: list[Post], apart: list[Post], base: str) -> Figure:
    opened = sum(1 for p in posts if getattr(p.fields.get("date_ouverture"), "year", None) == year)
    closed = sum(1 for p in posts if getattr(p.fields.get("date_fermeture"), "year", None) == year)
    from_projects = sum(1 for p in posts if p.project)
    rows: list[list[Any]] = [
        [f"Postes de pair·es salarié·es connus en {year}", len(posts)],
        [f"dont ouverts en {year}", opened],
        [f"dont fermés en {year}", closed],
        ["dont postes de recrutements accompagnés par la plateforme", from_projects],
        ["Structures", len({str(p.fields.get("structure") or p.id) for p in posts})],
        ["Départements", len({str(p.fields["departement"]) for p in posts
                              if p.fields.get("departement")})],
    ]
    note = str(settings()["recensement"]["hors_decompte"]).format(
        nombre=plural(len(apart), "prestation", "prestations")) if apart else ""
    return Figure("recensement-postes", f"Les postes de pair·es en {year}", ["", "Postes"],
                  rows, base, note=note)


def _recognition(posts: list[Post], base: str) -> Figure:
    rows = []
    for name in ("anciennete_reprise", "qualifications_reconnues", "formation_exigee"):
        values = [p.fields.get(name) for p in posts]
        rows.append([_questions()[name].message, sum(1 for v in values if v == "oui"),
                     sum(1 for v in values if v == "non"), sum(1 for v in values if v is None)])
    return Figure("recensement-reconnaissance", "Ce que les employeurs reconnaissent et exigent",
                  ["", "Oui", "Non", UNKNOWN], rows, base)


def _years(year: int, by_year: dict[int, list[Post]]) -> list[int]:
    """The years compared: the report's and those before it that have posts, the latest ones."""
    count = int(settings()["recensement"]["annees_comparees"])
    return [y for y in sorted(by_year) if y <= year and by_year[y]][-count:]


def _series(year: int, by_year: dict[int, list[Post]]) -> list[Figure]:
    years = _years(year, by_year)
    counted = {y: [p for p in by_year[y] if p.counted()] for y in years}
    contracts: dict[str, dict[int, int]] = {}
    for y in years:
        for post in counted[y]:
            label = _label("contrat", post.fields.get("contrat"))
            contracts.setdefault(label, dict.fromkeys(years, 0))[y] += 1
    small = [y for y in years if len(counted[y]) < threshold()]
    rows = [[label, *(values[y] if y not in small else WITHHELD for y in years)]
            for label, values in sorted(contracts.items(), key=lambda kv: -kv[1].get(year, 0))]
    by_contract = Figure(
        "series-contrats", "Les contrats, année par année", ["Contrat", *map(str, years)], rows,
        " ; ".join(f"{y} : {_on_posts(len(counted[y]))}" for y in years),
        chart="barres-groupees",
        note=_withheld_years(small))
    return [by_contract, _pay_series(years, counted), _trends(year, years, counted, by_year)]


def _withheld_years(years: list[int]) -> str:
    if not years:
        return ""
    return (f"Non publié pour {', '.join(map(str, years))} : moins de {threshold()} postes, et "
            "les petits nombres permettent de reconnaître les personnes.")


def _pay_series(years: list[int], counted: dict[int, list[Post]]) -> Figure:
    rows: list[list[Any]] = []
    withheld = []
    bases = []
    for y in years:
        gross = [v for p in counted[y] if (v := full_time_pay(p)) is not None]
        net = [v for p in counted[y] if (v := full_time_pay(p, "salaire_net_mensuel")) is not None]
        median = median_if_enough(gross)
        bases.append(f"{y} : {_on_posts(len(gross))}")
        if median is None:
            withheld.append(y)
            continue
        extremes = extremes_if_enough(gross)
        net_median = median_if_enough(net)
        rows.append([str(y), euros(median),
                     euros(net_median) if net_median is not None else WITHHELD,
                     euros(extremes[0]) if extremes else WITHHELD,
                     euros(extremes[1]) if extremes else WITHHELD])
    size = threshold()
    return Figure(
        "series-remuneration", "La rémunération, année par année (ramenée à un temps plein)",
        ["Année", "Brut médian", "Net médian (déclaré)", f"Brut : moyenne des {size} plus bas",
         f"Brut : moyenne des {size} plus hauts"], rows,
        " ; ".join(bases) + " dont la rémunération brute et les heures sont connues",
        chart="barres", note=" ".join(filter(None, [
            _withheld_years(withheld), str(settings()["recensement"]["note_extremes"]).format(
                seuil=size, double=2 * size)])))


def _trends(year: int, years: list[int], counted: dict[int, list[Post]],
            by_year: dict[int, list[Post]]) -> Figure:
    before = [y for y in years if y < year][::-1]
    sentences = [_count_sentence(year, before, counted), _cdi_sentence(year, before, counted),
                 _pay_sentence(year, before, counted), _hours_sentence(year, counted),
                 _sectors_sentence(year, by_year)]
    return Figure("tendances", "Les tendances, d'une année à l'autre", [], [],
                  "le recensement de chaque année (non exhaustif)",
                  sentences=[s for s in sentences if s])


def _count_sentence(year: int, before: list[int], counted: dict[int, list[Post]]) -> str:
    if year not in counted:
        return ""
    earlier = ", ".join(f"{len(counted[y])} en {y}" for y in before)
    return (f"{plural(len(counted[year]), 'poste de pair·e connu', 'postes de pair·es connus')} "
            f"en {year}" + (f" ({earlier})." if earlier else "."))


def _cdi_part(posts: list[Post]) -> str | None:
    known = [p for p in posts if p.fields.get("contrat")]
    if len(known) < threshold():
        return None
    cdi = sum(1 for p in known if p.fields.get("contrat") == settings()["recensement"]["cdi"])
    return f"{cdi} CDI sur {plural(len(known), 'poste', 'postes')}"


def _cdi_sentence(year: int, before: list[int], counted: dict[int, list[Post]]) -> str:
    now = _cdi_part(counted.get(year, []))
    if now is None:
        return (f"Part des CDI en {year} : {WITHHELD} (moins de {threshold()} postes dont le "
                "contrat est connu).")
    earlier = [f"{part} en {y}" if (part := _cdi_part(counted[y])) else f"{WITHHELD} en {y}"
               for y in before]
    return f"{now} dont le contrat est connu en {year}" + (
        f" ({' ; '.join(earlier)})." if earlier else ".")


def _pay_sentence(year: int, before: list[int], counted: dict[int, list[Post]]) -> str:
    def median(y: int) -> float | None:
        return median_if_enough([v for p in counted[y] if (v := full_time_pay(p)) is not None])

    now = median(year) if year in counted else None
    if now is None:
        return (f"Rémunération brute médiane en {year} : {WITHHELD} (moins de {threshold()} "
                "postes dont la rémunération et les heures sont connues).")
    earlier = []
    for y in before:
        value = median(y)
        earlier.append(f"{euros(value)!s} en {y}" if value is not None else f"{WITHHELD} en {y}")
    sentence = f"Rémunération brute médiane ramenée à un temps plein en {year} : {euros(now)!s}"
    oldest = next((y for y in reversed(before) if median(y) is not None), None)
    if oldest is not None:
        change = 100 * (now - (median(oldest) or now)) / (median(oldest) or now)
        sign = "+" if change >= 0 else ""
        sentence += f" ({' ; '.join(earlier)}), soit {sign}{decimal(change)} % depuis {oldest}"
    return sentence + "."


def _hours_sentence(year: int, counted: dict[int, list[Post]]) -> str:
    hours = [int(h) for p in counted.get(year, []) if isinstance(h := p.fields.get("heures_hebdo"), int)]
    if len(hours) < threshold():
        return ""
    return (f"Temps de travail médian en {year} : {decimal(statistics.median(hours))} heures par "
            f"semaine (sur {plural(len(hours), 'poste', 'postes')}).")


def _sectors_sentence(year: int, by_year: dict[int, list[Post]]) -> str:
    seen_before = {p.fields.get("secteur") for y, posts in by_year.items() if y < year for p in posts}
    if not any(y < year and posts for y, posts in by_year.items()):
        return ""
    new = sorted({_label("secteur", p.fields.get("secteur")) for p in by_year.get(year, [])
                  if p.counted() and p.fields.get("secteur") and p.fields.get("secteur") not in seen_before})
    if not new:
        return f"Aucun secteur nouveau en {year} : les postes sont dans des secteurs déjà couverts."
    return f"Secteur(s) où un poste de pair·e apparaît pour la première fois en {year} : {', '.join(new)}."
