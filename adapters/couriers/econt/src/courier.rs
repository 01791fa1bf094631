//! The Econt courier: price calculation as rates, waybills with cash on delivery and declared value,
//! cancellation, tracking, address checks and the office list, each one call to Econt's services.

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use rust_decimal::Decimal;
use vitrina_core::delivery::{Address, DeliveryWindow};
use vitrina_core::money::{Currency, Money};
use vitrina_core::shipping::{
    AddressValidation, CarrierWarning, Courier, CourierCapabilities, CourierError, CreatedShipment, LabelDocument,
    Parcel, RateOption, RateQuote, RateRequest, ShipmentRequest, TrackingReport,
};

use crate::config::{EcontConfig, ECONT};
use crate::error::{courier_error, invalid, is_unknown_shipment};
use crate::http::{Call, Failure, Transport};
use crate::office::{alpha3, core_address, office_of, EcontOffice};
use crate::tracking::tracked;
use crate::wire::{self, Amount, City, ClientProfile, Country, EcontAddress, LabelServices, ShippingLabel};

const CREATE_LABEL: &str = "Shipments/LabelService.createLabel.json";
const DELETE_LABELS: &str = "Shipments/LabelService.deleteLabels.json";
const SHIPMENT_STATUSES: &str = "Shipments/ShipmentService.getShipmentStatuses.json";
const GET_OFFICES: &str = "Nomenclatures/NomenclaturesService.getOffices.json";
const VALIDATE_ADDRESS: &str = "Nomenclatures/AddressService.validateAddress.json";

/// The service code of delivery to the recipient's door.
pub const SERVICE_DOOR: &str = "door";
/// The service code of delivery to an Econt office or locker (the shipment's `pickup_point_id`).
pub const SERVICE_OFFICE: &str = "office";

/// What a waybill needs beyond the core's [`ShipmentRequest`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelExtras {
    /// The value declared for insurance (`declaredValueAmount`); when `None` and the configuration
    /// says so, the cash-on-delivery amount.
    pub declared_value: Option<Money>,
    /// The recipient's phone, which Econt asks for to announce the delivery.
    pub recipient_phone: Option<String>,
    /// The recipient's e-mail.
    pub recipient_email: Option<String>,
}

/// Where Econt delivers.
enum Destination<'a> {
    Door(&'a Address),
    Office(&'a str),
}

/// Econt Express (see the crate documentation).
pub struct EcontCourier {
    transport: Transport,
}

impl std::fmt::Debug for EcontCourier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EcontCourier").field("config", self.config()).finish()
    }
}

impl EcontCourier {
    /// A courier with `config`; fails only when no HTTP client can be built (no TLS roots).
    pub fn new(config: EcontConfig) -> Result<EcontCourier, CourierError> {
        let transport = Transport::new(config).map_err(|reason| CourierError::Unavailable { reason })?;
        Ok(EcontCourier { transport })
    }

    /// The configuration in use.
    pub fn config(&self) -> &EcontConfig {
        self.transport.config()
    }

    /// Econt's offices, lockers and mobile stations in `country` (ISO `BG` or Econt's `BGR`),
    /// optionally only those of Econt's city `city_id`. Offices without a code are left out.
    pub async fn offices(&self, country: &str, city_id: Option<u64>) -> Result<Vec<EcontOffice>, CourierError> {
        let code = alpha3(country);
        let request = wire::GetOfficesRequest { country_code: &code, city_id };
        let answer: wire::GetOfficesResponse =
            self.transport.post(GET_OFFICES, &request, Call::Read).await.map_err(|f| courier_error("offices", f))?;
        Ok(answer.offices.iter().filter_map(|office| office_of(office, &code)).collect())
    }

    /// The price of delivery to the Econt office `office_code` (service [`SERVICE_OFFICE`]).
    pub async fn rate_to_office(&self, request: &RateRequest, office_code: &str) -> Result<RateQuote, CourierError> {
        self.quote(request, Destination::Office(office_code), SERVICE_OFFICE, "To an Econt office").await
    }

