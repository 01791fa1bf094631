//! The lifecycle e-mails Vitrina ships templates for, each with a stable template id.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A lifecycle e-mail with a built-in template; its template id is the snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    /// Order placed, with payment instructions when paying by bank transfer.
    OrderConfirmation,
    /// The payment arrived.
    PaymentReceived,
    /// The payment is still due: a friendly reminder.
    PaymentReminder,
    /// The payment is overdue: the last reminder before cancellation.
    PaymentFinalNotice,
    /// A checkout left unfinished.
    AbandonedCheckout,
    /// The order left the warehouse, with a tracking link.
    Shipped,
    /// The order arrived, with a satisfaction survey link.
    Delivered,
    /// An agent answered a support case.
    SupportReply,
    /// A support case waits on the customer's answer: a reminder.
    SupportAwaitingReply,
    /// A request that came in by e-mail opened a case: "we got your request".
    SupportCaseReceived,
    /// A return (RMA) changed state.
    ReturnUpdate,
    /// A variant the shopper asked about can be ordered again.
    BackInStock,
}

impl EmailKind {
    /// Every kind, in lifecycle order.
    pub const ALL: [EmailKind; 12] = [
        EmailKind::OrderConfirmation,
        EmailKind::PaymentReceived,
        EmailKind::PaymentReminder,
        EmailKind::PaymentFinalNotice,
        EmailKind::AbandonedCheckout,
        EmailKind::Shipped,
        EmailKind::Delivered,
        EmailKind::SupportReply,
        EmailKind::SupportAwaitingReply,
        EmailKind::SupportCaseReceived,
        EmailKind::ReturnUpdate,
        EmailKind::BackInStock,
    ];

    /// The template id (`order_confirmation`).
    pub fn template_id(self) -> &'static str {
        match self {
            EmailKind::OrderConfirmation => "order_confirmation",
            EmailKind::PaymentReceived => "payment_received",
            EmailKind::PaymentReminder => "payment_reminder",
            EmailKind::PaymentFinalNotice => "payment_final_notice",
            EmailKind::AbandonedCheckout => "abandoned_checkout",
            EmailKind::Shipped => "shipped",
            EmailKind::Delivered => "delivered",
            EmailKind::SupportReply => "support_reply",
            EmailKind::SupportAwaitingReply => "support_awaiting_reply",
            EmailKind::SupportCaseReceived => "support_case_received",
            EmailKind::ReturnUpdate => "return_update",
            EmailKind::BackInStock => "back_in_stock",
        }
    }

    /// The kind whose template id is `template_id`, if any.
    pub fn from_template_id(template_id: &str) -> Option<EmailKind> {
        EmailKind::ALL.into_iter().find(|kind| kind.template_id() == template_id)
    }
}

impl fmt::Display for EmailKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.template_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_ids_round_trip_and_match_serde() {
        for kind in EmailKind::ALL {
            assert_eq!(EmailKind::from_template_id(kind.template_id()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.to_string());
        }
        assert_eq!(EmailKind::from_template_id("newsletter"), None);
    }
}
