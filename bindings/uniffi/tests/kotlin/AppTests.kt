// Tests of the app-side flows (run by the plain runner in VitrinaTests.kt): checkout with the price
// lock (`CheckoutException.PricesChanged`), the order view and its tracking timeline, a customer's
// support case ("track my request") and browsing the knowledge base.
package dev.vitrina.tests

import dev.vitrina.*
import java.time.Instant

val ADDRESS = Address(
    recipient = "Ana Petrova", line1 = "Hauptstr. 1", city = "Berlin", postalCode = "10115", country = "de",
)

fun at(minutes: Long): Instant = NOW.plusSeconds(60 * minutes)

/** A cart of two tees and a mug, with a session at step 2 (post, `method`). */
fun readyCheckout(catalog: Catalog, method: PaymentMethod = PaymentMethod.CARD): Pair<Cart, CheckoutSession> {
    val cart = Cart("EUR", "cust-1")
    cart.addLine(catalog, "tee-m", 2u)
    cart.addLine(catalog, "mug-v")
    val session = CheckoutSession.start(cart, ContactDetails(" ana@Example.DE ", "+49 30 1234567"), at(0))
    session.setDelivery(DeliveryDetails(ADDRESS, "post", method), at(1))
    return cart to session
}

fun checkoutTests() {
    val catalog = Catalog.fromJson(SHOP)
    val pricer = Pricer(catalog, RULES)

    test("checkout: contact, delivery, quote and place an order") {
        val (cart, session) = readyCheckout(catalog)
        assertEq(ContactDetails("ana@example.de", "+49301234567"), session.contact())
        assertEq(at(0), session.contactRecordedAt())
        assertEq("DE", session.delivery()!!.address.country)
        assertEq(CheckoutStep.READY_TO_PLACE, session.step())
        assertEq(cart.id(), session.cartId())
        val quote = session.quote(pricer, cart, PricingContext(currency = "EUR", now = NOW, region = "DE"))
        assertEq("post", quote.priced().shipping!!.methodId)
        assertEq(quote.priced().totals.grandTotal, quote.grandTotal())
        val order = session.placeOrder(pricer, cart, context(), quote, "vt-2026-000123", at(2))
        assertEq("VT-2026-000123", order.number())
        assertEq(OrderState.PENDING_PAYMENT, order.state())
        assertEq(quote.grandTotal(), order.total())
        assertEq(CheckoutStep.PLACED, session.step())
        assertEq(order.id(), session.orderId())
        val resumed = CheckoutSession.fromJson(session.toJson())
        assertEq(CheckoutStep.PLACED, resumed.step())
        val again = assertThrows<CheckoutException.WrongStep> {
            session.placeOrder(pricer, cart, context(), quote, "VT-2026-000124", at(3))
        }
        assertEq(CheckoutStep.PLACED, again.step)
    }

    test("checkout: a price rise throws PricesChanged with the changed lines until confirmed") {
        val (cart, session) = readyCheckout(catalog)
        val confirmed = session.quote(pricer, cart, context())
        val risen = Pricer(Catalog.fromJson(SHOP.replace("\"20.00\"", "\"22.00\"")), RULES)
        val e = assertThrows<CheckoutException.PricesChanged> {
            session.placeOrder(risen, cart, context(), confirmed, "VT-2026-000125", at(2))
        }
        assertEq(1, e.changed.size, "changed lines")
        val line = e.changed[0]
        assertEq("tee-m", line.variantId)
        assertEq(dec("20.00"), line.confirmedUnitPrice)
        assertEq(dec("22.00"), line.currentUnitPrice)
        assertEq(confirmed.grandTotal(), e.confirmedTotal)
        check(e.currentTotal > e.confirmedTotal) { "${e.currentTotal} <= ${e.confirmedTotal}" }
        assertEq(e.currentTotal, e.current.totals.grandTotal)
        check(e.message!!.contains("prices changed")) { e.message!! }
        assertEq(CheckoutStep.READY_TO_PLACE, session.step())
        // The shopper confirms the new prices: placing again with them succeeds.
        val order = session.placeOrder(risen, cart, context(), Quote.fromJson(e.currentJson), "VT-2026-000125", at(3))
        assertEq(e.currentTotal, order.total())
        assertEq(e.current, order.priced())
    }

    test("checkout: refused steps are sealed CheckoutException cases") {
        val empty = assertThrows<CheckoutException.EmptyCart> {
            CheckoutSession.start(Cart("EUR"), ContactDetails("ana@example.de"))
        }
        check(empty.cartId.isNotEmpty()) { "cart id" }
        val cart = Cart("EUR")
        cart.addLine(catalog, "mug-v")
        val email = assertThrows<CheckoutException.InvalidField> {
            CheckoutSession.start(cart, ContactDetails("ana@example"))
        }
        assertEq("contact.email", email.field)
        val session = CheckoutSession.start(cart, ContactDetails("ana@example.de"), at(0))
        val quote = session.quote(pricer, cart, context())
        val early = assertThrows<CheckoutException.WrongStep> {
            session.placeOrder(pricer, cart, context(), quote, "VT-2026-000126")
        }
        assertEq(CheckoutStep.CONTACT_RECORDED, early.step)
        val country = assertThrows<CheckoutException.InvalidField> {
            session.setDelivery(DeliveryDetails(ADDRESS.copy(country = "Germany"), "post", PaymentMethod.CARD))
        }
        assertEq("address.country", country.field)
        session.setDelivery(DeliveryDetails(ADDRESS, "post", PaymentMethod.CARD), at(1))
        val other = Cart("EUR")
        other.addLine(catalog, "mug-v")
        val mismatch = assertThrows<CheckoutException.CartMismatch> {
            session.placeOrder(pricer, other, context(), quote, "VT-2026-000126")
        }
        assertEq("cart.id", mismatch.field)
        val number = assertThrows<CheckoutException.Order> {
            session.placeOrder(pricer, cart, context(), quote, "not a number")
        }
        assertEq("invalid_order_number", number.code)
        val unknown = assertThrows<CheckoutException.Pricing> {
            session.quote(pricer, cart, PricingContext(currency = "EUR", now = NOW, region = "DE")).also {
                session.setDelivery(DeliveryDetails(ADDRESS, "drone", PaymentMethod.CARD))
                session.quote(pricer, cart, context())
            }
        }
        assertEq("unknown_shipping_method", unknown.code)
        val e: CheckoutException = unknown
        val case = when (e) {
            is CheckoutException.InvalidField -> "invalid_field"
            is CheckoutException.EmptyCart -> "empty_cart"
            is CheckoutException.WrongStep -> "wrong_step"
            is CheckoutException.CartMismatch -> "cart_mismatch"
            is CheckoutException.PricesChanged -> "prices_changed"
            is CheckoutException.Pricing -> "pricing"
            is CheckoutException.Order -> "order"
        }
        assertEq("pricing", case)
    }
}

