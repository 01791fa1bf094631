// Tests of the Kotlin binding on the JVM (no JUnit: a plain runner that prints `N passed, N failed`
// and exits non-zero on failure). Usage: VitrinaTestsKt <repo root>.
//
// - conformance: every vector of tests/vectors/pricing through `priceJson`, byte for byte (error
//   vectors: `expected_error` in the message of a `VitrinaException.Pricing`), and again through
//   Catalog / Pricer / Cart / PricingContext objects;
// - catalog browsing, cart edits and a cart + pricing round trip with BigDecimal amounts;
// - error mapping onto the sealed `VitrinaException` subclasses;
// - a wallet plug-in written in Kotlin (`MobileWallet`, a suspend fun) driven by `authorizeWithWallet`;
// - browsing the knowledge base: AppTests.kt;
// - checkout, orders and their tracking timeline through the Shop: ShopCheckoutTests.kt;
// - delivery options, shipments and their tracking events through the Shop: ShopShippingTests.kt;
// - FAQ search on the device (`FaqSearch`, suspend functions): SearchTests.kt;
// - support cases, the customer's view and requests with SLA targets, CSAT surveys through the Shop:
//   ShopSupportTests.kt;
// - the typed Shop generated from api.json, with plug-ins written in Kotlin: ShopTests.kt.
package dev.vitrina.tests

import dev.vitrina.*
import dev.vitrina.shop.Json
import java.io.File
import java.math.BigDecimal
import java.time.Instant
import kotlin.system.exitProcess
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking

private var passed = 0
private var failed = 0

internal fun test(name: String, body: () -> Unit) {
    try {
        body()
        passed++
    } catch (e: Throwable) {
        failed++
        println("FAIL $name: $e")
    }
}

internal fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

internal fun <T> assertEq(expected: T, actual: T, what: String = "value") {
    check(expected == actual) { "$what: expected <$expected>, got <$actual>" }
}

internal inline fun <reified E : Throwable> assertThrows(body: () -> Unit): E {
    try {
        body()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName}, got $e")
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
}

internal fun dec(text: String) = BigDecimal(text)

val NOW: Instant = Instant.parse("2026-11-23T12:00:00Z")

const val SHOP = """{
  "categories": [
    {"id": "clothing", "name": "Clothing"},
    {"id": "tees", "name": "T-shirts", "parent_id": "clothing"},
    {"id": "home", "name": "Home"}
  ],
  "products": [
    {"id": "tee", "name": "Tee", "category_ids": ["tees"],
     "options": [{"name": "size", "values": ["M", "L"]}],
     "variants": [
       {"id": "tee-m", "options": {"size": "M"}, "stock": 5,
        "prices": [{"currency": "EUR", "amount": "20.00", "min_quantity": 1},
                   {"currency": "EUR", "amount": "18.00", "min_quantity": 10}]},
       {"id": "tee-l", "options": {"size": "L"}, "stock": 0, "backorder": true,
        "prices": [{"currency": "EUR", "amount": "20.00", "min_quantity": 1}]}
     ]},
    {"id": "mug", "name": "Mug", "category_ids": ["home"], "featured": true,
     "variants": [{"id": "mug-v", "sku": "MUG-1", "weight_grams": 350,
                   "prices": [{"currency": "EUR", "amount": "8.50", "min_quantity": 1}]}]},
    {"id": "poster", "name": "Poster", "category_ids": ["home"],
     "variants": [{"id": "poster-v", "stock": 0,
                   "prices": [{"currency": "EUR", "amount": "15.00", "min_quantity": 1}]}]},
    {"id": "bike", "name": "Bike", "featured": true,
     "options": [{"name": "frame", "values": ["steel", "carbon"]},
                 {"name": "size", "values": ["S", "M", "L"]},
                 {"name": "colour", "values": ["red", "black"]}],
     "option_rules": [{"when_option": "frame", "when_value": "carbon",
                       "then_option": "size", "allowed_values": ["M", "L"]}],
     "variants": [
       {"id": "bike-steel-M-red", "options": {"frame": "steel", "size": "M", "colour": "red"}, "weight_grams": 9000,
        "prices": [{"currency": "EUR", "amount": "600.00", "min_quantity": 1}]},
       {"id": "bike-steel-L-red", "options": {"frame": "steel", "size": "L", "colour": "red"}, "weight_grams": 9000,
        "prices": [{"currency": "EUR", "amount": "600.00", "min_quantity": 1}]},
       {"id": "bike-carbon-S-black", "options": {"frame": "carbon", "size": "S", "colour": "black"}, "weight_grams": 9000,
        "prices": [{"currency": "EUR", "amount": "1200.00", "min_quantity": 1}]},
       {"id": "bike-carbon-M-black", "options": {"frame": "carbon", "size": "M", "colour": "black"}, "weight_grams": 9000,
        "prices": [{"currency": "EUR", "amount": "1200.00", "min_quantity": 1}]},
       {"id": "bike-carbon-L-black", "options": {"frame": "carbon", "size": "L", "colour": "black"}, "weight_grams": 9000,
        "prices": [{"currency": "EUR", "amount": "1200.00", "min_quantity": 1}]}
     ]}
  ],
  "price_lists": []
}"""

