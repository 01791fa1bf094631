//! Customer groups: lower-case slugs (`vip`, `b2b`) matched verbatim against the groups that price
//! lists and promotions name in the pricing context's `customer_groups`.

use super::error::CustomerError;

/// The group of VIP customers.
pub const VIP_GROUP: &str = "vip";
/// The group of business customers.
pub const B2B_GROUP: &str = "b2b";

/// Longest group name accepted.
const MAX_LEN: usize = 64;

/// Trims and lowercases `name`, which must be 1–64 of `a-z`, `0-9`, `_`, `-`.
pub(super) fn normalize_group(name: &str) -> Result<String, CustomerError> {
    let slug = name.trim().to_ascii_lowercase();
    let valid_chars = slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if slug.is_empty() || slug.len() > MAX_LEN || !valid_chars {
        return Err(CustomerError::invalid("group", "must be 1 to 64 of a-z, 0-9, _ or -"));
    }
    Ok(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_lowercased() {
        assert_eq!(normalize_group(" VIP ").unwrap(), VIP_GROUP);
        assert_eq!(normalize_group("b2b").unwrap(), B2B_GROUP);
        assert_eq!(normalize_group("wholesale_eu-2").unwrap(), "wholesale_eu-2");
    }

    #[test]
    fn bad_names_are_refused_naming_the_field() {
        for name in ["", "  ", "gold members", "über", &"g".repeat(65)] {
            let err = normalize_group(name).unwrap_err();
            assert!(err.to_string().starts_with("group: "), "{name}: {err}");
        }
    }
}
