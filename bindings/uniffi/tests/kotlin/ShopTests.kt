// Tests of the typed Shop (`dev.vitrina.shop`, generated from api.json): every use case is reachable,
// failures carry the core's domain, code and field, and a whole shop day runs on SQLite with Kotlin plug-ins.
//
// - coverage: every name of core/use_cases.txt is a method of the generated Shop (found by reflection)
//   or listed in api.json's `excluded`;
// - errors: a class per domain of core/error_codes.txt, and real failures (a missing argument, an
//   unknown cart, quantity 0, a gateway that cannot be reached) with the codes the Rust core gives;
// - a shop day through the generated API, on a SQLite file, with a card gateway, a courier and a mailer
//   written in Kotlin: settings and catalog, a wish list, a customer with consent, a cart with a coupon,
//   the two checkout steps, a declined then accepted card, shipping and delivery, a return refunded, a
//   review replied to, a wallet, a gift card, a bank transfer matched from a statement, a support case
//   with a reply and a CSAT survey, run_due and the day's sales report.
package dev.vitrina.tests

import dev.vitrina.MailerPlugin
import dev.vitrina.PluginException
import dev.vitrina.shop.*
import java.io.File
import java.math.BigDecimal
import java.nio.file.Files
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import kotlinx.coroutines.runBlocking

private val OPENING: Instant = Instant.parse("2026-04-14T07:00:00Z")
private const val GOOD_CARD = "4242424242424242"
private const val DECLINED_CARD = "4000000000000002"
private const val UNREACHABLE_CARD = "4000000000000119"

private fun eur(amount: String) = Money.of(amount, "EUR")

private fun staff(id: String) = Actor.Staff(id)

/** A card gateway written in Kotlin: one magic card is declined, one cannot be reached, others pass. */
class KotlinCards : Gateway(
    "kotlin-cards",
    jsonObject(
        "separate_capture" to jsonOf(true), "partial_capture" to jsonOf(true), "multiple_captures" to jsonOf(false),
        "partial_refund" to jsonOf(true), "void" to jsonOf(true), "verify" to jsonOf(false),
        "actions" to jsonOf(false), "webhooks" to jsonOf(false), "currencies" to Json.Arr(emptyList()),
    ),
) {
    /** Every operation asked for, as `operation amount`. */
    val calls = mutableListOf<String>()
    private var next = 0

    private fun result(operation: String, request: String, status: String, error: String? = null): String {
        val amount = Json.parse(request).asObject().required("amount")
        calls += "$operation ${amount.asString()}"
        next += 1
        return jsonObject(
            "status" to jsonOf(status),
            "gateway_reference" to jsonOf("kc-$next"),
            "amount" to amount,
            "error" to error?.let { jsonOf(it) },
            "message" to error?.let { jsonOf("declined by the Kotlin gateway") },
        ).compact()
    }

    private fun opening(operation: String, request: String, success: String): String =
        when (Json.parse(request).asObject().optional("token")?.asString()) {
            DECLINED_CARD -> result(operation, request, "failed", "card_declined")
            UNREACHABLE_CARD -> throw PluginException.Unavailable("the card network timed out")
            else -> result(operation, request, success)
        }

    override suspend fun purchase(request: String) = opening("purchase", request, "captured")
    override suspend fun authorize(request: String) = opening("authorize", request, "authorized")
    override suspend fun capture(request: String) = result("capture", request, "captured")
    override suspend fun refund(request: String) = result("refund", request, "refunded")
}

