"""Search in the legal base: the requisites parser, the search indexes and the query service."""
