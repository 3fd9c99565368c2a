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
class DemoRelative:
    """A family member of a demo citizen who is not a demo login of their own: birth date and
    sex are read from the IIN."""

    iin: str
    last_name: str
    first_name: str


@dataclass(frozen=True)
class DemoBusiness:
    """A legal entity of the businesses registry; with no head_iin the seed picks a living adult
    of the region to head it."""

    bin: str
    name: str  # as written in every language, e.g. "Astana Build Service"
    legal_form: str  # "llp", "jsc", "state_institution"
    region_code: str
    locality: str
    activity_code: str  # general classifier of economic activities (OKED)
    registered_on: str
    employees: int
    head_iin: str | None = None
    shows: str = ""


@dataclass(frozen=True)
class DemoJob:
    """An employment contract in the e-employment record."""

    iin: str
    employer_bin: str
    position: str
    start: str
    monthly_wage: int  # tenge, gross
    end: str | None = None


@dataclass(frozen=True)
class DemoBenefit:
    """A pension or benefit the social payments registry shows as paid, month by month."""

    iin: str  # who it is paid to
    kind: str  # "childcare_benefit", "disability_benefit", ...
    first_month: str  # YYYY-MM
    last_month: str | None  # None: still paid
    monthly_amount: int
    disability_group: int | None = None


@dataclass(frozen=True)
class DemoHousehold:
    """What the registries hold about a demo family's means. Its members' contracts are the
    JOBS naming them; nobody in it has a contract the seed would draw at random."""

    head_iin: str
    means: str  # "poor", "modest", "middle", "well_off": what the seed would draw for others
    homes: int
    vehicles: int
    land_plots: int
    shows: str
    benefits: tuple[DemoBenefit, ...] = ()


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
    DemoCitizen("880412400711", "Utemisova", "Zhanar", "1988-04-12", "F", "turkistan", "Kentau",
                "a poor family of five (both parents at low wages, three children): "
                "qualifies for targeted social assistance", phone="+77251234567"),
    DemoCitizen("850930300439", "Utemisov", "Serik", "1985-09-30", "M", "turkistan", "Kentau",
                "Zhanar Utemisova's husband: an adult member who gives consent",
                phone="+77251234568"),
    DemoCitizen("790314300515", "Bekturov", "Askar", "1979-03-14", "M", "astana", "Astana",
                "heads Astana Build Service LLP (acts for its BIN); a well-off family: "
                "targeted social assistance is refused", phone="+77011239876",
                email="askar.bekturov@example.kz"),
    DemoCitizen("900518400279", "Karimova", "Saule", "1990-05-18", "F", "shymkent", "Shymkent",
                "a mother with a group II disability, alone with two children: targeted social "
                "assistance without conditions (no able-bodied member)", phone="+77251230011"),
    DemoCitizen("830214300620", "Nurlanov", "Yerbol", "1983-02-14", "M", "kostanay",
                "Zatobolsk village", "a low-income family that owns a car: targeted social "
                "assistance refused on the car", phone="+77141230022"),
)

# Family links seeded around the demo persons: (spouse, children).
FAMILIES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "770821400009": ("881111300008", ("100505500009",)),
    "880412400711": ("850930300439", ("150220600194", "191105500310", "230817600226")),
    "790314300515": ("821002400665", ("110721500322", "141203600482")),
    "900518400279": (None, ("170309600419", "201021500369")),
    "830214300620": ("860707400187", ("120901500570", "160425600293")),
}

# Names of the demo families' members who are not demo logins.
RELATIVES: tuple[DemoRelative, ...] = (
    DemoRelative("150220600194", "Utemisova", "Aruzhan"),
    DemoRelative("191105500310", "Utemisov", "Alibek"),
    DemoRelative("230817600226", "Utemisova", "Akbota"),
    DemoRelative("821002400665", "Bekturova", "Dinara"),
    DemoRelative("110721500322", "Bekturov", "Sanzhar"),
    DemoRelative("141203600482", "Bekturova", "Kamila"),
    DemoRelative("170309600419", "Karimova", "Aruzhan"),
    DemoRelative("201021500369", "Karimov", "Adil"),
    DemoRelative("860707400187", "Nurlanova", "Asel"),
    DemoRelative("120901500570", "Nurlanov", "Timur"),
    DemoRelative("160425600293", "Nurlanova", "Togzhan"),
)

