//! What the shop remembers of support e-mail: every Message-ID received or sent with the case it
//! belongs to (threading, duplicate deliveries), addresses that bounced, and attachment bytes kept
//! in the store when no [`super::AttachmentStore`] plug-in is set.

use base64::Engine as _;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Whether the shop received or sent an e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailDirection {
    /// It came in.
    Received,
    /// The shop sent it.
    Sent,
}

/// One support e-mail by Message-ID (the record's id, without `<>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MailRecord {
    /// The Message-ID.
    pub id: String,
    /// The case it belongs to; `None` for what no case took (a bounce or auto-reply to nothing).
    pub case_id: Option<String>,
    /// Received or sent.
    pub direction: MailDirection,
    /// When the shop received or queued it.
    pub at: Timestamp,
}

impl MailRecord {
    /// The e-mail `message_id` (with or without `<>`) the shop queued about case `case_id`.
    pub fn sent(message_id: &str, case_id: &str, at: Timestamp) -> MailRecord {
        let id = super::clean_id(message_id);
        MailRecord { id, case_id: Some(case_id.to_owned()), direction: MailDirection::Sent, at }
    }
}

/// An address mail to which bounced (the record's id: the address, lowercased).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BouncedAddress {
    /// The address.
    pub id: String,
    /// How many bounces were reported for it.
    pub bounces: u32,
    /// When the first one came.
    pub first_at: Timestamp,
    /// When the last one came.
    pub last_at: Timestamp,
    /// The case whose e-mail bounced last, if known.
    pub last_case_id: Option<String>,
}

impl BouncedAddress {
    /// The first bounce for `address`.
    pub fn new(address: &str, case_id: Option<String>, at: Timestamp) -> BouncedAddress {
        let id = address.trim().to_ascii_lowercase();
        BouncedAddress { id, bounces: 1, first_at: at, last_at: at, last_case_id: case_id }
    }

    /// One more bounce.
    pub fn bounced_again(&mut self, case_id: Option<String>, at: Timestamp) {
        self.bounces = self.bounces.saturating_add(1);
        self.last_at = at;
        self.last_case_id = case_id.or(self.last_case_id.take());
    }
}

/// The bytes of an attachment kept in the shop's own store (base64 in the document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StoredAttachment {
    /// Its key (the [`super::AttachmentMeta::location`]).
    pub id: String,
    /// Its MIME type.
    pub content_type: String,
    /// Its bytes, base64 (standard alphabet, padded).
    pub content: String,
}

impl StoredAttachment {
    /// Keeps `content` under `key`.
    pub fn new(key: &str, content_type: &str, content: &[u8]) -> StoredAttachment {
        let content = base64::engine::general_purpose::STANDARD.encode(content);
        StoredAttachment { id: key.to_owned(), content_type: content_type.to_owned(), content }
    }

    /// The bytes (empty if the stored text is not base64).
    pub fn bytes(&self) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD.decode(&self.content).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounced_address_counts_its_bounces_and_keeps_the_last_case() {
        let at = Timestamp::UNIX_EPOCH;
        let mut bounced = BouncedAddress::new(" Nobody@Example.invalid ", Some("c1".into()), at);
        assert_eq!(bounced.id, "nobody@example.invalid");
        bounced.bounced_again(None, at);
        assert_eq!((bounced.bounces, bounced.last_case_id.as_deref()), (2, Some("c1")));
    }

    #[test]
    fn stored_attachment_bytes_round_trip() {
        let bytes: Vec<u8> = (0..=255).collect();
        let stored = StoredAttachment::new("k", "image/png", &bytes);
        assert_eq!(stored.bytes(), bytes);
        let json = serde_json::to_string(&stored).unwrap();
        assert_eq!(serde_json::from_str::<StoredAttachment>(&json).unwrap(), stored);
    }
}
