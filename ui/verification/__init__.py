"""Verification screens: the Verifikasi screen (offline verification, Berita Acara) and the
trust-roots settings page; the main window shows the screen as its Verifikasi queue."""
