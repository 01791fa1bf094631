// A whole day of a small shop on SQLite, run through the typed Kotlin `Shop` alone on a hand-set clock:
// the same day as `examples/shop_day.rs`, printing the same report byte for byte.
//
// Morning: the settings, the catalog and its stock, customers. Shoppers then buy with every payment
// method (a card declined then accepted, a bank transfer matched from the afternoon statement after a
// reminder, cash on delivery, store credit, a gift card topped up by card), one abandons checkout,
// parcels go out with the shop's own drivers and the test courier, a support case is answered with a
// canned reply and rated, another waits past its SLA, a return is refunded. Evening: the due work and
// the end-of-day report, which the store computes; charts and CSV files are written beside the store.
//
// Run: `java ... dev.vitrina.examples.ShopDayKt <path/to/shop.db> [repository root]` (the store is
// recreated each run; the catalog and settings are read from `examples/data` under the root, `.` by
// default).
package dev.vitrina.examples

import dev.vitrina.MailerPlugin
import dev.vitrina.shop.*
import java.io.File
import java.io.FileDescriptor
import java.io.FileOutputStream
import java.io.PrintStream
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneId
import kotlinx.coroutines.runBlocking

private val ZONE: ZoneId = ZoneId.of("Europe/Sofia")
private const val EUR: Currency = "EUR"
private const val CARD_SUCCESS = "4242424242424242"
private const val CARD_DECLINED = "4000000000000002"

private fun eur(amount: String) = Money.of(amount, "EUR")

private fun staff(id: String) = Actor.Staff(id)

/** [hour]:[minute] Sofia time on [date]. */
private fun sofiaTime(date: LocalDate, hour: Int, minute: Int = 0): Instant =
    date.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant()

/** A mailer that keeps every message it is given. */
class MemoryMailer : MailerPlugin {
    private val sent = mutableListOf<Json.Obj>()

    /** How many messages it holds. */
    val count: Int get() = synchronized(sent) { sent.size }

    override suspend fun send(message: String): String {
        val email = Json.parse(message).asObject()
        val number = synchronized(sent) {
            sent += email
            sent.size
        }
        return jsonObject("message_id" to email.required("message_id"), "detail" to jsonOf("stored as #$number"))
            .compact()
    }
}

/** A registered customer and where they live. */
data class Person(val id: String, val address: Address)

/** The shop, its hand-set clock, and the couriers whose own clocks follow it. */
class Day(
    val shop: Shop,
    /** Where the store is; the report's charts and CSV files go beside it. */
    val path: File,
    val date: LocalDate,
    val fleet: OwnFleet,
    val carrier: TestCourier,
    val mailer: MemoryMailer,
) {
    /** Sets the clock to [hour]:[minute] Sofia time and says what happens. */
    fun at(hour: Int, minute: Int, what: String): Instant {
        val now = sofiaTime(date, hour, minute)
        carrier.advance(Duration.between(carrier.now(), now))
        shop.setTime(now)
        println("\n%02d:%02d  %s".format(hour, minute, what))
        return now
    }

    /** A driver of the shop's own fleet reports [update] on the parcel of [order], and the shop takes it in. */
    suspend fun driver(order: Order, update: String, cashCollected: Money? = null) {
        val shipment = shop.shipping.shipmentsOf(order.id).lastOrNull() ?: error("no parcel")
        val number = shipment.trackingNumber ?: error("no tracking number")
        fleet.driverUpdate(
            jsonObject(
                "tracking_number" to jsonOf(number), "driver_id" to jsonOf("driver-7"), "update" to jsonOf(update),
                "cash_collected" to cashCollected?.let { jsonOf(it) }, "at" to jsonOf(shop.now()),
            ),
        )
        shop.shipping.refreshShipment(shipment.id)
    }
}

/** One purchase: who, what, how it is delivered and paid. */
data class Purchase(
    val customer: String,
    val items: List<Pair<String, Int>>,
    val pay: PaymentMethod,
    val method: String,
    val slot: String? = null,
    val coupon: String? = null,
    val giftMessage: String? = null,
)

