"""TSA reads the labour exchange inside Temporal: a suitable offer Serik Utemisov refused on the exchange
bars the family, and the refusal names him and the offer."""

from __future__ import annotations

import uuid
from datetime import date

from temporalio.testing import WorkflowEnvironment

from onestop.settings import Settings
from store import labour
from store.engine import get_engine, session_scope
from tests.workflows.test_tsa import SERIK, ZHANAR, consent, skipping_env, start, stored, tsa_queue  # noqa: F401

ON = date(2026, 11, 20)


async def test_a_refused_suitable_offer_bars_the_family_with_the_reason_shown(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:  # noqa: F811
    engine = get_engine(worker_settings.database_url)
    refusal = labour.VacancyApplication(
        vacancy_id=str(uuid.uuid4()), employer_id="000000000000", seeker_iin=SERIK, status="refused",
        offer={"monthly_pay": "410000", "offered_on": "2026-10-28"}, suitable=True,
        suitability={"outcome": "eligible", "reasons": []}, refused_on=date(2026, 11, 2))
    with session_scope(engine) as session:
        session.add(refusal)
        row_id = refusal.id
    try:
        application_id, handle = await start(skipping_env, tsa_queue, worker_settings, ZHANAR, ON)
        await consent(handle, worker_settings, application_id)
        outcome = await handle.result()
        assert outcome.status == "refused"
        service, _ = stored(worker_settings, application_id)
        assert "tsa_barred" in service.decision["decisive"]
        barred = next(r for r in service.decision["reasons"] if r["code"] == "tsa_barred")
        assert "Serik" in barred["text"]["en"] and "refused the suitable offer" in barred["text"]["en"]
        assert "410 000 tenge a month" in barred["text"]["en"]
        assert set(barred["text"]) == {"kk", "ru", "en"}
    finally:
        with session_scope(engine) as session:
            session.delete(session.get(labour.VacancyApplication, row_id))
