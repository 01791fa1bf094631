//! Typed errors of the notify module: a refused message, a failed send, a template that cannot be
//! stored or rendered, and an outbox that cannot take or update an entry. Each names what is wrong.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why an e-mail message (or one of its addresses or headers) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MessageError {
    /// A header field, address or subject contains a line break: an attempt to inject headers.
    #[error("{field}: line breaks are not allowed (header injection)")]
    HeaderInjection {
        /// The offending field, e.g. `subject`, `to[1]` or `headers[0].value`.
        field: String,
    },
    /// A field is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidField {
        /// The offending field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl MessageError {
    pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> MessageError {
        MessageError::InvalidField { field: field.to_owned(), reason: reason.into() }
    }
}

/// Why a [`Mailer`](super::Mailer) could not send a message.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MailError {
    /// A failure worth retrying later (connection refused, timeout, 4xx reply).
    #[error("temporary mail failure: {reason}")]
    Transient {
        /// What the transport said.
        reason: String,
    },
    /// A failure that retrying will not fix (5xx reply, a message the transport cannot encode).
    #[error("permanent mail failure: {reason}")]
    Permanent {
        /// What the transport said.
        reason: String,
    },
}

impl MailError {
    /// Whether retrying is pointless.
    pub fn is_permanent(&self) -> bool {
        matches!(self, MailError::Permanent { .. })
    }
}

/// Which part of an e-mail template an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TemplatePart {
    /// The subject line.
    Subject,
    /// The plain-text body.
    Text,
    /// The HTML body.
    Html,
}

impl fmt::Display for TemplatePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TemplatePart::Subject => "subject",
            TemplatePart::Text => "text",
            TemplatePart::Html => "html",
        })
    }
}

/// Why a template could not be stored, found or rendered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    /// An argument is missing or malformed (a locale tag, a template id, a time zone).
    #[error("{field}: {reason}")]
    InvalidField {
        /// The offending field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Neither the shop nor the built-in defaults have this template in any fallback locale.
    #[error("template {template_id} not found")]
    UnknownTemplate {
        /// The id asked for.
        template_id: String,
    },
    /// A template part is not valid minijinja.
    #[error("template {template_id} [{locale}] {part}: {detail}")]
    Syntax {
        /// The template.
        template_id: String,
        /// Its locale.
        locale: String,
        /// The part.
        part: TemplatePart,
        /// minijinja's description, with the line.
        detail: String,
    },
    /// The template used a variable or attribute that the data does not have.
    #[error("template {template_id} [{locale}] {part}: undefined value: {detail}")]
    Undefined {
        /// The template.
        template_id: String,
        /// The locale used.
        locale: String,
        /// The part.
        part: TemplatePart,
        /// minijinja's description, with the line.
        detail: String,
    },
    /// Rendering exceeded the fuel budget ([`RENDER_FUEL`](super::RENDER_FUEL) instructions).
    #[error("template {template_id} [{locale}] {part}: too much work, rendering stopped")]
    OutOfFuel {
        /// The template.
        template_id: String,
        /// The locale used.
        locale: String,
        /// The part.
        part: TemplatePart,
    },
    /// Rendering failed for another reason (a filter given a wrong value, an unknown plural id).
    #[error("template {template_id} [{locale}] {part}: {detail}")]
    Render {
        /// The template.
        template_id: String,
        /// The locale used.
        locale: String,
        /// The part.
        part: TemplatePart,
        /// minijinja's description, with the line.
        detail: String,
    },
    /// Plural messages (Fluent syntax) that do not parse.
    #[error("plural messages [{locale}]: {detail}")]
    InvalidPlurals {
        /// Their locale.
        locale: String,
        /// What the Fluent parser said.
        detail: String,
    },
}

/// Why the outbox could not take or update an entry.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OutboxError {
    /// A different message was already queued under this message id.
    #[error("message id {message_id} is already queued with different content")]
    Conflict {
        /// The message id.
        message_id: String,
    },
    /// No entry with this id.
    #[error("outbox entry {entry_id} not found")]
    NotFound {
        /// The entry id.
        entry_id: String,
    },
    /// The storage behind the outbox failed (for stores backed by a database).
    #[error("outbox storage failed: {reason}")]
    Storage {
        /// The storage's description.
        reason: String,
    },
}

crate::error_code!(MessageError, "notify", {
    MessageError::HeaderInjection { field, .. } => "header_injection" @ &**field,
    MessageError::InvalidField { field, .. } => "invalid_field" @ &**field,
});

crate::error_code!(MailError, "notify", {
    MailError::Transient { .. } => "transient",
    MailError::Permanent { .. } => "permanent",
});

crate::error_code!(TemplateError, "notify", {
    TemplateError::InvalidField { field, .. } => "invalid_field" @ &**field,
    TemplateError::UnknownTemplate { .. } => "unknown_template",
    TemplateError::Syntax { .. } => "syntax",
    TemplateError::Undefined { .. } => "undefined",
    TemplateError::OutOfFuel { .. } => "out_of_fuel",
    TemplateError::Render { .. } => "render",
    TemplateError::InvalidPlurals { .. } => "invalid_plurals",
});

crate::error_code!(OutboxError, "notify", {
    OutboxError::Conflict { .. } => "conflict",
    OutboxError::NotFound { .. } => "not_found",
    OutboxError::Storage { .. } => "storage",
});