/** Cart, both checkout steps, the price confirmed and the order placed: every step one command. */
suspend fun checkout(shop: Shop, people: Map<String, Person>, buy: Purchase): Order {
    val person = people[buy.customer] ?: error("no such customer")
    val customer = shop.customers.get(person.id)
    val cart = shop.carts.create(EUR, person.id)
    for ((variant, quantity) in buy.items) shop.carts.addLine(cart.id, variant, quantity)
    buy.coupon?.let { shop.carts.applyCoupon(cart.id, it) }
    if (buy.giftMessage != null) shop.carts.giftWrap(cart.id, buy.giftMessage)
    val session = shop.checkout.start(cart.id, customer.email)
    val delivery = DeliveryDetails(
        address = person.address, paymentMethod = buy.pay, shippingMethodId = buy.method, slotId = buy.slot,
    )
    shop.checkout.setDelivery(session.id, delivery)
    val confirmed = shop.checkout.quote(session.id)
    val order = shop.checkout.placeOrder(session.id, confirmed)
    val discounts = confirmed.promotions.map { "${it.name} -${it.amount.toPlainString()}" }
    val applied = if (discounts.isEmpty()) "" else " [${discounts.joinToString("; ")}]"
    println("  ${order.number} placed by ${customer.name}: ${order.total} (${buy.pay.json})$applied")
    return order
}

// ---------------------------------------------------------------------------------------------
// The shop's data: catalog, settings, couriers.
// ---------------------------------------------------------------------------------------------

private fun sofia(street: String, recipient: String, city: String = "Sofia", postalCode: String = "1000") =
    Address(recipient = recipient, line1 = street, city = city, postalCode = postalCode, country = "BG")

