"""Kazakhstan's 17 regions and 3 cities of republican significance, with places to live in.

Names are in kk/ru/en. Each region lists its centre (urban), a few towns (urban) and a few
villages (rural), so seeded addresses cover the urban/rural split that some rules depend on
(the 2019-2023 single aggregate payment was 1 MCI in the capital, cities of republican
significance and regional centres, 0.5 MCI elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["REGIONS", "Region", "region"]


@dataclass(frozen=True)
class Region:
    code: str
    name: dict[str, str]
    centre: str
    republican_city: bool = False
    towns: tuple[str, ...] = ()
    villages: tuple[str, ...] = ()


def _r(code: str, kk: str, ru: str, en: str, centre: str, towns: tuple[str, ...] = (),
       villages: tuple[str, ...] = (), republican_city: bool = False) -> Region:
    return Region(code, {"kk": kk, "ru": ru, "en": en}, centre, republican_city, towns, villages)


REGIONS: dict[str, Region] = {r.code: r for r in (
    _r("astana", "Астана", "Астана", "Astana", "Astana", republican_city=True),
    _r("almaty", "Алматы", "Алматы", "Almaty", "Almaty", republican_city=True),
    _r("shymkent", "Шымкент", "Шымкент", "Shymkent", "Shymkent", republican_city=True),
    _r("abai", "Абай облысы", "Область Абай", "Abai Region", "Semey",
       ("Kurchatov", "Ayagoz"), ("Karaul village", "Kainar village")),
    _r("akmola", "Ақмола облысы", "Акмолинская область", "Akmola Region", "Kokshetau",
       ("Stepnogorsk", "Shchuchinsk"), ("Koyandy village", "Akmol village", "Zerenda village")),
    _r("aktobe", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", "Aktobe",
       ("Khromtau", "Kandyagash"), ("Kargaly village", "Martuk village")),
    _r("almaty_region", "Алматы облысы", "Алматинская область", "Almaty Region", "Konaev",
       ("Kaskelen", "Esik", "Talgar"), ("Shamalgan village", "Uzynagash village", "Chundzha village")),
    _r("atyrau", "Атырау облысы", "Атырауская область", "Atyrau Region", "Atyrau",
       ("Kulsary",), ("Makhambet village", "Dossor village")),
    _r("east_kazakhstan", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область",
       "East Kazakhstan Region", "Oskemen", ("Ridder", "Zyryanovsk"),
       ("Glubokoye village", "Ulken Naryn village")),
    _r("jambyl", "Жамбыл облысы", "Жамбылская область", "Jambyl Region", "Taraz",
       ("Shu", "Karatau"), ("Merke village", "Kordai village", "Sarykemer village")),
    _r("jetisu", "Жетісу облысы", "Область Жетісу", "Jetisu Region", "Taldykorgan",
       ("Tekeli", "Zharkent"), ("Sarkand village", "Balpyk bi village")),
    _r("karaganda", "Қарағанды облысы", "Карагандинская область", "Karaganda Region", "Karaganda",
       ("Temirtau", "Balkhash", "Saran"), ("Botakara village", "Karkaraly village")),
    _r("kostanay", "Қостанай облысы", "Костанайская область", "Kostanay Region", "Kostanay",
       ("Rudny", "Lisakovsk"), ("Zatobolsk village", "Mendykara village")),
    _r("kyzylorda", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", "Kyzylorda",
       ("Baikonur", "Aralsk"), ("Zhalagash village", "Shieli village", "Terenozek village")),
    _r("mangystau", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", "Aktau",
       ("Zhanaozen",), ("Shetpe village", "Beineu village")),
    _r("north_kazakhstan", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область",
       "North Kazakhstan Region", "Petropavl", ("Bulayevo",), ("Smirnovo village", "Timiryazevo village")),
    _r("pavlodar", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", "Pavlodar",
       ("Ekibastuz", "Aksu"), ("Bayanaul village", "Sharbakty village")),
    _r("turkistan", "Түркістан облысы", "Туркестанская область", "Turkistan Region", "Turkistan",
       ("Kentau", "Arys", "Saryagash"), ("Shayan village", "Shaulder village", "Asykata village")),
    _r("ulytau", "Ұлытау облысы", "Область Ұлытау", "Ulytau Region", "Zhezkazgan",
       ("Satpayev",), ("Ulytau village", "Zhezdy village")),
    _r("west_kazakhstan", "Батыс Қазақстан облысы", "Западно-Казахстанская область",
       "West Kazakhstan Region", "Oral", ("Aksai",), ("Peremetnoye village", "Chapaev village")),
)}


def region(code: str) -> Region:
    return REGIONS[code]
