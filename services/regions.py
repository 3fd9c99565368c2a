"""Where a person's manual work is queued: the regions an agency's officers serve, and their names."""

from __future__ import annotations

# The 17 regions and 3 cities of republican significance (administrative division since 2022).
# An address in none of them means the registries disagree: a person looks before anyone refuses.
REGION_NAMES: dict[str, dict[str, str]] = {
    "astana": {"kk": "Астана", "ru": "Астана", "en": "Astana"},
    "almaty": {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"},
    "shymkent": {"kk": "Шымкент", "ru": "Шымкент", "en": "Shymkent"},
    "abai": {"kk": "Абай облысы", "ru": "Область Абай", "en": "Abai Region"},
    "akmola": {"kk": "Ақмола облысы", "ru": "Акмолинская область", "en": "Akmola Region"},
    "aktobe": {"kk": "Ақтөбе облысы", "ru": "Актюбинская область", "en": "Aktobe Region"},
    "almaty_region": {"kk": "Алматы облысы", "ru": "Алматинская область", "en": "Almaty Region"},
    "atyrau": {"kk": "Атырау облысы", "ru": "Атырауская область", "en": "Atyrau Region"},
    "east_kazakhstan": {"kk": "Шығыс Қазақстан облысы", "ru": "Восточно-Казахстанская область",
                         "en": "East Kazakhstan Region"},
    "jambyl": {"kk": "Жамбыл облысы", "ru": "Жамбылская область", "en": "Jambyl Region"},
    "jetisu": {"kk": "Жетісу облысы", "ru": "Область Жетісу", "en": "Jetisu Region"},
    "karaganda": {"kk": "Қарағанды облысы", "ru": "Карагандинская область", "en": "Karaganda Region"},
    "kostanay": {"kk": "Қостанай облысы", "ru": "Костанайская область", "en": "Kostanay Region"},
    "kyzylorda": {"kk": "Қызылорда облысы", "ru": "Кызылординская область", "en": "Kyzylorda Region"},
    "mangystau": {"kk": "Маңғыстау облысы", "ru": "Мангистауская область", "en": "Mangystau Region"},
    "north_kazakhstan": {"kk": "Солтүстік Қазақстан облысы", "ru": "Северо-Казахстанская область",
                         "en": "North Kazakhstan Region"},
    "pavlodar": {"kk": "Павлодар облысы", "ru": "Павлодарская область", "en": "Pavlodar Region"},
    "turkistan": {"kk": "Түркістан облысы", "ru": "Туркестанская область", "en": "Turkistan Region"},
    "ulytau": {"kk": "Ұлытау облысы", "ru": "Область Ұлытау", "en": "Ulytau Region"},
    "west_kazakhstan": {"kk": "Батыс Қазақстан облысы", "ru": "Западно-Казахстанская область",
                         "en": "West Kazakhstan Region"},
}
KNOWN_REGIONS = frozenset(REGION_NAMES)
# Where a person whose registered region is in none of them is served: the central office.
CENTRAL_REGION = "astana"


def registered_region(region_code: str) -> str:
    """The region whose officers take this person's manual work: the registered one, else the centre."""
    return region_code if region_code in KNOWN_REGIONS else CENTRAL_REGION


__all__ = ["CENTRAL_REGION", "KNOWN_REGIONS", "REGION_NAMES", "registered_region"]
