// Tests of shipping in an app (run by the plain runner in VitrinaTests.kt): delivery options for an
// address priced by the engine and picked at checkout, with courier estimates and pickup points;
// a shipment's carrier, tracking number and link, estimated window and tracking events; the order
// timeline over shipment objects; refusals.
package dev.vitrina.tests

import dev.vitrina.*
import java.time.Instant

/** Pricing rules with several shipping methods: flat post, express (DE only), a locker free over
 *  30 EUR, one for Bulgaria only and one charged in USD. */
const val SHIPPING_RULES = """{
  "tax": {"rules": [{"region": "DE", "tax_category": null, "rate": "0.20", "name": "VAT"}]},
  "shipping_methods": [
    {"id": "post", "name": "Post", "currency": "EUR", "rate": {"type": "flat", "amount": "4.90"}},
    {"id": "express", "name": "Express", "currency": "EUR", "regions": ["DE"], "rate": {"type": "flat", "amount": "12.00"}},
    {"id": "locker", "name": "Locker", "currency": "EUR", "rate": {"type": "flat", "amount": "2.50"}, "free_over": "30.00"},
    {"id": "bg-only", "name": "Bulgaria", "currency": "EUR", "regions": ["BG"], "rate": {"type": "flat", "amount": "3.00"}},
    {"id": "usd", "name": "US post", "currency": "USD", "rate": {"type": "flat", "amount": "9.00"}}
  ]
}"""

/** The shop's delivery set-up: Berlin (postal codes 10...) gets the own fleet too. */
const val DELIVERY_SETUP = """{
  "zones": [
    {"id": "berlin", "name": "Berlin", "countries": ["DE"], "postal_prefixes": ["10"]},
    {"id": "de", "name": "Germany", "countries": ["DE"]},
    {"id": "bg", "name": "Bulgaria", "countries": ["BG"]}
  ],
  "methods": [
    {"id": "own", "name": "Our drivers", "kind": {"type": "own_courier", "courier": "own-fleet"},
     "zone_ids": ["berlin"], "shipping_method_id": "express", "cash_on_delivery": true},
    {"id": "standard", "name": "Parcel, 2-4 days", "kind": {"type": "carrier", "courier": "test", "service": "standard"},
     "zone_ids": ["berlin", "de"], "shipping_method_id": "post"},
    {"id": "next-day", "name": "Next day", "kind": {"type": "carrier", "courier": "test", "service": "express"},
     "zone_ids": ["berlin", "de"], "shipping_method_id": "express"},
    {"id": "locker", "name": "Parcel locker", "kind": {"type": "pickup_point", "courier": "test", "points": [
       {"id": "P101", "name": "Packstation 101",
        "address": {"recipient": "Packstation 101", "line1": "Alexanderplatz 1", "city": "Berlin",
                    "postal_code": "10178", "country": "DE"}, "opening_hours": "24/7"},
       {"id": "P202", "name": "Packstation 202",
        "address": {"recipient": "Packstation 202", "line1": "Marienplatz 2", "city": "München",
                    "postal_code": "80331", "country": "DE"}}]},
     "shipping_method_id": "locker"},
    {"id": "speedy", "name": "Speedy", "kind": {"type": "carrier", "courier": "speedy", "service": "standard"},
     "zone_ids": ["bg"], "shipping_method_id": "bg-only"},
    {"id": "misconfigured", "name": "Bulgarian rate everywhere", "kind": {"type": "carrier", "courier": "test", "service": "standard"},
     "shipping_method_id": "bg-only"},
    {"id": "dollars", "name": "Charged in USD", "kind": {"type": "carrier", "courier": "test", "service": "standard"},
     "shipping_method_id": "usd"}
  ]
}"""

/** What the couriers quoted, as the server fetched it (core RateQuote JSON). */
const val TEST_COURIER_RATES = """{"options": [
  {"service": "express", "name": "Express", "price": "9.90 EUR",
   "estimated_delivery": {"start": "2026-11-24T08:00:00Z", "end": "2026-11-24T18:00:00Z"}},
  {"service": "standard", "name": "Standard", "price": "3.90 EUR",
   "estimated_delivery": {"start": "2026-11-25T08:00:00Z", "end": "2026-11-27T18:00:00Z"}}
], "warnings": []}"""