    /// Creates a waybill for `request` with `extras` (declared value, the recipient's phone and
    /// e-mail). Never retried: a repeat would print a second waybill.
    pub async fn create_label(
        &self,
        request: &ShipmentRequest,
        extras: &LabelExtras,
    ) -> Result<CreatedShipment, CourierError> {
        request.parcel.validate()?;
        let destination = match (request.service.as_str(), request.pickup_point_id.as_deref()) {
            (SERVICE_OFFICE, None) => {
                return Err(CourierError::invalid("pickup_point_id", "choose the Econt office to deliver to"))
            }
            (SERVICE_OFFICE, Some(code)) | ("", Some(code)) => Destination::Office(code),
            (SERVICE_DOOR, _) | ("", None) => Destination::Door(&request.to),
            (other, _) => {
                return Err(CourierError::invalid(
                    "service",
                    format!("econt offers `door` and `office`, not `{other}`"),
                ))
            }
        };
        let mut label = self.label(&request.parcel, &request.from, &request.to.recipient, destination)?;
        label.receiver_client.phones = extras.recipient_phone.iter().cloned().collect();
        label.receiver_client.email = extras.recipient_email.clone();
        label.order_number = (!request.is_discreet()).then(|| request.order_number.clone());
        label.services = self.services(request.cash_on_delivery, extras.declared_value)?;
        let body = wire::CreateLabelRequest { label: &label, mode: "create" };
        let answer: wire::CreateLabelResponse = self
            .transport
            .post(CREATE_LABEL, &body, Call::Write)
            .await
            .map_err(|f| courier_error("create_shipment", f))?;
        let created = answer.label.unwrap_or_default();
        let number =
            created.shipment_number.clone().filter(|n| !n.trim().is_empty()).ok_or_else(|| {
                CourierError::Unavailable { reason: "econt create_shipment: no shipment number".into() }
            })?;
        let mut warnings = label_warnings(&created, answer.pay_after_accept_ignored.as_deref());
        let document = self.document(created.pdf_url.as_deref(), &mut warnings).await;
        Ok(CreatedShipment {
            tracking_number: number,
            label: document,
            estimated_delivery: created.expected_delivery_date.and_then(|d| day_window(d.0)),
            warnings,
        })
    }

    async fn quote(
        &self,
        request: &RateRequest,
        destination: Destination<'_>,
        service: &str,
        name: &str,
    ) -> Result<RateQuote, CourierError> {
        request.parcel.validate()?;
        let label = self.label(&request.parcel, &request.from, &request.to.recipient, destination)?;
        let body = wire::CreateLabelRequest { label: &label, mode: "calculate" };
        let answer: wire::CreateLabelResponse =
            self.transport.post(CREATE_LABEL, &body, Call::Read).await.map_err(|f| courier_error("rates", f))?;
        let calculated = answer.label.unwrap_or_default();
        let price = price_of(&calculated)?;
        let mut warnings = label_warnings(&calculated, None);
        let estimated = calculated.expected_delivery_date.and_then(|d| day_window(d.0));
        let estimated_delivery = match estimated {
            Some(window) => window,
            None => {
                warnings.push(CarrierWarning::new("no_delivery_estimate", "Econt gave no expected delivery date"));
                DeliveryWindow::new(request.ready_at, request.ready_at + SignedDuration::from_hours(72))
                    .map_err(|e| CourierError::invalid("ready_at", e.to_string()))?
            }
        };
        let option = RateOption { service: service.to_owned(), name: name.to_owned(), price, estimated_delivery };
        Ok(RateQuote::sorted(vec![option], warnings))
    }

