//! Step 2 of checkout: where the order goes, by which shipping method (with the pickup point, time
//! slot or courier service the shopper picked), and how the shopper will pay.

use super::CheckoutError;
use crate::order::DeliveryDetails;

/// Most characters in a pickup point, slot or service id.
const MAX_CHOICE_CHARS: usize = 100;

impl DeliveryDetails {
    /// The details with the address validated, the shipping method id trimmed and required, and the
    /// optional choices trimmed (blank is none) and at most 100 characters.
    pub fn validated(self) -> Result<DeliveryDetails, CheckoutError> {
        let shipping_method_id = self.shipping_method_id.trim().to_owned();
        if shipping_method_id.is_empty() {
            return Err(CheckoutError::invalid("delivery.shipping_method_id", "is required"));
        }
        Ok(DeliveryDetails {
            address: self.address.validated()?,
            shipping_method_id,
            payment_method: self.payment_method,
            pickup_point_id: choice(self.pickup_point_id, "delivery.pickup_point_id")?,
            slot_id: choice(self.slot_id, "delivery.slot_id")?,
            courier_service: choice(self.courier_service, "delivery.courier_service")?,
        })
    }
}

/// An optional choice trimmed, `None` when blank, refused when longer than [`MAX_CHOICE_CHARS`].
fn choice(value: Option<String>, field: &str) -> Result<Option<String>, CheckoutError> {
    let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > MAX_CHOICE_CHARS {
        return Err(CheckoutError::invalid(field, &format!("is longer than {MAX_CHOICE_CHARS} characters")));
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::address::sample_address;
    use crate::delivery::Address;
    use crate::order::PaymentMethod;

    fn details(id: &str, country: &str) -> DeliveryDetails {
        let address = Address { country: country.into(), ..sample_address() };
        DeliveryDetails::new(address, id, PaymentMethod::Card)
    }

    #[test]
    fn shipping_method_is_required_and_address_checked() {
        assert_eq!(details(" courier ", "bg").validated().unwrap().shipping_method_id, "courier");
        let err = details(" ", "BG").validated().unwrap_err();
        assert!(matches!(&err, CheckoutError::InvalidField { field, .. } if field == "delivery.shipping_method_id"));
        let err = details("courier", "Bulgaria").validated().unwrap_err();
        assert!(matches!(&err, CheckoutError::InvalidField { field, .. } if field == "address.country"));
    }

    #[test]
    fn pickup_point_slot_and_service_are_trimmed_blank_is_none_and_length_is_bounded() {
        let chosen = DeliveryDetails {
            pickup_point_id: Some(" box-17 ".into()),
            slot_id: Some("  ".into()),
            courier_service: Some("express".into()),
            ..details("pickup", "BG")
        };
        let valid = chosen.validated().unwrap();
        assert_eq!(valid.pickup_point_id.as_deref(), Some("box-17"));
        assert_eq!((valid.slot_id, valid.courier_service.as_deref()), (None, Some("express")));
        let long = DeliveryDetails { slot_id: Some("s".repeat(101)), ..details("courier", "BG") };
        let err = long.validated().unwrap_err();
        assert!(matches!(&err, CheckoutError::InvalidField { field, .. } if field == "delivery.slot_id"), "{err}");
    }

    #[test]
    fn json_without_the_choices_still_reads_and_none_are_left_out() {
        let plain = details("courier", "BG");
        let json = serde_json::to_value(&plain).unwrap();
        assert!(json.get("pickup_point_id").is_none() && json.get("slot_id").is_none(), "{json}");
        assert_eq!(serde_json::from_value::<DeliveryDetails>(json).unwrap(), plain);
    }
}
