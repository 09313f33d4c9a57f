"""Lessons as Voila apps, in headless Chromium, offline, with idle kernels culled.

- The quiz fixture (``tests/resources/quiz-types.ipynb``) served by ``voila`` started
  from the repository root, so that ``voila.json`` there applies: a quiz is answered by
  clicking, and its feedback is read back from the kernel.
- A real lesson (the first ``notebooks/0*.ipynb`` that shows a quiz), served exactly as
  a teacher would (``voila notebooks/<lesson>.ipynb`` from the repository root): it
  renders with no error output and a quiz answers a click.
- Offline: every request the page makes is recorded. Anything not for 127.0.0.1 is
  blocked, and the only such requests allowed are Voila's own FontAwesome stylesheets
  from a CDN (its lab template hard-codes them); the test shows the icons still render,
  from the copy of FontAwesome 5 (with v4 shims) that Voila bundles in voila-style.js.
- Culling: the culler starts with ``voila.json``'s settings, and a kernel whose page is
  closed is culled (a second Voila with the timeout shortened on the command line).
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .harness import free_port, isolated_env, stop_process_group

pytestmark = [pytest.mark.browser, pytest.mark.slow]

pytest.importorskip("voila", reason="voila is not installed (pip install -e '.[test]')")

ROOT = Path(__file__).resolve().parents[2]
VOILA_JSON = ROOT / "voila.json"
# The only off-machine requests tolerated: the lab template's FontAwesome stylesheets.
CDN_ALLOWED = re.compile(r"^https://cdn\.jsdelivr\.net/npm/@fortawesome/fontawesome-free@[^/]+/css/"
                         r"(all|v4-shims)\.min\.css$")


@contextlib.contextmanager
def voila_server(notebook: Path, home: Path, *extra: str, cwd: Path = ROOT, timeout: float = 60):
    """Run ``voila notebook`` on 127.0.0.1 from ``cwd``; yields (url, process, log path)."""
    port = free_port()
    env = isolated_env(home)
    log_path = home / f"voila-{port}.log"
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115
    cmd = [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", *extra]
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"voila exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"voila did not listen within {timeout}s:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", proc, log_path
    finally:
        import psutil

        with contextlib.suppress(psutil.NoSuchProcess):
            children = psutil.Process(proc.pid).children(recursive=True)
        stop_process_group(proc)
        for child in children:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()
        log.close()


def kernels_of(proc) -> list:
    import psutil

    try:
        return [p for p in psutil.Process(proc.pid).children(recursive=True)
                if "ipykernel" in " ".join(p.cmdline())]
    except psutil.NoSuchProcess:
        return []


class Network:
    """Every request a browser context makes; anything not for 127.0.0.1 is blocked."""

    def __init__(self, context):
        self.seen: list[str] = []
        self.blocked: list[str] = []
        context.route("**/*", self._route)
        context.on("request", lambda request: self.seen.append(request.url))

    def _route(self, route) -> None:
        url = route.request.url
        if urlparse(url).scheme in ("data", "blob") or urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def watch_websockets(self, page) -> None:
        page.on("websocket", lambda ws: self.seen.append(ws.url))

    def check(self, artifacts: Path, name: str) -> None:
        (artifacts / f"voila-{name}-requests.json").write_text(
            json.dumps({"seen": self.seen, "blocked": self.blocked}, indent=1), encoding="utf-8")
        off_machine = [u for u in self.seen if urlparse(u).scheme not in ("data", "blob")
                       and urlparse(u).hostname != "127.0.0.1"]
        assert set(off_machine) == set(self.blocked), "a request left the machine unblocked"
        unexpected = [u for u in self.blocked if not CDN_ALLOWED.match(u)]
        assert not unexpected, f"the page asked for assets off the machine: {unexpected}"
        assert any(urlparse(u).hostname == "127.0.0.1" for u in self.seen)


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    network = Network(context)
    page = context.new_page()
    network.watch_websockets(page)
    page.set_default_timeout(60_000)
    yield page, network
    context.close()


def _icon_state(page, button_selector: str) -> dict:
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.evaluate(
        """(sel) => {
            const i = document.querySelector(sel + ' i');
            if (!i) return {found: false};
            const before = getComputedStyle(i, '::before');
            return {found: true, classes: i.className, family: before.fontFamily, content: before.content,
                    width: i.getBoundingClientRect().width,
                    loaded: document.fonts.check('900 16px "Font Awesome 5 Free"')};
        }""", button_selector)


def test_quiz_in_voila_offline(offline_page, notebook_root, tmp_path, artifacts):
    from playwright.sync_api import expect

    page, network = offline_page
    settings = json.loads(VOILA_JSON.read_text(encoding="utf-8"))["MappingKernelManager"]
    with voila_server(notebook_root / "quiz-types.ipynb", tmp_path / "home") as (url, proc, log):
        page.goto(url)
        single = page.locator(".medialit-quiz.medialit-quiz-single_choice")
        expect(single).to_be_visible(timeout=90_000)
        assert page.locator(".medialit-quiz").count() == 5
        feedback = single.locator(".medialit-quiz-feedback")
        single.get_by_role("radio", name="The engineer, Tom Becker").check()
        single.get_by_role("button", name="Check").click()
        expect(feedback).to_contain_text("Not quite")
        single.get_by_role("button", name="Try again").click()
        single.get_by_role("radio", name="The mayor, Ana Ruiz").check()
        single.get_by_role("button", name="Check").click()
        expect(feedback).to_contain_text("Correct")
        expect(feedback).to_contain_text("Attempt 2")
        icon = _icon_state(page, ".medialit-quiz-single_choice button.medialit-hint")
        single.screenshot(path=str(artifacts / "voila-single.png"))
        page.screenshot(path=str(artifacts / "voila-page.png"), full_page=False)
        assert len(kernels_of(proc)) == 1
        text = log.read_text(encoding="utf-8")
    network.check(artifacts, "quiz")
    # Icons (Hint's lightbulb-o, a FontAwesome 4 name) render from Voila's bundled FontAwesome 5.
    assert icon["found"] and "fa-lightbulb-o" in icon["classes"], icon
    assert "Font Awesome" in icon["family"] and icon["content"] not in ("none", "normal", '""'), icon
    assert icon["loaded"] and icon["width"] > 0, icon
    # voila.json (read from the folder voila starts in) set the culler up.
    assert (f"Culling kernels with idle durations > {settings['cull_idle_timeout']} seconds at "
            f"{settings['cull_interval']} second intervals") in text, text[-3000:]
    if settings.get("cull_connected"):
        assert "Culling kernels even with connected clients" in text


def _first_lesson_with_quiz() -> Path | None:
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        if any("quiz(" in "".join(c.get("source", "")) for c in nb["cells"] if c["cell_type"] == "code"):
            return path
    return None


def test_lesson_as_voila_app(offline_page, tmp_path, artifacts):
    from playwright.sync_api import expect

    lesson = _first_lesson_with_quiz()
    if lesson is None:
        pytest.skip("no lesson in notebooks/ shows a quiz yet")
    page, network = offline_page
    rel = lesson.relative_to(ROOT)
    with voila_server(rel, tmp_path / "home") as (url, proc, log):
        page.goto(url)
        quiz = page.locator(".medialit-quiz").first
        expect(quiz).to_be_visible(timeout=120_000)
        errors = page.locator("[data-mime-type='application/vnd.jupyter.stderr'], .jp-OutputArea-output.jp-mod-error")
        assert errors.count() == 0, errors.all_inner_texts()[:3]
        quiz.locator(".medialit-check").click()
        expect(quiz.locator(".medialit-quiz-feedback .medialit-feedback-box")).to_be_visible()
        page.screenshot(path=str(artifacts / f"voila-{lesson.stem}.png"))
    network.check(artifacts, lesson.stem)


def test_voila_culls_the_kernel_of_a_closed_page(browser, notebook_root, tmp_path):
    context = browser.new_context()
    Network(context)  # offline here too
    page = context.new_page()
    with voila_server(notebook_root / "quiz-types.ipynb", tmp_path / "home",
                      "--MappingKernelManager.cull_idle_timeout=2",
                      "--MappingKernelManager.cull_interval=1") as (url, proc, log):
        try:
            page.goto(url)
            page.wait_for_selector(".medialit-quiz", timeout=90_000)
            assert len(kernels_of(proc)) == 1
        finally:
            context.close()
        deadline = time.monotonic() + 30
        while kernels_of(proc) and time.monotonic() < deadline:
            time.sleep(0.5)
        text = log.read_text(encoding="utf-8")
        assert not kernels_of(proc), f"the closed page's kernel is still running:\n{text[-2000:]}"
        assert re.search(r"Culling '[^']+' kernel \S+ .*inactivity", text), text[-2000:]
