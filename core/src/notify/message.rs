//! `EmailMessage`: one e-mail ready for a [`Mailer`](super::Mailer), valid by construction: a
//! well-formed message id, validated mailboxes, a one-line subject, extra headers and attachments.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::address::EmailAddress;
use super::error::MessageError;
use super::header::{single_line, Header};
use crate::id::new_id;

/// Most recipients one message may have.
const MAX_RECIPIENTS: usize = 50;
/// Longest subject accepted, in characters.
const MAX_SUBJECT: usize = 500;
/// Longest message id accepted, in characters.
const MAX_MESSAGE_ID: usize = 250;

/// What is needed to build an [`EmailMessage`]: unchecked text, validated by [`EmailMessage::new`].
/// It is also the message's JSON form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewEmail {
    /// `<unique@domain>`; the outbox deduplicates on it. See [`EmailMessage::new_message_id`].
    pub message_id: String,
    /// Sender mailbox, e.g. `Shop <shop@example.com>`.
    pub from: String,
    /// One or more recipient mailboxes.
    pub to: Vec<String>,
    /// Where replies go, if not to `from`.
    #[serde(default)]
    pub reply_to: Option<String>,
    /// One-line subject.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body, sent as an alternative to the text.
    #[serde(default)]
    pub html: Option<String>,
    /// Extra header fields as (name, value).
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// Files attached.
    #[serde(default)]
    pub attachments: Vec<NewAttachment>,
}

/// An attachment as given: unchecked file name and content type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewAttachment {
    /// File name shown to the recipient, e.g. `invoice-1042.pdf`.
    pub filename: String,
    /// MIME type, e.g. `application/pdf`.
    pub content_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// A validated attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    filename: String,
    content_type: String,
    content: Vec<u8>,
}

impl Attachment {
    /// Validates the file name (one line, no path separators) and content type (`type/subtype`).
    pub fn new(new: NewAttachment, field: &str) -> Result<Attachment, MessageError> {
        let name_field = format!("{field}.filename");
        single_line(&new.filename, &name_field)?;
        let name = new.filename.trim();
        if name.is_empty() || name.chars().count() > 255 || name.contains(['/', '\\', '"']) {
            return Err(MessageError::invalid(&name_field, "must be 1 to 255 characters without / \\ or \""));
        }
        let type_field = format!("{field}.content_type");
        single_line(&new.content_type, &type_field)?;
        if !is_mime_type(&new.content_type) {
            return Err(MessageError::invalid(&type_field, "must be a MIME type such as application/pdf"));
        }
        Ok(Attachment { filename: name.to_owned(), content_type: new.content_type, content: new.content })
    }

    /// The file name.
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The MIME type.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The bytes.
    pub fn content(&self) -> &[u8] {
        &self.content
    }
}

fn is_mime_type(text: &str) -> bool {
    let token = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b));
    text.split_once('/').is_some_and(|(kind, sub)| token(kind) && token(sub))
}

/// A validated e-mail message, serialised as [`NewEmail`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "NewEmail", into = "NewEmail")]
pub struct EmailMessage {
    message_id: String,
    from: EmailAddress,
    to: Vec<EmailAddress>,
    reply_to: Option<EmailAddress>,
    subject: String,
    text: String,
    html: Option<String>,
    headers: Vec<Header>,
    attachments: Vec<Attachment>,
}

impl EmailMessage {
    /// Validates every field; errors name the field (`to[1]`, `headers[0].value`, `subject`).
    pub fn new(new: NewEmail) -> Result<EmailMessage, MessageError> {
        Ok(EmailMessage {
            message_id: valid_message_id(&new.message_id)?,
            from: EmailAddress::parse(&new.from, "from")?,
            to: recipients(&new.to)?,
            reply_to: new.reply_to.as_deref().map(|r| EmailAddress::parse(r, "reply_to")).transpose()?,
            subject: valid_subject(&new.subject)?,
            text: new.text,
            html: new.html,
            headers: headers(&new.headers)?,
            attachments: attachments(new.attachments)?,
        })
    }

    /// A fresh message id `<uuid-v7@domain>` whose time part is `at`.
    pub fn new_message_id(at: Timestamp, domain: &str) -> String {
        format!("<{}@{}>", new_id(at), domain.trim())
    }

    /// Returns the message with one more extra header.
    pub fn with_header(mut self, name: &str, value: &str) -> Result<EmailMessage, MessageError> {
        let header = Header::new(name, value, &format!("headers[{}]", self.headers.len()))?;
        self.headers.push(header);
        Ok(self)
    }