/** A courier written in Kotlin: numbers `KP-n`, and the tracking events the test reports. */
class KotlinPost : Courier(
    "kotlin-post",
    jsonObject(
        "cancel" to jsonOf(false), "address_validation" to jsonOf(false), "pickups" to jsonOf(false),
        "cash_on_delivery" to jsonOf(false), "time_slots" to jsonOf(false), "pickup_points" to jsonOf(false),
    ),
) {
    private val events = mutableMapOf<String, MutableList<Json>>()
    private var next = 0

    /** The carrier reports [status] for parcel [number] at [at], with its [incident] and [location] if any. */
    fun report(number: String, status: TrackingStatus, at: Instant, incident: IncidentReason? = null,
        location: String? = null) {
        val event = jsonObject(
            "at" to jsonOf(at), "status" to status.toJson(), "raw_code" to jsonOf(status.json.uppercase()),
            "description" to jsonOf("Kotlin Post: ${status.json}"), "incident" to incident?.toJson(),
            "location" to location?.let { jsonOf(it) },
        )
        events.getOrPut(number) { mutableListOf() } += event
    }

    override suspend fun rates(request: String): String = unsupported()

    override suspend fun createShipment(request: String): String {
        next += 1
        val label = "Kotlin Post parcel ${Json.parse(request).asObject().required("order_number").asString()}"
        return jsonObject(
            "tracking_number" to jsonOf("KP-$next"),
            "label" to jsonObject(
                "content_type" to jsonOf("text/plain; charset=utf-8"),
                "bytes" to jsonOfList(label.toByteArray().toList()) { jsonOf(it.toInt()) },
            ),
            "warnings" to Json.Arr(emptyList()),
        ).compact()
    }

    override suspend fun track(trackingNumbers: List<String>): String = jsonObject(
        "shipments" to jsonOfList(trackingNumbers.filter { it in events }) { number ->
            jsonObject("tracking_number" to jsonOf(number), "events" to Json.Arr(events.getValue(number)))
        },
        "warnings" to Json.Arr(emptyList()),
    ).compact()

    private fun unsupported(): Nothing = throw PluginException.Unsupported("rates: flat price from the settings")
}

/** A mailer written in Kotlin that keeps what it is given. */
class KeptMail : MailerPlugin {
    /** `to: subject` of every message sent. */
    val sent = mutableListOf<String>()

    override suspend fun send(message: String): String {
        val email = Json.parse(message).asObject()
        val to = email.required("to").asList { it.asString() }.joinToString()
        synchronized(sent) { sent += "$to: ${email.required("subject").asString()}" }
        return jsonObject("message_id" to email.required("message_id"), "detail" to jsonOf("kept")).compact()
    }
}

/** The shop's settings: profile and bank, a welcome coupon, one flat-rate courier method. */
fun teaHouseSettings() = Settings(
    profile = ShopProfile(
        info = ShopInfo(name = "Tea House", supportEmail = "help@tea.example.com", url = "https://tea.example.com"),
        sender = "Tea House <orders@tea.example.com>",
        shopId = "tea-house",
        transferWindow = Duration.ofHours(72),
        bank = BankDetails(bankName = "Demo Bank", beneficiary = "Tea House Ltd", bic = "BNBGBGSD",
            iban = "BG80 BNBG 9661 1020 3456 78"),
    ),
    pricing = PricingRules(
        promotions = listOf(
            Promotion(
                action = Action.PercentOff(percent = BigDecimal("10")),
                id = "welcome10",
                name = "Welcome: 10 % off",
                couponCode = "WELCOME10",
                currency = "EUR",
            ),
        ),
        shippingMethods = listOf(
            ShippingMethod(currency = "EUR", id = "courier", name = "Courier",
                rate = ShippingRate.Flat(amount = BigDecimal("4.90"))),
        ),
    ),
    courierForMethod = mapOf("courier" to "kotlin-post"),
    warehouse = Address(city = "Sofia", country = "BG", line1 = "ul. Tsar Simeon 44", postalCode = "1000",
        recipient = "Tea House"),
    staff = mapOf("mila" to "Mila"),
)

