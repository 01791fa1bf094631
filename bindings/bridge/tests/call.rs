//! Use cases called by name with JSON, as the bindings call them: results in the core's JSON form,
//! failures with the core's code and the field they concern, and the hand-set clock.

use jiff::SignedDuration;
use serde_json::{json, Value};
use vitrina_bridge::{CallError, OpenedShop, Plugins};
use vitrina_core::test_util::at;

async fn shop() -> OpenedShop {
    let shop = OpenedShop::open("sqlite::memory:", Plugins::new(), Some(at(0))).await.unwrap();
    let profile = json!({
        "shop_id": "tea-house",
        "info": {"name": "Tea House", "url": "https://tea.example.com", "support_email": "help@tea.example.com"},
        "sender": "Tea House <orders@tea.example.com>",
        "transfer_window": "PT72H",
    });
    shop.call("admin.configure", json!({"settings": {"profile": profile}})).await.unwrap();
    let catalog = json!({"data": {"products": [{
        "id": "tea", "name": "Green tea",
        "variants": [{"id": "tea-100g", "prices": [{"currency": "EUR", "amount": "4.50"}], "stock": 10}],
    }]}});
    shop.call("catalog.import", catalog).await.unwrap();
    shop
}

async fn fails(shop: &OpenedShop, name: &str, args: Value) -> CallError {
    shop.call(name, args).await.expect_err("the call should fail")
}

