//! Shipping zones: where a courier or delivery method serves, as countries, optionally narrowed to
//! regions and postal-code prefixes (`BG` / `1000`-`1799` as prefix `1`).

use serde::{Deserialize, Serialize};

use super::Address;
use super::DeliveryError;
use crate::customer::Country;

/// An area served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShippingZone {
    /// Unique id.
    pub id: String,
    /// Name shown in the back office.
    pub name: String,
    /// Countries it covers (at least one).
    pub countries: Vec<Country>,
    /// Regions it is limited to (matched case-insensitively); empty means the whole countries.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Postal-code prefixes it is limited to (spaces ignored, case-insensitive); empty means all.
    #[serde(default)]
    pub postal_prefixes: Vec<String>,
}

impl ShippingZone {
    /// A zone over whole countries, given by ISO code; errors name the bad code (`zone.countries[1]`).
    pub fn countries(id: &str, name: &str, codes: &[&str]) -> Result<ShippingZone, DeliveryError> {
        let countries = codes
            .iter()
            .enumerate()
            .map(|(i, code)| {
                Country::parse(code, "zone.countries").map_err(|_| {
                    DeliveryError::invalid(format!("zone.countries[{i}]"), "is not an ISO 3166-1 alpha-2 country code")
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        ShippingZone { id: id.to_owned(), name: name.to_owned(), countries, regions: vec![], postal_prefixes: vec![] }
            .validated()
    }

    /// The zone narrowed to postal codes starting with one of `prefixes`.
    pub fn with_postal_prefixes(mut self, prefixes: &[&str]) -> Result<ShippingZone, DeliveryError> {
        self.postal_prefixes = prefixes.iter().map(|p| compact(p)).collect();
        self.validated()
    }

    /// Checks the zone: an id, at least one country, no blank region or prefix.
    pub fn validated(self) -> Result<ShippingZone, DeliveryError> {
        if self.id.trim().is_empty() {
            return Err(DeliveryError::invalid("zone.id", "is required"));
        }
        if self.countries.is_empty() {
            return Err(DeliveryError::invalid("zone.countries", "must list at least one country"));
        }
        if let Some(i) = self.regions.iter().position(|r| r.trim().is_empty()) {
            return Err(DeliveryError::invalid(format!("zone.regions[{i}]"), "must not be blank"));
        }
        if let Some(i) = self.postal_prefixes.iter().position(|p| compact(p).is_empty()) {
            return Err(DeliveryError::invalid(format!("zone.postal_prefixes[{i}]"), "must not be blank"));
        }
        Ok(self)
    }

    /// Whether `address` lies in the zone.
    pub fn contains(&self, address: &Address) -> bool {
        let country = address.country.trim();
        let in_country = self.countries.iter().any(|c| c.code().eq_ignore_ascii_case(country));
        let region = address.region.as_deref().map(str::trim).unwrap_or("");
        let in_region = self.regions.is_empty() || self.regions.iter().any(|r| r.trim().eq_ignore_ascii_case(region));
        let postal = compact(&address.postal_code);
        let in_postal =
            self.postal_prefixes.is_empty() || self.postal_prefixes.iter().any(|p| postal.starts_with(&compact(p)));
        in_country && in_region && in_postal
    }
}

/// The first of `zones` containing `address`.
pub fn zone_for(zones: &[ShippingZone], address: &Address) -> Option<ShippingZone> {
    zones.iter().find(|zone| zone.contains(address)).cloned()
}

fn compact(postal: &str) -> String {
    postal.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::fixtures::address;

    #[test]
    fn country_zone_contains_every_address_of_its_countries() {
        let zone = ShippingZone::countries("eu", "EU", &["bg", "RO"]).unwrap();
        assert!(zone.contains(&address("BG", "9000", None)));
        assert!(zone.contains(&address("ro", "010011", None)));
        assert!(!zone.contains(&address("DE", "10115", None)));
    }

    #[test]
    fn postal_prefixes_and_regions_narrow_a_zone() {
        let sofia = ShippingZone::countries("sofia", "Sofia", &["BG"]).unwrap().with_postal_prefixes(&["1"]).unwrap();
        assert!(sofia.contains(&address("BG", "1000", None)));
        assert!(!sofia.contains(&address("BG", "4000", None)));
        let london =
            ShippingZone::countries("ldn", "London", &["GB"]).unwrap().with_postal_prefixes(&["sw 1"]).unwrap();
        assert!(london.contains(&address("GB", "SW1A 1AA", None)));
        let mut ontario = ShippingZone::countries("on", "Ontario", &["CA"]).unwrap();
        ontario.regions = vec!["ON".into()];
        assert!(ontario.contains(&address("CA", "K1A 0B1", Some("on"))));
        assert!(!ontario.contains(&address("CA", "H2X 1Y4", Some("QC"))));
        assert!(!ontario.contains(&address("CA", "K1A 0B1", None)));
    }

    #[test]
    fn the_first_matching_zone_wins() {
        let sofia = ShippingZone::countries("sofia", "Sofia", &["BG"]).unwrap().with_postal_prefixes(&["1"]).unwrap();
        let bulgaria = ShippingZone::countries("bg", "Bulgaria", &["BG"]).unwrap();
        let zones = [sofia, bulgaria];
        assert_eq!(zone_for(&zones, &address("BG", "1700", None)).unwrap().id, "sofia");
        assert_eq!(zone_for(&zones, &address("BG", "8000", None)).unwrap().id, "bg");
        assert_eq!(zone_for(&zones, &address("GR", "10431", None)), None);
    }

    #[test]
    fn bad_zones_are_refused_naming_the_field() {
        let field = |r: Result<ShippingZone, DeliveryError>| match r.unwrap_err() {
            DeliveryError::InvalidField { field, .. } => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(ShippingZone::countries("x", "X", &["BG", "XX"])), "zone.countries[1]");
        assert_eq!(field(ShippingZone::countries("x", "X", &[])), "zone.countries");
        assert_eq!(field(ShippingZone::countries(" ", "X", &["BG"])), "zone.id");
        let zone = ShippingZone::countries("x", "X", &["BG"]).unwrap();
        assert_eq!(field(zone.with_postal_prefixes(&["1", " "])), "zone.postal_prefixes[1]");
    }
}
