"""The one error the Word output raises, worded for the officer."""

from __future__ import annotations


class WordRenderError(Exception):
    """The document cannot be made; :meth:`message_zh` says why and what to do."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self._zh = message_zh
        self._en = message_en

    def message_zh(self) -> str:
        return self._zh

    def message_en(self) -> str:
        return self._en
