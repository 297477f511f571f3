"""PySide6 front end of TNDE Desktop. Holds no domain rules: it calls :mod:`tnde` services."""
