"""Errors of the protocol, each with the words a person can act on.

They offer ``message_zh()`` and ``message_en()`` like the client's ``OfficerError`` (the client
shows them as they are; the endpoint returns them in its JSON error bodies).
"""

from __future__ import annotations


class ProtocolError(Exception):
    """A protocol rule does not hold; ``message_zh``/``message_en`` say what and what to do."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self._zh = message_zh
        self._en = message_en

    def message_zh(self) -> str:
        return self._zh

    def message_en(self) -> str:
        return self._en
