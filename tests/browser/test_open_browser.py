"""Open answers and the scoring panel in a real JupyterLab (headless Chromium), with the progress store on.

One server over a fresh folder (the mini-article, ``open-answer.ipynb`` and
``scoring-panel.ipynb`` from tests/resources) whose kernels save to a temporary
``MEDIALIT_HOME`` as student ``ana``:

- a typed answer is saved when the student leaves the box, survives "Restart Kernel and
  Clear Outputs" + Run All, and is in the hand-in of ``medialit export``, in
  ``responses.csv`` and in ``report.html`` of ``medialit report``;
- it also survives a page reload: in the same kernel (outputs cleared, so the box is a new
  widget) and in a new one (reloaded, then restarted), after Run All;
- an answer of HTML, formula characters and over 20,000 characters is cut with a note,
  stored, handed in, neutralised in the CSV and escaped in the page;
- the scoring panel: three responses scored with the keys 3, 1, 2 (JupyterLab's own 1/2/3
  shortcuts do not fire), a restart finds them, and ``responses.csv`` shows them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import RESOURCES, _need_browser
from .harness import jupyter_server, menu, open_notebook, restart_and_run_all, wait_kernel_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STUDENT = "ana"
DANGER = '=HYPERLINK("http://x.test","<b>click</b>") <script>alert(1)</script> '
LONG = DANGER + "word " * 4100          # about 20,600 characters


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("open-served")
    shutil.copytree(RESOURCES / "mini-article", root / "mini-article")
    for name in ("open-answer.ipynb", "scoring-panel.ipynb"):
        shutil.copy(RESOURCES / name, root / name)
    return root


@pytest.fixture(scope="module")
def medialit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("medialit-home")


def _env(home: Path) -> dict[str, str]:
    return {"MEDIALIT_HOME": str(home), "USER": STUDENT, "LOGNAME": STUDENT, "MEDIALIT_PROGRESS": "on"}


@pytest.fixture(scope="module")
def store_url(served, medialit_home, tmp_path_factory):
    _need_browser()
    with jupyter_server(served, tmp_path_factory.mktemp("open-jupyter-home"), extra_env=_env(medialit_home)) as url:
        yield url


def _medialit(args: list[str], cwd: Path, home: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")}
    env.update(_env(home))
    result = subprocess.run([sys.executable, "-m", "medialit", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _box(page):
    return page.locator(".medialit-quiz-open textarea")


def _status(page):
    return page.locator(".medialit-quiz-open .medialit-quiz-feedback")


def test_a_typed_answer_survives_a_restart_and_reaches_hand_in_csv_and_page(page, store_url, served,
                                                                             medialit_home, artifacts):
    from playwright.sync_api import expect

    open_notebook(page, store_url, "open-answer.ipynb")
    restart_and_run_all(page)
    expect(_box(page)).to_be_visible(timeout=60_000)
    wait_kernel_idle(page)
    assert page.get_by_label("Your answer").count() == 1          # a real <label> names the box
    assert page.locator(".medialit-quiz-open .medialit-check:visible").count() == 0   # no Check button

    typed = "Only unnamed critics call it a reckless gamble; no evidence of risk is given."
    _box(page).click()
    page.keyboard.type(typed)
    page.keyboard.press("Tab")                                     # leaving the box saves
    expect(_status(page)).to_contain_text("Saved at", timeout=30_000)
    expect(_status(page)).not_to_contain_text("Correct")
    page.screenshot(path=str(artifacts / "open-answer-saved.png"))

    restart_and_run_all(page)
    expect(_box(page)).to_have_value(typed, timeout=60_000)
    expect(_status(page)).to_contain_text("Saved at")

    handins = served / "handins-typed"
    _medialit(["export", "--out", str(handins)], served, medialit_home)
    [handin] = list(handins.glob("*.json"))
    answer = next(a for a in json.loads(handin.read_text(encoding="utf-8"))["answers"]
                  if a["question"] == "mini-reflect")
    assert answer["answer"] == typed and answer["score"] is None
    out = served / "report-typed"
    _medialit(["report", str(handins), "--out", str(out), "--seeds", str(served)], served, medialit_home)
    rows = list(csv.DictReader(io.StringIO((out / "responses.csv").read_text(encoding="utf-8"))))
    assert [(r["student"], r["question"], r["text"]) for r in rows] == [(STUDENT, "mini-reflect", typed)]
    assert typed in (out / "report.html").read_text(encoding="utf-8")


def _reload(page) -> None:
    """Reload the browser page (a leave-page prompt for the unsaved notebook is accepted)."""
    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=180_000)
    wait_kernel_idle(page)


def _stored_within(home, text: str, seconds: float) -> bool:
    """Whether ``text`` is in a store file under ``home`` within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        if any(text in p.read_text(encoding="utf-8", errors="replace") for p in home.rglob("*.json")):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def test_a_typed_answer_comes_back_after_a_page_reload_and_run_all(page, store_url, medialit_home, artifacts):
    from playwright.sync_api import expect

    open_notebook(page, store_url, "open-answer.ipynb")
    restart_and_run_all(page)
    expect(_box(page)).to_be_visible(timeout=60_000)
    wait_kernel_idle(page)
    typed = "Typed before the reload: who says it, and what evidence backs it?"
    _box(page).fill(typed)
    page.keyboard.press("Tab")
    expect(_status(page)).to_contain_text("Saved at", timeout=30_000)
    # The status may still be an earlier test's "Saved at" (the box came back with that answer):
    # wait for this text to reach the store on disk.
    assert _stored_within(medialit_home, typed, seconds=30), "the answer is not in the student's store on disk"

    # 1. Reload, same kernel: outputs cleared first, so Run All makes a new widget, which
    # restores the answer (not the old box's view coming back).
    _reload(page)
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function("document.querySelectorAll('.medialit-quiz-open').length === 0", timeout=60_000)
    menu(page, "Run", "Run All Cells")
    expect(_box(page)).to_have_value(typed, timeout=60_000)
    expect(_status(page)).to_contain_text("Saved at")

    # 2. Reload, then a new kernel: nothing of the first session is left but the store.
    _reload(page)
    restart_and_run_all(page)
    expect(_box(page)).to_have_value(typed, timeout=60_000)
    expect(_status(page)).to_contain_text("Saved at")
    page.screenshot(path=str(artifacts / "open-answer-after-reload.png"))


