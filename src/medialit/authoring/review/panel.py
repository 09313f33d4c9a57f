"""The review widget: every draft in its passage, a label menu, the note, Accept / Reject, and Save."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from medialit._io.reading import read_text
from medialit.article.seeds import ARTICLE_FILE, seed_folder
from medialit.authoring.flagging.drafts import DRAFTS_FILE
from medialit.authoring.review.decisions import (
    RULE_TAG,
    ReviewResult,
    by_confidence,
    clean_note,
    decide,
    load_drafts,
)
from medialit.errors import ReviewError
from medialit.render.css import stylesheet
from medialit.render.html import render_spans
from medialit.text import split
from medialit.vocabulary import CATEGORIES, LABELS

_CSS = stylesheet("review")

_STATES = {
    None: "Decision: not decided yet (stays in drafts.yaml)",
    "accept": "Decision: ACCEPT (will be added to annotations.yaml)",
    "reject": "Decision: REJECT (will be removed from drafts.yaml)",
}


def _label_options(category, label) -> list[tuple[str, str]]:
    options = [(f"{CATEGORIES[c]} · {lab.replace('_', ' ')}", f"{c}/{lab}")
               for c, labels in LABELS.items() for lab in labels]
    current = f"{category}/{label}"
    if current not in {v for _, v in options}:
        options.insert(0, (f"(not in the vocabulary) {category} · {label}", current))
    return options


class _DraftRow:
    """One draft on screen: passage, reason, label menu, note, Accept / Reject."""

    def __init__(self, number: int, draft: Mapping, text: str, sentences):
        import ipywidgets as W

        self.draft = draft
        self.id = str(draft["id"])
        start, end = draft.get("start"), draft.get("end")
        category, label = str(draft.get("category")), str(draft.get("label"))
        ok = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        if ok:
            around = [(s, e) for s, e in sentences if s < end and e > start]
            lo = min([s for s, _ in around] + [start])
            hi = max([e for _, e in around] + [end])
            if category in CATEGORIES:
                frame = pd.DataFrame([{"start": start, "end": end, "category": category,
                                       "label": label, "note": clean_note(draft.get("note"))}])
                passage = render_spans(text, frame, lo, hi, legend=False, notes=False)
            else:
                passage = (f'<div class="ml-passage">{html.escape(text[lo:start])}<mark><b>'
                           f"{html.escape(text[start:end])}</b></mark>{html.escape(text[end:hi])}</div>")
        else:
            passage = f'<div class="ml-passage"><mark>{html.escape(str(draft.get("text")))}</mark></div>'
        note = clean_note(draft.get("note"))
        rule = RULE_TAG.search(str(draft.get("note") or ""))
        self._body = (
            f"{passage}"
            f'<p class="medialit-review-reason"><b>Why it was flagged:</b> {html.escape(note)}'
            + (f" <i>(rule: {html.escape(rule.group(1))})</i>" if rule else "") + "</p>")
        self.number = 0
        self.head = W.HTML()
        self.set_number(number)
        wide = {"description_width": "7em"}
        self.menu = W.Dropdown(options=_label_options(category, label), value=f"{category}/{label}",
                               description="Label", style=wide, layout=W.Layout(width="36em"),
                               tooltip=f"Category and label for draft {self.id}")
        self.note = W.Textarea(value=note, description="Note", style=wide, rows=3,
                               layout=W.Layout(width="95%"),
                               placeholder="What students should notice, in your words")
        self.accept_button = W.ToggleButton(value=False, description="Accept", icon="check",
                                            tooltip=f"Accept draft {self.id}: add it to annotations.yaml")
        self.reject_button = W.ToggleButton(value=False, description="Reject", icon="times",
                                            tooltip=f"Reject draft {self.id}: remove it from drafts.yaml")
        self.state = W.HTML(f'<span class="medialit-review-state" role="status">{_STATES[None]}</span>')
        self.problem = W.HTML("")
        self.accept_button.observe(self._on_accept, names="value")
        self.reject_button.observe(self._on_reject, names="value")
        self.widget = W.VBox([self.head, self.menu, self.note,
                              W.HBox([self.accept_button, self.reject_button, self.state]), self.problem])
        self.widget.add_class("medialit-review-draft")
        self.widget.add_class(f"medialit-draft-{re.sub(r'[^A-Za-z0-9_-]', '-', self.id)}")

    def set_number(self, number: int) -> None:
        """Show the draft's place in the list (it changes once earlier drafts are decided)."""
        if number == self.number:
            return
        self.number = number
        words = " ".join(str(self.draft.get("text")).split())
        self.head.value = (
            f'<div role="group" aria-label="Draft {number}: {html.escape(self.id)}">'
            f"<b>Draft {number}</b> · <code>{html.escape(self.id)}</code> · "
            f"flagged words: “{html.escape(words)}”</div>{self._body}")

    @property
    def decision(self) -> str | None:
        return "accept" if self.accept_button.value else "reject" if self.reject_button.value else None

    def decide(self, decision: str | None) -> None:
        if decision not in _STATES:
            raise ValueError(f"decision must be 'accept', 'reject' or None, not {decision!r}")
        self.accept_button.value = decision == "accept"
        self.reject_button.value = decision == "reject"

    def edits(self) -> dict:
        category, label = self.menu.value.split("/", 1)
        return {"category": category, "label": label, "note": self.note.value}

    def show_problems(self, problems: list[str]) -> None:
        self.problem.value = ("" if not problems else
                              '<div class="medialit-review-problem" role="alert"><b>Not saved:</b> '
                              + "<br>".join(html.escape(p) for p in problems) + "</div>")

    def _refresh(self) -> None:
        self.accept_button.description = "✓ Accepted" if self.accept_button.value else "Accept"
        self.reject_button.description = "✗ Rejected" if self.reject_button.value else "Reject"
        self.accept_button.button_style = "success" if self.accept_button.value else ""
        self.reject_button.button_style = "warning" if self.reject_button.value else ""
        self.state.value = f'<span class="medialit-review-state" role="status">{_STATES[self.decision]}</span>'

    def _on_accept(self, change) -> None:
        if change["new"]:
            self.reject_button.value = False
        self._refresh()

    def _on_reject(self, change) -> None:
        if change["new"]:
            self.accept_button.value = False
        self._refresh()


