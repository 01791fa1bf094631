//! The support case's events: a request received, an agent's reply posted, the customer reminded,
//! serialised tagged by `type` as the outbox stores them.

use serde::{Deserialize, Serialize};

/// Something that happened to a support case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CaseEvent {
    /// A support agent answered a case with a reply the customer sees.
    SupportReplyPosted {
        /// The case.
        case_id: String,
        /// The reply's message id on the case.
        message_id: String,
        /// The customer the case belongs to.
        customer_id: String,
        /// The answering agent's staff id.
        agent_id: String,
    },
    /// A request came in by e-mail and opened the case: the customer is told it was received.
    CaseReceived {
        /// The case.
        case_id: String,
        /// The customer the case belongs to.
        customer_id: String,
    },
    /// The customer was reminded that the case waits on their answer.
    CustomerReminded {
        /// The case.
        case_id: String,
        /// The customer the case belongs to.
        customer_id: String,
    },
}

impl CaseEvent {
    /// The event's `type` as serialised (`support_reply_posted`), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            CaseEvent::SupportReplyPosted { .. } => "support_reply_posted",
            CaseEvent::CustomerReminded { .. } => "customer_reminded",
            CaseEvent::CaseReceived { .. } => "case_received",
        }
    }

    /// The case the event is about.
    pub fn case_id(&self) -> &str {
        match self {
            CaseEvent::SupportReplyPosted { case_id, .. }
            | CaseEvent::CustomerReminded { case_id, .. }
            | CaseEvent::CaseReceived { case_id, .. } => case_id,
        }
    }
}
