//! Checkout: `CheckoutSession` (step 1 contact, step 2 delivery, then `place_order` under the price
//! lock), `Quote` (a priced cart the shopper saw and confirmed) and the sealed `CheckoutException`,
//! whose `PricesChanged` case lists the changed lines and carries the cart as priced now.
//!
//! `PricesChanged` carries a whole priced cart by value (a uniffi record crosses the boundary by
//! value, not boxed); errors are the cold path of a call, so their size does not matter here.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use jiff::Timestamp;
use rust_decimal::Decimal;
use vitrina_core::checkout as core;
use vitrina_core::delivery as core_delivery;
use vitrina_core::order as core_order;
use vitrina_core::order::OrderNumber;
use vitrina_core::order::PaymentMethod as CorePaymentMethod;
use vitrina_core::pricing as core_pricing;

use crate::cart::Cart;
use crate::errors::VitrinaError;
use crate::order::Order;
use crate::pricing::{PricedCart, Pricer, PricingContext};

/// Why a checkout step was refused; a refused step leaves the session as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum CheckoutError {
    /// A field the shopper filled in is missing or malformed.
    #[error("{detail}")]
    InvalidField {
        /// The core's message, starting with the field.
        detail: String,
        /// Path of the field (`contact.email`, `address.city`).
        field: String,
    },
    /// An empty cart cannot be checked out.
    #[error("{detail}")]
    EmptyCart {
        /// The core's message.
        detail: String,
        /// The cart.
        cart_id: String,
    },
    /// The step is not possible where the checkout stands (placing before delivery is chosen, editing
    /// a placed checkout).
    #[error("{detail}")]
    WrongStep {
        /// The core's message.
        detail: String,
        /// Where the checkout stands.
        step: CheckoutStep,
    },
    /// A cart or quote that is not the one this checkout is for.
    #[error("{detail}")]
    CartMismatch {
        /// The core's message.
        detail: String,
        /// `cart.id` or `confirmed.cart_id`.
        field: String,
    },
    /// Prices changed since the shopper confirmed them: show `current`, and once the shopper
    /// confirms it place again with `Quote.fromJson(currentJson)` (or a fresh `quote`).
    #[error("{detail}")]
    PricesChanged {
        /// The core's message.
        detail: String,
        /// The lines whose unit price changed, appeared or disappeared.
        changed: Vec<ChangedLine>,
        /// The grand total the shopper confirmed.
        confirmed_total: Decimal,
        /// The grand total now.
        current_total: Decimal,
        /// The cart as priced now.
        current: PricedCart,
        /// The cart as priced now, as JSON (for `Quote.fromJson`).
        current_json: String,
    },
    /// The cart could not be priced.
    #[error("{detail}")]
    Pricing {
        /// The core's message.
        detail: String,
        /// The pricing error's code (as `VitrinaException.Pricing`).
        code: String,
        /// Path of the offending value.
        field: Option<String>,
    },
    /// The order could not be built (an invalid order number...).
    #[error("{detail}")]
    Order {
        /// The core's message.
        detail: String,
        /// The order error's code (as `VitrinaException.Order`).
        code: String,
    },
}

impl From<core::CheckoutError> for CheckoutError {
    fn from(e: core::CheckoutError) -> Self {
        let detail = e.to_string();
        match e {
            core::CheckoutError::InvalidField { field, .. } => CheckoutError::InvalidField { detail, field },
            core::CheckoutError::EmptyCart { cart_id } => CheckoutError::EmptyCart { detail, cart_id },
            core::CheckoutError::WrongStep { step, .. } => CheckoutError::WrongStep { detail, step: step.into() },
            core::CheckoutError::CartMismatch { field, .. } => {
                CheckoutError::CartMismatch { detail, field: field.to_owned() }
            }
            core::CheckoutError::PricesChanged { changed, confirmed_total, current_total, current } => {
                CheckoutError::PricesChanged {
                    detail,
                    changed: changed.into_iter().map(ChangedLine::from).collect(),
                    confirmed_total,
                    current_total,
                    current_json: serde_json::to_string(&*current).unwrap_or_default(),
                    current: PricedCart::from(*current),
                }
            }
            core::CheckoutError::Pricing(e) => e.into(),
            core::CheckoutError::Order(e) => e.into(),
        }
    }
}

