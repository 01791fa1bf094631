//! Marketing consent as a history of grant / withdrawal events per channel; the latest event of a
//! channel decides whether the customer may be contacted there. Nothing is ever overwritten.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::CustomerError;

/// A marketing channel that needs consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentChannel {
    /// Newsletters and offers by e-mail.
    Email,
    /// Offers by text message.
    Sms,
}

impl fmt::Display for ConsentChannel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConsentChannel::Email => "email",
            ConsentChannel::Sms => "sms",
        })
    }
}

/// Where the customer gave or withdrew consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentSource {
    /// A tick box at checkout.
    Checkout,
    /// The customer's account settings (or an unsubscribe link).
    Account,
    /// A bulk import from another system.
    Import,
    /// Recorded by a support agent on the customer's request.
    Support,
    /// Withdrawn because the customer's personal data was erased at their request.
    Erasure,
}

/// Whether consent was given or taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentAction {
    /// Consent given.
    Granted,
    /// Consent withdrawn.
    Withdrawn,
}

/// One recorded consent decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsentEvent {
    /// The channel concerned.
    pub channel: ConsentChannel,
    /// Given or withdrawn.
    pub action: ConsentAction,
    /// Where it was recorded.
    pub source: ConsentSource,
    /// When.
    pub at: Timestamp,
}

/// Every consent decision of one customer, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsentHistory {
    events: Vec<ConsentEvent>,
}

impl ConsentHistory {
    /// Appends a decision; refuses one dated before the channel's latest event.
    pub fn record(&mut self, event: ConsentEvent) -> Result<(), CustomerError> {
        if let Some(last) = self.latest(event.channel).filter(|last| event.at < last.at) {
            return Err(CustomerError::ConsentOutOfOrder { channel: event.channel, at: event.at, last: last.at });
        }
        self.events.push(event);
        Ok(())
    }

    /// The latest decision for `channel`, if any.
    pub fn latest(&self, channel: ConsentChannel) -> Option<&ConsentEvent> {
        self.events.iter().rev().find(|event| event.channel == channel)
    }

    /// Whether the latest decision for `channel` is a grant (no decision means no consent).
    pub fn has_consent(&self, channel: ConsentChannel) -> bool {
        self.latest(channel).is_some_and(|event| event.action == ConsentAction::Granted)
    }

    /// All decisions, oldest first.
    pub fn events(&self) -> &[ConsentEvent] {
        &self.events
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(channel: ConsentChannel, action: ConsentAction, at: &str) -> ConsentEvent {
        ConsentEvent { channel, action, source: ConsentSource::Checkout, at: at.parse().unwrap() }
    }

    #[test]
    fn no_history_means_no_consent() {
        let history = ConsentHistory::default();
        assert!(!history.has_consent(ConsentChannel::Email));
        assert!(history.latest(ConsentChannel::Sms).is_none());
    }

    #[test]
    fn the_latest_event_per_channel_decides_and_history_is_kept() {
        let mut history = ConsentHistory::default();
        history.record(event(ConsentChannel::Email, ConsentAction::Granted, "2025-01-01T00:00:00Z")).unwrap();
        history.record(event(ConsentChannel::Sms, ConsentAction::Granted, "2025-01-02T00:00:00Z")).unwrap();
        history.record(event(ConsentChannel::Email, ConsentAction::Withdrawn, "2025-02-01T00:00:00Z")).unwrap();
        assert!(!history.has_consent(ConsentChannel::Email));
        assert!(history.has_consent(ConsentChannel::Sms));
        assert_eq!(history.events().len(), 3);
        history.record(event(ConsentChannel::Email, ConsentAction::Granted, "2025-03-01T00:00:00Z")).unwrap();
        assert!(history.has_consent(ConsentChannel::Email));
    }

    #[test]
    fn an_event_before_the_channels_latest_is_refused_and_not_stored() {
        let mut history = ConsentHistory::default();
        history.record(event(ConsentChannel::Email, ConsentAction::Granted, "2025-02-01T00:00:00Z")).unwrap();
        let err = history.record(event(ConsentChannel::Email, ConsentAction::Withdrawn, "2025-01-01T00:00:00Z"));
        assert!(matches!(err, Err(CustomerError::ConsentOutOfOrder { channel: ConsentChannel::Email, .. })));
        assert_eq!(history.events().len(), 1);
        // Another channel has its own order.
        history.record(event(ConsentChannel::Sms, ConsentAction::Granted, "2025-01-01T00:00:00Z")).unwrap();
    }

    #[test]
    fn events_serialise_in_snake_case() {
        let json =
            serde_json::to_value(event(ConsentChannel::Sms, ConsentAction::Withdrawn, "2025-01-01T00:00:00Z")).unwrap();
        assert_eq!(json["channel"], "sms");
        assert_eq!(json["action"], "withdrawn");
        assert_eq!(json["source"], "checkout");
        assert_eq!(ConsentChannel::Email.to_string(), "email");
    }
}