fun teaHouseCatalog() = CatalogData(
    products = listOf(
        Product(id = "tea", name = "Green tea", variants = listOf(
            Variant(id = "tea-100g", prices = listOf(Price(BigDecimal("4.50"), "EUR")), stock = 20, weightGrams = 100),
        )),
        Product(id = "honey", name = "Linden honey", variants = listOf(
            Variant(id = "honey-jar", prices = listOf(Price(BigDecimal("8.00"), "EUR")), stock = 10, weightGrams = 400),
        )),
        Product(id = "mug", name = "Mug", variants = listOf(
            Variant(id = "mug-white", prices = listOf(Price(BigDecimal("12.00"), "EUR")), stock = 5, weightGrams = 350),
        )),
    ),
)

private val SOFIA = Address(city = "Sofia", country = "BG", line1 = "ul. Vitosha 1", postalCode = "1000",
    recipient = "Ana Petrova")

/** A shop with the tea-house settings and catalog, its clock standing at [OPENING]. */
suspend fun teaHouse(url: String, plugins: Plugins = Plugins()): Shop {
    val shop = Shop.open(url, plugins, clockAt = OPENING)
    shop.admin.configure(teaHouseSettings())
    shop.catalog.import(teaHouseCatalog())
    return shop
}

/** Cart, both checkout steps, the price confirmed and the order placed, each one generated call. */
suspend fun placeOrder(
    shop: Shop,
    customer: Customer,
    items: List<Pair<String, Int>>,
    pay: PaymentMethod,
    coupon: String? = null,
): Order {
    val cart = shop.carts.create("EUR", customer.id)
    for ((variant, quantity) in items) shop.carts.addLine(cart.id, variant, quantity)
    if (coupon != null) shop.carts.applyCoupon(cart.id, coupon)
    val session = shop.checkout.start(cart.id, customer.email)
    shop.checkout.setDelivery(session.id, DeliveryDetails(SOFIA, pay, "courier"))
    val confirmed = shop.checkout.quote(session.id)
    return shop.checkout.placeOrder(session.id, confirmed)
}

/** The Kotlin name of a use case's method: `add_line` -> `addLine`. */
private fun camel(name: String) = name.split('_').mapIndexed { i, part ->
    if (i == 0) part else part.replaceFirstChar { it.uppercase() }
}.joinToString("")

fun coverageTests(root: File) = test("every use case of core/use_cases.txt is a Shop method or excluded") {
    val api = Json.parse(File(root, "bindings/bridge/api.json").readText()).asObject()
    val excluded = api.required("excluded").asList { it.asObject().required("name").asString() }.toSet()
    val names = File(root, "core/use_cases.txt").readLines().filter { it.isNotBlank() && !it.startsWith("#") }
    val missing = names.filter { it !in excluded }.filterNot { name ->
        val owner = if ('.' in name) {
            val group = name.substringBefore('.')
            Shop::class.java.getMethod("get" + group.replaceFirstChar { it.uppercase() }).returnType
        } else {
            Shop::class.java
        }
        owner.declaredMethods.any { it.name == camel(name.substringAfter('.')) }
    }
    assertEq(emptyList<String>(), missing, "use cases without a method")
    check(names.size > 100) { "only ${names.size} use cases read" }
    check(excluded.all { it in names }) { "excluded names not in the manifest: $excluded" }
}

fun errorClassTests(root: File) = test("every domain of core/error_codes.txt has its ShopException class") {
    val domains = File(root, "core/error_codes.txt").readLines()
        .filter { it.isNotBlank() && !it.startsWith("#") }.map { it.split('\t')[0] }.toSet()
    for (domain in domains) {
        val e = ShopException.of("code", "field", domain, "message", false, false)
        assertEq(domain.replaceFirstChar { it.uppercase() }, e::class.simpleName, "class of $domain")
        assertEq(domain, e.domain, "domain")
    }
    assertEq(domains, ShopException.DOMAINS.toSet(), "domains")
    check(ShopException.of("c", null, "elsewhere", "m", false, false) is ShopException.Other) { "unknown domain" }
    assertEq("zero_quantity", ShopException.Cart.ZERO_QUANTITY, "code constant")
}

