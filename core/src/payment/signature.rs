//! Webhook signatures: HMAC-SHA256 over `"{timestamp}.{payload}"`, sent as the header
//! `t=<unix seconds>,v1=<hex>` (several `v1` while the sender rotates secrets). Verification accepts
//! any of several secrets (the receiver's rotation), rejects timestamps outside a tolerance (replays),
//! and compares in constant time (`hmac`'s `verify_slice`).

use hmac::{Hmac, KeyInit, Mac};
use jiff::{SignedDuration, Timestamp};
use sha2::Sha256;

use super::hex;
use super::WebhookError;

/// The scheme tag of the signatures this module makes and checks.
pub const SIGNATURE_SCHEME: &str = "v1";

/// Checks webhook signatures against the secrets currently accepted. Its `Debug` output shows how
/// many secrets it holds, never them.
#[derive(Clone)]
pub struct WebhookVerifier {
    secrets: Vec<String>,
    tolerance: SignedDuration,
}

impl std::fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secrets = vec![crate::redact::REDACTED; self.secrets.len()];
        f.debug_struct("WebhookVerifier").field("secrets", &secrets).field("tolerance", &self.tolerance).finish()
    }
}

/// A parsed signature header.
struct SignatureHeader {
    timestamp: i64,
    signatures: Vec<Vec<u8>>,
}

impl WebhookVerifier {
    /// A verifier accepting any of `secrets` (during a rotation: the new and the old one) and
    /// timestamps at most `tolerance` away from now (5 minutes is usual).
    pub fn new(secrets: Vec<String>, tolerance: SignedDuration) -> Result<WebhookVerifier, WebhookError> {
        if secrets.is_empty() || secrets.iter().any(String::is_empty) {
            return Err(WebhookError::InvalidConfig { reason: "at least one secret, none empty".into() });
        }
        if !tolerance.is_positive() {
            return Err(WebhookError::InvalidConfig { reason: "tolerance must be positive".into() });
        }
        Ok(WebhookVerifier { secrets, tolerance })
    }

    /// Verifies `header` for `payload` at `now` and returns the signed timestamp.
    pub fn verify(&self, header: &str, payload: &str, now: Timestamp) -> Result<Timestamp, WebhookError> {
        let header = parse_header(header)?;
        let signed_by_any = self.secrets.iter().any(|secret| {
            header
                .signatures
                .iter()
                .any(|signature| mac(secret, header.timestamp, payload).verify_slice(signature).is_ok())
        });
        if !signed_by_any {
            return Err(WebhookError::SignatureMismatch);
        }
        self.check_time(header.timestamp, now)
    }

    fn check_time(&self, timestamp: i64, now: Timestamp) -> Result<Timestamp, WebhookError> {
        let tolerance = self.tolerance.as_secs();
        if now.as_second().abs_diff(timestamp) > tolerance.unsigned_abs() {
            return Err(WebhookError::OutsideTolerance { timestamp, tolerance_seconds: tolerance });
        }
        Timestamp::from_second(timestamp)
            .map_err(|e| WebhookError::MalformedHeader { reason: format!("timestamp: {e}") })
    }
}

/// The header value signing `payload` with `secret` at `timestamp`: `t=<unix seconds>,v1=<hex>`.
pub fn sign_webhook(secret: &str, timestamp: Timestamp, payload: &str) -> String {
    let seconds = timestamp.as_second();
    let signature = hex::encode(&mac(secret, seconds, payload).finalize().into_bytes());
    format!("t={seconds},{SIGNATURE_SCHEME}={signature}")
}

/// HMAC-SHA256 keyed by `secret`, fed `"{timestamp}.{payload}"`.
fn mac(secret: &str, timestamp: i64, payload: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(format!("{timestamp}.{payload}").as_bytes());
    mac
}

