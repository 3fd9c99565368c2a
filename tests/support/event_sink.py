"""A workflow that stands for a running service in tests: it keeps the registry events it is told."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from workflows.registry_events import REGISTRY_EVENT_SIGNAL, RegistryEvent


@workflow.defn(name="EventSink")
class EventSink:
    def __init__(self) -> None:
        self.events: list[RegistryEvent] = []

    @workflow.signal(name=REGISTRY_EVENT_SIGNAL)
    def registry_event(self, event: RegistryEvent) -> None:
        self.events.append(event)

    @workflow.query(name="events")
    def received(self) -> list[RegistryEvent]:
        return self.events

    @workflow.run
    async def run(self) -> None:
        await workflow.wait_condition(lambda: False)
