//! `Record`: how an aggregate is laid out in a table: its kind, table, id and the indexed columns
//! stored next to its JSON document (states as their snake_case names, money as minor units + code).

use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::subject_key;
use crate::cart::{Cart, WishList};
use crate::checkout::CheckoutSession;
use crate::customer::Customer;
use crate::inventory::StockNotice;
use crate::knowledge::{Article, CategoryTree};
use crate::money::Money;
use crate::notify::MarketingSend;
use crate::order::Order;
use crate::payment::{BankTransfer, GiftCard, Payment, ReceivedWebhook, StatementLine, Wallet};
use crate::reports::CustomerSegment;
use crate::returns::Rma;
use crate::review::Review;
use crate::shipping::Shipment;
use crate::support::inbound::{BouncedAddress, MailRecord, StoredAttachment};
use crate::support::{SupportCase, SurveyRequest};

/// One indexed column value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A text column (ids, states, currency codes).
    Text(Option<String>),
    /// A 64-bit integer column (money in minor units, instants in microseconds since the epoch).
    Int(Option<i64>),
}

/// An aggregate stored as a JSON document plus indexed columns.
pub trait Record: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The kind named in errors, e.g. `order`.
    const KIND: &'static str;
    /// The table holding it.
    const TABLE: &'static str;
    /// Its id.
    fn record_id(&self) -> &str;
    /// The indexed columns and their values, besides `id`, `version` and `body`.
    fn fields(&self) -> Vec<(&'static str, Field)>;
}

/// Microseconds since the Unix epoch: how instants are stored, so they sort and compare as integers.
pub fn micros(at: Timestamp) -> i64 {
    at.as_microsecond()
}

fn text(value: Option<&str>) -> Field {
    Field::Text(value.map(str::to_owned))
}

/// The snake_case name serde gives a unit enum variant (a state or step).
fn label<T: Serialize>(value: &T) -> Field {
    Field::Text(serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)))
}

fn money(prefix_minor: &'static str, amount: Money) -> [(&'static str, Field); 2] {
    [(prefix_minor, Field::Int(Some(amount.minor()))), ("currency", text(Some(amount.currency().code())))]
}

impl Record for Cart {
    const KIND: &'static str = "cart";
    const TABLE: &'static str = "carts";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![("customer_id", text(self.customer_id.as_deref()))]
    }
}

impl Record for CheckoutSession {
    const KIND: &'static str = "checkout session";
    const TABLE: &'static str = "checkout_sessions";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![
            ("cart_id", text(Some(self.cart_id()))),
            ("customer_id", text(self.customer_id())),
            ("step", label(&self.step())),
            ("last_activity_at", Field::Int(Some(micros(self.last_activity_at())))),
            ("followed_up_at", Field::Int(self.followed_up_at().map(micros))),
        ]
    }
}

impl Record for Order {
    const KIND: &'static str = "order";
    const TABLE: &'static str = "orders";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        let mut fields = vec![
            ("number", text(Some(self.number().as_str()))),
            ("customer_id", text(self.customer_id())),
            ("state", label(&self.state())),
            ("placed_at", Field::Int(Some(micros(self.placed_at())))),
            ("payment_method", Field::Text(Some(self.delivery().payment_method.as_str().to_owned()))),
            ("paid_minor", Field::Int(Some(self.paid().minor()))),
        ];
        fields.extend(money("total_minor", self.total()));
        fields
    }
}

impl Record for Payment {
    const KIND: &'static str = "payment";
    const TABLE: &'static str = "payments";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        let mut fields = vec![
            ("order_id", text(Some(self.order_id()))),
            ("state", label(&self.state())),
            ("captured_minor", Field::Int(Some(self.captured().minor()))),
            ("gateway_reference", text(self.gateway_reference())),
        ];
        fields.extend(money("amount_minor", self.amount()));
        fields
    }
}

impl Record for ReceivedWebhook {
    const KIND: &'static str = "received webhook";
    const TABLE: &'static str = "received_webhooks";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![("payment_id", text(Some(&self.payment_id)))]
    }
}

impl Record for Customer {
    const KIND: &'static str = "customer";
    const TABLE: &'static str = "customers";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        let countries: String = self.addresses().iter().map(|a| format!("{},", a.country.code())).collect();
        let groups: String = self.groups().iter().map(|g| format!("{g},")).collect();
        vec![
            ("email", text(Some(self.email().as_str()))),
            ("locale", text(Some(self.locale().as_str()))),
            ("countries", text(Some(&format!(",{countries}")))),
            ("customer_groups", text(Some(&format!(",{groups}")))),
        ]
    }
}

