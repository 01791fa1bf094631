// Checkout and orders through the typed Shop (run by the plain runner in VitrinaTests.kt), on SQLite
// in memory: contact then delivery then the order with its number and payment reference, the price lock
// (a price rise since the quote is refused until the shopper confirms the price now), refusals with the
// core's codes and fields, the order view (state, reference, history) and its tracking timeline over
// the order's own parcels, with a carrier's delay and its reason.
package dev.vitrina.tests

import dev.vitrina.shop.*
import java.math.BigDecimal
import java.time.Duration
import kotlinx.coroutines.runBlocking

private val HOME = Address(city = "Sofia", country = "bg", line1 = "ul. Vitosha 1", postalCode = "1000",
    recipient = "Ana Petrova")

/** The tea house (Kotlin cards, courier and mailer) on SQLite in memory, and a cart of 2 teas and a honey. */
private suspend fun checkoutShop(cards: KotlinCards = KotlinCards(), post: KotlinPost = KotlinPost()): Pair<Shop, Cart> {
    val shop = teaHouse("sqlite::memory:", Plugins().gateway(PaymentMethod.CARD, cards).courier(post).mailer(KeptMail()))
    val cart = shop.carts.create("EUR", null)
    shop.carts.addLine(cart.id, "tea-100g", 2)
    shop.carts.addLine(cart.id, "honey-jar", 1)
    return shop to cart
}

/** A session at its last step: contact recorded, then delivery to Sofia by courier, paid by [method]. */
private suspend fun readyToPlace(shop: Shop, cart: Cart, method: PaymentMethod = PaymentMethod.CARD): CheckoutSession {
    val session = shop.checkout.start(cart.id, " ana@Example.COM ", "+359 888 123 456")
    return shop.checkout.setDelivery(session.id, DeliveryDetails(HOME, method, "courier"))
}

private fun <T> shopTest(name: String, body: suspend () -> T) = test(name) { runBlocking { body() } }

