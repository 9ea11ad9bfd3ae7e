"""Views of the dialog, one module per responsibility."""
