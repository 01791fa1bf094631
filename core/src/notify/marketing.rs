//! Marketing mail rules: only customers who consented to e-mail, in the chosen segment, and not
//! mailed within the frequency cap; every mailing carries a one-click unsubscribe (RFC 8058).

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::error::MessageError;
use super::message::EmailMessage;
use crate::customer::{ConsentChannel, Customer};

/// Who a mailing is for, among customers who consented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "group", rename_all = "snake_case")]
pub enum Segment {
    /// Everyone who consented.
    All,
    /// VIP customers only.
    Vip,
    /// Members of one customer group.
    Group(String),
}

/// The rules of one mailing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MarketingPolicy {
    /// Who it is for.
    pub segment: Segment,
    /// Only the members of this stored customer segment (its rules over purchase history and
    /// profile, counted by the store), on top of `segment`; `None`: everyone in `segment`.
    #[serde(default)]
    pub saved_segment: Option<String>,
    /// Least time between two marketing e-mails to the same customer (7 days unless set).
    pub min_interval: SignedDuration,
}

impl Default for MarketingPolicy {
    fn default() -> Self {
        MarketingPolicy { segment: Segment::All, saved_segment: None, min_interval: SignedDuration::from_hours(7 * 24) }
    }
}

/// Why a customer does not get a mailing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SkipReason {
    /// No current consent to marketing by e-mail.
    NoConsent,
    /// Outside the mailing's segment.
    OutsideSegment,
    /// Mailed too recently.
    FrequencyCap {
        /// The last marketing e-mail sent.
        last_sent: Timestamp,
        /// The earliest time the next may go.
        next_allowed: Timestamp,
    },
}

/// A customer left out of a mailing, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Skipped {
    /// The customer's id.
    pub customer_id: String,
    /// Why.
    pub reason: SkipReason,
}

/// Who gets a mailing and who does not; every customer given appears in exactly one list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MarketingSelection {
    /// Ids of the customers to mail, in the order given.
    pub recipients: Vec<String>,
    /// The others, in the order given.
    pub skipped: Vec<Skipped>,
}

/// One marketing e-mail sent to one customer, stored as its own row: the frequency cap is computed
/// from these, and its id with a random secret is the token of the e-mail's one-click unsubscribe
/// link ([`MarketingSend::unsubscribe_token`]); its `Debug` output leaves the secret out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MarketingSend {
    /// UUIDv7 id.
    pub id: String,
    /// The customer mailed.
    pub customer_id: String,
    /// The campaign's id.
    pub campaign: String,
    /// The address it went to.
    pub email: String,
    /// The locale of the text sent.
    pub locale: String,
    /// The e-mail's message id.
    pub message_id: String,
    /// When it was queued.
    pub sent_at: Timestamp,
    /// When the customer unsubscribed through this e-mail's link, if they did.
    #[serde(default)]
    pub unsubscribed_at: Option<Timestamp>,
    /// The random secret of the unsubscribe link (empty on sends stored before links had one).
    #[serde(default)]
    pub unsubscribe_secret: String,
}

impl std::fmt::Debug for MarketingSend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MarketingSend")
            .field("id", &self.id)
            .field("customer_id", &self.customer_id)
            .field("campaign", &self.campaign)
            .field("email", &self.email)
            .field("locale", &self.locale)
            .field("message_id", &self.message_id)
            .field("sent_at", &self.sent_at)
            .field("unsubscribed_at", &self.unsubscribed_at)
            .field("unsubscribe_secret", &crate::redact::REDACTED)
            .finish()
    }
}

impl MarketingSend {
    /// The token of this e-mail's unsubscribe link: `<send id>.<secret>`, so a link cannot be made
    /// up from a send id alone.
    pub fn unsubscribe_token(&self) -> String {
        format!("{}.{}", self.id, self.unsubscribe_secret)
    }

    /// Splits an unsubscribe token into the send id and the secret (a token without a secret is
    /// a link of a send stored before links had one).
    pub fn parse_unsubscribe_token(token: &str) -> (&str, &str) {
        token.trim().split_once('.').unwrap_or((token.trim(), ""))
    }

