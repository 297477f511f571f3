"""Qt item models over core collections (STYLE.md rule 10)."""
