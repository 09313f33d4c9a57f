"""The kit's version, written into every store and hand-in file."""

__version__ = "0.1.0"
