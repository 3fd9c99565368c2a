"""Deterministic synthetic population for the mock registries: same seed, same people.

Households are drawn first (singles, couples, parents with children), so family links are
consistent: spouses share an address and link to each other, children link to their
parents, patronymics come from the father's name. Every IIN is valid (check digit per
policies.iin) with its 7th digit matching the birth century and sex. The demo persons of
onestop.demo are added with exactly their published facts.

Ages are drawn relative to a fixed REFERENCE_DATE, not today, so the data never drifts.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from connectors.mock.regions import REGIONS, Region
from onestop.demo import CITIZENS, FAMILIES, RELATIVES, DemoCitizen
from policies.iin import check_digit

__all__ = ["REFERENCE_DATE", "Population", "SeedAddress", "SeedDiploma", "SeedPerson", "address_in", "age",
           "diplomas", "full_time_studies", "generate_population", "is_full_time_student", "is_kandas", "left_care_on",
           "releases",
           "patronymic"]

REFERENCE_DATE = date(2025, 7, 1)

_KZ_MALE = ("Nurlan", "Yerlan", "Daniyar", "Arman", "Bolat", "Askar", "Marat", "Serik", "Timur",
            "Azamat", "Berik", "Dauren", "Yerzhan", "Kairat", "Aidar", "Alibek", "Sanzhar", "Almas",
            "Zhanibek", "Nurbolat", "Rustem", "Yerbol", "Galym", "Murat", "Talgat", "Ruslan", "Adil")
_KZ_FEMALE = ("Aigerim", "Gulnara", "Aizhan", "Dana", "Asel", "Madina", "Saule", "Zhanar",
              "Aruzhan", "Dinara", "Ainur", "Gaukhar", "Kamila", "Aliya", "Togzhan", "Akbota",
              "Zarina", "Moldir", "Botagoz", "Karlygash", "Symbat", "Indira", "Zhuldyz")
_KZ_SURNAMES = ("Abenov", "Sadykov", "Serikov", "Zhaksybekov", "Kassymov", "Omarov", "Tulegenov",
                "Nurlanov", "Iskakov", "Bekov", "Akhmetov", "Suleimenov", "Zhumabayev", "Baimukhanov",
                "Karimov", "Ospanov", "Mukhametov", "Yessenov", "Amanov", "Bekturov", "Utemisov",
                "Sarsenbayev", "Kenzhebayev", "Dosmukhamedov", "Tleubayev", "Alimbetov", "Zhunusov",
                "Myrzakhmetov", "Abdrakhmanov", "Kuanyshev", "Shaikenov", "Yerlanov")
_RU_MALE = ("Alexander", "Sergei", "Dmitry", "Andrei", "Vladimir", "Ivan", "Nikolai", "Pavel",
            "Viktor", "Oleg", "Yuri", "Maxim", "Konstantin", "Mikhail")
_RU_FEMALE = ("Elena", "Olga", "Natalia", "Tatiana", "Irina", "Svetlana", "Anna", "Maria",
              "Yulia", "Ekaterina", "Galina", "Lyudmila")
_RU_SURNAMES = ("Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev",
                "Kozlov", "Novikov", "Morozov", "Volkov", "Pavlov", "Fedorov", "Belov", "Orlov")
# Russian patronymic stems that do not simply add "ov" to the name.
_PATRONYMIC_STEMS = {"Sergei": "Sergeyev", "Dmitry": "Dmitriyev", "Andrei": "Andreyev",
                     "Nikolai": "Nikolayev", "Yuri": "Yuryev", "Mikhail": "Mikhailov"}

_CITY_STREETS = ("Abai avenue", "Dostyk street", "Kabanbai batyr avenue", "Tole bi street",
                 "Satpayev street", "Zheltoksan street", "Baitursynov street", "Auezov street",
                 "Seifullin street", "Kunaev street", "Mangilik El avenue", "Turan avenue",
                 "Respublika avenue", "Bukhar zhyrau avenue", "Zhambyl street", "Pushkin street")
_VILLAGE_STREETS = ("Bereke street", "Birlik street", "Ortalyk street", "Mektep street",
                    "Zhastar street", "Tauelsizdik street", "Beibitshilik street", "Baiterek street")

# Shares of the population per region (2024 statistics, rounded); they only shape the data.
_REGION_WEIGHTS = {
    "almaty": 23, "astana": 15, "shymkent": 12, "turkistan": 21, "almaty_region": 15,
    "abai": 6, "akmola": 8, "aktobe": 9, "atyrau": 7, "east_kazakhstan": 7, "jambyl": 12,
    "jetisu": 7, "karaganda": 11, "kostanay": 8, "kyzylorda": 8, "mangystau": 8,
    "north_kazakhstan": 5, "pavlodar": 7, "ulytau": 2, "west_kazakhstan": 7,
}
_ACTIVITY_CODES = ("47.91", "96.02", "49.32", "43.39", "56.10", "85.59", "74.20", "95.29", "01.41")
_MOBILE_PREFIXES = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")


@dataclass(slots=True)
class SeedAddress:
    region_code: str
    locality: str
    street: str
    urban: bool
    regional_centre: bool
    line: str


@dataclass(slots=True)
class SeedPerson:
    iin: str
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date
    sex: str  # "M" / "F"
    address: SeedAddress
    deceased: bool = False
    death_date: date | None = None
    phone: str | None = None
    email: str | None = None
    spouse: str | None = None
    children: list[str] = field(default_factory=list)
    active_entrepreneur: bool = False
    entrepreneur_since: date | None = None
    activity_code: str | None = None


class Population:
    """The seeded persons by IIN, with the reverse family links (parents) worked out once."""

    def __init__(self, persons: Iterable[SeedPerson]) -> None:
        self.persons: dict[str, SeedPerson] = {p.iin: p for p in persons}
        self.parents: dict[str, list[str]] = {}
        for person in self.persons.values():
            for child in person.children:
                self.parents.setdefault(child, []).append(person.iin)

    def __len__(self) -> int:
        return len(self.persons)

    def get(self, iin: str) -> SeedPerson | None:
        return self.persons.get(iin)

    def add_child(self, child: SeedPerson, parents: list[SeedPerson]) -> None:
        """A birth reported after the seed: the child joins the parents' family."""
        self.persons[child.iin] = child
        for parent in parents:
            parent.children.append(child.iin)
        self.parents[child.iin] = [p.iin for p in parents]


