"""The migration scripts, one revision each (see the package's docstring)."""
