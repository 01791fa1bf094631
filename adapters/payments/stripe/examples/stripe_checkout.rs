//! A card checkout through Stripe: authorize, capture part, refund part. It runs against a fake Stripe
//! on 127.0.0.1 by default, and against Stripe's test mode when `STRIPE_API_KEY` (an `sk_test_` key) is set.

// cargo run -p vitrina-payments-stripe --example stripe_checkout
// STRIPE_API_KEY=sk_test_... cargo run -p vitrina-payments-stripe --example stripe_checkout

#[path = "../tests/support/mod.rs"]
mod support;

use std::error::Error;
use std::time::{SystemTime, UNIX_EPOCH};

use vitrina_core::money::{Currency, Money};
use vitrina_core::order::PaymentMethod;
use vitrina_core::payment::{FollowUpRequest, GatewayResult, PaymentGateway, PaymentRequest};
use vitrina_payments_stripe::{StripeConfig, StripeGateway, ENV_API_KEY};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // The fake must outlive the calls, so it is kept here even when unused.
    let (gateway, _fake) = if std::env::var(ENV_API_KEY).is_ok() {
        let config = StripeConfig::from_env()?;
        if !config.api_key.starts_with("sk_test_") && !config.api_key.starts_with("rk_test_") {
            return Err("this example only runs with a test-mode key (sk_test_...)".into());
        }
        println!("Stripe test mode at {}", config.base_url);
        (StripeGateway::new(config)?, None)
    } else {
        let fake = support::FakeStripe::start().await;
        let mut config = StripeConfig::new(support::API_KEY);
        config.base_url = fake.base_url();
        println!("fake Stripe at {} (set {ENV_API_KEY} to use Stripe's test mode)", config.base_url);
        (StripeGateway::new(config)?, Some(fake))
    };

    // Keys unique to this run: Stripe keeps an idempotency key for 24 hours.
    let run = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis();
    let order = format!("EX-{run}");
    let eur = |minor| Money::from_minor(minor, Currency::EUR);

    let authorization = gateway
        .authorize(&PaymentRequest {
            idempotency_key: format!("{order}-authorize"),
            amount: eur(2_500),
            order_reference: order.clone(),
            method: PaymentMethod::Card,
            // Stripe's test Visa card as a PaymentMethod (the fake knows it too).
            token: Some("pm_card_visa".into()),
            return_url: None,
        })
        .await?;
    show("authorize", &authorization);

    let follow_up = |step: &str, minor, reference: &str| FollowUpRequest {
        idempotency_key: format!("{order}-{step}"),
        amount: eur(minor),
        order_reference: order.clone(),
        gateway_reference: reference.to_owned(),
        reason: Some("requested_by_customer".into()),
        payload: serde_json::Value::Null,
    };
    let capture = gateway.capture(&follow_up("capture", 2_000, &authorization.gateway_reference)).await?;
    show("capture 20.00 of 25.00", &capture);

    let refund = gateway.refund(&follow_up("refund", 500, &authorization.gateway_reference)).await?;
    show("refund 5.00", &refund);
    show("refund, as Stripe has it now", &gateway.refund_sync(&refund.gateway_reference).await?);
    show("payment, as Stripe has it now", &gateway.sync(&authorization.gateway_reference).await?);
    match gateway.sync(&order).await {
        Ok(found) => show("payment, found by order reference", &found),
        // Stripe's search index takes up to a minute to see a new payment.
        Err(error) => println!("{:<36} not yet: {error}", "payment, found by order reference"),
    }
    Ok(())
}

fn show(step: &str, result: &GatewayResult) {
    println!("{step:<36} {:<14} {:<12} {}", format!("{:?}", result.status), result.amount, result.gateway_reference);
}
