//! What a gateway can do, so the engine (and the shop's back office) only offers what it supports:
//! separate capture, partial and multiple captures, partial refunds, voids, 3-D Secure, webhooks.

use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// The features a gateway supports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GatewayCapabilities {
    /// Authorize now and capture later (otherwise only purchase).
    pub separate_capture: bool,
    /// Capture less than authorized.
    pub partial_capture: bool,
    /// Capture an authorization in several parts.
    pub multiple_captures: bool,
    /// Refund part of what was captured.
    pub partial_refund: bool,
    /// Release an authorization.
    pub void: bool,
    /// Check a payment method without moving money.
    pub verify: bool,
    /// 3-D Secure or redirects (`requires_action` results and `complete_action`).
    pub actions: bool,
    /// Signed webhooks.
    pub webhooks: bool,
    /// Currencies accepted; empty means any.
    pub currencies: Vec<Currency>,
}

impl GatewayCapabilities {
    /// Whether payments in `currency` are accepted.
    pub fn supports_currency(&self, currency: Currency) -> bool {
        self.currencies.is_empty() || self.currencies.contains(&currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_currency_list_accepts_any() {
        let any = GatewayCapabilities::default();
        assert!(any.supports_currency(Currency::JPY));
        let eur_only = GatewayCapabilities { currencies: vec![Currency::EUR], ..Default::default() };
        assert!(eur_only.supports_currency(Currency::EUR) && !eur_only.supports_currency(Currency::USD));
    }
}