    /// The waybill's common part: sender, receiver, parcel.
    fn label(
        &self,
        parcel: &Parcel,
        from: &Address,
        recipient: &str,
        destination: Destination<'_>,
    ) -> Result<ShippingLabel, CourierError> {
        let sender = &self.config().sender;
        let (sender_address, sender_office_code) = match &sender.office_code {
            Some(code) => (None, Some(code.clone())),
            None => (Some(econt_address(from)), None),
        };
        let (receiver_address, receiver_office_code) = match destination {
            Destination::Door(to) => (Some(econt_address(to)), None),
            Destination::Office(code) if code.trim().is_empty() => {
                return Err(CourierError::invalid("pickup_point_id", "must not be empty"))
            }
            Destination::Office(code) => (None, Some(code.trim().to_owned())),
        };
        let centimetres = |mm: u32| Some(Amount(Decimal::new(i64::from(mm), 1)));
        let dimensions = parcel.dimensions;
        Ok(ShippingLabel {
            sender_client: ClientProfile { name: sender.name.clone(), phones: sender.phones.clone(), email: None },
            sender_address,
            sender_office_code,
            receiver_client: ClientProfile { name: recipient.to_owned(), phones: Vec::new(), email: None },
            receiver_address,
            receiver_office_code,
            pack_count: 1,
            shipment_type: "pack".to_owned(),
            weight: Amount(Decimal::new(i64::from(parcel.weight_grams), 3)),
            shipment_dimensions_l: dimensions.and_then(|d| centimetres(d.length_mm)),
            shipment_dimensions_w: dimensions.and_then(|d| centimetres(d.width_mm)),
            shipment_dimensions_h: dimensions.and_then(|d| centimetres(d.height_mm)),
            shipment_description: self.config().shipment_description.clone(),
            order_number: None,
            services: LabelServices::default(),
            payment_sender_method: sender.payment_method.clone(),
        })
    }

    fn services(&self, cash: Option<Money>, declared: Option<Money>) -> Result<LabelServices, CourierError> {
        let mut services = LabelServices::default();
        if let Some(cash) = cash {
            if cash.minor() <= 0 {
                return Err(CourierError::invalid("cash_on_delivery", "must be positive"));
            }
            services.cd_amount = Some(Amount(cash.amount()));
            services.cd_type = Some("get".to_owned());
            services.cd_currency = Some(cash.currency().code().to_owned());
            services.cd_pay_options_template = self.config().sender.cd_pay_options_template.clone();
        }
        let declared = declared.or(cash.filter(|_| self.config().declare_cash_on_delivery_value));
        if let Some(value) = declared {
            if value.minor() <= 0 {
                return Err(CourierError::invalid("declared_value", "must be positive"));
            }
            services.declared_value_amount = Some(Amount(value.amount()));
            services.declared_value_currency = Some(value.currency().code().to_owned());
        }
        Ok(services)
    }

    /// The label: the PDF behind Econt's `pdfURL`, or the link itself (with a warning) when it cannot
    /// be fetched, since the waybill exists either way.
    async fn document(&self, pdf_url: Option<&str>, warnings: &mut Vec<CarrierWarning>) -> LabelDocument {
        let link =
            |url: &str| LabelDocument { content_type: "text/uri-list".to_owned(), bytes: url.as_bytes().to_vec() };
        let Some(url) = pdf_url.map(str::trim).filter(|u| !u.is_empty()) else {
            warnings.push(CarrierWarning::new("no_label_document", "Econt gave no label link"));
            return link("");
        };
        if !self.config().download_label {
            return link(url);
        }
        match self.transport.get_document(url).await {
            Ok((content_type, bytes)) => LabelDocument { content_type, bytes },
            Err(failure) => {
                let reason = match failure {
                    Failure::Unavailable(reason) => reason,
                    Failure::Econt { error, .. } => error.text(),
                };
                warnings.push(CarrierWarning::new("label_not_downloaded", format!("{reason}; the label is at {url}")));
                link(url)
            }
        }
    }
}

