//! Econt's JSON wire format, field for field as its service description names them (camelCase), for
//! the calls this adapter makes; amounts travel as exact decimal JSON numbers, never through `f64`.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A JSON number read or written digit for digit as a [`Decimal`] (Econt sends prices as numbers:
/// `11.96`; parsing them as `f64` could turn them into `11.959999…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Amount(pub(crate) Decimal);

impl Amount {
    /// Parses the literal text of a JSON number (`11.96`, `-0`, `1.5E3`).
    pub(crate) fn parse(text: &str) -> Option<Amount> {
        let text = text.trim();
        let decimal = if text.contains(['e', 'E']) {
            Decimal::from_scientific(text).ok()?
        } else {
            Decimal::from_str_exact(text).ok()?
        };
        Some(Amount(decimal))
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        // Some Econt fields (`price` of a shipment edition) carry numbers as strings.
        let unquoted = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
        Amount::parse(unquoted).ok_or_else(|| D::Error::custom(format!("not a decimal amount: {text}")))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.0.normalize().to_string();
        let raw = RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// An Econt time: milliseconds since the Unix epoch (`1730066400000`); also read from a string of
/// digits or an RFC 3339 text, which some of Econt's services use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EcontTime(pub(crate) Timestamp);

impl<'de> Deserialize<'de> for EcontTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<EcontTime, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Millis(i64),
            Text(String),
        }
        let millis = match Raw::deserialize(deserializer)? {
            Raw::Millis(ms) => ms,
            Raw::Text(text) => match text.trim().parse::<i64>() {
                Ok(ms) => ms,
                Err(_) => return text.trim().parse::<Timestamp>().map(EcontTime).map_err(D::Error::custom),
            },
        };
        Timestamp::from_millisecond(millis).map(EcontTime).map_err(D::Error::custom)
    }
}

/// Econt's error answer (`type`, `message`, `fields`, `innerErrors`), also found inside the result
/// elements of batch calls.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EcontError {
    #[serde(rename = "type", default)]
    pub(crate) kind: Option<String>,
    #[serde(default)]
    pub(crate) message: Option<String>,
    #[serde(default)]
    pub(crate) fields: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) inner_errors: Option<Vec<EcontError>>,
}

impl EcontError {
    /// Whether the error says nothing (some result elements carry an empty error object).
    pub(crate) fn is_blank(&self) -> bool {
        self.kind.as_deref().is_none_or(|k| k.trim().is_empty()) && self.text() == "Econt gave no reason"
    }

    /// The messages of this error and its inner errors, depth first, blank ones left out.
    pub(crate) fn text(&self) -> String {
        let mut parts = Vec::new();
        self.collect(&mut parts);
        let text = parts.join(" ");
        if text.is_empty() {
            self.kind.clone().unwrap_or_else(|| "Econt gave no reason".to_owned())
        } else {
            text
        }
    }

    fn collect(&self, parts: &mut Vec<String>) {
        if let Some(message) = self.message.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            parts.push(message.to_owned());
        }
        for inner in self.inner_errors.iter().flatten() {
            inner.collect(parts);
        }
    }

    /// Every error type in the tree (`ExInvalidParam`, `ExInvalidCity`).
    pub(crate) fn kinds(&self) -> Vec<&str> {
        let mut kinds: Vec<&str> = self.kind.as_deref().into_iter().collect();
        for inner in self.inner_errors.iter().flatten() {
            kinds.extend(inner.kinds());
        }
        kinds
    }

    /// The first field named in the tree, if any.
    pub(crate) fn first_field(&self) -> Option<&str> {
        let own = self.fields.iter().flatten().map(String::as_str).find(|f| !f.trim().is_empty());
        own.or_else(|| self.inner_errors.iter().flatten().find_map(EcontError::first_field))
    }
}

/// `Country`: ISO codes (`code2` `BG` or `code3` `BGR`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Country {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) code2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) code3: Option<String>,
}

/// `City`: name and post code (with the country outside Bulgaria).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct City {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) country: Option<Country>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) post_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name_en: Option<String>,
}

/// `GeoLocation`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct GeoLocation {
    #[serde(default)]
    pub(crate) latitude: Option<Amount>,
    #[serde(default)]
    pub(crate) longitude: Option<Amount>,
}

/// `Address`: a city and either `street` + `num`, `quarter` + `other`, or all of it in `fullAddress`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EcontAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) city: Option<City>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) full_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) full_address_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) quarter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) num: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) other: Option<String>,
    #[serde(default, skip_serializing)]
    pub(crate) location: Option<GeoLocation>,
}

