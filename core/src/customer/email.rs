//! A validated e-mail address: exactly one `@`, no whitespace or control characters, a dotted
//! domain, and the domain lowercased (the local part keeps its case, as mail servers may).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::CustomerError;

/// The longest address SMTP accepts (RFC 5321 path limit minus the angle brackets).
const MAX_LEN: usize = 254;

/// A validated e-mail address, serialised as a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Validates `text` and lowercases its domain; `field` names the input in the error.
    pub fn parse(text: &str, field: &str) -> Result<Email, CustomerError> {
        let invalid = |reason: &str| CustomerError::invalid(field, reason);
        if text.is_empty() || text.chars().count() > MAX_LEN {
            return Err(invalid("must be 1 to 254 characters"));
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("must not contain spaces or control characters"));
        }
        let (local, domain) = split_at_single_at(text).ok_or_else(|| invalid("must contain exactly one @"))?;
        if local.is_empty() {
            return Err(invalid("needs a name before the @"));
        }
        if !is_dotted_domain(domain) {
            return Err(invalid("needs a domain such as example.com after the @"));
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The domain part, lowercased.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }
}

fn split_at_single_at(text: &str) -> Option<(&str, &str)> {
    let (local, domain) = text.split_once('@')?;
    (!domain.contains('@')).then_some((local, domain))
}

fn is_dotted_domain(domain: &str) -> bool {
    domain.contains('.') && domain.split('.').all(|label| !label.is_empty())
}

impl TryFrom<String> for Email {
    type Error = CustomerError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Email::parse(&text, "email")
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        match Email::parse(text, "email").unwrap_err() {
            CustomerError::InvalidField { field, reason } => {
                assert_eq!(field, "email");
                reason
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn domain_is_lowercased_and_local_part_kept() {
        let email = Email::parse("Ana.Petrova@Example.COM", "email").unwrap();
        assert_eq!(email.as_str(), "Ana.Petrova@example.com");
        assert_eq!(email.domain(), "example.com");
        assert_eq!(email.to_string(), "Ana.Petrova@example.com");
    }

    #[test]
    fn exactly_one_at_is_required() {
        assert!(reason("ana.example.com").contains("exactly one @"));
        assert!(reason("ana@shop@example.com").contains("exactly one @"));
    }

    #[test]
    fn spaces_and_control_characters_are_refused() {
        assert!(reason("ana @example.com").contains("spaces"));
        assert!(reason("ana@exam\u{7}ple.com").contains("control"));
        assert!(reason(" ana@example.com").contains("spaces"));
    }

    #[test]
    fn both_parts_must_be_present() {
        assert!(reason("@example.com").contains("before the @"));
        assert!(reason("ana@localhost").contains("domain"));
        assert!(reason("ana@example..com").contains("domain"));
        assert!(reason("").contains("1 to 254"));
        assert!(reason(&format!("{}@example.com", "a".repeat(250))).contains("1 to 254"));
    }

    #[test]
    fn the_error_names_the_given_field() {
        let err = Email::parse("nope", "contact.email").unwrap_err();
        assert!(err.to_string().starts_with("contact.email: "), "{err}");
    }

    #[test]
    fn serde_validates_and_normalises() {
        let email: Email = serde_json::from_str("\"ana@EXAMPLE.com\"").unwrap();
        assert_eq!(serde_json::to_string(&email).unwrap(), "\"ana@example.com\"");
        assert!(serde_json::from_str::<Email>("\"ana\"").is_err());
    }
}
