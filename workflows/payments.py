"""Monthly payments of a long-running service (targeted social assistance, the unemployment benefit).

    payments = MonthlyPayments(timeline, PaymentPlan(...), stopped=lambda: self.tasks.withdrawn)
    paid = await payments.run(parts_for)   # parts_for(month) -> the parts to pay for that month

Once the service is decided, each month of the assigned period is paid on its due day (the plan's
`payment_day` of that month, Kazakhstan time; a month whose day has passed, such as the month of
application, is paid at once). The workflow sleeps on a timer until then, so the time-skipping
test server runs a whole period in an instant.

- Every part of a month is one payment through the payments gateway with its own idempotency key
  (the plan's `key_prefix`/<yyyy-mm>, and /<part> for a part other than the main one): a retry
  after a timeout, a worker that died with the payment in flight, or a replay pays nothing twice.
- Every payment is an event on the application's timeline, keyed by its month and part.
- `parts_for` is asked for each month just before it is paid, so a figure that changes with the
  month (a child's age on the first day of the month) or with a change of circumstances is taken
  then, not at the decision; it gives None when the assistance stops (no month after is paid).
- A withdrawal (`stopped()` true) stops every payment not yet made: `Withdrawn` is raised, which a
  ServiceWorkflow ends as "withdrawn". A payment already sent is not taken back.
- A gateway refusal (a closed account, a deceased beneficiary) is not retried: the month is
  "payment delayed" on the timeline and in the result, and `delayed(month_paid)`, when given, is
  called (TSA opens a task for the social department's payments queue); later months go on.

Continue-as-new per month: `run(parts_for, carry_on=...)` calls `carry_on(next_index)` once a month is
paid and another is still to come; the service dumps what it carries (`self.carried(next_index)`
plus its own state) into its next run's input and continues-as-new there, so each run holds one
sleep and one month's payments however long the period. The next run builds MonthlyPayments again
with `paid` and `start` from what it carried. `carry_on` may return without continuing (TSA does
while a delayed payment's task is open in this run): the months then go on in this run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from connectors.base import Purpose
    from connectors.payments import MakePaymentInput, Payment, PaymentActivities
    from workflows.human_tasks import KAZAKHSTAN_OFFSET, Withdrawn
    from workflows.retries import REGISTRY_CALL
    from workflows.service import refusal_code
    from workflows.timeline import Timeline

Text = dict[str, str]

MAIN_PART = "main"

TEXTS: dict[str, Text] = {
    "payment": {"kk": "Ай сайынғы төлем жасалды", "ru": "Ежемесячная выплата произведена",
                "en": "Monthly payment made"},
    "payment.delayed": {"kk": "Төлем кешіктірілді: оны әлеуметтік бөлім қарайды",
                        "ru": "Выплата задерживается: её рассматривает отдел социальной защиты",
                        "en": "Payment delayed: the social department is looking into it"},
    "payments.finished": {"kk": "Тағайындалған кезеңнің барлық төлемдері жасалды",
                          "ru": "Все выплаты за назначенный период произведены",
                          "en": "Every payment of the assigned period has been made"},
}


class PaymentPart(BaseModel):
    """One payment of a month: the main amount, or a separate part (TSA's child package)."""

    part: str = MAIN_PART
    amount: Decimal = Field(ge=0)  # 0: nothing is paid for this part this month
    description: str = ""


class PaymentPlan(BaseModel):
    beneficiary_iin: str
    iban: str
    kind: str  # the payment's kind in the social payments registry: "tsa", "unemployment_benefit"
    months: list[date]  # the first day of each month paid, in order
    payment_day: int = Field(ge=1, le=28)  # the day of the month a month's payment is due
    key_prefix: str  # "tsa/<application>": each month's key is <prefix>/<yyyy-mm>[/<part>]
    purpose: Purpose


class MonthPaid(BaseModel):
    month: str  # YYYY-MM
    part: str
    amount: Decimal
    idempotency_key: str
    payment_id: str | None = None  # None: delayed
    delayed_because: str | None = None


def month_code(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def payment_key(prefix: str, month: date, part: str = MAIN_PART) -> str:
    key = f"{prefix}/{month_code(month)}"
    return key if part == MAIN_PART else f"{key}/{part}"


def due_at(month: date, payment_day: int) -> datetime:
    """When a month's payment is due: the start of its payment day, Kazakhstan time."""
    return datetime.combine(month.replace(day=payment_day), time(0), KAZAKHSTAN_OFFSET)


def months_of(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s to `last`'s."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


class PaymentsCarried(BaseModel):
    """What the payments carry into the next run of a continue-as-new."""

    plan: PaymentPlan
    next_index: int  # the index in plan.months of the first month the next run pays
    paid: list[MonthPaid] = Field(default_factory=list)


class MonthlyPayments:
    def __init__(self, timeline: Timeline, plan: PaymentPlan, *, stopped: Callable[[], bool],
                 delayed: Callable[[MonthPaid], Awaitable[None]] | None = None,
                 paid: list[MonthPaid] | None = None, start: int = 0) -> None:
        self.timeline = timeline
        self.plan = plan
        self.stopped = stopped
        self.delayed = delayed
        self.paid: list[MonthPaid] = list(paid or [])
        self.start = start
        self.finished = False  # every month of the plan paid (not stopped by `parts_for`)

    def carried(self, next_index: int) -> PaymentsCarried:
        return PaymentsCarried(plan=self.plan, next_index=next_index, paid=list(self.paid))

    async def run(self, parts_for: Callable[[date], Awaitable[list[PaymentPart] | None]],
                  carry_on: Callable[[int], Awaitable[None]] | None = None) -> list[MonthPaid]:
        """Pay each month from `start`; `parts_for` giving None ends the payments there (the assistance
        stopped). `carry_on(next_index)`, after each month but the last, may continue-as-new."""
        for index in range(self.start, len(self.plan.months)):
            month = self.plan.months[index]
            await self._until_due(month)
            parts = await parts_for(month)
            if parts is None:
                return self.paid
            for part in parts:
                if part.amount > 0:
                    self.paid.append(await self._pay(month, part))
            if carry_on is not None and index + 1 < len(self.plan.months):
                await carry_on(index + 1)
        await self.timeline.event("payments.finished", TEXTS["payments.finished"], step="payment",
                                  detail={"months": [month_code(m) for m in self.plan.months]})
        self.finished = True
        return self.paid

    async def _until_due(self, month: date) -> None:
        if self.stopped():
            raise Withdrawn()
        wait = due_at(month, self.plan.payment_day) - workflow.now()
        if wait > timedelta(0):
            try:
                await workflow.wait_condition(self.stopped, timeout=wait)
            except TimeoutError:
                pass
        if self.stopped():
            raise Withdrawn()

    async def _pay(self, month: date, part: PaymentPart) -> MonthPaid:
        key = payment_key(self.plan.key_prefix, month, part.part)
        detail: dict[str, Any] = {"month": month_code(month), "part": part.part, "amount": str(part.amount),
                                  "idempotency_key": key}
        try:
            payment: Payment = await workflow.execute_activity_method(
                PaymentActivities.pay,
                MakePaymentInput(iban=self.plan.iban, amount=part.amount, beneficiary_iin=self.plan.beneficiary_iin,
                                 kind=self.plan.kind, period=month_code(month), description=part.description,
                                 idempotency_key=key, purpose=self.plan.purpose),
                **REGISTRY_CALL)
        except ActivityError as error:
            code = refusal_code(error)
            if code is None:
                raise
            await self.timeline.event("payment.delayed", TEXTS["payment.delayed"], step="payment",
                                      key=f"delayed-{key}", detail={**detail, "reason": code})
            late = MonthPaid(month=month_code(month), part=part.part, amount=part.amount, idempotency_key=key,
                             delayed_because=code)
            if self.delayed is not None:
                await self.delayed(late)
            return late
        await self.timeline.event("payment", TEXTS["payment"], step="payment", key=f"payment-{key}",
                                  detail={**detail, "payment_id": payment.payment_id,
                                          "paid_at": payment.paid_at.isoformat()})
        return MonthPaid(month=month_code(month), part=part.part, amount=part.amount, idempotency_key=key,
                         payment_id=payment.payment_id)


__all__ = ["MAIN_PART", "MonthPaid", "MonthlyPayments", "PaymentPart", "PaymentPlan", "PaymentsCarried", "TEXTS",
           "due_at",
           "month_code", "months_of", "payment_key"]
