//! The two-step checkout session. Step 1 records the contact details at once, with a timestamp, so an
//! abandoned checkout can be followed up; step 2 records delivery address, shipping and payment method.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::CheckoutError;
use crate::cart::Cart;
use crate::order::{ContactDetails, DeliveryDetails};

/// Where a checkout stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckoutStep {
    /// Contact details recorded; delivery and payment not chosen yet.
    ContactRecorded,
    /// Delivery and payment chosen; the order can be placed.
    ReadyToPlace,
    /// The order was placed; the session is closed.
    Placed,
}

/// A shopper's checkout of one cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckoutSession {
    id: String,
    cart_id: String,
    customer_id: Option<String>,
    contact: ContactDetails,
    contact_recorded_at: Timestamp,
    delivery: Option<DeliveryDetails>,
    step: CheckoutStep,
    started_at: Timestamp,
    last_activity_at: Timestamp,
    order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    followed_up_at: Option<Timestamp>,
}

impl CheckoutSession {
    /// Step 1: starts checking out `cart` with the shopper's contact details, recorded at `at`.
    pub fn start(cart: &Cart, contact: ContactDetails, at: Timestamp) -> Result<CheckoutSession, CheckoutError> {
        if cart.lines.is_empty() {
            return Err(CheckoutError::EmptyCart { cart_id: cart.id.clone() });
        }
        Ok(CheckoutSession {
            id: Uuid::now_v7().to_string(),
            cart_id: cart.id.clone(),
            customer_id: cart.customer_id.clone(),
            contact: contact.validated()?,
            contact_recorded_at: at,
            delivery: None,
            step: CheckoutStep::ContactRecorded,
            started_at: at,
            last_activity_at: at,
            order_id: None,
            followed_up_at: None,
        })
    }

    /// Replaces the contact details (until the order is placed).
    pub fn update_contact(&mut self, contact: ContactDetails, at: Timestamp) -> Result<(), CheckoutError> {
        self.check_open("update the contact details")?;
        self.contact = contact.validated()?;
        self.contact_recorded_at = at;
        self.last_activity_at = at;
        Ok(())
    }

    /// Step 2: records the delivery address, shipping method and payment method (again to change them).
    pub fn set_delivery(&mut self, delivery: DeliveryDetails, at: Timestamp) -> Result<(), CheckoutError> {
        self.check_open("set the delivery details")?;
        self.delivery = Some(delivery.validated()?);
        self.step = CheckoutStep::ReadyToPlace;
        self.last_activity_at = at;
        Ok(())
    }

    /// When the shopper was last active, if the checkout is not placed and has been idle for at least
    /// `after` at `now`: the moment to follow up from.
    pub fn abandoned_since(&self, now: Timestamp, after: SignedDuration) -> Option<Timestamp> {
        let idle = now.duration_since(self.last_activity_at);
        let open = self.step != CheckoutStep::Placed && self.followed_up_at.is_none();
        (open && idle >= after).then_some(self.last_activity_at)
    }

    /// Records that the shopper was followed up at `at`: the session is abandoned no more.
    pub fn mark_followed_up(&mut self, at: Timestamp) {
        self.followed_up_at = Some(at);
    }

    /// When the shopper was followed up after abandoning the checkout, if ever.
    pub fn followed_up_at(&self) -> Option<Timestamp> {
        self.followed_up_at
    }

    pub(super) fn check_open(&self, action: &'static str) -> Result<(), CheckoutError> {
        if self.step == CheckoutStep::Placed {
            return Err(self.wrong_step(action));
        }
        Ok(())
    }

    pub(super) fn wrong_step(&self, action: &'static str) -> CheckoutError {
        CheckoutError::WrongStep { session_id: self.id.clone(), step: self.step, action }
    }

    pub(super) fn mark_placed(&mut self, order_id: &str, at: Timestamp) {
        self.step = CheckoutStep::Placed;
        self.order_id = Some(order_id.to_owned());
        self.last_activity_at = at;
    }

    /// Unique id (UUIDv7 string).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The cart checked out.
    pub fn cart_id(&self) -> &str {
        &self.cart_id
    }

