"""Verification screens: the Verifikasi screen (offline verification, Berita Acara) and the
trust-roots settings page. Plugged into the main window by the lead."""
