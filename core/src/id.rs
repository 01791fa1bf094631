//! UUIDv7 ids derived from a given instant, so no hidden clock is read, and random secrets for
//! links that must not be guessed.

use jiff::Timestamp;
use uuid::{NoContext, Uuid};

/// A new UUIDv7 string whose time part is `at` (clamped to the Unix epoch) and whose rest is random.
pub(crate) fn new_id(at: Timestamp) -> String {
    let seconds = u64::try_from(at.as_second()).unwrap_or(0);
    let nanos = u32::try_from(at.subsec_nanosecond()).unwrap_or(0);
    Uuid::new_v7(uuid::Timestamp::from_unix(NoContext, seconds, nanos)).to_string()
}

/// 128 random bits as 32 lowercase hex digits, from the operating system's generator.
pub(crate) fn random_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `a` and `b` are equal, in time that depends only on their lengths (for secrets).
pub(crate) fn secrets_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_a_v7_uuid_carrying_the_given_time() {
        let at: Timestamp = "2025-03-28T10:00:00Z".parse().unwrap();
        let id = Uuid::parse_str(&new_id(at)).unwrap();
        assert_eq!(id.get_version_num(), 7);
        let (seconds, _) = id.get_timestamp().unwrap().to_unix();
        assert_eq!(seconds as i64, at.as_second());
    }

    #[test]
    fn ids_are_unique() {
        let at = Timestamp::UNIX_EPOCH;
        assert_ne!(new_id(at), new_id(at));
    }

    #[test]
    fn secrets_are_random_hex_and_compared_whole() {
        let (a, b) = (random_secret().unwrap(), random_secret().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert!(secrets_equal(&a, &a.clone()));
        assert!(!secrets_equal(&a, &b));
        assert!(!secrets_equal(&a, &a[..31]));
    }
}
