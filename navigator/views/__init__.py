"""Views of the navigator, one module per responsibility."""
