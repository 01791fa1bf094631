"""Support cases through the `Shop`: opening, replies and internal notes, the state machine and
reopen window, complaint flags and follow-up cases, SLA due times and breaches in business hours,
canned replies previewed in several locales, CSAT surveys (cases kept and found by customer:
test_shop_store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import vitrina
from shop_world import open_shop, settings
from vitrina.shop import (
    Assignment,
    BusinessCalendar,
    CannedLibrary,
    CannedReply,
    CaseActor,
    CaseActorAgent,
    CaseActorCustomer,
    CaseCategory,
    CasePolicy,
    CaseState,
    Channel,
    CsatPolicy,
    CustomerStatus,
    MessageKind,
    NewCase,
    NewCustomer,
    Priority,
    SlaPolicy,
    SlaStatus,
    Shop,
    SupportCase,
    TimelineAuthor,
    TimelineEventMessage,
)

MONDAY = datetime(2026, 11, 23, 7, 0, tzinfo=timezone.utc)  # 09:00 in Sofia
DAY = [{"start": "09:00", "end": "17:00"}]
CALENDAR: dict[str, Any] = {
    "time_zone": "Europe/Sofia",
    "weekly": {day: DAY for day in ["monday", "tuesday", "wednesday", "thursday", "friday"]}
    | {"saturday": [], "sunday": []},
    "holidays": ["2026-12-25"],
}


def targets(first: int, resolution: int) -> dict[str, int]:
    return {"first_response_minutes": first, "resolution_minutes": resolution}


SLA: dict[str, Any] = {
    "low": targets(480, 2400),
    "normal": targets(240, 960),
    "high": targets(60, 480),
    "urgent": targets(30, 240),
    "warning": {"kind": "remaining_percent", "percent": 25},
    "pause_on_hold": True,
}

WISMO = CannedReply(
    id="wismo",
    title="Where is my order",
    category="delivery",
    default_locale="en",
    variants={
        "en": "Hello {{ customer_name }}, order {{ order_number }} is on its way.",
        "bg": "Здравейте, {{ customer_name }}! Поръчка {{ order_number }} пътува.",
        "ru": "Здравствуйте, {{ customer_name }}! Заказ {{ order_number }} в пути.",
        "zh": "{{ customer_name }}，您好！订单 {{ order_number }} 正在配送。",
    },
)

MILA = CaseActorAgent(id="mila")


def support_shop() -> tuple[Shop, str]:
    """The tea shop on Monday 09:00 Sofia time, with the SLA targets, business calendar, a two-day
    reopen window, week-long surveys and the canned replies above, and one customer."""
    shop, _ = open_shop()
    shop.set_time(MONDAY)
    shop.admin.configure(
        replace(
            settings(),
            sla=SlaPolicy.from_json(SLA),
            business_calendar=BusinessCalendar.from_json(CALENDAR),
            cases=CasePolicy(reopen_window=timedelta(days=2)),
            csat=CsatPolicy(validity=timedelta(days=7)),
            canned_replies=CannedLibrary(replies=[WISMO]),
        )
    )
    customer = shop.customers.register(NewCustomer(email="ana@example.bg", name="Ana", locale="en"))
    return shop, customer.id


def open_case(shop: Shop, customer_id: str, priority: Priority = Priority.HIGH, subject: str = "Where is my order?") -> SupportCase:
    return shop.support.open_case(
        NewCase(
            customer_id=customer_id,
            opened_by=CaseActorCustomer(id=customer_id),
            channel=Channel.WEB_FORM,
            subject=subject,
            description="It has not arrived.",
            priority=priority,
            category=CaseCategory.DELIVERY_PROBLEM,
            order_line_ids=[],
        )
    )


def at(shop: Shop, after: timedelta) -> None:
    shop.set_time(MONDAY + after)


def test_a_case_is_worked_and_the_customer_sees_only_public_messages() -> None:
    shop, customer = support_shop()
    case = open_case(shop, customer)
    assert (case.state, case.priority, case.category, case.channel) == (
        CaseState.NEW,
        Priority.HIGH,
        CaseCategory.DELIVERY_PROBLEM,
        Channel.WEB_FORM,
    )
    (opening,) = case.messages
    assert (opening.author, opening.kind, opening.at) == (CaseActorCustomer(id=customer), MessageKind.DESCRIPTION, MONDAY)
    shop.support.assign(case.id, Assignment(agent_id="mila", queue="delivery"))
    at(shop, timedelta(minutes=5))
    shop.support.transition(case.id, CaseState.OPEN, MILA)
    at(shop, timedelta(minutes=30))
    shop.support.reply(case.id, MILA, "It is on its way.")
    at(shop, timedelta(minutes=31))
    shop.support.add_internal_note(case.id, MILA, "Courier reports a delay.")
    at(shop, timedelta(minutes=32))
    shop.support.transition(case.id, CaseState.PENDING_CUSTOMER, MILA)
    at(shop, timedelta(hours=2))
    case = shop.support.reply(case.id, CaseActorCustomer(id=customer), "Thanks, any date?")
    assert case.state == CaseState.OPEN  # the customer's answer wakes the case
    assert case.assignment == Assignment(agent_id="mila", queue="delivery")
    note = case.messages[2]
    assert (note.kind, note.body, note.at) == (MessageKind.INTERNAL_NOTE, "Courier reports a delay.", MONDAY + timedelta(minutes=31))
    view = shop.support.customer_view(customer, case.id).view
    assert (view.case_id, view.status, view.opened_at, view.merged_into) == (case.id, CustomerStatus.IN_PROGRESS, MONDAY, None)
    messages = [(entry.at, entry.event) for entry in view.timeline if isinstance(entry.event, TimelineEventMessage)]
    bodies = [event.body for _, event in messages]
    assert "Courier reports a delay." not in bodies and "It is on its way." in bodies
    reply_at, reply = next((when, event) for when, event in messages if event.body == "It is on its way.")
    assert (reply.author, reply_at) == (TimelineAuthor.SUPPORT, MONDAY + timedelta(minutes=30))
    assert [(step.from_, step.to) for step in case.history] == [
        (CaseState.NEW, CaseState.OPEN),
        (CaseState.OPEN, CaseState.PENDING_CUSTOMER),
        (CaseState.PENDING_CUSTOMER, CaseState.OPEN),
    ]
    assert case.history[0].at == MONDAY + timedelta(minutes=5)


def test_a_complaint_flag_records_when_and_by_whom() -> None:
    shop, customer = support_shop()
    case = open_case(shop, customer)
    assert case.complaint is None
    at(shop, timedelta(minutes=20))
    flagged = shop.support.flag_complaint(case.id, MILA, "Second late delivery").complaint
    assert flagged is not None
    assert (flagged.flagged_at, flagged.flagged_by, flagged.reason, flagged.followed_up_at) == (
        MONDAY + timedelta(minutes=20),
        MILA,
        "Second late delivery",
        None,
    )
    at(shop, timedelta(days=1))
    followed = shop.support.complete_complaint_follow_up(case.id).complaint
    assert followed is not None and followed.followed_up_at == MONDAY + timedelta(days=1)


def test_illegal_moves_and_bad_input_raise_support_error_naming_the_field() -> None:
    shop, customer = support_shop()
    case = open_case(shop, customer)
    shop.support.transition(case.id, CaseState.OPEN, MILA)
    with pytest.raises(vitrina.SupportError) as back:
        shop.support.transition(case.id, CaseState.NEW, MILA)
    assert (back.value.code, back.value.domain) == ("illegal_transition", "support")
    with pytest.raises(vitrina.SupportError) as empty:
        open_case(shop, customer, subject=" ")
    assert empty.value.field == "subject"
    with pytest.raises(vitrina.VitrinaError) as bad_priority:
        shop.support.set_priority(case.id, "critical")  # type: ignore[arg-type]
    assert (bad_priority.value.field, bad_priority.value.code) == ("priority", "invalid")
    assert shop.support.set_priority(case.id, Priority.URGENT).priority == Priority.URGENT
    assert shop.support.set_category(case.id, CaseCategory.COMPLAINT).category == CaseCategory.COMPLAINT
    customer_actor: CaseActor = CaseActorCustomer(id=customer)
    with pytest.raises(vitrina.SupportError) as note:
        shop.support.add_internal_note(case.id, customer_actor, "let me in")
    assert note.value.field == "author"


def test_a_solved_case_reopens_only_within_its_window_then_a_follow_up_continues_it() -> None:
    shop, customer = support_shop()
    case = open_case(shop, customer)
    at(shop, timedelta(minutes=1))
    shop.support.transition(case.id, CaseState.OPEN, MILA)
    at(shop, timedelta(hours=1))
    assert shop.support.solve(case.id, MILA).case.state == CaseState.SOLVED
    assert shop.support.customer_view(customer, case.id).reopen_deadline == MONDAY + timedelta(days=2, hours=1)
    at(shop, timedelta(days=3))
    with pytest.raises(vitrina.SupportError) as closed:
        shop.support.reply(case.id, CaseActorCustomer(id=customer), "Still broken")
    assert closed.value.code == "reopen_window_closed"
    assert shop.run_due(shop.now()).cases_closed == [case.id]  # the window passed: closed
    assert shop.support.get(case.id).state == CaseState.CLOSED
    follow_up = shop.support.open_follow_up(case.id, CaseActorCustomer(id=customer), "Still broken")
    assert follow_up.subject == "Follow-up: Where is my order?" and follow_up.state == CaseState.NEW
    assert follow_up.follow_up_of == case.id


def test_sla_due_times_count_business_hours_and_report_breaches() -> None:
    shop, customer = support_shop()
    case = open_case(shop, customer, Priority.HIGH)
    friday_case = open_case(shop, customer, Priority.NORMAL)
    at(shop, timedelta(minutes=10))
    fresh = shop.support.case_sla(case.id).sla
    assert (fresh.case_id, fresh.priority, fresh.evaluated_at) == (case.id, Priority.HIGH, MONDAY + timedelta(minutes=10))
    first = fresh.first_response
    assert (first.status, first.paused, first.met_at) == (SlaStatus.OK, False, None)
    assert (first.target_minutes, first.elapsed_minutes) == (60, 10)
    assert first.due_at == MONDAY + timedelta(hours=1)  # 60 business minutes: 10:00 Sofia
    assert first.due_at is not None and first.due_at.utcoffset() == timedelta(0)
    assert fresh.resolution.due_at == MONDAY + timedelta(hours=8)  # 8 business hours: 17:00 Sofia
    assert fresh.resolution.status == SlaStatus.OK
    at(shop, timedelta(minutes=50))
    warning = shop.support.case_sla(case.id).sla
    assert warning.first_response.status == SlaStatus.WARNING  # 10 of 60 minutes left, under 25 %
    at(shop, timedelta(hours=2))
    breached = shop.support.case_sla(case.id).sla
    assert breached.first_response.status == SlaStatus.BREACHED
    assert breached.first_response.elapsed_minutes == 120
    # Friday afternoon: 16 business hours were over by Tuesday evening.
    shop.set_time(datetime(2026, 11, 27, 14, 30, tzinfo=timezone.utc))
    report = shop.support.case_sla(friday_case.id).sla
    assert report.resolution.status == SlaStatus.BREACHED and report.priority == Priority.NORMAL
    mars = replace(BusinessCalendar.from_json(CALENDAR), time_zone="Mars/Olympus")
    with pytest.raises(vitrina.VitrinaError) as bad:
        shop.admin.configure(replace(settings(), business_calendar=mars))
    assert (bad.value.code, bad.value.field) == ("invalid", "settings.business_calendar")
    assert "Mars/Olympus" in str(bad.value)


def test_canned_replies_are_previewed_in_the_customers_locale() -> None:
    shop, customer = support_shop()
    case = open_case(shop, customer)
    values = {"customer_name": "Ana", "order_number": "VT-2026-000042"}
    bulgarian = shop.support.preview_canned(case.id, "wismo", values, locale="bg-BG")
    assert (bulgarian.reply_id, bulgarian.locale, bulgarian.body) == (
        "wismo",
        "bg",
        "Здравейте, Ana! Поръчка VT-2026-000042 пътува.",
    )
    assert shop.support.preview_canned(case.id, "wismo", values, locale="de").locale == "en"
    assert shop.support.preview_canned(case.id, "wismo", values, locale="zh").body.startswith("Ana，您好")
    assert shop.support.preview_canned(case.id, "wismo", values).locale == "en"  # the customer's own
    with pytest.raises(vitrina.SupportError) as missing:
        shop.support.preview_canned(case.id, "wismo", {"customer_name": "Ana"}, locale="en")
    assert missing.value.code == "unknown_placeholder"
    with pytest.raises(vitrina.VitrinaError) as duplicate:
        shop.admin.configure(replace(settings(), canned_replies=CannedLibrary(replies=[WISMO, WISMO])))
    assert duplicate.value.code == "duplicate_reply"


def test_csat_surveys_after_a_solved_case() -> None:
    shop, customer = support_shop()
    case = open_case(shop, customer)
    assert shop.support.surveys_of_case(case.id) == []
    at(shop, timedelta(minutes=1))
    shop.support.transition(case.id, CaseState.OPEN, MILA)
    at(shop, timedelta(hours=2))
    unhappy = shop.support.solve(case.id, MILA).survey
    assert unhappy is not None and unhappy.expires_at == MONDAY + timedelta(days=7, hours=2)
    at(shop, timedelta(hours=3))
    answered = shop.support.answer_survey(unhappy.id, 2, comment="Too slow")
    response = answered.response
    assert response is not None
    assert (response.score, response.comment, response.answered_at) == (2, "Too slow", MONDAY + timedelta(hours=3))
    # A low score flags the survey for a follow-up.
    assert answered.follow_up is not None and answered.follow_up.reason == "low satisfaction score 2"
    with pytest.raises(vitrina.SupportError) as twice:
        shop.support.answer_survey(unhappy.id, 4)
    assert twice.value.code == "already_answered"
    second = open_case(shop, customer, subject="Lid cracked")
    shop.support.transition(second.id, CaseState.OPEN, MILA)
    happy = shop.support.solve(second.id, MILA).survey
    assert happy is not None
    assert shop.support.answer_survey(happy.id, 5).follow_up is None
    report = shop.reports.after_sales(date(2026, 11, 23), date(2026, 11, 24))
    # Scores 2 and 5: mean 3.50.
    assert report.csat_average == Decimal("3.50")
    assert {tally.key: tally.count for tally in report.csat_scores if tally.count} == {"2": 1, "5": 1}
