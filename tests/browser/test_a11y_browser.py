"""Every notebook of the kit in a real JupyterLab: zero axe-core violations in what the kit draws,
every text element at WCAG contrast, and each quiz type answered with the keyboard alone.

One JupyterLab server over a copy of ``notebooks/`` (with the repository's ``seeds/``
beside it) and one browser; each notebook in turn is restarted, cleared and run with Run
All Cells, so nothing depends on the outputs stored in the files. axe-core (npm, installed
by ``.ci/run``) runs over the notebook outputs only; a missing axe-core skips these tests,
or fails them when ``MEDIALIT_REQUIRE_BROWSER=1`` (CI), like a missing browser.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import pytest

from medialit import load_article
from medialit.quizzes.bank import load_bank
from medialit.quizzes.highlighter import tokenize
from medialit.quizzes.questions import BINS

from .a11y import active_cell, axe_missing, axe_violations, low_contrast, text_contrasts, wait_run_all_done
from .conftest import ROOT, _need_browser, need
from .harness import jupyter_server, open_notebook, restart_and_run_all

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
LESSON = "02-who-is-speaking.ipynb"     # one quiz of every type
QUIZZES = {"single_choice": "l2-leadin-voice", "multi_choice": "l2-untraced", "categorize": "l2-sort",
           "numeric": "l2-author-share", "highlight": "l2-dillon-highlight"}


def _need_axe() -> None:
    need(axe_missing())


@pytest.fixture(scope="module")
def kit_url(tmp_path_factory):
    """A JupyterLab server over a copy of the kit's notebooks (never the files in the repository)."""
    _need_browser()
    _need_axe()
    root = tmp_path_factory.mktemp("kit")
    shutil.copytree(ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (root / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    home = tmp_path_factory.mktemp("kit-home")
    # Every cell in the page (no windowing), so axe and the contrast check see every output.
    tracker = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    with jupyter_server(root, home, extra_env={"MEDIALIT_PROGRESS": "off"}) as url:
        yield url


def _shut_down_kernels(page, url: str) -> None:
    """End every session the server holds (through the page, which has the XSRF cookie).

    Opening notebook after notebook otherwise leaves each one's kernel running: ten kernels
    and a server of several GB, on which Lab's next kernel restart was seen to hang.
    """
    page.evaluate("""async (base) => {
        const xsrf = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1];
        const headers = xsrf ? {'X-XSRFToken': decodeURIComponent(xsrf)} : {};
        const sessions = await (await fetch(base + '/api/sessions', {headers})).json();
        for (const s of sessions) {
            await fetch(base + '/api/sessions/' + s.id, {method: 'DELETE', headers});
        }
    }""", url)


def _run(page, url: str, name: str) -> None:
    if page.url.startswith(url):
        _shut_down_kernels(page, url)
    open_notebook(page, url, f"notebooks/{name}")
    restart_and_run_all(page)
    try:
        wait_run_all_done(page, timeout=150_000)
    except AssertionError as stuck:
        # Seen once in CI, on the last of 15 notebooks: every cell queued ([*]) while Lab showed
        # the kernel idle, and nothing ran for 300 s (Lab's connection to the restarted kernel
        # was lost). Open the notebook afresh and run it once more; a second stall fails.
        print(f"{name}: {stuck}; opening it again", file=sys.stderr)
        _shut_down_kernels(page, url)
        open_notebook(page, url, f"notebooks/{name}")
        restart_and_run_all(page)
        wait_run_all_done(page)
    # Widgets render after their cell has run: wait until every quiz has its controls.
    page.wait_for_function("""() => [...document.querySelectorAll('.medialit-quiz')].every(
        (q) => q.querySelector('button.medialit-check'))""", timeout=60_000)
    page.wait_for_timeout(800)


def _describe(items: list[dict]) -> str:
    return "\n".join(f"  {item}" for item in items)


def test_every_notebook_has_no_axe_violation_and_readable_text(page, kit_url, artifacts):
    started = time.perf_counter()
    found, faint, tags, boxes = {}, {}, 0, {}
    for name in NOTEBOOKS:
        t0 = time.perf_counter()
        _run(page, kit_url, name)
        if name[:2] in {f"0{n}" for n in range(1, 8)}:       # lessons 1-7: a labelled box for an open answer
            boxes[name] = page.get_by_label("Your answer").count()
        violations = axe_violations(page)
        measured = text_contrasts(page)
        tags += sum("ml-tag" in item["cls"] for item in measured)
        low = [item for item in measured if item["ratio"] < item["need"]]
        if violations:
            found[name] = violations
        if low:
            faint[name] = low
        print(f"{name}: {len(violations)} axe violations, {len(low)} low-contrast texts, "
              f"{time.perf_counter() - t0:.1f}s")
        if violations or low:
            page.screenshot(path=str(artifacts / f"a11y-{Path(name).stem}.png"), full_page=True)
    print(f"{len(NOTEBOOKS)} notebooks in {time.perf_counter() - started:.1f}s; {tags} category tags measured")
    assert tags > 0, "the contrast check measured no category tag: it is not looking at the kit's outputs"
    lessons = [n for n in NOTEBOOKS if n[:2] in {f"0{k}" for k in range(1, 8)}]   # 01-07, and 03b
    assert sorted(boxes) == lessons and len(lessons) >= 7 and all(boxes.values()), (
        f"lessons without a free-text box: {boxes}")
    report = "".join(f"\n{name} (axe):\n{_describe(items)}" for name, items in found.items())
    report += "".join(f"\n{name} (contrast):\n{_describe(items)}" for name, items in faint.items())
    assert not found and not faint, report


# -- keyboard only ------------------------------------------------------------------------

def _bank():
    return load_bank(load_article(ROOT / "seeds" / "raqqa-exodus"))


def _quiz(page, qid: str):
    return page.locator(f".medialit-quiz.medialit-qid-{qid}")


def _active_is(page, selector: str) -> bool:
    return page.evaluate("(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector)


def _check_and_expect(page, quiz, text: str) -> None:
    """Enter on Check; focus lands on the feedback, which reads ``text``."""
    from playwright.sync_api import expect

    assert _active_is(page, "button.medialit-check")
    page.wait_for_timeout(300)          # a person's pace: the last change reaches the kernel first
    page.keyboard.press("Enter")
    expect(quiz.locator(".medialit-quiz-feedback")).to_contain_text(text)
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.medialit-feedback-box')")


def _radio_to(page, quiz, label: str) -> None:
    """Arrow keys through the radio group until ``label`` is chosen (and focused)."""
    for _ in range(10):
        checked = quiz.locator(".widget-radio-box label:has(input:checked)")
        if checked.count() and checked.inner_text().strip() == label:
            return
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(100)
    raise AssertionError(f"arrow keys never reached the option {label!r}")


def test_each_quiz_type_answered_with_the_keyboard_alone(page, kit_url, artifacts):
    from playwright.sync_api import expect

    _run(page, kit_url, LESSON)
    bank = _bank()
    for qtype, qid in QUIZZES.items():
        assert bank[qid].type == qtype and _quiz(page, qid).count() == 1, qid
    no_edit = ".jp-Notebook.jp-mod-editMode"

    # single_choice: one radio group; arrows move the choice; a wrong answer, Try again, the right one.
    q = bank[QUIZZES["single_choice"]]
    quiz = _quiz(page, q.id)
    group = quiz.get_by_role("radiogroup")
    assert quiz.get_by_role("button", name="Check", exact=True).count() == 1   # no icon glyph in the name
    assert group.count() == 1                                       # one group, named by the prompt
    prompt = page.locator(f"#{group.get_attribute('aria-labelledby')}").inner_text()
    assert " ".join(prompt.split())[:40] == " ".join(q.prompt.split())[:40]
    quiz.locator(".widget-radio-box input").first.focus()          # the one mouse-free jump into the quiz
    cell = active_cell(page)
    right = q.option(q.answer).text
    wrong = next(o.text for o in q.options if o.id != q.answer)
    _radio_to(page, quiz, wrong)
    page.keyboard.press("Tab")
    _check_and_expect(page, quiz, "Not quite")
    page.keyboard.press("Shift+Tab")                                  # back to Try again
    assert _active_is(page, "button.medialit-retry")
    assert quiz.get_by_role("button", name="Try again", exact=True).count() == 1
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('input[type=radio]')")
    _radio_to(page, quiz, right)
    page.keyboard.press("Tab")
    _check_and_expect(page, quiz, "Correct")
    assert active_cell(page) == cell and page.locator(no_edit).count() == 0

    # multi_choice: Space ticks, Tab moves on.
    q = bank[QUIZZES["multi_choice"]]
    quiz = _quiz(page, q.id)
    boxes = quiz.locator("input[type=checkbox]")
    labels = quiz.locator(".widget-checkbox").all_inner_texts()
    boxes.first.focus()
    cell = active_cell(page)
    wanted = {o.text for o in q.options if o.id in q.answer}
    for text in labels:
        if text.strip() in wanted:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    _check_and_expect(page, quiz, "Correct")
    assert active_cell(page) == cell and page.locator(no_edit).count() == 0

    # categorize: ↓ changes each menu; Tab to the next.
    q = bank[QUIZZES["categorize"]]
    quiz = _quiz(page, q.id)
    menus = quiz.locator("select")
    menus.first.focus()
    cell = active_cell(page)
    for n, item in enumerate(q.items):
        target = BINS[q.answer[item.id]]
        for _ in range(len(BINS) + 1):
            if menus.nth(n).evaluate("(s) => s.value") == target:     # option text has no-break spaces
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    _check_and_expect(page, quiz, "Correct")
    assert active_cell(page) == cell and page.locator(no_edit).count() == 0

    # numeric: type, Tab, Enter.
    q = bank[QUIZZES["numeric"]]
    quiz = _quiz(page, q.id)
    quiz.locator("input[type=text]").focus()
    cell = active_cell(page)
    page.keyboard.type(f"{q.answer:g}")
    page.keyboard.press("Tab")
    _check_and_expect(page, quiz, "Correct")
    assert active_cell(page) == cell

    # highlight: Home, → to the key's first word, Shift+→ to its last, Space; for each key phrase.
    q = bank[QUIZZES["highlight"]]
    quiz = _quiz(page, q.id)
    quiz.locator(".mlh-passage").focus()
    cell = active_cell(page)
    tokens = tokenize(q.passage_text)
    base = q.passage.start
    for key in q.key:
        inside = [i for i, (s, e) in enumerate(tokens) if base + s < key.end and key.start < base + e]
        page.keyboard.press("Home")
        for _ in range(inside[0]):
            page.keyboard.press("ArrowRight")
        for _ in range(inside[-1] - inside[0]):
            page.keyboard.press("Shift+ArrowRight")
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    _check_and_expect(page, quiz, "Correct")
    expect(quiz.locator(".mlh-tag-found")).to_have_count(len(q.key))
    assert active_cell(page) == cell and page.locator(no_edit).count() == 0

    # Every state drawn now (wrong, right, found marks) still reads at 4.5:1.
    low = low_contrast(page, ".medialit-quiz")
    page.screenshot(path=str(artifacts / "a11y-keyboard-lesson02.png"), full_page=True)
    assert not low, _describe(low)
