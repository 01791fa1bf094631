//! Abandoned checkouts: sessions with contact details but no order after an idle time, listed with
//! what a follow-up message needs.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::{CheckoutSession, CheckoutStep};

/// A checkout to follow up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AbandonedCheckout {
    /// The session.
    pub session_id: String,
    /// Its cart.
    pub cart_id: String,
    /// The customer, `None` for a guest.
    pub customer_id: Option<String>,
    /// Where to write.
    pub email: String,
    /// Where to call or text, if given.
    pub phone: Option<String>,
    /// How far the shopper got.
    pub step: CheckoutStep,
    /// The shopper's last step.
    pub last_activity_at: Timestamp,
}

/// The sessions idle for at least `after` at `now` and not placed, longest idle first.
pub fn abandoned_checkouts(
    sessions: &[CheckoutSession],
    now: Timestamp,
    after: SignedDuration,
) -> Vec<AbandonedCheckout> {
    let mut abandoned: Vec<AbandonedCheckout> =
        sessions.iter().filter_map(|s| s.abandoned_since(now, after).map(|since| follow_up(s, since))).collect();
    abandoned.sort_by_key(|a| a.last_activity_at);
    abandoned
}

fn follow_up(session: &CheckoutSession, since: Timestamp) -> AbandonedCheckout {
    AbandonedCheckout {
        session_id: session.id().to_owned(),
        cart_id: session.cart_id().to_owned(),
        customer_id: session.customer_id().map(str::to_owned),
        email: session.contact().email.clone(),
        phone: session.contact().phone.clone(),
        step: session.step(),
        last_activity_at: since,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::fixtures::{at, cart, contact, delivery};
    use crate::order::PaymentMethod;

    #[test]
    fn lists_idle_unplaced_sessions_longest_idle_first() {
        let early = CheckoutSession::start(&cart(), contact(), at(0)).unwrap();
        let mut later = CheckoutSession::start(&cart(), contact(), at(100)).unwrap();
        later.set_delivery(delivery(PaymentMethod::Card), at(200)).unwrap();
        let recent = CheckoutSession::start(&cart(), contact(), at(3000)).unwrap();
        let mut placed = CheckoutSession::start(&cart(), contact(), at(0)).unwrap();
        placed.mark_placed("o1", at(10));
        let sessions = vec![later.clone(), recent, placed, early.clone()];
        let found = abandoned_checkouts(&sessions, at(3600), SignedDuration::from_mins(30));
        let ids: Vec<&str> = found.iter().map(|a| a.session_id.as_str()).collect();
        assert_eq!(ids, vec![early.id(), later.id()]);
        assert_eq!(found[1].step, CheckoutStep::ReadyToPlace);
        assert_eq!(found[1].last_activity_at, at(200));
        assert_eq!((found[0].email.as_str(), found[0].phone.as_deref()), ("ana@example.bg", Some("+359888123456")));
    }
}
