//! Postal addresses on an account: validated input, and the default shipping / billing flags
//! (at most one address holds each).

use serde::{Deserialize, Serialize};

use super::country::Country;
use super::error::CustomerError;
use super::phone::Phone;

/// Most street lines an address may have.
const MAX_LINES: usize = 3;
/// Longest postal code accepted (the longest in use have 10 characters with separators).
const MAX_POSTAL_CODE: usize = 12;

/// An address as typed in: unchecked text, validated by [`Address::from_input`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AddressInput {
    /// Recipient (person or company) name.
    pub name: String,
    /// Street lines, 1 to 3.
    pub lines: Vec<String>,
    /// City or town.
    pub city: String,
    /// Postal code.
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Region, state or province, where the country uses one.
    #[serde(default)]
    pub region: Option<String>,
    /// Phone for the courier, in international form.
    #[serde(default)]
    pub phone: Option<String>,
    /// Make this the default shipping address.
    #[serde(default)]
    pub default_shipping: bool,
    /// Make this the default billing address.
    #[serde(default)]
    pub default_billing: bool,
}

/// A validated postal address on a customer account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "CustomerAddress"))]
pub struct Address {
    /// UUIDv7 id.
    pub id: String,
    /// Recipient (person or company) name.
    pub name: String,
    /// Street lines, 1 to 3, trimmed.
    pub lines: Vec<String>,
    /// City or town.
    pub city: String,
    /// Postal code, trimmed.
    pub postal_code: String,
    /// The country.
    pub country: Country,
    /// Region, state or province, if any.
    pub region: Option<String>,
    /// Phone for the courier, if any.
    pub phone: Option<Phone>,
    /// Whether this is the default shipping address.
    pub default_shipping: bool,
    /// Whether this is the default billing address.
    pub default_billing: bool,
}

impl Address {
    /// Validates `input` into an address with the given id; errors name the field as `address.<field>`.
    pub fn from_input(id: String, input: AddressInput) -> Result<Address, CustomerError> {
        Ok(Address {
            id,
            name: required("address.name", &input.name)?,
            lines: lines(&input.lines)?,
            city: required("address.city", &input.city)?,
            postal_code: postal_code(&input.postal_code)?,
            country: Country::parse(&input.country, "address.country")?,
            region: optional(input.region.as_deref()),
            phone: input.phone.as_deref().map(|p| Phone::parse(p, "address.phone")).transpose()?,
            default_shipping: input.default_shipping,
            default_billing: input.default_billing,
        })
    }
}

fn required(field: &str, text: &str) -> Result<String, CustomerError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(CustomerError::invalid(field, "must not be empty"));
    }
    Ok(trimmed.to_owned())
}

fn optional(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

fn lines(lines: &[String]) -> Result<Vec<String>, CustomerError> {
    if lines.is_empty() || lines.len() > MAX_LINES {
        return Err(CustomerError::invalid("address.lines", "must have 1 to 3 lines"));
    }
    lines.iter().enumerate().map(|(index, line)| required(&format!("address.lines[{index}]"), line)).collect()
}

fn postal_code(text: &str) -> Result<String, CustomerError> {
    let code = required("address.postal_code", text)?;
    let valid_chars = code.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    if code.len() > MAX_POSTAL_CODE || !valid_chars {
        return Err(CustomerError::invalid(
            "address.postal_code",
            "must be up to 12 letters, digits, spaces or dashes",
        ));
    }
    Ok(code)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sofia() -> AddressInput {
        AddressInput {
            name: "Ana Petrova".into(),
            lines: vec!["ul. Vitosha 1".into(), " ap. 5 ".into()],
            city: "Sofia".into(),
            postal_code: "1000".into(),
            country: "bg".into(),
            region: None,
            phone: Some("+359 888 123 456".into()),
            default_shipping: false,
            default_billing: false,
        }
    }

    fn field_of(input: AddressInput) -> String {
        match Address::from_input("a".into(), input).unwrap_err() {
            CustomerError::InvalidField { field, .. } | CustomerError::UnknownCountry { field, .. } => field,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn valid_input_is_normalised() {
        let address = Address::from_input("a1".into(), sofia()).unwrap();
        assert_eq!(address.lines, vec!["ul. Vitosha 1", "ap. 5"]);
        assert_eq!(address.country.code(), "BG");
        assert_eq!(address.phone.unwrap().as_str(), "+359888123456");
        assert_eq!(address.region, None);
    }

    #[test]
    fn blank_region_becomes_none_and_a_region_is_kept() {
        let blank = Address::from_input("a".into(), AddressInput { region: Some("  ".into()), ..sofia() }).unwrap();
        assert_eq!(blank.region, None);
        let kept = Address::from_input("a".into(), AddressInput { region: Some(" CA ".into()), ..sofia() }).unwrap();
        assert_eq!(kept.region.as_deref(), Some("CA"));
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(field_of(AddressInput { name: " ".into(), ..sofia() }), "address.name");
        assert_eq!(field_of(AddressInput { lines: vec![], ..sofia() }), "address.lines");
        assert_eq!(field_of(AddressInput { lines: vec!["a".into(); 4], ..sofia() }), "address.lines");
        assert_eq!(field_of(AddressInput { lines: vec!["a".into(), "".into()], ..sofia() }), "address.lines[1]");
        assert_eq!(field_of(AddressInput { city: "".into(), ..sofia() }), "address.city");
        assert_eq!(field_of(AddressInput { postal_code: "".into(), ..sofia() }), "address.postal_code");
        assert_eq!(field_of(AddressInput { postal_code: "10/00".into(), ..sofia() }), "address.postal_code");
        assert_eq!(field_of(AddressInput { postal_code: "1234567890123".into(), ..sofia() }), "address.postal_code");
        assert_eq!(field_of(AddressInput { country: "XX".into(), ..sofia() }), "address.country");
        assert_eq!(field_of(AddressInput { phone: Some("0888".into()), ..sofia() }), "address.phone");
    }
}
