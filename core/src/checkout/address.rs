//! Checkout's validation of a delivery address: trims every field, upper-cases the country and names
//! the first field at fault.

use super::CheckoutError;
use crate::delivery::{Address, MAX_ADDRESS_FIELD_CHARS};

impl Address {
    /// The address with every field trimmed (blank optional fields become `None`) and the country
    /// upper-cased; errors on a missing or over-long field or a country that is not two letters.
    pub fn validated(self) -> Result<Address, CheckoutError> {
        let country = self.country.trim().to_ascii_uppercase();
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(CheckoutError::invalid("address.country", "must be a two-letter ISO 3166-1 code"));
        }
        Ok(Address {
            recipient: required(&self.recipient, "address.recipient")?,
            line1: required(&self.line1, "address.line1")?,
            line2: optional(self.line2.as_deref(), "address.line2")?,
            city: required(&self.city, "address.city")?,
            postal_code: required(&self.postal_code, "address.postal_code")?,
            region: optional(self.region.as_deref(), "address.region")?,
            country,
        })
    }
}

fn required(text: &str, field: &str) -> Result<String, CheckoutError> {
    optional(Some(text), field)?.ok_or_else(|| CheckoutError::invalid(field, "is required"))
}

fn optional(text: Option<&str>, field: &str) -> Result<Option<String>, CheckoutError> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) if text.chars().count() > MAX_ADDRESS_FIELD_CHARS => {
            Err(CheckoutError::invalid(field, "is longer than 200 characters"))
        }
        Some(text) => Ok(Some(text.to_owned())),
    }
}

#[cfg(test)]
pub(crate) fn sample_address() -> Address {
    Address {
        recipient: "Ana Petrova".into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: "1000".into(),
        region: None,
        country: "BG".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_trimmed_and_country_upper_cased() {
        let address = Address {
            recipient: " Ana ".into(),
            line2: Some("  ".into()),
            region: Some(" Sofia-grad ".into()),
            country: "bg".into(),
            ..sample_address()
        };
        let valid = address.validated().unwrap();
        assert_eq!(valid.recipient, "Ana");
        assert_eq!(valid.line2, None);
        assert_eq!(valid.region.as_deref(), Some("Sofia-grad"));
        assert_eq!(valid.country, "BG");
    }

    #[test]
    fn missing_or_bad_fields_are_named() {
        let cases = [
            (Address { city: " ".into(), ..sample_address() }, "address.city"),
            (Address { line1: String::new(), ..sample_address() }, "address.line1"),
            (Address { postal_code: "x".repeat(201), ..sample_address() }, "address.postal_code"),
            (Address { country: "BGR".into(), ..sample_address() }, "address.country"),
            (Address { country: "B1".into(), ..sample_address() }, "address.country"),
        ];
        for (address, expected) in cases {
            let err = address.validated().unwrap_err();
            assert!(matches!(&err, CheckoutError::InvalidField { field, .. } if field == expected), "{err}");
        }
    }
}
