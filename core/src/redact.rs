//! How secrets (card tokens, webhook and API secrets, passwords, link secrets) show in `Debug`
//! output: as one fixed marker, so logs, panics and error reports never carry them.

/// What a secret's field shows in `Debug` output.
pub const REDACTED: &str = "<redacted>";