fun failureTests() {
    val gateway = KotlinCards()
    val shop = runBlocking { teaHouse("sqlite::memory:", Plugins().gateway(PaymentMethod.CARD, gateway)) }
    test("a missing argument is Shop/invalid naming it") {
        val e = assertThrows<ShopException.Shop> {
            runBlocking { shop.call("carts.add_line", jsonObject("cart_id" to jsonOf("c"), "variant_id" to jsonOf("v"))) }
        }
        assertEq("invalid" to "quantity", e.code to e.field, "code and field")
    }
    test("an unknown cart is not_found") {
        val e = assertThrows<ShopException> { runBlocking { shop.carts.get("no-such-cart") } }
        assertEq("not_found", e.code, "code")
        check(!e.outcomeUnknown && !e.conflict) { "flags of $e" }
    }
    test("quantity 0 is the cart's own refusal, naming the field") {
        val cart = runBlocking { shop.carts.create("EUR") }
        val e = assertThrows<ShopException.Cart> { runBlocking { shop.carts.addLine(cart.id, "tea-100g", 0) } }
        assertEq("zero_quantity" to "quantity", e.code to e.field, "code and field")
    }
    test("an unknown currency is refused naming the argument") {
        val e = assertThrows<ShopException> { runBlocking { shop.carts.create("EURO") } }
        assertEq("currency", e.field, "field")
    }
    test("a gateway that cannot be reached leaves the outcome unknown") {
        val ana = runBlocking { shop.customers.register(NewCustomer("ana@example.com", "en", "Ana Petrova")) }
        val order = runBlocking { placeOrder(shop, ana, listOf("tea-100g" to 1), PaymentMethod.CARD) }
        val e = assertThrows<ShopException> { runBlocking { shop.payments.pay(order.id, UNREACHABLE_CARD, "k-1") } }
        check(e.outcomeUnknown) { "outcome should be unknown: ${e.domain}/${e.code}: ${e.message}" }
        assertEq(listOf<String>(), gateway.calls, "gateway calls that answered")
    }
    test("Econt is configured from JSON; a bad configuration is refused naming the field") {
        val sender = jsonObject("name" to jsonOf("Tea House"))
        val config = jsonObject(
            "username" to jsonOf("shop"), "password" to jsonOf("s3cret-pass"), "sender" to sender,
            "base_url" to jsonOf("http://127.0.0.1:9/services/"),
        )
        val econt = runBlocking { Shop.open("sqlite::memory:", Plugins().econtCourier(config)) }
        check(econt.now() > OPENING) { "opened on the system clock" }
        val e = assertThrows<ShopException.Shop> {
            Plugins().econtCourier(jsonObject("username" to jsonOf("shop"), "sender" to sender))
        }
        assertEq("invalid" to "config", e.code to e.field, "code and field")
        check(!e.message.orEmpty().contains("s3cret")) { "the password shown: ${e.message}" }
    }
    test("Stripe is configured from JSON; a blank key is refused naming the field") {
        val stripe = runBlocking {
            Shop.open("sqlite::memory:", Plugins().stripeGateway(PaymentMethod.CARD, jsonObject("api_key" to jsonOf("sk_test_1"))))
        }
        check(stripe.now() > OPENING) { "opened on the system clock" }
        val e = assertThrows<ShopException.Payment> {
            Plugins().stripeGateway(PaymentMethod.CARD, jsonObject("api_key" to jsonOf(" ")))
        }
        assertEq("config.api_key", e.field, "field")
    }
    test("the system clock is not set by hand") {
        val system = runBlocking { Shop.open("sqlite::memory:") }
        val e = assertThrows<ShopException.Shop> { system.setTime(OPENING) }
        assertEq("invalid" to "clock", e.code to e.field, "code and field")
    }
}

