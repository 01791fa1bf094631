//! Regression tests for the defects of issue #21 (blocking exclusive promotions that give nothing,
//! overflow, time growing with quantity, quadratic coupon checks, duplicate line ids), in JSON form.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{price_json, PricingError};

/// One product `a` (variant `a-v`) at `price` EUR, one line `l0` of `quantity` units, no rules.
fn input(price: &str, quantity: u64) -> Value {
    json!({
        "catalog": {
            "categories": [],
            "products": [{"id": "a", "name": "A", "variants": [
                {"id": "a-v", "prices": [{"currency": "EUR", "amount": price}], "weight_grams": 100}
            ]}],
            "price_lists": []
        },
        "rules": {"promotions": [], "shipping_methods": []},
        "context": {"currency": "EUR", "now": "2026-11-23T12:00:00Z"},
        "cart": {"id": "c", "currency": "EUR", "lines": [{"id": "l0", "variant_id": "a-v", "quantity": quantity}]}
    })
}

fn promotion(id: &str, priority: i32, exclusive: bool, action: Value) -> Value {
    json!({"id": id, "name": id, "priority": priority, "exclusive": exclusive, "currency": "EUR", "action": action})
}

fn everything() -> Value {
    json!({"product_ids": [], "variant_ids": [], "category_ids": []})
}

fn percent_off(percent: &str) -> Value {
    json!({"type": "percent_off", "percent": percent, "target": everything()})
}

fn price(input: &Value) -> Result<Value, PricingError> {
    price_json(&input.to_string()).map(|output| serde_json::from_str(&output).expect("the output is JSON"))
}

fn grand_total(input: &Value) -> String {
    let priced = price(input).expect("priced");
    priced["totals"]["grand_total"].as_str().expect("a string").to_owned()
}