    /// The message id, with its angle brackets.
    pub fn message_id(&self) -> &str {
        &self.message_id
    }

    /// The sender.
    pub fn from(&self) -> &EmailAddress {
        &self.from
    }

    /// The recipients (at least one).
    pub fn to(&self) -> &[EmailAddress] {
        &self.to
    }

    /// Where replies go, if set.
    pub fn reply_to(&self) -> Option<&EmailAddress> {
        self.reply_to.as_ref()
    }

    /// The subject.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The plain-text body.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The HTML body, if any.
    pub fn html(&self) -> Option<&str> {
        self.html.as_deref()
    }

    /// The extra headers, in order.
    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// The attachments, in order.
    pub fn attachments(&self) -> &[Attachment] {
        &self.attachments
    }
}

fn valid_message_id(id: &str) -> Result<String, MessageError> {
    single_line(id, "message_id")?;
    let inner = id.strip_prefix('<').and_then(|rest| rest.strip_suffix('>')).unwrap_or_default();
    let well_formed = id.chars().count() <= MAX_MESSAGE_ID
        && inner.split_once('@').is_some_and(|(left, right)| !left.is_empty() && !right.is_empty())
        && !inner.contains(['<', '>', ' ', '\t', '"', '\\']);
    if !well_formed {
        return Err(MessageError::invalid("message_id", "must look like <unique@domain>"));
    }
    Ok(id.to_owned())
}

fn valid_subject(subject: &str) -> Result<String, MessageError> {
    single_line(subject, "subject")?;
    let subject = subject.trim();
    if subject.is_empty() || subject.chars().count() > MAX_SUBJECT {
        return Err(MessageError::invalid("subject", format!("must be 1 to {MAX_SUBJECT} characters")));
    }
    Ok(subject.to_owned())
}

fn recipients(to: &[String]) -> Result<Vec<EmailAddress>, MessageError> {
    if to.is_empty() || to.len() > MAX_RECIPIENTS {
        return Err(MessageError::invalid("to", format!("must have 1 to {MAX_RECIPIENTS} recipients")));
    }
    to.iter().enumerate().map(|(i, text)| EmailAddress::parse(text, &format!("to[{i}]"))).collect()
}

fn headers(headers: &[(String, String)]) -> Result<Vec<Header>, MessageError> {
    headers.iter().enumerate().map(|(i, (name, value))| Header::new(name, value, &format!("headers[{i}]"))).collect()
}

fn attachments(attachments: Vec<NewAttachment>) -> Result<Vec<Attachment>, MessageError> {
    attachments.into_iter().enumerate().map(|(i, new)| Attachment::new(new, &format!("attachments[{i}]"))).collect()
}

impl TryFrom<NewEmail> for EmailMessage {
    type Error = MessageError;

    fn try_from(new: NewEmail) -> Result<Self, Self::Error> {
        EmailMessage::new(new)
    }
}

