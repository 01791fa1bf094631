//! Econt's offices, automatic parcel stations (lockers) and mobile stations, from its nomenclature,
//! as pickup points a shopper can choose at checkout.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use vitrina_core::delivery::{Address, PickupPoint};

use crate::wire::{self, EcontAddress};

/// What kind of Econt point an office is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficeKind {
    /// A staffed office.
    Office,
    /// An automatic parcel station (`isAPS`): a locker.
    Locker,
    /// A mobile post station (`isMPS`).
    Mobile,
}

/// One Econt office as listed by `NomenclaturesService.getOffices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcontOffice {
    /// The office code, used as `receiverOfficeCode` (and as the pickup point id).
    pub code: String,
    /// Its name (Bulgarian).
    pub name: String,
    /// Its international name, when Econt gives one.
    pub name_en: Option<String>,
    /// Office, locker or mobile station.
    pub kind: OfficeKind,
    /// Where it is (`recipient` is the office's name).
    pub address: Address,
    /// Its phone numbers.
    pub phones: Vec<String>,
    /// Latitude, when Econt gives one.
    pub latitude: Option<Decimal>,
    /// Longitude, when Econt gives one.
    pub longitude: Option<Decimal>,
    /// Working hours in Sofia time (`Mon-Fri 08:30-18:30, Sat 09:00-13:00`), when Econt gives them.
    pub opening_hours: Option<String>,
}

impl EcontOffice {
    /// The office as the core's pickup point (id = office code).
    pub fn pickup_point(&self) -> PickupPoint {
        PickupPoint {
            id: self.code.clone(),
            name: self.name_en.clone().unwrap_or_else(|| self.name.clone()),
            address: self.address.clone(),
            opening_hours: self.opening_hours.clone(),
        }
    }
}

/// Econt's three-letter code of a country given as ISO alpha-2 (`BG` -> `BGR`); three-letter codes
/// pass unchanged.
pub(crate) fn alpha3(country: &str) -> String {
    let code = country.trim().to_uppercase();
    let known = [("BG", "BGR"), ("GR", "GRC"), ("RO", "ROU")];
    known.iter().find(|(two, _)| *two == code).map_or(code, |(_, three)| (*three).to_owned())
}

fn alpha2(country: &str) -> String {
    let code = country.trim().to_uppercase();
    let known = [("BG", "BGR"), ("GR", "GRC"), ("RO", "ROU")];
    known.iter().find(|(_, three)| *three == code).map_or(code, |(two, _)| (*two).to_owned())
}

/// Reads one office; `None` for an entry without a code (nothing to ship to).
pub(crate) fn office_of(office: &wire::Office, country: &str) -> Option<EcontOffice> {
    let code = office.code.clone().filter(|c| !c.trim().is_empty())?;
    let name = office.name.clone().unwrap_or_else(|| code.clone());
    let kind = if office.is_aps == Some(true) {
        OfficeKind::Locker
    } else if office.is_mps == Some(true) {
        OfficeKind::Mobile
    } else {
        OfficeKind::Office
    };
    let econt_address = office.address.clone().unwrap_or_default();
    let location = econt_address.location.clone();
    let hours = opening_hours(office);
    Some(EcontOffice {
        address: core_address(&econt_address, &name, country),
        code,
        name,
        name_en: office.name_en.clone().filter(|n| !n.trim().is_empty()),
        kind,
        phones: office.phones.clone().unwrap_or_default(),
        latitude: location.as_ref().and_then(|l| l.latitude).map(|a| a.0),
        longitude: location.as_ref().and_then(|l| l.longitude).map(|a| a.0),
        opening_hours: hours,
    })
}

/// An Econt address as the core's [`Address`] for `recipient`.
pub(crate) fn core_address(address: &EcontAddress, recipient: &str, country: &str) -> Address {
    let city = address.city.clone().unwrap_or_default();
    let street =
        [address.street.as_deref(), address.num.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let line1 =
        address.full_address.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).unwrap_or(street);
    let country = city
        .country
        .as_ref()
        .and_then(|c| c.code2.clone().or_else(|| c.code3.as_deref().map(alpha2)))
        .unwrap_or_else(|| alpha2(country));
    Address {
        recipient: recipient.to_owned(),
        line1,
        line2: address.other.clone().filter(|o| !o.trim().is_empty()),
        city: city.name.unwrap_or_default(),
        postal_code: city.post_code.unwrap_or_default(),
        region: None,
        country,
    }
}

/// `normalBusinessHours*` and `halfDayBusinessHours*` are moments whose time of day in Sofia is the
/// opening and closing time (week days and Saturdays).
fn opening_hours(office: &wire::Office) -> Option<String> {
    let span = |from: Option<wire::EcontTime>, to: Option<wire::EcontTime>| {
        Some(format!("{}-{}", clock(from?.0)?, clock(to?.0)?))
    };
    let week = span(office.normal_business_hours_from, office.normal_business_hours_to)?;
    Some(match span(office.half_day_business_hours_from, office.half_day_business_hours_to) {
        Some(saturday) => format!("Mon-Fri {week}, Sat {saturday}"),
        None => format!("Mon-Fri {week}"),
    })
}

fn clock(at: Timestamp) -> Option<String> {
    let local = at.in_tz("Europe/Sofia").ok()?;
    Some(format!("{:02}:{:02}", local.hour(), local.minute()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_convert_both_ways() {
        assert_eq!(alpha3("bg"), "BGR");
        assert_eq!(alpha3("GRC"), "GRC");
        assert_eq!(alpha2("ROU"), "RO");
    }
}
