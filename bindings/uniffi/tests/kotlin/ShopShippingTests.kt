// Shipping through the typed Shop (run by the plain runner in VitrinaTests.kt), on SQLite in memory:
// delivery options for an address, each priced exactly as the cart is priced with that method, with the
// courier's estimated delivery windows, cheapest first; the option picked is what checkout charges, and
// checkout keeps the pickup point, slot and courier service; a shipment's carrier, tracking number,
// label, estimated window and tracking events (time, place, description, incident), and the order's
// timeline over them; refusals naming the field.
package dev.vitrina.tests

import dev.vitrina.shop.*
import java.math.BigDecimal
import java.time.Duration
import java.time.Instant
import kotlinx.coroutines.runBlocking

private val PLOVDIV = Address(city = "Plovdiv", country = "BG", line1 = "ul. Glavna 5", postalCode = "4000",
    recipient = "Ana Petrova")
private val BERLIN = Address(city = "Berlin", country = "DE", line1 = "Hauptstr. 1", postalCode = "10115",
    recipient = "Ana Petrova")

/** A courier written in Kotlin that quotes two services, labels with an estimate and reports what the
 *  test gives it, in the order given (carriers do not sort their events). */
class QuotingPost : Courier(
    "quoting-post",
    jsonObject(
        "cancel" to jsonOf(false), "address_validation" to jsonOf(false), "pickups" to jsonOf(false),
        "cash_on_delivery" to jsonOf(false), "time_slots" to jsonOf(false), "pickup_points" to jsonOf(false),
    ),
) {
    /** The events the carrier reports, as the core's JSON. */
    val events = mutableListOf<Json>()

    private fun window(from: Instant, hours: Long) =
        jsonObject("start" to jsonOf(from), "end" to jsonOf(from.plus(Duration.ofHours(hours))))

    private fun readyAt(request: String) = Instant.parse(Json.parse(request).asObject().required("ready_at").asString())

    override suspend fun rates(request: String): String {
        val ready = readyAt(request)
        fun option(service: String, price: String, days: Long) = jsonObject(
            "service" to jsonOf(service), "name" to jsonOf(service.replaceFirstChar { it.uppercase() }),
            "price" to jsonOf(price), "estimated_delivery" to window(ready.plus(Duration.ofDays(days)), 10),
        )
        return jsonObject(
            "options" to Json.Arr(listOf(option("express", "9.90 EUR", 1), option("standard", "3.90 EUR", 2))),
            "warnings" to Json.Arr(emptyList()),
        ).compact()
    }

    override suspend fun createShipment(request: String): String = jsonObject(
        "tracking_number" to jsonOf("JJD 0001/A"),
        "label" to jsonObject("content_type" to jsonOf("application/pdf"), "bytes" to Json.Arr(listOf(jsonOf(37)))),
        "estimated_delivery" to window(Instant.parse("2026-04-15T08:00:00Z"), 10),
        "warnings" to Json.Arr(emptyList()),
    ).compact()

    override suspend fun track(trackingNumbers: List<String>): String = jsonObject(
        "shipments" to jsonOfList(trackingNumbers) { number ->
            jsonObject("tracking_number" to jsonOf(number), "events" to Json.Arr(events))
        },
        "warnings" to Json.Arr(emptyList()),
    ).compact()

    /** A tracking event at [at] (`2026-04-15T09:00:00Z`). */
    fun event(at: String, status: TrackingStatus, code: String, text: String, location: String?,
        incident: IncidentReason? = null) {
        events += jsonObject(
            "at" to jsonOf(Instant.parse(at)), "status" to status.toJson(), "raw_code" to jsonOf(code),
            "description" to jsonOf(text), "location" to location?.let { jsonOf(it) }, "incident" to incident?.toJson(),
        )
    }
}

/** Flat post by the quoting courier, express for Germany only, a locker free over 30 EUR (its courier
 *  quotes nothing), Bulgaria only, and one charged in USD. */
private fun shippingSettings() = teaHouseSettings().let { settings ->
    fun flat(id: String, amount: String, currency: String = "EUR", regions: List<String> = emptyList(),
        freeOver: String? = null) = ShippingMethod(currency = currency, id = id, name = id.uppercase(),
        rate = ShippingRate.Flat(amount = BigDecimal(amount)), regions = regions, freeOver = freeOver?.let { BigDecimal(it) })
    settings.copy(
        pricing = settings.pricing.copy(shippingMethods = listOf(
            flat("courier", "4.90"), flat("express", "12.00", regions = listOf("DE")),
            flat("locker", "2.50", freeOver = "30.00"), flat("bg-only", "3.00", regions = listOf("BG")),
            flat("usd", "9.00", currency = "USD"),
        )),
        courierForMethod = mapOf("courier" to "quoting-post", "express" to "quoting-post", "locker" to "kotlin-post"),
    )
}

