"""Electronic signatures (TTE) on letters: PDF/A preparation, signing devices, PAdES signing."""
