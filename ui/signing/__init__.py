"""Signing screens: the batch signing dialog, the passphrase/PIN prompt and the signing-device
settings page. The main window opens the dialog from a letter's Sign action and from Sign
batch (:meth:`ui.main_window.MainWindow.sign_letters`)."""
