//! UUIDv7 ids derived from a given instant, so no hidden clock is read.

use jiff::Timestamp;
use uuid::{NoContext, Uuid};

/// A new UUIDv7 string whose time part is `at` (clamped to the Unix epoch) and whose rest is random.
pub(crate) fn new_id(at: Timestamp) -> String {
    let seconds = u64::try_from(at.as_second()).unwrap_or(0);
    let nanos = u32::try_from(at.subsec_nanosecond()).unwrap_or(0);
    Uuid::new_v7(uuid::Timestamp::from_unix(NoContext, seconds, nanos)).to_string()
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
}