/// `ClientProfile`: a name and phone numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ClientProfile {
    pub(crate) name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) phones: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) email: Option<String>,
}

/// `ShippingLabelServices`: the additional services used here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LabelServices {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) declared_value_amount: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) declared_value_currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cd_amount: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cd_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cd_currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cd_pay_options_template: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sms_notification: Option<bool>,
}

impl LabelServices {
    pub(crate) fn is_empty(&self) -> bool {
        *self == LabelServices::default()
    }
}

/// `ShippingLabel`: the fields of a waybill this adapter fills in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ShippingLabel {
    pub(crate) sender_client: ClientProfile,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sender_address: Option<EcontAddress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sender_office_code: Option<String>,
    pub(crate) receiver_client: ClientProfile,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) receiver_address: Option<EcontAddress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) receiver_office_code: Option<String>,
    pub(crate) pack_count: u32,
    pub(crate) shipment_type: String,
    pub(crate) weight: Amount,
    #[serde(rename = "shipmentDimensionsL", skip_serializing_if = "Option::is_none")]
    pub(crate) shipment_dimensions_l: Option<Amount>,
    #[serde(rename = "shipmentDimensionsW", skip_serializing_if = "Option::is_none")]
    pub(crate) shipment_dimensions_w: Option<Amount>,
    #[serde(rename = "shipmentDimensionsH", skip_serializing_if = "Option::is_none")]
    pub(crate) shipment_dimensions_h: Option<Amount>,
    pub(crate) shipment_description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) order_number: Option<String>,
    #[serde(skip_serializing_if = "LabelServices::is_empty")]
    pub(crate) services: LabelServices,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) payment_sender_method: Option<String>,
}

/// `LabelService.createLabel` request.
#[derive(Debug, Serialize)]
pub(crate) struct CreateLabelRequest<'a> {
    pub(crate) label: &'a ShippingLabel,
    /// `calculate` (price only), `validate` or `create`.
    pub(crate) mode: &'static str,
}

/// `LabelService.createLabel` response.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateLabelResponse {
    #[serde(default)]
    pub(crate) label: Option<ShipmentStatus>,
    #[serde(default)]
    pub(crate) pay_after_accept_ignored: Option<String>,
}

/// `ShipmentStatus`: a waybill as Econt reports it (also the label of `createLabel`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ShipmentStatus {
    #[serde(default)]
    pub(crate) shipment_number: Option<String>,
    #[serde(default)]
    pub(crate) receiver_delivery_type: Option<String>,
    #[serde(default)]
    pub(crate) delivery_time: Option<EcontTime>,
    #[serde(default)]
    pub(crate) cd_collected_amount: Option<Amount>,
    #[serde(default)]
    pub(crate) cd_collected_currency: Option<String>,
    #[serde(default)]
    pub(crate) total_price: Option<Amount>,
    #[serde(default)]
    pub(crate) currency: Option<String>,
    #[serde(default)]
    pub(crate) tracking_events: Option<Vec<TrackingEvent>>,
    #[serde(rename = "pdfURL", default)]
    pub(crate) pdf_url: Option<String>,
    #[serde(default)]
    pub(crate) expected_delivery_date: Option<EcontTime>,
    #[serde(default)]
    pub(crate) warnings: Option<String>,
}

/// `ShipmentTrackingEvent`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TrackingEvent {
    #[serde(default)]
    pub(crate) destination_type: Option<String>,
    #[serde(default)]
    pub(crate) destination_details: Option<String>,
    #[serde(default)]
    pub(crate) destination_details_en: Option<String>,
    #[serde(default)]
    pub(crate) office_name: Option<String>,
    #[serde(default)]
    pub(crate) office_name_en: Option<String>,
    #[serde(default)]
    pub(crate) city_name: Option<String>,
    #[serde(default)]
    pub(crate) city_name_en: Option<String>,
    #[serde(default)]
    pub(crate) time: Option<EcontTime>,
}

/// Request of `LabelService.deleteLabels` and `ShipmentService.getShipmentStatuses`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ShipmentNumbers<'a> {
    pub(crate) shipment_numbers: &'a [String],
}

/// `LabelService.deleteLabels` response.
#[derive(Debug, Deserialize)]
pub(crate) struct DeleteLabelsResponse {
    #[serde(default)]
    pub(crate) results: Vec<DeleteLabelsResult>,
}

