"""Draft flags for a new article, and their evaluation on a propaganda corpus."""
