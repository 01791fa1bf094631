//! Erasing a customer's personal data (GDPR article 17): what erased text and e-mail addresses
//! read as in the records that stay (orders, cases, reviews) once the person is taken out of them.

/// What erased personal text reads as.
pub const ERASED: &str = "[erased]";

/// The e-mail address an erased customer's records carry instead of theirs: unique per customer
/// (accounts need distinct addresses) and undeliverable (the `.invalid` top-level domain).
pub fn erased_email(customer_id: &str) -> String {
    format!("erased-{customer_id}@erased.invalid")
}

/// `text` erased: [`ERASED`] when there was any.
pub fn erased_text(text: &Option<String>) -> Option<String> {
    text.as_ref().map(|_| ERASED.to_owned())
}