/** A shop with [shippingSettings] and a cart of 2 teas, a honey and 2 mugs (41.00 EUR). */
private suspend fun shippingShop(post: QuotingPost = QuotingPost()): Pair<Shop, Cart> {
    val plugins = Plugins().gateway(PaymentMethod.CARD, KotlinCards()).courier(post).courier(KotlinPost())
    val shop = teaHouse("sqlite::memory:", plugins)
    shop.admin.configure(shippingSettings())
    val cart = shop.carts.create("EUR", null)
    for ((variant, quantity) in listOf("tea-100g" to 2, "honey-jar" to 1, "mug-white" to 2)) {
        shop.carts.addLine(cart.id, variant, quantity)
    }
    return shop to cart
}

private fun <T> shopTest(name: String, body: suspend () -> T) = test(name) { runBlocking { body() } }

fun shopShippingTests() {
    shopTest("delivery options: the methods serving the address, each priced as the cart with it, cheapest first") {
        val (shop, cart) = shippingShop()
        val bg = shop.shipping.deliveryOptions(cart.id, PLOVDIV)
        assertEq(listOf("locker", "bg-only", "courier"), bg.map { it.shippingMethodId }, "Bulgaria")
        for (option in bg) {
            val priced = shop.carts.price(cart.id, region = "BG", shippingMethodId = option.shippingMethodId)
            assertEq(Money(priced.totals.shippingTotal, "EUR"), option.price, "price of ${option.shippingMethodId}")
        }
        assertEq(Money.of("0.00", "EUR"), bg[0].price, "free over 30 EUR")
        assertEq("COURIER" to "quoting-post", bg[2].name to bg[2].courier, "name and courier")
        assertEq(null, bg[1].courier, "no courier for the method")
        assertEq(listOf("locker", "courier", "express"), shop.shipping.deliveryOptions(cart.id, BERLIN).map { it.shippingMethodId }, "Germany")
    }

    shopTest("delivery options: the courier's estimates, and a courier that quotes nothing warns") {
        val (shop, cart) = shippingShop()
        val byId = shop.shipping.deliveryOptions(cart.id, BERLIN).associateBy { it.shippingMethodId }
        val services = byId.getValue("courier").services
        assertEq(listOf("express", "standard"), services.map { it.service }, "services")
        val standard = services[1]
        assertEq(Money.of("3.90", "EUR") to "Standard", standard.price to standard.name, "standard")
        val ready = shop.now()
        assertEq(DeliveryWindow(ready.plus(Duration.ofDays(2)).plus(Duration.ofHours(10)), ready.plus(Duration.ofDays(2))),
            standard.estimatedDelivery, "estimated window")
        val locker = byId.getValue("locker")
        assertEq(emptyList<RateOption>(), locker.services, "no services")
        assertEq(listOf("no_rates"), locker.warnings.map { it.code }, "warning")
    }

    shopTest("delivery options: the option picked is what checkout charges") {
        val (shop, cart) = shippingShop()
        val option = shop.shipping.deliveryOptions(cart.id, BERLIN).single { it.shippingMethodId == "express" }
        val session = shop.checkout.start(cart.id, "ana@example.com")
        shop.checkout.setDelivery(session.id, DeliveryDetails(BERLIN, PaymentMethod.CARD, option.shippingMethodId))
        val quote = shop.checkout.quote(session.id)
        assertEq(option.price, Money(quote.shipping!!.total, "EUR"), "shipping charged")
        val order = shop.checkout.placeOrder(session.id, quote)
        assertEq(Money(quote.totals.grandTotal, "EUR"), order.total, "total")
        assertEq("express", order.delivery.shippingMethodId, "method kept")
    }

    shopTest("checkout keeps the pickup point, slot and courier service the shopper picked") {
        val (shop, cart) = shippingShop()
        val session = shop.checkout.start(cart.id, "ana@example.com")
        val picked = DeliveryDetails(BERLIN, PaymentMethod.CARD, "courier", courierService = "economy",
            pickupPointId = " locker-17 ", slotId = " ")
        shop.checkout.setDelivery(session.id, picked)
        val order = shop.checkout.placeOrder(session.id, shop.checkout.quote(session.id))
        assertEq("locker-17", order.delivery.pickupPointId, "trimmed")
        assertEq(null, order.delivery.slotId, "blank is none")
        assertEq("economy", order.delivery.courierService, "service")
        val other = shop.carts.create("EUR", null)
        shop.carts.addLine(other.id, "tea-100g", 1)
        val next = shop.checkout.start(other.id, "ana@example.com")
        val tooLong = assertThrows<ShopException.Checkout> {
            runBlocking { shop.checkout.setDelivery(next.id, picked.copy(slotId = "s".repeat(101))) }
        }
        assertEq("delivery.slot_id", tooLong.field, "field")
    }

    shopTest("delivery options: an unknown cart is refused") {
        val (shop, _) = shippingShop()
        val unknown = assertThrows<ShopException> { runBlocking { shop.shipping.deliveryOptions("no-such-cart", BERLIN) } }
        assertEq("not_found", unknown.code, "unknown cart")
    }

    shopTest("shipment: carrier, tracking number, label, estimated window, lines; tracking events; the timeline") {
        val post = QuotingPost()
        val (shop, cart) = shippingShop(post)
        val session = shop.checkout.start(cart.id, "ana@example.com")
        shop.checkout.setDelivery(session.id, DeliveryDetails(BERLIN, PaymentMethod.CARD, "courier"))
        val order = shop.checkout.placeOrder(session.id, shop.checkout.quote(session.id))
        shop.payments.pay(order.id, "4242424242424242", "k-1")
        val shipment = shop.shipping.ship(order.id, Actor.Staff("packer"))
        assertEq("quoting-post" to "JJD 0001/A", shipment.courier to shipment.trackingNumber, "carrier and number")
        assertEq("application/pdf", shipment.label?.contentType, "label")
        assertEq(DeliveryWindow(Instant.parse("2026-04-15T18:00:00Z"), Instant.parse("2026-04-15T08:00:00Z")),
            shipment.estimatedDelivery, "estimated window")
        assertEq(ShipmentState.LABEL_CREATED to shop.now(), shipment.state to shipment.createdAt, "labelled now")
        assertEq(order.cart.lines.map { ShipmentLine(it.id, it.quantity, it.variantId) }, shipment.lines, "lines")
        assertEq(shipment, shop.shipping.get(shipment.id), "read back")
        assertEq(listOf(shipment.id), shop.shipping.shipmentsOf(order.id).map { it.id }, "shipments of the order")
        // Events as the carrier sends them: not in time order.
        post.event("2026-04-15T06:00:00Z", TrackingStatus.IN_TRANSIT, "AR", "Arrived at hub", "Leipzig hub")
        post.event("2026-04-14T15:00:00Z", TrackingStatus.PICKED_UP, "PU", "Picked up", "Sofia depot")
        post.event("2026-04-15T09:00:00Z", TrackingStatus.OUT_FOR_DELIVERY, "OD", "Out for delivery", "Berlin-Mitte")
        post.event("2026-04-15T11:00:00Z", TrackingStatus.DELIVERY_FAILED, "NH", "Nobody home", "Berlin-Mitte",
            IncidentReason.RECIPIENT_ABSENT)
        post.event("2026-04-16T09:30:00Z", TrackingStatus.OUT_FOR_DELIVERY, "OD", "Out for delivery", "Berlin-Mitte")
        post.event("2026-04-16T12:00:00Z", TrackingStatus.DELIVERED, "DL", "Delivered to the recipient", null)
        shop.setTime(Instant.parse("2026-04-16T13:00:00Z"))
        shop.shipping.refreshShipment(shipment.id)
        val tracked = shop.shipping.get(shipment.id)
        assertEq(ShipmentState.DELIVERED, tracked.state, "delivered")
        val events = tracked.tracking.sortedBy { it.at }
        assertEq(
            listOf(TrackingStatus.PICKED_UP, TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY,
                TrackingStatus.DELIVERY_FAILED, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED),
            events.map { it.status }, "statuses",
        )
        val failed = events[3]
        assertEq(
            TrackingEvent(Instant.parse("2026-04-15T11:00:00Z"), "Nobody home", "NH", TrackingStatus.DELIVERY_FAILED,
                incident = IncidentReason.RECIPIENT_ABSENT, location = "Berlin-Mitte"),
            failed, "failed attempt",
        )
        assertEq("Leipzig hub" to null, events[1].location to events[5].location, "places")
        val steps = shop.orders.timeline(order.id)
        val attempt = steps.single { it.milestone == Milestone.DELIVERY_ATTEMPT_FAILED }
        assertEq(IncidentReason.RECIPIENT_ABSENT to "JJD 0001/A", attempt.incident to attempt.trackingNumber, "attempt")
        assertEq(Milestone.DELIVERED, steps.last().milestone, "last step")
        assertEq(OrderState.DELIVERED, shop.orders.get(order.id).state, "order delivered")
    }
}
