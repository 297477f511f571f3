"""The ``tnde`` command line: every core service, headless."""
