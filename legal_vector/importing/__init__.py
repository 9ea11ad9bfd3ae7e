"""Reading legal acts from files: the structure parser, reference finder and importer."""
