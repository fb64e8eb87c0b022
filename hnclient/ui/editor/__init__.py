"""The item editor: widgets generated from a category's form definition."""
