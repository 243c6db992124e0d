"""onconav: a self-hostable cancer navigation assistant."""

__version__ = "0.1.0"
