"""Dispositions (disposisi): instructions on incoming letters, routed downward."""
