"""Incoming letters (naskah masuk): registration, pre-fill, dispositions."""
