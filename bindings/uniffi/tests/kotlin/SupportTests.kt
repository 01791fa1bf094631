// Tests of the customer's support cases beyond a single case (run by the plain runner in
// VitrinaTests.kt): the "my requests" list with SLA targets in business hours, and rating a solved
// case (CSAT survey) with its refusals.
package dev.vitrina.tests

import dev.vitrina.*
import java.time.Duration
import java.time.Instant

/** Targets in business minutes; warning when less than a quarter of a target is left. */
const val SLA_POLICY = """{
  "low": {"first_response_minutes": 480, "resolution_minutes": 2880},
  "normal": {"first_response_minutes": 120, "resolution_minutes": 960},
  "high": {"first_response_minutes": 60, "resolution_minutes": 480},
  "urgent": {"first_response_minutes": 30, "resolution_minutes": 240},
  "warning": {"kind": "remaining_percent", "percent": 25},
  "pause_on_hold": true
}"""

/** Support works 09:00-18:00 Sofia time (07:00-16:00 UTC in November) on weekdays. */
val SOFIA_OFFICE: String = run {
    val day = """[{"start": "09:00", "end": "18:00"}]"""
    """{"time_zone": "Europe/Sofia", "weekly": {"monday": $day, "tuesday": $day, "wednesday": $day,
       "thursday": $day, "friday": $day, "saturday": [], "sunday": []}, "holidays": []}"""
}

/** The case as the server holds it after an agent answered at `repliedAt` and solved it at `solvedAt`. */
fun solvedOnServer(case: SupportCase, repliedAt: Instant, solvedAt: Instant): SupportCase {
    val agent = """{"kind":"agent","id":"agent-7"}"""
    val reply = """{"id":"m-agent","author":$agent,"kind":"public_reply","body":"Your parcel arrives tomorrow.",
        "at":"$repliedAt","merged_from":null}"""
    val history = """{"at":"$repliedAt","actor":$agent,"from":"new","to":"open"},
        {"at":"$solvedAt","actor":$agent,"from":"open","to":"solved"}"""
    val json = case.toJson()
    check(json.contains("}],\"history\":[]") && json.contains("\"state\":\"new\"")) { json }
    return SupportCase.fromJson(
        json.replace("}],\"history\":[]", "},$reply],\"history\":[$history]").replace("\"state\":\"new\"", "\"state\":\"solved\""),
    )
}

