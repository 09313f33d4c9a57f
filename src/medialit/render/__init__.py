"""What the kit draws: the category palette, highlighted passages as HTML, tables and figures."""

from medialit.render.tables import use_in_notebooks

use_in_notebooks()   # in a notebook: DataFrames without empty header cells (see render.tables)
