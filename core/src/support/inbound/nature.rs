//! Whether an inbound e-mail is a person writing, an automatic reply, or a bounce (a delivery
//! status notification), read from its headers and MIME structure so machines never answer machines.

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};
use serde::{Deserialize, Serialize};

/// `Precedence` values that mark mail no person wrote.
const AUTOMATIC_PRECEDENCE: [&str; 4] = ["bulk", "junk", "list", "auto_reply"];

/// What kind of e-mail came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MailNature {
    /// A person wrote it: it lands in a case.
    Conversation,
    /// An automatic reply (out of office, list or bulk mail): never answered.
    AutoReply {
        /// The header that gave it away, e.g. `Auto-Submitted: auto-replied`.
        reason: String,
    },
    /// A delivery failure report: never answered; the failed address is marked.
    Bounce {
        /// The address that could not be delivered to (the report's `Final-Recipient`).
        recipient: Option<String>,
        /// The Message-ID of the e-mail that bounced, when the report quotes it.
        original_message_id: Option<String>,
    },
}

/// Reads the nature of `message`: bounces first (a DSN, `MAILER-DAEMON`, an empty Return-Path),
/// then the auto-reply headers (`Auto-Submitted` other than `no`, `Precedence`, `X-Autoreply`,
/// `X-Autorespond`).
pub(super) fn nature_of(message: &Message<'_>) -> MailNature {
    if is_bounce(message) {
        return MailNature::Bounce {
            recipient: final_recipient(message),
            original_message_id: bounced_message_id(message),
        };
    }
    match auto_reply_reason(message) {
        Some(reason) => MailNature::AutoReply { reason },
        None => MailNature::Conversation,
    }
}

fn header<'a>(message: &'a Message<'a>, name: &'a str) -> Option<&'a str> {
    message.header_raw(name).map(str::trim)
}

fn is_bounce(message: &Message<'_>) -> bool {
    let report = message.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
            && ct.attribute("report-type").is_some_and(|t| t.eq_ignore_ascii_case("delivery-status"))
    });
    let daemon = message
        .from()
        .and_then(|from| from.first())
        .and_then(|addr| addr.address())
        .is_some_and(|address| address.to_ascii_lowercase().starts_with("mailer-daemon@"));
    let null_sender = header(message, "Return-Path").is_some_and(|path| path == "<>");
    report || daemon || null_sender
}

fn auto_reply_reason(message: &Message<'_>) -> Option<String> {
    if let Some(value) = header(message, "Auto-Submitted") {
        let kind = value.split(';').next().unwrap_or_default().trim();
        if !kind.eq_ignore_ascii_case("no") {
            return Some(format!("Auto-Submitted: {value}"));
        }
    }
    if let Some(value) = header(message, "Precedence") {
        if AUTOMATIC_PRECEDENCE.iter().any(|p| value.eq_ignore_ascii_case(p)) {
            return Some(format!("Precedence: {value}"));
        }
    }
    ["X-Autoreply", "X-Autorespond"]
        .into_iter()
        .find_map(|name| header(message, name).map(|value| format!("{name}: {value}")))
}

fn has_type(part: &MessagePart<'_>, ctype: &str, subtype: &str) -> bool {
    part.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case(ctype) && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case(subtype))
    })
}

/// The `Final-Recipient` (else `Original-Recipient`) of the report's delivery-status part.
fn final_recipient(message: &Message<'_>) -> Option<String> {
    let status = message.parts.iter().find(|part| has_type(part, "message", "delivery-status"))?;
    let text = String::from_utf8_lossy(status.contents()).into_owned();
    ["final-recipient:", "original-recipient:"].into_iter().find_map(|field| {
        let line = text.lines().find(|line| line.to_ascii_lowercase().starts_with(field))?;
        let value = line.split_once(';').map_or(&line[field.len()..], |(_, address)| address);
        Some(value.trim().trim_matches(['<', '>']).to_ascii_lowercase()).filter(|a| a.contains('@'))
    })
}

/// The Message-ID of the returned message (a `message/rfc822` part or `text/rfc822-headers`).
fn bounced_message_id(message: &Message<'_>) -> Option<String> {
    message.parts.iter().find_map(|part| match &part.body {
        PartType::Message(inner) => inner.message_id().map(str::to_owned),
        _ if has_type(part, "text", "rfc822-headers") => {
            let text = String::from_utf8_lossy(part.contents()).into_owned();
            let line = text.lines().find(|line| line.to_ascii_lowercase().starts_with("message-id:"))?;
            Some(line["message-id:".len()..].trim().trim_matches(['<', '>']).to_owned())
        }
        _ => None,
    })
}
