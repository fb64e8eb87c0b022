"""All widgets. Nothing outside this package imports PySide6."""