# Legal entities of the businesses registry that the demo names. Aigerim Sadykova, an active
# individual entrepreneur, acts for her own business by her IIN.
BUSINESSES: tuple[DemoBusiness, ...] = (
    DemoBusiness("090440003173", "Astana Build Service", "llp", "astana", "Astana", "41.20",
                 "2009-04-17", 85, head_iin="790314300515",
                 shows="headed by Askar Bekturov: he may act for it"),
    DemoBusiness("160240008529", "Nur Textile", "llp", "karaganda", "Karaganda", "13.92",
                 "2016-02-09", 23, head_iin="770821400009",
                 shows="headed by Gulnara Omarova: she may act for it"),
    DemoBusiness("981140000642", "Kentau Transformer Plant", "jsc", "turkistan", "Kentau", "27.11",
                 "1998-11-20", 640, shows="Serik Utemisov's employer"),
    DemoBusiness("010940005113", "School-gymnasium No. 5", "state_institution", "turkistan",
                 "Kentau", "85.31", "2001-09-03", 74, shows="Zhanar Utemisova's employer"),
    DemoBusiness("120340002090", "Nur Med", "llp", "astana", "Astana", "86.21", "2012-03-26", 41,
                 shows="Dinara Bekturova's employer"),
    DemoBusiness("060340004182", "Zatobol Agro", "llp", "kostanay", "Zatobolsk village", "01.11",
                 "2006-03-14", 36, shows="Yerbol Nurlanov's employer"),
    DemoBusiness("990840002277", "Zatobolsk secondary school No. 2", "state_institution", "kostanay",
                 "Zatobolsk village", "85.31", "1999-08-30", 52, shows="Asel Nurlanova's employer"),
)

# Contracts of the e-employment record for the demo families.
JOBS: tuple[DemoJob, ...] = (
    # Half-time (0.5 of the minimum wage): a wage below the minimum is lawful for part time.
    DemoJob("880412400711", "010940005113", "Cleaner (half-time)", "2019-09-02", 42_500),
    DemoJob("850930300439", "981140000642", "Loader", "2021-03-01", 95_000),
    DemoJob("850930300439", "981140000642", "Apprentice", "2017-06-01", 60_000, end="2020-12-31"),
    DemoJob("790314300515", "090440003173", "Director", "2009-05-04", 1_200_000),
    DemoJob("821002400665", "120340002090", "Doctor", "2014-09-01", 450_000),
    DemoJob("830214300620", "060340004182", "Tractor driver", "2015-04-01", 100_000),
    DemoJob("860707400187", "990840002277", "Librarian (part-time)", "2018-09-01", 30_000),
)

# Per-capita income a month (the quarter's income / members / 3), against 70% of the subsistence
# minimum of 2024-2026 (30,385 / 32,360 / 35,596 tenge):
#   Utemisovs  (42,500 + 95,000) / 5 = 27,500: below;
#   Bekturovs  (1,200,000 + 450,000) / 4 = 412,500: far above, with two homes and two cars;
#   Karimovs   79,000 (her disability benefit) / 3 = 26,333: below, and nobody is able-bodied;
#   Nurlanovs  (100,000 + 30,000) / 4 = 32,500: below, but they own a car.
HOUSEHOLDS: tuple[DemoHousehold, ...] = (
    DemoHousehold("880412400711", "poor", homes=1, vehicles=0, land_plots=0,
                  shows="poor: eligible for targeted social assistance (conditional: both parents work)",
                  benefits=(DemoBenefit("880412400711", "childcare_benefit", "2023-09", "2025-02", 28_000),)),
    DemoHousehold("790314300515", "well_off", homes=2, vehicles=2, land_plots=1,
                  shows="well-off: targeted social assistance refused on income, homes and cars"),
    DemoHousehold("900518400279", "poor", homes=1, vehicles=0, land_plots=0,
                  shows="poor, no able-bodied member: eligible without conditions",
                  benefits=(DemoBenefit("900518400279", "disability_benefit", "2015-06", None, 79_000,
                                        disability_group=2),)),
    DemoHousehold("830214300620", "poor", homes=1, vehicles=1, land_plots=1,
                  shows="low income but a car: targeted social assistance refused on property"),
)

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
    # reads who stands behind a pseudonym in the audit trail (portal/audit_pseudonyms.py)
    DemoOfficer("tax.auditor", "Gulnara Seitkali", ("auditor",), "tax", "astana"),
    DemoOfficer("social.astana.officer", "Aliya Mukhamedova", ("officer",), "social", "astana"),
    DemoOfficer("social.astana.supervisor", "Serik Dauletov", ("supervisor",), "social", "astana"),
    DemoOfficer("social.almaty.officer", "Zhanna Ospanova", ("officer",), "social", "almaty"),
    DemoOfficer("social.shymkent.officer", "Bakhyt Yessenov", ("officer",), "social", "shymkent"),
    DemoOfficer("social.karaganda.officer", "Olga Kim", ("officer",), "social", "karaganda"),
    DemoOfficer("social.karaganda.supervisor", "Askar Baimukhanov", ("supervisor",), "social", "karaganda"),
    # The district commission of the Utemisovs (Kentau): targeted social assistance in Turkistan region.
    DemoOfficer("social.turkistan.officer", "Gulmira Abdullayeva", ("officer",), "social", "turkistan"),
    DemoOfficer("labour.astana.officer", "Madina Kairatova", ("officer",), "labour", "astana"),
    # reviews appeals of Astana's labour decisions: a vacancy's moderation, a career centre's refusal
    DemoOfficer("labour.astana.supervisor", "Aigerim Zhunusova", ("supervisor",), "labour", "astana"),
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