fn listed(input: &Value) -> Vec<String> {
    let priced = price(input).expect("priced");
    priced["promotions"].as_array().unwrap().iter().map(|p| p["promotion_id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn duplicate_line_ids_are_refused() {
    let mut input = input("1.00", 1);
    let line = input["cart"]["lines"][0].clone();
    input["cart"]["lines"].as_array_mut().unwrap().push(line);
    assert_eq!(
        price(&input).unwrap_err(),
        PricingError::DuplicateLineId { field: "cart.lines[1].id".into(), line_id: "l0".into() }
    );
}

#[test]
fn duplicate_line_ids_are_refused_in_a_long_cart() {
    let mut input = input("1.00", 1);
    let lines: Vec<Value> =
        (0..40).map(|i| json!({"id": format!("l{}", i % 30), "variant_id": "a-v", "quantity": 1})).collect();
    input["cart"]["lines"] = Value::Array(lines);
    assert_eq!(
        price(&input).unwrap_err(),
        PricingError::DuplicateLineId { field: "cart.lines[30].id".into(), line_id: "l0".into() }
    );
}

#[test]
fn quantities_above_the_cart_maximum_are_refused() {
    assert!(price(&input("1.00", 9_999)).is_ok());
    assert_eq!(
        price(&input("1.00", 10_000)).unwrap_err(),
        PricingError::QuantityAboveMaximum { field: "cart.lines[0].quantity".into(), quantity: 10_000, max: 9_999 }
    );
}

#[test]
fn too_many_coupons_are_refused() {
    let mut input = input("1.00", 1);
    input["cart"]["coupons"] = json!((0..10).map(|i| format!("C{i}")).collect::<Vec<_>>());
    assert!(price(&input).is_ok());
    input["cart"]["coupons"].as_array_mut().unwrap().push(json!("C10"));
    assert_eq!(price(&input).unwrap_err(), PricingError::TooManyCoupons { count: 11, max: 10 });
}

#[test]
fn many_coupon_codes_are_refused_at_once() {
    let mut input = input("1.00", 1);
    input["cart"]["coupons"] = json!((0..20_000).map(|i| format!("NOPE{i}")).collect::<Vec<_>>());
    let started = Instant::now();
    assert_eq!(price(&input).unwrap_err(), PricingError::TooManyCoupons { count: 20_000, max: 10 });
    assert!(started.elapsed() < Duration::from_millis(500), "took {:?}", started.elapsed());
}

#[test]
fn coupon_codes_are_matched_case_insensitively_and_reported_once() {
    let mut input = input("10.00", 1);
    let mut coupon = promotion("half", 0, false, percent_off("50"));
    coupon["coupon_code"] = json!("Half");
    input["rules"]["promotions"] = json!([coupon]);
    input["cart"]["coupons"] = json!(["nope", " HALF ", "NOPE", "half"]);
    let priced = price(&input).unwrap();
    assert_eq!(priced["totals"]["grand_total"], "5.00");
    assert_eq!(priced["promotions"][0]["code"], "Half");
    assert_eq!(priced["rejected_coupons"], json!([{"code": "nope", "reason": "not_found"}]));
}

/// `input` with shipping method `std` (flat `rate`, free from `free_over`) chosen and `promotions`.
fn shipped(price: &str, rate: &str, free_over: Option<&str>, promotions: Value) -> Value {
    let mut input = input(price, 1);
    input["rules"]["shipping_methods"] = json!([{
        "id": "std", "name": "std", "currency": "EUR", "regions": [],
        "rate": {"type": "flat", "amount": rate}, "free_over": free_over
    }]);
    input["rules"]["promotions"] = promotions;
    input["context"]["shipping_method_id"] = json!("std");
    input
}

fn free_shipping(id: &str, priority: i32, exclusive: bool) -> Value {
    promotion(id, priority, exclusive, json!({"type": "free_shipping"}))
}

#[test]
fn exclusive_free_shipping_with_nothing_to_waive_does_not_block() {
    let promotions = json!([free_shipping("ship-free", 0, true), promotion("ten", 1, false, percent_off("10"))]);
    let input = shipped("50.00", "4.90", Some("40.00"), promotions);
    assert_eq!(grand_total(&input), "45.00");
    assert_eq!(listed(&input), ["ten"]);
}

#[test]
fn a_coupon_after_an_exclusive_free_shipping_with_nothing_to_waive_applies() {
    let mut ten = promotion("ten", 1, false, percent_off("10"));
    ten["coupon_code"] = json!("TEN");
    let mut input = shipped("50.00", "4.90", Some("40.00"), json!([free_shipping("ship-free", 0, true), ten]));
    input["cart"]["coupons"] = json!(["TEN"]);
    let priced = price(&input).unwrap();
    assert_eq!(priced["rejected_coupons"], json!([]));
    assert_eq!(priced["totals"]["grand_total"], "45.00");
}

#[test]
fn exclusive_free_shipping_of_a_zero_rate_does_not_block() {
    let promotions = json!([free_shipping("ship-free", 0, true), promotion("ten", 1, false, percent_off("10"))]);
    let input = shipped("50.00", "0.00", None, promotions);
    assert_eq!(grand_total(&input), "45.00");
    assert_eq!(listed(&input), ["ten"]);
}

#[test]
fn exclusive_free_shipping_after_one_that_took_the_charge_does_not_block() {
    let promotions = json!([
        free_shipping("ship-a", 0, false),
        free_shipping("ship-b", 1, true),
        promotion("ten", 2, false, percent_off("10")),
    ]);
    let input = shipped("50.00", "4.90", None, promotions);
    assert_eq!(grand_total(&input), "45.00");
    assert_eq!(listed(&input), ["ship-a", "ten"]);
}

#[test]
fn exclusive_free_shipping_is_judged_on_the_goods_as_they_stand_when_it_is_reached() {
    // 42.00 is free to ship when ship-free is reached; ten then takes 4.20 and 37.80 pays 4.90.
    let promotions = json!([free_shipping("ship-free", 0, true), promotion("ten", 1, false, percent_off("10"))]);
    let input = shipped("42.00", "4.90", Some("40.00"), promotions);
    assert_eq!(grand_total(&input), "42.70");
    assert_eq!(listed(&input), ["ten"]);
}

#[test]
fn exclusive_free_shipping_that_waives_a_charge_still_blocks() {
    let promotions = json!([free_shipping("ship-free", 0, true), promotion("ten", 1, false, percent_off("10"))]);
    let input = shipped("30.00", "4.90", Some("40.00"), promotions);
    assert_eq!(grand_total(&input), "30.00");
    assert_eq!(listed(&input), ["ship-free"]);
}

const THIRD: &str = "33.33333333333333333333333333";

fn with_promotion(mut input: Value, action: Value) -> Value {
    input["rules"]["promotions"] = json!([promotion("p", 0, false, action)]);
    input
}

fn taxed(mut input: Value, rate: &str) -> Value {
    input["rules"]["tax"] = json!({"rules": [{"region": "DE", "tax_category": null, "rate": rate, "name": "VAT"}]});
    input["context"]["region"] = json!("DE");
    input
}

#[test]
fn buy_x_get_y_with_a_full_precision_rate_is_exact() {
    // 4,999 of 9,999 units discounted: round(999,900.00 x 4,999 / 9,999 x 1/3 (less 10^-28)) = 166,633.33.
    let action = json!({"type": "buy_x_get_y", "buy": everything(), "buy_quantity": 1, "get": everything(),
                        "get_quantity": 1, "percent": THIRD});
    assert_eq!(grand_total(&with_promotion(input("100.00", 9_999), action)), "833266.67");
}

#[test]
fn percent_off_with_a_full_precision_rate_on_a_large_amount_is_exact() {
    // 90,000,000,000,000,000.00 x 0.3333333333333333333333333333 = 29,999,999,999,999,999.999999999997.
    let input = with_promotion(input("90000000000000000.00", 1), percent_off(THIRD));
    assert_eq!(grand_total(&input), "60000000000000000.00");
}

#[test]
fn a_28_decimal_tax_rate_on_a_large_amount_is_exact() {
    let input = taxed(input("9000000000.00", 1), "0.2000000000000000000000000000");
    assert_eq!(grand_total(&input), "10800000000.00");
    let input = taxed(self::input("9000000000.00", 1), "0.2000000000000000000000000001");
    assert_eq!(grand_total(&input), "10800000000.00");
    let mut per_total = taxed(self::input("9000000000.00", 1), "0.2000000000000000000000000001");
    per_total["rules"]["tax"]["rounding"] = json!("per_total");
    assert_eq!(grand_total(&per_total), "10800000000.00");
}

#[test]
fn totals_beyond_i64_are_overflow_errors() {
    let mut two = input("50000000000000000.00", 1);
    two["cart"]["lines"].as_array_mut().unwrap().push(json!({"id": "l1", "variant_id": "a-v", "quantity": 1}));
    assert_eq!(price(&two).unwrap_err(), PricingError::Overflow("cart.subtotal".into()));
    let taxed_total = taxed(input("90000000000000000.00", 1), "0.10");
    assert_eq!(price(&taxed_total).unwrap_err(), PricingError::Overflow("lines[0].total".into()));
    let mut shipped_total = shipped("92233720368547758.00", "0.08", None, json!([]));
    shipped_total["context"]["region"] = json!("DE");
    assert_eq!(price(&shipped_total).unwrap_err(), PricingError::Overflow("totals.grand_total".into()));
}

#[test]
fn a_weight_beyond_u64_is_an_overflow_error_only_for_weight_bands() {
    let mut input = input("1.00", 9_999);
    input["catalog"]["products"][0]["variants"][0]["weight_grams"] = json!(u32::MAX);
    let gift = json!({"type": "free_gift", "variant_id": "a-v", "quantity": u32::MAX});
    input["rules"]["promotions"] = json!([promotion("gift", 0, false, gift)]);
    input["rules"]["shipping_methods"] = json!([{
        "id": "std", "name": "std", "currency": "EUR", "regions": [],
        "rate": {"type": "weight_bands", "bands": [{"up_to_grams": null, "amount": "4.90"}]}
    }]);
    input["context"]["shipping_method_id"] = json!("std");
    assert_eq!(price(&input).unwrap_err(), PricingError::Overflow("cart.lines".into()));
    input["rules"]["shipping_methods"][0]["rate"] = json!({"type": "flat", "amount": "4.90"});
    assert_eq!(grand_total(&input), "10003.90");
}
