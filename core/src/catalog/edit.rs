//! One change to the catalog's products, stored on its own on top of the last whole snapshot, so a
//! product edit writes one product rather than the catalog; replaying the edits rebuilds a version.

use serde::{Deserialize, Serialize};

use super::{Catalog, CatalogData, CatalogError, Product};

/// A change to one product of the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum CatalogEdit {
    /// The product is added, or replaces the product with its id.
    UpsertProduct {
        /// The product as it is now.
        product: Product,
    },
    /// The product is taken off sale (orders keep their copy).
    ArchiveProduct {
        /// The product's id.
        product_id: String,
    },
}

impl CatalogEdit {
    /// The id of the product edited.
    pub fn product_id(&self) -> &str {
        match self {
            CatalogEdit::UpsertProduct { product } => &product.id,
            CatalogEdit::ArchiveProduct { product_id } => product_id,
        }
    }

    /// Applies the edit to `data`; whether it changed anything (archiving an unknown product does not).
    pub fn apply(&self, data: &mut CatalogData) -> bool {
        match self {
            CatalogEdit::UpsertProduct { product } => {
                match data.products.iter_mut().find(|p| p.id == product.id) {
                    Some(existing) => *existing = product.clone(),
                    None => data.products.push(product.clone()),
                }
                true
            }
            CatalogEdit::ArchiveProduct { product_id } => {
                let before = data.products.len();
                data.products.retain(|p| &p.id != product_id);
                data.products.len() != before
            }
        }
    }
}

impl Catalog {
    /// `self` with `edits` applied in order, validated and indexed again.
    pub fn with_edits<'a>(&self, edits: impl IntoIterator<Item = &'a CatalogEdit>) -> Result<Catalog, CatalogError> {
        let mut data = self.data.clone();
        for edit in edits {
            edit.apply(&mut data);
        }
        Catalog::new(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::eur;

    fn catalog() -> Catalog {
        let data = CatalogData {
            products: vec![
                Product::simple("mug", "Mug", "mug-1", eur(990)),
                Product::simple("tee", "Tee", "tee-1", eur(2000)),
            ],
            ..CatalogData::default()
        };
        Catalog::new(data).unwrap()
    }

    #[test]
    fn edits_replace_add_and_archive_in_order() {
        let dearer = Product::simple("mug", "Mug", "mug-1", eur(1290));
        let honey = Product::simple("honey", "Honey", "honey-1", eur(999));
        let edits = [
            CatalogEdit::UpsertProduct { product: dearer.clone() },
            CatalogEdit::UpsertProduct { product: honey.clone() },
            CatalogEdit::ArchiveProduct { product_id: "tee".into() },
        ];
        let edited = catalog().with_edits(&edits).unwrap();
        assert_eq!(edited.products(), [dearer, honey]);
        let mut data = edited.data().clone();
        assert!(!CatalogEdit::ArchiveProduct { product_id: "tee".into() }.apply(&mut data), "already gone");
    }

    #[test]
    fn an_edit_that_breaks_the_catalog_is_refused() {
        let clash = Product::simple("honey", "Honey", "mug-1", eur(999));
        assert!(catalog().with_edits(&[CatalogEdit::UpsertProduct { product: clash }]).is_err(), "variant id taken");
    }

    #[test]
    fn edits_round_trip_as_json() {
        let edit = CatalogEdit::ArchiveProduct { product_id: "tee".into() };
        let json = serde_json::to_string(&edit).unwrap();
        assert_eq!(json, r#"{"edit":"archive_product","product_id":"tee"}"#);
        assert_eq!(serde_json::from_str::<CatalogEdit>(&json).unwrap(), edit);
    }
}
