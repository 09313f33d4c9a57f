"""Tests of medialit.article."""