const val RULES = """{
  "promotions": [
    {"id": "welcome", "name": "Welcome 10 %", "coupon_code": "WELCOME10",
     "action": {"type": "percent_off", "percent": "10", "target": {}}}
  ],
  "tax": {"rules": [{"region": "DE", "tax_category": null, "rate": "0.20", "name": "VAT"}]},
  "shipping_methods": [
    {"id": "post", "name": "Post", "currency": "EUR", "rate": {"type": "flat", "amount": "4.90"}}
  ]
}"""

fun context() = PricingContext(currency = "EUR", now = NOW, region = "DE", shippingMethodId = "post")

fun vectorTests(root: File) {
    val files = File(root, "tests/vectors/pricing").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
    test("vectors are present") { check(files.size >= 45) { "only ${files.size} vectors" } }
    for (file in files) {
        val vector = Json.parse(file.readText(Charsets.UTF_8)) as Json.Obj
        val input = vector["input"] as Json.Obj
        val expectedError = (vector["expected_error"] as Json.Str?)?.value
        val expected = vector["expected"]?.compact()

        test("vector ${file.name} through priceJson") {
            if (expectedError != null) {
                // The domain of the core that refused: pricing, or the catalog or money it wraps.
                val e = assertThrows<VitrinaException> { priceJson(input.compact()) }
                check(e is VitrinaException.Pricing || e is VitrinaException.Catalog || e is VitrinaException.Money) { "$e" }
                check(e.message!!.contains(expectedError)) { "message <${e.message}> lacks <$expectedError>" }
            } else {
                val output = priceJson(input.compact())
                check(output == expected) { "bytes differ:\n  expected $expected\n  got      $output" }
            }
        }

        test("vector ${file.name} through objects") {
            val price = {
                val catalog = Catalog.fromJson(input["catalog"]!!.compact())
                val pricer = Pricer(catalog, input["rules"]?.compact())
                val cart = Cart.fromJson(input["cart"]!!.compact())
                val context = pricingContextFromJson(input["context"]!!.compact())
                pricer.priceToJson(cart, context)
            }
            if (expectedError != null) {
                val e = assertThrows<VitrinaException> { price() }
                check(e.message!!.contains(expectedError)) { "message <${e.message}> lacks <$expectedError>" }
            } else {
                assertEq(expected, price(), "bytes")
            }
        }
    }
}

