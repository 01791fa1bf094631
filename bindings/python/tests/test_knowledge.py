"""Knowledge base and search: articles in a category tree, views and votes, and ranked search in
English, Russian, Bulgarian and Chinese through the tantivy index (in memory and in a directory),
catalog products included, with typed errors."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import vitrina


def knowledge_base() -> vitrina.KnowledgeBase:
    kb = vitrina.KnowledgeBase()
    kb.add_category("returns", "Returns")
    kb.add_category("refunds", "Refunds", "returns")
    kb.add_category("delivery", "Delivery")
    kb.add_article(
        id="refunds-en",
        locale="en",
        category_id="refunds",
        title="How do refunds work?",
        body="We refund your money within 14 days after the returned parcel arrives.",
        tags=["refund"],
        published=True,
    )
    kb.add_article(
        id="refunds-ru",
        locale="ru",
        category_id="refunds",
        title="Как вернуть деньги?",
        body="Мы возвращаем деньги в течение 14 дней после получения возврата.",
        published=True,
    )
    kb.add_article(
        id="delivery-bg",
        locale="bg",
        category_id="delivery",
        title="Кога ще пристигне поръчката?",
        body="Доставката отнема от два до пет работни дни.",
        published=True,
    )
    kb.add_article(
        id="delivery-zh",
        locale="zh",
        category_id="delivery",
        title="我的订单什么时候到？",
        body="配送通常需要两到五个工作日。",
        published=True,
    )
    kb.add_article(id="draft", locale="en", category_id="delivery", title="Refunds draft", body="refunds")
    return kb


def ids(results: vitrina._vitrina.SearchResults) -> list[str]:
    return [hit["id"] for hit in results["hits"]]


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("refunded", "en", "refunds-en"),  # English stemming
        ("деньгами", "ru", "refunds-ru"),  # Russian stemming
        ("доставка", "bg", "delivery-bg"),  # Bulgarian prefixes
        ("配送", "zh", "delivery-zh"),  # Chinese segmentation
        ("refnds", "en", "refunds-en"),  # one typo away
    ],
)
def test_search_ranks_articles_in_four_languages(
    text: str, locale: vitrina._vitrina.KnowledgeLocale, expected: str
) -> None:
    index = vitrina.SearchIndex.in_memory()
    assert index.sync_knowledge_base(knowledge_base()) == {"indexed": 4, "removed": []}
    results = index.search(text, locale=locale)
    assert ids(results) == [expected] and results["total"] == 1
    hit = results["hits"][0]
    assert isinstance(hit["score"], float) and hit["score"] > 0.0


def test_browsing_a_category_counts_facets_and_skips_drafts() -> None:
    index = vitrina.SearchIndex.in_memory()
    kb = knowledge_base()
    index.sync_knowledge_base(kb)
    browse = index.search(category_id="returns")
    assert sorted(ids(browse)) == ["refunds-en", "refunds-ru"]
    assert browse["facets"] == {"refunds": 2, "returns": 2}
    assert index.search("draft")["total"] == 0
    kb.remove_article("refunds-ru")
    assert index.sync_knowledge_base(kb) == {"indexed": 3, "removed": ["refunds-ru"]}
    assert sorted(index.document_ids("article")) == ["delivery-bg", "delivery-zh", "refunds-en"]


def test_views_votes_and_the_category_tree() -> None:
    kb = knowledge_base()
    assert kb.category_path("refunds") == ["refunds", "returns"]  # the category, then its ancestors
    assert kb.record_view("refunds-en") == 1 and kb.record_view("refunds-en") == 2
    assert kb.vote("refunds-en", "cust-1", "helpful") == {"helpful": 1, "not_helpful": 0}
    assert kb.vote("refunds-en", "cust-1", "not_helpful") == {"helpful": 0, "not_helpful": 1}
    assert kb.withdraw_vote("refunds-en", "cust-1") == {"helpful": 0, "not_helpful": 0}
    assert [a["id"] for a in kb.most_viewed("en")] == ["refunds-en"]
    assert [a["id"] for a in kb.articles_in_category("returns", "ru")] == ["refunds-ru"]
    restored = vitrina.KnowledgeBase.from_json(kb.to_json())
    article = restored.article("refunds-en")
    assert article is not None and article["view_count"] == 2 and len(restored) == 5
    assert repr(restored) == "KnowledgeBase(categories=3, articles=5)"


def test_bad_input_raises_typed_errors_naming_the_field() -> None:
    kb = knowledge_base()
    with pytest.raises(vitrina.KnowledgeError) as duplicate:
        kb.add_article(id="refunds-en", locale="en", category_id="refunds", title="x", body="y")
    assert (duplicate.value.code, duplicate.value.field) == ("duplicate_id", "article.id")
    with pytest.raises(vitrina.KnowledgeError) as unknown:
        kb.add_article(id="new", locale="en", category_id="nowhere", title="x", body="y")
    assert unknown.value.field == "article.category_id"
    with pytest.raises(vitrina.VitrinaError) as language:
        kb.add_article(id="new", locale="de", category_id="refunds", title="x", body="y")  # type: ignore[arg-type]
    assert (language.value.code, language.value.field, language.value.domain) == ("invalid", "locale", "shop")
    with pytest.raises(vitrina.KnowledgeError) as not_empty:
        kb.remove_category("returns")
    assert not_empty.value.code == "category_not_empty"
    index = vitrina.SearchIndex.in_memory()
    with pytest.raises(vitrina.KnowledgeError) as limit:
        index.search("x", limit=5000)
    assert (limit.value.code, limit.value.field) == ("invalid_query", "limit")
    with pytest.raises(vitrina.KnowledgeError) as document:
        index.index([{"id": "p1", "kind": "product", "locale": "en", "title": " "}])
    assert (document.value.code, document.value.field) == ("invalid_document", "title")


def test_catalog_products_are_searchable_next_to_articles(catalog: vitrina.Catalog) -> None:
    index = vitrina.SearchIndex.in_memory()
    report = index.sync_catalog(catalog, "en", {"mug": 50, "tee": 10})
    assert report["indexed"] == len(catalog)
    index.sync_knowledge_base(knowledge_base())
    assert ids(index.search("mug", kind="product")) == ["mug"]
    popular = index.search(kind="product", limit=2)
    assert ids(popular) == ["mug", "tee"]  # an empty query lists by popularity


def test_an_index_in_a_directory_survives_reopening(tmp_path: Path) -> None:
    directory = tmp_path / "search"

    async def build() -> None:
        index = vitrina.SearchIndex.open(directory)
        await index.sync_knowledge_base_async(knowledge_base())

    asyncio.run(build())
    reopened = vitrina.SearchIndex.open(directory)

    async def query() -> vitrina._vitrina.SearchResults:
        return await reopened.search_async("refunds", locale="en")

    assert ids(asyncio.run(query())) == ["refunds-en"]
    assert repr(reopened) == f"SearchIndex({str(directory)!r})".replace("'", '"')
