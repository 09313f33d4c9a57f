"""The kit in JupyterLite, in headless Chromium, with no network but 127.0.0.1.

``medialit lite`` builds a site offline (the npm Pyodide runtime from ``.ci/node``, the
kernel's start-up wheels and the kit's from the package index); a Python thread serves it on
127.0.0.1 and every request to any other address is aborted. In the page, under Pyodide:
the kernel starts, the kit's wheel installs with ``%pip`` from the site, the whoami panel and
a quiz render, a name is typed, an answer is checked and saved under ``/drive``, the kernel is
restarted and the answer comes back, and a hand-in is written. The notebook the page runs is
``tests/resources/lite/lite-check.ipynb``; its quiz is written in code because the quiz bank
is YAML and PyYAML (like numpy, pandas, matplotlib) has no browser build reachable offline.
"""

from __future__ import annotations

import contextlib
import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .conftest import RESOURCES, ROOT, need
from .harness import menu, restart_and_run_all, wait_kernel_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NPM_PYODIDE = ROOT / ".ci" / "node" / "node_modules" / "pyodide"
NOTEBOOK = RESOURCES / "lite" / "lite-check.ipynb"


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
                      ".whl": "application/zip"}

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serve(folder: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from medialit.authoring.lite import build_site, pyodide_version

    wanted = pyodide_version()
    found = json.loads((NPM_PYODIDE / "package.json").read_text())["version"] if NPM_PYODIDE.is_dir() else None
    need(None if found == wanted else
         f"npm's pyodide@{wanted} is not in .ci/node (found {found}); .ci/run installs it")
    folder = tmp_path_factory.mktemp("lite") / "site"
    build_site(ROOT, folder, pyodide=NPM_PYODIDE, extra=[NOTEBOOK])
    return folder


def _result(page, marker: str, timeout: float) -> dict:
    output = page.locator(".jp-OutputArea-output", has_text=marker).last
    output.wait_for(timeout=timeout)
    text = output.inner_text()
    return json.loads(text[text.index(marker) + len(marker):].strip().splitlines()[0])


def test_the_kit_runs_saves_restores_and_hands_in_under_pyodide(site, browser, artifacts):
    from playwright.sync_api import expect

    blocked: list[str] = []

    def only_localhost(route):
        url = urlparse(route.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != "127.0.0.1":
            blocked.append(route.request.url)
            return route.abort()
        return route.continue_()

    with _serve(site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        context.route("**/*", only_localhost)
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            page.goto(f"{base}/lab/index.html?path=lite-check.ipynb")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            wait_kernel_idle(page, 90_000)
            menu(page, "Run", "Run All Cells")
            start = _result(page, "LITE-RESULT", 90_000)
            assert start["platform"] == "emscripten"
            assert start["home"] == "/drive/.medialit"
            assert start["student"] == ["", "unnamed"] and start["saved"] is None

            name = page.get_by_label("Your name")
            name.fill("Lite Student")
            name.press("Enter")
            expect(page.locator(".medialit-whoami")).to_contain_text("Saved. Your answers are kept under the name "
                                                                     "Lite Student")
            quiz = page.locator(".medialit-quiz").first
            quiz.get_by_role("radio", name="Michel Chossudovsky").check()
            quiz.get_by_role("button", name="Check").click()
            expect(quiz.locator(".medialit-quiz-feedback")).to_contain_text("Correct")
            expect(quiz.locator(".medialit-quiz-feedback")).not_to_contain_text("Not saved")
            page.screenshot(path=str(artifacts / "lite-checked.png"))

            restart_and_run_all(page, timeout=90_000, first_try=60_000)
            after = _result(page, "LITE-RESULT", 90_000)
            # The kernel's side first (a failure then says whether the answer came back at all) ...
            assert after["saved"] == "a" and after["restored_attempts"] == 1, after
            # ... then the page's: the widget view may render some seconds after the last cell ran.
            restored = page.locator(".medialit-quiz").first         # a new kernel: the answer came from /drive
            expect(restored.get_by_role("radio", name="Michel Chossudovsky")).to_be_checked(timeout=60_000)
            expect(restored.locator(".medialit-quiz-feedback")).to_contain_text("Correct", timeout=60_000)
            page.screenshot(path=str(artifacts / "lite-restored.png"))
        finally:
            context.close()
    assert after["student"] == ["Lite Student", "whoami"]
    assert after["saved"] == "a" and after["restored_attempts"] == 1
    assert after["handin"].startswith("/drive/handins/")
    assert after["handin_answers"] == [["lite-author", "a", True]]
    print(f"requests aborted (not 127.0.0.1): {len(blocked)} {blocked[:5]}")
