"""Signing screens: the batch signing dialog, the passphrase/PIN prompt and the signing-device
settings page. Plugged into the main window by the lead (see :class:`SignBatchDialog`)."""