impl From<core_pricing::PricingError> for CheckoutError {
    fn from(e: core_pricing::PricingError) -> Self {
        match VitrinaError::from(e) {
            VitrinaError::Pricing { detail, code, field } => CheckoutError::Pricing { detail, code, field },
            other => CheckoutError::Pricing { detail: other.to_string(), code: "pricing".to_owned(), field: None },
        }
    }
}

impl From<vitrina_core::order::OrderError> for CheckoutError {
    fn from(e: vitrina_core::order::OrderError) -> Self {
        match VitrinaError::from(e) {
            VitrinaError::Order { detail, code, .. } => CheckoutError::Order { detail, code },
            other => CheckoutError::Order { detail: other.to_string(), code: "order".to_owned() },
        }
    }
}

impl From<VitrinaError> for CheckoutError {
    fn from(e: VitrinaError) -> Self {
        match e {
            VitrinaError::Pricing { detail, code, field } => CheckoutError::Pricing { detail, code, field },
            other => {
                let field = match &other {
                    VitrinaError::Money { field, .. } => field.clone(),
                    _ => None,
                };
                let field = field.unwrap_or_else(|| "input".to_owned());
                CheckoutError::InvalidField { detail: other.to_string(), field }
            }
        }
    }
}

fn invalid(field: &str, reason: impl std::fmt::Display) -> CheckoutError {
    CheckoutError::InvalidField { detail: format!("{field}: {reason}"), field: field.to_owned() }
}

/// `at`, or now when null.
pub(crate) fn timestamp(at: Option<SystemTime>, field: &str) -> Result<Timestamp, String> {
    match at {
        Some(at) => Timestamp::try_from(at).map_err(|e| format!("{field}: out of range: {e}")),
        None => Ok(Timestamp::now()),
    }
}

fn at_or_now(at: Option<SystemTime>) -> Result<Timestamp, CheckoutError> {
    timestamp(at, "at").map_err(|detail| CheckoutError::InvalidField { detail, field: "at".to_owned() })
}

/// Where a checkout stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CheckoutStep {
    /// Contact details recorded; delivery and payment not chosen yet.
    ContactRecorded,
    /// Delivery and payment chosen; the order can be placed.
    ReadyToPlace,
    /// The order was placed; the session is closed.
    Placed,
}

impl From<core::CheckoutStep> for CheckoutStep {
    fn from(s: core::CheckoutStep) -> Self {
        match s {
            core::CheckoutStep::ContactRecorded => CheckoutStep::ContactRecorded,
            core::CheckoutStep::ReadyToPlace => CheckoutStep::ReadyToPlace,
            core::CheckoutStep::Placed => CheckoutStep::Placed,
        }
    }
}

/// How the shopper will pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PaymentMethod {
    /// A payment card through a gateway.
    Card,
    /// A bank transfer quoting the order's payment reference.
    BankTransfer,
    /// Paid to the courier on delivery.
    CashOnDelivery,
    /// A digital wallet or store credit.
    Wallet,
    /// A gift card.
    GiftCard,
}

impl From<PaymentMethod> for CorePaymentMethod {
    fn from(m: PaymentMethod) -> Self {
        match m {
            PaymentMethod::Card => CorePaymentMethod::Card,
            PaymentMethod::BankTransfer => CorePaymentMethod::BankTransfer,
            PaymentMethod::CashOnDelivery => CorePaymentMethod::CashOnDelivery,
            PaymentMethod::Wallet => CorePaymentMethod::Wallet,
            PaymentMethod::GiftCard => CorePaymentMethod::GiftCard,
        }
    }
}

impl From<CorePaymentMethod> for PaymentMethod {
    fn from(m: CorePaymentMethod) -> Self {
        match m {
            CorePaymentMethod::Card => PaymentMethod::Card,
            CorePaymentMethod::BankTransfer => PaymentMethod::BankTransfer,
            CorePaymentMethod::CashOnDelivery => PaymentMethod::CashOnDelivery,
            CorePaymentMethod::Wallet => PaymentMethod::Wallet,
            CorePaymentMethod::GiftCard => PaymentMethod::GiftCard,
        }
    }
}

/// The shopper's contact details (normalised by the core when recorded).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactDetails {
    /// E-mail address.
    pub email: String,
    /// Phone number, digits with an optional leading `+`.
    #[uniffi(default = None)]
    pub phone: Option<String>,
}

impl From<&core_order::ContactDetails> for ContactDetails {
    fn from(c: &core_order::ContactDetails) -> Self {
        ContactDetails { email: c.email.clone(), phone: c.phone.clone() }
    }
}

