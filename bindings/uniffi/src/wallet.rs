//! `MobileWallet`: a payment plug-in the app implements in Kotlin or Swift (Google Pay, Apple Pay, a
//! bank's wallet SDK), and `authorizeWithWallet`, which runs one authorization through it the way the
//! core runs a `PaymentGateway`: the request is checked as money first, and the amount and currency the
//! wallet echoes are checked by the core's `GatewayResult::check_echo`, a mismatch being a typed
//! integrity error.

use std::sync::Arc;

use rust_decimal::Decimal;
use vitrina_core::money::{Currency, Money};
use vitrina_core::payment::{GatewayError, GatewayOperation, GatewayResult, GatewayStatus};

use crate::errors::WalletError;

/// A wallet's answer to an authorization. A decline is an answer, not an error.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WalletResult {
    /// Authorized or declined.
    pub status: WalletStatus,
    /// The wallet's reference of the transaction.
    pub wallet_reference: String,
    /// The amount the wallet says it acted on (must equal the amount asked for).
    pub amount: Decimal,
    /// The currency the wallet says it acted on (must equal the currency asked for).
    pub currency: String,
    /// The wallet's own message, for staff.
    #[uniffi(default = None)]
    pub message: Option<String>,
}

/// The outcome of an authorization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WalletStatus {
    /// Funds reserved.
    Authorized,
    /// Refused by the wallet or the shopper's bank.
    Declined,
}

/// A mobile wallet, implemented in the app's language. Wallet SDKs are asynchronous: `authorize` is a
/// `suspend fun` in Kotlin and an `async` function in Swift.
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait MobileWallet: Send + Sync {
    /// The wallet's name (`google_pay`), recorded as the actor of what it does.
    fn name(&self) -> String;

    /// Reserves `amount` in `currency` for the order `reference`. Throw `WalletException.Unavailable`
    /// when the wallet cannot be reached; answer `Declined` when it refuses.
    async fn authorize(
        &self,
        amount: Decimal,
        currency: String,
        reference: String,
    ) -> Result<WalletResult, WalletError>;
}

/// An authorization that went through a wallet, with its echo checked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WalletAuthorization {
    /// The wallet's name.
    pub wallet: String,
    /// Authorized or declined.
    pub status: WalletStatus,
    /// The wallet's reference of the transaction.
    pub wallet_reference: String,
    /// The amount authorized, at the currency's scale.
    pub amount: Decimal,
    /// ISO code of the currency.
    pub currency: String,
    /// The wallet's own message.
    pub message: Option<String>,
}

/// Authorizes `amount` in `currency` for the order `reference` through `wallet`. The amount must be
/// positive money in the currency (no more decimals than its minor unit); the wallet's echo must be the
/// same amount and currency, else `WalletException.AmountMismatch`.
#[uniffi::export]
pub async fn authorize_with_wallet(
    wallet: Arc<dyn MobileWallet>,
    amount: Decimal,
    currency: String,
    reference: String,
) -> Result<WalletAuthorization, WalletError> {
    let invalid = |field: &str, detail: String| WalletError::InvalidRequest { detail, field: field.to_owned() };
    let code = Currency::parse(&currency, "currency").map_err(|e| invalid("currency", e.to_string()))?;
    let expected = Money::checked(amount, code, "amount").map_err(|e| invalid("amount", e.to_string()))?;
    if expected.amount() <= Decimal::ZERO {
        return Err(invalid("amount", format!("amount: {amount} must be more than zero")));
    }
    if reference.trim().is_empty() {
        return Err(invalid("reference", "reference: must not be blank".to_owned()));
    }

    let answer = wallet.authorize(expected.amount(), code.code().to_owned(), reference).await?;

    let bad_echo = |field: &str, detail: String| WalletError::InvalidResponse { detail, field: field.to_owned() };
    let echoed_currency =
        Currency::parse(&answer.currency, "result.currency").map_err(|e| bad_echo("result.currency", e.to_string()))?;
    let echoed = Money::checked(answer.amount, echoed_currency, "result.amount")
        .map_err(|e| bad_echo("result.amount", e.to_string()))?;
    let result = GatewayResult {
        status: match answer.status {
            WalletStatus::Authorized => GatewayStatus::Authorized,
            WalletStatus::Declined => GatewayStatus::Failed,
        },
        gateway_reference: answer.wallet_reference,
        amount: echoed,
        error: None,
        message: answer.message,
        action: None,
        raw: serde_json::Value::Null,
    };
    result.check_echo(GatewayOperation::Authorize, expected).map_err(|e| match e {
        GatewayError::AmountMismatch { expected, echoed, .. } => WalletError::AmountMismatch {
            detail: e.to_string(),
            expected: expected.to_string(),
            echoed: echoed.to_string(),
        },
        other => WalletError::InvalidResponse { detail: other.to_string(), field: "result".to_owned() },
    })?;
    Ok(WalletAuthorization {
        wallet: wallet.name(),
        status: answer.status,
        wallet_reference: result.gateway_reference,
        amount: result.amount.amount(),
        currency: result.amount.currency().code().to_owned(),
        message: result.message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wallet that echoes what it is asked, plus `extra` on the amount.
    struct Echo {
        extra: Decimal,
    }

    #[async_trait::async_trait]
    impl MobileWallet for Echo {
        fn name(&self) -> String {
            "echo".to_owned()
        }

        async fn authorize(
            &self,
            amount: Decimal,
            currency: String,
            reference: String,
        ) -> Result<WalletResult, WalletError> {
            Ok(WalletResult {
                status: WalletStatus::Authorized,
                wallet_reference: format!("w-{reference}"),
                amount: amount + self.extra,
                currency,
                message: None,
            })
        }
    }

    fn wallet(extra: &str) -> Arc<dyn MobileWallet> {
        Arc::new(Echo { extra: extra.parse().unwrap() })
    }

    #[tokio::test]
    async fn an_exact_echo_is_authorized() {
        let auth = authorize_with_wallet(wallet("0"), "12.50".parse().unwrap(), "EUR".into(), "o-1".into()).await;
        let auth = auth.unwrap();
        assert_eq!(
            (auth.wallet.as_str(), auth.status, auth.amount.to_string()),
            ("echo", WalletStatus::Authorized, "12.50".into())
        );
        assert_eq!(auth.wallet_reference, "w-o-1");
    }

    #[tokio::test]
    async fn a_wrong_echo_is_an_amount_mismatch() {
        let err = authorize_with_wallet(wallet("0.01"), "12.50".parse().unwrap(), "EUR".into(), "o-1".into()).await;
        match err {
            Err(WalletError::AmountMismatch { expected, echoed, detail }) => {
                assert_eq!((expected.as_str(), echoed.as_str()), ("12.50 EUR", "12.51 EUR"));
                assert!(detail.starts_with("authorize"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn bad_requests_name_the_field() {
        let excess = authorize_with_wallet(wallet("0"), "1.005".parse().unwrap(), "EUR".into(), "o".into()).await;
        assert!(
            matches!(excess, Err(WalletError::InvalidRequest { ref field, .. }) if field == "amount"),
            "{excess:?}"
        );
        let blank = authorize_with_wallet(wallet("0"), "1.00".parse().unwrap(), "EUR".into(), " ".into()).await;
        assert!(
            matches!(blank, Err(WalletError::InvalidRequest { ref field, .. }) if field == "reference"),
            "{blank:?}"
        );
    }
}
