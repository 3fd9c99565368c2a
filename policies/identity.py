"""Whether a person may apply in their own name: alive and of full age (Civil Code, Art. 17)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from policies.decision import Decision
from policies.evaluation import Evaluation


class PersonFacts(BaseModel):
    """What the population registry says about the applicant (never what the IIN digits say)."""

    birth_date: date
    deceased: bool = False


def age_on(birth_date: date, on: date) -> int:
    """Full years on ``on``; someone born on 29 February comes of age on 1 March in common years."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def applicant_capacity(facts: PersonFacts, on: date) -> Decision:
    ev = Evaluation(on)
    ev.note("birth_date", facts.birth_date, "population registry")
    ev.note("deceased", facts.deceased, "population registry")
    if facts.deceased:
        ev.fail("deceased")
        return ev.decide()
    age_of_majority: int = ev.param("identity.age_of_majority")
    if facts.birth_date > on:
        ev.refer("birth_date_in_future", birth_date=facts.birth_date, on=on)
        return ev.decide()
    age = age_on(facts.birth_date, on)
    ev.note("age", age, "full years between birth_date and the decision date")
    ev.figure(age=age, age_of_majority=age_of_majority)
    if age < age_of_majority:
        ev.fail("minor", age=age, age_of_majority=age_of_majority, on=on)
    else:
        ev.ok("adult", age=age, on=on)
    return ev.decide()
