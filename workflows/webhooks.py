"""Telling an agency client of each status change of an application it started (signed webhooks).

Why a child workflow, abandoned by its parent, rather than an activity of the application:
a receiver may be down for hours, and the application must not wait for it (its status pages
and its result are the citizen's). The child starts, durably, at the moment the status
changes; from then on it lives on its own and retries until delivered or the limit.

    ApplicationWorkflow --status changes--> announce_status_change()
        -> WebhookDeliveryWorkflow "application-<id>-webhook-<n>" (parent close: ABANDON)
             1. webhooks.prepare   store the event once (by event id) if the client subscribed
             2. webhooks.deliver   POST the signed body; retried with backoff (1 s doubling to
                                   10 min, attempts from policies/parameters/webhooks/)
             3. webhooks.mark_failed  when every attempt failed

    AppealWorkflow --the application's status changes--> announce_status_change(appeal_id=...)
        -> WebhookDeliveryWorkflow "appeal-<appeal_id>-webhook-<n>"   (the same three steps)

Event ids are "<application_id>:<status>:<n>", n counting the status changes of the application's
run, so a status reached twice is two events. An appeal counts its own from 1 in its own space,
"<application_id>:appeal-<appeal_id>:<status>:<n>": an appeal's id is unique and one appeal run
announces each n once, so its events never collide with the application run's nor with another
appeal's, and every event id of an application still starts with the application's id.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from connectors.webhooks import DeliverInput, DeliveryOutcome, MarkFailedInput, WebhookActivities, WebhookEventInput

WEBHOOK_DELIVERY_WORKFLOW = "WebhookDelivery"


def event_id(application_id: str, status: str, n: int, appeal_id: str | None = None) -> str:
    run = f":appeal-{appeal_id}" if appeal_id else ""
    return f"{application_id}{run}:{status}:{n}"


def delivery_workflow_id(application_id: str, n: int, appeal_id: str | None = None) -> str:
    # Starts with the announcing run's workflow id, so the worker's logs name the application or appeal.
    if appeal_id:
        return f"appeal-{appeal_id}-webhook-{n}"
    return f"application-{application_id}-webhook-{n}"


_DB = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30))


@workflow.defn(name=WEBHOOK_DELIVERY_WORKFLOW)
class WebhookDeliveryWorkflow:
    @workflow.run
    async def run(self, input: WebhookEventInput) -> DeliveryOutcome:
        plan = await workflow.execute_activity_method(
            WebhookActivities.prepare, input,
            start_to_close_timeout=timedelta(seconds=30), retry_policy=_DB)
        if not plan.deliver:
            return DeliveryOutcome(event_id=input.event_id, status="no_subscription")
        try:
            result = await workflow.execute_activity_method(
                WebhookActivities.deliver, DeliverInput(event_id=input.event_id),
                start_to_close_timeout=timedelta(seconds=30),
                retry_policy=RetryPolicy(
                    initial_interval=timedelta(seconds=plan.initial_interval_seconds), backoff_coefficient=2.0,
                    maximum_interval=timedelta(seconds=plan.maximum_interval_seconds),
                    maximum_attempts=plan.maximum_attempts))
        except ActivityError as error:
            reason = str(error.cause or error)[:500]
            await workflow.execute_activity_method(
                WebhookActivities.mark_failed, MarkFailedInput(event_id=input.event_id, reason=reason),
                start_to_close_timeout=timedelta(seconds=30), retry_policy=_DB)
            return DeliveryOutcome(event_id=input.event_id, status="failed", attempts=plan.maximum_attempts)
        return DeliveryOutcome(event_id=input.event_id, status="delivered", attempts=result.attempts)


async def announce_status_change(application_id: str, client_id: str, status: str, n: int, *,
                                 appeal_id: str | None = None) -> None:
    """From a workflow: start the delivery of one status change, and let it outlive the caller.

    `n` counts the caller's announcements; an appeal passes its id, which gives its events and
    deliveries ids of their own (see the module's docstring).
    Awaiting the start (not the result) makes the event durable before the caller goes on.
    """
    event = WebhookEventInput(event_id=event_id(application_id, status, n, appeal_id), client_id=client_id,
                              application_id=application_id, status=status, occurred_at=workflow.now())
    await workflow.start_child_workflow(
        WEBHOOK_DELIVERY_WORKFLOW, event, id=delivery_workflow_id(application_id, n, appeal_id),
        parent_close_policy=ParentClosePolicy.ABANDON)


__all__ = ["WEBHOOK_DELIVERY_WORKFLOW", "WebhookDeliveryWorkflow", "announce_status_change", "delivery_workflow_id",
           "event_id"]
