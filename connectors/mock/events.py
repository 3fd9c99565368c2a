"""Registry events: changes to the registries after the seed, published on a feed.

    contract_started   a new employment contract       (iin, employer_bin, position, start_date, monthly_wage)
    contract_ended     a contract ended                (iin, contract_id, end_date)
    income_changed     a contract's wage changed       (iin, contract_id, monthly_wage, from_date)
    death              a person died                   (iin, date)
    birth              a child was born                (iin of the child, mother_iin, father_iin?, ...)

An event is checked, then stored, then applied to the registries: the contracts registry
shows the new contract, contributions follow the new wage, the population registry shows
the death or the child. The stored events are replayed at start, so the registries and the
feed agree across a restart. Tests append events through `POST /_admin/events`.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from connectors.mock.access import MockState
from connectors.mock.livelihood import SeedContract
from connectors.mock.problems import Problem
from connectors.mock.routers.common import require_person
from connectors.mock.seed import SeedPerson, patronymic
from policies.iin import is_valid_bin, is_valid_iin

__all__ = ["EVENT_KINDS", "EventRequest", "apply_stored", "record_event", "replay_events"]

EVENT_KINDS = ("contract_started", "contract_ended", "income_changed", "death", "birth")


class ContractStarted(BaseModel):
    kind: Literal["contract_started"]
    iin: str
    employer_bin: str
    position: str = Field(min_length=1, max_length=200)
    start_date: date
    monthly_wage: int = Field(gt=0, le=100_000_000)


class ContractEnded(BaseModel):
    kind: Literal["contract_ended"]
    iin: str
    contract_id: str
    end_date: date


class IncomeChanged(BaseModel):
    kind: Literal["income_changed"]
    iin: str
    contract_id: str
    monthly_wage: int = Field(gt=0, le=100_000_000)
    from_date: date


class Death(BaseModel):
    kind: Literal["death"]
    iin: str
    date: date


class Birth(BaseModel):
    kind: Literal["birth"]
    iin: str  # the child's
    mother_iin: str
    father_iin: str | None = None
    birth_date: date
    sex: Literal["M", "F"]
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)


EventRequest = Annotated[ContractStarted | ContractEnded | IncomeChanged | Death | Birth,
                         Field(discriminator="kind")]


def record_event(state: MockState, event: EventRequest) -> dict[str, Any]:
    """Check the event against the registries, store it on the feed and apply it."""
    data = _checked(state, event)
    stored = state.store.append_event(event.kind, event.iin, data)
    apply_stored(state, event.kind, event.iin, data)
    return stored


def replay_events(state: MockState) -> int:
    """Apply every stored event, oldest first; how many there were."""
    after, count = 0, 0
    while batch := state.store.events_after(after, 1000):
        for stored in batch:
            apply_stored(state, stored["kind"], stored["iin"], stored["data"])
        after, count = batch[-1]["id"], count + len(batch)
    return count


def _living(state: MockState, iin: str) -> SeedPerson:
    person = require_person(state, iin)
    if person.deceased:
        raise Problem("person_deceased")
    return person


def _contract(state: MockState, person: SeedPerson, contract_id: str) -> SeedContract:
    found = next((c for c in state.livelihood.contracts(person) if c.contract_id == contract_id), None)
    if found is None:
        raise Problem("contract_not_found")
    return found


def _not_future(day: date, field: str) -> None:
    if day > date.today():
        raise Problem("invalid_request", f"'{field}' is in the future", fields=[f"body.{field}"])


def _checked(state: MockState, event: EventRequest) -> dict[str, Any]:
    """The event's data as the feed publishes it; a Problem when the registries say it cannot be."""
    if isinstance(event, ContractStarted):
        _living(state, event.iin)
        if not is_valid_bin(event.employer_bin):
            raise Problem("invalid_bin", fields=["body.employer_bin"])
        employer = state.businesses.get(event.employer_bin)
        if employer is None or not employer.active:
            raise Problem("business_not_found", fields=["body.employer_bin"])
        if event.start_date < employer.registered_on:
            raise Problem("invalid_request", "the employer was registered after the start date",
                          fields=["body.start_date"])
        return {"contract_id": f"EC-E{uuid.uuid4().hex[:11]}", "employer_bin": event.employer_bin,
                "position": event.position, "start_date": event.start_date.isoformat(),
                "monthly_wage": event.monthly_wage}
    if isinstance(event, ContractEnded):
        contract = _contract(state, _living(state, event.iin), event.contract_id)
        if event.end_date < contract.start or (contract.end is not None and contract.end < date.today()):
            raise Problem("invalid_request", "the contract has ended, or ends before it started",
                          fields=["body.end_date"])
        return {"contract_id": contract.contract_id, "employer_bin": contract.employer_bin,
                "end_date": event.end_date.isoformat()}
    if isinstance(event, IncomeChanged):
        contract = _contract(state, _living(state, event.iin), event.contract_id)
        if event.from_date < contract.start:
            raise Problem("invalid_request", "the change is before the contract", fields=["body.from_date"])
        return {"contract_id": contract.contract_id, "employer_bin": contract.employer_bin,
                "monthly_wage": event.monthly_wage, "from_date": event.from_date.isoformat()}
    if isinstance(event, Death):
        person = _living(state, event.iin)
        _not_future(event.date, "date")
        if event.date < person.birth_date:
            raise Problem("invalid_request", "death before birth", fields=["body.date"])
        return {"date": event.date.isoformat()}
    assert isinstance(event, Birth)
    if not is_valid_iin(event.iin):
        raise Problem("invalid_iin", fields=["body.iin"])
    if state.population.get(event.iin) is not None:
        raise Problem("person_exists", fields=["body.iin"])
    _not_future(event.birth_date, "birth_date")
    mother = _living(state, event.mother_iin)
    father = _living(state, event.father_iin) if event.father_iin else None
    if mother.sex != "F" or (father is not None and father.sex != "M"):
        raise Problem("invalid_request", "mother_iin names a woman, father_iin a man",
                      fields=["body.mother_iin", "body.father_iin"])
    return {"mother_iin": mother.iin, "father_iin": father.iin if father else None,
            "birth_date": event.birth_date.isoformat(), "sex": event.sex,
            "last_name": event.last_name, "first_name": event.first_name}


