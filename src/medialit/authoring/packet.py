"""Write an article's source packet to a printable file: HTML or Markdown, chosen by the file's suffix.

    medialit packet seeds/raqqa-exodus --out source-packet.html

The packet (:func:`medialit.article.sources.packet`) holds every record of the article's
``sources.yaml`` with its address and confidence mark, for classrooms without web access.
An existing file is kept unless ``force`` is given.
"""

from __future__ import annotations

from pathlib import Path

from medialit._io.atomic import create_exclusive, write_atomic
from medialit.article.model import load_article
from medialit.article.sources import packet
from medialit.errors import AuthoringError

FORMATS = {".html": "to_html", ".htm": "to_html", ".md": "to_markdown", ".markdown": "to_markdown"}


def write_packet(article, out: Path | str, *, force: bool = False) -> Path:
    """Write the packet of ``article`` (a slug, a folder or an Article) to ``out``; return its path.

    Raises :class:`~medialit.errors.AuthoringError`, writing nothing, for a suffix other than
    ``.html``/``.htm``/``.md``/``.markdown``, or when ``out`` exists and ``force`` is not set.
    """
    path = Path(out)
    render = FORMATS.get(path.suffix.lower())
    if render is None:
        raise AuthoringError(path, f"unknown format {path.suffix or '(no suffix)'!r}: end the file name "
                                   "in .html (a page to print) or .md (Markdown)")
    art = article if hasattr(article, "sources") else load_article(article)
    content = getattr(packet(art), render)()
    if force:
        write_atomic(path, content)
    elif not create_exclusive(path, content):
        raise AuthoringError(path, "already exists: use --force to write it again, or --out another file")
    return path
