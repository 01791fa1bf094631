//! Inbound support e-mail read into what a case keeps: sender, threading ids, decoded text (quoted
//! history trimmed), attachments and whether a machine sent it. Pure parsing with `mail-parser`.

mod attachments;
mod log;
mod nature;
mod quote;
mod reference;

use mail_parser::{Message, MessageParser, MimeHeaders};
use serde::{Deserialize, Serialize};

use super::error::SupportError;

pub use attachments::{AttachmentStore, AttachmentStoreError, MemoryAttachments};
pub use log::{BouncedAddress, MailDirection, MailRecord, StoredAttachment};
pub use nature::MailNature;
pub use quote::trim_quoted;
pub use reference::{case_in_subject, case_reference, CASE_REFERENCE_PREFIX};

/// Metadata of a file that came with a message; its bytes are in the [`AttachmentStore`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AttachmentMeta {
    /// The file name as sent (`attachment-N` when it had none).
    pub name: String,
    /// The MIME type, e.g. `image/jpeg`.
    pub content_type: String,
    /// Size of the decoded bytes.
    pub size: u64,
    /// The `Content-ID` of an inline part (without `<>`), if any.
    pub content_id: Option<String>,
    /// Where the attachment store keeps the bytes (its key).
    pub location: String,
}

/// An attachment as parsed: its metadata (without a location yet) and its decoded bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundAttachment {
    /// Name, type, size and content id.
    pub meta: AttachmentMeta,
    /// The decoded content.
    pub content: Vec<u8>,
}

/// An inbound e-mail as a case uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundEmail {
    /// Its Message-ID without `<>` (`None` when it has none).
    pub message_id: Option<String>,
    /// The Message-IDs it answers (`In-Reply-To`, then `References` newest first), without `<>`.
    pub thread_ids: Vec<String>,
    /// The sender's address, its domain lowercased (the part before the @ as sent).
    pub from_address: String,
    /// The sender's display name, if given.
    pub from_name: Option<String>,
    /// The decoded subject (empty when none).
    pub subject: String,
    /// What the sender wrote now: the text part (or the HTML part as text), quoted history trimmed.
    pub text: String,
    /// The whole decoded text, quoted history included.
    pub full_text: String,
    /// The attached (and inline) files.
    pub attachments: Vec<InboundAttachment>,
    /// Written by a person, an auto-reply or a bounce.
    pub nature: MailNature,
}

/// Parses the raw e-mail `raw` (as received, CRLF or LF). Charsets and transfer encodings are
/// decoded; an unreadable message or one without a sender is an error on field `raw` or `from`.
pub fn parse_email(raw: &[u8]) -> Result<InboundEmail, SupportError> {
    let message = MessageParser::default()
        .parse(raw)
        .filter(|message| !message.headers().is_empty())
        .ok_or_else(|| SupportError::invalid("raw", "not an e-mail message (no header found)"))?;
    let nature = nature::nature_of(&message);
    let (from_address, from_name) = sender(&message, &nature)?;
    let full_text = message.body_text(0).map(|text| text.trim().to_owned()).unwrap_or_default();
    Ok(InboundEmail {
        message_id: message.message_id().map(clean_id),
        thread_ids: thread_ids(&message),
        from_address,
        from_name,
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        text: trim_quoted(&full_text),
        full_text,
        attachments: attachments_of(&message),
        nature,
    })
}

/// `id` without surrounding whitespace and angle brackets.
pub fn clean_id(id: &str) -> String {
    id.trim().trim_start_matches('<').trim_end_matches('>').to_owned()
}

fn sender(message: &Message<'_>, nature: &MailNature) -> Result<(String, Option<String>), SupportError> {
    let from = message.from().and_then(|from| from.first());
    let address = from.and_then(|addr| addr.address()).and_then(|a| {
        let (local, domain) = a.trim().rsplit_once('@')?;
        Some(format!("{local}@{}", domain.to_ascii_lowercase()))
    });
    match address {
        Some(address) => Ok((address, from.and_then(|a| a.name()).map(|n| n.trim().to_owned()))),
        None if matches!(nature, MailNature::Bounce { .. }) => Ok((String::new(), None)),
        None => Err(SupportError::invalid("from", "the e-mail has no sender address")),
    }
}

fn thread_ids(message: &Message<'_>) -> Vec<String> {
    let listed = |value: &mail_parser::HeaderValue<'_>| -> Vec<String> {
        match (value.as_text_list(), value.as_text()) {
            (Some(many), _) => many.iter().rev().map(|id| clean_id(id)).collect(),
            (None, Some(one)) => vec![clean_id(one)],
            (None, None) => Vec::new(),
        }
    };
    let mut ids = listed(message.in_reply_to());
    for id in listed(message.references()) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.retain(|id| !id.is_empty());
    ids
}

fn attachments_of(message: &Message<'_>) -> Vec<InboundAttachment> {
    message
        .attachments()
        .enumerate()
        .map(|(index, part)| {
            let content_type = part.content_type().map_or_else(
                || "application/octet-stream".to_owned(),
                |ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("octet-stream")).to_ascii_lowercase(),
            );
            let content = part.contents().to_vec();
            let meta = AttachmentMeta {
                name: part.attachment_name().map_or_else(|| format!("attachment-{}", index + 1), str::to_owned),
                content_type,
                size: content.len() as u64,
                content_id: part.content_id().map(clean_id),
                location: String::new(),
            };
            InboundAttachment { meta, content }
        })
        .collect()
}
