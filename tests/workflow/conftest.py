"""Fixtures of the workflow tests come from :mod:`tests.office` (a plugin of every test)."""
