//! The ways a shopper can choose to pay at checkout; the choice decides how an order starts
//! (a bank transfer waits for the money, cash on delivery goes straight to fulfilment).

use serde::{Deserialize, Serialize};

/// A payment method the shopper chooses at checkout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// A payment card through a gateway (may need 3-D Secure).
    Card,
    /// A bank transfer quoting the order's payment reference.
    BankTransfer,
    /// Cash (or card) paid to the courier on delivery.
    CashOnDelivery,
    /// A digital wallet or the shop's store credit.
    Wallet,
    /// A gift card.
    GiftCard,
}

impl PaymentMethod {
    /// The snake_case name (`card`, `bank_transfer`, `cash_on_delivery`, `wallet`, `gift_card`).
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Card => "card",
            PaymentMethod::BankTransfer => "bank_transfer",
            PaymentMethod::CashOnDelivery => "cash_on_delivery",
            PaymentMethod::Wallet => "wallet",
            PaymentMethod::GiftCard => "gift_card",
        }
    }

    /// Whether the shop holds the money itself (store credit, a gift card): taken and given back
    /// on its own ledger, with no gateway.
    pub fn is_stored_value(self) -> bool {
        matches!(self, PaymentMethod::Wallet | PaymentMethod::GiftCard)
    }
}