def generate_population(seed: int, count: int) -> list[SeedPerson]:
    """At least `count` persons (the demo persons included), the same ones for the same seed."""
    rng = random.Random(seed)
    generator = _Generator(rng)
    persons: list[SeedPerson] = []
    demo_count = len(generator.reserved)
    while len(persons) + demo_count < count:
        persons.extend(generator.household())
    persons.extend(generator.demo_persons())
    return persons


class _Generator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.reserved: set[str] = {c.iin for c in CITIZENS}
        for spouse, children in FAMILIES.values():
            self.reserved.update(children)
            if spouse:
                self.reserved.add(spouse)
        self.taken: set[str] = set(self.reserved)
        self.region_codes = list(_REGION_WEIGHTS)
        self.region_weights = [_REGION_WEIGHTS[c] for c in self.region_codes]

    # --- households -------------------------------------------------------------------

    def household(self) -> list[SeedPerson]:
        rng = self.rng
        address = self.address()
        russian = rng.random() < 0.2
        surname = rng.choice(_RU_SURNAMES if russian else _KZ_SURNAMES)
        kind = rng.random()
        members: list[SeedPerson] = []
        if kind < 0.25:  # one adult living alone
            sex = rng.choice("MF")
            members.append(self.person(surname, sex, self.age_birth(18, 88), address, russian))
            return self.finish(members)
        mother_birth = self.age_birth(20, 80)
        father = None
        if kind < 0.88:  # a couple, with or without children
            father = self.person(surname, "M", _shift_years(mother_birth, rng.randint(-2, 6)),
                                 address, russian)
            members.append(father)
        mother = self.person(surname, "F", mother_birth, address, russian)
        members.append(mother)
        if father is not None:
            father.spouse, mother.spouse = mother.iin, father.iin
        if kind >= 0.40:  # with children
            for _ in range(rng.choice((1, 1, 2, 2, 2, 3, 3, 4))):
                birth = _shift_days(mother_birth, rng.randint(20 * 365, 42 * 365))
                if birth > REFERENCE_DATE:
                    continue
                child_address = address
                if age(birth) >= 20 and rng.random() < 0.5:
                    child_address = self.address(address.region_code)
                child = self.person(surname, rng.choice("MF"), birth, child_address, russian,
                                    father_name=father.first_name if father else None)
                mother.children.append(child.iin)
                if father is not None:
                    father.children.append(child.iin)
                members.append(child)
        return self.finish(members)

    def finish(self, members: list[SeedPerson]) -> list[SeedPerson]:
        rng = self.rng
        for person in members:
            years = age(person.birth_date)
            if years >= 18 and rng.random() < (0.03 if years >= 65 else 0.006):
                start = max(person.birth_date + timedelta(days=18 * 365), date(2012, 1, 1))
                person.deceased = True
                person.death_date = _shift_days(start, rng.randint(0, (REFERENCE_DATE - start).days))
                continue
            if 18 <= years < 65 and rng.random() < 0.075:
                person.active_entrepreneur = True
                first = max(person.birth_date + timedelta(days=18 * 365), date(2008, 1, 1))
                person.entrepreneur_since = _shift_days(
                    first, rng.randint(0, max(0, (REFERENCE_DATE - first).days)))
                person.activity_code = rng.choice(_ACTIVITY_CODES)
            if years >= 14 and rng.random() < 0.65:
                person.phone = f"+7{rng.choice(_MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}"
            if years >= 16 and rng.random() < 0.35:
                person.email = (f"{person.first_name}.{person.last_name}{rng.randint(1, 999)}"
                                "@example.kz").lower()
        return members

    def person(self, surname: str, sex: str, birth: date, address: SeedAddress, russian: bool,
               father_name: str | None = None) -> SeedPerson:
        rng = self.rng
        if russian:
            first = rng.choice(_RU_MALE if sex == "M" else _RU_FEMALE)
        else:
            first = rng.choice(_KZ_MALE if sex == "M" else _KZ_FEMALE)
        if father_name is None and rng.random() < 0.85:
            father_name = rng.choice(_RU_MALE if russian else _KZ_MALE)
        return SeedPerson(
            iin=self.iin(birth, sex),
            last_name=surname if sex == "M" else surname + "a",
            first_name=first,
            middle_name=_patronymic(father_name, sex) if father_name else None,
            birth_date=birth,
            sex=sex,
            address=address,
        )

    def iin(self, birth: date, sex: str) -> str:
        century = {18: 1, 19: 3, 20: 5}[birth.year // 100] + (0 if sex == "M" else 1)
        prefix = f"{birth:%y%m%d}{century}"
        while True:
            first_eleven = f"{prefix}{self.rng.randrange(10_000):04d}"
            digit = check_digit(first_eleven)
            if digit is None:  # never issued: both weight sets give 10
                continue
            iin = f"{first_eleven}{digit}"
            if iin not in self.taken:
                self.taken.add(iin)
                return iin

    def age_birth(self, youngest: int, oldest: int) -> date:
        days = self.rng.randint(youngest * 365 + 5, oldest * 365 + 360)
        return REFERENCE_DATE - timedelta(days=days)

    def address(self, region_code: str | None = None, locality: str | None = None) -> SeedAddress:
        rng = self.rng
        code = region_code or rng.choices(self.region_codes, self.region_weights)[0]
        reg = REGIONS[code]
        if locality is None:
            roll = rng.random()
            if reg.republican_city or roll < 0.45 or not reg.villages:
                locality = reg.centre
            elif roll < 0.65 and reg.towns:
                locality = rng.choice(reg.towns)
            else:
                locality = rng.choice(reg.villages)
        return _address(rng, reg, locality)

    # --- demo persons ---------------------------------------------------------------

    def demo_persons(self) -> list[SeedPerson]:
        persons = {c.iin: self.demo_person(c) for c in CITIZENS}
        for head, (spouse_iin, children) in FAMILIES.items():
            head_person = persons[head]
            if spouse_iin and spouse_iin not in persons:
                persons[spouse_iin] = self.relative(spouse_iin, head_person, children, persons)
            if spouse_iin:
                head_person.spouse = spouse_iin
                persons[spouse_iin].spouse = head
                # A demo spouse of their own lives in the same home (same address line).
                persons[spouse_iin].address = head_person.address
            parents = [head_person] + ([persons[spouse_iin]] if spouse_iin else [])
            for child in children:
                if child not in persons:
                    persons[child] = self.relative(child, head_person, (), persons)
                for parent in parents:
                    parent.children.append(child)
                father = next((p for p in parents if p.sex == "M"), None)
                if father is not None and child in persons:
                    persons[child].middle_name = _patronymic(father.first_name, persons[child].sex)
        return list(persons.values())

    def demo_person(self, c: DemoCitizen) -> SeedPerson:
        birth = date.fromisoformat(c.birth_date)
        person = SeedPerson(
            iin=c.iin, last_name=c.last_name, first_name=c.first_name,
            middle_name=_patronymic(self.rng.choice(_KZ_MALE), c.sex), birth_date=birth,
            sex=c.sex, address=_address(self.rng, REGIONS[c.region_code], c.locality),
            deceased=c.deceased, phone=c.phone, email=c.email,
            active_entrepreneur=c.active_entrepreneur,
        )
        if c.deceased:
            person.death_date = date(2023, 4, 12)
        if c.active_entrepreneur:
            person.entrepreneur_since = date(2021, 3, 15)
            person.activity_code = "47.91"
        return person

    def relative(self, iin: str, head: SeedPerson, children: tuple[str, ...],
                 persons: dict[str, SeedPerson]) -> SeedPerson:
        """A demo relative not listed among CITIZENS: facts read from the IIN itself."""
        sex = "M" if int(iin[6]) % 2 else "F"
        century = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}[int(iin[6])]
        birth = date(century + int(iin[:2]), int(iin[2:4]), int(iin[4:6]))
        named = next((r for r in RELATIVES if r.iin == iin), None)
        child_names = [persons[c].last_name for c in children if c in persons]
        surname = child_names[0] if child_names and sex == "M" else self.rng.choice(_KZ_SURNAMES)
        if sex == "F" and surname.endswith(("ov", "ev", "in")):
            surname += "a"
        first_name = self.rng.choice(_KZ_MALE if sex == "M" else _KZ_FEMALE)
        if named is not None:
            surname, first_name = named.last_name, named.first_name
        return SeedPerson(
            iin=iin, last_name=surname,
            first_name=first_name,
            middle_name=_patronymic(self.rng.choice(_KZ_MALE), sex), birth_date=birth, sex=sex,
            address=head.address,
        )


