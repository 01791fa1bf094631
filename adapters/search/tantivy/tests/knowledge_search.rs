//! FAQ search on a real tantivy index: the four languages, typos, facets, popularity, updates.

use std::sync::Arc;

use vitrina_core::knowledge::{
    sync_knowledge_base, DocumentKind, KnowledgeBase, KnowledgeCategory, KnowledgeLocale, NewArticle, SearchDocument,
    SearchIndex, SearchQuery, SearchResults,
};
use vitrina_search_tantivy::TantivySearchIndex;

fn faq() -> KnowledgeBase {
    let mut kb = KnowledgeBase::new();
    for (id, name, parent) in [
        ("after-sales", "After-sales", None),
        ("delivery", "Delivery", Some("after-sales")),
        ("returns", "Returns", Some("after-sales")),
        ("refunds", "Refunds", Some("returns")),
        ("payment", "Payment", None),
    ] {
        kb.add_category(KnowledgeCategory::new(id, name, parent)).unwrap();
    }
    let articles: [(&str, KnowledgeLocale, &str, &str, &str); 13] = [
        ("en-delivery", KnowledgeLocale::En, "delivery", "How long does delivery take?",
         "Standard delivery takes 2 to 5 working days. Express parcels arrive the next working day if you order before 2 pm."),
        ("en-refund", KnowledgeLocale::En, "refunds", "When will I get my refund?",
         "Refunds are paid to the original payment method within 5 working days after we receive the returned item."),
        ("en-bank", KnowledgeLocale::En, "payment", "Can I pay by bank transfer?",
         "Yes. Choose bank transfer at checkout; we ship once the money reaches our account, usually within one business day."),
        ("en-returns", KnowledgeLocale::En, "returns", "How do I return an item?",
         "You can send back any item within 30 days. Print the prepaid label from your account and drop the parcel at a post office."),
        ("ru-delivery", KnowledgeLocale::Ru, "delivery", "Сроки доставки",
         "Курьер привезёт заказ по Москве за один-два дня, по России — за три-семь рабочих дней."),
        ("ru-refund", KnowledgeLocale::Ru, "refunds", "Как вернуть деньги?",
         "Деньги возвращаются на карту в течение десяти рабочих дней после получения товара."),
        ("ru-bank", KnowledgeLocale::Ru, "payment", "Оплата банковским переводом",
         "Вы можете оплатить заказ по счёту. Мы отправим заказ, когда деньги поступят на наш счёт."),
        ("bg-delivery", KnowledgeLocale::Bg, "delivery", "Срок на доставката",
         "Куриерът пристига до адреса от два до четири работни дни."),
        ("bg-returns", KnowledgeLocale::Bg, "returns", "Връщане на стока",
         "Можете да върнете стоката в рамките на 14 дни. Парите се възстановяват по банкова сметка."),
        ("bg-payment", KnowledgeLocale::Bg, "payment", "Плащане с банков превод",
         "При плащане с банков превод поръчката се изпраща след получаване на сумата."),
        ("zh-refund", KnowledgeLocale::Zh, "refunds", "如何申请退款",
         "收到退货后，我们会在七个工作日内将退款退回原支付方式。"),
        ("zh-delivery", KnowledgeLocale::Zh, "delivery", "配送时间",
         "我们通常在下单后三到五天内为您送货上门。"),
        ("zh-bank", KnowledgeLocale::Zh, "payment", "银行转账付款",
         "您可以在结账时选择银行转账，款项到账后我们立即发货。"),
    ];
    for (id, locale, category_id, title, body) in articles {
        let article = NewArticle {
            id: id.into(),
            locale,
            category_id: category_id.into(),
            title: title.into(),
            body: body.into(),
            tags: vec![],
            published: true,
        };
        kb.add_article(article).unwrap();
    }
    kb
}

