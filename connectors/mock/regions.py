"""Kazakhstan's 17 regions and 3 cities of republican significance, with places to live in.

Names are in kk/ru/en (services.regions has the one list of them). Each region lists its centre
(urban), a few towns (urban) and a few villages (rural), so seeded addresses cover the urban/rural
split that some rules depend on (the 2019-2023 single aggregate payment was 1 MCI in the capital,
cities of republican significance and regional centres, 0.5 MCI elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.regions import REGION_NAMES

__all__ = ["REGIONS", "Region", "region"]


@dataclass(frozen=True)
class Region:
    code: str
    name: dict[str, str]
    centre: str
    republican_city: bool = False
    towns: tuple[str, ...] = ()
    villages: tuple[str, ...] = ()


def _r(code: str, centre: str, towns: tuple[str, ...] = (), villages: tuple[str, ...] = (),
       republican_city: bool = False) -> Region:
    return Region(code, REGION_NAMES[code], centre, republican_city, towns, villages)


REGIONS: dict[str, Region] = {r.code: r for r in (
    _r("astana", "Astana", republican_city=True),
    _r("almaty", "Almaty", republican_city=True),
    _r("shymkent", "Shymkent", republican_city=True),
    _r("abai", "Semey",
       ("Kurchatov", "Ayagoz"), ("Karaul village", "Kainar village")),
    _r("akmola", "Kokshetau",
       ("Stepnogorsk", "Shchuchinsk"), ("Koyandy village", "Akmol village", "Zerenda village")),
    _r("aktobe", "Aktobe",
       ("Khromtau", "Kandyagash"), ("Kargaly village", "Martuk village")),
    _r("almaty_region", "Konaev",
       ("Kaskelen", "Esik", "Talgar"), ("Shamalgan village", "Uzynagash village", "Chundzha village")),
    _r("atyrau", "Atyrau",
       ("Kulsary",), ("Makhambet village", "Dossor village")),
    _r("east_kazakhstan", "Oskemen", ("Ridder", "Zyryanovsk"),
       ("Glubokoye village", "Ulken Naryn village")),
    _r("jambyl", "Taraz",
       ("Shu", "Karatau"), ("Merke village", "Kordai village", "Sarykemer village")),
    _r("jetisu", "Taldykorgan",
       ("Tekeli", "Zharkent"), ("Sarkand village", "Balpyk bi village")),
    _r("karaganda", "Karaganda",
       ("Temirtau", "Balkhash", "Saran"), ("Botakara village", "Karkaraly village")),
    _r("kostanay", "Kostanay",
       ("Rudny", "Lisakovsk"), ("Zatobolsk village", "Mendykara village")),
    _r("kyzylorda", "Kyzylorda",
       ("Baikonur", "Aralsk"), ("Zhalagash village", "Shieli village", "Terenozek village")),
    _r("mangystau", "Aktau",
       ("Zhanaozen",), ("Shetpe village", "Beineu village")),
    _r("north_kazakhstan", "Petropavl", ("Bulayevo",), ("Smirnovo village", "Timiryazevo village")),
    _r("pavlodar", "Pavlodar",
       ("Ekibastuz", "Aksu"), ("Bayanaul village", "Sharbakty village")),
    _r("turkistan", "Turkistan",
       ("Kentau", "Arys", "Saryagash"), ("Shayan village", "Shaulder village", "Asykata village")),
    _r("ulytau", "Zhezkazgan",
       ("Satpayev",), ("Ulytau village", "Zhezdy village")),
    _r("west_kazakhstan", "Oral", ("Aksai",), ("Peremetnoye village", "Chapaev village")),
)}


def region(code: str) -> Region:
    return REGIONS[code]
