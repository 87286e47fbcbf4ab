"""The one exception a parser raises for a document it cannot turn into a Law."""

from __future__ import annotations


class ParseError(Exception):
    """A document could not be parsed; ``reason`` is a short human reason ("no text layer")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