fun catalogTests() {
    val catalog = Catalog.fromJson(SHOP)

    test("catalog lookups") {
        assertEq(listOf("tee", "mug", "poster", "bike"), catalog.products().map { it.id })
        assertEq("Mug", catalog.product("mug")!!.name)
        assertEq(null, catalog.product("nope"))
        val match = catalog.variant("tee-m")!!
        assertEq("tee", match.product.id)
        assertEq(mapOf("size" to "M"), match.variant.options)
        assertEq(5u, match.variant.stock)
        assertEq(Price("EUR", dec("18.00"), 10u), match.variant.prices[1])
        assertEq(null, catalog.variant("nope"))
        assertEq("clothing", catalog.category("tees")!!.parentId)
        assertEq(listOf("EUR"), catalog.currenciesOf("mug-v"))
    }

    test("featured products and categories") {
        assertEq(listOf("mug", "bike"), catalog.featured().map { it.id })
        assertEq(listOf("tee"), catalog.productsInCategory("clothing").map { it.id })
        assertEq(listOf("mug", "poster"), catalog.productsInCategory("home").map { it.id })
        assertEq(listOf("clothing", "home"), catalog.childCategories(null).map { it.id })
        assertEq(listOf("tees"), catalog.childCategories("clothing").map { it.id })
        assertEq(setOf("tees", "clothing"), catalog.categoryClosure("tee").toSet())
    }

    test("offered values of a configurable product") {
        assertEq(OfferedValues("frame", listOf("steel", "carbon")), catalog.offeredValues("bike", listOf()))
        val carbon = listOf(OptionChoice("frame", "carbon"))
        assertEq(OfferedValues("size", listOf("M", "L")), catalog.offeredValues("bike", carbon))
        val chosen = carbon + OptionChoice("size", "L") + OptionChoice("colour", "black")
        assertEq(null, catalog.offeredValues("bike", chosen))
        assertEq("bike-carbon-L-black", catalog.resolveVariant("bike", chosen).id)
    }

    test("availability and tiered base prices") {
        assertEq(Availability.LowStock(5u), catalog.availability("tee-m", 5u))
        assertEq(Availability.InStock, catalog.availability("tee-m", 2u))
        assertEq(Availability.Backorder, catalog.availability("tee-l", 5u))
        assertEq(Availability.OutOfStock, catalog.availability("poster-v", 5u))
        assertEq(dec("20.00"), catalog.basePrice("tee-m", "EUR", 9u)!!.amount)
        assertEq(dec("18.00"), catalog.basePrice("tee-m", "EUR", 10u)!!.amount)
        assertEq(null, catalog.basePrice("tee-m", "USD", 1u))
    }
}