fun shopCheckoutTests() {
    shopTest("checkout: contact, delivery, quote and place an order") {
        val (shop, cart) = checkoutShop()
        val started = shop.checkout.start(cart.id, " ana@Example.COM ", "+359 888 123 456")
        assertEq(CheckoutStep.CONTACT_RECORDED to null, started.step to started.delivery, "step one")
        assertEq(ContactDetails("ana@example.com", "+359888123456"), started.contact, "contact normalised")
        assertEq(shop.now(), started.contactRecordedAt, "recorded at the shop's time")
        assertEq(cart.id, started.cartId, "cart")
        val ready = shop.checkout.setDelivery(started.id, DeliveryDetails(HOME, PaymentMethod.CARD, "courier"))
        assertEq(CheckoutStep.READY_TO_PLACE to "BG", ready.step to ready.delivery?.address?.country, "step two")
        val quote = shop.checkout.quote(started.id)
        assertEq("courier", quote.shipping?.methodId, "quoted with the chosen method")
        val order = shop.checkout.placeOrder(started.id, quote)
        check(Regex("VT-\\d{4}-\\d{6}").matches(order.number)) { order.number }
        assertEq(OrderState.PENDING_PAYMENT, order.state, "placed")
        assertEq(Money(quote.totals.grandTotal, "EUR"), order.total, "total as quoted")
        assertEq(quote, order.priced, "the confirmed prices kept")
        val placed = shop.checkout.get(started.id)
        assertEq(CheckoutStep.PLACED to order.id, placed.step to placed.orderId, "session placed")
        assertEq(order, shop.checkout.placeOrder(started.id, quote), "placing again gives the order placed")
    }

    shopTest("checkout: a price rise since the quote is refused until the shopper confirms the price now") {
        val (shop, cart) = checkoutShop()
        val session = readyToPlace(shop, cart)
        val confirmed = shop.checkout.quote(session.id)
        val dearer = teaHouseCatalog().let { data ->
            val tea = data.products[0]
            val variant = tea.variants[0].copy(prices = listOf(Price(BigDecimal("5.00"), "EUR")))
            data.copy(products = listOf(tea.copy(variants = listOf(variant))) + data.products.drop(1))
        }
        shop.catalog.publish(dearer)
        val e = assertThrows<ShopException.Checkout> { runBlocking { shop.checkout.placeOrder(session.id, confirmed) } }
        assertEq(ShopException.Checkout.PRICES_CHANGED, e.code, "code")
        check(e.message!!.contains("prices changed")) { e.message!! }
        assertEq(CheckoutStep.READY_TO_PLACE, shop.checkout.get(session.id).step, "session unchanged")
        val current = shop.checkout.quote(session.id)
        val tea = current.lines.single { it.variantId == "tea-100g" }
        assertEq(BigDecimal("5.00"), tea.unitPrice, "the price now")
        check(current.totals.grandTotal > confirmed.totals.grandTotal) { "${current.totals} <= ${confirmed.totals}" }
        val order = shop.checkout.placeOrder(session.id, current)
        assertEq(Money(current.totals.grandTotal, "EUR"), order.total, "placed at the price now")
        assertEq(current, order.priced, "priced as confirmed")
    }

    shopTest("checkout: refused steps carry the core's code and field, and change nothing") {
        val (shop, cart) = checkoutShop()
        val empty = shop.carts.create("EUR", null)
        val none = assertThrows<ShopException.Checkout> { runBlocking { shop.checkout.start(empty.id, "ana@example.com") } }
        assertEq(ShopException.Checkout.EMPTY_CART, none.code, "empty cart")
        val email = assertThrows<ShopException.Checkout> { runBlocking { shop.checkout.start(cart.id, "ana@example") } }
        assertEq(ShopException.Checkout.INVALID_FIELD to "contact.email", email.code to email.field, "e-mail")
        val session = shop.checkout.start(cart.id, "ana@example.com")
        val early = assertThrows<ShopException.Checkout> {
            runBlocking { shop.checkout.placeOrder(session.id, shop.checkout.quote(session.id)) }
        }
        assertEq(ShopException.Checkout.WRONG_STEP, early.code, "placing before delivery")
        val country = assertThrows<ShopException.Checkout> {
            runBlocking { shop.checkout.setDelivery(session.id, DeliveryDetails(HOME.copy(country = "Bulgaria"), PaymentMethod.CARD, "courier")) }
        }
        assertEq(ShopException.Checkout.INVALID_FIELD to "address.country", country.code to country.field, "country")
        assertEq(CheckoutStep.CONTACT_RECORDED, shop.checkout.get(session.id).step, "still at step one")
        val drone = assertThrows<ShopException> {
            runBlocking {
                shop.checkout.setDelivery(session.id, DeliveryDetails(HOME, PaymentMethod.CARD, "drone"))
                shop.checkout.quote(session.id)
            }
        }
        assertEq("unknown_shipping_method", drone.code, "unknown method (${drone.domain})")
    }

    shopTest("order view: state, number, payment reference, history, read back by id and number") {
        val (shop, cart) = checkoutShop()
        val ana = shop.customers.register(NewCustomer("ana@example.com", "en", "Ana Petrova"))
        val owned = shop.carts.create("EUR", ana.id)
        shop.carts.addLine(owned.id, "tea-100g", 1)
        val session = readyToPlace(shop, owned, PaymentMethod.BANK_TRANSFER)
        shop.advance(Duration.ofMinutes(2))
        val order = shop.checkout.placeOrder(session.id, shop.checkout.quote(session.id))
        assertEq(OrderState.AWAITING_TRANSFER, order.state, "awaiting the transfer")
        check(Regex("RF\\d\\d[A-Z0-9]+").matches(order.paymentReference)) { order.paymentReference }
        assertEq(ana.id, order.customerId, "customer")
        assertEq(Money.of("0.00", "EUR"), order.paid, "nothing paid")
        assertEq(shop.now(), order.placedAt, "placed at the shop's time")
        assertEq(PaymentMethod.BANK_TRANSFER, order.delivery.paymentMethod, "payment method")
        assertEq("ana@example.com", order.contact.email, "contact")
        val awaiting = order.history.single()
        assertEq(OrderState.PENDING_PAYMENT to OrderState.AWAITING_TRANSFER, awaiting.from to awaiting.to, "move")
        assertEq(Actor.System, awaiting.actor, "moved by the system")
        assertEq(order.placedAt, awaiting.at, "moved when placed")
        check(awaiting.note!!.replace(" ", "").contains(order.paymentReference)) { awaiting.note!! }
        assertEq(order, shop.orders.get(order.id), "read back")
        assertEq(order.id, shop.orders.byNumber(order.number).id, "by number")
        val unknown = assertThrows<ShopException> { runBlocking { shop.orders.get("no-such-order") } }
        assertEq("not_found", unknown.code, "unknown order")
        check(cart.id != owned.id) { "two carts" }
    }

    shopTest("order tracking timeline: placed, then the order's own parcel with a weather delay") {
        val post = KotlinPost()
        val (shop, cart) = checkoutShop(post = post)
        val session = readyToPlace(shop, cart)
        val order = shop.checkout.placeOrder(session.id, shop.checkout.quote(session.id))
        val placed = shop.orders.timeline(order.id)
        assertEq(listOf(Milestone.ORDER_PLACED), placed.map { it.milestone }, "placed")
        assertEq(order.placedAt to null, placed[0].at to placed[0].shipmentId, "when, no parcel")
        // Another order, shipped too: its parcel stays out of this order's timeline.
        val other = shop.carts.create("EUR", null)
        shop.carts.addLine(other.id, "mug-white", 1)
        val otherSession = readyToPlace(shop, other)
        val otherOrder = shop.checkout.placeOrder(otherSession.id, shop.checkout.quote(otherSession.id))
        for ((paid, key) in listOf(order to "k-1", otherOrder to "k-2")) shop.payments.pay(paid.id, "4242424242424242", key)
        val parcel = shop.shipping.ship(order.id, Actor.Staff("packer"))
        val foreign = shop.shipping.ship(otherOrder.id, Actor.Staff("packer"))
        val number = parcel.trackingNumber!!
        shop.advance(Duration.ofHours(1))
        post.report(number, TrackingStatus.PICKED_UP, shop.now())
        shop.advance(Duration.ofHours(1))
        post.report(number, TrackingStatus.IN_TRANSIT, shop.now())
        shop.advance(Duration.ofMinutes(30))
        val delay = shop.now()
        post.report(number, TrackingStatus.DELAYED, delay, IncidentReason.WEATHER)
        shop.advance(Duration.ofHours(1))
        post.report(number, TrackingStatus.OUT_FOR_DELIVERY, shop.now())
        shop.advance(Duration.ofHours(1))
        post.report(number, TrackingStatus.DELIVERED, shop.now())
        post.report(foreign.trackingNumber!!, TrackingStatus.PICKED_UP, shop.now())
        shop.shipping.refreshShipment(parcel.id)
        shop.shipping.refreshShipment(foreign.id)
        val steps = shop.orders.timeline(order.id)
        val milestones = steps.map { it.milestone }
        assertEq(Milestone.ORDER_PLACED, milestones.first(), "first")
        check(Milestone.PAYMENT_RECEIVED in milestones) { "$milestones" }
        assertEq(
            listOf(Milestone.PACKED, Milestone.IN_TRANSIT, Milestone.DELAYED, Milestone.OUT_FOR_DELIVERY, Milestone.DELIVERED),
            milestones.filter { it != Milestone.ORDER_PLACED && it != Milestone.PAYMENT_RECEIVED }.distinct(),
            "the parcel's milestones",
        )
        val parcelSteps = steps.filter { it.shipmentId != null }
        check(parcelSteps.all { it.shipmentId == parcel.id && it.trackingNumber == number }) { "$parcelSteps" }
        val delayed = steps.first { it.milestone == Milestone.DELAYED }
        assertEq(IncidentReason.WEATHER to delay, delayed.incident to delayed.at, "the delay and its reason")
        assertEq(steps.sortedBy { it.at }, steps, "oldest first")
        assertEq(OrderState.DELIVERED, shop.orders.get(order.id).state, "delivered")
    }
}
