//! Built-in sample data for template previews: one realistic e-mail of each kind, and a minimal
//! context for shop-defined templates (`shop`, `customer_name`, `unsubscribe_url`).

use jiff::Timestamp;
use serde_json::{json, Value};

use super::data::{
    AbandonedCheckout, BackInStock, BankDetails, Delivered, EmailData, LifecycleEmail, OrderConfirmation, OrderLine,
    PaymentInstructions, PaymentReceived, PaymentReminder, ReturnStage, ReturnUpdate, Shipped, ShopInfo,
    SupportAwaitingReply, SupportCaseReceived, SupportReply,
};
use super::kind::EmailKind;
use crate::money::Money;

/// Sample data for the built-in template of `kind`.
pub fn sample_email(kind: EmailKind) -> LifecycleEmail {
    LifecycleEmail { shop: shop(), customer_name: "Ana Petrova".to_owned(), data: sample_data(kind) }
}

/// The context a preview of `template_id` renders with: the sample of its kind for a built-in id,
/// otherwise the shop, the customer's name and an `unsubscribe_url` (what a newsletter needs).
pub fn sample_context(template_id: &str) -> Value {
    match EmailKind::from_template_id(template_id) {
        Some(kind) => serde_json::to_value(sample_email(kind)).unwrap_or(Value::Null),
        None => json!({
            "shop": serde_json::to_value(shop()).unwrap_or(Value::Null),
            "customer_name": "Ana Petrova",
            "unsubscribe_url": "https://shop.example.com/unsubscribe?token=sample",
        }),
    }
}

fn sample_data(kind: EmailKind) -> EmailData {
    match kind {
        EmailKind::OrderConfirmation => EmailData::OrderConfirmation(order_confirmation()),
        EmailKind::PaymentReceived => EmailData::PaymentReceived(PaymentReceived {
            order_number: "1042".to_owned(),
            amount: eur(123_450),
            reference: Some("VT-1042-7".to_owned()),
            received_at: at("2025-03-31T09:15:00Z"),
        }),
        EmailKind::PaymentReminder => EmailData::PaymentReminder(reminder(3)),
        EmailKind::PaymentFinalNotice => EmailData::PaymentFinalNotice(reminder(1)),
        EmailKind::AbandonedCheckout => EmailData::AbandonedCheckout(AbandonedCheckout {
            item_count: 2,
            total: eur(4_515),
            resume_url: "https://shop.example.com/checkout/resume?token=sample".to_owned(),
        }),
        EmailKind::Shipped => EmailData::Shipped(Shipped {
            order_number: "1042".to_owned(),
            carrier: "Speedy".to_owned(),
            tracking_number: "SP123456789BG".to_owned(),
            tracking_url: "https://track.example.com/SP123456789BG".to_owned(),
            estimated_delivery: Some(at("2025-04-03T12:00:00Z")),
        }),
        EmailKind::Delivered => EmailData::Delivered(Delivered {
            order_number: "1042".to_owned(),
            delivered_at: at("2025-04-03T11:42:00Z"),
            survey_url: "https://shop.example.com/survey/1042?token=sample".to_owned(),
        }),
        EmailKind::SupportReply => EmailData::SupportReply(SupportReply {
            case_number: "C-2087".to_owned(),
            case_subject: "Wrong size".to_owned(),
            agent_name: "Maria".to_owned(),
            reply: "We have sent you a prepaid label for the exchange.".to_owned(),
            case_url: "https://shop.example.com/account/cases/C-2087".to_owned(),
        }),
        EmailKind::SupportAwaitingReply => EmailData::SupportAwaitingReply(SupportAwaitingReply {
            case_number: "C-2087".to_owned(),
            case_subject: "Wrong size".to_owned(),
            case_url: "https://shop.example.com/account/cases/C-2087".to_owned(),
        }),
        EmailKind::SupportCaseReceived => EmailData::SupportCaseReceived(SupportCaseReceived {
            case_number: "VT-C-019aa1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b".to_owned(),
            case_subject: "Wrong size".to_owned(),
            case_url: "https://shop.example.com/account/cases/019aa1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b".to_owned(),
        }),
        EmailKind::ReturnUpdate => EmailData::ReturnUpdate(ReturnUpdate {
            return_number: "R-311".to_owned(),
            order_number: "1042".to_owned(),
            stage: ReturnStage::Refunded,
            refund_amount: Some(eur(2_580)),
            note: None,
            return_url: "https://shop.example.com/account/returns/R-311".to_owned(),
        }),
        EmailKind::BackInStock => EmailData::BackInStock(BackInStock {
            product_name: "Stoneware mug".to_owned(),
            variant_label: "colour: blue".to_owned(),
            product_url: "https://shop.example.com/products/mug".to_owned(),
        }),
    }
}

fn shop() -> ShopInfo {
    ShopInfo {
        name: "Vitrina Demo".to_owned(),
        url: "https://shop.example.com".to_owned(),
        support_email: "help@shop.example.com".to_owned(),
    }
}

fn order_confirmation() -> OrderConfirmation {
    OrderConfirmation {
        order_number: "1042".to_owned(),
        lines: vec![
            line("Stoneware mug", 2, 2_580),
            line("Mountain tea, 100 g", 3, 1_935),
            line("Hand-woven rug", 1, 118_935),
        ],
        item_count: 6,
        total: eur(123_450),
        payment: Some(payment()),
        order_url: "https://shop.example.com/account/orders/1042".to_owned(),
    }
}

fn reminder(days_left: u32) -> PaymentReminder {
    PaymentReminder { order_number: "1042".to_owned(), payment: payment(), days_left }
}

fn payment() -> PaymentInstructions {
    PaymentInstructions {
        bank: BankDetails {
            beneficiary: "Vitrina Demo Ltd".to_owned(),
            iban: "BG80 BNBG 9661 1020 3456 78".to_owned(),
            bic: "BNBGBGSD".to_owned(),
            bank_name: "Demo Bank".to_owned(),
        },
        amount: eur(123_450),
        reference: "VT-1042-7".to_owned(),
        deadline: at("2025-04-04T20:59:00Z"),
    }
}

fn line(name: &str, quantity: u32, total_cents: i64) -> OrderLine {
    OrderLine { name: name.to_owned(), quantity, total: eur(total_cents) }
}

fn eur(cents: i64) -> Money {
    Money::from_minor(cents, crate::money::Currency::EUR)
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap_or(Timestamp::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_round_trips_as_json_with_its_kind_beside_the_fields() {
        for kind in EmailKind::ALL {
            let email = sample_email(kind);
            assert_eq!(email.data.kind(), kind);
            let json = serde_json::to_value(&email).unwrap();
            assert_eq!(json["kind"], kind.template_id());
            assert_eq!(json["shop"]["name"], "Vitrina Demo");
            assert_eq!(serde_json::from_value::<LifecycleEmail>(json).unwrap(), email);
        }
        assert_eq!(
            sample_context("newsletter")["unsubscribe_url"],
            "https://shop.example.com/unsubscribe?token=sample"
        );
    }
}
