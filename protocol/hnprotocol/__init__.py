"""The submission protocol shared by the client and the prefecture's endpoint (docs/protocol.md).

Qt-free and small on purpose: canonical JSON, signature algorithms, the approval record, the
item manifest, the receipt and tus helpers. Both sides import these modules, so they cannot
disagree on what is hashed, signed or accepted.
"""

__version__ = "1.0"