/** The whole day, one step after the other on one SQLite file. */
class ShopDay(private val shop: Shop, private val cards: KotlinCards, private val post: KotlinPost,
    private val mail: KeptMail) {
    private lateinit var ana: Customer
    private lateinit var card: Order

    fun run() {
        step("settings and catalog", ::settingsAndCatalog)
        step("a customer with consent and a wish list", ::customer)
        step("a cart with a coupon, priced", ::cart)
        step("two-step checkout, a declined then an accepted card", ::cardOrder)
        step("shipped with the Kotlin courier and delivered", ::delivery)
        step("a return refunded through the Kotlin gateway", ::returned)
        step("a review replied to", ::review)
        step("store credit and a gift card", ::storedValue)
        step("a bank transfer matched from the statement", ::bankTransfer)
        step("a support case answered and rated", ::support)
        step("run_due sends the e-mails through the Kotlin mailer", ::due)
        step("the day's sales report", ::report)
    }

    private fun step(name: String, body: suspend () -> Unit) = test("shop day: $name") { runBlocking { body() } }

    private suspend fun settingsAndCatalog() {
        val settings = shop.settings()
        assertEq("Tea House", settings.profile.info.name, "shop name")
        assertEq(Duration.ofHours(72), settings.profile.transferWindow, "transfer window")
        assertEq(Duration.ofHours(48), settings.reservationHold, "a default kept")
        assertEq("kotlin-post", settings.courierForMethod["courier"], "courier of the method")
        val catalog = shop.catalog.current()
        assertEq(listOf("tea", "honey", "mug"), catalog.value.products.map { it.id }, "products")
        assertEq(BigDecimal("4.50"), catalog.value.products[0].variants[0].prices[0].amount, "price")
        assertEq(20L, shop.catalog.stock("tea-100g")?.onHand, "stock")
    }

    private suspend fun customer() {
        ana = shop.customers.register(NewCustomer("ana@example.com", "en", "Ana Petrova"))
        ana = shop.customers.grantConsent(ana.id, ConsentChannel.EMAIL, ConsentSource.ACCOUNT)
        val consent = ana.consent.events.single()
        assertEq(ConsentAction.GRANTED to ConsentChannel.EMAIL, consent.action to consent.channel, "consent")
        assertEq(OPENING, consent.at, "consent time")
        val list = shop.customers.createWishList(ana.id, "Later")
        shop.customers.addToWishList(list.id, "mug-white", note = "the white one")
        val kept = shop.customers.wishList(list.id)
        assertEq(listOf("mug-white" to "the white one"), kept.items.map { it.variantId to it.note }, "wish list")
        assertEq(listOf("Later"), shop.customers.wishLists(ana.id).map { it.name }, "lists")
    }

    private suspend fun cart() {
        val cart = shop.carts.create("EUR", ana.id)
        shop.carts.addLine(cart.id, "tea-100g", 2)
        shop.carts.addLine(cart.id, "honey-jar", 1)
        val coupons = shop.carts.applyCoupon(cart.id, "welcome10").coupons
        assertEq(listOf("WELCOME10"), coupons, "coupon")
        val priced = shop.carts.price(cart.id, shippingMethodId = "courier")
        assertEq(BigDecimal("17.00"), priced.totals.subtotal, "subtotal")
        assertEq(BigDecimal("1.70"), priced.totals.discountTotal, "discount")
        assertEq(BigDecimal("4.90"), priced.totals.shippingTotal, "shipping")
        assertEq(BigDecimal("20.20"), priced.totals.grandTotal, "total")
        assertEq(listOf("welcome10"), priced.promotions.map { it.promotionId }, "promotion")
    }

    private suspend fun cardOrder() {
        shop.advance(Duration.ofHours(2))
        card = placeOrder(shop, ana, listOf("tea-100g" to 2, "honey-jar" to 1), PaymentMethod.CARD, "WELCOME10")
        assertEq(eur("20.20"), card.total, "order total")
        assertEq(OrderState.PENDING_PAYMENT, card.state, "placed")
        assertEq(Instant.parse("2026-04-14T09:00:00Z"), card.placedAt, "placed at the shop's time")
        val declined = shop.payments.pay(card.id, DECLINED_CARD, "${card.number}:card:1")
        assertEq(PaymentState.FAILED to GatewayErrorCode.CARD_DECLINED, declined.state to declined.lastError, "declined")
        val paid = shop.payments.pay(card.id, GOOD_CARD, "${card.number}:card:2")
        assertEq(PaymentState.CAPTURED to eur("20.20"), paid.state to paid.captured, "paid")
        assertEq(listOf("purchase 20.20 EUR", "purchase 20.20 EUR"), cards.calls, "gateway calls")
        card = shop.orders.get(card.id)
        assertEq(OrderState.PAID to eur("20.20"), card.state to card.paid, "order paid")
        assertEq(card.id, shop.orders.byNumber(card.number).id, "by number")
    }

    private suspend fun delivery() {
        val parcel = shop.shipping.ship(card.id, staff("packer"))
        assertEq("kotlin-post" to "KP-1", parcel.courier to parcel.trackingNumber, "parcel")
        assertEq("text/plain; charset=utf-8", parcel.label?.contentType, "label")
        assertEq(ShipmentState.LABEL_CREATED, parcel.state, "label created")
        for (status in listOf(TrackingStatus.PICKED_UP, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED)) {
            shop.advance(Duration.ofHours(1))
            post.report("KP-1", status, shop.now())
        }
        val update = shop.shipping.refreshShipment(parcel.id) ?: throw AssertionError("no tracking update")
        val moves = listOf(ShipmentState.PICKED_UP, ShipmentState.OUT_FOR_DELIVERY, ShipmentState.DELIVERED)
        assertEq(moves, update.shipmentMoves, "shipment moves")
        assertEq(OrderState.DELIVERED, shop.orders.get(card.id).state, "order delivered")
        val timeline = shop.orders.timeline(card.id).map { it.milestone }
        check(Milestone.DELIVERED in timeline) { "timeline $timeline" }
    }

    private suspend fun returned() {
        val tea = card.cart.lines.first { it.variantId == "tea-100g" }
        val asked = RequestedLine(ItemCondition.UNUSED, tea.id, 1, ReturnReason.CHANGED_MIND, note = "too much")
        val rma = shop.returns.request(card.id, listOf(asked), Actor.Shopper(ana.id))
        assertEq(ReturnState.REQUESTED, rma.state, "requested")
        shop.returns.approve(rma.id, staff("mila"))
        shop.returns.awaitParcel(rma.id, Actor.System)
        shop.returns.receive(rma.id, staff("packer"))
        shop.returns.inspect(rma.id, Inspection(listOf(InspectedLine(ItemCondition.UNUSED, tea.id))), staff("packer"))
        val refunded = shop.returns.refund(rma.id, staff("mila"), "${rma.id}:refund")
        assertEq(ReturnState.REFUNDED, refunded.state, "refunded")
        // 4.50 less its share of the 10 % coupon.
        assertEq("refund 4.05 EUR", cards.calls.last(), "the Kotlin gateway's refund")
        val payment = shop.payments.ofOrder(card.id).single { it.state != PaymentState.FAILED }
        assertEq(eur("4.05") to PaymentState.PARTIALLY_REFUNDED, payment.refunded to payment.state, "payment")
        assertEq(listOf(refunded.id), shop.returns.ofOrder(card.id).map { it.id }, "returns of the order")
    }

    private suspend fun review() {
        val review = shop.reviews.submit(NewReview(ana.id, "tea", 5, "Fresh and fragrant."))
        assertEq(ReviewState.PENDING, review.state, "pending")
        assertEq(listOf(review.id), shop.reviews.pending("tea").map { it.id }, "moderation queue")
        shop.reviews.approve(review.id, "mila")
        val replied = shop.reviews.reply(review.id, "mila", "Thank you, Ana!")
        assertEq(ReviewState.PUBLISHED to "Thank you, Ana!", replied.state to replied.reply?.body, "reply")
        val product = shop.reviews.ofProduct("tea")
        assertEq(listOf(review.id), product.reviews.map { it.id }, "published reviews")
        // BigDecimal's equals counts the scale: compare the amount.
        assertEq(0, product.summary.average?.compareTo(BigDecimal("5")), "average")
    }

    private suspend fun storedValue() {
        val credit = shop.wallets.deposit(ana.id, eur("30.00"), "goodwill", "credit:ana:1", staff("mila"))
        assertEq(eur("30.00"), credit.balanceAfter, "deposited")
        val byWallet = placeOrder(shop, ana, listOf("honey-jar" to 1), PaymentMethod.WALLET)
        val paid = shop.wallets.payWithWallet(byWallet.id, "${byWallet.number}:wallet")
        assertEq(PaymentState.CAPTURED to eur("12.90"), paid.state to paid.captured, "paid from the wallet")
        assertEq(eur("17.10"), shop.wallets.balance(ana.id, "EUR"), "balance")

        val gift = shop.wallets.issueGiftCard(eur("20.00"), "gift:1", Actor.System)
        val byGift = placeOrder(shop, ana, listOf("mug-white" to 1), PaymentMethod.GIFT_CARD)
        shop.wallets.payWithGiftCard(byGift.id, gift.code, "${byGift.number}:gift")
        assertEq(OrderState.PAID, shop.orders.get(byGift.id).state, "paid by gift card")
        assertEq(eur("3.10"), shop.wallets.giftCard(gift.code).ledger.balance, "gift card left")
    }

    private suspend fun bankTransfer() {
        val order = placeOrder(shop, ana, listOf("tea-100g" to 1), PaymentMethod.BANK_TRANSFER)
        assertEq(OrderState.AWAITING_TRANSFER, order.state, "awaiting the transfer")
        val transfer = shop.payments.bankTransfer(order.id)
        assertEq(eur("9.40"), transfer.amount, "amount to pay")
        val line = TransferReceipt(
            amount = order.total, bank = "Demo Bank", bankTransactionId = "DEMO-0001", payerName = "ANA PETROVA",
            receivedOn = LocalDate.of(2026, 4, 14), referenceAsWritten = transfer.reference.lowercase(),
        )
        val recorded = shop.payments.recordStatement(listOf(line)).single()
        assertEq(order.id to ReceiptOutcome.Paid, recorded.line.orderId to recorded.line.outcome, "matched")
        assertEq(OrderState.PAID, shop.orders.get(order.id).state, "paid by transfer")
        assertEq(emptyList<StatementLine>(), shop.payments.unmatchedStatementLines(), "nothing unmatched")
    }

    private suspend fun support() {
        val case = shop.support.openCase(NewCase(
            category = CaseCategory.DELIVERY_PROBLEM, channel = Channel.CHAT, customerId = ana.id,
            description = "Which courier brings it?", openedBy = CaseActor.Customer(ana.id), orderLineIds = emptyList(),
            priority = Priority.NORMAL, subject = "My parcel", orderId = card.id,
        ))
        val answered = shop.support.reply(case.id, CaseActor.Agent("mila"), "Kotlin Post, parcel KP-1.")
        assertEq(2, answered.messages.size, "messages")
        val solved = shop.support.solve(case.id, CaseActor.Agent("mila"))
        assertEq(CaseState.SOLVED, solved.case.state, "solved")
        val survey = solved.survey ?: throw AssertionError("no survey")
        val rated = shop.support.answerSurvey(survey.id, 5, "Quick answer")
        assertEq(5 to "Quick answer", rated.response?.score to rated.response?.comment, "CSAT")
        assertEq(listOf(case.id), shop.support.casesOfCustomer(ana.id).map { it.id }, "cases of Ana")
    }

    private suspend fun due() {
        shop.advance(Duration.ofHours(1))
        val report = shop.runDue(shop.now())
        check(report.emailsSent > 0) { "no e-mails sent: $report" }
        assertEq(report.emailsSent.toInt(), mail.sent.size, "e-mails the Kotlin mailer got")
        check(mail.sent.all { it.startsWith("Ana Petrova <ana@example.com>: ") }) { "recipients ${mail.sent}" }
        check(mail.sent.any { it.endsWith("Order ${card.number} confirmed – Tea House") }) { "sent ${mail.sent}" }
    }

    private suspend fun report() {
        val sales = shop.reports.salesOn(LocalDate.of(2026, 4, 14))
        val figures = sales.currencies.single()
        assertEq(4L, figures.orders, "orders")
        assertEq(eur("59.40") to eur("14.85"), figures.gross to figures.averageOrder, "gross and average")
        val states = sales.byState.associate { it.key to it.count }
        assertEq(mapOf("delivered" to 1L, "paid" to 3L), states, "orders by state")
    }
}

