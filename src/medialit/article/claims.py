"""Claims versus evidence: every unsupported generalization and what the article offers for it.

>>> from medialit.article.claims import claims_table
>>> table = claims_table(load_article("raqqa-exodus"))    # doctest: +SKIP
>>> table[["label", "claim", "evidence"]]                  # doctest: +SKIP

Everything comes from the annotation layer, nothing is typed again:

- each row is one annotation of the category ``generalization``, in article order;
- a claim *leans on a source* when its annotation has a ``source_id`` (the annotator
  recorded which cited source the claim builds on); the row then carries who that is,
  how sure the kit is of what they said (``confidence``) and what they actually say
  (``source_says``, from ``sources.yaml``), so a reader can compare the claim with it;
- ``quoted_in_article`` counts the passages of that source the article itself quotes,
  paraphrases or pastes (annotations labelled ``direct_quote``, ``pasted_excerpt`` or
  ``paraphrase`` with the same ``source_id``; nested passages count separately): the
  evidence on the page;
- a claim with no ``source_id`` offers no evidence: ``evidence`` is ``none offered``.

A source named is not the same as a claim supported: the ``source_says`` column is there
so students can check whether the source says what the claim says.
"""

from __future__ import annotations

import pandas as pd

#: The two values of the ``evidence`` column.
NONE_OFFERED = "none offered"
LEANS_ON_SOURCE = "leans on a cited source"

#: Annotation labels that put a source's content on the page (not lead-ins, cuts or bold).
PASSAGE_LABELS = ("direct_quote", "pasted_excerpt", "paraphrase")

COLUMNS = ["id", "paragraph", "label", "claim", "evidence", "source_id", "source",
           "confidence", "quoted_in_article", "source_says", "note"]


def claims_table(article) -> pd.DataFrame:
    """One row per generalization span: the claim, its label and the evidence offered.

    Columns: ``id``, ``paragraph``, ``label``, ``claim`` (the flagged words),
    ``evidence`` (``none offered`` or ``leans on a cited source``), ``source_id``,
    ``source`` (who), ``confidence`` (``seen`` / ``via`` / ``not_found``, or empty),
    ``quoted_in_article`` (how many passages of that source the article quotes),
    ``source_says`` and ``note`` (the annotation's note for students).
    """
    notes = article.annotations
    sources = article.sources.set_index("id")
    quoted = notes[notes["label"].isin(PASSAGE_LABELS) & (notes["source_id"] != "")]
    quote_counts = quoted.groupby("source_id").size()

    rows = []
    for rec in notes[notes["category"] == "generalization"].itertuples(index=False):
        sid = rec.source_id or ""
        known = sid in sources.index
        rows.append({
            "id": rec.id,
            "paragraph": int(rec.paragraph),
            "label": rec.label,
            "claim": " ".join(str(rec.text).split()),
            "evidence": LEANS_ON_SOURCE if sid else NONE_OFFERED,
            "source_id": sid,
            "source": sources.at[sid, "who"] if known else "",
            "confidence": sources.at[sid, "confidence"] if known else "",
            "quoted_in_article": int(quote_counts.get(sid, 0)) if sid else 0,
            "source_says": sources.at[sid, "says"] if known else "",
            "note": " ".join(str(rec.note).split()),
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def evidence_summary(article) -> pd.DataFrame:
    """How many claims of each label offer no evidence or lean on a source (a count table)."""
    table = claims_table(article)
    counts = (table.groupby(["label", "evidence"]).size()
              .unstack("evidence", fill_value=0)
              .reindex(columns=[NONE_OFFERED, LEANS_ON_SOURCE], fill_value=0))
    counts.columns.name = None
    counts["total"] = counts.sum(axis=1)
    return counts.sort_values(["total", NONE_OFFERED], ascending=False)