fn parse_header(header: &str) -> Result<SignatureHeader, WebhookError> {
    let malformed = |reason: &str| WebhookError::MalformedHeader { reason: reason.to_owned() };
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',').map(str::trim) {
        let (key, value) = part.split_once('=').ok_or_else(|| malformed("expected key=value pairs"))?;
        match key {
            "t" if timestamp.is_none() => timestamp = Some(value.parse().map_err(|_| malformed("t is not a number"))?),
            "t" => return Err(malformed("t given twice")),
            SIGNATURE_SCHEME => signatures.push(hex::decode(value).ok_or_else(|| malformed("v1 is not hex"))?),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or_else(|| malformed("no t"))?;
    if signatures.is_empty() {
        return Err(malformed("no v1 signature"));
    }
    Ok(SignatureHeader { timestamp, signatures })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str = r#"{"id":"evt_1","status":"captured"}"#;

    fn now() -> Timestamp {
        "2026-03-01T10:00:00Z".parse().unwrap()
    }

    fn verifier(secrets: &[&str]) -> WebhookVerifier {
        WebhookVerifier::new(secrets.iter().map(|s| s.to_string()).collect(), SignedDuration::from_mins(5)).unwrap()
    }

    #[test]
    fn a_valid_signature_is_accepted_and_its_time_returned() {
        let header = sign_webhook("whsec_new", now(), PAYLOAD);
        assert!(header.starts_with(&format!("t={},v1=", now().as_second())));
        let later = now() + SignedDuration::from_secs(299);
        assert_eq!(verifier(&["whsec_new"]).verify(&header, PAYLOAD, later), Ok(now()));
    }

    #[test]
    fn a_known_vector_is_reproduced() {
        // HMAC-SHA256("key", "1.payload"), computed independently with Python's hmac module.
        let at = Timestamp::from_second(1).unwrap();
        assert_eq!(
            sign_webhook("key", at, "payload"),
            "t=1,v1=32c9b0eaac24dc9674a36bdaa6352fb67abcb2c6d9731e18010b62b34fbdd32a"
        );
    }

    #[test]
    fn a_tampered_payload_or_signature_is_rejected() {
        let header = sign_webhook("whsec_new", now(), PAYLOAD);
        let tampered = PAYLOAD.replace("captured", "refunded");
        assert_eq!(verifier(&["whsec_new"]).verify(&header, &tampered, now()), Err(WebhookError::SignatureMismatch));
        let mut flipped = header.clone();
        let last = flipped.pop().unwrap();
        flipped.push(if last == '0' { '1' } else { '0' });
        assert_eq!(verifier(&["whsec_new"]).verify(&flipped, PAYLOAD, now()), Err(WebhookError::SignatureMismatch));
        let retimed = header.replacen(&now().as_second().to_string(), &(now().as_second() + 1).to_string(), 1);
        assert_eq!(verifier(&["whsec_new"]).verify(&retimed, PAYLOAD, now()), Err(WebhookError::SignatureMismatch));
    }

    #[test]
    fn a_timestamp_outside_the_tolerance_is_rejected_both_ways() {
        let header = sign_webhook("whsec_new", now(), PAYLOAD);
        for offset in [301, -301] {
            let at = now() + SignedDuration::from_secs(offset);
            assert_eq!(
                verifier(&["whsec_new"]).verify(&header, PAYLOAD, at),
                Err(WebhookError::OutsideTolerance { timestamp: now().as_second(), tolerance_seconds: 300 })
            );
        }
    }

    #[test]
    fn during_rotation_old_and_new_secrets_are_accepted_then_the_old_one_is_not() {
        let old = sign_webhook("whsec_old", now(), PAYLOAD);
        let new = sign_webhook("whsec_new", now(), PAYLOAD);
        let rotating = verifier(&["whsec_new", "whsec_old"]);
        assert!(rotating.verify(&old, PAYLOAD, now()).is_ok());
        assert!(rotating.verify(&new, PAYLOAD, now()).is_ok());
        assert_eq!(verifier(&["whsec_new"]).verify(&old, PAYLOAD, now()), Err(WebhookError::SignatureMismatch));
        // A sender rotating sends both signatures; either may match.
        let both = format!("{new},v1={}", old.rsplit_once("v1=").unwrap().1);
        assert!(verifier(&["whsec_old"]).verify(&both, PAYLOAD, now()).is_ok());
    }

    #[test]
    fn malformed_headers_and_configs_are_rejected() {
        let v = verifier(&["s"]);
        for bad in ["", "t=1", "v1=00", "t=x,v1=00", "t=1,v1=zz", "t=1,t=2,v1=00", "garbage"] {
            assert!(matches!(v.verify(bad, PAYLOAD, now()), Err(WebhookError::MalformedHeader { .. })), "{bad}");
        }
        assert!(WebhookVerifier::new(vec![], SignedDuration::from_mins(5)).is_err());
        assert!(WebhookVerifier::new(vec![String::new()], SignedDuration::from_mins(5)).is_err());
        assert!(WebhookVerifier::new(vec!["s".into()], SignedDuration::ZERO).is_err());
    }
}