impl From<ContactDetails> for core_order::ContactDetails {
    fn from(c: ContactDetails) -> Self {
        core_order::ContactDetails { email: c.email, phone: c.phone }
    }
}

/// Where an order is delivered.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Address {
    /// Who receives the parcel.
    pub recipient: String,
    /// Street and number.
    pub line1: String,
    /// Flat, floor, company.
    #[uniffi(default = None)]
    pub line2: Option<String>,
    /// City or town.
    pub city: String,
    /// Postal code.
    pub postal_code: String,
    /// State, province or oblast.
    #[uniffi(default = None)]
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

/// The shopper's delivery and payment choices.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeliveryDetails {
    /// Where to deliver.
    pub address: Address,
    /// The shipping method chosen, by id.
    pub shipping_method_id: String,
    /// How the shopper will pay.
    pub payment_method: PaymentMethod,
    /// The pickup point chosen, for a pickup-point method.
    #[uniffi(default = None)]
    pub pickup_point_id: Option<String>,
    /// The delivery slot chosen, for a method with time slots.
    #[uniffi(default = None)]
    pub slot_id: Option<String>,
    /// The courier service chosen from a rate quote (`express`, `economy`).
    #[uniffi(default = None)]
    pub courier_service: Option<String>,
}

impl From<&core_delivery::Address> for Address {
    fn from(a: &core_delivery::Address) -> Self {
        Address {
            recipient: a.recipient.clone(),
            line1: a.line1.clone(),
            line2: a.line2.clone(),
            city: a.city.clone(),
            postal_code: a.postal_code.clone(),
            region: a.region.clone(),
            country: a.country.clone(),
        }
    }
}

impl From<Address> for core_delivery::Address {
    fn from(a: Address) -> Self {
        core_delivery::Address {
            recipient: a.recipient,
            line1: a.line1,
            line2: a.line2,
            city: a.city,
            postal_code: a.postal_code,
            region: a.region,
            country: a.country,
        }
    }
}

impl From<&core_order::DeliveryDetails> for DeliveryDetails {
    fn from(d: &core_order::DeliveryDetails) -> Self {
        DeliveryDetails {
            address: Address::from(&d.address),
            shipping_method_id: d.shipping_method_id.clone(),
            payment_method: d.payment_method.into(),
            pickup_point_id: d.pickup_point_id.clone(),
            slot_id: d.slot_id.clone(),
            courier_service: d.courier_service.clone(),
        }
    }
}

impl From<DeliveryDetails> for core_order::DeliveryDetails {
    fn from(d: DeliveryDetails) -> Self {
        core_order::DeliveryDetails {
            address: d.address.into(),
            shipping_method_id: d.shipping_method_id,
            payment_method: d.payment_method.into(),
            pickup_point_id: d.pickup_point_id,
            slot_id: d.slot_id,
            courier_service: d.courier_service,
        }
    }
}

/// A line whose price differs between the confirmed and the current priced cart.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChangedLine {
    /// The line (`gift:<promotion id>` for a free gift).
    pub line_id: String,
    /// Its variant.
    pub variant_id: String,
    /// The unit price confirmed; null when the line is new.
    pub confirmed_unit_price: Option<Decimal>,
    /// The unit price now; null when the line is gone.
    pub current_unit_price: Option<Decimal>,
}

impl From<core::ChangedLine> for ChangedLine {
    fn from(c: core::ChangedLine) -> Self {
        ChangedLine {
            line_id: c.line_id,
            variant_id: c.variant_id,
            confirmed_unit_price: c.confirmed_unit_price,
            current_unit_price: c.current_unit_price,
        }
    }
}

/// A priced cart as the shopper saw and confirmed it; placing an order checks the price lock
/// against it.
#[derive(uniffi::Object)]
pub struct Quote {
    inner: core_pricing::PricedCart,
}

#[uniffi::export]
impl Quote {
    /// A quote from its JSON form (a priced cart, as `Pricer.priceToJson` or `currentJson` give).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Quote>, CheckoutError> {
        let inner = serde_json::from_str(&json).map_err(|e| invalid("quote", e))?;
        Ok(Arc::new(Quote { inner }))
    }

    /// The priced cart, to show.
    pub fn priced(&self) -> PricedCart {
        PricedCart::from(self.inner.clone())
    }

    /// The grand total.
    pub fn grand_total(&self) -> Decimal {
        self.inner.totals.grand_total
    }

    /// The quote as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.inner).unwrap_or_default()
    }
}

