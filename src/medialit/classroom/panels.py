"""The student's small widgets: whoami (type your name once) and the hand-in button.

Both show a status line that screen readers announce, and a short, stable text repr
(nbval compares ``text/plain``, so a stored notebook output does not depend on widget ids).
"""

from __future__ import annotations

import html
import os

from medialit.classroom.handin import export
from medialit.classroom.names import current_student, home, name_problem, set_name
from medialit.classroom.store import Store
from medialit.errors import HandinError, ProgressError


class _Panel:
    """A widget with a short, stable text repr (nbval compares ``text/plain``)."""

    def __init__(self, widget, text: str):
        self.widget = widget
        self._text = text

    def __repr__(self) -> str:
        return self._text

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = self._text
        return bundle


def _status_html(message: str, kind: str = "info") -> str:
    return (f'<p class="medialit-status medialit-status-{kind}" role="status" aria-live="polite">'
            f"{html.escape(message)}</p>")


def whoami() -> _Panel:
    """A small widget to type your name once; kept for every later notebook and kernel.

    On a JupyterHub the name comes from your login and there is nothing to type.
    Keyboard: type the name, press Enter (or Tab to **Save name** and press Space).
    """
    import ipywidgets as W

    student, source = current_student()
    status = W.HTML()
    if source == "jupyterhub":
        problem = name_problem(student)
        status.value = (_status_html(f"Your login name cannot be used to save answers: {problem}. "
                                     "Tell your teacher: your answers will not be kept.", "error") if problem else
                        _status_html(f"You are signed in as {student}; your answers are saved under that name."))
        box = W.VBox([status])
        box.add_class("medialit-whoami")
        return _Panel(box, "medialit whoami: signed in through JupyterHub")

    name = W.Text(value=student if source == "whoami" else "", description="Your name",
                  placeholder="the name your teacher knows you by", continuous_update=False,
                  layout=W.Layout(width="28em"), style={"description_width": "initial"})
    button = W.Button(description="Save name", icon="check", tooltip="Save your name for every lesson")
    if source == "whoami":
        status.value = _status_html(f"Saving your answers as {student}. Type another name to change it.")
    elif source == "unnamed":     # JupyterLite: everyone is web_user, and nothing is saved before a name
        status.value = _status_html("Type your name and press Enter: your answers are saved in this browser "
                                    "under it, and nothing is saved until you do.")
    else:
        status.value = _status_html("Type your name and press Enter, so your answers are kept under it.")

    def save(_=None):
        try:
            saved = set_name(name.value)
        except ProgressError as exc:
            status.value = _status_html(str(exc), "error")
            return
        except OSError as exc:
            status.value = _status_html(f"could not save the name in {home()}: {exc.strerror or exc}", "error")
            return
        if name.value != saved:
            name.value = saved
        try:
            earlier = Store(saved).saved_as
        except OSError:
            earlier = saved
        merged = (f", together with the answers saved earlier as {earlier} (names that differ only in "
                  "capitals or spaces are one student)") if earlier != saved else ""
        status.value = _status_html(f"Saved. Your answers are kept under the name {saved}{merged}.", "ok")

    button.on_click(save)
    name.observe(lambda change: save() if change["new"].strip() else None, names="value")
    box = W.VBox([W.HBox([name, button]), status])
    box.add_class("medialit-whoami")
    return _Panel(box, "medialit whoami: type your name once")


def handin_button(out: str | os.PathLike = "handins", *, force: bool = False) -> _Panel:
    """A button that writes your hand-in file(s) to ``out`` (see :mod:`medialit.classroom.handin`)."""
    import ipywidgets as W

    status = W.HTML(_status_html(f"Press the button to write your hand-in file into {out}/."))
    button = W.Button(description="Hand in my answers", icon="upload", button_style="primary",
                      tooltip="Write a file with your answers for your teacher")

    def write(_=None):
        try:
            written = export(out, force=force)
        except (OSError, HandinError, ProgressError) as exc:
            status.value = _status_html(f"Could not write the hand-in: {exc}", "error")
            return
        if not written:
            status.value = _status_html("There is nothing to hand in yet: check at least one quiz answer first.",
                                        "error")
            return
        status.value = _status_html(" ".join(w.message for w in written), "ok")

    button.on_click(write)
    box = W.VBox([button, status])
    box.add_class("medialit-handin")
    return _Panel(box, "medialit hand-in button")
