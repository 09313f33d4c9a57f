"""The quiz widgets in a real browser: JupyterLab 4 and Notebook 7, headless Chromium.

Runs ``tests/resources/quiz-types.ipynb`` (one quiz of each type over the invented
mini-article) after restarting the kernel and clearing outputs, answers every quiz
through the page (clicks, a mouse drag and the keyboard for the highlighter), presses
Check and reads the feedback the kernel sent back. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import pytest

from .harness import open_notebook, restart_and_run_all, wait_kernel_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "quiz-types.ipynb"


def _quiz(page, qtype: str):
    return page.locator(f".medialit-quiz.medialit-quiz-{qtype}")


def _run_fresh(page, url: str, app: str = "lab") -> None:
    open_notebook(page, url, NOTEBOOK, app=app)
    restart_and_run_all(page)
    # A rendered widget DOM node (not the text repr) proves a live kernel.
    page.wait_for_function("document.querySelectorAll('.medialit-quiz').length === 5 && "
                           "document.querySelectorAll('.medialit-quiz-highlight .mlh-tok').length > 0",
                           timeout=30_000)
    # Let Run All finish (it moves focus to the last cell) before using the keyboard.
    wait_kernel_idle(page)
    page.wait_for_timeout(300)


def _highlighted_words(quiz) -> list[str]:
    return quiz.locator(".mlh-tok.mlh-on").all_inner_texts()


def _token(quiz, word: str):
    return quiz.locator(".mlh-tok", has_text=word).first


def _drag(page, start, end) -> None:
    """A real mouse drag from the first word to the last (press, move in steps, release)."""
    start.scroll_into_view_if_needed()
    a, b = start.bounding_box(), end.bounding_box()
    page.mouse.move(a["x"] + 3, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move((a["x"] + b["x"]) / 2, a["y"] + a["height"] / 2, steps=4)
    page.mouse.move(b["x"] + b["width"] - 3, b["y"] + b["height"] / 2, steps=4)
    page.mouse.up()


def _keys_stayed_in_the_highlighter(page) -> None:
    """Space/Enter/arrows went to the highlighter, not to the notebook's own shortcuts."""
    assert page.evaluate("document.activeElement.classList.contains('mlh-passage')")
    assert page.locator(".jp-Notebook.jp-mod-editMode").count() == 0


def _cursor_to(page, quiz, word: str) -> None:
    """Move the highlighter's keyboard cursor to the first token reading ``word``."""
    texts = quiz.locator(".mlh-tok").all_inner_texts()
    assert page.evaluate("document.activeElement.classList.contains('mlh-passage')")
    page.keyboard.press("Home")
    for _ in range(texts.index(word)):
        page.keyboard.press("ArrowRight")
    assert quiz.locator(".mlh-tok.mlh-cursor").inner_text() == word


