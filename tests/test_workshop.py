"""`pairkit atelier`: the team's workshop on two screens. The session's changes and checks, the
server's refusals, the command started and stopped, and a whole workshop in a real browser
(Debian's chromium, driven by selenium) whose synthesis equals the terminal path's."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from pairkit.errors import PairkitError
from pairkit.workshop.server import Server
from pairkit.workshop.session import SCREEN_FILE, Workshop
from tests.conftest import docx_text


def _fresh(example, name: str = "chrs-grenoble") -> Path:
    """An example project whose workshop has not taken place yet."""
    project = example(name)
    (project / "motivations.yaml").unlink()
    return project


def _answers(project: Path) -> dict:
    return YAML(typ="safe").load((project / "motivations.yaml").read_text("utf-8"))


def test_each_change_is_written_at_once_and_a_refused_one_writes_nothing(example) -> None:
    project = _fresh(example)
    workshop = Workshop(project)
    workshop.act({"type": "entete", "champ": "date_atelier", "texte": "03/02/2026"})
    workshop.act({"type": "cocher", "temps": "motivations", "cle": "accroche", "coche": True})
    workshop.act({"type": "ajouter", "temps": "craintes", "texte": "Que la personne soit seule la nuit"})
    workshop.act({"type": "decider", "temps": "craintes", "cle": "Que la personne soit seule la nuit",
                  "texte": "Pas de travail de nuit seul·e"})
    saved = _answers(project)
    assert saved["date_atelier"].isoformat() == "2026-02-03" and saved["motivations"] == ["accroche"]
    assert saved["reponses_equipe"] == {"Que la personne soit seule la nuit": "Pas de travail de nuit seul·e"}
    before = (project / "motivations.yaml").read_bytes()
    for refused in ({"type": "ajouter", "temps": "craintes", "texte": "x" * 700},
                    {"type": "ajouter", "temps": "nulle-part", "texte": "mot"},
                    {"type": "entete", "champ": "date_atelier", "texte": "31/02/2026"},
                    {"type": "cocher", "temps": "motivations", "cle": "inconnue", "coche": True},
                    {"type": "inventee", "temps": "motivations"}):
        with pytest.raises(PairkitError) as said:
            workshop.act(refused)
        assert said.value.message and "Traceback" not in said.value.message
    assert (project / "motivations.yaml").read_bytes() == before
    # Taking a fear off takes its decision with it.
    workshop.act({"type": "retirer", "temps": "craintes", "cle": "Que la personne soit seule la nuit"})
    assert "reponses_equipe" not in _answers(project) and "craintes_autres" not in _answers(project)


def test_the_stance_checks_warn_the_consultant_never_the_projected_screen(example) -> None:
    project = _fresh(example)
    workshop = Workshop(project)
    workshop.act({"type": "ajouter", "temps": "engagements",
                  "texte": "Recruter quelqu'un d'abstinent depuis au moins deux ans"})
    lead, shown = workshop.state(projected=False), workshop.state(projected=True)
    assert lead["vigilance"] and "vigilance" not in shown
    assert "abstinent" in json.dumps(shown, ensure_ascii=False)  # the team's words are shown as said


def test_reopening_resumes_where_the_workshop_stood(example) -> None:
    project = _fresh(example)
    first = Workshop(project)
    first.act({"type": "temps", "temps": "representations"})
    first.act({"type": "cocher", "temps": "representations", "cle": "messie", "coche": True})
    first.act({"type": "reveler", "temps": "representations", "cle": "messie", "revele": True})
    again = Workshop(project).state(projected=True)
    assert again["temps"] == "representations"
    (card,) = next(m for m in again["moments"] if m["id"] == "representations")["cartes"]
    assert card["revele"] and card["plateforme"]["pistes"]
    (project / SCREEN_FILE).write_text("{cassé", "utf-8")  # a damaged screen file: back to the start
    assert Workshop(project).state(projected=True)["temps"] == "motivations"


@pytest.fixture
def served(example) -> Iterator[tuple[Server, Path]]:
    project = _fresh(example)
    server = Server(Workshop(project))
    server.start()
    try:
        yield server, project
    finally:
        server.stop()


def _get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_request_without_the_token_is_refused(served) -> None:
    server, _project = served
    good = server.address()
    assert _get(good)[0] == 200
    root = good.split("/atelier/")[0]
    for wrong in (f"{root}/", f"{root}/atelier/", f"{root}/atelier/{'x' * 24}/",
                  f"{root}/atelier/{'x' * 24}/etat", f"{root}/atelier/{'x' * 24}/static/atelier.js",
                  good.rstrip("/") + "x/etat"):
        status, text = _get(wrong)
        assert status == 404 and text == "Page introuvable."
    # The right token through another name for this computer (a page elsewhere): refused too.
    assert _get(good, host=f"attaquant.example:{server.port}")[0] == 404
    # Served on this computer only.
    assert server.address().startswith("http://127.0.0.1:")


def test_the_pages_follow_the_workshop_as_it_changes(served) -> None:
    server, project = served
    base = server.address().rstrip("/")
    request = urllib.request.Request(f"{base}/action", method="POST",
                                     data=json.dumps({"type": "ajouter", "temps": "motivations",
                                                      "texte": "Aller vers"}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert json.loads(answer.read()) == {"ok": True}
    assert _answers(project)["motivations_autres"] == ["Aller vers"]
    with urllib.request.urlopen(f"{base}/flux?vue=projection", timeout=5) as stream:
        first = stream.readline().decode()
        assert first.startswith("data: ") and "Aller vers" in first
        # An answer written by the terminal (straight into the file) reaches the stream.
        Workshop(project).act({"type": "ajouter", "temps": "motivations", "texte": "Parler vrai"})
        stream.readline()
        assert "Parler vrai" in stream.readline().decode()


def test_the_command_prints_its_addresses_and_stops_cleanly_on_ctrl_c(example) -> None:
    project = _fresh(example)
    process = subprocess.Popen([sys.executable, "-m", "pairkit", "atelier", str(project), "--no-browser"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = [process.stdout.readline() for _ in range(2)]
        address = lines[0].split("Page à projeter : ")[1].strip()
        assert _get(address)[0] == 200 and "/animer" in lines[1]
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0, out
    assert "Atelier arrêté" in out and "Traceback" not in out


# ---- in a real browser ---------------------------------------------------------------------

def _browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("chromium ou chromedriver absent")
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,720",
                     "--hide-scrollbars", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.binary_location = chromium
    return webdriver.Chrome(options=options, service=Service(driver))


@pytest.fixture
def browser() -> Iterator[object]:
    driver = _browser()
    try:
        yield driver
    finally:
        driver.quit()


SCENARIO = {
    "date_atelier": "03/02/2026",
    "participants": "Cheffe de service, 5 travailleur·ses sociaux·ales (8 personnes)",
    "motivations": ["accroche", "second-regard"],
    "motivations_autres": ["Être plus à l'aise avec les personnes qui refusent l'hébergement"],
    "craintes": ["remplacement"],
    "craintes_autres": ["Que la personne se retrouve seule la nuit"],
    "reponses_equipe": {"remplacement": "Le poste s'ajoute à l'équipe.",
                        "Que la personne se retrouve seule la nuit": "Pas de travail de nuit seul·e."},
    "representations": ["messie"],
    "representations_attentes": {"messie": "Qu'elle fasse revenir ceux qui refusent tout."},
    "representations_decisions": {"messie": "Trois missions pour six mois."},
    "engagements": ["Un point en réunion d'équipe chaque mois"],
}


def _wait(driver, condition, seconds: float = 10) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if condition():
                return
        except FileNotFoundError:  # the workshop's file is written at the first answer
            pass
        except Exception as exc:  # an element of a page redrawn meanwhile: look again
            if "stale element" not in str(exc) and "no such element" not in str(exc):
                raise
        time.sleep(0.1)
    raise AssertionError("la page n'a pas suivi")


def _again(action) -> None:
    """Do it again when the page was redrawn under it (each change redraws both pages)."""
    from selenium.common.exceptions import (
        ElementNotInteractableException,
        NoSuchElementException,
        StaleElementReferenceException,
    )

    for attempt in range(20):
        try:
            action()
            return
        except (StaleElementReferenceException, NoSuchElementException, ElementNotInteractableException,
                StopIteration):
            if attempt == 19:
                raise
            time.sleep(0.2)


def _button(driver, text: str):
    from selenium.webdriver.common.by import By

    return next(b for b in driver.find_elements(By.TAG_NAME, "button") if b.text.strip().endswith(text))


def _press(driver, text: str, project: Path) -> None:
    _settled(driver, project)
    _again(lambda: _button(driver, text).click())


def _settled(driver, project: Path) -> None:
    """Wait until the page shows the workshop as it stands (no redraw is on its way)."""
    from selenium.webdriver.common.by import By

    _wait(driver, lambda: driver.find_element(By.ID, "contenu").get_attribute("data-version")
          == Workshop(project).version())


def _type_and_save(driver, element_id: str, text: str, project: Path, expect: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _settled(driver, project)
    def typed() -> None:
        field = driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(text, Keys.ENTER)  # the keyboard alone: Enter saves

    _again(typed)
    _wait(driver, lambda: expect in (project / "motivations.yaml").read_text("utf-8"))


def _tick(driver, moment: str, labels: list[str], keys: list[str], project: Path) -> None:
    from selenium.webdriver.common.by import By

    for key in keys:
        _settled(driver, project)

        def click(key: str = key) -> None:
            boxes = driver.find_elements(By.CSS_SELECTOR, f"input[id^='choix-{moment}-']")
            next(b for b in boxes if b.find_element(By.XPATH, "..").text.strip() == labels[key]).click()

        _again(click)
        _wait(driver, lambda k=key: f"- {k}" in (project / "motivations.yaml").read_text("utf-8"))


def _catalogue(name: str) -> dict[str, str]:
    from pairkit.files.checklists import load_checklist

    return {str(i["id"]): str(i["libelle"]) for i in load_checklist(name)["elements"]}


def _run_whole_workshop(driver, lead: str, project: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(lead)
    _wait(driver, lambda: driver.find_elements(By.ID, "entete-date_atelier"))
    _type_and_save(driver, "entete-date_atelier", SCENARIO["date_atelier"], project, "2026-02-03")
    _type_and_save(driver, "entete-participants", SCENARIO["participants"], project, "8 personnes")
    _tick(driver, "motivations", _catalogue("catalogue-motivations"), SCENARIO["motivations"], project)
    _type_and_save(driver, "ajout-motivations", SCENARIO["motivations_autres"][0], project, "refusent")
    _press(driver, "Ce qui inquiète l'équipe", project)
    _wait(driver, lambda: driver.find_elements(By.ID, "ajout-craintes"))
    _tick(driver, "craintes", _catalogue("catalogue-craintes"), SCENARIO["craintes"], project)
    _type_and_save(driver, "ajout-craintes", SCENARIO["craintes_autres"][0], project, "seule la nuit")
    _type_and_save(driver, "dec-craintes-0", SCENARIO["reponses_equipe"]["remplacement"], project, "s'ajoute")
    _type_and_save(driver, "dec-craintes-1", SCENARIO["reponses_equipe"]["Que la personne se retrouve seule la nuit"],
                   project, "Pas de travail de nuit")
    _press(driver, "Nos représentations du ou de la pair·e", project)
    _wait(driver, lambda: driver.find_elements(By.CSS_SELECTOR, "input[id^='choix-representations-']"))
    _tick(driver, "representations", _catalogue("catalogue-representations"), SCENARIO["representations"], project)
    _type_and_save(driver, "att-representations-0", SCENARIO["representations_attentes"]["messie"], project, "revenir")
    _type_and_save(driver, "dec-representations-0", SCENARIO["representations_decisions"]["messie"], project, "Trois missions")
    _press(driver, "Montrer la réponse de la plateforme", project)
    _wait(driver, lambda: "messie" in (project / SCREEN_FILE).read_text("utf-8"))
    _press(driver, "Ce que nous décidons", project)
    _wait(driver, lambda: driver.find_elements(By.ID, "ajout-engagements"))
    _type_and_save(driver, "ajout-engagements", SCENARIO["engagements"][0], project, "chaque mois")
    _press(driver, "Ce que l'équipe a décidé", project)
    _wait(driver, lambda: "cloture" in (project / SCREEN_FILE).read_text("utf-8"))


def _contrast(foreground: str, background: str) -> float:
    def channels(colour: str) -> list[float]:
        values = [float(v) for v in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
        return [v / 255 / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in values]

    def luminance(colour: str) -> float:
        r, g, b = channels(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_a_whole_workshop_through_the_page_gives_the_terminal_s_synthesis(cli, example, browser, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    project = _fresh(example)
    server = Server(Workshop(project))
    server.start()
    try:
        _run_whole_workshop(browser, server.address(lead=True), project)
        # The projected page: the closing screen, the decisions, no point of vigilance.
        browser.get(server.address())
        _wait(browser, lambda: "Trois missions" in browser.find_element(By.TAG_NAME, "main").text)
        shown = browser.find_element(By.TAG_NAME, "main").text
        assert "Ce que l'équipe a décidé" in shown and "Pas de travail de nuit seul·e." in shown
        assert "vigilance" not in shown.lower()
        question = browser.find_element(By.CSS_SELECTOR, ".question")
        assert float(question.value_of_css_property("font-size").removesuffix("px")) >= 28
        for element in browser.find_elements(By.CSS_SELECTOR, ".question, .carte, .carte .ligne"):
            colour = element.value_of_css_property("color")
            assert _contrast(colour, "rgb(255, 255, 255)") >= 4.5, colour
        browser.save_screenshot(str(tmp_path / "atelier-projection.png"))
    finally:
        server.stop()
    saved = _answers(project)
    for name in ("motivations", "motivations_autres", "craintes", "craintes_autres", "reponses_equipe",
                 "representations", "representations_attentes", "representations_decisions", "engagements"):
        assert saved[name] == SCENARIO[name], name
    # The same answers by the terminal path (a file of answers): the same synthesis.
    other = tmp_path / "par-le-terminal"
    shutil.copytree(project, other, ignore=shutil.ignore_patterns("documents", "motivations.yaml", SCREEN_FILE))
    answers = tmp_path / "reponses.yaml"
    answers.write_text(json.dumps(SCENARIO, ensure_ascii=False), "utf-8")
    assert cli("motivations", other, "--reponses", answers).exit_code == 0
    assert cli("documents", project).exit_code == 0 and cli("documents", other).exit_code == 0
    web = docx_text(next((project / "documents").glob("03-*.docx")))
    terminal = docx_text(next((other / "documents").glob("03-*.docx")))
    assert web == terminal and "Trois missions pour six mois." in web


def test_the_consultant_s_page_is_usable_with_the_keyboard_alone(example, browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    project = _fresh(example)
    server = Server(Workshop(project))
    server.start()
    try:
        browser.get(server.address(lead=True))
        _wait(browser, lambda: browser.find_elements(By.ID, "ajout-motivations"))
        # Tab to the moment « Ce qui inquiète l'équipe », then Enter: no mouse.
        for _ in range(40):
            ActionChains(browser).send_keys(Keys.TAB).perform()
            if browser.execute_script("return document.activeElement.textContent").endswith(
                    "Ce qui inquiète l'équipe"):
                break
        ActionChains(browser).send_keys(Keys.ENTER).perform()
        _wait(browser, lambda: "craintes" in (project / SCREEN_FILE).read_text("utf-8"))
        # The page was redrawn: the focus is back on the same control, and visible (read in
        # one script: the page may be redrawn between two questions to the browser).
        def focus() -> list[str]:
            return browser.execute_script(
                "const e = document.activeElement; return [e.id, getComputedStyle(e).outlineStyle];")

        _wait(browser, lambda: focus()[0] == "temps-craintes")
        assert focus()[1] != "none"
    finally:
        server.stop()
