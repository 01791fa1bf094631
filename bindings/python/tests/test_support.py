"""Support cases: opening, replies and internal notes, the state machine and reopen window, SLA
due times and breaches in business hours, canned replies in several locales, CSAT surveys (cases kept
in a store: test_shop_store)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import vitrina

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


def open_case(priority: vitrina._vitrina.CasePriority = "high") -> vitrina.SupportCase:
    return vitrina.SupportCase.open(
        customer_id="cust-1",
        subject="Where is my order?",
        description="It has not arrived.",
        priority=priority,
        category="delivery_problem",
        order_id="order-1",
        at=MONDAY,
    )


def test_a_case_is_worked_and_the_customer_sees_only_public_messages() -> None:
    case = open_case()
    assert (case.state, case.priority, case.category, case.channel) == ("new", "high", "delivery_problem", "web_form")
    (opening,) = case.messages
    assert (opening.author, opening.kind, opening.at) == ({"kind": "customer", "id": "cust-1"}, "description", MONDAY)
    case.assign(agent_id="ivan", queue="delivery")
    case.transition("open", "agent:ivan", MONDAY + timedelta(minutes=5))
    case.reply("agent:ivan", "It is on its way.", MONDAY + timedelta(minutes=30))
    case.add_internal_note({"kind": "agent", "id": "ivan"}, "Courier reports a delay.", MONDAY + timedelta(minutes=31))
    case.transition("pending_customer", "agent:ivan", MONDAY + timedelta(minutes=32))
    case.reply("customer:cust-1", "Thanks, any date?", MONDAY + timedelta(hours=2))
    assert case.state == "open"  # the customer's answer wakes the case
    assert case.assignment == {"agent_id": "ivan", "queue": "delivery"}
    note = case.messages[2]
    assert (note.kind, note.body, note.at) == ("internal_note", "Courier reports a delay.", MONDAY + timedelta(minutes=31))
    view = case.customer_view()
    assert (view.case_id, view.status, view.opened_at, view.merged_into) == (case.id, "in_progress", MONDAY, None)
    bodies = [entry.body for entry in view.timeline if entry.kind == "message"]
    assert "Courier reports a delay." not in bodies and "It is on its way." in bodies
    reply = next(entry for entry in view.timeline if entry.body == "It is on its way.")
    assert (reply.author, reply.at, reply.status) == ("support", MONDAY + timedelta(minutes=30), None)
    assert [(step.from_state, step.to_state) for step in case.history] == [
        ("new", "open"),
        ("open", "pending_customer"),
        ("pending_customer", "open"),
    ]
    assert case.history[0].at == MONDAY + timedelta(minutes=5)


def test_a_complaint_flag_records_when_and_by_whom() -> None:
    case = open_case()
    assert case.complaint is None
    case.flag_complaint("agent:ivan", "Second late delivery", MONDAY + timedelta(minutes=20))
    flag = case.complaint
    assert flag is not None and case.needs_complaint_follow_up
    assert (flag.flagged_at, flag.flagged_by, flag.reason, flag.followed_up_at) == (
        MONDAY + timedelta(minutes=20),
        {"kind": "agent", "id": "ivan"},
        "Second late delivery",
        None,
    )
    case.complete_complaint_follow_up(MONDAY + timedelta(days=1))
    followed = case.complaint
    assert followed is not None and followed.followed_up_at == MONDAY + timedelta(days=1)
    assert not case.needs_complaint_follow_up


def test_illegal_moves_and_bad_input_raise_support_error_naming_the_field() -> None:
    case = open_case()
    with pytest.raises(vitrina.SupportError) as illegal:
        case.transition("pending_customer", "agent:ivan", MONDAY - timedelta(hours=1))
    assert (illegal.value.code, illegal.value.domain) == ("out_of_order", "support")
    case.transition("open", "agent:ivan", MONDAY + timedelta(minutes=1))
    with pytest.raises(vitrina.SupportError) as back:
        case.transition("new", "agent:ivan", MONDAY + timedelta(minutes=2))
    assert back.value.code == "illegal_transition"
    with pytest.raises(vitrina.SupportError) as empty:
        vitrina.SupportCase.open(customer_id="cust-1", subject=" ", description="x", at=MONDAY)
    assert empty.value.field == "subject"
    with pytest.raises(vitrina.VitrinaError) as bad_priority:
        case.set_priority("critical")  # type: ignore[arg-type]
    assert (bad_priority.value.field, bad_priority.value.code) == ("priority", "invalid")
    with pytest.raises(vitrina.SupportError) as note:
        case.add_internal_note("customer:cust-1", "let me in", MONDAY + timedelta(minutes=3))
    assert note.value.field == "author"


def test_a_solved_case_reopens_only_within_its_window() -> None:
    case = open_case()
    case.transition("open", "agent:ivan", MONDAY + timedelta(minutes=1))
    case.transition("solved", "agent:ivan", MONDAY + timedelta(hours=1))
    assert case.solved_at == MONDAY + timedelta(hours=1)
    assert case.reopen_deadline(timedelta(days=2)) == MONDAY + timedelta(days=2, hours=1)
    late = MONDAY + timedelta(days=3)
    with pytest.raises(vitrina.SupportError) as closed:
        case.reply("customer:cust-1", "Still broken", late, reopen_window=timedelta(days=2))
    assert closed.value.code == "reopen_window_closed"
    assert case.close_if_reopen_window_passed(late, reopen_window=timedelta(days=2)) is True
    assert case.state == "closed"
    follow_up = case.follow_up("customer:cust-1", "Still broken", late)
    assert follow_up.subject == "Follow-up: Where is my order?" and follow_up.state == "new"


def test_sla_due_times_count_business_hours_and_report_breaches() -> None:
    case = open_case("high")
    fresh = case.sla(SLA, CALENDAR, MONDAY + timedelta(minutes=10))
    assert (fresh.case_id, fresh.priority, fresh.evaluated_at) == (case.id, "high", MONDAY + timedelta(minutes=10))
    first = fresh.first_response
    assert (first.status, first.breached, first.paused, first.met_at) == ("ok", False, False, None)
    assert (first.target_minutes, first.elapsed_minutes) == (60, 10)
    assert first.due_at == MONDAY + timedelta(hours=1)  # 60 business minutes: 10:00 Sofia
    assert first.due_at is not None and first.due_at.utcoffset() == timedelta(0)
    assert fresh.resolution.due_at == MONDAY + timedelta(hours=8)  # 8 business hours: 17:00 Sofia
    assert not fresh.breached
    breached = case.sla(SLA, CALENDAR, MONDAY + timedelta(hours=2))
    assert breached.first_response.status == "breached" and breached.first_response.breached and breached.breached
    assert breached.first_response.elapsed_minutes == 120
    warning = case.sla(SLA, CALENDAR, MONDAY + timedelta(minutes=50))
    assert warning.first_response.status == "warning"  # 10 of 60 minutes left, under 25 %
    assert repr(warning.first_response) == (
        "SlaTarget(target_minutes=60, elapsed_minutes=50, "
        "due_at=datetime.datetime(2026, 11, 23, 8, 0, tzinfo=datetime.timezone.utc), met_at=None, "
        "paused=False, status='warning')"
    )
    # Friday evening: the clock stops over the weekend.
    friday = open_case("normal")
    late_friday = datetime(2026, 11, 27, 14, 30, tzinfo=timezone.utc)
    weekend_case = vitrina.SupportCase.from_json(friday.to_json())
    report = weekend_case.sla(SLA, CALENDAR, late_friday)
    assert report.resolution.status == "breached" and report.priority == "normal"
    with pytest.raises(vitrina.VitrinaError) as bad:
        case.sla(SLA, {**CALENDAR, "time_zone": "Mars/Olympus"}, MONDAY)
    assert (bad.value.code, bad.value.field) == ("invalid", "calendar")


def test_canned_replies_render_in_the_customers_locale() -> None:
    library = vitrina.CannedReplies()
    library.add(
        {
            "id": "wismo",
            "title": "Where is my order",
            "category": "delivery",
            "default_locale": "en",
            "variants": {
                "en": "Hello {{ customer_name }}, order {{ order_number }} is on its way.",
                "bg": "Здравейте, {{ customer_name }}! Поръчка {{ order_number }} пътува.",
                "ru": "Здравствуйте, {{ customer_name }}! Заказ {{ order_number }} в пути.",
                "zh": "{{ customer_name }}，您好！订单 {{ order_number }} 正在配送。",
            },
        }
    )
    values = {"customer_name": "Ana", "order_number": "VT-2026-000042"}
    assert library.render("wismo", "bg-BG", values) == {
        "reply_id": "wismo",
        "locale": "bg",
        "body": "Здравейте, Ana! Поръчка VT-2026-000042 пътува.",
    }
    assert library.render("wismo", "de", values)["locale"] == "en"
    assert library.render("wismo", "zh", values)["body"].startswith("Ana，您好")
    assert len(library) == 1 and library.replies("delivery")[0]["id"] == "wismo"
    with pytest.raises(vitrina.SupportError) as missing:
        library.render("wismo", "en", {"customer_name": "Ana"})
    assert missing.value.code == "unknown_placeholder"
    with pytest.raises(vitrina.SupportError) as duplicate:
        library.add(library.replies()[0])
    assert duplicate.value.code == "duplicate_reply"
    assert library.remove("wismo")["title"] == "Where is my order" and len(library) == 0


def test_csat_surveys_after_a_solved_case() -> None:
    case = open_case()
    with pytest.raises(vitrina.SupportError) as active:
        vitrina.Survey.after_case_solved(case, MONDAY)
    assert active.value.code == "case_not_solved"
    case.transition("open", "agent:ivan", MONDAY + timedelta(minutes=1))
    case.transition("solved", "agent:ivan", MONDAY + timedelta(hours=1))
    unhappy = vitrina.Survey.after_case_solved(case, MONDAY + timedelta(hours=2), validity=timedelta(days=7))
    assert unhappy.expires_at == MONDAY + timedelta(days=7, hours=2)
    unhappy.answer(2, "Too slow", MONDAY + timedelta(hours=3))
    assert unhappy.needs_follow_up and unhappy.subject == {"kind": "case", "case_id": case.id}
    happy = vitrina.Survey.after_delivery("order-1", "cust-1", MONDAY, MONDAY + timedelta(hours=1))
    happy.answer(5, None, MONDAY + timedelta(hours=4))
    with pytest.raises(vitrina.SupportError) as twice:
        happy.answer(4, None, MONDAY + timedelta(hours=5))
    assert twice.value.code == "already_answered"
    response = unhappy.response
    assert response is not None
    assert (response.score, response.comment, response.answered_at) == (2, "Too slow", MONDAY + timedelta(hours=3))
    unanswered = vitrina.Survey.after_delivery("order-2", "cust-2", MONDAY, MONDAY + timedelta(hours=1))
    summary = vitrina.csat_summary([unhappy, happy, unanswered])
    assert (summary.sent, summary.answered, summary.histogram) == (3, 2, [0, 1, 0, 0, 1])
    # Scores 2 and 5: mean 3.50; one of two is a 4 or 5: 50.0 %; two of three answered: 66.7 %.
    assert (summary.average, summary.satisfied_percent, summary.response_rate_percent) == (
        Decimal("3.50"),
        Decimal("50.0"),
        Decimal("66.7"),
    )
    assert all(isinstance(figure, Decimal) for figure in (summary.average, summary.satisfied_percent))
    assert summary.follow_ups_due == 1
    empty = vitrina.csat_summary([])
    assert (empty.sent, empty.average, empty.satisfied_percent, empty.response_rate_percent) == (0, None, None, None)
    assert repr(happy) == f'Survey(id="{happy.id}", score=5)'
