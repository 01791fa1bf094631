//! "Tell me when it is back": a shopper's request to be e-mailed once when a variant that cannot be
//! ordered can be again. It waits until that e-mail is sent or the shopper withdraws it.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::InventoryError;

/// Where a back-in-stock request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeState {
    /// Waiting for the variant to be orderable again.
    Waiting,
    /// The e-mail went out.
    Sent,
    /// The shopper no longer wants it.
    Withdrawn,
}

impl NoticeState {
    /// The snake_case name (`waiting`).
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeState::Waiting => "waiting",
            NoticeState::Sent => "sent",
            NoticeState::Withdrawn => "withdrawn",
        }
    }
}

/// A shopper's request to hear when a variant is back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockNotice {
    id: String,
    variant_id: String,
    email: String,
    locale: Option<String>,
    customer_id: Option<String>,
    state: NoticeState,
    created_at: Timestamp,
    sent_at: Option<Timestamp>,
}

impl StockNotice {
    /// A waiting request of `email` (one plain address) for `variant_id`, in `locale` (`None`: the
    /// shop's default), by signed-in `customer_id` if any.
    pub fn new(
        variant_id: &str,
        email: &str,
        locale: Option<&str>,
        customer_id: Option<&str>,
        at: Timestamp,
    ) -> Result<StockNotice, InventoryError> {
        if variant_id.trim().is_empty() {
            return Err(InventoryError::invalid("variant_id", "must not be empty"));
        }
        let email = email.trim();
        if !is_plain_address(email) {
            return Err(InventoryError::invalid("email", "one plain address such as ana@example.com"));
        }
        let locale = locale.map(str::trim).filter(|l| !l.is_empty());
        if locale.is_some_and(|l| l.len() > 35 || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')) {
            return Err(InventoryError::invalid("locale", "a language tag such as bg or en-GB"));
        }
        Ok(StockNotice {
            id: crate::id::new_id(at),
            variant_id: variant_id.to_owned(),
            email: email.to_owned(),
            locale: locale.map(str::to_owned),
            customer_id: customer_id.map(str::to_owned),
            state: NoticeState::Waiting,
            created_at: at,
            sent_at: None,
        })
    }

    /// Records that the e-mail went out at `at`; only a waiting request can be sent.
    pub fn mark_sent(&mut self, at: Timestamp) -> Result<(), InventoryError> {
        self.leave_waiting(NoticeState::Sent)?;
        self.sent_at = Some(at);
        Ok(())
    }

    /// The shopper withdraws the request; only a waiting one can be withdrawn.
    pub fn withdraw(&mut self) -> Result<(), InventoryError> {
        self.leave_waiting(NoticeState::Withdrawn)
    }

    fn leave_waiting(&mut self, to: NoticeState) -> Result<(), InventoryError> {
        if self.state != NoticeState::Waiting {
            let reason = format!("the request is {}, no longer waiting", self.state.as_str());
            return Err(InventoryError::invalid("state", reason));
        }
        self.state = to;
        Ok(())
    }

    /// Its id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The variant asked for.
    pub fn variant_id(&self) -> &str {
        &self.variant_id
    }

    /// Where the e-mail goes.
    pub fn email(&self) -> &str {
        &self.email
    }

    /// The e-mail's language; `None`: the shop's default.
    pub fn locale(&self) -> Option<&str> {
        self.locale.as_deref()
    }

    /// The signed-in shopper who asked, if any.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer_id.as_deref()
    }

    /// Waiting, sent or withdrawn.
    pub fn state(&self) -> NoticeState {
        self.state
    }

    /// When it was asked for.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// When the e-mail went out.
    pub fn sent_at(&self) -> Option<Timestamp> {
        self.sent_at
    }
}

/// One address, `local@domain.tld`, with no name, spaces or control characters, at most 254 long.
fn is_plain_address(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    email.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\",;:()[]".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Timestamp {
        "2026-12-07T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_request_waits_then_is_sent_once() {
        let mut notice = StockNotice::new("mug-1", " ana@example.bg ", Some("bg"), None, at()).unwrap();
        assert_eq!(
            (notice.email(), notice.locale(), notice.state()),
            ("ana@example.bg", Some("bg"), NoticeState::Waiting)
        );
        notice.mark_sent(at()).unwrap();
        assert_eq!((notice.state(), notice.sent_at()), (NoticeState::Sent, Some(at())));
        assert!(matches!(notice.mark_sent(at()), Err(InventoryError::Invalid { field, .. }) if field == "state"));
        assert!(notice.withdraw().is_err(), "a sent request cannot be withdrawn");
    }

    #[test]
    fn bad_input_names_the_field() {
        let field = |result: Result<StockNotice, InventoryError>| match result {
            Err(InventoryError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(StockNotice::new(" ", "a@b.bg", None, None, at())), "variant_id");
        assert_eq!(field(StockNotice::new("v", "not an address", None, None, at())), "email");
        assert_eq!(field(StockNotice::new("v", "Ana <a@b.bg>", None, None, at())), "email");
        assert_eq!(field(StockNotice::new("v", "a@b.bg\r\nBcc: x@y.z", None, None, at())), "email");
        assert_eq!(field(StockNotice::new("v", "a@b.bg", Some("en GB"), None, at())), "locale");
    }

    #[test]
    fn a_withdrawn_request_is_not_sent() {
        let mut notice = StockNotice::new("mug-1", "ana@example.bg", None, Some("cust-ana"), at()).unwrap();
        notice.withdraw().unwrap();
        assert_eq!(notice.state(), NoticeState::Withdrawn);
        assert!(notice.mark_sent(at()).is_err());
    }
}
