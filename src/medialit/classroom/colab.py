"""Google Colab: keep a student's answers on their Google Drive, if they agree.

A Colab runtime forgets its files when it resets (after idle time, or at most about half a
day), so answers saved under ``~/.medialit`` would be lost. :func:`colab_setup` turns on
Colab's widget manager (third-party widgets such as ipywidgets 8 and anywidget need it), asks Colab to
mount the student's Drive (``google.colab.drive.mount``: Google shows its own consent
dialog) and, once it is mounted, points the store there (``MEDIALIT_HOME``). If the student
declines, or Drive cannot be mounted, it says plainly that answers last only as long as
the runtime. It installs nothing (the lesson's first cell does ``pip install``).

Tested here with a stand-in ``google.colab`` module, never on Colab itself.
"""

from __future__ import annotations

import os
from pathlib import Path

from medialit.classroom.names import home
from medialit.classroom.notices import warn

#: Where Colab mounts Drive, and the folder of the student's Drive the answers go to.
MOUNT_POINT = "/content/drive"
DRIVE_FOLDER = "MyDrive/medialit"

_NOT_KEPT = ("your answers are kept only until this Colab runtime resets: press the hand-in button "
             "before you close the tab (or run medialit.colab_setup() again and allow Google Drive)")


def colab_setup(*, use_drive: bool = True) -> Path | None:
    """In Colab, keep answers on Google Drive once the student allows it; returns the folder used.

    ``use_drive=False`` skips Drive (answers then last as long as the runtime, and the
    function says so). Outside Colab nothing changes and ``None`` is returned. A
    ``MEDIALIT_HOME`` already set is left as it is.
    """
    try:
        from google.colab import drive, output
    except ImportError:
        print("medialit: not running in Google Colab; nothing to set up "
              f"(answers are saved under {home()}).")
        return None
    output.enable_custom_widget_manager()      # the quizzes are ipywidgets 8 and anywidget widgets
    if os.environ.get("MEDIALIT_HOME", "").strip():
        print(f"medialit: MEDIALIT_HOME is set; answers are saved under {home()}.")
        return home()
    if not use_drive:
        warn("colab:no-drive", _NOT_KEPT)
        return None
    try:
        drive.mount(MOUNT_POINT)
    except Exception as exc:  # noqa: BLE001 - Colab raises its own errors when consent is refused
        warn("colab:no-drive", f"Google Drive was not mounted ({type(exc).__name__}: {exc}); {_NOT_KEPT}")
        return None
    folder = Path(MOUNT_POINT) / DRIVE_FOLDER
    if not folder.parent.is_dir():
        warn("colab:no-drive", f"Google Drive is mounted but {folder.parent} is not there; {_NOT_KEPT}")
        return None
    os.environ["MEDIALIT_HOME"] = str(folder)
    print(f"medialit: your answers are saved on your Google Drive, in {DRIVE_FOLDER}; "
          "they come back whenever you open the lessons in Colab again.")
    return folder