def test_html_formulas_and_20000_characters_are_cut_stored_handed_in_and_shown_safely(page, store_url, served,
                                                                                     medialit_home, artifacts):
    from playwright.sync_api import expect

    open_notebook(page, store_url, "open-answer.ipynb")
    restart_and_run_all(page)
    expect(_box(page)).to_be_visible(timeout=60_000)
    wait_kernel_idle(page)
    _box(page).fill(LONG)
    page.keyboard.press("Tab")
    expect(_status(page)).to_contain_text("only the first 20,000 are kept", timeout=30_000)
    expect(_status(page)).to_contain_text("Saved at")
    assert page.locator(".medialit-quiz-open script").count() == 0
    page.screenshot(path=str(artifacts / "open-answer-cut.png"))

    restart_and_run_all(page)
    expect(_box(page)).to_have_value(LONG[:20_000], timeout=60_000)

    handins = served / "handins-long"
    _medialit(["export", "--out", str(handins)], served, medialit_home)
    [handin] = list(handins.glob("*.json"))
    answer = next(a for a in json.loads(handin.read_text(encoding="utf-8"))["answers"]
                  if a["question"] == "mini-reflect")
    assert answer["answer"] == LONG[:20_000]
    out = served / "report-long"
    _medialit(["report", str(handins), "--out", str(out), "--seeds", str(served)], served, medialit_home)
    [row] = list(csv.DictReader(io.StringIO((out / "responses.csv").read_text(encoding="utf-8"))))
    assert row["text"] == "'" + LONG[:20_000]                     # neutralised: no formula in a spreadsheet
    page_html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page_html and "&lt;script&gt;alert(1)&lt;/script&gt;" in page_html
    assert "<b>click</b>" not in page_html


def test_the_scoring_panel_with_the_keyboard_survives_a_restart_and_fills_responses_csv(page, store_url, served,
                                                                                       medialit_home, artifacts):
    from playwright.sync_api import expect

    from medialit import load_article
    from medialit.classroom.handin import make_handin

    handins = served / "handins"
    handins.mkdir(exist_ok=True)
    article = load_article(served / "mini-article")
    texts = {"ana": "Critics say so, with no evidence.", "ben": DANGER + "I like bridges.", "cy": "word " * 4100}
    for student, text in texts.items():
        doc = make_handin(article, student, {"mini-single": "mayor", "mini-reflect": text[:20_000]})
        (handins / f"{student}.json").write_text(json.dumps(doc), encoding="utf-8")

    open_notebook(page, store_url, "scoring-panel.ipynb")
    restart_and_run_all(page)
    panel = page.locator(".medialit-scoring")
    expect(panel).to_contain_text("0 of 3 scored", timeout=60_000)
    wait_kernel_idle(page)
    assert "(name hidden)" in panel.inner_text() and not any(f" {s} " in panel.inner_text() for s in texts)
    assert panel.locator("script").count() == 0
    markdown_cells = page.locator(".jp-MarkdownCell").count()
    panel.locator(".medialit-scoring-progress").click()           # focus the panel, then score with keys
    for key, done in (("3", 1), ("1", 2), ("2", 3)):
        page.keyboard.press(key)
        expect(panel).to_contain_text(f"{done} of 3 scored", timeout=30_000)
    assert page.locator(".jp-MarkdownCell").count() == markdown_cells   # Lab's 1/2/3 did not fire
    page.keyboard.press("p")
    expect(panel).to_contain_text("Response 2 of 3")
    page.screenshot(path=str(artifacts / "scoring-panel.png"))

    restart_and_run_all(page)
    expect(panel).to_contain_text("3 of 3 scored", timeout=60_000)
    expect(panel).to_contain_text("by Ms Rivera")

    out = served / "class-report"
    _medialit(["report", "handins", "--out", str(out), "--seeds", str(served)], served, medialit_home)
    rows = list(csv.DictReader(io.StringIO((out / "responses.csv").read_text(encoding="utf-8"))))
    assert sorted(r["level"] for r in rows) == ["Beginning", "Emerging", "Proficient"]
    assert {r["scored_by"] for r in rows} == {"Ms Rivera"}
    long_row = next(r for r in rows if r["student"] == "cy")
    assert long_row["text"] == texts["cy"][:20_000]                 # whole in the CSV, though cut in the panel
