// Tests of browsing a knowledge base the app holds (run by the plain runner in VitrinaTests.kt): the
// input of the on-device FAQ search.
package dev.vitrina.tests

import dev.vitrina.*

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

    test("knowledge base: refusals are VitrinaException.Knowledge, or Shop for JSON it cannot decode") {
        val kb = KnowledgeBase.fromJson(FAQ)
        assertEq("unknown_locale", assertThrows<VitrinaException.Knowledge> { kb.mostViewed("fr") }.code)
        assertEq("unknown_article", assertThrows<VitrinaException.Knowledge> { kb.recordView("nope") }.code)
        val broken = FAQ.replace("\"parent_id\": \"shipping\"", "\"parent_id\": \"nowhere\"")
        // Refused while decoding: the argument is named, the detail says why.
        val invalid = assertThrows<VitrinaException.Shop> { KnowledgeBase.fromJson(broken) }
        assertEq("invalid" to "knowledge_base", invalid.code to invalid.field)
        check(invalid.detail.contains("nowhere")) { invalid.detail }
    }
}
