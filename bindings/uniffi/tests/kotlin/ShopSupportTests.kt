// Support cases from the customer's side through the typed Shop (run by the plain runner in
// VitrinaTests.kt), on SQLite in memory with an SLA policy in Sofia's business hours: open a case and
// reply, "track my request" (the customer's view, without internal notes), refusals naming the field,
// SLA targets due in business hours, met or breached, a calendar refused, the "my requests" list with its SLA, and rating
// a solved case (CSAT) once, with a low score flagged and an expired survey refused.
package dev.vitrina.tests

import dev.vitrina.shop.*
import java.time.Duration
import java.time.Instant
import kotlinx.coroutines.runBlocking

/** Targets in business minutes; warning when less than a quarter of a target is left. */
private const val SLA_POLICY = """{
  "low": {"first_response_minutes": 480, "resolution_minutes": 2880},
  "normal": {"first_response_minutes": 120, "resolution_minutes": 960},
  "high": {"first_response_minutes": 60, "resolution_minutes": 480},
  "urgent": {"first_response_minutes": 30, "resolution_minutes": 240},
  "warning": {"kind": "remaining_percent", "percent": 25},
  "pause_on_hold": true
}"""

/** Support works 09:00-18:00 Sofia time (06:00-15:00 UTC in April) on weekdays. */
private val SOFIA_OFFICE: String = run {
    val day = """[{"start": "09:00", "end": "18:00"}]"""
    """{"time_zone": "Europe/Sofia", "weekly": {"monday": $day, "tuesday": $day, "wednesday": $day,
       "thursday": $day, "friday": $day, "saturday": [], "sunday": []}, "holidays": []}"""
}

private val MILA = CaseActor.Agent("mila")

/** The tea house with the SLA policy in Sofia's office hours, its clock on Tuesday 07:00 UTC, and Ana. */
private suspend fun deskShop(): Pair<Shop, Customer> {
    val shop = teaHouse("sqlite::memory:")
    shop.admin.configure(teaHouseSettings().copy(
        sla = SlaPolicy.fromJson(Json.parse(SLA_POLICY)),
        businessCalendar = BusinessCalendar.fromJson(Json.parse(SOFIA_OFFICE)),
    ))
    return shop to shop.customers.register(NewCustomer("ana@example.com", "en", "Ana Petrova"))
}

/** A case [customer] opens in the chat. */
private suspend fun open(shop: Shop, customer: Customer, subject: String, description: String,
    category: CaseCategory = CaseCategory.QUESTION): SupportCase = shop.support.openCase(NewCase(
    category = category, channel = Channel.CHAT, customerId = customer.id, description = description,
    openedBy = CaseActor.Customer(customer.id), orderLineIds = emptyList(), priority = Priority.NORMAL, subject = subject,
))

private fun minutes(n: Long): Duration = Duration.ofMinutes(n)

private fun <T> shopTest(name: String, body: suspend () -> T) = test(name) { runBlocking { body() } }

