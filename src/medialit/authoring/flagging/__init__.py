"""Draft flags for a new article (quotes, word lists, rules, drafts) and their evaluation (PTC)."""
