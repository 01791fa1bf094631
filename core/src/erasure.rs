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

/// Replaces, inside every text value of `value` (never a key or a number), each `(text, stand-in)`
/// of `replacements`; answers whether anything changed. Empty texts are skipped.
pub fn erase_in_json(value: &mut serde_json::Value, replacements: &[(String, String)]) -> bool {
    match value {
        serde_json::Value::String(text) => {
            let mut changed = false;
            for (personal, stand_in) in replacements.iter().filter(|(personal, _)| !personal.is_empty()) {
                if text.contains(personal.as_str()) {
                    *text = text.replace(personal.as_str(), stand_in);
                    changed = true;
                }
            }
            changed
        }
        serde_json::Value::Array(items) => {
            items.iter_mut().fold(false, |changed, item| erase_in_json(item, replacements) | changed)
        }
        serde_json::Value::Object(fields) => {
            fields.values_mut().fold(false, |changed, field| erase_in_json(field, replacements) | changed)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_text_values_change_never_keys_or_numbers() {
        let mut mail = json!({
            "to": "ana@example.com",
            "ana@example.com": 1000,
            "text": "Dear Ana Petrova, your parcel to ana@example.com (1000 Sofia)",
            "lines": [{"note": "for Ana Petrova"}, 1000, null],
        });
        let replacements = vec![
            ("ana@example.com".to_owned(), "erased-c1@erased.invalid".to_owned()),
            ("Ana Petrova".to_owned(), ERASED.to_owned()),
            (String::new(), "never".to_owned()),
        ];
        assert!(erase_in_json(&mut mail, &replacements));
        assert_eq!(
            mail,
            json!({
                "to": "erased-c1@erased.invalid",
                "ana@example.com": 1000,
                "text": "Dear [erased], your parcel to erased-c1@erased.invalid (1000 Sofia)",
                "lines": [{"note": "for [erased]"}, 1000, null],
            })
        );
        assert!(!erase_in_json(&mut mail, &replacements), "a second pass finds nothing");
    }
}
