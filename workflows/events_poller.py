"""The one poller of the registries' events feed: reads what changed (a contract started or ended,
a death, a birth) and signals `registry_event` to every running service the change concerns.

Concerned: the long-running services decided and still running (paying) whose applicant is the
person, or a member of the person's family in the population registry (a TSA family's member
who finds work). One workflow, started by every worker at start-up under one id (a second start
is refused by Temporal), loops: read a page after its cursor, signal, sleep; it continues as new
every few hundred events, carrying the cursor, so its history stays short. A repeated signal is
harmless: services take each event id once.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from connectors.base import Purpose
    from connectors.events import START, EventActivities, EventPage, ReadEventsInput
    from connectors.events import RegistryEvent as FeedEvent
    from connectors.population import GetFamilyInput, PopulationActivities
    from store.activities import ConcernedInput, ReadModelActivities
    from workflows.inputs import service_workflow_id
    from workflows.registry_events import REGISTRY_EVENT_SIGNAL, RegistryEvent
    from workflows.retries import LOCAL_STEP, REGISTRY_CALL

EVENTS_POLLER_WORKFLOW = "RegistryEventsPoller"
EVENTS_POLLER_ID = "registry-events-poller"
# The kinds a running service acts on; others (an income change) are read past.
SIGNALLED_KINDS = frozenset({"death", "birth", "contract_started", "contract_ended"})
# Why the poller reads a person's family: the access log shows it.
PURPOSE = Purpose(application_id="registry-events", service_code="registry-events-poller")


class PollerInput(BaseModel):
    cursor: str = START
    interval_seconds: float = 60
    events_before_new_run: int = 500
    stop_after_empty_pages: int | None = None  # tests: stop once the feed is read; None: run for ever


class PollerState(BaseModel):
    cursor: str
    events_read: int
    signals_sent: int


def signal_of(event: FeedEvent) -> RegistryEvent:
    day = event.data.get("date") or event.data.get("start_date") or event.data.get("end_date")
    return RegistryEvent(event_id=str(event.id), kind=event.kind, iin=event.iin,
                         on=date.fromisoformat(day) if isinstance(day, str) else event.at.date())


@workflow.defn(name=EVENTS_POLLER_WORKFLOW)
class RegistryEventsPoller:
    def __init__(self) -> None:
        self._state = PollerState(cursor=START, events_read=0, signals_sent=0)

    @workflow.query(name="state")
    def state(self) -> PollerState:
        return self._state

    @workflow.run
    async def run(self, input: PollerInput) -> PollerState:
        self._state.cursor = input.cursor
        empty_pages = 0
        while self._state.events_read < input.events_before_new_run:
            page: EventPage = await workflow.execute_activity_method(
                EventActivities.read, ReadEventsInput(after=self._state.cursor), **REGISTRY_CALL)
            for event in page.events:
                if event.kind in SIGNALLED_KINDS:
                    await self._signal_concerned(event)
                self._state.events_read += 1
            self._state.cursor = page.cursor
            if page.events:
                empty_pages = 0
                continue
            empty_pages += 1
            if input.stop_after_empty_pages is not None and empty_pages >= input.stop_after_empty_pages:
                return self._state
            await workflow.sleep(timedelta(seconds=input.interval_seconds))
        workflow.continue_as_new(input.model_copy(update={"cursor": self._state.cursor}))

    async def _signal_concerned(self, event: FeedEvent) -> None:
        iins = [event.iin]
        try:
            family = await workflow.execute_activity_method(
                PopulationActivities.get_family, GetFamilyInput(iin=event.iin, purpose=PURPOSE), **REGISTRY_CALL)
            iins += [r.iin for r in (family.spouse, *family.children, *family.parents) if r is not None]
        except ActivityError:  # a person the registry refuses (a birth not yet registered): the person alone
            pass
        concerned = await workflow.execute_local_activity_method(
            ReadModelActivities.decided_services_of, ConcernedInput(iins=iins), **LOCAL_STEP)
        signal = signal_of(event)
        for application_id, code in concerned.services:
            try:
                await workflow.get_external_workflow_handle(service_workflow_id(application_id, code)).signal(
                    REGISTRY_EVENT_SIGNAL, signal)
                self._state.signals_sent += 1
            except Exception:  # ended meanwhile: nothing left to tell  # noqa: BLE001
                workflow.logger.info("service %s of %s ended before the event reached it", code, application_id)


__all__ = ["EVENTS_POLLER_ID", "EVENTS_POLLER_WORKFLOW", "PollerInput", "PollerState", "RegistryEventsPoller"]
