"""Qt item models over core collections."""
