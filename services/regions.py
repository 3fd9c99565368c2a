"""Where a person's manual work is queued: the regions an agency's officers serve."""

from __future__ import annotations

# The 17 regions and 3 cities of republican significance (administrative division since 2022).
# An address in none of them means the registries disagree: a person looks before anyone refuses.
KNOWN_REGIONS = frozenset({
    "astana", "almaty", "shymkent", "abai", "akmola", "aktobe", "almaty_region", "atyrau", "east_kazakhstan",
    "jambyl", "jetisu", "karaganda", "kostanay", "kyzylorda", "mangystau", "north_kazakhstan", "pavlodar",
    "turkistan", "ulytau", "west_kazakhstan"})
# Where a person whose registered region is in none of them is served: the central office.
CENTRAL_REGION = "astana"


def registered_region(region_code: str) -> str:
    """The region whose officers take this person's manual work: the registered one, else the centre."""
    return region_code if region_code in KNOWN_REGIONS else CENTRAL_REGION


__all__ = ["CENTRAL_REGION", "KNOWN_REGIONS", "registered_region"]