/// A shopper's checkout of one cart: contact details first (recorded at once), then delivery and
/// payment, then `place_order`.
#[derive(uniffi::Object)]
pub struct CheckoutSession {
    inner: Mutex<core::CheckoutSession>,
}

impl CheckoutSession {
    fn lock(&self) -> MutexGuard<'_, core::CheckoutSession> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn wrap(session: core::CheckoutSession) -> Arc<CheckoutSession> {
        Arc::new(CheckoutSession { inner: Mutex::new(session) })
    }
}

#[uniffi::export]
impl CheckoutSession {
    /// Step 1: starts checking out `cart` with the shopper's contact details, recorded at `at` (null:
    /// now).
    #[uniffi::constructor(default(at = None))]
    pub fn start(
        cart: Arc<Cart>,
        contact: ContactDetails,
        at: Option<SystemTime>,
    ) -> Result<Arc<CheckoutSession>, CheckoutError> {
        let at = at_or_now(at)?;
        let session = core::CheckoutSession::start(&cart.lock(), contact.into(), at)?;
        Ok(CheckoutSession::wrap(session))
    }

    /// A session from its JSON form.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<CheckoutSession>, CheckoutError> {
        let session = serde_json::from_str(&json).map_err(|e| invalid("session", e))?;
        Ok(CheckoutSession::wrap(session))
    }

    /// The session as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&*self.lock()).unwrap_or_default()
    }

    /// Replaces the contact details (until the order is placed).
    #[uniffi::method(default(at = None))]
    pub fn update_contact(&self, contact: ContactDetails, at: Option<SystemTime>) -> Result<(), CheckoutError> {
        let at = at_or_now(at)?;
        Ok(self.lock().update_contact(contact.into(), at)?)
    }

    /// Step 2: records the delivery address, shipping method and payment method.
    #[uniffi::method(default(at = None))]
    pub fn set_delivery(&self, delivery: DeliveryDetails, at: Option<SystemTime>) -> Result<(), CheckoutError> {
        let at = at_or_now(at)?;
        Ok(self.lock().set_delivery(delivery.into(), at)?)
    }

    /// Prices `cart` in `context` with the chosen shipping method (when chosen): the quote to show
    /// and have the shopper confirm.
    pub fn quote(
        &self,
        pricer: Arc<Pricer>,
        cart: Arc<Cart>,
        context: PricingContext,
    ) -> Result<Arc<Quote>, CheckoutError> {
        let mut context = context.to_core()?;
        if let Some(delivery) = self.lock().delivery() {
            context.shipping_method_id = Some(delivery.shipping_method_id.clone());
        }
        let inner = pricer.inner.price(&cart.lock(), &context)?;
        Ok(Arc::new(Quote { inner }))
    }

    /// Places the order under `order_number` (`VT-2026-000123`, from the caller's sequence).
    /// Re-prices the cart and throws `PricesChanged` when it no longer matches `confirmed`.
    #[uniffi::method(default(at = None))]
    pub fn place_order(
        &self,
        pricer: Arc<Pricer>,
        cart: Arc<Cart>,
        context: PricingContext,
        confirmed: Arc<Quote>,
        order_number: String,
        at: Option<SystemTime>,
    ) -> Result<Arc<Order>, CheckoutError> {
        let at = at_or_now(at)?;
        let context = context.to_core()?;
        let number = OrderNumber::parse(&order_number)?;
        let cart = cart.lock().clone();
        let order = self.lock().place_order(&pricer.inner, &cart, &context, &confirmed.inner, number, at)?;
        Ok(Order::wrap(order))
    }

    /// The session's id.
    pub fn id(&self) -> String {
        self.lock().id().to_owned()
    }

    /// The cart being checked out.
    pub fn cart_id(&self) -> String {
        self.lock().cart_id().to_owned()
    }

    /// Where the checkout stands.
    pub fn step(&self) -> CheckoutStep {
        self.lock().step().into()
    }

    /// The contact details, normalised.
    pub fn contact(&self) -> ContactDetails {
        ContactDetails::from(self.lock().contact())
    }

    /// The delivery choices, null before step 2.
    pub fn delivery(&self) -> Option<DeliveryDetails> {
        self.lock().delivery().map(DeliveryDetails::from)
    }

    /// When the contact details were recorded.
    pub fn contact_recorded_at(&self) -> SystemTime {
        SystemTime::from(self.lock().contact_recorded_at())
    }

    /// The order placed, null until then.
    pub fn order_id(&self) -> Option<String> {
        self.lock().order_id().map(str::to_owned)
    }
}