async fn indexed(kb: &KnowledgeBase) -> Arc<dyn SearchIndex> {
    let index: Arc<dyn SearchIndex> = Arc::new(TantivySearchIndex::in_memory().unwrap());
    let report = sync_knowledge_base(index.as_ref(), kb).await.unwrap();
    assert_eq!(report.indexed, kb.documents().len());
    index
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

async fn search(index: &dyn SearchIndex, query: SearchQuery) -> SearchResults {
    index.search(&query).await.unwrap()
}

#[tokio::test]
async fn english_question_finds_the_delivery_article_first() {
    let index = indexed(&faq()).await;
    let results = search(&*index, SearchQuery::new("how long is delivery?").locale(KnowledgeLocale::En)).await;
    assert_eq!(ids(&results).first(), Some(&"en-delivery"), "{results:?}");
    assert!(results.hits.iter().all(|h| h.locale == KnowledgeLocale::En && h.kind == DocumentKind::Article));
    let hit = &results.hits[0];
    assert_eq!(hit.title, "How long does delivery take?");
    assert!(hit.score > 0.0);

    let results = search(&*index, SearchQuery::new("refunds").locale(KnowledgeLocale::En)).await;
    assert_eq!(ids(&results), ["en-refund"], "stemmed: `refunds` matches `refund` and `Refunds`");
    let results = search(&*index, SearchQuery::new("pay by bank transfer").locale(KnowledgeLocale::En)).await;
    assert_eq!(ids(&results)[0], "en-bank");
}

#[tokio::test]
async fn english_typo_is_tolerated_only_when_asked() {
    let index = indexed(&faq()).await;
    let results = search(&*index, SearchQuery::new("delivry").locale(KnowledgeLocale::En)).await;
    assert_eq!(ids(&results), ["en-delivery"]);
    let strict = search(&*index, SearchQuery::new("delivry").locale(KnowledgeLocale::En).typo_tolerance(false)).await;
    assert_eq!(strict.total, 0, "{strict:?}");
    let short = search(&*index, SearchQuery::new("dya").locale(KnowledgeLocale::En)).await;
    assert_eq!(short.total, 0, "no typo tolerance under 4 letters: {short:?}");
}

#[tokio::test]
async fn russian_is_stemmed() {
    let index = indexed(&faq()).await;
    // The article says only "доставки" (title); the query uses the nominative.
    let results = search(&*index, SearchQuery::new("доставка").locale(KnowledgeLocale::Ru)).await;
    assert_eq!(ids(&results), ["ru-delivery"]);
    let results = search(&*index, SearchQuery::new("перевод денег").locale(KnowledgeLocale::Ru)).await;
    assert_eq!(ids(&results)[0], "ru-bank", "переводом ~ перевод: {results:?}");
    let results = search(&*index, SearchQuery::new("вернуть деньги").locale(KnowledgeLocale::Ru)).await;
    assert_eq!(ids(&results)[0], "ru-refund");
}

#[tokio::test]
async fn bulgarian_matches_by_prefix() {
    let index = indexed(&faq()).await;
    for query in ["доставк", "доставка", "доставки", "Доставката"] {
        let results = search(&*index, SearchQuery::new(query).locale(KnowledgeLocale::Bg).typo_tolerance(false)).await;
        assert_eq!(ids(&results), ["bg-delivery"], "query {query:?}");
    }
    let results = search(&*index, SearchQuery::new("банкови преводи").locale(KnowledgeLocale::Bg)).await;
    assert_eq!(ids(&results)[0], "bg-payment", "{results:?}");
    let results = search(&*index, SearchQuery::new("връщане").locale(KnowledgeLocale::Bg)).await;
    assert_eq!(ids(&results), ["bg-returns"]);
}

#[tokio::test]
async fn chinese_words_are_found_inside_sentences() {
    let index = indexed(&faq()).await;
    let results = search(&*index, SearchQuery::new("退款").locale(KnowledgeLocale::Zh)).await;
    assert_eq!(ids(&results), ["zh-refund"]);
    // "送货" only occurs inside the body sentence of the delivery article.
    let results = search(&*index, SearchQuery::new("送货").locale(KnowledgeLocale::Zh)).await;
    assert_eq!(ids(&results), ["zh-delivery"]);
    let results = search(&*index, SearchQuery::new("可以银行转账吗？").locale(KnowledgeLocale::Zh)).await;
    assert_eq!(ids(&results)[0], "zh-bank", "{results:?}");
}

#[tokio::test]
async fn query_without_locale_searches_every_language() {
    let index = indexed(&faq()).await;
    let results = search(&*index, SearchQuery::new("退款")).await;
    assert_eq!(ids(&results), ["zh-refund"]);
    let results = search(&*index, SearchQuery::new("доставка")).await;
    let mut found = ids(&results);
    found.sort();
    assert_eq!(found, ["bg-delivery", "ru-delivery"], "Russian stem and Bulgarian prefix both match");
}

#[tokio::test]
async fn category_facets_count_matches_with_ancestors() {
    let index = indexed(&faq()).await;
    let results = search(&*index, SearchQuery::default().locale(KnowledgeLocale::En)).await;
    assert_eq!(results.total, 4);
    let facets: Vec<(&str, u64)> = results.facets.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(facets, [("after-sales", 3), ("delivery", 1), ("payment", 1), ("refunds", 1), ("returns", 2)]);

    let returns = search(&*index, SearchQuery::default().category("returns")).await;
    let mut found = ids(&returns);
    found.sort();
    assert_eq!(found, ["bg-returns", "en-refund", "en-returns", "ru-refund", "zh-refund"]);
    assert_eq!(returns.facets.get("delivery"), None);
    assert_eq!(returns.facets["returns"], 5);

    let counts = index.facet_counts(&SearchQuery::new("bank").locale(KnowledgeLocale::En)).await.unwrap();
    assert_eq!(counts.get("payment"), Some(&1), "{counts:?}");
    assert_eq!(counts.get("delivery"), None, "{counts:?}");
}

#[tokio::test]
async fn empty_query_lists_most_viewed_first() {
    let mut kb = faq();
    for (id, views) in [("en-bank", 5), ("en-returns", 3), ("en-refund", 1)] {
        for _ in 0..views {
            kb.record_view(id).unwrap();
        }
    }
    let index = indexed(&kb).await;
    let results = search(&*index, SearchQuery::new("  ").locale(KnowledgeLocale::En)).await;
    assert_eq!(ids(&results), ["en-bank", "en-returns", "en-refund", "en-delivery"]);
    assert_eq!(results.hits.iter().map(|h| h.popularity).collect::<Vec<_>>(), [5, 3, 1, 0]);

    // Views move on; a re-sync re-ranks.
    for _ in 0..10 {
        kb.record_view("en-delivery").unwrap();
    }
    sync_knowledge_base(index.as_ref(), &kb).await.unwrap();
    let results = search(&*index, SearchQuery::default().locale(KnowledgeLocale::En).limit(2)).await;
    assert_eq!(ids(&results), ["en-delivery", "en-bank"]);
    assert_eq!(results.total, 4, "total counts all matches, not just the page");
    let page2 =
        search(&*index, SearchQuery { offset: 2, ..SearchQuery::default().locale(KnowledgeLocale::En).limit(2) }).await;
    assert_eq!(ids(&page2), ["en-returns", "en-refund"]);
}

fn doc(id: &str, title: &str, popularity: u64) -> SearchDocument {
    SearchDocument {
        id: id.into(),
        kind: DocumentKind::Article,
        locale: KnowledgeLocale::En,
        title: title.into(),
        body: "Gift cards never expire.".into(),
        category_ids: vec![],
        facets: Default::default(),
        popularity,
    }
}

#[tokio::test]
async fn popularity_breaks_ties_between_equally_relevant_documents() {
    let index = TantivySearchIndex::in_memory().unwrap();
    index
        .index(vec![doc("quiet", "Gift cards", 1), doc("busy", "Gift cards", 50), doc("mid", "Gift cards", 7)])
        .await
        .unwrap();
    index.commit().await.unwrap();
    let results = search(&index, SearchQuery::new("gift card")).await;
    assert_eq!(ids(&results), ["busy", "mid", "quiet"]);
    let scores: Vec<f32> = results.hits.iter().map(|h| h.score).collect();
    assert!(scores.windows(2).all(|w| w[0] == w[1]), "same BM25 score: {scores:?}");

    // Relevance still beats popularity.
    index.index(vec![doc("relevant", "Gift cards and gift vouchers", 0)]).await.unwrap();
    index.index(vec![doc("other", "Vouchers", 1000)]).await.unwrap();
    index.commit().await.unwrap();
    let results = search(&index, SearchQuery::new("vouchers")).await;
    assert_eq!(ids(&results)[0], "other", "title 'Vouchers' is the shorter, better match");
    let results = search(&index, SearchQuery::new("gift")).await;
    assert_eq!(ids(&results)[0], "relevant", "two title matches beat popularity: {results:?}");
}

#[tokio::test]
async fn updates_and_removals_show_after_commit() {
    let index = TantivySearchIndex::in_memory().unwrap();
    index.index(vec![doc("a", "Lost parcel", 0), doc("b", "Damaged parcel", 0)]).await.unwrap();
    assert_eq!(search(&index, SearchQuery::new("parcel")).await.total, 0, "nothing visible before commit");
    index.commit().await.unwrap();
    assert_eq!(search(&index, SearchQuery::new("parcel")).await.total, 2);

    index.update(doc("a", "Missing shipment", 0)).await.unwrap();
    index.commit().await.unwrap();
    assert_eq!(ids(&search(&index, SearchQuery::new("parcel")).await), ["b"]);
    assert_eq!(ids(&search(&index, SearchQuery::new("shipment")).await), ["a"]);
    assert_eq!(search(&index, SearchQuery::default()).await.total, 2, "the update replaced, not duplicated");

    index.remove(DocumentKind::Article, "b").await.unwrap();
    index.remove(DocumentKind::Product, "a").await.unwrap(); // other kind: not this document
    index.commit().await.unwrap();
    assert_eq!(search(&index, SearchQuery::new("parcel")).await.total, 0);
    assert_eq!(index.document_ids(DocumentKind::Article).await.unwrap(), ["a"]);
}

#[tokio::test]
async fn unpublished_and_deleted_articles_leave_the_index_on_sync() {
    let mut kb = faq();
    let index = indexed(&kb).await;
    kb.set_published("en-refund", false).unwrap();
    kb.remove_article("zh-refund").unwrap();
    let report = sync_knowledge_base(index.as_ref(), &kb).await.unwrap();
    assert_eq!(report.removed, ["en-refund", "zh-refund"]);
    assert_eq!(search(&*index, SearchQuery::new("refund").locale(KnowledgeLocale::En)).await.total, 0);
    assert_eq!(search(&*index, SearchQuery::new("退款")).await.total, 0);
}

#[tokio::test]
async fn invalid_input_is_refused_with_the_field() {
    let index = TantivySearchIndex::in_memory().unwrap();
    let err = index.index(vec![doc("ok", "Fine", 0), doc("bad", " ", 0)]).await.unwrap_err();
    assert!(err.to_string().contains("title"), "{err}");
    index.commit().await.unwrap();
    assert_eq!(search(&index, SearchQuery::default()).await.total, 0, "a refused batch writes nothing");
    let err = index.search(&SearchQuery::new("x").limit(5000)).await.unwrap_err();
    assert!(err.to_string().contains("limit"), "{err}");
}

#[tokio::test]
async fn stop_words_only_match_nothing_and_zero_limit_gives_counts() {
    let index = indexed(&faq()).await;
    assert_eq!(search(&*index, SearchQuery::new("how do I").locale(KnowledgeLocale::En)).await.total, 0);
    let counts = search(&*index, SearchQuery::default().kind(DocumentKind::Article).limit(0)).await;
    assert!(counts.hits.is_empty());
    assert_eq!(counts.total, 13);
    assert_eq!(counts.facets["payment"], 4);
    assert_eq!(search(&*index, SearchQuery::default().kind(DocumentKind::Product)).await.total, 0);
}

#[tokio::test]
async fn on_disk_index_survives_reopening() {
    let dir =
        std::env::temp_dir().join(format!("vitrina-search-{}-{:?}", std::process::id(), std::thread::current().id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let index = TantivySearchIndex::open_or_create(&dir).unwrap();
        index.index(vec![doc("kept", "Warranty claims", 3)]).await.unwrap();
        index.commit().await.unwrap();
    }
    let reopened = TantivySearchIndex::open_or_create(&dir).unwrap();
    let results = search(&reopened, SearchQuery::new("warranty")).await;
    assert_eq!(ids(&results), ["kept"]);
    assert_eq!(results.hits[0].popularity, 3);
    drop(reopened);
    std::fs::remove_dir_all(&dir).unwrap();
}
