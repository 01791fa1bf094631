"""The knowledge base through the `Shop` (articles in a category tree, views and votes, publish and
withdraw) and its search plug-in: ranked search in English, Russian, Bulgarian and Chinese through
the tantivy index (in memory and in a directory), catalog products included, with typed errors."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

import pytest

import vitrina
from shop_world import settings
from vitrina.shop import (
    Article,
    DocumentKind,
    KnowledgeCategory,
    KnowledgeLocale,
    NewArticle,
    SearchQuery,
    SearchResults,
    Shop,
    SyncReport,
    Vote,
    VoteTally,
)


def knowledge_shop(index: vitrina.SearchIndex | None = None) -> Shop:
    """A shop whose knowledge base has three categories, four published articles (one per
    language) and a draft, indexed by `index` (a new one in memory unless given)."""
    shop = Shop.open("sqlite::memory:", search=index or vitrina.SearchIndex.in_memory())
    shop.admin.configure(settings())
    shop.knowledge.add_category(KnowledgeCategory(id="returns", name="Returns"))
    shop.knowledge.add_category(KnowledgeCategory(id="refunds", name="Refunds", parent_id="returns"))
    shop.knowledge.add_category(KnowledgeCategory(id="delivery", name="Delivery"))
    for new in [
        NewArticle(
            id="refunds-en",
            locale=KnowledgeLocale.EN,
            category_id="refunds",
            title="How do refunds work?",
            body="We refund your money within 14 days after the returned parcel arrives.",
            tags=["refund"],
            published=True,
        ),
        NewArticle(
            id="refunds-ru",
            locale=KnowledgeLocale.RU,
            category_id="refunds",
            title="Как вернуть деньги?",
            body="Мы возвращаем деньги в течение 14 дней после получения возврата.",
            published=True,
        ),
        NewArticle(
            id="delivery-bg",
            locale=KnowledgeLocale.BG,
            category_id="delivery",
            title="Кога ще пристигне поръчката?",
            body="Доставката отнема от два до пет работни дни.",
            published=True,
        ),
        NewArticle(
            id="delivery-zh",
            locale=KnowledgeLocale.ZH,
            category_id="delivery",
            title="我的订单什么时候到？",
            body="配送通常需要两到五个工作日。",
            published=True,
        ),
        NewArticle(id="draft", locale=KnowledgeLocale.EN, category_id="delivery", title="Refunds draft", body="refunds"),
    ]:
        shop.knowledge.publish_article(new)
    return shop


def ids(results: SearchResults) -> list[str]:
    return [hit.id for hit in results.hits]


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("refunded", KnowledgeLocale.EN, "refunds-en"),  # English stemming
        ("деньгами", KnowledgeLocale.RU, "refunds-ru"),  # Russian stemming
        ("доставка", KnowledgeLocale.BG, "delivery-bg"),  # Bulgarian prefixes
        ("配送", KnowledgeLocale.ZH, "delivery-zh"),  # Chinese segmentation
        ("refnds", KnowledgeLocale.EN, "refunds-en"),  # one typo away
    ],
)
def test_search_ranks_articles_in_four_languages(text: str, locale: KnowledgeLocale, expected: str) -> None:
    shop = knowledge_shop()
    assert shop.knowledge.sync_index() == SyncReport(indexed=4, removed=[])
    results = shop.knowledge.search(SearchQuery(text=text, locale=locale))
    assert ids(results) == [expected] and results.total == 1
    hit = results.hits[0]
    assert isinstance(hit.score, float) and hit.score > 0.0


def test_browsing_a_category_counts_facets_and_skips_drafts() -> None:
    index = vitrina.SearchIndex.in_memory()
    shop = knowledge_shop(index)
    browse = shop.knowledge.search(SearchQuery(category_id="returns"))
    assert sorted(ids(browse)) == ["refunds-en", "refunds-ru"]
    assert browse.facets == {"refunds": 2, "returns": 2}
    assert shop.knowledge.search(SearchQuery(text="draft")).total == 0
    shop.knowledge.remove_article("refunds-ru")
    assert shop.knowledge.sync_index() == SyncReport(indexed=3, removed=[])  # it left on removal
    assert sorted(index.document_ids("article")) == ["delivery-bg", "delivery-zh", "refunds-en"]
    # Published, the draft is found; withdrawn, it leaves the index again.
    shop.knowledge.set_published("draft", True)
    assert "draft" in ids(shop.knowledge.search(SearchQuery(text="draft")))
    shop.knowledge.set_published("draft", False)
    assert shop.knowledge.search(SearchQuery(text="draft")).total == 0


def test_views_votes_and_the_category_tree() -> None:
    shop = knowledge_shop()
    knowledge = shop.knowledge
    assert [c.id for c in knowledge.category_path("refunds")] == ["refunds", "returns"]  # then its ancestors
    assert knowledge.record_view("refunds-en") == 1 and knowledge.record_view("refunds-en") == 2
    assert knowledge.vote("refunds-en", "cust-1", Vote.HELPFUL) == VoteTally(helpful=1, not_helpful=0)
    assert knowledge.vote("refunds-en", "cust-1", Vote.NOT_HELPFUL) == VoteTally(helpful=0, not_helpful=1)
    assert knowledge.withdraw_vote("refunds-en", "cust-1") == VoteTally(helpful=0, not_helpful=0)
    assert [a.id for a in knowledge.most_viewed(KnowledgeLocale.EN, 10)] == ["refunds-en"]
    assert [a.id for a in knowledge.articles_in_category("returns", KnowledgeLocale.RU)] == ["refunds-ru"]
    article: Article = knowledge.get("refunds-en")
    assert article.view_count == 2 and len(knowledge.categories()) == 3
    assert sorted(a.id for a in knowledge.articles(KnowledgeLocale.EN)) == ["draft", "refunds-en"]


def test_bad_input_raises_typed_errors_naming_the_field() -> None:
    shop = knowledge_shop()
    with pytest.raises(vitrina.KnowledgeError) as duplicate:
        shop.knowledge.publish_article(
            NewArticle(id="refunds-en", locale=KnowledgeLocale.EN, category_id="refunds", title="x", body="y")
        )
    assert (duplicate.value.code, duplicate.value.field) == ("duplicate_id", "article.id")
    with pytest.raises(vitrina.KnowledgeError) as no_category:
        shop.knowledge.publish_article(NewArticle(id="new", locale=KnowledgeLocale.EN, category_id=" ", title="x", body="y"))
    assert no_category.value.field == "article.category_id"
    # An unknown category is created, named after its id.
    shop.knowledge.publish_article(NewArticle(id="new", locale=KnowledgeLocale.EN, category_id="nowhere", title="x", body="y"))
    assert KnowledgeCategory(id="nowhere", name="nowhere") in shop.knowledge.categories()
    german = NewArticle(id="new", locale="de", category_id="refunds", title="x", body="y")  # type: ignore[arg-type]
    with pytest.raises(vitrina.VitrinaError) as language:
        shop.knowledge.publish_article(german)
    assert (language.value.code, language.value.domain) == ("invalid", "shop") and "locale" in (language.value.field or "")
    with pytest.raises(vitrina.KnowledgeError) as not_empty:
        shop.knowledge.remove_category("returns")
    assert not_empty.value.code == "category_not_empty"
    with pytest.raises(vitrina.KnowledgeError) as limit:
        shop.knowledge.search(SearchQuery(text="x", limit=5000))
    assert (limit.value.code, limit.value.field) == ("invalid_query", "limit")
    index = vitrina.SearchIndex.in_memory()
    with pytest.raises(vitrina.KnowledgeError) as document:
        index.index([{"id": "p1", "kind": "product", "locale": "en", "title": " "}])
    assert (document.value.code, document.value.field) == ("invalid_document", "title")


def test_catalog_products_are_searchable_next_to_articles(catalog: vitrina.Catalog) -> None:
    index = vitrina.SearchIndex.in_memory()
    report = index.sync_catalog(catalog, "en", {"mug": 50, "tee": 10})
    assert report["indexed"] == len(catalog)
    shop = knowledge_shop(index)
    assert [hit["id"] for hit in index.search("mug", kind="product")["hits"]] == ["mug"]
    popular = index.search(kind="product", limit=2)
    assert [hit["id"] for hit in popular["hits"]] == ["mug", "tee"]  # an empty query lists by popularity
    assert ids(shop.knowledge.search(SearchQuery(text="refunds", kind=DocumentKind.ARTICLE))) == ["refunds-en"]


def test_an_index_in_a_directory_survives_reopening(tmp_path: Path) -> None:
    directory = tmp_path / "search"

    async def build() -> None:
        shop = await Shop.open_async("sqlite::memory:", search=vitrina.SearchIndex.open(directory))
        await shop.admin.configure_async(settings())
        await shop.knowledge.add_category_async(KnowledgeCategory(id="refunds", name="Refunds"))
        await shop.knowledge.publish_article_async(
            NewArticle(
                id="refunds-en",
                locale=KnowledgeLocale.EN,
                category_id="refunds",
                title="How do refunds work?",
                body="We refund your money within 14 days.",
                published=True,
            )
        )

    asyncio.run(build())
    gc.collect()  # the shop, and with it the index's writer, is gone
    reopened = vitrina.SearchIndex.open(directory)

    async def query() -> vitrina._vitrina.SearchResults:
        return await reopened.search_async("refunds", locale="en")

    assert [hit["id"] for hit in asyncio.run(query())["hits"]] == ["refunds-en"]
    assert repr(reopened) == f"SearchIndex({str(directory)!r})".replace("'", '"')