/** The shop's own drivers: Sofia, three slots today. */
private fun ownFleet(day: LocalDate): OwnFleet {
    fun slot(id: String, from: Int, to: Int) = jsonObject(
        "id" to jsonOf(id),
        "window" to jsonObject("start" to jsonOf(sofiaTime(day, from)), "end" to jsonOf(sofiaTime(day, to))),
        "capacity" to jsonOf(8),
    )
    val zone = jsonObject(
        "id" to jsonOf("sofia"), "name" to jsonOf("Sofia"), "countries" to jsonOfList(listOf("BG"), ::jsonOf),
        "postal_prefixes" to jsonOfList(listOf("1"), ::jsonOf),
    )
    return OwnFleet(
        jsonObject(
            "shop_name" to jsonOf("Vitrina Demo"),
            "zones" to Json.Arr(listOf(jsonObject("zone" to zone, "price" to jsonOf(eur("3.90"))))),
            "slots" to Json.Arr(listOf(slot("midday", 11, 14), slot("afternoon", 14, 18), slot("evening", 18, 21))),
            "max_weight_grams" to jsonOf(20_000),
            "slots_offered" to jsonOf(3),
            "tracking_prefix" to jsonOf("OF"),
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// The day.
// ---------------------------------------------------------------------------------------------

suspend fun open(day: LocalDate, path: File): Day {
    path.absoluteFile.parentFile?.mkdirs()
    for (suffix in listOf("", "-wal", "-shm")) File("${path.path}$suffix").delete()
    println("store: ${path.path} (SQLite, recreated)")
    val opening = sofiaTime(day, 7)
    val fleet = ownFleet(day)
    val carrier = TestCourier(opening)
    val mailer = MemoryMailer()
    val plugins = Plugins()
        .testGateway(PaymentMethod.CARD, TestGateway("whsec_shop_day"))
        .ownFleet(fleet)
        .testCourier(carrier)
        .mailer(mailer)
    val shop = Shop.open("sqlite:${path.path}", plugins, clockAt = opening)
    return Day(shop, path, day, fleet, carrier, mailer)
}

/** 07:00: settings, catalog and stock, customers (Ana is a VIP who agreed to marketing e-mail). */
suspend fun morning(day: Day, data: File): Map<String, Person> {
    day.at(7, 0, "catalog import, settings, customers")
    val shop = day.shop
    val catalog = CatalogData.fromJson(Json.parse(data.resolve("shop_day_catalog.json").readText()))
    val version = shop.catalog.import(catalog)
    shop.admin.configure(Settings.fromJson(Json.parse(data.resolve("shop_day_settings.json").readText())))
    val promotions = shop.settings().pricing.promotions.size
    println(
        "  catalog v$version: ${catalog.products.size} products, ${catalog.priceLists.size} price lists; " +
            "$promotions promotions",
    )
    val people = listOf(
        listOf("ana", "Ana Petrova", "ana@example.bg", "bg") to sofia("ul. Vitosha 1", "Ana Petrova"),
        listOf("boris", "Boris Ivanov", "boris@example.bg", "en") to sofia("bul. Bulgaria 12", "Boris Ivanov"),
        listOf("chen", "Chen Wei", "chen.wei@example.com", "zh") to sofia("ul. Rakovski 7", "Chen Wei"),
        listOf("dora", "Dora Georgieva", "dora@example.bg", "bg") to
            sofia("ul. Glavna 3", "Dora Georgieva", city = "Plovdiv", postalCode = "4000"),
        listOf("elena", "Elena Smirnova", "elena@example.ru", "ru") to sofia("ul. Shipka 20", "Elena Smirnova"),
    )
    val registered = linkedMapOf<String, Person>()
    for ((who, address) in people) {
        val (key, name, email, locale) = who
        val customer = shop.customers.register(NewCustomer(email = email, name = name, locale = locale))
        registered[key] = Person(customer.id, address)
    }
    val ana = registered.getValue("ana").id
    shop.customers.makeVip(ana)
    shop.customers.grantConsent(ana, ConsentChannel.EMAIL, ConsentSource.ACCOUNT)
    println("  ${registered.size} customers registered (1 VIP with e-mail marketing consent)")
    return registered
}

/** The products in [categoryId] or any category below it, in catalog order. */
private fun Catalog.productsInCategory(categoryId: String): List<Product> {
    val parents = categories.associate { it.id to it.parentId }
    fun within(id: String?): Boolean = id != null && (id == categoryId || within(parents[id]))
    return products.filter { product -> product.categoryIds.any(::within) }
}

/** The printed form of a transfer reference: groups of four (`RF18 5390 0754 7034`). */
private fun formatted(reference: PaymentReference): String = reference.chunked(4).joinToString(" ")

/** A list of strings as Rust's `{:?}` writes it (`["a", "b"]`). */
private fun debugList(items: List<String>): String = items.joinToString(", ", "[", "]") { "\"$it\"" }

/** A support chat about [order] by [customer]. */
private fun chat(customer: String, order: Order, subject: String, text: String, priority: Priority = Priority.NORMAL) =
    NewCase(
        customerId = customer, openedBy = CaseActor.Customer(customer), channel = Channel.CHAT, subject = subject,
        description = text, priority = priority, category = CaseCategory.DELIVERY_PROBLEM, orderId = order.id,
        orderLineIds = emptyList(),
    )

suspend fun theDay(day: Day, people: Map<String, Person>) {
    val shop = day.shop

    day.at(9, 5, "the shop opens: guests browse, Ana pays by card")
    val food = shop.catalog.current().value.productsInCategory("food").map { it.name }
    println("  browsing Food: ${food.joinToString(", ")}")
    for ((variant, quantity) in listOf("candle" to 2, "tote" to 1)) {
        val guest = shop.carts.create(EUR)
        shop.carts.addLine(guest.id, variant, quantity)
    }
    val ana = checkout(
        shop, people,
        Purchase("ana", listOf("tee-m" to 1, "honey" to 2, "linden-tea" to 1), PaymentMethod.CARD, "same-day", "midday"),
    )
    for ((attempt, card) in listOf(CARD_DECLINED, CARD_SUCCESS).withIndex()) {
        val payment = shop.payments.pay(ana.id, card, "${ana.number}:card:$attempt")
        println("    card ...${card.substring(12)}: payment ${payment.state.json}")
    }

    day.at(9, 40, "a bank transfer")
    val boris = checkout(
        shop, people,
        Purchase("boris", listOf("teapot" to 1, "mountain-tea-250g" to 2), PaymentMethod.BANK_TRANSFER, "same-day"),
    )
    val transfer = shop.payments.bankTransfer(boris.id)
    println("    pay ${boris.total} to reference ${formatted(transfer.reference)}")

    day.at(10, 15, "cash on delivery, and a checkout left half-way")
    val chen = checkout(
        shop, people,
        Purchase(
            "chen", listOf("mug-white" to 2, "mountain-tea-100g" to 1, "honey" to 1), PaymentMethod.CASH_ON_DELIVERY,
            "same-day", "afternoon",
        ),
    )
    val filip = shop.carts.create(EUR)
    shop.carts.addLine(filip.id, "blanket", 1)
    shop.checkout.start(filip.id, "filip@example.bg")
    println("  Filip enters his e-mail for a wool blanket and leaves the checkout")

    day.at(10, 50, "store credit")
    val doraId = people.getValue("dora").id
    shop.wallets.deposit(doraId, eur("50.00"), "goodwill: late parcel in March", "credit:dora:march", staff("mila"))
    val dora = checkout(shop, people, Purchase("dora", listOf("apron" to 1, "candle" to 1), PaymentMethod.WALLET, "courier"))
    shop.wallets.payWithWallet(dora.id, "${dora.number}:wallet")
    println("    store credit left: ${shop.wallets.balance(doraId, EUR)}")

    day.at(11, 20, "a gift card and a card, with a coupon and gift wrap")
    val card = shop.wallets.issueGiftCard(eur("20.00"), "gift:elena:mum", Actor.System)
    val present = Purchase(
        "elena", listOf("board" to 1, "rose-jam" to 2), PaymentMethod.GIFT_CARD, "same-day", "afternoon",
        coupon = "WELCOME10", giftMessage = "For Mum, with love from Elena",
    )
    val elena = checkout(shop, people, present)
    shop.wallets.payWithGiftCard(elena.id, card.code, "${elena.number}:gift-card")
    val rest = shop.payments.pay(elena.id, CARD_SUCCESS, "${elena.number}:card")
    println("    gift card took ${eur("20.00")}, card ${rest.captured}")

    day.at(11, 45, "packing")
    for (order in listOf(ana, dora, chen, elena)) {
        val parcel = shop.shipping.ship(order.id, staff("packer"))
        println("  ${order.number} packed: parcel ${parcel.trackingNumber ?: "-"} with ${parcel.courier}")
    }
    day.at(12, 0, "the midday driver leaves; Ana's parcel is delivered at 12:50")
    day.driver(ana, "picked_up")
    day.at(12, 50, "delivered")
    day.driver(ana, "out_for_delivery")
    day.driver(ana, "delivered")

    day.at(13, 30, "support chat")
    val borisId = people.getValue("boris").id
    shop.support.openCase(chat(borisId, boris, "Did my transfer arrive?", "I paid this morning.", Priority.HIGH))
    println("  Boris asks whether his transfer arrived (high priority: an answer due within 4 hours)")

    day.at(14, 5, "the test courier picks up; the afternoon driver leaves")
    val picked = shop.shipping.refreshTracking(shop.now())
    println("  tracking: ${picked.updates.size} parcel(s) moved")
    day.driver(chen, "picked_up")
    day.driver(elena, "picked_up")

    val due = shop.runDue(day.at(15, 0, "due work: unpaid transfers, abandoned checkouts, the outbox"))
    val reminded = debugList(due.reminders.map { it.first })
    println("  reminded: $reminded; followed up: ${due.followUps.size} checkout(s); e-mails sent: ${due.emailsSent}")

    day.at(15, 40, "afternoon deliveries: Chen pays the driver in cash")
    val cash = chen.total
    day.driver(chen, "out_for_delivery")
    shop.payments.recordCashCollected(chen.id, cash, "own-fleet/driver-7", "${chen.number}:cash")
    day.driver(chen, "delivered", cashCollected = cash)
    day.driver(elena, "out_for_delivery")
    day.driver(elena, "delivered")
    println("  ${chen.number}: driver collected $cash, order ${shop.orders.get(chen.id).state.json}")

    day.at(16, 30, "a delivery question answered with a canned reply")
    shop.shipping.refreshTracking(shop.now())
    val question = shop.support.openCase(chat(doraId, dora, "When does my parcel arrive?", "Can I pick it up in Plovdiv?"))
    val parcel = shop.shipping.shipmentsOf(dora.id).lastOrNull() ?: error("no parcel")
    val values = mapOf("name" to "Dora", "parcel" to (parcel.trackingNumber ?: "-"), "order" to dora.number)
    shop.support.replyWithCanned(question.id, "mila", "where-is-my-parcel", values, locale = "en")
    val solved = shop.support.solve(question.id, CaseActor.Agent("mila"))
    val survey = solved.survey ?: error("no survey")
    val answer = shop.support.answerSurvey(survey.id, 5, "Fast and friendly")
    println("  case ${solved.case.state.json}, CSAT ${answer.response?.score ?: 0}/5")

    day.at(17, 45, "the bank statement arrives")
    val written = formatted(transfer.reference).lowercase()
    val line = TransferReceipt(
        bankTransactionId = "DEMO-2026-04-14-0017", receivedOn = day.date, bank = "Demo Bank", amount = boris.total,
        payerName = "BORIS IVANOV", referenceAsWritten = written,
    )
    shop.payments.recordStatement(listOf(line))
    println("  transfer quoting \"$written\": order ${shop.orders.get(boris.id).state.json}")

    day.at(18, 30, "a return: Ana's linen tee is too small")
    val tee = ana.cart.lines.firstOrNull { it.variantId == "tee-m" }?.id ?: error("no tee")
    val asked = RequestedLine(
        lineId = tee, quantity = 1, reason = ReturnReason.CHANGED_MIND, condition = ItemCondition.UNUSED,
        note = "too small",
    )
    val rma = shop.returns.request(ana.id, listOf(asked), Actor.Shopper(people.getValue("ana").id))
    shop.returns.approve(rma.id, staff("mila"))
    shop.returns.awaitParcel(rma.id, Actor.System)
    shop.returns.receive(rma.id, staff("packer"))
    val inspection = Inspection(lines = listOf(InspectedLine(lineId = tee, condition = ItemCondition.UNUSED)))
    shop.returns.inspect(rma.id, inspection, staff("packer"))
    shop.returns.refund(rma.id, staff("mila"), "${rma.id}:refund")
    val closed = shop.returns.close(rma.id, Actor.System)
    println("  return ${closed.state.json}; order ${shop.orders.get(ana.id).state.json}")

    val evening = shop.runDue(day.at(20, 0, "evening: follow-ups and the outbox"))
    println("  followed up: ${evening.followUps.size} checkout(s); e-mails sent: ${evening.emailsSent}")
    for ((caseId, target) in evening.slaEscalations) {
        val escalated = shop.support.get(caseId)
        val queue = escalated.assignment.queue ?: "none"
        println(
            "  SLA ${target.json.replace('_', ' ')} breached on \"${escalated.subject}\": escalated to $queue, " +
                "priority ${escalated.priority.json}",
        )
    }
    println("  memory mailer holds ${day.mailer.count} messages")
    report(day)
    weekLater(day)
}

/**
 * Eight days later: the case solved at 16:30 that nobody reopened within the policy's 7 days is closed
 * by the due work, with no one touching it.
 */
suspend fun weekLater(day: Day) {
    val later = day.date.plusDays(8)
    val now = sofiaTime(later, 9)
    day.shop.setTime(now)
    println("\n$later 09:00  a week later")
    val due = day.shop.runDue(now)
    for (caseId in due.casesClosed) {
        val case = day.shop.support.get(caseId)
        println("  case \"${case.subject}\" ${case.state.json}: solved, not reopened within 7 days")
    }
}

private fun counts(counts: List<Count>) = counts.joinToString(", ") { "${it.key} ${it.count}" }

private fun tallies(tallies: List<Tally>) = tallies.joinToString(", ") { "${it.key} ${it.count}" }

/**
 * The end-of-day report: the store computes the figures (orders by state from the orders' indexed
 * columns, money and products from the sales rollups), and writes charts and CSV files beside it.
 */
suspend fun report(day: Day) {
    val reports = day.shop.reports
    val sales = reports.salesOn(day.date)
    println("\n== end of day report (computed by SQLite) ==")
    println("orders by state: ${counts(sales.byState)}")
    println("orders by payment method: ${counts(sales.byPaymentMethod)}")
    val tomorrow = day.date.plusDays(1)
    for (f in reports.salesReport(day.date, tomorrow, Period.DAY).overall) {
        println(
            "${f.currency}: ${f.orders} orders (${f.cancelled} cancelled), ${f.items} items; subtotal ${f.subtotal}, " +
                "discounts ${f.discounts}, shipping ${f.shipping}, packaging ${f.packaging}, tax ${f.tax}",
        )
        println(
            "  charged ${f.total}, refunded ${f.refunds}, net ${f.net}, collected ${f.collected}, " +
                "average order ${f.averageOrder}",
        )
    }
    val products = reports.products(day.date, tomorrow, EUR, 3)
    val best = products.top.map { "${it.name} (${it.units} sold, ${it.revenue})" }
    println("best sellers: ${best.joinToString("; ")}")
    println(
        "products listed ${products.listed}, sold ${products.sold} (${products.sellThroughPercent.toPlainString()} %), " +
            "units returned ${products.returnedUnits} (${products.returnRatePercent.toPlainString()} % of sold)",
    )
    val funnel = reports.funnel(day.date, tomorrow)
    println(
        "funnel: ${funnel.cartsCreated} carts, ${funnel.checkoutsStarted} checkouts, ${funnel.ordersPlaced} orders, " +
            "${funnel.ordersPaid} paid in full; ${funnel.followedUp} checkout(s) followed up, ${funnel.recovered} recovered",
    )
    for (effect in funnel.promotions) {
        println("  ${effect.name}: ${effect.orders} order(s), ${effect.discount} off, ${effect.revenue} charged")
    }
    val after = reports.afterSales(day.date, tomorrow)
    println(
        "after-sales: returns (${tallies(after.returnsByReason)}); cases opened (${tallies(after.casesOpened)}), " +
            "solved ${after.casesSolved}; first response ${after.firstResponse.compliancePercent.toPlainString()} % " +
            "on time; CSAT ${after.csatAverage.toPlainString()} (${tallies(after.csatScores)})",
    )
    val customers = reports.customers(day.date, tomorrow)
    println(
        "customers: ${customers.firstOrders} first order(s), ${customers.repeatOrders} repeat, " +
            "${customers.guestOrders} guest",
    )
    for (f in customers.figures) {
        println(
            "  ${f.currency}: ${f.customers} customer(s), ${f.newCustomers} new, repeat rate " +
                "${f.repeatRatePercent.toPlainString()} %, lifetime value ${f.lifetimeValue}, VIP ${f.vipCustomers} " +
                "(${f.vipSpentPercent.toPlainString()} % of spend)",
        )
    }
    writeCharts(day, tomorrow)
    for (variant in listOf("honey", "tee-m")) {
        val level = day.shop.catalog.stock(variant) ?: error("untracked")
        println("stock $variant: ${level.onHand} on hand, ${level.reserved} reserved")
    }
    println("open support cases: ${day.shop.support.openCasesBySla().size}")
    val work = day.shop.orders.workList()
    println(
        "work list: ${work.toShip.size} to ship, ${work.transferOverdue.size} transfers overdue, " +
            "${work.cashNotSettled.size} cash not settled",
    )
}

/** [path] with its extension replaced by [extension] (added when it has none), as Rust's `with_extension`. */
private fun withExtension(path: File, extension: String): File {
    val name = path.name
    val dot = name.lastIndexOf('.')
    val stem = if (dot > 0) name.substring(0, dot) else name
    return File(path.parentFile, "$stem.$extension")
}

/**
 * The week up to today as an SVG chart of sales per day, the day's orders by payment method and its
 * funnel, and every report as CSV, written beside the store.
 */
suspend fun writeCharts(day: Day, tomorrow: LocalDate) {
    val reports = day.shop.reports
    val weekAgo = day.date.minusDays(6)
    val folder = withExtension(day.path, "reports")
    folder.mkdirs()
    val files = listOf(
        "sales_per_day.svg" to reports.salesChart(weekAgo, tomorrow, Period.DAY, EUR),
        "payment_methods.svg" to reports.paymentMethodsChart(day.date, tomorrow, EUR),
        "funnel.svg" to reports.funnelChart(day.date, tomorrow),
        "sales.csv" to reports.salesCsv(weekAgo, tomorrow, Period.DAY),
        "products.csv" to reports.productsCsv(day.date, tomorrow, EUR),
        "funnel.csv" to reports.funnelCsv(day.date, tomorrow),
        "customers.csv" to reports.customersCsv(day.date, tomorrow),
        "after_sales.csv" to reports.afterSalesCsv(day.date, tomorrow),
    )
    for ((name, content) in files) folder.resolve(name).writeText(content)
    println("charts and CSV files in ${folder.path}: ${files.joinToString(", ") { it.first }}")
}

fun main(args: Array<String>) {
    System.setOut(PrintStream(FileOutputStream(FileDescriptor.out), true, "UTF-8"))
    val path = File(args.getOrElse(0) { "target/shop_day.db" })
    val data = File(args.getOrElse(1) { "." }).resolve("examples/data")
    runBlocking {
        val day = open(LocalDate.of(2026, 4, 14), path)
        val people = morning(day, data)
        theDay(day, people)
    }
}
