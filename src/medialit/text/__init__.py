"""Plain text, independent of any article: spans of characters and how they are scored."""
