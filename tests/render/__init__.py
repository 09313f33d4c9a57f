"""Tests of medialit.render."""
