"""Errors written for the officer: what happened and what to do, in Chinese and English.

Every core error the window may show offers ``message_zh()`` and ``message_en()`` (the store's
and the converters' errors compute theirs per case; simple ones take both texts here), and
:func:`officer_messages` is the one place that asks an exception for them.
"""

from __future__ import annotations

from hnprotocol.errors import ProtocolError


class OfficerError(ProtocolError):
    """An error carrying its officer-facing texts (``message_zh()``, ``message_en()``).

    The same base as the protocol's errors (:class:`hnprotocol.errors.ProtocolError`), so an
    error from either side reads the same way.
    """


def officer_messages(error: BaseException) -> tuple[str, str] | None:
    """``(zh, en)`` when the error speaks to the officer, else None (a bug, not a message)."""
    zh = getattr(error, "message_zh", None)
    if not callable(zh):
        return None
    en = getattr(error, "message_en", None)
    text_zh = str(zh())
    return text_zh, str(en()) if callable(en) else text_zh
