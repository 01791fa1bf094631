// Tests of FAQ search on the device (run by the plain runner in VitrinaTests.kt): a knowledge base in
// English, Russian, Bulgarian and Chinese indexed with `FaqSearch.sync`, then searched with suspend
// calls: stemming, segmentation, typos, ranking, category filter and facets, tags, empty queries,
// re-syncs, an index kept in a directory, and refusals.
package dev.vitrina.tests

import dev.vitrina.*
import java.nio.file.Files
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking

/** Articles in four languages; views: en-returns 40, en-bank 12, en-delivery 7, en-refund 3. */
const val MULTILINGUAL_FAQ = """{
  "categories": [
    {"id": "after-sales", "name": "After-sales"},
    {"id": "delivery", "name": "Delivery", "parent_id": "after-sales"},
    {"id": "returns", "name": "Returns", "parent_id": "after-sales"},
    {"id": "refunds", "name": "Refunds", "parent_id": "returns"},
    {"id": "payment", "name": "Payment"}
  ],
  "articles": [
    {"id": "en-delivery", "locale": "en", "category_id": "delivery", "title": "How long does delivery take?",
     "body": "Standard delivery takes 2 to 5 working days. Express parcels arrive the next working day.",
     "tags": ["shipping"], "published": true, "view_count": 7},
    {"id": "en-refund", "locale": "en", "category_id": "refunds", "title": "When will I get my refund?",
     "body": "Refunds are paid to the original payment method within 5 working days of receiving the item.",
     "tags": ["money"], "published": true, "view_count": 3},
    {"id": "en-returns", "locale": "en", "category_id": "returns", "title": "How do I return an item?",
     "body": "Send back any item within 30 days with the prepaid label; the refund follows once it arrives.",
     "tags": ["shipping"], "published": true, "view_count": 40},
    {"id": "en-bank", "locale": "en", "category_id": "payment", "title": "Can I pay by bank transfer?",
     "body": "Yes. Choose bank transfer at checkout; we ship once the money reaches our account.",
     "tags": ["money"], "published": true, "view_count": 12},
    {"id": "en-draft", "locale": "en", "category_id": "delivery", "title": "Drone delivery",
     "body": "Delivery by drone, soon.", "published": false, "view_count": 1000},
    {"id": "ru-delivery", "locale": "ru", "category_id": "delivery", "title": "Сроки доставки",
     "body": "Курьер привезёт заказ по Москве за один-два дня, по России — за три-семь рабочих дней.",
     "published": true},
    {"id": "ru-refund", "locale": "ru", "category_id": "refunds", "title": "Как вернуть деньги?",
     "body": "Деньги возвращаются на карту в течение десяти рабочих дней после получения товара.",
     "published": true},
    {"id": "bg-delivery", "locale": "bg", "category_id": "delivery", "title": "Срок на доставката",
     "body": "Куриерът пристига до адреса от два до четири работни дни.", "published": true},
    {"id": "zh-refund", "locale": "zh", "category_id": "refunds", "title": "如何申请退款",
     "body": "收到退货后，我们会在七个工作日内将退款退回原支付方式。", "published": true},
    {"id": "zh-delivery", "locale": "zh", "category_id": "delivery", "title": "配送时间",
     "body": "我们通常在下单后三到五天内为您送货上门。", "published": true}
  ]
}"""

/** An in-memory index synced with [MULTILINGUAL_FAQ]. */
fun indexedFaq(): Pair<KnowledgeBase, FaqSearch> {
    val kb = KnowledgeBase.fromJson(MULTILINGUAL_FAQ)
    val search = FaqSearch.inMemory()
    runBlocking { search.sync(kb) }
    return kb to search
}

fun FaqSearch.find(query: FaqQuery): FaqResults = runBlocking { search(query) }

fun FaqResults.ids(): List<String> = hits.map { it.articleId }

