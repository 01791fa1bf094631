//! A validated mailbox: an address (one `@`, no whitespace or control characters) with an optional
//! display name, shown quoted when it needs quoting (`"Petrova, Ana" <ana@example.com>`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::MessageError;
use super::header::single_line;
use crate::customer::{CustomerError, Email};

/// Longest display name accepted, in characters.
const MAX_NAME: usize = 200;
/// Characters that never belong in the address part of a mailbox.
const SPECIALS: [char; 10] = ['<', '>', '(', ')', '[', ']', '\\', ',', ';', '"'];

/// A validated e-mail mailbox, serialised as its display form (`Ana <ana@example.com>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress {
    name: Option<String>,
    address: Email,
}

impl EmailAddress {
    /// Validates a display name (optional; blank means none) and an address; `field` names the input.
    pub fn new(name: Option<&str>, address: &str, field: &str) -> Result<EmailAddress, MessageError> {
        single_line(address, field)?;
        if address.contains(SPECIALS) {
            return Err(MessageError::invalid(field, "the address must not contain <>()[]\\,;\" characters"));
        }
        let address = Email::parse(address, field).map_err(from_customer)?;
        let name = name.map(|n| valid_name(n, field)).transpose()?.flatten();
        Ok(EmailAddress { name, address })
    }

    /// Parses `ana@example.com`, `Ana Petrova <ana@example.com>` or `"Petrova, Ana" <ana@example.com>`.
    pub fn parse(text: &str, field: &str) -> Result<EmailAddress, MessageError> {
        single_line(text, field)?;
        let text = text.trim();
        let Some(open) = text.rfind('<') else {
            return EmailAddress::new(None, text, field);
        };
        let address = text[open + 1..]
            .strip_suffix('>')
            .ok_or_else(|| MessageError::invalid(field, "must end with > after <address"))?;
        let name = unquote(text[..open].trim(), field)?;
        EmailAddress::new(Some(&name), address, field)
    }

    /// The display name, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The bare address (`ana@example.com`), domain lowercased.
    pub fn address(&self) -> &str {
        self.address.as_str()
    }
}

fn from_customer(error: CustomerError) -> MessageError {
    match error {
        CustomerError::InvalidField { field, reason } => MessageError::InvalidField { field, reason },
        other => MessageError::InvalidField { field: "address".to_owned(), reason: other.to_string() },
    }
}

fn valid_name(name: &str, field: &str) -> Result<Option<String>, MessageError> {
    single_line(name, field)?;
    let name = name.trim();
    if name.chars().count() > MAX_NAME {
        return Err(MessageError::invalid(field, format!("the display name must be at most {MAX_NAME} characters")));
    }
    Ok((!name.is_empty()).then(|| name.to_owned()))
}

/// `"Petrova, \"Ana\""` -> `Petrova, "Ana"`; an unquoted name is returned as is.
fn unquote(name: &str, field: &str) -> Result<String, MessageError> {
    let Some(inner) = name.strip_prefix('"') else {
        if name.contains(['<', '>', '"']) {
            return Err(MessageError::invalid(field, "a display name with <, > or \" must be quoted"));
        }
        return Ok(name.to_owned());
    };
    let inner = inner.strip_suffix('"').ok_or_else(|| MessageError::invalid(field, "unterminated quoted name"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' { chars.next().unwrap_or('\\') } else { c });
    }
    Ok(out)
}

/// Whether a display name can stand without quotes (letters, digits, spaces and RFC 5322 atext).
fn needs_quotes(name: &str) -> bool {
    !name.chars().all(|c| c.is_alphanumeric() || c == ' ' || "!#$%&'*+-/=?^_`{|}~".contains(c))
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            None => f.write_str(self.address.as_str()),
            Some(name) if needs_quotes(name) => {
                let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
                write!(f, "\"{escaped}\" <{}>", self.address)
            }
            Some(name) => write!(f, "{name} <{}>", self.address),
        }
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = MessageError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        EmailAddress::parse(&text, "address")
    }
}

impl From<EmailAddress> for String {
    fn from(address: EmailAddress) -> Self {
        address.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(err: MessageError) -> String {
        match err {
            MessageError::HeaderInjection { field } | MessageError::InvalidField { field, .. } => field,
        }
    }

    #[test]
    fn bare_and_named_addresses_parse() {
        let bare = EmailAddress::parse(" ana@Example.COM ", "to[0]").unwrap();
        assert_eq!((bare.name(), bare.address()), (None, "ana@example.com"));
        let named = EmailAddress::parse("Ana Petrova <ana@example.com>", "to[0]").unwrap();
        assert_eq!((named.name(), named.to_string().as_str()), (Some("Ana Petrova"), "Ana Petrova <ana@example.com>"));
        let cyrillic = EmailAddress::new(Some("Анна Петрова"), "anna@example.bg", "from").unwrap();
        assert_eq!(cyrillic.to_string(), "Анна Петрова <anna@example.bg>");
    }

    #[test]
    fn display_names_with_specials_are_quoted_and_round_trip() {
        let tricky = EmailAddress::new(Some(r#"Petrova, "Ana" \ Shop"#), "ana@example.com", "from").unwrap();
        let shown = tricky.to_string();
        assert_eq!(shown, r#""Petrova, \"Ana\" \\ Shop" <ana@example.com>"#);
        assert_eq!(EmailAddress::parse(&shown, "from").unwrap(), tricky);
        let json = serde_json::to_string(&tricky).unwrap();
        assert_eq!(serde_json::from_str::<EmailAddress>(&json).unwrap(), tricky);
    }

    #[test]
    fn blank_names_mean_no_name() {
        assert_eq!(EmailAddress::new(Some("  "), "a@b.co", "to").unwrap().name(), None);
        assert_eq!(EmailAddress::parse("<a@b.co>", "to").unwrap().to_string(), "a@b.co");
    }

    #[test]
    fn malformed_addresses_are_refused_naming_the_field() {
        for text in [
            "ana",
            "ana@@example.com",
            "ana@shop@example.com",
            "ana @example.com",
            "ana@localhost",
            "Ana <ana@example.com",
            "\"Ana <ana@example.com>",
            "a,b@example.com",
            "Ana <a<b@example.com>",
            "ana@exa\u{7}mple.com",
            "",
        ] {
            let err = EmailAddress::parse(text, "to[3]").unwrap_err();
            assert_eq!(field_of(err), "to[3]", "{text:?}");
        }
    }

    #[test]
    fn line_breaks_anywhere_are_header_injection() {
        for text in ["ana@example.com\r\nBcc: x@evil.com", "Ana\r\n <ana@example.com>", "ana@example.com\n"] {
            let expected = MessageError::HeaderInjection { field: "reply_to".into() };
            assert_eq!(EmailAddress::parse(text, "reply_to").unwrap_err(), expected, "{text:?}");
        }
        let err = EmailAddress::new(Some("Ana\nBcc: x@evil.com"), "ana@example.com", "from").unwrap_err();
        assert_eq!(err, MessageError::HeaderInjection { field: "from".into() });
    }

    #[test]
    fn overlong_display_names_are_refused() {
        assert!(EmailAddress::new(Some(&"n".repeat(MAX_NAME + 1)), "a@b.co", "from").is_err());
    }
}