fun cartAndPricingTests() {
    val catalog = Catalog.fromJson(SHOP)
    val pricer = Pricer(catalog, RULES)

    test("cart + pricing round trip with BigDecimal amounts") {
        val cart = Cart("EUR", "cust-1")
        val teeLine = cart.addLine(catalog, "tee-m", 2u, dec("19.00"))
        cart.addLine(catalog, "mug-v")
        assertEq("WELCOME10", cart.applyCoupon("welcome10"))
        cart.applyCoupon("NOPE")
        assertEq(listOf("WELCOME10", "NOPE"), cart.coupons())
        assertEq(dec("19.00"), cart.line(teeLine)!!.unitPriceAtAdd)

        val priced = pricer.price(cart, context())
        assertEq(cart.id(), priced.cartId)
        assertEq("EUR", priced.currency)
        val (tee, mug) = priced.lines
        assertEq("tee", tee.productId)
        check(tee.priceChanged) { "tee price_changed" }
        assertEq(
            listOf(dec("20.00"), dec("40.00"), dec("4.00"), dec("0.20"), dec("7.20"), dec("43.20")),
            listOf(tee.unitPrice, tee.subtotal, tee.discount, tee.taxRate, tee.tax, tee.total),
            "tee amounts",
        )
        check(!mug.priceChanged && !mug.gift) { "mug flags" }
        assertEq(dec("0.85"), mug.discount)
        val promotion = priced.promotions.single()
        assertEq("WELCOME10", promotion.code)
        assertEq(dec("4.85"), promotion.amount)
        assertEq(listOf(LineShare(0u, dec("4.00")), LineShare(1u, dec("0.85"))), promotion.lines)
        assertEq(listOf(RejectedCoupon("NOPE", "not_found")), priced.rejectedCoupons)
        val shipping = priced.shipping!!
        assertEq(listOf(dec("4.90"), dec("5.88")), listOf(shipping.charge, shipping.total))
        assertEq(dec("48.50"), priced.totals.subtotal)
        assertEq(dec("4.85"), priced.totals.discountTotal)
        assertEq(priced.lines.fold(shipping.total) { sum, line -> sum + line.total }, priced.totals.grandTotal)
        for (amount in listOf(priced.totals.subtotal, priced.totals.taxTotal, priced.totals.grandTotal)) {
            assertEq(2, amount.scale(), "scale of $amount")
        }

        // The same cart, priced through JSON, gives the same figures (server and app agree).
        val input = """{"catalog":$SHOP,"rules":$RULES,"context":{"currency":"EUR","now":"2026-11-23T12:00:00Z",""" +
            """"region":"DE","shipping_method_id":"post"},"cart":${cart.toJson()}}"""
        assertEq(priceJson(input), pricer.priceToJson(cart, context()), "JSON")
        assertEq(priced, pricer.price(Cart.fromJson(cart.toJson()), context()), "priced copy")
    }

    test("cart edits") {
        val cart = Cart("EUR")
        assertEq(null, cart.customerId())
        val line = cart.addLine(catalog, "mug-v", 1u)
        assertEq(line, cart.addLine(catalog, "mug-v", 2u))
        assertEq(3uL, cart.quantityOf("mug-v"))
        cart.updateQuantity(catalog, line, 5u)
        assertEq(5u, cart.line(line)!!.quantity)
        val copy = cart.copy()
        assertEq(5u, cart.removeLine(line).quantity)
        assertEq(0, cart.lines().size)
        assertEq(1, copy.lines().size)
        cart.applyCoupon("welcome10")
        cart.removeCoupon("Welcome10")
        assertEq(listOf<String>(), cart.coupons())
        cart.setNote("leave at the door")
        assertEq("leave at the door", Cart.fromJson(cart.toJson()).note())
    }

    test("pricing without a shipping method or time") {
        val cart = Cart("EUR")
        cart.addLine(catalog, "mug-v", 2u)
        val priced = pricer.price(cart, PricingContext(currency = "EUR"))
        assertEq(null, priced.shipping)
        assertEq(dec("17.00"), priced.totals.grandTotal)
    }

    test("gift wrap is priced from the store's packaging options; one not offered is refused") {
        val wrapping = Pricer(catalog, RULES.replace(
            "\"shipping_methods\"",
            "\"packaging\": [{\"kind\": \"gift_wrap\", \"name\": \"Gift wrap\", \"price\": \"3.50 EUR\"}],\n  \"shipping_methods\"",
        ))
        val cart = Cart("EUR")
        cart.addLine(catalog, "mug-v", 2u)
        cart.setGiftWrap(" For Ana ")
        assertEq(true, cart.isGiftWrapped())
        assertEq("For Ana", Cart.fromJson(cart.toJson()).giftMessage())
        // DE 20 % on everything, prices without tax: mugs 17.00 + 3.40; post 4.90 + 0.98; wrap 3.50 + 0.70.
        val priced = wrapping.price(cart, context())
        assertEq(listOf(PricedPackaging("gift_wrap", "Gift wrap", dec("3.50"), dec("0.20"), dec("0.70"), dec("4.20"))), priced.packaging)
        assertEq(dec("3.50"), priced.totals.packagingTotal)
        assertEq(dec("5.08"), priced.totals.taxTotal)
        assertEq(dec("30.48"), priced.totals.grandTotal)
        cart.setDiscreetPackaging(true)
        val refused = assertThrows<VitrinaException.Pricing> { wrapping.price(cart, context()) }
        assertEq("packaging_unavailable", refused.code)
        assertEq("cart.discreet_packaging", refused.field)
        cart.setDiscreetPackaging(false)
        cart.removeGiftWrap()
        assertEq(listOf<PricedPackaging>(), wrapping.price(cart, context()).packaging)
        assertEq(dec("0"), wrapping.price(cart, context()).totals.packagingTotal.stripTrailingZeros())
    }
}

