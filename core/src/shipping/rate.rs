//! Rate quotes: what a courier offers for a parcel between two addresses, each service with its
//! price and estimated delivery window.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{CarrierWarning, Parcel};
use crate::delivery::Address;
use crate::delivery::DeliveryWindow;

/// What to quote for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RateRequest {
    /// The parcel.
    pub parcel: Parcel,
    /// Where it is collected.
    pub from: Address,
    /// Where it goes.
    pub to: Address,
    /// When it is ready to leave (estimates count from here).
    pub ready_at: Timestamp,
}

/// One service offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RateOption {
    /// The courier's service code (`standard`, `express`, `slot:2026-03-02-am`).
    pub service: String,
    /// Name shown to the shopper.
    pub name: String,
    /// What the courier charges.
    pub price: crate::money::Money,
    /// When it should arrive.
    pub estimated_delivery: DeliveryWindow,
}

/// A courier's answer to a [`RateRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RateQuote {
    /// The services, cheapest first.
    pub options: Vec<RateOption>,
    /// The carrier's remarks.
    pub warnings: Vec<CarrierWarning>,
}

impl RateQuote {
    /// A quote with its options sorted cheapest first (ties by earliest delivery).
    pub fn sorted(mut options: Vec<RateOption>, warnings: Vec<CarrierWarning>) -> RateQuote {
        options.sort_by_key(|o| (o.price.minor(), o.estimated_delivery.start));
        RateQuote { options, warnings }
    }

    /// The cheapest option.
    pub fn cheapest(&self) -> Option<&RateOption> {
        self.options.first()
    }

    /// The option arriving soonest.
    pub fn fastest(&self) -> Option<&RateOption> {
        self.options.iter().min_by_key(|o| o.estimated_delivery.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::fixtures::{at, eur};

    fn option(service: &str, minor: i64, days: i64) -> RateOption {
        let window = DeliveryWindow::new(at(days * 86_400 - 3600), at(days * 86_400)).unwrap();
        RateOption { service: service.into(), name: service.into(), price: eur(minor), estimated_delivery: window }
    }

    #[test]
    fn options_are_sorted_cheapest_first_and_the_fastest_is_found() {
        let quote = RateQuote::sorted(
            vec![option("express", 990, 1), option("economy", 390, 5), option("standard", 490, 3)],
            vec![],
        );
        let services: Vec<_> = quote.options.iter().map(|o| o.service.as_str()).collect();
        assert_eq!(services, ["economy", "standard", "express"]);
        assert_eq!(quote.cheapest().unwrap().price, eur(390));
        assert_eq!(quote.fastest().unwrap().service, "express");
        assert_eq!(RateQuote::sorted(vec![], vec![]).cheapest(), None);
    }
}