def _address(rng: random.Random, reg: Region, locality: str) -> SeedAddress:
    urban = not locality.endswith(" village")
    street = rng.choice(_CITY_STREETS if urban else _VILLAGE_STREETS)
    house = rng.randint(1, 180 if urban else 60)
    line = f"{locality}, {street} {house}"
    if urban and rng.random() < 0.6:
        line += f", apt {rng.randint(1, 240)}"
    if not reg.republican_city:
        line = f"{reg.name['en']}, {line}"
    return SeedAddress(region_code=reg.code, locality=locality, street=street, urban=urban,
                       regional_centre=locality == reg.centre, line=line)


address_in = _address  # for the other registries' seeds, which place businesses and homes

_STUDENT_SHARE = 0.45  # of each generation, studies full time after school


def full_time_studies(seed: int, person: SeedPerson) -> tuple[date, date] | None:
    """The years a person studies (or studied) full time after school, from 1 September of the
    year they turn 18, for four years; None for someone who did not. Drawn from the seed and
    the IIN alone, so it never moves the population's own draws."""
    rng = random.Random(f"{seed}:studies:{person.iin}")
    if rng.random() >= _STUDENT_SHARE:
        return None
    start = date(person.birth_date.year + 18, 9, 1)
    return start, date(start.year + 4, 6, 30)


