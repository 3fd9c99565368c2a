"""The demo accounts seeded in development: who they are and what each one shows.

The mock population registry holds these persons with exactly the facts named here
(connectors/mock/seed.py reads this list), the built-in identity provider lets them log
in with the demo password, and README lists them. Every other seeded person may log in too.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoCitizen:
    iin: str
    last_name: str
    first_name: str
    birth_date: str
    sex: str  # "M" / "F"
    region_code: str
    locality: str
    shows: str
    deceased: bool = False
    active_entrepreneur: bool = False
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class DemoOfficer:
    login: str
    name: str
    roles: tuple[str, ...]
    agency: str
    region_code: str


@dataclass(frozen=True)
class DemoClient:
    client_id: str
    secret: str
    name: str
    agency: str
    scopes: tuple[str, ...] = field(default_factory=tuple)


CITIZENS: tuple[DemoCitizen, ...] = (
    DemoCitizen("850715300122", "Abenov", "Nurlan", "1985-07-15", "M", "astana", "Astana",
                "adult in the capital, no business: self-employed registration succeeds",
                phone="+77011234567", email="nurlan.abenov@example.kz"),
    DemoCitizen("900101400013", "Sadykova", "Aigerim", "1990-01-01", "F", "almaty", "Almaty",
                "already an active entrepreneur: registration is refused",
                active_entrepreneur=True, phone="+77021234567"),
    DemoCitizen("100505500009", "Serikov", "Daniyar", "2010-05-05", "M", "astana", "Astana",
                "a minor (born 2010): registration is refused"),
    DemoCitizen("900101300811", "Zhaksybekov", "Yerlan", "1990-01-01", "M", "turkistan",
                "Shayan village", "lives in a village: rural address prefilled",
                email="yerlan.zh@example.kz"),
    DemoCitizen("010203500038", "Kassymov", "Arman", "2001-02-03", "M", "shymkent", "Shymkent",
                "young adult in Shymkent: registration succeeds", phone="+77051234567"),
    DemoCitizen("770821400009", "Omarova", "Gulnara", "1977-08-21", "F", "karaganda", "Karaganda",
                "mother of a family (spouse and children in the registry)",
                phone="+77071234567"),
    DemoCitizen("600303300002", "Tulegenov", "Bolat", "1960-03-03", "M", "almaty", "Almaty",
                "deceased in the registry: cannot log in, and any service for him is refused",
                deceased=True),
)

# Family links seeded around the demo persons: (spouse, children).
FAMILIES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "770821400009": ("881111300008", ("100505500009",)),
}

# Civil servants, each bound to one agency and one region (their queue):
#   tax     State Revenue Committee, regional department (self-employed manual review)
#   social  akimat's social protection department (targeted social assistance, commission visits)
#   labour  career centre (labour exchange, unemployed status)
OFFICERS: tuple[DemoOfficer, ...] = (
    DemoOfficer("tax.astana.officer", "Asel Bekova", ("officer",), "tax", "astana"),
    DemoOfficer("tax.astana.supervisor", "Marat Iskakov", ("supervisor",), "tax", "astana"),
    DemoOfficer("tax.almaty.officer", "Dana Nurlanova", ("officer",), "tax", "almaty"),
    DemoOfficer("tax.astana.officer2", "Yerzhan Tokayev", ("officer",), "tax", "astana"),
    DemoOfficer("tax.almaty.supervisor", "Ruslan Akhmetov", ("supervisor",), "tax", "almaty"),
    DemoOfficer("tax.shymkent.officer", "Saule Abdrakhmanova", ("officer",), "tax", "shymkent"),
    DemoOfficer("tax.shymkent.supervisor", "Nurbol Zhakenov", ("supervisor",), "tax", "shymkent"),
    DemoOfficer("tax.karaganda.officer", "Irina Pak", ("officer",), "tax", "karaganda"),
    DemoOfficer("tax.karaganda.supervisor", "Kanat Smagulov", ("supervisor",), "tax", "karaganda"),
    DemoOfficer("social.astana.officer", "Aliya Mukhamedova", ("officer",), "social", "astana"),
    DemoOfficer("social.astana.supervisor", "Serik Dauletov", ("supervisor",), "social", "astana"),
    DemoOfficer("social.almaty.officer", "Zhanna Ospanova", ("officer",), "social", "almaty"),
    DemoOfficer("social.shymkent.officer", "Bakhyt Yessenov", ("officer",), "social", "shymkent"),
    DemoOfficer("social.karaganda.officer", "Olga Kim", ("officer",), "social", "karaganda"),
    DemoOfficer("social.karaganda.supervisor", "Askar Baimukhanov", ("supervisor",), "social", "karaganda"),
    DemoOfficer("labour.astana.officer", "Madina Kairatova", ("officer",), "labour", "astana"),
    DemoOfficer("labour.almaty.officer", "Timur Sultanov", ("officer",), "labour", "almaty"),
    DemoOfficer("labour.almaty.supervisor", "Gaukhar Ibraimova", ("supervisor",), "labour", "almaty"),
    DemoOfficer("labour.shymkent.officer", "Daulet Nurpeisov", ("officer",), "labour", "shymkent"),
    DemoOfficer("labour.karaganda.officer", "Yelena Shevchenko", ("officer",), "labour", "karaganda"),
)

CLIENTS: tuple[DemoClient, ...] = (
    DemoClient("akimat-astana", "akimat-astana-secret", "Astana city akimat, social department",
               "akimat", ("services:self-employed-registration:start", "applications:read", "webhooks:manage")),
    DemoClient("career-centre-almaty", "career-centre-almaty-secret", "Almaty career centre",
               "career-centre", ("applications:read",)),
)

# Non-personal clients the platform itself uses: the portal's browser login.
PORTAL_REDIRECT_PATH = "/auth/callback"


def citizen(iin: str) -> DemoCitizen | None:
    return next((c for c in CITIZENS if c.iin == iin), None)
