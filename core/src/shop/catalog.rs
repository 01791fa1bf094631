//! Catalog use cases: publish a whole catalog, or add, change and archive one product at a time
//! (each edit stored alone as the next version), set the stock on the shelf, tell shoppers what is
//! available from live stock and list what runs low.

use crate::catalog::{Catalog, CatalogData, CatalogEdit, Product};
use crate::store::{StockLevel, StoreError, VariantStock, Versioned};

use super::shelf::{LiveShelf, VariantAvailability};
use super::{Shop, ShopError};

/// How many times an edit that raced another publisher is tried.
const PUBLISH_ATTEMPTS: u32 = 5;
/// The most variants one availability query answers.
const AVAILABILITY_LIMIT: usize = 1_000;
/// The most variants on the low-stock work list.
const LOW_STOCK_LIMIT: u32 = 1_000;

/// The catalog. Get it from [`Shop::catalog`].
#[derive(Debug, Clone, Copy)]
pub struct CatalogUseCases<'a> {
    pub(super) shop: &'a Shop,
}

impl CatalogUseCases<'_> {
    /// Validates and publishes `data` as the next catalog snapshot; returns its version.
    pub async fn publish(&self, data: CatalogData) -> Result<u64, ShopError> {
        let catalog = Catalog::new(data)?;
        let current = self.shop.store().catalog_version().await?;
        Ok(self.shop.store().publish_catalog(&catalog, current).await?)
    }

    /// Imports a supplier's feed: publishes `data` as the next snapshot, then sets the units on
    /// the shelf of every variant whose `stock` the feed gives (untracked variants stay untracked);
    /// returns the catalog's version.
    pub async fn import(&self, data: CatalogData) -> Result<u64, ShopError> {
        let stock: Vec<(String, u32)> = data
            .products
            .iter()
            .flat_map(|p| &p.variants)
            .filter_map(|v| v.stock.map(|units| (v.id.clone(), units)))
            .collect();
        let version = self.publish(data).await?;
        for (variant_id, units) in stock {
            self.set_stock(&variant_id, u64::from(units)).await?;
        }
        Ok(version)
    }

    /// The published catalog with its version; [`ShopError::NotSetUp`] before the first publish.
    pub async fn current(&self) -> Result<Versioned<Catalog>, ShopError> {
        self.shop.store().current_catalog().await?.ok_or(ShopError::NotSetUp { what: "catalog" })
    }

    /// Adds `product`, or replaces the product with its id; returns the new catalog version. Only
    /// the product is written (see [`CatalogEdit`]).
    pub async fn upsert_product(&self, product: Product) -> Result<u64, ShopError> {
        self.edit(CatalogEdit::UpsertProduct { product }).await
    }

    /// Takes product `product_id` off sale (earlier orders keep their copy); returns the new version.
    pub async fn archive_product(&self, product_id: &str) -> Result<u64, ShopError> {
        self.edit(CatalogEdit::ArchiveProduct { product_id: product_id.to_owned() }).await
    }

    /// Sets the units of `variant_id` on the shelf; refused below the units held for orders.
    pub async fn set_stock(&self, variant_id: &str, on_hand: u64) -> Result<(), ShopError> {
        Ok(self.shop.store().set_stock(variant_id, on_hand).await?)
    }

    /// The stock of `variant_id`, if it is tracked.
    pub async fn stock(&self, variant_id: &str) -> Result<Option<StockLevel>, ShopError> {
        Ok(self.shop.store().stock_level(variant_id).await?)
    }

    /// What shoppers are told about `variant_ids` now (at most 1,000, in the order asked), from live
    /// stock: in stock, low, backorder or pre-order with its expected date, out of stock, and how
    /// many units can still be ordered.
    pub async fn availability(&self, variant_ids: &[String]) -> Result<Vec<VariantAvailability>, ShopError> {
        if variant_ids.len() > AVAILABILITY_LIMIT {
            return Err(ShopError::invalid("variant_ids", "at most 1000 variants at a time"));
        }
        let pricer = self.shop.pricer().await?;
        let low_stock_at = self.shop.settings().await?.low_stock_at;
        let shelf = LiveShelf::read(self.shop.store().as_ref(), variant_ids.iter().map(String::as_str)).await?;
        variant_ids
            .iter()
            .map(|id| match pricer.catalog().variant(id) {
                Some((_, variant)) => Ok(shelf.availability(variant, low_stock_at)),
                None => Err(ShopError::not_found("variant", id)),
            })
            .collect()
    }

    /// The low-stock work list: tracked variants with the settings' `low_stock_at` units or fewer
    /// free to sell, fewest first.
    pub async fn low_stock(&self) -> Result<Vec<VariantStock>, ShopError> {
        let at_most = self.shop.settings().await?.low_stock_at;
        Ok(self.shop.store().low_stock(at_most, LOW_STOCK_LIMIT).await?)
    }

    /// Checks `edit` against the latest catalog and publishes it, again on a race; an edit that
    /// changes nothing (archiving an unknown product) is [`ShopError::NotFound`].
    async fn edit(&self, edit: CatalogEdit) -> Result<u64, ShopError> {
        let store = self.shop.store();
        let mut attempt = 1;
        loop {
            let current = self.current().await?;
            let mut data = current.value.data().clone();
            if !edit.apply(&mut data) {
                return Err(ShopError::not_found("product", edit.product_id()));
            }
            match store.publish_catalog_edit(&edit, &Catalog::new(data)?, current.version).await {
                Err(StoreError::Conflict { .. }) if attempt < PUBLISH_ATTEMPTS => attempt += 1,
                outcome => return Ok(outcome?),
            }
        }
    }
}