def is_full_time_student(seed: int, person: SeedPerson, on: date) -> bool:
    studies = full_time_studies(seed, person)
    return studies is not None and studies[0] <= on <= studies[1] and not person.deceased


_COLLEGE_SHARE = 0.35  # of those who do not go to university, a college (TVET) after the 9th grade
_KANDAS_SHARE = 0.02  # ethnic Kazakh returnees among the adults
_UNIVERSITIES = ("L. N. Gumilyov Eurasian National University", "Al-Farabi Kazakh National University",
                 "Satbayev University", "Karaganda Buketov University", "South Kazakhstan University",
                 "Korkyt Ata Kyzylorda University")
_COLLEGES = ("Higher College of Construction", "Polytechnic College", "Medical College", "Agrarian-Technical College",
             "College of Service and Tourism", "Pedagogical College")


@dataclass(frozen=True, slots=True)
class SeedDiploma:
    level: str  # secondary, tvet, higher
    institution_kind: str  # school, college, university
    institution: str
    graduated_on: date
    full_time: bool


def diplomas(seed: int, person: SeedPerson, on: date) -> list[SeedDiploma]:
    """The diplomas the education database holds for a person on a date, oldest first: school at 18, then
    a university (the full-time studies above) or, for some of the rest, a college after the 9th grade
    instead of the last two school years. Drawn from the seed and the IIN alone, like the studies."""
    rng = random.Random(f"{seed}:education:{person.iin}")
    found: list[SeedDiploma] = []
    studies = full_time_studies(seed, person)
    if studies is None and rng.random() < _COLLEGE_SHARE:
        found.append(SeedDiploma("tvet", "college", rng.choice(_COLLEGES), date(person.birth_date.year + 18, 6, 28),
                                 True))
    else:
        found.append(SeedDiploma("secondary", "school", f"School No. {rng.randint(1, 90)}",
                                 date(person.birth_date.year + 18, 5, 31), True))
    if studies is not None:
        found.append(SeedDiploma("higher", "university", rng.choice(_UNIVERSITIES), studies[1], True))
    return [d for d in found if d.graduated_on <= on and (person.death_date is None
                                                          or d.graduated_on <= person.death_date)]


