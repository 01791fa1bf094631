//! Turns Vitrina's validated [`EmailMessage`] into a lettre [`Message`]: mailboxes, subject,
//! message id, extra headers, and a MIME body (text, text + HTML alternative, attachments).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as LettreAttachment, Mailbox, MessageBuilder, MultiPart, SinglePart};
use lettre::{Address, Message};
use vitrina_core::notify::{Attachment, EmailAddress, EmailMessage, MailError};

/// Builds the lettre message for `message`. Everything was validated by `EmailMessage`, so an
/// error here means lettre is stricter (say, an address it cannot encode): a permanent failure.
pub fn to_lettre_message(message: &EmailMessage) -> Result<Message, MailError> {
    let builder = envelope_headers(message)?;
    let built = match (message.html(), message.attachments().is_empty()) {
        (None, true) => builder.singlepart(SinglePart::plain(message.text().to_owned())),
        (Some(html), true) => builder.multipart(alternative(message.text(), html)),
        (_, false) => builder.multipart(mixed(message)?),
    };
    built.map_err(|err| permanent("message", &err))
}

fn envelope_headers(message: &EmailMessage) -> Result<MessageBuilder, MailError> {
    let mut builder = Message::builder()
        .message_id(Some(message.message_id().to_owned()))
        .from(mailbox(message.from(), "from")?)
        .subject(message.subject());
    for (index, to) in message.to().iter().enumerate() {
        builder = builder.to(mailbox(to, &format!("to[{index}]"))?);
    }
    if let Some(reply_to) = message.reply_to() {
        builder = builder.reply_to(mailbox(reply_to, "reply_to")?);
    }
    for header in message.headers() {
        let name = HeaderName::new_from_ascii(header.name().to_owned()).map_err(|err| permanent("headers", &err))?;
        builder = builder.raw_header(HeaderValue::new(name, header.value().to_owned()));
    }
    Ok(builder)
}

fn mailbox(address: &EmailAddress, field: &str) -> Result<Mailbox, MailError> {
    let parsed: Address = address.address().parse().map_err(|err| permanent(field, &err))?;
    Ok(Mailbox::new(address.name().map(str::to_owned), parsed))
}

fn alternative(text: &str, html: &str) -> MultiPart {
    MultiPart::alternative_plain_html(text.to_owned(), html.to_owned())
}

fn mixed(message: &EmailMessage) -> Result<MultiPart, MailError> {
    let mut mixed = match message.html() {
        Some(html) => MultiPart::mixed().multipart(alternative(message.text(), html)),
        None => MultiPart::mixed().singlepart(SinglePart::plain(message.text().to_owned())),
    };
    for attachment in message.attachments() {
        mixed = mixed.singlepart(attachment_part(attachment)?);
    }
    Ok(mixed)
}

fn attachment_part(attachment: &Attachment) -> Result<SinglePart, MailError> {
    let content_type =
        ContentType::parse(attachment.content_type()).map_err(|err| permanent("attachments.content_type", &err))?;
    Ok(LettreAttachment::new(attachment.filename().to_owned()).body(attachment.content().to_vec(), content_type))
}

fn permanent(field: &str, error: &dyn std::fmt::Display) -> MailError {
    MailError::Permanent { reason: format!("{field}: {error}") }
}

#[cfg(test)]
mod tests {
    use vitrina_core::notify::{NewAttachment, NewEmail};

    use super::*;

    fn new_email() -> NewEmail {
        NewEmail {
            message_id: "<1@shop.example.com>".into(),
            from: "Vitrina Shop <shop@example.com>".into(),
            to: vec!["\"Petrova, Ana\" <ana@example.com>".into(), "bo@example.com".into()],
            reply_to: Some("help@example.com".into()),
            subject: "Поръчка 1042".into(),
            text: "Здравейте!".into(),
            html: None,
            headers: vec![("X-Order-Number".into(), "1042".into())],
            attachments: vec![],
        }
    }

    fn formatted(new: NewEmail) -> String {
        let message = EmailMessage::new(new).unwrap();
        String::from_utf8(to_lettre_message(&message).unwrap().formatted()).unwrap()
    }

    #[test]
    fn plain_messages_carry_every_header() {
        let text = formatted(new_email());
        for expected in [
            "Message-ID: <1@shop.example.com>",
            "From: \"Vitrina Shop\" <shop@example.com>",
            "Reply-To: help@example.com",
            "X-Order-Number: 1042",
            "Subject: =?utf-8?b?",
            "Content-Type: text/plain; charset=utf-8",
        ] {
            assert!(text.contains(expected), "{expected:?} in\n{text}");
        }
        assert!(text.contains("ana@example.com") && text.contains("bo@example.com"), "{text}");
        assert!(!text.contains("multipart"), "{text}");
    }

    #[test]
    fn html_and_attachments_become_multipart() {
        let mut new = new_email();
        new.html = Some("<p>Здравейте!</p>".into());
        new.attachments.push(NewAttachment {
            filename: "invoice-1042.pdf".into(),
            content_type: "application/pdf".into(),
            content: b"%PDF-1.4".to_vec(),
        });
        let text = formatted(new.clone());
        for expected in ["multipart/mixed", "multipart/alternative", "text/html", "application/pdf", "invoice-1042.pdf"]
        {
            assert!(text.contains(expected), "{expected:?} in\n{text}");
        }
        new.attachments.clear();
        let alternative = formatted(new);
        assert!(alternative.contains("multipart/alternative") && !alternative.contains("multipart/mixed"));
    }
}
