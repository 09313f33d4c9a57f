"""Tables in notebooks: pandas DataFrames shown with no empty header cells.

pandas draws the corner above a table's row labels (and the blanks beside an index name)
as empty ``<th>`` cells, so a screen reader announces nameless column headers (axe-core:
``empty-table-header``). Once the kit is imported in a notebook, its DataFrames and
everyone else's are shown with those blanks as plain empty ``<td>`` cells; every header
cell with text stays a header. Nothing changes outside IPython, nor in ``to_html()``.
"""

from __future__ import annotations

import re
import sys

_EMPTY_HEADER = re.compile(r"<th(\s[^>]*)?>\s*</th>")


def accessible_html(frame) -> str | None:
    """The notebook HTML of a DataFrame, with its empty header cells as plain cells."""
    import pandas as pd

    if not pd.get_option("display.notebook_repr_html"):
        return None
    html = frame._repr_html_()
    return _EMPTY_HEADER.sub(lambda m: f"<td{m.group(1) or ''}></td>", html) if html else html


def use_in_notebooks() -> bool:
    """Show DataFrames with :func:`accessible_html` in the running IPython, if any."""
    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return False
    # By name, so pandas is not imported here (nor needed until a DataFrame is shown); pandas 3
    # names DataFrame's module "pandas", pandas 2 "pandas.core.frame".
    formatter = shell.display_formatter.formatters["text/html"]
    for module in ("pandas", "pandas.core.frame"):
        formatter.for_type_by_name(module, "DataFrame", accessible_html)
    return True
