"""The one error the Word output raises, worded for the officer."""

from __future__ import annotations

from hnclient.errors import OfficerError


class WordRenderError(OfficerError):
    """The document cannot be made; :meth:`message_zh` says why and what to do."""
