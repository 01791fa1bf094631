//! The customer-facing case reference `VT-C-<case id>` and its token `[VT-C-…]` in e-mail subjects,
//! which threads a reply into its case when its headers do not.

/// What every case reference starts with.
pub const CASE_REFERENCE_PREFIX: &str = "VT-C-";

/// The customer-facing reference of case `case_id`: `VT-C-<case id>`.
pub fn case_reference(case_id: &str) -> String {
    format!("{CASE_REFERENCE_PREFIX}{case_id}")
}

/// The case id of the first `[VT-C-<uuid>]` token in `subject`, if any.
pub fn case_in_subject(subject: &str) -> Option<String> {
    let upper = subject.to_ascii_uppercase();
    let token = format!("[{CASE_REFERENCE_PREFIX}");
    let mut rest = upper.as_str();
    let mut offset = 0;
    while let Some(start) = rest.find(&token) {
        let id_start = offset + start + token.len();
        let candidate = subject.get(id_start..id_start + 36).filter(|id| is_uuid(id));
        if let Some(id) = candidate.filter(|_| subject[id_start + 36..].starts_with(']')) {
            return Some(id.to_ascii_lowercase());
        }
        offset = id_start;
        rest = &upper[offset..];
    }
    None
}

fn is_uuid(text: &str) -> bool {
    text.char_indices().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => c == '-',
        _ => c.is_ascii_hexdigit(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "019aa1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b";

    #[test]
    fn the_token_is_found_anywhere_in_the_subject() {
        let subject = format!("Re: Fwd: Wrong size [{}] again", case_reference(ID));
        assert_eq!(case_in_subject(&subject), Some(ID.to_owned()));
        assert_eq!(case_in_subject(&format!("RE: [vt-c-{}]", ID.to_uppercase())), Some(ID.to_owned()));
    }

    #[test]
    fn malformed_tokens_are_not_references() {
        assert_eq!(case_in_subject("Re: [VT-C-123] [VT-C-]"), None);
        assert_eq!(case_in_subject(&format!("VT-C-{ID} without brackets")), None);
        assert_eq!(case_in_subject(&format!("[VT-C-{ID}x]")), None);
        let second = format!("[VT-C-nope] [VT-C-{ID}]");
        assert_eq!(case_in_subject(&second), Some(ID.to_owned()));
    }
}