const val FLEET_RATES = """{"options": [
  {"service": "slot:2026-11-24-pm", "name": "24 Nov, 14:00-18:00", "price": "0.00 EUR",
   "estimated_delivery": {"start": "2026-11-24T14:00:00Z", "end": "2026-11-24T18:00:00Z"}},
  {"service": "slot:2026-11-24-am", "name": "24 Nov, 08:00-12:00", "price": "0.00 EUR",
   "estimated_delivery": {"start": "2026-11-24T08:00:00Z", "end": "2026-11-24T12:00:00Z"}}
], "warnings": []}"""

val BERLIN = Address(recipient = "Ana Petrova", line1 = "Hauptstr. 1", city = "Berlin", postalCode = "10115", country = "de")
val MUNICH = Address(recipient = "Ana Petrova", line1 = "Leopoldstr. 9", city = "München", postalCode = "80802", country = "DE")

fun window(start: String, end: String) = DeliveryWindow(Instant.parse(start), Instant.parse(end))

/** A shipment labelled with an estimate, scanned at hubs with places, delivered after a failed attempt. */
fun trackedShipmentJson(orderId: String, trackingNumber: String? = "JJD 0001/A"): String {
    val courier = """{"kind":"courier","name":"test"}"""
    fun move(at: String, from: String, to: String) =
        """{"at":"$at","actor":$courier,"from":"$from","to":"$to","note":null}"""
    fun event(at: String, status: String, code: String, text: String, location: String?, incident: String? = null) =
        """{"at":"$at","status":"$status","raw_code":"$code","description":"$text",
            "location":${location?.let { "\"$it\"" } ?: "null"},"incident":${incident?.let { "\"$it\"" } ?: "null"}}"""
    val number = trackingNumber?.let { "\"$it\"" } ?: "null"
    val state = if (trackingNumber == null) "pending" else "delivered"
    val history = if (trackingNumber == null) "" else listOf(
        move("2026-11-23T13:00:00Z", "pending", "label_created"),
        move("2026-11-23T15:00:00Z", "label_created", "picked_up"),
        move("2026-11-24T06:00:00Z", "picked_up", "in_transit"),
        move("2026-11-24T09:00:00Z", "in_transit", "out_for_delivery"),
        move("2026-11-24T11:00:00Z", "out_for_delivery", "delivery_failed"),
        move("2026-11-25T09:30:00Z", "delivery_failed", "out_for_delivery"),
        move("2026-11-25T12:00:00Z", "out_for_delivery", "delivered"),
    ).joinToString(",")
    // Events as the carrier sent them: not in time order.
    val tracking = if (trackingNumber == null) "" else listOf(
        event("2026-11-24T06:00:00Z", "in_transit", "AR", "Arrived at hub", "Leipzig hub"),
        event("2026-11-23T15:00:00Z", "picked_up", "PU", "Picked up", "Berlin depot"),
        event("2026-11-24T09:00:00Z", "out_for_delivery", "OD", "Out for delivery", "Berlin-Mitte"),
        event("2026-11-24T11:00:00Z", "delivery_failed", "NH", "Nobody home", "Berlin-Mitte", "recipient_absent"),
        event("2026-11-25T09:30:00Z", "out_for_delivery", "OD", "Out for delivery", "Berlin-Mitte"),
        event("2026-11-25T12:00:00Z", "delivered", "DL", "Delivered to the recipient", null),
    ).joinToString(",")
    val estimate = if (trackingNumber == null) "" else
        """"estimated_delivery":{"start":"2026-11-24T08:00:00Z","end":"2026-11-24T18:00:00Z"},"""
    return """{"id":"ship-9","order_id":"$orderId","courier":"test","service":"standard",
      "lines":[{"line_id":"l1","variant_id":"tee-m","quantity":2},{"line_id":"l2","variant_id":"mug-v","quantity":1}],
      "packaging":[],"cash_on_delivery":null,"cash_collection":null,"tracking_number":$number,"label":null,
      $estimate "state":"$state","created_at":"2026-11-23T12:30:00Z","planned_by":{"kind":"staff","id":"packer"},
      "history":[$history],"tracking":[$tracking]}"""
}