def test_every_quiz_type_in_jupyterlab(page, lab_url, artifacts):
    from playwright.sync_api import expect

    _run_fresh(page, lab_url)
    assert page.locator(".medialit-quiz").count() == 5
    for qtype in ("single_choice", "multi_choice", "categorize", "highlight", "numeric"):
        assert _quiz(page, qtype).count() == 1, qtype

    # single_choice: a wrong answer first, then Try again and the right one.
    single = _quiz(page, "single_choice")
    feedback = single.locator(".medialit-quiz-feedback")
    single.get_by_role("radio", name="The engineer, Tom Becker").check()
    single.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Not quite")
    expect(feedback).to_contain_text("retold in the reporter's words")   # the option's own feedback
    expect(feedback).to_contain_text("Why: A direct quote")              # the explanation
    single.screenshot(path=str(artifacts / "lab-single-wrong.png"))
    single.get_by_role("button", name="Try again").click()
    single.get_by_role("radio", name="The mayor, Ana Ruiz").check()
    single.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Correct")
    expect(feedback).to_contain_text("Attempt 2")

    # multi_choice: tick the two loaded phrases.
    multi = _quiz(page, "multi_choice")
    multi.get_by_role("checkbox", name="reckless gamble").check()
    multi.get_by_role("checkbox", name="stormy", exact=True).check()
    multi.get_by_role("button", name="Check").click()
    expect(multi.locator(".medialit-quiz-feedback")).to_contain_text("Correct. 2 of 2 right")
    multi.screenshot(path=str(artifacts / "lab-multi.png"))

    # categorize: one dropdown per excerpt.
    sort = _quiz(page, "categorize")
    menus = sort.locator("select")
    assert menus.count() == 4
    for n, label in enumerate(["Quoted reporting", "Framing language", "Unsupported generalization",
                               "None of these"]):
        menus.nth(n).select_option(label=label)
    sort.get_by_role("button", name="Check").click()
    expect(sort.locator(".medialit-quiz-feedback")).to_contain_text("4 of 4 sorted right")
    sort.screenshot(path=str(artifacts / "lab-categorize.png"))

    # highlight: a mouse drag, a click that removes it, the drag again, then the keyboard.
    hl = _quiz(page, "highlight")
    _drag(page, _token(hl, "reckless"), _token(hl, "gamble"))
    expect(hl.locator(".mlh-tok.mlh-on")).to_have_count(2)
    assert _highlighted_words(hl) == ["reckless", "gamble"]
    _token(hl, "gamble").click()                        # a click on a highlight removes it
    expect(hl.locator(".mlh-tok.mlh-on")).to_have_count(0)
    _drag(page, _token(hl, "reckless"), _token(hl, "gamble"))
    expect(hl.locator(".mlh-tok.mlh-on")).to_have_count(2)

    hl.get_by_role("button", name="Check").focus()
    page.keyboard.press("Shift+Tab")                    # Tab order reaches the passage
    assert page.evaluate("document.activeElement.classList.contains('mlh-passage')")
    _cursor_to(page, hl, "stormy")
    page.keyboard.press("Shift+ArrowRight")             # pending: "stormy debate"
    expect(hl.locator(".mlh-tok.mlh-pending")).to_have_count(2)
    page.keyboard.press("Escape")                        # dropped
    expect(hl.locator(".mlh-tok.mlh-pending")).to_have_count(0)
    page.keyboard.press("Space")                         # highlight the word under the cursor
    expect(hl.locator(".mlh-tok.mlh-on")).to_have_count(3)
    assert _highlighted_words(hl) == ["reckless", "gamble", "stormy"]
    _keys_stayed_in_the_highlighter(page)
    hl.screenshot(path=str(artifacts / "lab-highlight-selected.png"))
    hl.get_by_role("button", name="Check").click()
    hl_feedback = hl.locator(".medialit-quiz-feedback")
    expect(hl_feedback).to_contain_text("Correct. You marked all 2 phrases")
    expect(hl_feedback).to_contain_text("Your score: 100%")
    expect(hl_feedback).to_contain_text("tells the reader what to think of the plan")   # annotation note
    expect(hl.locator(".mlh-tag-found")).to_have_count(2)
    hl.screenshot(path=str(artifacts / "lab-highlight-feedback.png"))

    # numeric
    num = _quiz(page, "numeric")
    num.get_by_role("textbox").fill("11")
    num.get_by_role("button", name="Check").click()
    expect(num.locator(".medialit-quiz-feedback")).to_contain_text("11 weeks is right")
    num.screenshot(path=str(artifacts / "lab-numeric.png"))
    page.screenshot(path=str(artifacts / "lab-page.png"))


def test_highlighter_and_choice_in_notebook7(page, lab_url, artifacts):
    from playwright.sync_api import expect

    _run_fresh(page, lab_url, app="notebook")
    assert page.locator(".medialit-quiz").count() == 5

    hl = _quiz(page, "highlight")
    hl.locator(".mlh-passage").focus()
    _cursor_to(page, hl, "reckless")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")
    expect(hl.locator(".mlh-tok.mlh-on")).to_have_count(2)
    _keys_stayed_in_the_highlighter(page)
    hl.get_by_role("button", name="Check").click()
    feedback = hl.locator(".medialit-quiz-feedback")
    expect(feedback).to_contain_text("You marked 1 of the 2 phrases")
    expect(feedback).to_contain_text("missed “stormy”")
    expect(hl.locator(".mlh-tag-missed")).to_have_count(1)
    hl.screenshot(path=str(artifacts / "nb7-highlight-partial.png"))

    single = _quiz(page, "single_choice")
    single.get_by_role("radio", name="The mayor, Ana Ruiz").check()
    single.get_by_role("button", name="Check").click()
    expect(single.locator(".medialit-quiz-feedback")).to_contain_text("Correct")


def test_a_restart_that_does_not_finish_is_tried_again_after_a_reload(page, lab_url, capfd):
    """The harness's one retry, exercised for real: a first try given 1 ms cannot finish."""
    open_notebook(page, lab_url, NOTEBOOK)
    restart_and_run_all(page, first_try=1)
    assert "reloading the page and trying again" in capfd.readouterr().err
    page.wait_for_function("document.querySelectorAll('.medialit-quiz').length === 5", timeout=60_000)
