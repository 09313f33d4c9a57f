"""What the kit draws: the category palette, highlighted passages as HTML, and figures."""
