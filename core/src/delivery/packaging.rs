//! Packaging options the shop offers (gift wrap, discreet packaging) with their price, and how a
//! cart's `gift_wrap` / `discreet_packaging` choices map to them as charges.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::DeliveryError;
use crate::cart::Cart;
use crate::money::{Currency, Money};

/// A kind of special packaging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PackagingKind {
    /// Gift wrapped, with the cart's gift message on a card.
    GiftWrap,
    /// Plain box, no shop branding or content list outside; the label shows no shop name.
    Discreet,
}

impl PackagingKind {
    /// The kind's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            PackagingKind::GiftWrap => "gift_wrap",
            PackagingKind::Discreet => "discreet",
        }
    }

    /// The kinds `cart` asks for (`gift_wrap` set, `discreet_packaging` true), in that order.
    pub fn requested_by(cart: &Cart) -> Vec<PackagingKind> {
        let gift = cart.gift_wrap.as_ref().map(|_| PackagingKind::GiftWrap);
        let discreet = cart.discreet_packaging.then_some(PackagingKind::Discreet);
        gift.into_iter().chain(discreet).collect()
    }

    /// The cart field that asks for this kind (`cart.gift_wrap`, `cart.discreet_packaging`).
    pub fn cart_field(self) -> &'static str {
        match self {
            PackagingKind::GiftWrap => "cart.gift_wrap",
            PackagingKind::Discreet => "cart.discreet_packaging",
        }
    }
}

impl fmt::Display for PackagingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Packaging the shop offers, and its price (zero when free). A shop selling in several currencies
/// lists one option per kind and currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PackagingOption {
    /// What it is.
    pub kind: PackagingKind,
    /// Name shown to the shopper.
    pub name: String,
    /// Price per order.
    pub price: Money,
    /// The tax category its charge is taxed under (default `packaging`: the region's general rate
    /// unless a rule names this category).
    #[serde(default = "packaging_tax_category")]
    pub tax_category: String,
}

impl PackagingOption {
    /// An option taxed under the default `packaging` category.
    pub fn new(kind: PackagingKind, name: impl Into<String>, price: Money) -> PackagingOption {
        PackagingOption { kind, name: name.into(), price, tax_category: packaging_tax_category() }
    }
}

fn packaging_tax_category() -> String {
    "packaging".to_owned()
}

/// One packaging charge of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PackagingCharge {
    /// What it is.
    pub kind: PackagingKind,
    /// Name shown to the shopper.
    pub name: String,
    /// Its price.
    pub price: Money,
    /// The gift message to print, for gift wrap.
    pub gift_message: Option<String>,
}

/// The position in `offered` of the option of `kind` priced in `currency`.
pub fn option_for(offered: &[PackagingOption], kind: PackagingKind, currency: Currency) -> Option<usize> {
    offered.iter().position(|o| o.kind == kind && o.price.currency() == currency)
}

/// The packaging charges of `cart` from what the shop `offered` (the option in the cart's currency
/// when there is one per currency); errors when the cart asks for
/// packaging not offered or priced in another currency than the cart's.
pub fn packaging_for_cart(cart: &Cart, offered: &[PackagingOption]) -> Result<Vec<PackagingCharge>, DeliveryError> {
    PackagingKind::requested_by(cart).into_iter().map(|kind| charge(cart, offered, kind)).collect()
}

fn charge(cart: &Cart, offered: &[PackagingOption], kind: PackagingKind) -> Result<PackagingCharge, DeliveryError> {
    let in_currency = option_for(offered, kind, cart.currency).map(|at| &offered[at]);
    let option = in_currency
        .or_else(|| offered.iter().find(|o| o.kind == kind))
        .ok_or(DeliveryError::PackagingUnavailable { kind })?;
    option.price.checked_add(&Money::zero(cart.currency))?;
    let gift_message = match kind {
        PackagingKind::GiftWrap => cart.gift_wrap.as_ref().and_then(|g| g.message.clone()),
        PackagingKind::Discreet => None,
    };
    Ok(PackagingCharge { kind, name: option.name.clone(), price: option.price, gift_message })
}

/// The sum of `charges`, zero in `currency` when there are none.
pub fn packaging_total(charges: &[PackagingCharge], currency: Currency) -> Result<Money, DeliveryError> {
    charges.iter().try_fold(Money::zero(currency), |sum, c| Ok(sum.checked_add(&c.price)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::GiftWrap;
    use crate::delivery::fixtures::eur;
    use crate::money::Currency;

    fn offered() -> Vec<PackagingOption> {
        vec![
            PackagingOption::new(PackagingKind::GiftWrap, "Gift wrap", eur(350)),
            PackagingOption::new(PackagingKind::Discreet, "Plain box", eur(0)),
        ]
    }

    #[test]
    fn a_plain_cart_has_no_packaging_charges() {
        let cart = Cart::new(Currency::EUR, None);
        assert!(packaging_for_cart(&cart, &offered()).unwrap().is_empty());
        assert_eq!(packaging_total(&[], Currency::EUR).unwrap(), eur(0));
    }

    #[test]
    fn gift_wrap_and_discreet_choices_map_to_priced_charges() {
        let mut cart = Cart::new(Currency::EUR, None);
        cart.set_gift_wrap(Some(GiftWrap { message: Some("For Maria".into()) })).unwrap();
        cart.set_discreet_packaging(true);
        let charges = packaging_for_cart(&cart, &offered()).unwrap();
        let kinds: Vec<_> = charges.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![PackagingKind::GiftWrap, PackagingKind::Discreet]);
        assert_eq!(charges[0].gift_message.as_deref(), Some("For Maria"));
        assert_eq!(charges[1].gift_message, None);
        assert_eq!(packaging_total(&charges, Currency::EUR).unwrap(), eur(350));
    }

    #[test]
    fn the_option_in_the_carts_currency_is_charged_when_there_is_one_per_currency() {
        let mut cart = Cart::new(Currency::EUR, None);
        cart.set_gift_wrap(Some(GiftWrap { message: None })).unwrap();
        let usd = PackagingOption::new(PackagingKind::GiftWrap, "Wrap", Money::from_minor(400, Currency::USD));
        let charges = packaging_for_cart(&cart, &[usd, offered()[0].clone()]).unwrap();
        assert_eq!(charges[0].price, eur(350));
    }

    #[test]
    fn packaging_not_offered_or_in_another_currency_is_refused() {
        let mut cart = Cart::new(Currency::EUR, None);
        cart.set_discreet_packaging(true);
        assert_eq!(
            packaging_for_cart(&cart, &offered()[..1]),
            Err(DeliveryError::PackagingUnavailable { kind: PackagingKind::Discreet })
        );
        let usd = [PackagingOption::new(PackagingKind::Discreet, "Plain", Money::from_minor(100, Currency::USD))];
        assert!(matches!(packaging_for_cart(&cart, &usd), Err(DeliveryError::Money(_))));
    }
}