    /// Whether `secret` is this send's, compared in constant time.
    pub fn unsubscribe_secret_matches(&self, secret: &str) -> bool {
        crate::id::secrets_equal(&self.unsubscribe_secret, secret)
    }
}

/// The latest send per customer among `sends` (what [`select_marketing_recipients`] takes).
pub fn last_sent_by_customer(sends: &[MarketingSend]) -> BTreeMap<String, Timestamp> {
    let mut last: BTreeMap<String, Timestamp> = BTreeMap::new();
    for send in sends {
        let entry = last.entry(send.customer_id.clone()).or_insert(send.sent_at);
        *entry = (*entry).max(send.sent_at);
    }
    last
}

/// Splits `customers` into recipients and skipped ones under `policy` at `now`; `last_sent` maps a
/// customer id to the time of their latest marketing e-mail. Checks consent, then segment, then cap.
pub fn select_marketing_recipients(
    customers: &[Customer],
    last_sent: &BTreeMap<String, Timestamp>,
    policy: &MarketingPolicy,
    now: Timestamp,
) -> MarketingSelection {
    let mut selection = MarketingSelection::default();
    for customer in customers {
        match skip_reason(customer, last_sent.get(customer.id()).copied(), policy, now) {
            None => selection.recipients.push(customer.id().to_owned()),
            Some(reason) => selection.skipped.push(Skipped { customer_id: customer.id().to_owned(), reason }),
        }
    }
    selection
}

fn skip_reason(
    customer: &Customer,
    last_sent: Option<Timestamp>,
    policy: &MarketingPolicy,
    now: Timestamp,
) -> Option<SkipReason> {
    if !customer.has_consent(ConsentChannel::Email) {
        return Some(SkipReason::NoConsent);
    }
    let in_segment = match &policy.segment {
        Segment::All => true,
        Segment::Vip => customer.is_vip(),
        Segment::Group(group) => customer.in_group(group),
    };
    if !in_segment {
        return Some(SkipReason::OutsideSegment);
    }
    let last_sent = last_sent?;
    let next_allowed = last_sent.saturating_add(policy.min_interval).unwrap_or(Timestamp::MAX);
    (now < next_allowed).then_some(SkipReason::FrequencyCap { last_sent, next_allowed })
}

