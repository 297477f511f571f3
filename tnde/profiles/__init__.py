"""Office profiles (Profil TND): paper, margins, fonts, kop, casing, TTE footer, numbering."""

from __future__ import annotations

from tnde.profiles.loader import available_profiles, load_profile, parse_profile, profiles_dir
from tnde.profiles.model import DEFAULT_INSTRUCTIONS, PAPER_SIZES_MM, Kop, Profile, Style, Tte

__all__ = [
    "DEFAULT_INSTRUCTIONS",
    "PAPER_SIZES_MM",
    "Kop",
    "Profile",
    "Style",
    "Tte",
    "available_profiles",
    "load_profile",
    "parse_profile",
    "profiles_dir",
]
