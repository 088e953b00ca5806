"""Audiences: what is shown to whom. ``select(briefing, profile) -> (Briefing, Withheld)``."""
from .profiles import BUILTIN, DETAILS, Profile, get_profile, profile_from_mapping, profiles
from .select import Withheld, select

__all__ = ["BUILTIN", "DETAILS", "Profile", "Withheld", "get_profile", "profile_from_mapping", "profiles", "select"]