fun shippingTests() {
    val catalog = Catalog.fromJson(SHOP)
    val pricer = Pricer(catalog, SHIPPING_RULES)
    val setup = DeliveryOptions.fromJson(DELIVERY_SETUP)
    val cart = Cart("EUR", "cust-1")
    cart.addLine(catalog, "tee-m", 2u)
    cart.addLine(catalog, "mug-v")
    val ctx = PricingContext(currency = "EUR", now = NOW, region = "DE")
    val rates = mapOf("test" to TEST_COURIER_RATES, "own-fleet" to FLEET_RATES)

    test("delivery options: the methods serving the address, each priced exactly as the engine prices it") {
        val berlin = setup.forAddress(pricer, cart, ctx, BERLIN)
        assertEq(listOf("own", "standard", "next-day", "locker"), berlin.map { it.methodId })
        for (option in berlin) {
            val priced = pricer.price(cart, ctx.copy(shippingMethodId = option.shippingMethodId))
            assertEq(priced.shipping, option.shipping, "shipping of ${option.methodId}")
            assertEq(priced.totals.grandTotal, option.grandTotal, "total of ${option.methodId}")
            assertEq("EUR", option.currency)
        }
        val standard = berlin[1]
        assertEq("Parcel, 2-4 days", standard.name)
        assertEq(DeliveryKind.Carrier("test", "standard"), standard.kind)
        assertEq(dec("4.90"), standard.shipping.charge)
        val locker = berlin[3]
        assertEq(dec("0.00"), locker.shipping.total, "free over 30 EUR")
        check(locker.grandTotal < standard.grandTotal) { "${locker.grandTotal} >= ${standard.grandTotal}" }
        check(berlin[0].cashOnDelivery && !standard.cashOnDelivery) { "cash on delivery flags" }
        assertEq(listOf<DeliveryEstimate>(), standard.estimates, "no courier rates given")
        // Munich is not in the Berlin zone: no own fleet. The Bulgarian method is for the BG zone,
        // "misconfigured" serves everywhere but its rate is for BG only, "dollars" charges in USD.
        assertEq(listOf("standard", "next-day", "locker"), setup.forAddress(pricer, cart, ctx, MUNICH).map { it.methodId })
        assertEq(
            listOf("own", "standard", "next-day", "locker", "speedy", "misconfigured", "dollars"),
            setup.methodIds(),
        )
    }

    test("delivery options: pickup points to choose from") {
        val kind = setup.forAddress(pricer, cart, ctx, MUNICH).last().kind
        check(kind is DeliveryKind.Pickup) { "$kind" }
        val points = (kind as DeliveryKind.Pickup).points
        assertEq(listOf("P101", "P202"), points.map { it.id })
        assertEq("24/7", points[0].openingHours)
        assertEq(null, points[1].openingHours)
        assertEq("München", points[1].address.city)
        assertEq("test", kind.courier)
    }

    test("delivery options: the couriers' estimates, and ordering cheapest or fastest first") {
        val options = setup.forAddress(pricer, cart, ctx, BERLIN, courierRates = rates)
        val byId = options.associateBy { it.methodId }
        assertEq(
            listOf(DeliveryEstimate("standard", "Standard", window("2026-11-25T08:00:00Z", "2026-11-27T18:00:00Z"))),
            byId["standard"]!!.estimates,
        )
        assertEq(listOf("express"), byId["next-day"]!!.estimates.map { it.service })
        // The own fleet offers slots, soonest first; a pickup point lists every service of its courier.
        assertEq(listOf("slot:2026-11-24-am", "slot:2026-11-24-pm"), byId["own"]!!.estimates.map { it.service })
        assertEq(listOf("express", "standard"), byId["locker"]!!.estimates.map { it.service })
        assertEq(
            listOf("locker", "standard", "own", "next-day"),
            setup.forAddress(pricer, cart, ctx, BERLIN, order = DeliveryOrder.CHEAPEST, courierRates = rates).map { it.methodId },
        )
        assertEq(
            listOf("own", "next-day", "locker", "standard"),
            setup.forAddress(pricer, cart, ctx, BERLIN, order = DeliveryOrder.FASTEST, courierRates = rates).map { it.methodId },
        )
        val withoutEstimates = setup.forAddress(
            pricer, cart, ctx, BERLIN, order = DeliveryOrder.FASTEST, courierRates = mapOf("own-fleet" to FLEET_RATES),
        )
        assertEq("own", withoutEstimates.first().methodId)
        assertEq(listOf("standard", "next-day", "locker"), withoutEstimates.drop(1).map { it.methodId }, "no estimate: last, as configured")
    }

    test("delivery options: the option picked is what checkout charges") {
        val option = setup.forAddress(pricer, cart, ctx, BERLIN).first { it.methodId == "next-day" }
        val session = CheckoutSession.start(cart, ContactDetails("ana@example.de"), at(0))
        session.setDelivery(DeliveryDetails(BERLIN, option.shippingMethodId, PaymentMethod.CARD), at(1))
        val quote = session.quote(pricer, cart, ctx)
        assertEq(option.shipping, quote.priced().shipping)
        assertEq(option.grandTotal, quote.grandTotal())
        val order = session.placeOrder(pricer, cart, ctx, quote, "VT-2026-000300", at(2))
        assertEq(option.grandTotal, order.total())
        assertEq("express", order.delivery().shippingMethodId)
    }

    test("checkout keeps the pickup point, slot and courier service the shopper picked") {
        val session = CheckoutSession.start(cart, ContactDetails("ana@example.de"), at(0))
        val picked = DeliveryDetails(
            BERLIN, "post", PaymentMethod.CARD, pickupPointId = " locker-17 ", slotId = " ", courierService = "economy",
        )
        session.setDelivery(picked, at(1))
        val quote = session.quote(pricer, cart, ctx)
        val order = session.placeOrder(pricer, cart, ctx, quote, "VT-2026-000301", at(2))
        assertEq("locker-17", order.delivery().pickupPointId, "trimmed")
        assertEq(null, order.delivery().slotId, "blank is none")
        assertEq("economy", order.delivery().courierService)
        val tooLong = assertThrows<CheckoutException.InvalidField> {
            CheckoutSession.start(cart, ContactDetails("ana@example.de"), at(3))
                .setDelivery(picked.copy(slotId = "s".repeat(101)), at(4))
        }
        assertEq("delivery.slot_id", tooLong.field)
    }

    test("delivery options: refusals are VitrinaException.Shipping naming the field") {
        val country = assertThrows<VitrinaException.Shipping> {
            setup.forAddress(pricer, cart, ctx, BERLIN.copy(country = "Germany"))
        }
        assertEq("address.country", country.field)
        val quote = assertThrows<VitrinaException.Shipping> {
            setup.forAddress(pricer, cart, ctx, BERLIN, courierRates = mapOf("test" to "{\"options\": 1}"))
        }
        assertEq("courier_rates.test", quote.field)
        assertEq("invalid_input", quote.code)
        val json = assertThrows<VitrinaException.Shipping> { DeliveryOptions.fromJson("{\"zones\": []}") }
        assertEq("delivery_options", json.field)
        val zone = assertThrows<VitrinaException.Shipping> {
            DeliveryOptions.fromJson("""{"zones": [{"id": "a", "name": "A", "countries": ["DE"]},
                {"id": "b", "name": "B", "countries": []}], "methods": []}""")
        }
        assertEq("zones[1].countries", zone.field)
        val currency = assertThrows<VitrinaException.Pricing> {
            setup.forAddress(pricer, cart, ctx.copy(currency = "USD"), BERLIN)
        }
        assertEq("currency_mismatch", currency.code)
        val unknown = DeliveryOptions.fromJson(DELIVERY_SETUP.replace("\"shipping_method_id\": \"post\"", "\"shipping_method_id\": \"gone\""))
        assertEq("unknown_shipping_method", assertThrows<VitrinaException.Pricing> {
            unknown.forAddress(pricer, cart, ctx, MUNICH)
        }.code)
    }

    test("shipment: carrier, tracking number and link, estimated window, lines, state") {
        val shipment = Shipment.fromJson(trackedShipmentJson("order-9"))
        assertEq("ship-9", shipment.id())
        assertEq("order-9", shipment.orderId())
        assertEq("test", shipment.carrier())
        assertEq("standard", shipment.service())
        assertEq("JJD 0001/A", shipment.trackingNumber())
        assertEq(
            "https://track.example.com/?carrier=test&n=JJD%200001%2FA",
            shipment.trackingUrl("https://track.example.com/?carrier=test&n={tracking_number}"),
        )
        assertEq(window("2026-11-24T08:00:00Z", "2026-11-24T18:00:00Z"), shipment.estimatedDelivery())
        assertEq(ShipmentState.DELIVERED, shipment.state())
        check(shipment.isFinal()) { "delivered is final" }
        assertEq(listOf(ShipmentLine("l1", "tee-m", 2u), ShipmentLine("l2", "mug-v", 1u)), shipment.lines())
        assertEq(Instant.parse("2026-11-23T12:30:00Z"), shipment.createdAt())
        assertEq(shipment.toJson(), Shipment.fromJson(shipment.toJson()).toJson())
        val pending = Shipment.fromJson(trackedShipmentJson("order-9", trackingNumber = null))
        assertEq(null, pending.trackingUrl("https://t.example/{tracking_number}"), "no tracking number yet")
        assertEq(null, pending.estimatedDelivery())
        assertEq(null, pending.latestEvent())
        check(!pending.isFinal()) { "pending is not final" }
        val template = assertThrows<VitrinaException.Shipping> { shipment.trackingUrl("https://t.example/") }
        assertEq("template", template.field)
        val bad = assertThrows<VitrinaException.Shipping> { Shipment.fromJson("{\"id\": \"x\"}") }
        assertEq("shipment", bad.field)
    }

    test("shipment: tracking events with time, place and description, oldest first") {
        val events = Shipment.fromJson(trackedShipmentJson("order-9")).trackingEvents()
        assertEq(
            listOf(
                TrackingStatus.PICKED_UP, TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY,
                TrackingStatus.DELIVERY_FAILED, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED,
            ),
            events.map { it.status },
        )
        assertEq(events.sortedBy { it.at }, events)
        val failed = events[3]
        assertEq(
            TrackingEvent(
                Instant.parse("2026-11-24T11:00:00Z"), "2026-11-24T11:00:00Z", TrackingStatus.DELIVERY_FAILED,
                "Nobody home", "Berlin-Mitte", "recipient_absent", "NH",
            ),
            failed,
        )
        assertEq("Leipzig hub", events[1].location)
        assertEq(null, events[5].location)
        assertEq("Delivered to the recipient", Shipment.fromJson(trackedShipmentJson("order-9")).latestEvent()!!.description)
    }

    test("order timeline over shipment objects, same as over their JSON") {
        val (cart2, session) = readyCheckout(catalog)
        val order = session.placeOrder(Pricer(catalog, RULES), cart2, context(), session.quote(Pricer(catalog, RULES), cart2, context()), "VT-2026-000301", at(2))
        val json = trackedShipmentJson(order.id())
        val steps = order.timelineOf(listOf(Shipment.fromJson(json), Shipment.fromJson(trackedShipmentJson("other"))))
        assertEq(order.timeline(listOf(json)), steps)
        assertEq(
            listOf(
                Milestone.ORDER_PLACED, Milestone.PACKED, Milestone.IN_TRANSIT, Milestone.OUT_FOR_DELIVERY,
                Milestone.DELIVERY_ATTEMPT_FAILED, Milestone.OUT_FOR_DELIVERY, Milestone.DELIVERED,
            ),
            steps.map { it.milestone },
        )
        assertEq("recipient_absent", steps.first { it.milestone == Milestone.DELIVERY_ATTEMPT_FAILED }.incident)
        check(steps.drop(1).all { it.trackingNumber == "JJD 0001/A" }) { "$steps" }
    }
}
