//! Catalog products as search documents: name as title; description, option values and category
//! names as text; the product's categories with their ancestors; options as attribute facets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::locale::KnowledgeLocale;
use super::search::{DocumentKind, SearchDocument};
use crate::catalog::{Catalog, Product};

/// How a catalog is turned into search documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CatalogSearchOptions {
    /// Language the catalog's names and descriptions are written in.
    pub locale: KnowledgeLocale,
    /// Popularity per product id (sales, views); products not listed get 0.
    #[serde(default)]
    pub popularity: BTreeMap<String, u64>,
}

impl CatalogSearchOptions {
    /// Options for a catalog written in `locale`, with no popularity data.
    pub fn new(locale: KnowledgeLocale) -> Self {
        CatalogSearchOptions { locale, popularity: BTreeMap::new() }
    }
}

/// The search document of one product of `catalog`.
pub fn product_document(catalog: &Catalog, product: &Product, options: &CatalogSearchOptions) -> SearchDocument {
    let category_ids: Vec<String> = catalog.category_closure(&product.id).into_iter().map(str::to_owned).collect();
    let mut body = product.description.clone();
    let mut facets = BTreeMap::new();
    for option in &product.options {
        body.push('\n');
        body.push_str(&option.values.join(" "));
        if !option.values.is_empty() {
            facets.insert(option.name.clone(), option.values.clone());
        }
    }
    for category in category_ids.iter().filter_map(|id| catalog.category(id)) {
        body.push('\n');
        body.push_str(&category.name);
    }
    SearchDocument {
        id: product.id.clone(),
        kind: DocumentKind::Product,
        locale: options.locale,
        title: product.name.clone(),
        body,
        category_ids,
        facets,
        popularity: options.popularity.get(&product.id).copied().unwrap_or(0),
    }
}

/// Search documents of every product of `catalog`, in catalog order.
pub fn catalog_documents(catalog: &Catalog, options: &CatalogSearchOptions) -> Vec<SearchDocument> {
    catalog.products().iter().map(|p| product_document(catalog, p, options)).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog::CatalogData;

    pub(crate) fn catalog(extra_name: &str) -> Catalog {
        let data = serde_json::json!({
            "categories": [
                {"id": "clothing", "name": "Clothing"},
                {"id": "t-shirts", "name": "T-shirts", "parent_id": "clothing"},
                {"id": "mugs", "name": "Mugs"}
            ],
            "products": [
                {"id": "tee", "name": "Organic cotton tee", "description": "Soft and breathable.",
                 "category_ids": ["t-shirts"], "featured": true,
                 "options": [{"name": "colour", "values": ["red", "navy"]}, {"name": "size", "values": ["S", "M"]}],
                 "variants": [{"id": "tee-red-s", "options": {"colour": "red", "size": "S"},
                               "prices": [{"currency": "EUR", "amount": "19.90"}]}]},
                {"id": "mug", "name": extra_name, "description": "Holds 300 ml.", "category_ids": ["mugs"],
                 "variants": [{"id": "mug-1", "prices": [{"currency": "EUR", "amount": "9.00"}]}]}
            ]
        });
        Catalog::new(serde_json::from_value::<CatalogData>(data).unwrap()).unwrap()
    }

    #[test]
    fn product_document_has_options_categories_and_ancestors() {
        let catalog = catalog("Enamel mug");
        let mut options = CatalogSearchOptions::new(KnowledgeLocale::En);
        options.popularity.insert("tee".into(), 42);
        let docs = catalog_documents(&catalog, &options);
        assert_eq!(docs.len(), 2);
        let tee = &docs[0];
        assert_eq!(
            (tee.id.as_str(), tee.kind, tee.title.as_str()),
            ("tee", DocumentKind::Product, "Organic cotton tee")
        );
        let mut categories = tee.category_ids.clone();
        categories.sort();
        assert_eq!(categories, ["clothing", "t-shirts"]);
        for word in ["Soft and breathable.", "red navy", "S M", "T-shirts", "Clothing"] {
            assert!(tee.body.contains(word), "{word:?} missing from {:?}", tee.body);
        }
        assert_eq!(tee.facets["colour"], ["red", "navy"]);
        assert_eq!(tee.popularity, 42);
        assert_eq!(docs[1].popularity, 0);
        assert_eq!(docs[1].category_ids, ["mugs"]);
        assert!(docs.iter().all(|d| d.validate().is_ok() && d.locale == KnowledgeLocale::En));
    }
}
