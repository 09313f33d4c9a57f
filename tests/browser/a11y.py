"""Accessibility checks run inside a JupyterLab page: axe-core, computed text contrast, cell focus.

Used by ``test_a11y_browser.py``. axe-core comes from npm (``.ci/run`` installs it under
``.ci/node``; ``MEDIALIT_AXE`` may point at another ``axe.min.js``). Every check looks only
at nodes inside notebook outputs (``.jp-OutputArea-output``): what the kit draws, not
JupyterLab's own chrome.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("MEDIALIT_AXE", ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
OUTPUTS = ".jp-OutputArea-output"


def axe_missing() -> str | None:
    """Why axe-core cannot be injected, or None if it can."""
    if not AXE.is_file():
        return (f"axe-core not found at {AXE} "
                "(npm install --prefix .ci/node --no-save axe-core@4.14, as .ci/run does)")
    return None


def axe_violations(page) -> list[dict]:
    """axe-core's violations whose nodes lie inside notebook outputs (any impact), one dict per node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (sel) => {
        if (!document.querySelector(sel)) return [];
        const result = await axe.run({ include: [[sel]] }, { resultTypes: ["violations"] });
        const out = [];
        for (const v of result.violations)
            for (const node of v.nodes)
                out.push({ rule: v.id, impact: node.impact || v.impact, help: v.help,
                           target: node.target.join(" "), html: node.html.slice(0, 200),
                           summary: (node.failureSummary || "").slice(0, 300) });
        return out;
    }""", OUTPUTS)


# Contrast of every element inside the outputs that has text of its own, from computed styles:
# the text colour (with the opacity of it and its ancestors) over the backgrounds behind it,
# composed up to the page's white. Disabled controls are left out (WCAG 1.4.3 exempts
# inactive components); text hidden from view is not measured.
_CONTRAST_JS = """(sel) => {
    const parse = (c) => {
        const m = c.match(/rgba?\\(([^)]+)\\)/);
        if (!m) return [0, 0, 0, 0];
        const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, under) => {           // top (with alpha) composed over an opaque colour
        const a = top[3];
        return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a));
    };
    const lum = (rgb) => {
        const c = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const background = (el) => {
        const layers = [];
        for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
            const bg = parse(getComputedStyle(n).backgroundColor);
            if (bg[3] > 0) layers.push(bg);
            if (bg[3] >= 1) break;
        }
        let colour = [255, 255, 255];
        for (const layer of layers.reverse()) colour = over(layer, colour);
        return colour;
    };
    const out = [];
    for (const root of document.querySelectorAll(sel)) {
        for (const el of root.querySelectorAll("*")) {
            const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
            if (!own || el.closest("[disabled], .mod-disabled, style, script")) continue;
            const style = getComputedStyle(el);
            if (style.visibility === "hidden" || !el.getClientRects().length) continue;
            let opacity = 1;
            for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
            const bg = background(el);
            const fgRaw = parse(style.color);
            const fg = over([fgRaw[0], fgRaw[1], fgRaw[2], fgRaw[3] * opacity], bg);
            const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
            const ratio = (hi + 0.05) / (lo + 0.05);
            const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
            const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
            out.push({ ratio: Math.round(ratio * 100) / 100, need, text: text.slice(0, 60),
                       tag: el.tagName.toLowerCase(), cls: String(el.className).slice(0, 60),
                       color: style.color, background: `rgb(${bg.map(Math.round).join(", ")})` });
        }
    }
    return out;
}"""


def text_contrasts(page, selector: str = OUTPUTS) -> list[dict]:
    """One dict per text element inside ``selector``: its contrast ratio and the ratio it needs."""
    return page.evaluate(_CONTRAST_JS, selector)


def low_contrast(page, selector: str = OUTPUTS) -> list[dict]:
    """The text elements inside ``selector`` below the WCAG 2.2 minimum (4.5:1, large text 3:1)."""
    return [item for item in text_contrasts(page, selector) if item["ratio"] < item["need"]]


def active_cell(page) -> int:
    """The index of the notebook's active cell."""
    return page.evaluate("""() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
        .findIndex((c) => c.classList.contains('jp-mod-active'))""")


def wait_run_all_done(page, timeout: float = 300_000) -> None:
    """Wait until every code cell has run (a number in its prompt) and the kernel is idle.

    If that does not happen in time, the failure says which cells had not run, what the kernel
    was doing and whether a cell shows an error, and a screenshot is kept in test-artifacts/.
    """
    try:
        page.wait_for_function("""() => {
            const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')];
            const idle = document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']");
            return idle && prompts.length && prompts.every((p) => /\\[\\d+\\]/.test(p.textContent));
        }""", timeout=timeout)
    except Exception as exc:
        state = page.evaluate("""() => ({
            status: (document.querySelector('.jp-Notebook-ExecutionIndicator') || {}).dataset?.status,
            prompts: [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')]
                .map((p) => p.textContent.trim()),
            errors: [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type*="error"]')]
                .map((e) => e.textContent.slice(0, 300)),
        })""")
        with contextlib.suppress(Exception):
            page.screenshot(path=str(Path("test-artifacts") / "run-all-not-done.png"), full_page=True)
        raise AssertionError(f"Run All did not finish in {timeout / 1000:.0f} s on {page.url}: {state}") from exc