impl From<EmailMessage> for NewEmail {
    fn from(message: EmailMessage) -> Self {
        NewEmail {
            message_id: message.message_id,
            from: message.from.to_string(),
            to: message.to.iter().map(ToString::to_string).collect(),
            reply_to: message.reply_to.map(|r| r.to_string()),
            subject: message.subject,
            text: message.text,
            html: message.html,
            headers: message.headers.into_iter().map(|h| (h.name().to_owned(), h.value().to_owned())).collect(),
            attachments: message
                .attachments
                .into_iter()
                .map(|a| NewAttachment { filename: a.filename, content_type: a.content_type, content: a.content })
                .collect(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn new_email(message_id: &str) -> NewEmail {
        NewEmail {
            message_id: message_id.into(),
            from: "Vitrina Shop <shop@example.com>".into(),
            to: vec!["Ana Petrova <ana@example.com>".into()],
            reply_to: Some("support@example.com".into()),
            subject: "Your order 1042".into(),
            text: "Thank you!\r\nBcc: this is body text, not a header".into(),
            html: Some("<p>Thank you!</p>".into()),
            headers: vec![("X-Order-Number".into(), "1042".into())],
            attachments: vec![NewAttachment {
                filename: "invoice-1042.pdf".into(),
                content_type: "application/pdf".into(),
                content: b"%PDF-1.4".to_vec(),
            }],
        }
    }

    pub(crate) fn message(message_id: &str) -> EmailMessage {
        EmailMessage::new(new_email(message_id)).unwrap()
    }

    fn err(new: NewEmail) -> MessageError {
        EmailMessage::new(new).unwrap_err()
    }

    fn injection(field: &str) -> MessageError {
        MessageError::HeaderInjection { field: field.into() }
    }

    #[test]
    fn a_full_message_is_accepted_and_round_trips_as_json() {
        let message = message("<1@example.com>");
        assert_eq!(message.to()[0].address(), "ana@example.com");
        assert_eq!(message.reply_to().unwrap().address(), "support@example.com");
        assert_eq!(message.headers()[0].value(), "1042");
        assert_eq!(message.attachments()[0].content_type(), "application/pdf");
        assert_eq!(message.attachments()[0].filename(), "invoice-1042.pdf");
        assert_eq!(message.attachments()[0].content(), b"%PDF-1.4");
        assert_eq!(message.html(), Some("<p>Thank you!</p>"));
        let json = serde_json::to_string(&message).unwrap();
        assert_eq!(serde_json::from_str::<EmailMessage>(&json).unwrap(), message);
    }

    #[test]
    fn header_injection_is_refused_in_every_header_field() {
        let base = || new_email("<1@example.com>");
        let subject = NewEmail { subject: "Hello\r\nBcc: victim@example.com".into(), ..base() };
        assert_eq!(err(subject), injection("subject"));
        let to = NewEmail { to: vec!["a@b.co".into(), "c@d.co\r\nBcc: e@f.co".into()], ..base() };
        assert_eq!(err(to), injection("to[1]"));
        let from = NewEmail { from: "Shop\n <shop@example.com>".into(), ..base() };
        assert_eq!(err(from), injection("from"));
        let reply_to = NewEmail { reply_to: Some("x@y.co\rBcc: z@w.co".into()), ..base() };
        assert_eq!(err(reply_to), injection("reply_to"));
        let header = NewEmail { headers: vec![("X-A".into(), "1\r\nBcc: z@w.co".into())], ..base() };
        assert_eq!(err(header), injection("headers[0].value"));
        let id = NewEmail { message_id: "<1@example.com>\r\nBcc: z@w.co".into(), ..base() };
        assert_eq!(err(id), injection("message_id"));
        let mut with_file = base();
        with_file.attachments[0].filename = "a.pdf\r\nContent-Type: text/html".into();
        assert_eq!(err(with_file), injection("attachments[0].filename"));
        let mut with_type = base();
        with_type.attachments[0].content_type = "text/plain\r\nX-Evil: 1".into();
        assert_eq!(err(with_type), injection("attachments[0].content_type"));
        let added = message("<1@example.com>").with_header("X-B", "v\nBcc: z@w.co").unwrap_err();
        assert_eq!(added, injection("headers[1].value"));
    }

    #[test]
    fn other_malformed_fields_are_named() {
        let base = || new_email("<1@example.com>");
        let field = |new: NewEmail| match err(new) {
            MessageError::InvalidField { field, .. } => field,
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(field(NewEmail { message_id: "1@example.com".into(), ..base() }), "message_id");
        assert_eq!(field(NewEmail { message_id: "<nodomain>".into(), ..base() }), "message_id");
        assert_eq!(field(NewEmail { to: vec![], ..base() }), "to");
        assert_eq!(field(NewEmail { to: vec!["ok@b.co".into(); 51], ..base() }), "to");
        assert_eq!(field(NewEmail { subject: "  ".into(), ..base() }), "subject");
        assert_eq!(field(NewEmail { headers: vec![("Bcc".into(), "x@y.co".into())], ..base() }), "headers[0].name");
        let mut path = base();
        path.attachments[0].filename = "../etc/passwd".into();
        assert_eq!(field(path), "attachments[0].filename");
        let mut mime = base();
        mime.attachments[0].content_type = "pdf".into();
        assert_eq!(field(mime), "attachments[0].content_type");
    }

    #[test]
    fn bodies_may_hold_line_breaks_and_fresh_ids_are_well_formed() {
        let at: Timestamp = "2025-03-28T10:00:00Z".parse().unwrap();
        let id = EmailMessage::new_message_id(at, "shop.example.com");
        let message = message(&id);
        assert!(message.text().contains("\r\nBcc:"));
        assert!(message.message_id().starts_with('<') && message.message_id().ends_with("@shop.example.com>"));
        let extra = message.with_header("List-Id", "news.example.com").unwrap();
        assert_eq!(extra.headers().len(), 2);
    }
}