fun shopSupportTests() {
    shopTest("support: open a case, reply, track my request without the internal notes") {
        val (shop, ana) = deskShop()
        val case = open(shop, ana, "Parcel late", "My order has not arrived.", CaseCategory.DELIVERY_PROBLEM)
        val opened = shop.support.customerView(ana.id, case.id).view
        assertEq(case.id to "Parcel late", opened.caseId to opened.subject, "case")
        assertEq(CustomerStatus.RECEIVED to shop.now(), opened.status to opened.openedAt, "received")
        assertEq(
            listOf(CaseTimelineEntry(shop.now(), TimelineEvent.Message(TimelineAuthor.CUSTOMER, "My order has not arrived."))),
            opened.timeline, "timeline",
        )
        shop.advance(minutes(5))
        shop.support.postMessage(Channel.CHAT, CaseActor.Customer(ana.id), "Any news?", case.id)
        shop.support.addInternalNote(case.id, MILA, "The courier says Monday.")
        val view = shop.support.customerView(ana.id, case.id).view
        val messages = view.timeline.filter { it.event is TimelineEvent.Message }
        assertEq(2, messages.size, "messages: $messages")
        assertEq(CaseTimelineEntry(shop.now(), TimelineEvent.Message(TimelineAuthor.CUSTOMER, "Any news?")), messages[1], "reply")
        check(view.timeline.none { "courier says" in it.toJson().compact() }) { "internal note shown: ${view.timeline}" }
        val stranger = shop.customers.register(NewCustomer("boris@example.com", "en", "Boris"))
        val foreign = assertThrows<ShopException> { runBlocking { shop.support.customerView(stranger.id, case.id) } }
        assertEq("not_found", foreign.code, "another customer's case")
    }

    shopTest("support: refused input is ShopException.Support naming the field, and stores nothing") {
        val (shop, ana) = deskShop()
        val subject = assertThrows<ShopException.Support> { runBlocking { open(shop, ana, " ", "text") } }
        assertEq("invalid_input", subject.code, "code")
        check(subject.field.orEmpty().endsWith("subject")) { "field ${subject.field}" }
        assertEq(emptyList<String>(), shop.support.casesOfCustomer(ana.id).map { it.id }, "nothing stored")
        val case = open(shop, ana, "Question", "Do you ship to Bulgaria?")
        val body = assertThrows<ShopException> { runBlocking { shop.support.reply(case.id, MILA, "  ") } }
        check(body.field != null && body.message!!.contains(body.field!!)) { "field ${body.field}: ${body.message}" }
        assertEq(1, shop.support.customerView(ana.id, case.id).view.timeline.size, "timeline unchanged")
    }

    shopTest("support SLA: the first reply due two business hours after opening, met or breached") {
        val (shop, ana) = deskShop()
        val opened = shop.now()
        val waiting = open(shop, ana, "Where is my parcel?", "Ordered last week.", CaseCategory.DELIVERY_PROBLEM)
        val answered = open(shop, ana, "Which size?", "Is the tee true to size?")
        shop.advance(minutes(60))
        val early = shop.support.caseSla(waiting.id).sla.firstResponse
        assertEq(SlaStatus.OK to opened.plus(minutes(120)), early.status to early.dueAt, "due in two business hours")
        // 16 business hours: Tuesday 07:00-15:00 UTC, Wednesday 06:00-14:00.
        assertEq(Instant.parse("2026-04-15T14:00:00Z"), shop.support.caseSla(waiting.id).sla.resolution.dueAt, "resolution")
        shop.advance(minutes(30))
        shop.support.reply(answered.id, MILA, "True to size.")
        shop.advance(minutes(10))
        assertEq(SlaStatus.WARNING, shop.support.caseSla(waiting.id).sla.firstResponse.status, "a quarter left")
        shop.advance(minutes(50))
        shop.support.solve(answered.id, MILA)
        shop.advance(minutes(30))
        assertEq(SlaStatus.BREACHED, shop.support.caseSla(waiting.id).sla.firstResponse.status, "breached")
        val done = shop.support.caseSla(answered.id).sla
        assertEq(SlaStatus.ACHIEVED to opened.plus(minutes(90)), done.firstResponse.status to done.firstResponse.metAt, "first reply")
        assertEq(SlaStatus.ACHIEVED to opened.plus(minutes(150)), done.resolution.status to done.resolution.metAt, "resolution")
    }

    shopTest("support SLA: a calendar in an unknown time zone is refused, the settings kept") {
        val (shop, _) = deskShop()
        val atlantis = BusinessCalendar.fromJson(Json.parse(SOFIA_OFFICE.replace("Europe/Sofia", "Europe/Atlantis")))
        val e = assertThrows<ShopException> {
            runBlocking { shop.admin.configure(teaHouseSettings().copy(businessCalendar = atlantis)) }
        }
        check(e.field != null && e.message!!.contains("Atlantis")) { "${e.domain}/${e.code} ${e.field}: ${e.message}" }
        assertEq(BusinessCalendar.fromJson(Json.parse(SOFIA_OFFICE)), shop.settings().businessCalendar, "calendar kept")
    }

    shopTest("my requests: the customer's cases, open first, latest activity first, with SLA") {
        val (shop, ana) = deskShop()
        val start = shop.now()
        val refund = open(shop, ana, "Refund", "Refund my mug, please.", CaseCategory.RETURN)
        shop.advance(minutes(1))
        shop.support.reply(refund.id, MILA, "Refunded.")
        shop.advance(minutes(1))
        shop.support.solve(refund.id, MILA)
        shop.advance(minutes(8))
        val parcel = open(shop, ana, "Where is my parcel?", "Ordered last week.", CaseCategory.DELIVERY_PROBLEM)
        shop.advance(minutes(10))
        val size = open(shop, ana, "Which size?", "Is the tee true to size?")
        shop.advance(minutes(10))
        val boris = shop.customers.register(NewCustomer("boris@example.com", "en", "Boris"))
        open(shop, boris, "Not mine", "Someone else's case.", CaseCategory.OTHER)
        shop.advance(minutes(10))
        shop.support.postMessage(Channel.CHAT, CaseActor.Customer(ana.id), "Any news?", parcel.id)

        val mine = shop.support.customerRequests(ana.id)
        assertEq(listOf(parcel.id, size.id, refund.id), mine.map { it.summary.caseId }, "order")
        val first = mine[0].summary
        assertEq("Where is my parcel?" to CaseCategory.DELIVERY_PROBLEM, first.subject to first.category, "summary")
        assertEq(CustomerStatus.RECEIVED, first.status, "status")
        assertEq(start.plus(minutes(10)) to start.plus(minutes(40)), first.openedAt to first.lastActivityAt, "times")
        assertEq(2, first.messageCount, "messages")
        assertEq(start.plus(minutes(130)), mine[0].sla.firstResponse.dueAt, "expect an answer by")
        val solved = mine[2]
        assertEq(CustomerStatus.SOLVED to 2, solved.summary.status to solved.summary.messageCount, "solved")
        assertEq(start.plus(minutes(2)), solved.summary.lastActivityAt, "solved at")
        assertEq(SlaStatus.ACHIEVED, solved.sla.resolution.status, "resolution met")
    }

    shopTest("CSAT: rate a solved case once, with a trimmed comment") {
        val (shop, ana) = deskShop()
        val case = open(shop, ana, "Late parcel", "Still waiting.", CaseCategory.DELIVERY_PROBLEM)
        shop.support.reply(case.id, MILA, "It arrives tomorrow.")
        val survey = shop.support.solve(case.id, MILA).survey ?: throw AssertionError("no survey")
        assertEq(SurveySubject.Case(case.id), survey.subject, "subject")
        assertEq(shop.now() to shop.now().plus(Duration.ofDays(14)), survey.sentAt to survey.expiresAt, "validity")
        assertEq(null, survey.response, "not answered")
        shop.advance(minutes(9))
        val rated = shop.support.answerSurvey(survey.id, 5, "  Quick and kind.  ")
        assertEq(SurveyResponse(shop.now(), 5, "Quick and kind."), rated.response, "answer")
        assertEq(null, rated.followUp, "a 5 needs no follow-up")
        val again = assertThrows<ShopException.Support> { runBlocking { shop.support.answerSurvey(survey.id, 1) } }
        assertEq("already_answered", again.code, "answered twice")
        assertEq(listOf(rated), shop.support.surveysOfCase(case.id), "stored")
    }

    shopTest("CSAT: a low score is flagged; bad answers and expiry are refused") {
        val (shop, ana) = deskShop()
        val case = open(shop, ana, "Broken mug", "It arrived broken.", CaseCategory.COMPLAINT)
        shop.support.reply(case.id, MILA, "Sorry, a new one is on its way.")
        val low = shop.support.solve(case.id, MILA).survey!!
        val score = assertThrows<ShopException.Support> { runBlocking { shop.support.answerSurvey(low.id, 6) } }
        assertEq("invalid_field" to "score", score.code to score.field, "score")
        val comment = assertThrows<ShopException.Support> { runBlocking { shop.support.answerSurvey(low.id, 3, "x".repeat(2001)) } }
        assertEq("comment", comment.field, "comment")
        assertEq(null, shop.support.surveysOfCase(case.id).single().response, "a refused answer records nothing")
        val rated = shop.support.answerSurvey(low.id, 2, "   ")
        assertEq(SurveyResponse(shop.now(), 2, null), rated.response, "blank comment")
        check(rated.followUp != null) { "a 2 is followed up: $rated" }

        val other = open(shop, ana, "Late", "Still late.")
        shop.support.reply(other.id, MILA, "On its way.")
        val late = shop.support.solve(other.id, MILA).survey!!
        shop.advance(Duration.ofDays(15))
        val expired = assertThrows<ShopException.Support> { runBlocking { shop.support.answerSurvey(late.id, 4) } }
        assertEq("expired", expired.code, "after 14 days")
    }
}