fun shopDayTests() {
    val file = Files.createTempDirectory("vitrina-shop").resolve("shop.db")
    val (cards, post, mail) = Triple(KotlinCards(), KotlinPost(), KeptMail())
    val plugins = Plugins().gateway(PaymentMethod.CARD, cards).courier(post).mailer(mail)
    val shop = runBlocking { teaHouse("sqlite:$file", plugins) }
    ShopDay(shop, cards, post, mail).run()
    test("the day is stored in the SQLite file") {
        val reopened = runBlocking { Shop.open("sqlite:$file", clockAt = OPENING) }
        assertEq(4, runBlocking { reopened.orders.ofCustomer(shop.customers.byEmail("ana@example.com").id) }.size, "orders")
    }
}

fun shopTests(root: File) {
    coverageTests(root)
    errorClassTests(root)
    failureTests()
    shopDayTests()
    builtInTests()
}

/** The own fleet configured from a Kotlin object, with one slot today. */
private fun fleet(price: String = "3.90 EUR") = OwnFleet(
    jsonObject(
        "shop_name" to jsonOf("Tea House"),
        "zones" to Json.Arr(listOf(jsonObject(
            "zone" to jsonObject("id" to jsonOf("sofia"), "name" to jsonOf("Sofia"), "countries" to Json.Arr(listOf(jsonOf("BG")))),
            "price" to jsonOf(price),
        ))),
        "slots" to Json.Arr(listOf(jsonObject(
            "id" to jsonOf("midday"),
            "window" to jsonObject("start" to jsonOf(OPENING), "end" to jsonOf(OPENING.plus(Duration.ofHours(3)))),
            "capacity" to jsonOf(8),
        ))),
    ),
)

