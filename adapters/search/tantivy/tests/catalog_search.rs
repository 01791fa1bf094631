//! Catalog search on a real tantivy index: the index follows catalog changes.

use std::sync::Arc;

use vitrina_core::catalog::{Catalog, CatalogData};
use vitrina_core::knowledge::{
    sync_catalog, CatalogSearchOptions, DocumentKind, KnowledgeLocale, SearchIndex, SearchQuery, SearchResults,
    SyncReport,
};
use vitrina_search_tantivy::TantivySearchIndex;

fn catalog_data() -> CatalogData {
    let data = serde_json::json!({
        "categories": [
            {"id": "clothing", "name": "Clothing"},
            {"id": "t-shirts", "name": "T-shirts", "parent_id": "clothing"},
            {"id": "jackets", "name": "Jackets", "parent_id": "clothing"},
            {"id": "kitchen", "name": "Kitchen"}
        ],
        "products": [
            {"id": "tee", "name": "Organic cotton tee", "description": "Soft and breathable everyday shirt.",
             "category_ids": ["t-shirts"],
             "options": [{"name": "colour", "values": ["red", "navy"]}, {"name": "size", "values": ["S", "M", "L"]}],
             "variants": [{"id": "tee-red-s", "options": {"colour": "red", "size": "S"},
                           "prices": [{"currency": "EUR", "amount": "19.90"}]}]},
            {"id": "rain", "name": "Rain jacket", "description": "Waterproof shell with a hood.",
             "category_ids": ["jackets"],
             "options": [{"name": "colour", "values": ["yellow", "navy"]}],
             "variants": [{"id": "rain-y", "options": {"colour": "yellow"},
                           "prices": [{"currency": "EUR", "amount": "89.00"}]}]},
            {"id": "mug", "name": "Enamel mug", "description": "Holds 300 ml, camp-fire proof.",
             "category_ids": ["kitchen"],
             "variants": [{"id": "mug-1", "prices": [{"currency": "EUR", "amount": "9.00"}]}]}
        ]
    });
    serde_json::from_value(data).unwrap()
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

async fn search(index: &dyn SearchIndex, query: SearchQuery) -> SearchResults {
    index.search(&query.kind(DocumentKind::Product)).await.unwrap()
}

#[tokio::test]
async fn index_follows_catalog_changes() {
    let index: Arc<dyn SearchIndex> = Arc::new(TantivySearchIndex::in_memory().unwrap());
    let options = CatalogSearchOptions::new(KnowledgeLocale::En);
    let catalog = Catalog::new(catalog_data()).unwrap();
    let report = sync_catalog(index.as_ref(), &catalog, &options).await.unwrap();
    assert_eq!(report, SyncReport { indexed: 3, removed: vec![] });
    assert_eq!(ids(&search(&*index, SearchQuery::new("mug")).await), ["mug"]);

    // Rename the mug and drop the rain jacket.
    let mut data = catalog_data();
    data.products.retain(|p| p.id != "rain");
    let mug = data.products.iter_mut().find(|p| p.id == "mug").unwrap();
    mug.name = "Camping cup".into();
    let report = sync_catalog(index.as_ref(), &Catalog::new(data).unwrap(), &options).await.unwrap();
    assert_eq!(report, SyncReport { indexed: 2, removed: vec!["rain".into()] });

    assert_eq!(search(&*index, SearchQuery::new("mug")).await.total, 0, "old name no longer found");
    let cup = search(&*index, SearchQuery::new("cup")).await;
    assert_eq!(ids(&cup), ["mug"]);
    assert_eq!(cup.hits[0].title, "Camping cup");
    assert_eq!(search(&*index, SearchQuery::new("waterproof jacket")).await.total, 0, "removed product gone");
    let mut remaining = index.document_ids(DocumentKind::Product).await.unwrap();
    remaining.sort();
    assert_eq!(remaining, ["mug", "tee"]);
}

#[tokio::test]
async fn products_are_found_by_options_and_category_names_with_ancestor_facets() {
    let index = TantivySearchIndex::in_memory().unwrap();
    let mut options = CatalogSearchOptions::new(KnowledgeLocale::En);
    options.popularity.insert("rain".into(), 10);
    sync_catalog(&index, &Catalog::new(catalog_data()).unwrap(), &options).await.unwrap();

    let navy = search(&index, SearchQuery::new("navy")).await;
    assert_eq!(ids(&navy), ["rain", "tee"], "option values are searchable; the shorter text ranks first");
    let facets: Vec<(&str, u64)> = navy.facets.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(facets, [("clothing", 2), ("jackets", 1), ("t-shirts", 1)]);

    let clothing = search(&index, SearchQuery::new("clothing")).await;
    assert_eq!(clothing.total, 2, "category names (ancestors included) are searchable: {clothing:?}");

    let in_tshirts = search(&index, SearchQuery::new("navy").category("t-shirts")).await;
    assert_eq!(ids(&in_tshirts), ["tee"]);
    let yellow = search(&index, SearchQuery::default().facet("colour", "yellow")).await;
    assert_eq!(ids(&yellow), ["rain"]);
    let by_popularity = search(&index, SearchQuery::default()).await;
    assert_eq!(ids(&by_popularity)[0], "rain");
    assert_eq!(by_popularity.facets["clothing"], 2);
    assert_eq!(by_popularity.facets["kitchen"], 1);
}