/// An address as Econt's: the city by name and post code in its country, the rest in `fullAddress`.
fn econt_address(address: &Address) -> EcontAddress {
    let full = [Some(address.line1.trim()), address.line2.as_deref().map(str::trim)]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    EcontAddress {
        city: Some(City {
            country: Some(Country { code2: Some(address.country.trim().to_uppercase()), code3: None }),
            post_code: Some(address.postal_code.trim().to_owned()),
            name: Some(address.city.trim().to_owned()),
            name_en: None,
        }),
        full_address: Some(full),
        ..EcontAddress::default()
    }
}

/// `totalPrice` in `currency`, exactly.
fn price_of(label: &wire::ShipmentStatus) -> Result<Money, CourierError> {
    let unreadable = |what: &str| CourierError::Unavailable { reason: format!("econt rates: {what}") };
    let amount = label.total_price.ok_or_else(|| unreadable("no totalPrice in the answer"))?.0;
    let code = label.currency.as_deref().ok_or_else(|| unreadable("no currency in the answer"))?;
    let currency = Currency::parse(code, "currency").map_err(|e| unreadable(&e.to_string()))?;
    Money::checked(amount.normalize(), currency, "totalPrice").map_err(|e| unreadable(&e.to_string()))
}

fn label_warnings(label: &wire::ShipmentStatus, pay_after_accept_ignored: Option<&str>) -> Vec<CarrierWarning> {
    let mut warnings = Vec::new();
    if let Some(text) = label.warnings.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        warnings.push(CarrierWarning::new("econt_warning", text));
    }
    if let Some(text) = pay_after_accept_ignored.map(str::trim).filter(|w| !w.is_empty()) {
        warnings.push(CarrierWarning::new("pay_after_accept_ignored", text));
    }
    warnings
}

/// Econt's expected delivery date (the start of the day) as that whole day.
fn day_window(start: Timestamp) -> Option<DeliveryWindow> {
    DeliveryWindow::new(start, start + SignedDuration::from_hours(24)).ok()
}

#[async_trait]
impl Courier for EcontCourier {
    fn name(&self) -> &str {
        ECONT
    }

    fn capabilities(&self) -> CourierCapabilities {
        CourierCapabilities {
            cancel: true,
            address_validation: true,
            pickups: false,
            cash_on_delivery: true,
            time_slots: false,
            pickup_points: true,
        }
    }

    /// Econt's price for delivery to the door (service [`SERVICE_DOOR`]); see
    /// [`EcontCourier::rate_to_office`] for an office.
    async fn rates(&self, request: &RateRequest) -> Result<RateQuote, CourierError> {
        self.quote(request, Destination::Door(&request.to), SERVICE_DOOR, "Econt to the door").await
    }

    async fn create_shipment(&self, request: &ShipmentRequest) -> Result<CreatedShipment, CourierError> {
        self.create_label(request, &LabelExtras::default()).await
    }

    async fn cancel_shipment(&self, tracking_number: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        let numbers = [tracking_number.to_owned()];
        let body = wire::ShipmentNumbers { shipment_numbers: &numbers };
        let answer: Result<wire::DeleteLabelsResponse, Failure> =
            self.transport.post(DELETE_LABELS, &body, Call::Write).await;
        let unknown = || CourierError::UnknownShipment { tracking_number: tracking_number.to_owned() };
        let answer = match answer {
            Ok(answer) => answer,
            Err(Failure::Econt { error, .. }) if is_unknown_shipment(&error) => return Err(unknown()),
            Err(failure) => return Err(courier_error("cancel_shipment", failure)),
        };
        let result = answer
            .results
            .into_iter()
            .find(|r| r.shipment_num.as_deref().is_none_or(|n| n == tracking_number))
            .ok_or_else(|| CourierError::Unavailable { reason: "econt cancel_shipment: no result".into() })?;
        match result.error.filter(|error| !error.is_blank()) {
            None => Ok(Vec::new()),
            Some(error) if is_unknown_shipment(&error) => Err(unknown()),
            Some(error) => {
                Err(CourierError::NotCancellable { tracking_number: tracking_number.to_owned(), reason: error.text() })
            }
        }
    }