def apply_stored(state: MockState, kind: str, iin: str, data: dict[str, Any]) -> None:
    """What an event changes in the registries (the event was checked when it was recorded)."""
    livelihood, population = state.livelihood, state.population
    person = population.get(iin)
    if kind == "contract_started" and person is not None:
        livelihood.add_contract(SeedContract(
            data["contract_id"], iin, data["employer_bin"], data["position"],
            date.fromisoformat(data["start_date"]), None, int(data["monthly_wage"])))
    elif kind in ("contract_ended", "income_changed") and person is not None:
        contract = next((c for c in livelihood.contracts(person) if c.contract_id == data["contract_id"]), None)
        if contract is None:
            return
        if kind == "contract_ended":
            livelihood.end_contract(contract, date.fromisoformat(data["end_date"]))
        else:
            livelihood.change_wage(contract, date.fromisoformat(data["from_date"]), int(data["monthly_wage"]))
    elif kind == "death" and person is not None:
        person.deceased, person.death_date = True, date.fromisoformat(data["date"])
        livelihood.forget(person.iin, *(person.spouse and [person.spouse] or []),
                          *population.parents.get(person.iin, []))
    elif kind == "birth":
        mother = population.get(data["mother_iin"])
        father = population.get(data["father_iin"]) if data.get("father_iin") else None
        if mother is None or population.get(iin) is not None:
            return
        child = SeedPerson(
            iin=iin, last_name=data["last_name"], first_name=data["first_name"],
            middle_name=patronymic(father.first_name, data["sex"]) if father else None,
            birth_date=date.fromisoformat(data["birth_date"]), sex=data["sex"], address=mother.address)
        parents = [mother] + ([father] if father else [])
        population.add_child(child, parents)
        livelihood.forget(*(p.iin for p in parents))