fun searchTests() {
    val (kb, search) = indexedFaq()

    test("faq search: sync indexes the published articles only") {
        assertEq(
            listOf("bg-delivery", "en-bank", "en-delivery", "en-refund", "en-returns", "ru-delivery", "ru-refund",
                "zh-delivery", "zh-refund"),
            runBlocking { search.articleIds() },
        )
        val report = runBlocking { search.sync(kb) }
        assertEq(FaqSyncReport(9uL, listOf()), report, "a second sync re-indexes and removes nothing")
        assertEq(0uL, search.find(FaqQuery("drone")).total, "the unpublished draft is not searchable")
    }

    test("faq search: Russian finds another form of the word (stemming)") {
        // The article has only "доставки" (genitive); the shopper types the nominative.
        val found = search.find(FaqQuery("доставка", locale = "ru"))
        assertEq(listOf("ru-delivery"), found.ids())
        assertEq("Сроки доставки", found.hits[0].title)
        assertEq("ru", found.hits[0].locale)
        // "деньгах" never occurs; "деньги" does.
        assertEq("ru-refund", search.find(FaqQuery("о деньгах", locale = "ru-RU")).ids().first())
    }

    test("faq search: Bulgarian matches the article-suffixed form by prefix") {
        assertEq(listOf("bg-delivery"), search.find(FaqQuery("доставки", locale = "bg")).ids())
        assertEq(listOf("bg-delivery"), search.find(FaqQuery("Доставката", locale = "bg")).ids())
    }

    test("faq search: Chinese words are segmented out of sentences") {
        assertEq(listOf("zh-refund"), search.find(FaqQuery("退款", locale = "zh")).ids())
        // "送货" occurs only inside the body sentence of the delivery article.
        assertEq(listOf("zh-delivery"), search.find(FaqQuery("送货", locale = "zh")).ids())
        // A whole question: segmented, the punctuation ignored.
        assertEq("zh-refund", search.find(FaqQuery("怎么申请退款？", locale = "zh")).ids().first())
    }

    test("faq search: a typo still finds the English article, unless typo tolerance is off") {
        val found = search.find(FaqQuery("delivry", locale = "en"))
        assertEq("en-delivery", found.ids().first())
        check(found.hits.all { it.locale == "en" }) { "${found.hits}" }
        assertEq("en-bank", search.find(FaqQuery("tranfser", locale = "en")).ids().first(), "a transposition")
        assertEq(0uL, search.find(FaqQuery("delivry", locale = "en", typoTolerance = false)).total)
    }

    test("faq search: ranking puts the title match first, then body matches, exact above typos") {
        // "refund": title of en-refund (stemmed "Refunds" in its body too), only the body of en-returns.
        val refund = search.find(FaqQuery("refund", locale = "en"))
        assertEq(listOf("en-refund", "en-returns"), refund.ids())
        check(refund.hits[0].score > refund.hits[1].score) { "${refund.hits}" }
        // Both words of the question match en-bank; one matches en-refund's body ("payment").
        val bank = search.find(FaqQuery("How can I pay by bank transfer?", locale = "en"))
        assertEq("en-bank", bank.ids().first())
        check(bank.hits.zipWithNext().all { (a, b) -> a.score >= b.score }) { "not sorted: ${bank.hits}" }
    }

    test("faq search: without a locale every language is searched") {
        assertEq(listOf("zh-refund"), search.find(FaqQuery("退款")).ids())
        assertEq(listOf("bg-delivery", "ru-delivery"), search.find(FaqQuery("доставка")).ids().sorted())
    }

    test("faq search: category filter includes sub-categories; facets count every match") {
        val returns = search.find(FaqQuery("", categoryId = "returns"))
        assertEq(listOf("en-refund", "en-returns", "ru-refund", "zh-refund"), returns.ids().sorted())
        assertEq(
            listOf(CategoryCount("after-sales", 4uL), CategoryCount("returns", 4uL), CategoryCount("refunds", 3uL)),
            returns.categories,
        )
        val english = search.find(FaqQuery("", locale = "en", limit = 0u))
        assertEq(listOf<FaqHit>(), english.hits, "limit 0: counts only")
        assertEq(4uL, english.total)
        assertEq(
            listOf(
                CategoryCount("after-sales", 3uL), CategoryCount("delivery", 1uL), CategoryCount("payment", 1uL),
                CategoryCount("refunds", 1uL), CategoryCount("returns", 2uL),
            ).sortedWith(compareByDescending<CategoryCount> { it.count }.thenBy { it.categoryId }),
            english.categories,
        )
        val refundInDelivery = search.find(FaqQuery("refund", locale = "en", categoryId = "delivery"))
        assertEq(0uL, refundInDelivery.total)
        val typed = search.find(FaqQuery("days", locale = "en"))
        val typedCounts = typed.categories.associate { it.categoryId to it.count }
        assertEq(typed.total, typedCounts["after-sales"]!! + typedCounts.getOrDefault("payment", 0uL))
    }

    test("faq search: tag filter") {
        assertEq(listOf("en-delivery", "en-returns"), search.find(FaqQuery("", tag = "shipping")).ids().sorted())
        assertEq(listOf("en-bank"), search.find(FaqQuery("transfer", tag = "money")).ids())
        assertEq(0uL, search.find(FaqQuery("transfer", tag = "shipping")).total)
    }

    test("faq search: an empty query lists the most viewed first, with paging") {
        val popular = search.find(FaqQuery("  ", locale = "en"))
        assertEq(listOf("en-returns", "en-bank", "en-delivery", "en-refund"), popular.ids())
        assertEq(listOf(40uL, 12uL, 7uL, 3uL), popular.hits.map { it.views })
        check(popular.hits.all { it.score == 0f }) { "${popular.hits}" }
        val page2 = search.find(FaqQuery("", locale = "en", limit = 2u, offset = 2u))
        assertEq(listOf("en-delivery", "en-refund"), page2.ids())
        assertEq(4uL, page2.total, "total counts every page")
        // The same order as KnowledgeBase.mostViewed, which browses without the index.
        assertEq(kb.mostViewed("en").map { it.id }, popular.ids())
    }

    test("faq search: a re-sync follows new views, withdrawn and deleted articles") {
        val (kb2, search2) = indexedFaq()
        repeat(50) { kb2.recordView("en-refund") }
        val json = kb2.toJson().replace("\"id\":\"en-bank\"", "\"id\":\"en-bank-2\"")
        val edited = KnowledgeBase.fromJson(json)
        val report = runBlocking { search2.sync(edited) }
        assertEq(FaqSyncReport(9uL, listOf("en-bank")), report)
        assertEq("en-refund", search2.find(FaqQuery("", locale = "en")).ids().first())
        assertEq(listOf("en-bank-2"), search2.find(FaqQuery("bank transfer", locale = "en")).ids().take(1))
    }

    test("faq search: concurrent suspend searches") {
        val queries = listOf("delivery" to "en", "доставка" to "ru", "退款" to "zh", "доставката" to "bg")
        val firsts = runBlocking {
            queries.map { (text, locale) -> async { search.search(FaqQuery(text, locale = locale)).ids().first() } }
                .awaitAll()
        }
        assertEq(listOf("en-delivery", "ru-delivery", "zh-refund", "bg-delivery"), firsts)
    }

    test("faq search: an index in a directory survives closing and reopening") {
        val parent = Files.createTempDirectory("vitrina-faq").toFile()
        val dir = parent.resolve("faq-index").path
        try {
            reopenTest(dir)
        } finally {
            parent.deleteRecursively()
        }
    }

    test("faq search: refused queries are VitrinaException.Knowledge naming the field") {
        val limit = assertThrows<VitrinaException.Knowledge> { search.find(FaqQuery("x", limit = 1001u)) }
        assertEq("invalid_query", limit.code)
        assertEq("limit", limit.field)
        val offset = assertThrows<VitrinaException.Knowledge> {
            search.find(FaqQuery("x", limit = 10u, offset = 995u))
        }
        assertEq("offset", offset.field)
        val category = assertThrows<VitrinaException.Knowledge> { search.find(FaqQuery("x", categoryId = "")) }
        assertEq("category_id", category.field)
        val locale = assertThrows<VitrinaException.Knowledge> { search.find(FaqQuery("x", locale = "fr")) }
        assertEq("unknown_locale", locale.code)
        val e: VitrinaException = limit
        check(e.message!!.contains("limit")) { e.message!! }
    }
}

/** Syncs an index in `dir`, checks a second open is refused while it is held, then reopens it. */
fun reopenTest(dir: String) {
    FaqSearch.open(dir).use { first ->
        runBlocking { first.sync(KnowledgeBase.fromJson(MULTILINGUAL_FAQ)) }
        val busy = assertThrows<VitrinaException.Knowledge> { FaqSearch.open(dir) }
        assertEq("backend", busy.code)
    }
    FaqSearch.open(dir).use { reopened ->
        assertEq(9, runBlocking { reopened.articleIds() }.size)
        assertEq(listOf("ru-delivery"), reopened.find(FaqQuery("доставкой", locale = "ru")).ids())
    }
}
