"""The reference submission endpoint of docs/protocol.md (its own package, no PySide6)."""

__version__ = "0.1.0"
