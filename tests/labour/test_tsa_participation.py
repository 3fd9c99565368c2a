"""TSA's participation condition read from the labour exchange (issue 14 §4), on a family of one.

Aigerim, 35, lives alone with no income: below any poverty line, and able-bodied, so the assistance
is conditional on her taking part in employment promotion. Before the exchange was wired only a
contract or a business counted, and she was refused; now a job-seeker registration or a support
measure meets the condition, and a suitable offer she refused bars the family, the sentence naming it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from connectors.contracts import EmploymentRecord
from connectors.contributions import ContributionHistory
from connectors.population import Address, Person
from connectors.property import PropertyRecord
from connectors.social_payments import SocialPaymentHistory
from policies.tsa import decide
from services.labour_participation import MemberParticipation, OfferRefusal, Participation
from services.tsa_family import FamilyFacts, MemberFacts, case_from_registries

ON = date(2026, 11, 20)
IIN = "910101400123"


def _family(exchange: Participation | None) -> FamilyFacts:
    person = Person(iin=IIN, last_name="Seitkali", first_name="Aigerim", birth_date=date(1991, 1, 1), sex="F",
                    deceased=False, address=Address(region_code="astana", region_name={"kk": "Астана", "ru": "Астана",
                                                                                       "en": "Astana"},
                                                    locality="Astana", street="Abay 1", urban=True,
                                                    line="Astana, Abay 1"))
    member = MemberFacts(relation="applicant", person=person, contracts=EmploymentRecord(iin=IIN),
                         contributions=ContributionHistory(iin=IIN, **{"from": "2026-07", "to": "2026-09"}),
                         social_payments=SocialPaymentHistory(iin=IIN, **{"from": "2026-07", "to": "2026-09"}),
                         property=PropertyRecord(iin=IIN))
    return FamilyFacts(on=ON, region="astana", members=[member], exchange=exchange)


def _codes(exchange: Participation | None) -> tuple[str, set[str], object]:
    built = case_from_registries(_family(exchange))
    decision = decide(built.case, ON)
    return decision.result, {r.code for r in decision.reasons}, decision


def test_before_the_exchange_was_wired_only_work_counted_and_she_was_refused() -> None:
    result, codes, _ = _codes(None)
    assert result == "refused" and "tsa_member_not_in_measures" in codes


def test_a_registered_job_seeker_meets_the_condition() -> None:
    result, codes, decision = _codes(Participation(members=[MemberParticipation(iin=IIN, job_seeker=True)]))
    assert result == "eligible_conditional" and "tsa_member_in_measures" in codes
    said = next(r for r in decision.reasons if r.code == "tsa_member_in_measures")  # type: ignore[attr-defined]
    assert "registered on the labour exchange" in said.text["en"]


def test_a_support_measure_meets_the_condition() -> None:
    exchange = Participation(members=[MemberParticipation(iin=IIN, in_support_measure=True)])
    result, codes, decision = _codes(exchange)
    assert result == "eligible_conditional"
    said = next(r for r in decision.reasons if r.code == "tsa_member_in_measures")  # type: ignore[attr-defined]
    assert "on an employment-support measure" in said.text["en"]
    assert set(said.text) == {"kk", "ru", "en"}


def test_a_refused_suitable_offer_bars_the_family_and_the_reason_names_the_offer() -> None:
    refusal = OfferRefusal(refused_on=date(2026, 10, 1), vacancy_title="Backend developer",
                           monthly_pay=Decimal("520000"))
    exchange = Participation(members=[MemberParticipation(iin=IIN, job_seeker=True, refusals=[refusal])])
    result, codes, decision = _codes(exchange)
    assert result == "refused" and "tsa_barred" in decision.decisive  # type: ignore[attr-defined]
    barred = next(r for r in decision.reasons if r.code == "tsa_barred")  # type: ignore[attr-defined]
    assert ("Aigerim Seitkali refused the suitable offer “Backend developer” (520 000 tenge a month)"
            in barred.text["en"])
    assert "Backend developer" in barred.text["kk"] and "Backend developer" in barred.text["ru"]
    # Six months on (tsa.bars.job_offer_refused_months) the bar has ended.
    later = case_from_registries(_family(exchange).model_copy(update={"on": date(2027, 4, 2)}))
    assert "tsa_barred" not in {r.code for r in decide(later.case, date(2027, 4, 2)).reasons}