fun supportListAndCsatTests() {
    val sla = SupportSla.fromJson(SLA_POLICY, SOFIA_OFFICE)

    test("support SLA: the first reply is due two business hours after opening") {
        val case = SupportCase.open("cust-1", "Where is my parcel?", "Ordered last week.", SupportCategory.DELIVERY_PROBLEM, at = at(0))
        val early = sla.evaluate(case, at(60))
        assertEq(SlaTarget(SlaStatus.OK, at(120), null, false), early.firstResponse)
        // 16 business hours: Monday 12:00-16:00 UTC, Tuesday 07:00-16:00, Wednesday 07:00-10:00.
        assertEq(Instant.parse("2026-11-25T10:00:00Z"), early.resolution.dueAt)
        assertEq(SlaStatus.WARNING, sla.evaluate(case, at(100)).firstResponse.status)
        assertEq(SlaStatus.BREACHED, sla.evaluate(case, at(180)).firstResponse.status)
        val solved = solvedOnServer(case, at(90), at(150))
        val done = sla.evaluate(solved, at(200))
        assertEq(SlaTarget(SlaStatus.ACHIEVED, null, at(90), false), done.firstResponse)
        assertEq(SlaStatus.ACHIEVED, done.resolution.status)
        assertEq(at(150), done.resolution.metAt)
    }

    test("my requests: the customer's cases, open first, latest activity first, with SLA") {
        val parcel = SupportCase.open("cust-1", "Where is my parcel?", "Ordered last week.", SupportCategory.DELIVERY_PROBLEM, "order-1", at(0))
        val size = SupportCase.open("cust-1", "Which size?", "Is the tee true to size?", SupportCategory.QUESTION, at = at(10))
        val refund = solvedOnServer(
            SupportCase.open("cust-1", "Refund", "Refund my mug, please.", SupportCategory.RETURN, at = at(-600)),
            at(-500), at(-400),
        )
        val stranger = SupportCase.open("cust-2", "Not mine", "Someone else's case.", SupportCategory.OTHER, at = at(5))
        parcel.reply("Any news?", at(30))

        val mine = customerCases(listOf(refund, size, stranger, parcel), "cust-1", sla, at(60))
        assertEq(listOf(parcel.id(), size.id(), refund.id()), mine.map { it.caseId })
        val first = mine[0]
        assertEq("Where is my parcel?", first.subject)
        assertEq(SupportCategory.DELIVERY_PROBLEM, first.category)
        assertEq("order-1", first.orderId)
        assertEq(CustomerStatus.RECEIVED, first.status)
        assertEq(at(0), first.openedAt)
        assertEq(at(30), first.lastActivityAt)
        assertEq(2u, first.messageCount)
        assertEq(at(120), first.sla!!.firstResponse.dueAt, "expect an answer by")
        val solved = mine[2]
        assertEq(CustomerStatus.SOLVED, solved.status)
        assertEq(at(-400), solved.lastActivityAt)
        assertEq(2u, solved.messageCount, "description and the agent's reply")
        assertEq(SlaStatus.ACHIEVED, solved.sla!!.resolution.status)
        assertEq(null, solved.mergedInto)
        val withoutSla = customerCases(listOf(parcel), "cust-1")
        assertEq(null, withoutSla.single().sla)
        assertEq(listOf<CaseSummary>(), customerCases(listOf(parcel), "cust-9"))
    }

    test("support SLA: refused set-ups name the field") {
        val policy = assertThrows<VitrinaException.Shop> { SupportSla.fromJson("{}", SOFIA_OFFICE) }
        assertEq("sla_policy", policy.field)
        val zone = assertThrows<VitrinaException.Shop> {
            SupportSla.fromJson(SLA_POLICY, SOFIA_OFFICE.replace("Europe/Sofia", "Europe/Atlantis"))
        }
        assertEq("calendar", zone.field)
        check(zone.detail.contains("Atlantis")) { zone.detail }
    }

    test("CSAT: rate a solved case once, with a trimmed comment, and send it back") {
        val case = solvedOnServer(
            SupportCase.open("cust-1", "Late parcel", "Still waiting.", SupportCategory.DELIVERY_PROBLEM, at = at(0)),
            at(30), at(60),
        )
        val survey = SatisfactionSurvey.afterCaseSolved(case, at(61))
        assertEq(SurveySubject.Case(case.id()), survey.subject())
        assertEq(at(61), survey.sentAt())
        assertEq(at(61).plus(Duration.ofDays(14)), survey.expiresAt())
        assertEq(null, survey.response())
        check(!survey.isExpired(at(62))) { "fresh survey" }
        survey.answer(5u, "  Quick and kind.  ", at(70))
        assertEq(SurveyAnswer(5u, "Quick and kind.", at(70)), survey.response())
        check(!survey.needsFollowUp()) { "a 5 needs no follow-up" }
        val again = assertThrows<VitrinaException.Support> { survey.answer(1u, at = at(71)) }
        assertEq("already_answered", again.code)
        val sent = SatisfactionSurvey.fromJson(survey.toJson())
        assertEq(survey.id(), sent.id())
        assertEq(survey.response(), sent.response())
    }

    test("CSAT: a low score is flagged; bad answers, expiry and unsolved cases are refused") {
        val case = solvedOnServer(
            SupportCase.open("cust-1", "Broken mug", "It arrived broken.", SupportCategory.COMPLAINT, at = at(0)),
            at(30), at(60),
        )
        val low = SatisfactionSurvey.afterCaseSolved(case, at(61))
        val score = assertThrows<VitrinaException.Support> { low.answer(6u, at = at(62)) }
        assertEq("invalid_field", score.code)
        assertEq("score", score.field)
        val comment = assertThrows<VitrinaException.Support> { low.answer(3u, "x".repeat(2001), at(62)) }
        assertEq("comment", comment.field)
        assertEq(null, low.response(), "a refused answer records nothing")
        low.answer(2u, "   ", at(63))
        assertEq(SurveyAnswer(2u, null, at(63)), low.response())
        check(low.needsFollowUp()) { "a 2 is followed up" }

        val late = SatisfactionSurvey.afterCaseSolved(case, at(61))
        val fifteenDays = at(61).plus(Duration.ofDays(15))
        check(late.isExpired(fifteenDays)) { "expired after 14 days" }
        assertEq("expired", assertThrows<VitrinaException.Support> { late.answer(4u, at = fifteenDays) }.code)

        val open = SupportCase.open("cust-1", "Question", "Do you ship to Bulgaria?", SupportCategory.QUESTION, at = at(0))
        val unsolved = assertThrows<VitrinaException.Support> { SatisfactionSurvey.afterCaseSolved(open, at(1)) }
        assertEq("case_not_solved", unsolved.code)
        assertEq("survey", assertThrows<VitrinaException.Shop> { SatisfactionSurvey.fromJson("{}") }.field)
    }
}
