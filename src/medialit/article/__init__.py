"""The article's data: text, annotation layer, sources, figures, and what can be computed from them.

Modules: :mod:`.seeds` (where a seed folder's files live), :mod:`.model` (the
:class:`Article`), :mod:`.annotations`, :mod:`.sources`, :mod:`.numbers`, :mod:`.claims`,
:mod:`.attribution`, :mod:`.timeline` (dated events), :mod:`.lookup` (tables to read
instead of code), and :mod:`.checks` (every problem in the
article's own files). :func:`.sources.packet` gathers the source notes as a printable packet.
"""