fun errorTests() {
    val catalog = Catalog.fromJson(SHOP)
    val pricer = Pricer(catalog, RULES)

    test("cart errors are VitrinaException.Cart naming the field") {
        val cart = Cart("EUR")
        val unknown = assertThrows<VitrinaException.Cart> { cart.addLine(catalog, "nope", 1u) }
        assertEq("unknown_variant", unknown.code)
        check(unknown.field != null && unknown.message!!.contains(unknown.field!!)) { unknown.message!! }
        val zero = assertThrows<VitrinaException.Cart> { cart.addLine(catalog, "mug-v", 0u) }
        assertEq("zero_quantity", zero.code)
        val stock = assertThrows<VitrinaException.Cart> { cart.addLine(catalog, "tee-m", 6u) }
        assertEq("insufficient_stock", stock.code)
        assertEq(0, cart.lines().size, "lines after refused edits")
        val coupon = assertThrows<VitrinaException.Cart> { cart.applyCoupon("no spaces!") }
        assertEq("invalid_coupon", coupon.code)
        assertEq("coupons", coupon.field)
    }

    test("money, catalog and configuration errors") {
        val money = assertThrows<VitrinaException.Money> { Cart("XYZ") }
        assertEq("unknown_currency", money.code)
        assertEq("currency", money.field)
        val json = assertThrows<VitrinaException.Shop> { Catalog.fromJson("{") }
        assertEq("invalid" to "catalog", json.code to json.field, "undecodable JSON")
        val duplicate = SHOP.replace("\"id\": \"poster\"", "\"id\": \"mug\"")
        val dup = assertThrows<VitrinaException.Catalog> { Catalog.fromJson(duplicate) }
        assertEq("duplicate_id", dup.code)
        check(dup.detail.startsWith(dup.field!!)) { dup.detail }
        val config = assertThrows<VitrinaException.Catalog> {
            catalog.resolveVariant("bike", listOf(OptionChoice("frame", "carbon")))
        }
        assertEq("incomplete", config.code)
        assertEq("unknown_reference", assertThrows<VitrinaException.Catalog> { catalog.offeredValues("nope", listOf()) }.code)
    }

    test("pricing errors and exhaustive matching on the sealed class") {
        val usd = assertThrows<VitrinaException.Pricing> {
            pricer.price(Cart("EUR"), PricingContext(currency = "USD", now = NOW))
        }
        assertEq("currency_mismatch", usd.code)
        assertEq("cart.currency", usd.field)
        val input = assertThrows<VitrinaException.Pricing> { priceJson("not json") }
        assertEq("invalid_input", input.code)
        val rules = assertThrows<VitrinaException.Shop> { Pricer(catalog, "{\"promotions\": 3}") }
        assertEq("rules", rules.field)
        val e: VitrinaException = usd
        val module = when (e) {
            is VitrinaException.Money -> "money"
            is VitrinaException.Catalog -> "catalog"
            is VitrinaException.Cart -> "cart"
            is VitrinaException.Pricing -> "pricing"
            is VitrinaException.Knowledge -> "knowledge"
            is VitrinaException.Shop -> "shop"
            is VitrinaException.Other -> e.domain
        }
        assertEq("pricing", module)
    }
}

/** A wallet written in Kotlin: answers after a real suspension, echoing what it was asked. */
class TestWallet(private val echo: (BigDecimal, String) -> Pair<BigDecimal, String> = { a, c -> a to c }) : MobileWallet {
    val calls = mutableListOf<String>()

    override fun name() = "kotlin_pay"

    override suspend fun authorize(amount: BigDecimal, currency: String, reference: String): WalletResult {
        delay(5)
        calls.add("$reference $amount $currency")
        if (reference == "offline") throw WalletException.Unavailable("no network")
        val (echoAmount, echoCurrency) = echo(amount, currency)
        val status = if (reference == "declined") WalletStatus.DECLINED else WalletStatus.AUTHORIZED
        return WalletResult(status, "kp_$reference", echoAmount, echoCurrency, "ok from kotlin")
    }
}

fun walletTests() {
    test("a Kotlin wallet authorizes through Rust") {
        val wallet = TestWallet()
        val auth = runBlocking { authorizeWithWallet(wallet, dec("12.50"), "EUR", "order-1") }
        assertEq(
            WalletAuthorization("kotlin_pay", WalletStatus.AUTHORIZED, "kp_order-1", dec("12.50"), "EUR", "ok from kotlin"),
            auth,
        )
        assertEq(listOf("order-1 12.50 EUR"), wallet.calls)
        val yen = runBlocking { authorizeWithWallet(wallet, dec("500"), "JPY", "order-2") }
        assertEq(dec("500"), yen.amount)
    }

    test("a decline is a result, not an exception") {
        val auth = runBlocking { authorizeWithWallet(TestWallet(), dec("3.00"), "EUR", "declined") }
        assertEq(WalletStatus.DECLINED, auth.status)
    }

    test("a mismatched echo is WalletException.AmountMismatch") {
        val extraCent = TestWallet { a, c -> (a + dec("0.01")) to c }
        val e = assertThrows<WalletException.AmountMismatch> {
            runBlocking { authorizeWithWallet(extraCent, dec("12.50"), "EUR", "order-3") }
        }
        assertEq("12.50 EUR", e.expected)
        assertEq("12.51 EUR", e.echoed)
        check(e.detail.contains("authorize")) { e.detail }
        val otherCurrency = TestWallet { a, _ -> a to "USD" }
        val c = assertThrows<WalletException.AmountMismatch> {
            runBlocking { authorizeWithWallet(otherCurrency, dec("12.50"), "EUR", "order-4") }
        }
        assertEq("12.50 USD", c.echoed)
    }

    test("bad requests never reach the wallet; wallet exceptions come back typed") {
        val wallet = TestWallet()
        val precision = assertThrows<WalletException.InvalidRequest> {
            runBlocking { authorizeWithWallet(wallet, dec("12.345"), "EUR", "order-5") }
        }
        assertEq("amount", precision.field)
        val zero = assertThrows<WalletException.InvalidRequest> {
            runBlocking { authorizeWithWallet(wallet, dec("0.00"), "EUR", "order-6") }
        }
        assertEq("amount", zero.field)
        val currency = assertThrows<WalletException.InvalidRequest> {
            runBlocking { authorizeWithWallet(wallet, dec("1.00"), "EURO", "order-7") }
        }
        assertEq("currency", currency.field)
        assertEq(listOf<String>(), wallet.calls)
        val offline = assertThrows<WalletException.Unavailable> {
            runBlocking { authorizeWithWallet(wallet, dec("1.00"), "EUR", "offline") }
        }
        assertEq("no network", offline.detail)
    }
}

