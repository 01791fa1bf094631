// The hand-written base of the generated `Shop`: the store opened through uniffi's `ShopHandle`, use
// cases called by name with JSON, failures raised as `ShopException`, the clock, and the plug-ins.
package dev.vitrina.shop

import dev.vitrina.CourierPlugin
import dev.vitrina.MailerPlugin
import dev.vitrina.OwnFleetHandle
import dev.vitrina.PaymentGatewayPlugin
import dev.vitrina.PluginException
import dev.vitrina.ShopCallException
import dev.vitrina.ShopHandle
import dev.vitrina.ShopPlugins
import dev.vitrina.TestCourierHandle
import dev.vitrina.TestGatewayHandle
import java.time.Duration
import java.time.Instant

/** Runs [body], raising a failure of the core as the [ShopException] of its domain. */
private inline fun <T> raising(body: () -> T): T = try {
    body()
} catch (e: ShopCallException.Failed) {
    throw ShopException.of(e.code, e.field, e.domain, e.detail, e.outcomeUnknown, e.conflict)
}

/** An opened shop as the generated use-case groups call it: by use-case name, with JSON. */
class ShopCore internal constructor(private val handle: ShopHandle) {
    /**
     * Runs the use case [name] (`carts.add_line`) with its named arguments (snake_case, the core's
     * JSON form) and answers its result; a failure is the [ShopException] of its domain.
     */
    suspend fun call(name: String, args: Json.Obj): Json = raising { Json.parse(handle.call(name, args.compact())) }

    /** The shop's time now. */
    fun now(): Instant = Instant.parse(handle.now())

    /** Sets the hand-set clock to [at]; `ShopException.Shop` (`invalid`, field `clock`) on the system clock. */
    fun setTime(at: Instant) = raising { handle.setTime(at.toString()) }

    /** Moves the hand-set clock forward by [by]; `ShopException.Shop` on the system clock. */
    fun advance(by: Duration) = raising { handle.advance(by.toString()) }

    internal companion object {
        suspend fun open(url: String, plugins: Plugins, clockAt: Instant?): ShopCore =
            raising { ShopCore(ShopHandle.open(url, plugins.gathered, clockAt?.toString())) }
    }
}

/**
 * The plug-ins a shop is opened with: a payment gateway per payment method, couriers by name, a
 * mailer and the knowledge-base search index. Each call adds one and answers this object.
 */
class Plugins {
    internal val gathered = ShopPlugins()

    /** Takes payments of [method] through [gateway] (replacing an earlier one). */
    fun gateway(method: PaymentMethod, gateway: PaymentGatewayPlugin): Plugins =
        apply { raising { gathered.gateway(method.json, gateway) } }

    /**
     * Takes payments of [method] through Stripe configured by [config]: `api_key`, optionally
     * `webhook_secrets`, `base_url`, `timeout_seconds` and `max_retries`.
     */
    fun stripeGateway(method: PaymentMethod, config: Json.Obj): Plugins =
        apply { raising { gathered.stripeGateway(method.json, config.compact()) } }

    /** Ships with [courier], under its name. */
    fun courier(courier: CourierPlugin): Plugins = apply { raising { gathered.courier(courier) } }

    /**
     * Ships with Econt Express (name `econt`) configured by [config]: `username`, `password`, `sender`
     * (`name`, `phones`, `office_code`), optionally `base_url` and `timeout_seconds`.
     */
    fun econtCourier(config: Json.Obj): Plugins = apply { raising { gathered.econtCourier(config.compact()) } }

    /** Ships with the shop's own drivers (courier `own-fleet`), [fleet] kept for the drivers' reports. */
    fun ownFleet(fleet: OwnFleet): Plugins = apply { gathered.ownFleet(fleet.handle) }

    /** Ships with the test courier (courier `test`), [courier] kept to move its clock. */
    fun testCourier(courier: TestCourier): Plugins = apply { gathered.testCourier(courier.handle) }

    /** Takes payments of [method] through the magic-card gateway [gateway]. */
    fun testGateway(method: PaymentMethod, gateway: TestGateway): Plugins =
        apply { raising { gathered.testGateway(method.json, gateway.handle) } }

    /** Sends the shop's e-mail through [mailer]. */
    fun mailer(mailer: MailerPlugin): Plugins = apply { gathered.mailer(mailer) }