fun orderTests() {
    val catalog = Catalog.fromJson(SHOP)
    val pricer = Pricer(catalog, RULES)

    test("order view: state, number, payment reference, history, JSON round trip") {
        val (cart, session) = readyCheckout(catalog, PaymentMethod.BANK_TRANSFER)
        val quote = session.quote(pricer, cart, context())
        val order = session.placeOrder(pricer, cart, context(), quote, "VT-2026-000200", at(2))
        assertEq(OrderState.AWAITING_TRANSFER, order.state())
        assertEq("VT-2026-000200", order.number())
        val reference = order.paymentReference()
        check(Regex("RF\\d\\d( \\w{1,4})+").matches(reference)) { reference }
        assertEq("cust-1", order.customerId())
        assertEq("EUR", order.currency())
        assertEq(dec("0"), order.paid().stripTrailingZeros())
        assertEq(at(2), order.placedAt())
        assertEq(PaymentMethod.BANK_TRANSFER, order.delivery().paymentMethod)
        assertEq("ana@example.de", order.contact().email)
        val (awaiting) = order.history()
        assertEq(OrderState.PENDING_PAYMENT to OrderState.AWAITING_TRANSFER, awaiting.from to awaiting.to)
        assertEq(ActorRef("system", null), awaiting.actor)
        assertEq(at(2), awaiting.at)
        check(awaiting.note!!.contains(reference)) { awaiting.note!! }
        val copy = Order.fromJson(order.toJson())
        assertEq(order.number(), copy.number())
        assertEq(order.paymentReference(), copy.paymentReference())
        assertEq(order.priced(), copy.priced())
        val bad = assertThrows<VitrinaException.Order> { Order.fromJson("{}") }
        assertEq("invalid_input", bad.code)
        assertEq("order", bad.field)
    }

    test("order tracking timeline: placed, with ISO times") {
        val (cart, session) = readyCheckout(catalog)
        val order = session.placeOrder(pricer, cart, context(), session.quote(pricer, cart, context()), "VT-2026-000201", at(2))
        val steps = order.timeline()
        assertEq(listOf(Milestone.ORDER_PLACED), steps.map { it.milestone })
        assertEq(at(2), steps[0].at)
        assertEq("2026-11-23T12:02:00Z", steps[0].atIso)
        assertEq(Instant.parse(steps[0].atIso), steps[0].at)
        assertEq(null, steps[0].shipmentId)
        val bad = assertThrows<VitrinaException.Shipping> { order.timeline(listOf("{\"id\": 1}")) }
        assertEq("shipments[0]", bad.field)
    }

    test("order tracking timeline: a parcel's milestones, delay with its reason, other orders' parcels left out") {
        val (cart, session) = readyCheckout(catalog, PaymentMethod.BANK_TRANSFER)
        val order = session.placeOrder(pricer, cart, context(), session.quote(pricer, cart, context()), "VT-2026-000202", at(2))
        val parcel = shipmentJson("ship-1", order.id())
        val foreign = shipmentJson("ship-2", "another-order")
        val steps = order.timeline(listOf(parcel, foreign))
        assertEq(
            listOf(
                Milestone.ORDER_PLACED, Milestone.PACKED, Milestone.IN_TRANSIT, Milestone.DELAYED,
                Milestone.IN_TRANSIT, Milestone.OUT_FOR_DELIVERY, Milestone.DELIVERED,
            ),
            steps.map { it.milestone },
        )
        check(steps.drop(1).all { it.shipmentId == "ship-1" && it.trackingNumber == "TN-1" }) { "$steps" }
        val delayed = steps.first { it.milestone == Milestone.DELAYED }
        assertEq("weather", delayed.incident)
        assertEq("2026-11-23T14:30:00Z", delayed.atIso)
        assertEq(steps.sortedBy { it.at }, steps)
    }
}