/// `DeleteLabelsResultElement`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteLabelsResult {
    #[serde(default)]
    pub(crate) shipment_num: Option<String>,
    #[serde(default)]
    pub(crate) error: Option<EcontError>,
}

/// `ShipmentService.getShipmentStatuses` response.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ShipmentStatusesResponse {
    #[serde(default)]
    pub(crate) shipment_statuses: Vec<ShipmentStatusResult>,
}

/// `ShipmentStatusResultElement`.
#[derive(Debug, Deserialize)]
pub(crate) struct ShipmentStatusResult {
    #[serde(default)]
    pub(crate) status: Option<ShipmentStatus>,
    #[serde(default)]
    pub(crate) error: Option<EcontError>,
}

/// `NomenclaturesService.getOffices` request.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetOfficesRequest<'a> {
    pub(crate) country_code: &'a str,
    #[serde(rename = "cityID", skip_serializing_if = "Option::is_none")]
    pub(crate) city_id: Option<u64>,
}

/// `NomenclaturesService.getOffices` response.
#[derive(Debug, Deserialize)]
pub(crate) struct GetOfficesResponse {
    #[serde(default)]
    pub(crate) offices: Vec<Office>,
}

/// `Office`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Office {
    #[serde(default)]
    pub(crate) code: Option<String>,
    #[serde(rename = "isMPS", default)]
    pub(crate) is_mps: Option<bool>,
    #[serde(rename = "isAPS", default)]
    pub(crate) is_aps: Option<bool>,
    #[serde(default)]
    pub(crate) name: Option<String>,
    #[serde(default)]
    pub(crate) name_en: Option<String>,
    #[serde(default)]
    pub(crate) phones: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) address: Option<EcontAddress>,
    #[serde(default)]
    pub(crate) normal_business_hours_from: Option<EcontTime>,
    #[serde(default)]
    pub(crate) normal_business_hours_to: Option<EcontTime>,
    #[serde(default)]
    pub(crate) half_day_business_hours_from: Option<EcontTime>,
    #[serde(default)]
    pub(crate) half_day_business_hours_to: Option<EcontTime>,
}

/// `AddressService.validateAddress` request.
#[derive(Debug, Serialize)]
pub(crate) struct ValidateAddressRequest<'a> {
    pub(crate) address: &'a EcontAddress,
}

/// `AddressService.validateAddress` response.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ValidateAddressResponse {
    #[serde(default)]
    pub(crate) address: Option<EcontAddress>,
    /// `normal` (valid as given), `processed` (valid once corrected) or `invalid`.
    #[serde(default)]
    pub(crate) validation_status: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_every_digit_both_ways() {
        let label: ShipmentStatus =
            serde_json::from_str(r#"{"totalPrice": 11.96, "cdCollectedAmount": 0.1, "currency": "EUR"}"#).unwrap();
        assert_eq!(label.total_price.unwrap().0.to_string(), "11.96");
        assert_eq!(label.cd_collected_amount.unwrap().0.to_string(), "0.1");
        let big = Amount::parse("1.5E3").unwrap();
        assert_eq!(big.0, Decimal::new(1500, 0));
        let written = serde_json::to_string(&Amount(Decimal::new(48_90, 2))).unwrap();
        assert_eq!(written, "48.9");
        assert!(serde_json::from_str::<Amount>("\"abc\"").is_err());
    }

    #[test]
    fn times_are_epoch_milliseconds() {
        let time: EcontTime = serde_json::from_str("1730066400000").unwrap();
        assert_eq!(time.0.to_string(), "2024-10-27T22:00:00Z");
        let text: EcontTime = serde_json::from_str("\"2024-10-27T22:00:00Z\"").unwrap();
        assert_eq!(text, time);
    }

    #[test]
    fn nested_error_messages_are_joined() {
        let error: EcontError = serde_json::from_str(
            r#"{"type":"ExInvalidParam","message":" ","fields":[],"innerErrors":[
                {"type":"ExInvalidParam","message":"receiver:","fields":["receiverAddress"],"innerErrors":[
                    {"type":"ExInvalidCity","message":"post code does not match the city","innerErrors":[]}]}]}"#,
        )
        .unwrap();
        assert_eq!(error.text(), "receiver: post code does not match the city");
        assert_eq!(error.kinds(), ["ExInvalidParam", "ExInvalidParam", "ExInvalidCity"]);
        assert_eq!(error.first_field(), Some("receiverAddress"));
    }
}