/** The (domain, code) rows of core/error_codes.txt. */
fun coreErrorCodes(root: File): Set<Pair<String, String>> = File(root, "core/error_codes.txt").readLines()
    .filter { it.isNotBlank() && !it.startsWith("#") }.map { it.split('\t').let { row -> row[0] to row[1] } }.toSet()

/** The domain a [VitrinaException] reports: its subclass, or [VitrinaException.Other.domain]. */
fun domainOf(e: VitrinaException): String =
    if (e is VitrinaException.Other) e.domain else e::class.simpleName!!.lowercase()

fun errorCodeTests(root: File) {
    val codes = coreErrorCodes(root)
    test("every VitrinaException subclass is a domain of core/error_codes.txt") {
        val domains = codes.map { it.first }.toSet()
        val subclasses = VitrinaException::class.java.declaredClasses
            .filter { VitrinaException::class.java.isAssignableFrom(it) }.map { it.simpleName.lowercase() }
        check(subclasses.size >= 7) { "subclasses $subclasses" }
        assertEq(emptyList<String>(), subclasses.filter { it != "other" && it !in domains }, "unknown domains")
    }
    test("failures of the native objects carry a (domain, code) of core/error_codes.txt") {
        val catalog = Catalog.fromJson(SHOP)
        val failures = listOf<() -> Unit>(
            { Cart("EUR").addLine(catalog, "mug-v", 0u) },
            { Cart("XYZ") },
            { Catalog.fromJson(SHOP.replace("\"id\": \"poster\"", "\"id\": \"mug\"")) },
            { catalog.resolveVariant("bike", listOf(OptionChoice("frame", "carbon"))) },
            { Pricer(catalog, RULES).price(Cart("EUR"), PricingContext(currency = "USD", now = NOW)) },
            { Catalog.fromJson("{") },
            { KnowledgeBase.fromJson(FAQ).mostViewed("fr") },
        )
        for (failure in failures) {
            val e = assertThrows<VitrinaException> { failure() }
            check(domainOf(e) to e.code() in codes) { "${domainOf(e)}/${e.code()} not in core/error_codes.txt: ${e.message}" }
        }
    }
}

/** The core's code of any [VitrinaException]. */
fun VitrinaException.code(): String = when (this) {
    is VitrinaException.Money -> code
    is VitrinaException.Catalog -> code
    is VitrinaException.Cart -> code
    is VitrinaException.Pricing -> code
    is VitrinaException.Knowledge -> code
    is VitrinaException.Shop -> code
    is VitrinaException.Other -> code
}

fun main(args: Array<String>) {
    val root = File(args.firstOrNull() ?: ".")
    test("version") { check(vitrinaVersion().isNotEmpty()) { "empty version" } }
    vectorTests(root)
    catalogTests()
    cartAndPricingTests()
    errorTests()
    errorCodeTests(root)
    walletTests()
    knowledgeTests()
    searchTests()
    shopTests(root)
    shopCheckoutTests()
    shopShippingTests()
    shopSupportTests()
    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
