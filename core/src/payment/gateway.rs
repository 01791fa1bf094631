//! The `PaymentGateway` plug-in trait that every payment provider adapter implements (in Rust or, via
//! a binding, in the shop's own language). Shared as `Arc<dyn PaymentGateway>`.

use async_trait::async_trait;

use super::{FollowUpRequest, GatewayCapabilities, GatewayError, GatewayResult, PaymentRequest};
use super::{WebhookEvent, WebhookRequest};

/// A payment provider.
///
/// Declines are results, not errors: a refused card is `Ok` with status `failed` and an
/// [`GatewayErrorCode`](super::GatewayErrorCode). `Err` means there is no usable answer (unsupported, unreachable,
/// malformed). Every money-moving request carries an idempotency key the adapter must pass on to the
/// provider; wrap a gateway in [`IdempotentGateway`](super::IdempotentGateway) to also deduplicate
/// on Vitrina's side and check the echoed amounts.
#[async_trait]
pub trait PaymentGateway: Send + Sync {
    /// The gateway's name (`test`, `stripe`), recorded as the actor of the changes it causes.
    fn name(&self) -> &str;

    /// What the gateway supports.
    fn capabilities(&self) -> GatewayCapabilities;

    /// Reserves `request.amount` without taking it.
    async fn authorize(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError>;

    /// Takes `request.amount` (all or part of the authorization) of payment `gateway_reference`.
    async fn capture(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError>;

    /// Reserves and takes `request.amount` at once.
    async fn purchase(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError>;

    /// Releases the authorization of payment `gateway_reference`.
    async fn void(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError>;

    /// Gives back `request.amount` (all or part of what was captured); the result's reference is the
    /// refund's.
    async fn refund(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError>;

    /// Checks the payment method (zero or a token amount, released at once).
    async fn verify(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError>;

    /// The current state of payment `gateway_reference`. When an opening call timed out before a
    /// reference came back, Vitrina passes the order reference instead: gateways that can look a
    /// payment up by merchant reference answer with the latest payment for that order (and its own
    /// reference); others answer [`GatewayError::UnknownReference`].
    async fn sync(&self, gateway_reference: &str) -> Result<GatewayResult, GatewayError>;

    /// The current state of refund `refund_reference`.
    async fn refund_sync(&self, refund_reference: &str) -> Result<GatewayResult, GatewayError>;

    /// Resumes a payment after 3-D Secure or a redirect, with what the shopper brought back in
    /// `request.payload`.
    async fn complete_action(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError>;

    /// Verifies a webhook's signature and parses it.
    async fn parse_webhook(&self, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError>;
}