def is_kandas(seed: int, person: SeedPerson) -> bool:
    """Holds kandas status (an ethnic Kazakh who came to live in Kazakhstan): the migration service's
    record, which the population registry joins. Never a demo person (their facts are published)."""
    return (person.iin not in _DEMO_IINS and age(person.birth_date) >= 18
            and random.Random(f"{seed}:kandas:{person.iin}").random() < _KANDAS_SHARE)


_DEMO_IINS = frozenset(c.iin for c in CITIZENS)
_CARE_SHARE = 0.006  # grew up as orphans or without parental care, in state care to 18
_RELEASED_SHARE = {"M": 0.006, "F": 0.001}  # adults released from a place of detention in the seed's years


def left_care_on(seed: int, person: SeedPerson, on: date) -> date | None:
    """The day an orphan (or a child without parental care) left state care at 18, as the education
    database's guardianship records hold it; None for everyone else or before that day."""
    if person.iin in _DEMO_IINS or random.Random(f"{seed}:care:{person.iin}").random() >= _CARE_SHARE:
        return None
    left = date(person.birth_date.year + 18, person.birth_date.month, min(person.birth_date.day, 28))
    return left if left <= on else None


def releases(seed: int, person: SeedPerson, on: date) -> list[date]:
    """Days of release from a place of detention (the special records of legal statistics), up to ``on``:
    adults only, at most one, between 2019 and two years after the reference date."""
    rng = random.Random(f"{seed}:released:{person.iin}")
    if person.iin in _DEMO_IINS or rng.random() >= _RELEASED_SHARE.get(person.sex, 0):
        return []
    first = max(date(2019, 1, 1), date(person.birth_date.year + 19, 1, 1))
    last = REFERENCE_DATE + timedelta(days=730)
    if first >= last:
        return []
    released = first + timedelta(days=rng.randint(0, (last - first).days))
    return [released] if released <= on and (person.death_date is None or released < person.death_date) else []


def patronymic(father_name: str, sex: str) -> str:
    """The middle name a child of this father gets."""
    return _patronymic(father_name, sex)


def _patronymic(father_name: str, sex: str) -> str:
    stem = _PATRONYMIC_STEMS.get(father_name, father_name + "ov")
    return stem + ("ich" if sex == "M" else "na")


def age(birth: date, on: date = REFERENCE_DATE) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _shift_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def _shift_years(day: date, years: int) -> date:
    return day - timedelta(days=round(years * 365.25))