/// Adds `List-Unsubscribe: <url>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` to a
/// marketing message; `url` must be an http(s) link without spaces, `<`, `>` or `,`.
pub fn add_unsubscribe(message: EmailMessage, url: &str) -> Result<EmailMessage, MessageError> {
    if url.contains(['\r', '\n']) {
        return Err(MessageError::HeaderInjection { field: "unsubscribe_url".to_owned() });
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    if rest.is_none_or(str::is_empty) || url.contains(['<', '>', ',', ' ']) {
        return Err(MessageError::invalid("unsubscribe_url", "must be an http(s) link without spaces, <, > or ,"));
    }
    message
        .with_header("List-Unsubscribe", &format!("<{url}>"))?
        .with_header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
}

#[cfg(test)]
mod tests {
    use super::super::message::tests::message;
    use super::*;
    use crate::customer::{ConsentSource, NewCustomer};

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn customer(email: &str, consent: bool, vip: bool) -> Customer {
        let new = NewCustomer { email: email.into(), name: "Ana".into(), phone: None, locale: "en".into() };
        let mut customer = Customer::register(new, ts("2025-01-01T00:00:00Z")).unwrap();
        if consent {
            customer.grant_consent(ConsentChannel::Email, ConsentSource::Checkout, ts("2025-01-02T00:00:00Z")).unwrap();
        }
        if vip {
            customer.add_group("VIP").unwrap();
        }
        customer
    }

    #[test]
    fn consent_segment_and_frequency_cap_decide_in_that_order() {
        let yes = customer("yes@example.com", true, false);
        let no = customer("no@example.com", false, true);
        let recent = customer("recent@example.com", true, true);
        let long_ago = customer("old@example.com", true, false);
        let mut withdrawn = customer("gone@example.com", true, false);
        withdrawn.withdraw_consent(ConsentChannel::Email, ConsentSource::Account, ts("2025-02-01T00:00:00Z")).unwrap();
        let now = ts("2025-03-10T12:00:00Z");
        let last_sent = BTreeMap::from([
            (recent.id().to_owned(), ts("2025-03-05T12:00:00Z")),
            (long_ago.id().to_owned(), ts("2025-03-03T12:00:00Z")),
        ]);
        let all = [yes.clone(), no.clone(), recent.clone(), long_ago.clone(), withdrawn.clone()];
        let selection = select_marketing_recipients(&all, &last_sent, &MarketingPolicy::default(), now);
        assert_eq!(selection.recipients, [yes.id(), long_ago.id()]);
        let skipped: Vec<(&str, &SkipReason)> =
            selection.skipped.iter().map(|s| (s.customer_id.as_str(), &s.reason)).collect();
        let cap = SkipReason::FrequencyCap {
            last_sent: ts("2025-03-05T12:00:00Z"),
            next_allowed: ts("2025-03-12T12:00:00Z"),
        };
        assert_eq!(
            skipped,
            [(no.id(), &SkipReason::NoConsent), (recent.id(), &cap), (withdrawn.id(), &SkipReason::NoConsent)]
        );
    }

    #[test]
    fn exactly_at_the_cap_the_customer_may_be_mailed_again() {
        let ana = customer("ana@example.com", true, false);
        let last = BTreeMap::from([(ana.id().to_owned(), ts("2025-03-03T12:00:00Z"))]);
        let policy = MarketingPolicy { min_interval: SignedDuration::from_hours(24), ..MarketingPolicy::default() };
        let at_cap =
            select_marketing_recipients(std::slice::from_ref(&ana), &last, &policy, ts("2025-03-04T12:00:00Z"));
        assert_eq!(at_cap.recipients, [ana.id()]);
        let before =
            select_marketing_recipients(std::slice::from_ref(&ana), &last, &policy, ts("2025-03-04T11:59:59Z"));
        assert!(before.recipients.is_empty());
    }

    #[test]
    fn vip_and_group_segments_select_members_only() {
        let vip = customer("vip@example.com", true, true);
        let plain = customer("plain@example.com", true, false);
        let mut b2b = customer("b2b@example.com", true, false);
        b2b.add_group("b2b").unwrap();
        let all = [vip.clone(), plain.clone(), b2b.clone()];
        let none = BTreeMap::new();
        let now = ts("2025-03-10T00:00:00Z");
        let vip_policy = MarketingPolicy { segment: Segment::Vip, ..MarketingPolicy::default() };
        let selection = select_marketing_recipients(&all, &none, &vip_policy, now);
        assert_eq!(selection.recipients, [vip.id()]);
        assert!(selection.skipped.iter().all(|s| s.reason == SkipReason::OutsideSegment));
        let b2b_policy = MarketingPolicy { segment: Segment::Group("B2B".into()), ..MarketingPolicy::default() };
        assert_eq!(select_marketing_recipients(&all, &none, &b2b_policy, now).recipients, [b2b.id()]);
    }

    #[test]
    fn policy_round_trips_as_json() {
        let policy = MarketingPolicy { segment: Segment::Group("b2b".into()), ..MarketingPolicy::default() };
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(serde_json::from_str::<MarketingPolicy>(&json).unwrap(), policy);
    }

    #[test]
    fn unsubscribe_headers_are_added_and_bad_links_refused() {
        let with = add_unsubscribe(message("<1@example.com>"), "https://shop.example.com/u?t=abc").unwrap();
        let headers: Vec<(&str, &str)> = with.headers().iter().map(|h| (h.name(), h.value())).collect();
        assert!(headers.contains(&("List-Unsubscribe", "<https://shop.example.com/u?t=abc>")));
        assert!(headers.contains(&("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")));
        let injection = add_unsubscribe(message("<1@example.com>"), "https://x.example/u\r\nBcc:a@b.co").unwrap_err();
        assert_eq!(injection, MessageError::HeaderInjection { field: "unsubscribe_url".into() });
        for bad in ["ftp://x.example/u", "https://", "https://x.example/a b", "https://x.example/>,<"] {
            assert!(matches!(add_unsubscribe(message("<1@example.com>"), bad), Err(MessageError::InvalidField { .. })));
        }
    }
}
