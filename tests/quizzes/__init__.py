"""Tests of medialit.quizzes."""
