//! The data each lifecycle e-mail is rendered with: plain structs of order numbers, amounts as
//! `Money`, payment references, bank details, deadlines and links, so any event source can fill them.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::kind::EmailKind;
use crate::money::Money;

/// The shop sending the e-mail; templates use it as `shop.name`, `shop.url`, `shop.support_email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShopInfo {
    /// Shop name as customers know it.
    pub name: String,
    /// Shop home page.
    pub url: String,
    /// Where customers write for help.
    pub support_email: String,
}

/// Where to pay by bank transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BankDetails {
    /// Account holder.
    pub beneficiary: String,
    /// IBAN.
    pub iban: String,
    /// BIC / SWIFT code.
    pub bic: String,
    /// Bank name.
    pub bank_name: String,
}

/// How and by when to pay an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentInstructions {
    /// Where to send the money.
    pub bank: BankDetails,
    /// How much.
    pub amount: Money,
    /// The reference to quote so the payment is matched to the order.
    pub reference: String,
    /// Pay by then, or the order is cancelled.
    pub deadline: Timestamp,
}

/// One line of an order as an e-mail lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderLine {
    /// Product name (with the variant).
    pub name: String,
    /// How many.
    pub quantity: u32,
    /// Line total.
    pub total: Money,
}

/// Data of [`EmailKind::OrderConfirmation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderConfirmation {
    /// The customer-facing order number.
    pub order_number: String,
    /// The lines.
    pub lines: Vec<OrderLine>,
    /// Number of items (sum of quantities), for plurals.
    pub item_count: u32,
    /// Grand total.
    pub total: Money,
    /// Bank-transfer instructions; `None` when the order is already paid or paid on delivery.
    pub payment: Option<PaymentInstructions>,
    /// Link to the order in the customer's account.
    pub order_url: String,
}

/// Data of [`EmailKind::PaymentReceived`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentReceived {
    /// The order paid.
    pub order_number: String,
    /// The amount received.
    pub amount: Money,
    /// The bank-transfer reference it was matched by (`None` for a card, wallet or gift card).
    pub reference: Option<String>,
    /// When it arrived.
    pub received_at: Timestamp,
}

/// Data of [`EmailKind::PaymentReminder`] and [`EmailKind::PaymentFinalNotice`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentReminder {
    /// The unpaid order.
    pub order_number: String,
    /// What to pay, where and by when.
    pub payment: PaymentInstructions,
    /// Whole days left until the deadline, for plurals.
    pub days_left: u32,
}

/// Data of [`EmailKind::AbandonedCheckout`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AbandonedCheckout {
    /// Number of items left in the cart.
    pub item_count: u32,
    /// Their total.
    pub total: Money,
    /// Link back to the checkout.
    pub resume_url: String,
}

/// Data of [`EmailKind::Shipped`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Shipped {
    /// The order shipped.
    pub order_number: String,
    /// Courier name.
    pub carrier: String,
    /// The courier's tracking number.
    pub tracking_number: String,
    /// Link to follow the parcel.
    pub tracking_url: String,
    /// Expected delivery, if the courier gave one.
    pub estimated_delivery: Option<Timestamp>,
}

/// Data of [`EmailKind::Delivered`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Delivered {
    /// The order delivered.
    pub order_number: String,
    /// When.
    pub delivered_at: Timestamp,
    /// Link to the satisfaction survey.
    pub survey_url: String,
}

/// Data of [`EmailKind::SupportAwaitingReply`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupportAwaitingReply {
    /// The case's customer-facing number.
    pub case_number: String,
    /// The case subject.
    pub case_subject: String,
    /// Link to the case in the customer's account.
    pub case_url: String,
}

/// Data of [`EmailKind::SupportCaseReceived`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupportCaseReceived {
    /// The case's customer-facing reference (`VT-C-…`).
    pub case_number: String,
    /// The case subject.
    pub case_subject: String,
    /// Link to the case in the customer's account.
    pub case_url: String,
}

/// Data of [`EmailKind::SupportReply`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupportReply {
    /// The case's customer-facing number.
    pub case_number: String,
    /// The case subject.
    pub case_subject: String,
    /// The answering agent's name.
    pub agent_name: String,
    /// The reply text.
    pub reply: String,
    /// Link to the case in the customer's account.
    pub case_url: String,
}

