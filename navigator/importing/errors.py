class ImportRejected(Exception):
    """The file as a whole cannot be imported; `errors` says why, row by row where possible."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = list(errors)
