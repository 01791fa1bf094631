//! Step 2 of checkout: where the order goes, by which shipping method, and how the shopper will pay.

use serde::{Deserialize, Serialize};

use super::{Address, CheckoutError};
use crate::payment::PaymentMethod;

/// The shopper's delivery and payment choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryDetails {
    /// Where to deliver.
    pub address: Address,
    /// The shipping method chosen, by id (one of the store's pricing rules).
    pub shipping_method_id: String,
    /// How the shopper will pay.
    pub payment_method: PaymentMethod,
}

impl DeliveryDetails {
    /// The details with the address validated and the shipping method id trimmed and required.
    pub fn validated(self) -> Result<DeliveryDetails, CheckoutError> {
        let shipping_method_id = self.shipping_method_id.trim().to_owned();
        if shipping_method_id.is_empty() {
            return Err(CheckoutError::invalid("delivery.shipping_method_id", "is required"));
        }
        Ok(DeliveryDetails {
            address: self.address.validated()?,
            shipping_method_id,
            payment_method: self.payment_method,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::address::sample_address;

    #[test]
    fn shipping_method_is_required_and_address_checked() {
        let details = |id: &str, country: &str| DeliveryDetails {
            address: Address { country: country.into(), ..sample_address() },
            shipping_method_id: id.into(),
            payment_method: PaymentMethod::Card,
        };
        assert_eq!(details(" courier ", "bg").validated().unwrap().shipping_method_id, "courier");
        let err = details(" ", "BG").validated().unwrap_err();
        assert!(matches!(&err, CheckoutError::InvalidField { field, .. } if field == "delivery.shipping_method_id"));
        let err = details("courier", "Bulgaria").validated().unwrap_err();
        assert!(matches!(&err, CheckoutError::InvalidField { field, .. } if field == "address.country"));
    }
}