/// Where a return stands, as the return-update e-mail tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnStage {
    /// Return request approved; the customer may send the goods.
    Approved,
    /// Return request refused.
    Rejected,
    /// The goods arrived at the warehouse.
    Received,
    /// Money refunded.
    Refunded,
    /// A replacement was shipped.
    ExchangeShipped,
}

/// Data of [`EmailKind::ReturnUpdate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReturnUpdate {
    /// The return's number.
    pub return_number: String,
    /// The order it belongs to.
    pub order_number: String,
    /// Its new stage (templates compare it as text: `stage == "refunded"`).
    pub stage: ReturnStage,
    /// The refund, when the stage is `refunded`.
    pub refund_amount: Option<Money>,
    /// A note from staff, if any.
    pub note: Option<String>,
    /// Link to the return in the customer's account.
    pub return_url: String,
}

/// Data of [`EmailKind::BackInStock`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BackInStock {
    /// The product's name.
    pub product_name: String,
    /// The variant's option values (`size: M, colour: red`); empty for a single-variant product.
    pub variant_label: String,
    /// Link to the product page.
    pub product_url: String,
}

/// The data of one lifecycle e-mail; the variant decides the template. In JSON the fields sit
/// beside a `"kind"` tag (`{"kind": "shipped", "order_number": ..}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EmailData {
    /// See [`EmailKind::OrderConfirmation`].
    OrderConfirmation(OrderConfirmation),
    /// See [`EmailKind::PaymentReceived`].
    PaymentReceived(PaymentReceived),
    /// See [`EmailKind::PaymentReminder`].
    PaymentReminder(PaymentReminder),
    /// See [`EmailKind::PaymentFinalNotice`].
    PaymentFinalNotice(PaymentReminder),
    /// See [`EmailKind::AbandonedCheckout`].
    AbandonedCheckout(AbandonedCheckout),
    /// See [`EmailKind::Shipped`].
    Shipped(Shipped),
    /// See [`EmailKind::Delivered`].
    Delivered(Delivered),
    /// See [`EmailKind::SupportReply`].
    SupportReply(SupportReply),
    /// See [`EmailKind::SupportAwaitingReply`].
    SupportAwaitingReply(SupportAwaitingReply),
    /// See [`EmailKind::SupportCaseReceived`].
    SupportCaseReceived(SupportCaseReceived),
    /// See [`EmailKind::ReturnUpdate`].
    ReturnUpdate(ReturnUpdate),
    /// See [`EmailKind::BackInStock`].
    BackInStock(BackInStock),
}

impl EmailData {
    /// Which e-mail this data is for.
    pub fn kind(&self) -> EmailKind {
        match self {
            EmailData::OrderConfirmation(_) => EmailKind::OrderConfirmation,
            EmailData::PaymentReceived(_) => EmailKind::PaymentReceived,
            EmailData::PaymentReminder(_) => EmailKind::PaymentReminder,
            EmailData::PaymentFinalNotice(_) => EmailKind::PaymentFinalNotice,
            EmailData::AbandonedCheckout(_) => EmailKind::AbandonedCheckout,
            EmailData::Shipped(_) => EmailKind::Shipped,
            EmailData::Delivered(_) => EmailKind::Delivered,
            EmailData::SupportReply(_) => EmailKind::SupportReply,
            EmailData::SupportAwaitingReply(_) => EmailKind::SupportAwaitingReply,
            EmailData::SupportCaseReceived(_) => EmailKind::SupportCaseReceived,
            EmailData::ReturnUpdate(_) => EmailKind::ReturnUpdate,
            EmailData::BackInStock(_) => EmailKind::BackInStock,
        }
    }
}

/// Everything a lifecycle template is rendered with: the shop, the customer's name and the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LifecycleEmail {
    /// The sending shop.
    pub shop: ShopInfo,
    /// How to greet the customer.
    pub customer_name: String,
    /// The e-mail's own data, flattened beside `shop` and `customer_name`.
    #[serde(flatten)]
    pub data: EmailData,
}