/** The built-ins made by the bridge: the own fleet and its drivers' reports, the test courier's clock. */
fun builtInTests() {
    test("built-ins: an own fleet with a bad configuration is refused naming the field") {
        fleet()
        val e = assertThrows<ShopException> { fleet(price = "3.90") }
        assertEq("invalid" to "config.zones[0].price", e.code to e.field)
    }
    test("built-ins: a driver's report on an unknown parcel or of an unknown kind is refused") {
        val report = { update: String ->
            jsonObject(
                "tracking_number" to jsonOf("OF1"), "driver_id" to jsonOf("d"), "update" to jsonOf(update),
                "at" to jsonOf(OPENING),
            )
        }
        val unknown = assertThrows<ShopException.Shipping> { fleet().driverUpdate(report("picked_up")) }
        assertEq("shipping", unknown.domain)
        val odd = assertThrows<ShopException> { fleet().driverUpdate(report("flew")) }
        assertEq("invalid" to "report.update", odd.code to odd.field)
    }
    test("built-ins: the test courier's clock moves as it is told") {
        val courier = TestCourier(OPENING)
        courier.advance(Duration.ofMinutes(125))
        assertEq(OPENING.plus(Duration.ofMinutes(125)), courier.now())
        courier.advance(Duration.ofMinutes(-5))
        assertEq(OPENING.plus(Duration.ofHours(2)), courier.now())
    }
    test("built-ins: the magic-card gateway and the couriers are taken as plug-ins") {
        Plugins().testGateway(PaymentMethod.CARD, TestGateway("whsec_test")).ownFleet(fleet()).testCourier(TestCourier(OPENING))
    }
}