/** A shipment as the server stores it: labelled at 13:00, moving on every hour, delivered at 17:00,
 *  with a weather delay reported by the carrier at 14:30. */
fun shipmentJson(id: String, orderId: String): String {
    val courier = """{"kind":"courier","name":"test"}"""
    fun move(hour: Int, from: String, to: String) =
        """{"at":"2026-11-23T$hour:00:00Z","actor":$courier,"from":"$from","to":"$to","note":null}"""
    return """{"id":"$id","order_id":"$orderId","courier":"test","service":"standard","lines":[],
      "packaging":[],"cash_on_delivery":null,"cash_collection":null,"tracking_number":"TN-1","label":null,
      "state":"delivered","created_at":"2026-11-23T12:30:00Z","planned_by":{"kind":"staff","id":"packer"},
      "history":[${move(13, "pending", "label_created")},${move(14, "label_created", "picked_up")},
        ${move(15, "picked_up", "in_transit")},${move(16, "in_transit", "out_for_delivery")},
        ${move(17, "out_for_delivery", "delivered")}],
      "tracking":[{"at":"2026-11-23T14:30:00Z","status":"delayed","raw_code":"D1","description":"Storm",
        "incident":"weather"}]}"""
}

fun supportTests() {
    test("support: open a case, reply, track my request") {
        val case = SupportCase.open(
            "cust-1", "Parcel late", "My order has not arrived.", SupportCategory.DELIVERY_PROBLEM,
            "order-1", at(0),
        )
        assertEq("order-1", case.orderId())
        val opened = case.customerView()
        assertEq(case.id(), opened.caseId)
        assertEq("Parcel late", opened.subject)
        assertEq(CustomerStatus.RECEIVED, opened.status)
        assertEq(at(0), opened.openedAt)
        assertEq(
            listOf(CaseTimelineEntry(at(0), CaseEvent.Message(TimelineAuthor.CUSTOMER, "My order has not arrived."))),
            opened.timeline,
        )
        val messageId = case.reply("Any news?", at(5))
        check(messageId.isNotEmpty()) { "message id" }
        val view = SupportCase.fromJson(case.toJson()).customerView()
        assertEq(2, view.timeline.size)
        assertEq(CaseEvent.Message(TimelineAuthor.CUSTOMER, "Any news?"), view.timeline[1].event)
        assertEq(at(5), view.timeline[1].at)
    }

    test("support: refused input is VitrinaException.Support naming the field") {
        val subject = assertThrows<VitrinaException.Support> {
            SupportCase.open("cust-1", " ", "text", SupportCategory.QUESTION)
        }
        assertEq("subject", subject.field)
        assertEq("invalid_input", subject.code)
        val case = SupportCase.open("cust-1", "Question", "Do you ship to Bulgaria?", SupportCategory.QUESTION, at = at(0))
        val body = assertThrows<VitrinaException.Support> { case.reply("  ", at(1)) }
        assertEq("body", body.field)
        assertEq(1, case.customerView().timeline.size)
    }
}

