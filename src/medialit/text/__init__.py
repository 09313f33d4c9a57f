"""Plain text, independent of any article: the one splitter and tokenizer, spans and their score."""
