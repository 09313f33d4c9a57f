"""The class dashboard: a folder of hand-in files turned into tables, charts and one HTML page.

    medialit report handins/ --out class-report/

    from medialit.classroom import report
    rep = report.build("handins/")          # tables as pandas DataFrames
    report.write(rep, "class-report/")      # CSVs, PNG charts, report.html (self-contained)

Modules, in the order the data flows: :mod:`.collect` (read, check and re-grade each
hand-in; what is skipped and why), :mod:`.tables` (the tables of :class:`ClassReport`),
:mod:`.figures` (charts), :mod:`.page` (CSV, PNG and HTML files, and :func:`run`).
"""

from medialit.classroom.report.collect import Skipped, collect
from medialit.classroom.report.figures import (
    CHARTS,
    chart_categories,
    chart_difficulty,
    chart_growth,
    chart_scores,
    figure_categories,
    figure_difficulty,
    figure_growth,
    figure_scores,
)
from medialit.classroom.report.page import run, to_html, write
from medialit.classroom.report.tables import ClassReport, build, wrong_bits

__all__ = ["CHARTS", "ClassReport", "Skipped", "build", "chart_categories", "chart_difficulty", "chart_growth",
           "chart_scores", "collect", "figure_categories", "figure_difficulty", "figure_growth", "figure_scores",
           "run", "to_html", "wrong_bits", "write"]
