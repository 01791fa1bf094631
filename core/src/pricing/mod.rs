//! The pricing engine: a pure, synchronous function of (cart, catalog, rules, context) returning a
//! priced cart. Pipeline: unit prices -> promotions -> shipping -> packaging -> tax -> totals
//! (docs/pricing-rules.md).

mod actions;
mod charges;
mod compile;
mod context;
mod engine;
mod error;
mod limits;
mod output;
mod promotions;
mod result;
mod unit_price;
mod units;

use serde::{Deserialize, Serialize};

pub use context::{PricingContext, PricingRules};
pub use engine::Pricer;
pub use error::PricingError;
pub use result::{
    AppliedPromotion, LineShare, PricedCart, PricedLine, PricedPackaging, PricedShipping, RejectedCoupon, Totals,
};

use crate::cart::Cart;
use crate::catalog::Catalog;

/// Everything one pricing needs, as one serialisable value: the form of the conformance vectors and of
/// the bindings' `price_json` call.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PricingInput {
    /// The catalog snapshot.
    pub catalog: Catalog,
    /// Promotions, tax, shipping methods and rounding.
    #[serde(default)]
    pub rules: PricingRules,
    /// Who, where, when.
    pub context: PricingContext,
    /// The cart.
    pub cart: Cart,
}

impl PricingInput {
    /// Prices the cart.
    pub fn price(&self) -> Result<PricedCart, PricingError> {
        Pricer::new(self.catalog.clone(), self.rules.clone())?.price(&self.cart, &self.context)
    }
}

/// Prices a [`PricingInput`] given as JSON and returns the priced cart as JSON: the one entry point
/// every binding shares, so all languages print the same bytes.
pub fn price_json(input: &str) -> Result<String, PricingError> {
    let input: PricingInput = serde_json::from_str(input)
        .map_err(|e| PricingError::InvalidInput { field: "input".to_owned(), reason: e.to_string() })?;
    let priced = input.price()?;
    serde_json::to_string(&priced)
        .map_err(|e| PricingError::InvalidInput { field: "output".to_owned(), reason: e.to_string() })
}
#[cfg(test)]
mod regressions;
