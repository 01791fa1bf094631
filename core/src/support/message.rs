//! Who acts on a case and the messages exchanged on it: public replies and internal notes.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::inbound::AttachmentMeta;

/// Who did something: the customer, a support agent, or the system itself (automations, merges).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CaseActor {
    /// A customer, by customer id.
    Customer {
        /// The customer's id.
        id: String,
    },
    /// A support agent or other staff member, by staff id.
    Agent {
        /// The agent's id.
        id: String,
    },
    /// The engine itself (auto-close, merge notices).
    System,
}

impl CaseActor {
    /// Whether this actor is a support agent.
    pub fn is_agent(&self) -> bool {
        matches!(self, CaseActor::Agent { .. })
    }
}

/// What a message is and who may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// The request as the case was opened with it; public, never counts as a response.
    Description,
    /// A reply the customer sees.
    PublicReply,
    /// A note for staff only; never shown to the customer.
    InternalNote,
}

impl MessageKind {
    /// Whether the customer may see messages of this kind.
    pub fn is_public(self) -> bool {
        !matches!(self, MessageKind::InternalNote)
    }
}

/// One message on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Message {
    /// UUIDv7 id.
    pub id: String,
    /// Who wrote it.
    pub author: CaseActor,
    /// Public reply, internal note or the opening description.
    pub kind: MessageKind,
    /// The text.
    pub body: String,
    /// When it was written (kept when the message is moved by a merge).
    pub at: Timestamp,
    /// The duplicate case it was moved from by a merge, if any.
    pub merged_from: Option<String>,
    /// What the e-mail it came in by carried besides its text; `None` for other channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<MailDetails>,
}

/// What an inbound e-mail carried besides the text a case shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MailDetails {
    /// Its Message-ID (without `<>`), if it had one.
    pub message_id: Option<String>,
    /// The sender's address.
    pub from: String,
    /// The whole decoded text, quoted history included, for the record.
    pub full_body: String,
    /// The files that came with it; their bytes are in the attachment store.
    pub attachments: Vec<AttachmentMeta>,
}

impl Message {
    /// Whether this message answers the customer: a public reply written by an agent.
    pub fn is_agent_response(&self) -> bool {
        self.kind == MessageKind::PublicReply && self.author.is_agent()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(author: CaseActor, kind: MessageKind) -> Message {
        Message {
            id: "m".into(),
            author,
            kind,
            body: "hi".into(),
            at: Timestamp::UNIX_EPOCH,
            merged_from: None,
            email: None,
        }
    }

    #[test]
    fn only_public_agent_replies_are_responses() {
        let agent = CaseActor::Agent { id: "a1".into() };
        let customer = CaseActor::Customer { id: "c1".into() };
        assert!(message(agent.clone(), MessageKind::PublicReply).is_agent_response());
        assert!(!message(agent.clone(), MessageKind::InternalNote).is_agent_response());
        assert!(!message(agent, MessageKind::Description).is_agent_response());
        assert!(!message(customer, MessageKind::PublicReply).is_agent_response());
        assert!(!message(CaseActor::System, MessageKind::PublicReply).is_agent_response());
    }

    #[test]
    fn internal_notes_are_not_public() {
        assert!(MessageKind::Description.is_public());
        assert!(MessageKind::PublicReply.is_public());
        assert!(!MessageKind::InternalNote.is_public());
    }

    #[test]
    fn actor_serialises_with_a_kind_tag() {
        let json = serde_json::to_string(&CaseActor::Agent { id: "a1".into() }).unwrap();
        assert_eq!(json, r#"{"kind":"agent","id":"a1"}"#);
        assert_eq!(serde_json::from_str::<CaseActor>(r#"{"kind":"system"}"#).unwrap(), CaseActor::System);
    }
}