#[tokio::test]
async fn a_cart_is_filled_and_priced_through_named_calls() {
    let shop = shop().await;
    let cart = shop.call("carts.create", json!({"currency": "EUR"})).await.unwrap();
    let cart_id = cart["id"].as_str().unwrap();
    let cart = shop
        .call("carts.add_line", json!({"cart_id": cart_id, "variant_id": "tea-100g", "quantity": 3}))
        .await
        .unwrap();
    assert_eq!(cart["lines"][0]["quantity"], 3);
    let priced = shop.call("carts.price", json!({"cart_id": cart_id})).await.unwrap();
    assert_eq!((priced["currency"].as_str(), priced["totals"]["subtotal"].as_str()), (Some("EUR"), Some("13.50")));
    let stock = shop.call("catalog.stock", json!({"variant_id": "tea-100g"})).await.unwrap();
    assert_eq!(stock["on_hand"], 10);
    assert_eq!(
        shop.call("catalog.set_stock", json!({"variant_id": "tea-100g", "on_hand": 2})).await.unwrap(),
        Value::Null
    );
    let text = shop.call_json("catalog.stock", r#"{"variant_id": "tea-100g"}"#).await.unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap()["on_hand"], 2);
}

#[tokio::test]
async fn failures_carry_the_cores_code_field_and_domain() {
    let shop = shop().await;
    let unknown = fails(&shop, "carts.fly", json!({})).await;
    assert_eq!((unknown.code.as_str(), unknown.domain.as_str()), ("not_found", "shop"));

    let missing = fails(&shop, "carts.add_line", json!({"cart_id": "c", "variant_id": "v"})).await;
    assert_eq!((missing.code.as_str(), missing.field.as_deref()), ("invalid", Some("quantity")));

    let mistyped = fails(&shop, "carts.add_line", json!({"cart_id": "c", "variant_id": "v", "quantity": "two"})).await;
    assert_eq!((mistyped.code.as_str(), mistyped.field.as_deref()), ("invalid", Some("quantity")));

    let extra = fails(&shop, "carts.get", json!({"cart_id": "c", "colour": "red"})).await;
    assert_eq!(extra.code, "invalid");
    assert!(extra.message.contains("colour"), "{}", extra.message);

    let nested = fails(&shop, "customers.register", json!({"new": {"email": "not an address"}})).await;
    assert_eq!(nested.code, "invalid");
    assert!(nested.field.as_deref().is_some_and(|field| field.starts_with("new")), "{nested:?}");

    let absent = fails(&shop, "carts.get", json!({"cart_id": "no-such-cart"})).await;
    assert_eq!(absent.code, "not_found");
    assert!(!absent.outcome_unknown && !absent.conflict);

    let capture = json!({"payment_id": "p", "amount": "1.00 EUR", "key": "k"});
    assert_eq!(fails(&shop, "payments.capture", capture).await.code, "not_found", "a string amount is decoded");
    let float = json!({"rules": {"promotions": [{"action": {"type": "percent_off", "percent": 12.5}}]}});
    let refused = fails(&shop, "admin.set_pricing_rules", float).await;
    assert_eq!(refused.field.as_deref(), Some("rules.promotions[0].action.percent"), "{refused:?}");
    assert!(refused.message.contains("strings"), "{}", refused.message);

    let bad_text = shop.call_json("carts.get", "{cart_id:").await.expect_err("malformed JSON");
    assert_eq!((bad_text.code.as_str(), bad_text.field.as_deref()), ("invalid", Some("args")));
}

#[tokio::test]
async fn a_domain_refusal_keeps_its_own_code() {
    let shop = shop().await;
    let cart = shop.call("carts.create", json!({"currency": "EUR"})).await.unwrap();
    let error =
        fails(&shop, "carts.add_line", json!({"cart_id": cart["id"], "variant_id": "tea-100g", "quantity": 0})).await;
    assert_ne!(error.code, "invalid_argument");
    assert!(error.field.is_some(), "{error:?}");
}

#[tokio::test]
async fn the_hand_set_clock_moves_only_when_told() {
    let shop = shop().await;
    assert_eq!(shop.now(), at(0));
    shop.advance(SignedDuration::from_hours(2)).unwrap();
    assert_eq!(shop.now(), at(7200));
    let cart = shop.call("carts.create", json!({"currency": "EUR"})).await.unwrap();
    let args = json!({"cart_id": cart["id"], "variant_id": "tea-100g", "quantity": 1});
    shop.call("carts.add_line", args).await.unwrap();
    let session =
        shop.call("checkout.start", json!({"cart_id": cart["id"], "email": "ana@example.com"})).await.unwrap();
    assert_eq!(session["started_at"], at(7200).to_string());

    let system = OpenedShop::open("sqlite::memory:", Plugins::new(), None).await.unwrap();
    let refused = system.set_time(at(0)).expect_err("the system clock is not set by hand");
    assert_eq!((refused.code.as_str(), refused.field.as_deref()), ("invalid", Some("clock")));
}

#[tokio::test]
async fn settings_with_a_folded_sender_or_a_bad_canned_reply_are_refused_and_change_nothing() {
    let shop = shop().await;
    let mut settings = shop.call("admin.settings", json!({})).await.unwrap();
    let stored = settings.clone();

    settings["profile"]["sender"] = json!("Tea House <orders@tea.example.com>\r\nBcc: all@example.com");
    let folded = fails(&shop, "admin.configure", json!({ "settings": settings.clone() })).await;
    assert_eq!((folded.code.as_str(), folded.field.as_deref()), ("invalid", Some("profile.sender")), "{folded:?}");
    settings["profile"]["sender"] = stored["profile"]["sender"].clone();

    let reply = |id: &str, text: &str| {
        json!({"id": id, "title": "Where is it", "category": "delivery", "default_locale": "en",
               "variants": {"en": text}})
    };
    settings["canned_replies"] = json!({"replies": [reply("where", "Hi {{ name }}"), reply("where", "Hello")]});
    let twice = fails(&shop, "admin.configure", json!({ "settings": settings.clone() })).await;
    assert_eq!(twice.code, "duplicate_reply", "{twice:?}");
    settings["canned_replies"] = json!({"replies": [reply("loop", "{% for x in y %}{{ x }}{% endfor %}")]});
    let looping = fails(&shop, "admin.configure", json!({ "settings": settings })).await;
    assert_eq!(looping.code, "disallowed_tag", "{looping:?}");

    assert_eq!(shop.call("admin.settings", json!({})).await.unwrap(), stored, "nothing was stored");
}