def _review_panel_class():
    import ipywidgets as W

    class ReviewPanel(W.VBox):
        """The review widget: one row per draft, a page at a time, and Save accepted."""

        def __init__(self, folder: Path, page_size: int = 20):
            super().__init__()
            self.folder = folder
            self.slug = folder.name
            self.page_size = max(1, int(page_size))
            self.page = 0
            self.text = read_text(folder / ARTICLE_FILE)
            self._sentences = split.sentences(self.text, split.lines(self.text))
            self.rows: dict[str, _DraftRow] = {}
            self.drafts: list = []
            self.last_result: ReviewResult | None = None
            self.intro = W.HTML()
            self.list_box = W.VBox()
            self.prev_button = W.Button(description="◀ Previous", tooltip="Show the previous page of drafts")
            self.next_button = W.Button(description="Next ▶", tooltip="Show the next page of drafts")
            self.page_label = W.HTML()
            self.prev_button.on_click(lambda _b: self._turn(-1))
            self.next_button.on_click(lambda _b: self._turn(1))
            self.save_button = W.Button(
                description="Save accepted", button_style="primary", icon="save",
                tooltip="Append the accepted drafts to annotations.yaml (a backup is kept) "
                        "and remove every decided draft from drafts.yaml")
            self.save_button.on_click(self._on_save)
            self.status = W.HTML()
            self.add_class("medialit-review")
            self.children = [self.intro, self.list_box,
                             W.HBox([self.prev_button, self.page_label, self.next_button]),
                             self.save_button, self.status]
            self.reload()

        def __repr__(self) -> str:
            return f"<review of {self.slug}: {len(self.drafts)} draft(s) in {DRAFTS_FILE}>"

        # -- code interface ---------------------------------------------------------------
        def row(self, draft_id: str) -> _DraftRow:
            """The row of one draft (built if it is not on the current page)."""
            if draft_id not in self.rows:
                numbers = {str(d["id"]): n for n, d in enumerate(self.drafts, 1)}
                if draft_id not in numbers:
                    raise KeyError(f"no draft {draft_id!r} in {self.folder / DRAFTS_FILE}")
                draft = self.drafts[numbers[draft_id] - 1]
                self.rows[draft_id] = _DraftRow(numbers[draft_id], draft, self.text, self._sentences)
            return self.rows[draft_id]

        def decide(self, draft_id: str, decision: str | None) -> None:
            """Mark a draft 'accept', 'reject' or None (undecided), as the buttons do."""
            self.row(draft_id).decide(decision)

        def decisions(self) -> dict[str, str]:
            return {rid: row.decision for rid, row in self.rows.items() if row.decision}

        def reload(self) -> None:
            """Read drafts.yaml again (rows already shown keep their decisions and edits)."""
            try:
                self.drafts = by_confidence(load_drafts(self.folder))
                problem = ""
            except ReviewError as exc:
                self.drafts, problem = [], str(exc)
            ids = {str(d["id"]) for d in self.drafts}
            self.rows = {rid: row for rid, row in self.rows.items() if rid in ids}
            count = len(self.drafts)
            self.intro.value = (
                f"<style>{_CSS}</style><h4>Review the draft flags of {html.escape(self.slug)}</h4>"
                f"<p>{count} draft(s) in <code>{html.escape(str(self.folder / DRAFTS_FILE))}</code>, most "
                "confident first, each with why it was flagged (a draft is a prompt to read closely, never "
                "a verdict). For each: "
                "check the highlighted words in their sentence, choose the right label, rewrite the note "
                "for students, then press <b>Accept</b> or <b>Reject</b> (Tab moves between controls; "
                "Space or Enter presses a button). <b>Save accepted</b> adds the accepted ones to "
                "annotations.yaml and removes every decided one from drafts.yaml. Undecided drafts stay.</p>"
                + (f'<p class="medialit-review-problem" role="alert">{html.escape(problem)}</p>' if problem else ""))
            pages = max(1, -(-count // self.page_size))
            self.page = min(self.page, pages - 1)
            self._show_page()

        def save(self) -> ReviewResult | None:
            """Save the decisions (what the button does); returns the result, or None if none."""
            decided = self.decisions()
            accepted = [rid for rid, d in decided.items() if d == "accept"]
            rejected = [rid for rid, d in decided.items() if d == "reject"]
            if not decided:
                self._status("Nothing to save yet: press Accept or Reject on at least one draft.")
                return None
            try:
                result = decide(self.folder, accepted, rejected,
                                {rid: self.rows[rid].edits() for rid in accepted}, skip_invalid=True)
            except ReviewError as exc:
                self._status(str(exc), alert=True)
                return None
            self.last_result = result
            for rid in accepted + rejected:
                row = self.rows.get(rid)
                if row is not None:
                    row.show_problems(result.refused.get(rid, []))
            self.reload()
            self._status(result.summary(), alert=bool(result.refused))
            return result

        # -- internals ---------------------------------------------------------------------
        def _status(self, message: str, alert: bool = False) -> None:
            role = "alert" if alert else "status"
            self.status.value = (f'<div class="medialit-review-status" role="{role}" aria-live="polite">'
                                 f"{html.escape(message)}</div>")

        def _turn(self, step: int) -> None:
            self.page += step
            self._show_page()

        def _show_page(self) -> None:
            count = len(self.drafts)
            pages = max(1, -(-count // self.page_size))
            self.page = max(0, min(self.page, pages - 1))
            first = self.page * self.page_size
            shown = self.drafts[first:first + self.page_size]
            rows = []
            for number, draft in enumerate(shown, first + 1):
                row = self.row(str(draft["id"]))
                row.set_number(number)
                rows.append(row.widget)
            self.list_box.children = rows
            self.page_label.value = (f"<span>&nbsp;drafts {first + 1}-{first + len(shown)} of {count}&nbsp;</span>"
                                     if count else "<span>&nbsp;no drafts left to review&nbsp;</span>")
            self.prev_button.disabled = self.page == 0
            self.next_button.disabled = self.page >= pages - 1

        def _on_save(self, _button=None) -> None:
            try:
                self.save()
            except Exception as exc:  # noqa: BLE001 - show it in the widget, not as a lost traceback
                self._status(f"Something went wrong, nothing may have been saved: {exc!r}", alert=True)

    return ReviewPanel


_PANEL = None


def review(slug_or_path, page_size: int = 20):
    """The review widget for an article's drafts.yaml (an ipywidgets ``VBox``)."""
    global _PANEL
    if _PANEL is None:
        _PANEL = _review_panel_class()
    return _PANEL(seed_folder(slug_or_path), page_size=page_size)