    async fn track(&self, tracking_numbers: &[String]) -> Result<TrackingReport, CourierError> {
        let mut report = TrackingReport::default();
        if tracking_numbers.is_empty() {
            return Ok(report);
        }
        let body = wire::ShipmentNumbers { shipment_numbers: tracking_numbers };
        let answer: wire::ShipmentStatusesResponse =
            self.transport.post(SHIPMENT_STATUSES, &body, Call::Read).await.map_err(|f| courier_error("track", f))?;
        for (index, element) in answer.shipment_statuses.iter().enumerate() {
            let asked = tracking_numbers.get(index).map_or("", String::as_str);
            let error = element.error.as_ref().filter(|error| !error.is_blank());
            match (&element.status, error) {
                (Some(status), None) => report.shipments.push(tracked(asked, status)),
                (status, error) => {
                    let number = status.as_ref().and_then(|s| s.shipment_number.as_deref()).unwrap_or(asked);
                    let reason = error.map_or_else(|| "no status".to_owned(), wire::EcontError::text);
                    report.warnings.push(CarrierWarning::new("unknown_tracking_number", format!("{number}: {reason}")));
                }
            }
        }
        for number in tracking_numbers.iter().skip(answer.shipment_statuses.len()) {
            report
                .warnings
                .push(CarrierWarning::new("unknown_tracking_number", format!("{number}: not in the answer")));
        }
        Ok(report)
    }

    /// Econt's `AddressService.validateAddress`: `normal` is deliverable as given, `processed` is
    /// deliverable with Econt's corrected address suggested, `invalid` (or an Econt refusal of the
    /// address) is not deliverable.
    async fn validate_address(&self, address: &Address) -> Result<AddressValidation, CourierError> {
        let request = econt_address(address);
        let body = wire::ValidateAddressRequest { address: &request };
        let answer: Result<wire::ValidateAddressResponse, Failure> =
            self.transport.post(VALIDATE_ADDRESS, &body, Call::Read).await;
        let answer = match answer {
            Ok(answer) => answer,
            Err(Failure::Econt { status, error }) if status != 401 && status != 403 => {
                let warning = CarrierWarning::new("invalid_address", invalid(&error).to_string());
                return Ok(AddressValidation { deliverable: false, suggestion: None, warnings: vec![warning] });
            }
            Err(failure) => return Err(courier_error("validate_address", failure)),
        };
        let status = answer.validation_status.as_deref().unwrap_or("").to_ascii_lowercase();
        match status.as_str() {
            "normal" => Ok(AddressValidation { deliverable: true, suggestion: None, warnings: Vec::new() }),
            "processed" => {
                let suggestion = answer
                    .address
                    .as_ref()
                    .map(|econt| suggested(address, econt))
                    .filter(|suggestion| suggestion != address);
                Ok(AddressValidation { deliverable: true, suggestion, warnings: Vec::new() })
            }
            other => {
                let warning = CarrierWarning::new("invalid_address", format!("Econt's verdict: {other}"));
                Ok(AddressValidation { deliverable: false, suggestion: None, warnings: vec![warning] })
            }
        }
    }
}

/// `original` with what Econt corrected (street and number, city, post code).
fn suggested(original: &Address, econt: &EcontAddress) -> Address {
    let from_econt = core_address(econt, &original.recipient, &original.country);
    let street = [econt.street.as_deref(), econt.num.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let line1 = if !street.trim().is_empty() { street } else { from_econt.line1 };
    Address {
        recipient: original.recipient.clone(),
        line1: if line1.trim().is_empty() { original.line1.clone() } else { line1 },
        line2: original.line2.clone().or(from_econt.line2),
        city: if from_econt.city.is_empty() { original.city.clone() } else { from_econt.city },
        postal_code: if from_econt.postal_code.is_empty() {
            original.postal_code.clone()
        } else {
            from_econt.postal_code
        },
        region: original.region.clone(),
        country: original.country.clone(),
    }
}
