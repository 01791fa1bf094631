//! Extra header fields (`List-Unsubscribe`, `X-Order-Number`): a name of printable ASCII without `:`
//! and a one-line value, so a header can never smuggle in another one (CR/LF is refused).

use serde::{Deserialize, Serialize};

use super::error::MessageError;

/// Longest header value accepted, in characters (RFC 5322 line limit).
const MAX_VALUE: usize = 998;
/// Longest header name accepted.
const MAX_NAME: usize = 76;
/// Headers the message sets itself from its own fields; they cannot be given as extra headers.
const RESERVED: [&str; 12] = [
    "from",
    "sender",
    "to",
    "cc",
    "bcc",
    "reply-to",
    "subject",
    "message-id",
    "date",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
];

/// A validated extra header field, serialised as `{"name": .., "value": ..}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawHeader", into = "RawHeader")]
pub struct Header {
    name: String,
    value: String,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct RawHeader {
    name: String,
    value: String,
}

impl Header {
    /// Validates a header; `field` (e.g. `headers[0]`) prefixes the error's field as `.name`/`.value`.
    pub fn new(name: &str, value: &str, field: &str) -> Result<Header, MessageError> {
        let name_field = format!("{field}.name");
        single_line(name, &name_field)?;
        valid_name(name, &name_field)?;
        let value_field = format!("{field}.value");
        single_line(value, &value_field)?;
        if value.chars().count() > MAX_VALUE {
            return Err(MessageError::invalid(&value_field, format!("must be at most {MAX_VALUE} characters")));
        }
        Ok(Header { name: name.to_owned(), value: value.trim().to_owned() })
    }

    /// The field name as given (`List-Unsubscribe`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

fn valid_name(name: &str, field: &str) -> Result<(), MessageError> {
    if name.is_empty() || name.len() > MAX_NAME || !name.bytes().all(|b| (33..=126).contains(&b) && b != b':') {
        return Err(MessageError::invalid(field, "must be 1 to 76 printable ASCII characters without ':'"));
    }
    if RESERVED.iter().any(|reserved| reserved.eq_ignore_ascii_case(name)) {
        return Err(MessageError::invalid(field, format!("{name} is set from the message's own fields")));
    }
    Ok(())
}

/// Refuses CR/LF (header injection) and other control characters except tab in `text`.
pub(crate) fn single_line(text: &str, field: &str) -> Result<(), MessageError> {
    if text.contains(['\r', '\n']) {
        return Err(MessageError::HeaderInjection { field: field.to_owned() });
    }
    if text.chars().any(|c| c.is_control() && c != '\t') {
        return Err(MessageError::invalid(field, "must not contain control characters"));
    }
    Ok(())
}

impl TryFrom<RawHeader> for Header {
    type Error = MessageError;

    fn try_from(raw: RawHeader) -> Result<Self, Self::Error> {
        Header::new(&raw.name, &raw.value, "header")
    }
}

impl From<Header> for RawHeader {
    fn from(header: Header) -> Self {
        RawHeader { name: header.name, value: header.value }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_headers_are_accepted() {
        let header = Header::new("X-Order-Number", " 1042 ", "headers[0]").unwrap();
        assert_eq!((header.name(), header.value()), ("X-Order-Number", "1042"));
    }

    #[test]
    fn line_breaks_in_name_or_value_are_header_injection_naming_the_field() {
        let cases = [
            ("X-Note", "hi\r\nBcc: victim@example.com", "headers[2].value"),
            ("X-Note", "hi\nBcc: victim@example.com", "headers[2].value"),
            ("X-Note", "hi\rthere", "headers[2].value"),
            ("X-Note\r\nBcc", "victim@example.com", "headers[2].name"),
        ];
        for (name, value, field) in cases {
            let expected = MessageError::HeaderInjection { field: field.to_owned() };
            assert_eq!(Header::new(name, value, "headers[2]").unwrap_err(), expected);
        }
    }

    #[test]
    fn malformed_or_reserved_names_are_refused() {
        for name in ["", "X Note", "X:Note", "Ünicode", "Bcc", "subject", "Content-Type"] {
            let err = Header::new(name, "v", "headers[0]").unwrap_err();
            assert!(matches!(&err, MessageError::InvalidField { field, .. } if field == "headers[0].name"), "{err}");
        }
    }

    #[test]
    fn control_characters_and_overlong_values_are_refused() {
        assert!(Header::new("X-A", "a\u{0}b", "h").is_err());
        assert!(Header::new("X-A", &"v".repeat(MAX_VALUE + 1), "h").is_err());
        assert!(Header::new("X-A", "tab\tok", "h").is_ok());
    }

    #[test]
    fn serde_validates() {
        let header: Header = serde_json::from_str(r#"{"name":"X-A","value":"1"}"#).unwrap();
        assert_eq!(serde_json::to_string(&header).unwrap(), r#"{"name":"X-A","value":"1"}"#);
        assert!(serde_json::from_str::<Header>(r#"{"name":"X-A","value":"1\r\nBcc: x@y.z"}"#).is_err());
    }
}