impl Record for CustomerSegment {
    const KIND: &'static str = "segment";
    const TABLE: &'static str = "segments";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        Vec::new()
    }
}

impl Record for SupportCase {
    const KIND: &'static str = "support case";
    const TABLE: &'static str = "support_cases";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![
            ("customer_id", text(Some(self.customer_id()))),
            ("order_id", text(self.order_id())),
            ("state", label(&self.state())),
        ]
    }
}

impl Record for Shipment {
    const KIND: &'static str = "shipment";
    const TABLE: &'static str = "shipments";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![("order_id", text(Some(self.order_id()))), ("state", label(&self.state()))]
    }
}

impl Record for Rma {
    const KIND: &'static str = "return";
    const TABLE: &'static str = "returns";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![
            ("order_id", text(Some(self.order_id()))),
            ("customer_id", text(self.customer_id())),
            ("state", label(&self.state())),
        ]
    }
}

impl Record for SurveyRequest {
    const KIND: &'static str = "survey request";
    const TABLE: &'static str = "survey_requests";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![
            ("subject", Field::Text(Some(subject_key(self.subject())))),
            ("customer_id", text(Some(self.customer_id()))),
        ]
    }
}

impl Record for Wallet {
    const KIND: &'static str = "wallet";
    const TABLE: &'static str = "wallets";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![("customer_id", text(Some(self.customer_id())))]
    }
}

impl Record for GiftCard {
    const KIND: &'static str = "gift card";
    const TABLE: &'static str = "gift_cards";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        let mut fields = vec![("code", text(Some(self.code().as_str()))), ("issue_key", text(self.issue_key()))];
        fields.extend(money("balance_minor", self.balance()));
        fields
    }
}

impl Record for Review {
    const KIND: &'static str = "review";
    const TABLE: &'static str = "reviews";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![
            ("product_id", text(Some(self.product_id()))),
            ("customer_id", text(Some(self.customer_id()))),
            ("state", label(&self.state())),
        ]
    }
}

impl Record for WishList {
    const KIND: &'static str = "wish list";
    const TABLE: &'static str = "wish_lists";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![("customer_id", text(Some(&self.customer_id)))]
    }
}

impl Record for BankTransfer {
    const KIND: &'static str = "bank transfer";
    const TABLE: &'static str = "bank_transfers";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![
            ("order_id", text(Some(self.order_id()))),
            ("reference", text(Some(self.reference().as_str()))),
            ("state", text(Some(self.state().as_str()))),
        ]
    }
}

impl Record for MarketingSend {
    const KIND: &'static str = "marketing send";
    const TABLE: &'static str = "marketing_sends";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![
            ("customer_id", text(Some(&self.customer_id))),
            ("campaign", text(Some(&self.campaign))),
            ("sent_at", Field::Int(Some(micros(self.sent_at)))),
        ]
    }
}

/// The `order_id` column of a statement line not matched to any order: empty, so the back office
/// can list them by that column.
pub const UNMATCHED: &str = "";

impl Record for StatementLine {
    const KIND: &'static str = "statement line";
    const TABLE: &'static str = "statement_lines";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![
            ("bank_transaction_id", text(Some(self.bank_transaction_id()))),
            ("order_id", text(Some(self.order_id().unwrap_or(UNMATCHED)))),
        ]
    }
}

impl Record for Article {
    const KIND: &'static str = "knowledge article";
    const TABLE: &'static str = "knowledge_articles";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![("category", text(Some(&self.category_id))), ("locale", text(Some(self.locale.code())))]
    }
}

impl Record for CategoryTree {
    const KIND: &'static str = "knowledge category tree";
    const TABLE: &'static str = "knowledge_category_trees";
    fn record_id(&self) -> &str {
        CategoryTree::ID
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        Vec::new()
    }
}

impl Record for MailRecord {
    const KIND: &'static str = "support e-mail";
    const TABLE: &'static str = "case_mail_ids";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![("case_id", text(self.case_id.as_deref()))]
    }
}

impl Record for BouncedAddress {
    const KIND: &'static str = "bounced address";
    const TABLE: &'static str = "bounced_addresses";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        Vec::new()
    }
}

impl Record for StoredAttachment {
    const KIND: &'static str = "attachment";
    const TABLE: &'static str = "case_attachments";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        Vec::new()
    }
}

impl Record for StockNotice {
    const KIND: &'static str = "back-in-stock request";
    const TABLE: &'static str = "stock_notices";
    fn record_id(&self) -> &str {
        self.id()
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![
            ("variant_id", text(Some(self.variant_id()))),
            ("email", text(Some(self.email()))),
            ("state", text(Some(self.state().as_str()))),
        ]
    }
}