const val FAQ = """{
  "categories": [
    {"id": "shipping", "name": "Shipping"},
    {"id": "abroad", "name": "Shipping abroad", "parent_id": "shipping"},
    {"id": "returns", "name": "Returns"}
  ],
  "articles": [
    {"id": "eta", "locale": "en", "category_id": "shipping", "title": "When will my order arrive?",
     "body": "In 2-3 days.", "published": true, "view_count": 5},
    {"id": "eu", "locale": "en", "category_id": "abroad", "title": "Do you ship to the EU?",
     "body": "Yes.", "tags": ["eu"], "published": true, "view_count": 9},
    {"id": "eta-bg", "locale": "bg", "category_id": "shipping", "title": "Кога ще пристигне поръчката?",
     "body": "До 3 дни.", "published": true, "view_count": 50},
    {"id": "draft", "locale": "en", "category_id": "shipping", "title": "Drones", "body": "Soon.",
     "published": false, "view_count": 100},
    {"id": "refund", "locale": "en", "category_id": "returns", "title": "How do refunds work?",
     "body": "Within 14 days.", "published": true, "view_count": 1}
  ]
}"""

fun knowledgeTests() {
    test("knowledge base: categories and articles by category") {
        val kb = KnowledgeBase.fromJson(FAQ)
        assertEq(listOf("shipping", "abroad", "returns"), kb.categories().map { it.id })
        assertEq(listOf("shipping", "returns"), kb.subcategories().map { it.id })
        assertEq(listOf(KnowledgeCategory("abroad", "Shipping abroad", "shipping")), kb.subcategories("shipping"))
        assertEq(listOf("abroad", "shipping"), kb.categoryPath("abroad"))
        assertEq(listOf("eta", "eu"), kb.articlesInCategory("shipping", "en").map { it.id })
        assertEq(listOf("eu"), kb.articlesInCategory("abroad", "en-GB").map { it.id })
        assertEq(listOf("eta-bg"), kb.articlesInCategory("shipping", "bg").map { it.id })
        val eu = kb.article("eu")!!
        assertEq(listOf("eu"), eu.tags)
        assertEq("en", eu.locale)
        assertEq(null, kb.article("nope"))
    }

    test("knowledge base: most viewed, and counting views") {
        val kb = KnowledgeBase.fromJson(FAQ)
        assertEq(listOf("eu", "eta", "refund"), kb.mostViewed("en").map { it.id })
        assertEq(listOf("eu"), kb.mostViewed("en", 1u).map { it.id })
        repeat(4) { kb.recordView("eta") }
        assertEq(10uL, kb.recordView("eta"))
        assertEq(listOf("eta", "eu"), kb.mostViewed("en", 2u).map { it.id })
        assertEq(10uL, KnowledgeBase.fromJson(kb.toJson()).article("eta")!!.viewCount)
    }

    test("knowledge base: refusals are VitrinaException.Knowledge") {
        val kb = KnowledgeBase.fromJson(FAQ)
        assertEq("unknown_locale", assertThrows<VitrinaException.Knowledge> { kb.mostViewed("fr") }.code)
        assertEq("unknown_article", assertThrows<VitrinaException.Knowledge> { kb.recordView("nope") }.code)
        val broken = FAQ.replace("\"parent_id\": \"shipping\"", "\"parent_id\": \"nowhere\"")
        val invalid = assertThrows<VitrinaException.Knowledge> { KnowledgeBase.fromJson(broken) }
        check(invalid.detail.contains("nowhere")) { invalid.detail }
    }
}