    /** Searches the knowledge base with tantivy, in memory or in [directory]. */
    fun searchIndex(directory: String? = null): Plugins = apply { raising { gathered.searchIndex(directory) } }
}

/**
 * The shop's own drivers (courier `own-fleet`) configured by [config]: `shop_name`, `zones` (each a
 * `zone` with `id`, `name`, `countries`, optionally `postal_prefixes`, and a `price`, `"3.90 EUR"`),
 * `slots` (`id`, `window` with `start` and `end`, `capacity`), optionally `max_weight_grams`,
 * `slots_offered` and `tracking_prefix`. A bad configuration is `ShopException.Shop` naming the field.
 */
class OwnFleet(config: Json.Obj) {
    internal val handle: OwnFleetHandle = raising { OwnFleetHandle(config.compact()) }

    /**
     * Records a driver's [report] on one parcel (`tracking_number`, `driver_id`, `update`: `picked_up`,
     * `out_for_delivery`, `delivered`, `failed`, `back_at_depot` or `return_to_shop`, optionally
     * `cash_collected` and `reason`, and `at`) and answers the tracking event it became; the shop takes
     * it in with `shipping.refreshShipment`.
     */
    fun driverUpdate(report: Json.Obj): TrackingEvent =
        raising { TrackingEvent.fromJson(Json.parse(handle.driverUpdate(report.compact()))) }
}

/** The test courier (courier `test`): parcels move along as its own clock, starting at [now], advances. */
class TestCourier(now: Instant) {
    internal val handle: TestCourierHandle = raising { TestCourierHandle(now.toString()) }

    /** The courier's clock. */
    fun now(): Instant = Instant.parse(handle.now())

    /** Moves the courier's clock by [by] (back when negative). */
    fun advance(by: Duration) = raising { handle.advance(if (by.isNegative) "-${by.negated()}" else by.toString()) }
}

/** The magic-card gateway (the card number decides the outcome), its webhooks signed with [webhookSecret]. */
class TestGateway(webhookSecret: String) {
    internal val handle = TestGatewayHandle(webhookSecret)
}

private fun unsupported(operation: String): Nothing =
    throw PluginException.Unsupported("$operation is not supported")

/**
 * A base for a payment gateway written in Kotlin: requests arrive and results leave as the core's JSON
 * (`PaymentRequest`, `FollowUpRequest` -> `GatewayResult`); every operation not overridden is
 * unsupported. A decline is a result with status `failed`, not an exception.
 */
abstract class Gateway(private val name: String, private val capabilities: Json.Obj) : PaymentGatewayPlugin {
    override fun name(): String = name
    override fun capabilities(): String = capabilities.compact()
    override suspend fun authorize(request: String): String = unsupported("authorize")
    override suspend fun capture(request: String): String = unsupported("capture")
    override suspend fun purchase(request: String): String = unsupported("purchase")
    override suspend fun void(request: String): String = unsupported("void")
    override suspend fun refund(request: String): String = unsupported("refund")
    override suspend fun verify(request: String): String = unsupported("verify")
    override suspend fun sync(gatewayReference: String): String = throw PluginException.UnknownReference(gatewayReference)
    override suspend fun refundSync(refundReference: String): String =
        throw PluginException.UnknownReference(refundReference)
    override suspend fun completeAction(request: String): String = unsupported("complete_action")
    override suspend fun parseWebhook(webhook: String): String = unsupported("parse_webhook")
}

/**
 * A base for a courier written in Kotlin: requests arrive and answers leave as the core's JSON
 * (`RateRequest` -> `RateQuote`, `ShipmentRequest` -> `CreatedShipment`, tracking numbers ->
 * `TrackingReport`); cancelling, address checks and pickups are unsupported unless overridden.
 */
abstract class Courier(private val name: String, private val capabilities: Json.Obj) : CourierPlugin {
    override fun name(): String = name
    override fun capabilities(): String = capabilities.compact()
    override suspend fun cancelShipment(trackingNumber: String): String = unsupported("cancel_shipment")
    override suspend fun validateAddress(address: String): String = unsupported("validate_address")
    override suspend fun schedulePickup(request: String): String = unsupported("schedule_pickup")
    override suspend fun cancelPickup(pickupId: String): String = unsupported("cancel_pickup")
}
