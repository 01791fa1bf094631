//! Step 1 of checkout: how to reach the shopper. The e-mail address is checked for shape (one `@`, a
//! sensible local part, a domain of at least two labels) and the phone number normalised to digits.

use super::CheckoutError;
use crate::order::ContactDetails;

/// Longest e-mail address (RFC 5321 path limit).
const MAX_EMAIL_CHARS: usize = 254;
/// Longest local part of an e-mail address.
const MAX_LOCAL_CHARS: usize = 64;
/// Characters allowed in a local part besides letters and digits (RFC 5322 `atext`, and `.`).
const LOCAL_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";

impl ContactDetails {
    /// Contact details from what the shopper typed, validated and normalised.
    pub fn new(email: &str, phone: Option<&str>) -> Result<ContactDetails, CheckoutError> {
        ContactDetails { email: email.to_owned(), phone: phone.map(str::to_owned) }.validated()
    }

    /// These details validated and normalised: e-mail trimmed with its domain lower-cased, the phone
    /// number stripped of blanks, dashes, dots and parentheses (blank means none).
    pub fn validated(self) -> Result<ContactDetails, CheckoutError> {
        let email = normalize_email(&self.email)?;
        let phone = match self.phone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(phone) => Some(normalize_phone(phone)?),
        };
        Ok(ContactDetails { email, phone })
    }
}

/// `email` trimmed, with its domain lower-cased, when it has the shape of an address.
fn normalize_email(email: &str) -> Result<String, CheckoutError> {
    let email = email.trim();
    let fail = |reason: &str| CheckoutError::invalid("contact.email", reason);
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err(fail("is longer than 254 characters"));
    }
    let (local, domain) = email.split_once('@').ok_or_else(|| fail("has no @"))?;
    check_local(local).map_err(&fail)?;
    check_domain(domain).map_err(fail)?;
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

fn check_local(local: &str) -> Result<(), &'static str> {
    if local.is_empty() || local.chars().count() > MAX_LOCAL_CHARS {
        return Err("needs 1 to 64 characters before the @");
    }
    if !local.chars().all(|c| c.is_alphanumeric() || LOCAL_SPECIALS.contains(c)) {
        return Err("has a character not allowed before the @");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err("has a misplaced dot before the @");
    }
    Ok(())
}

fn check_domain(domain: &str) -> Result<(), &'static str> {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err("needs a domain such as example.com after the @");
    }
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if !labels.iter().all(label_ok) {
        return Err("has an invalid domain after the @");
    }
    let top = labels[labels.len() - 1];
    if top.chars().count() < 2 || !top.chars().all(char::is_alphabetic) {
        return Err("has an invalid top-level domain");
    }
    Ok(())
}

/// `phone` with separators removed: an optional `+` then 7 to 15 digits (E.164 length).
fn normalize_phone(phone: &str) -> Result<String, CheckoutError> {
    let (plus, rest) = match phone.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", phone),
    };
    let digits: String = rest.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')')).collect();
    if (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(format!("{plus}{digits}"))
    } else {
        Err(CheckoutError::invalid("contact.phone", "must be 7 to 15 digits, optionally starting with +"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses_are_normalised() {
        let contact = ContactDetails::new("  Ana.Petrova+shop@Example.BG ", Some(" +359 (88) 812-3456 ")).unwrap();
        assert_eq!(contact.email, "Ana.Petrova+shop@example.bg");
        assert_eq!(contact.phone.as_deref(), Some("+359888123456"));
        assert_eq!(ContactDetails::new("li@例子.中国", None).unwrap().email, "li@例子.中国");
        assert_eq!(ContactDetails::new("a@b.co", Some("  ")).unwrap().phone, None);
    }

    #[test]
    fn malformed_addresses_name_the_field() {
        let long = format!("{}@example.com", "a".repeat(250));
        let too_long_local = format!("{}@example.com", "a".repeat(65));
        for bad in [
            "",
            "ana",
            "@example.com",
            "ana@",
            "ana@example",
            "ana@@example.com",
            "ana smith@example.com",
            ".ana@example.com",
            "an..a@example.com",
            "ana@-example.com",
            "ana@example.c",
            "ana@example.123",
            "ana@exa mple.com",
            long.as_str(),
            too_long_local.as_str(),
        ] {
            let err = ContactDetails::new(bad, None).unwrap_err();
            assert!(
                matches!(&err, CheckoutError::InvalidField { field, .. } if field == "contact.email"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn malformed_phones_are_refused() {
        for bad in ["123", "+1234567890123456", "0888 12a 456", "++359888123456"] {
            let err = ContactDetails::new("a@b.co", Some(bad)).unwrap_err();
            assert!(matches!(&err, CheckoutError::InvalidField { field, .. } if field == "contact.phone"), "{bad}");
        }
    }
}