    /// The customer, `None` for a guest.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer_id.as_deref()
    }

    /// Takes the shopper out of the checkout (their erasure): the contact is `email` (the erased
    /// address) with no phone, and the delivery address keeps only its country and region.
    pub fn erase_personal_data(&mut self, email: &str) {
        self.contact = ContactDetails { email: email.to_owned(), phone: None };
        if let Some(delivery) = &mut self.delivery {
            delivery.address = delivery.address.erased();
        }
    }

    /// The contact details.
    pub fn contact(&self) -> &ContactDetails {
        &self.contact
    }

    /// When the contact details were last recorded.
    pub fn contact_recorded_at(&self) -> Timestamp {
        self.contact_recorded_at
    }

    /// The delivery and payment choices, once made.
    pub fn delivery(&self) -> Option<&DeliveryDetails> {
        self.delivery.as_ref()
    }

    /// Where the checkout stands.
    pub fn step(&self) -> CheckoutStep {
        self.step
    }

    /// When step 1 was completed.
    pub fn started_at(&self) -> Timestamp {
        self.started_at
    }

    /// The shopper's last step.
    pub fn last_activity_at(&self) -> Timestamp {
        self.last_activity_at
    }

    /// The order placed, once placed.
    pub fn order_id(&self) -> Option<&str> {
        self.order_id.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::fixtures::{at, cart, contact, delivery};
    use crate::order::PaymentMethod;

    #[test]
    fn contact_is_recorded_at_once_with_its_time() {
        let cart = cart();
        let session = CheckoutSession::start(&cart, contact(), at(5)).unwrap();
        assert_eq!(session.cart_id(), cart.id);
        assert_eq!(session.step(), CheckoutStep::ContactRecorded);
        assert_eq!(
            (session.contact_recorded_at(), session.started_at(), session.last_activity_at()),
            (at(5), at(5), at(5))
        );
        assert_eq!(session.contact().email, "ana@example.bg");
        assert_eq!(session.customer_id(), Some("c1"));
        assert!(session.delivery().is_none() && session.order_id().is_none());
    }

    #[test]
    fn invalid_contact_or_empty_cart_is_refused() {
        let bad = ContactDetails { email: "nope".into(), phone: None };
        assert!(matches!(CheckoutSession::start(&cart(), bad, at(0)), Err(CheckoutError::InvalidField { .. })));
        let empty = Cart::new(cart().currency, None);
        assert!(matches!(CheckoutSession::start(&empty, contact(), at(0)), Err(CheckoutError::EmptyCart { .. })));
    }

    #[test]
    fn delivery_makes_it_ready_and_refusals_change_nothing() {
        let mut session = CheckoutSession::start(&cart(), contact(), at(0)).unwrap();
        let mut bad = delivery(PaymentMethod::Card);
        bad.address.city = " ".into();
        let before = session.clone();
        assert!(session.set_delivery(bad, at(1)).is_err());
        assert_eq!(session, before);
        session.set_delivery(delivery(PaymentMethod::Card), at(2)).unwrap();
        assert_eq!(session.step(), CheckoutStep::ReadyToPlace);
        session.update_contact(ContactDetails::new("ana@other.bg", None).unwrap(), at(3)).unwrap();
        assert_eq!((session.contact_recorded_at(), session.last_activity_at()), (at(3), at(3)));
    }

    #[test]
    fn abandoned_after_the_idle_time_unless_placed() {
        let mut session = CheckoutSession::start(&cart(), contact(), at(0)).unwrap();
        let hour = SignedDuration::from_hours(1);
        assert_eq!(session.abandoned_since(at(3599), hour), None);
        assert_eq!(session.abandoned_since(at(3600), hour), Some(at(0)));
        session.set_delivery(delivery(PaymentMethod::Card), at(600)).unwrap();
        assert_eq!(session.abandoned_since(at(3600), hour), None);
        assert_eq!(session.abandoned_since(at(4200), hour), Some(at(600)));
        session.mark_placed("order-1", at(700));
        assert_eq!(session.abandoned_since(at(99_999), hour), None);
        assert!(matches!(
            session.set_delivery(delivery(PaymentMethod::Card), at(800)),
            Err(CheckoutError::WrongStep { step: CheckoutStep::Placed, .. })
        ));
    }
}
