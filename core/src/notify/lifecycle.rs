//! Which lifecycle e-mail a domain event calls for, to whom, with which data: pure decisions over the
//! event and what a [`NotificationContext`] looks up (the order, shipment, case, return, customer).
//!
//! | event                                                          | e-mail                          |
//! |----------------------------------------------------------------|---------------------------------|
//! | `order_placed`                                                 | order confirmation (+ transfer) |
//! | `order_payment_received` by bank transfer                      | payment received                |
//! | `payment_reminder_due`                                         | reminder, or the final notice   |
//! | `shipment_state_changed` `label_created` -> `picked_up` / `in_transit` | shipped, tracking link  |
//! | `order_state_changed` to `delivered`                           | delivered, survey link          |
//! | `support_reply_posted`                                         | support reply                   |
//! | `customer_reminded`                                            | awaiting your reply             |
//! | `case_received`                                                | we got your request             |
//! | `return_state_changed` to `approved`, `rejected`, `received`, `refunded`, `exchanged` | return update |
//!
//! A bank-transfer confirmation carries the bank details, amount, RF reference and deadline (placing
//! time + [`ShopProfile::transfer_window`]). Every other event needs no e-mail. The dedup key of an
//! e-mail is its kind and the event id, so a replayed event yields the same key (and message id).
//! A case's e-mails carry its reference `[VT-C-…]` in the subject and answer the e-mails received on
//! it (`In-Reply-To`, `References`), so the customer's reply threads into the case; a chat case's
//! replies are fetched by the chat client, not e-mailed.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::data::{
    BankDetails, Delivered, EmailData, LifecycleEmail, OrderConfirmation, OrderLine, PaymentInstructions,
    PaymentReceived, PaymentReminder, ReturnStage, ReturnUpdate, Shipped, ShopInfo, SupportAwaitingReply,
    SupportCaseReceived, SupportReply,
};
use super::DomainEvent;
use crate::customer::Customer;
use crate::event::RecordedEvent;
use crate::money::{Money, MoneyError};
use crate::order::{Order, OrderEvent, OrderState};
use crate::order::{PaymentMethod, PaymentReminder as ReminderKind};
use crate::pricing::PricedCart;
use crate::returns::{ReturnEvent, ReturnOutcome, ReturnState, Rma};
use crate::shipping::{Shipment, ShipmentEvent, ShipmentState};
use crate::support::{CaseEvent, SupportCase, SurveyRequest};

/// How a shop presents itself in its lifecycle e-mails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShopProfile {
    /// The shop id its templates are kept under in the [`TemplateStore`](super::TemplateStore).
    pub shop_id: String,
    /// Name, home page (links are built under it) and support address, as templates show them.
    pub info: ShopInfo,
    /// The sender mailbox (`Vitrina Demo <orders@shop.example.com>`); its domain ends message ids.
    pub sender: String,
    /// Where bank transfers go; `None` when the shop takes none.
    pub bank: Option<BankDetails>,
    /// Time from placing an order to its bank-transfer deadline.
    pub transfer_window: SignedDuration,
}

/// What the lifecycle e-mails look up, loaded by the caller (so the core does no I/O). Lookups
/// answer `None` for what the caller does not have; the e-mail is then skipped with a reason.
pub trait NotificationContext: Send + Sync {
    /// The shop sending.
    fn shop(&self) -> &ShopProfile;
    /// The order `order_id`.
    fn order(&self, order_id: &str) -> Option<&Order>;
    /// The shipment `shipment_id`.
    fn shipment(&self, shipment_id: &str) -> Option<&Shipment>;
    /// The support case `case_id`.
    fn support_case(&self, case_id: &str) -> Option<&SupportCase>;
    /// The return `return_id`.
    fn rma(&self, return_id: &str) -> Option<&Rma>;
    /// The customer account `customer_id` (name and locale; guests have none).
    fn customer(&self, customer_id: &str) -> Option<&Customer>;
    /// The cart `cart_id` as last priced (for abandoned-checkout follow-ups).
    fn priced_cart(&self, cart_id: &str) -> Option<&PricedCart>;
    /// The product name (with the variant) shown for `variant_id`.
    fn product_name(&self, variant_id: &str) -> Option<String>;
    /// The staff member's name shown to customers (an agent signing a reply).
    fn staff_name(&self, staff_id: &str) -> Option<String>;
    /// Where the customer follows `shipment` at its courier.
    fn tracking_url(&self, shipment: &Shipment) -> Option<String>;
    /// The satisfaction survey created for `order` on delivery (see [`SurveyRequest::after_delivery`]).
    fn delivery_survey(&self, order: &Order) -> Option<&SurveyRequest>;
}

/// Who an e-mail goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Recipient {
    /// How to greet them.
    pub(super) name: String,
    /// Their address.
    pub(super) email: String,
    /// Their locale; `None` means the shop's default.
    pub(super) locale: Option<String>,
}

/// A lifecycle e-mail decided on, not yet rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PlannedEmail {
    /// Deduplication key: the kind and what it is about (`order_confirmation.<event id>`).
    pub(super) key: String,
    /// The recipient.
    pub(super) to: Recipient,
    /// What the template renders.
    pub(super) email: LifecycleEmail,
    /// Extra header fields (`In-Reply-To`, `References`).
    pub(super) headers: Vec<(String, String)>,
}

/// Why no e-mail follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum NoEmail {
    /// The event is not one customers are mailed about.
    NotCustomerFacing {
        /// The event's type (`payment_authorized`).
        event: String,
    },
    /// Something the e-mail needs was not found in the context.
    Missing {
        /// What (`order`, `shipment`, `customer`, ...).
        what: String,
        /// Its id.
        id: String,
    },
    /// A bank-transfer e-mail, but the shop has no bank details.
    NoBankDetails,
    /// A shipped e-mail, but the shipment has no tracking number or link.
    NoTracking {
        /// The shipment.
        shipment_id: String,
    },
    /// A delivered e-mail, but no survey was created for the order (guests get none).
    NoSurvey {
        /// The order.
        order_id: String,
    },
    /// An abandoned checkout without a contact address.
    NoContactEmail {
        /// The checkout session.
        session_id: String,
    },
    /// The case's conversation is not by e-mail (a chat): its client fetches the reply.
    NotByEmail {
        /// The case.
        case_id: String,
    },
}

impl NoEmail {
    fn missing(what: &str, id: &str) -> NoEmail {
        NoEmail::Missing { what: what.to_owned(), id: id.to_owned() }
    }
}

/// Why planning stopped: no e-mail is due, or the data cannot be expressed as money.
pub(super) enum Stop {
    Skip(NoEmail),
    Money(MoneyError),
}

impl From<NoEmail> for Stop {
    fn from(reason: NoEmail) -> Stop {
        Stop::Skip(reason)
    }
}

impl From<MoneyError> for Stop {
    fn from(error: MoneyError) -> Stop {
        Stop::Money(error)
    }
}

/// Decides the e-mail `recorded` calls for and gathers its data from `context`.
pub(super) fn plan(
    recorded: &RecordedEvent<DomainEvent>,
    context: &dyn NotificationContext,
) -> Result<PlannedEmail, Stop> {
    let planner = Planner { recorded, context };
    match &recorded.event {
        DomainEvent::Order(OrderEvent::OrderPlaced { order_id, total, payment_method, .. }) => {
            planner.confirmation(order_id, *total, *payment_method)
        }
        DomainEvent::Order(OrderEvent::OrderPaymentReceived {
            order_id,
            method: PaymentMethod::BankTransfer,
            amount,
            ..
        }) => planner.transfer_received(order_id, *amount),
        DomainEvent::Order(OrderEvent::OrderStateChanged { order_id, to: OrderState::Paid, .. }) => {
            planner.paid(order_id)
        }
        DomainEvent::Order(OrderEvent::PaymentReminderDue { order_id, reminder, amount_due, cancel_at }) => {
            planner.reminder(order_id, *reminder, *amount_due, *cancel_at)
        }
        DomainEvent::Shipment(ShipmentEvent::ShipmentStateChanged {
            shipment_id,
            from: ShipmentState::LabelCreated,
            to: ShipmentState::PickedUp | ShipmentState::InTransit,
            ..
        }) => planner.shipped(shipment_id),
        DomainEvent::Order(OrderEvent::OrderStateChanged { order_id, to: OrderState::Delivered, .. }) => {
            planner.delivered(order_id)
        }
        DomainEvent::Case(CaseEvent::SupportReplyPosted { case_id, message_id, agent_id, .. }) => {
            planner.support_reply(case_id, message_id, agent_id)
        }
        DomainEvent::Case(CaseEvent::CustomerReminded { case_id, .. }) => planner.awaiting_reply(case_id),
        DomainEvent::Case(CaseEvent::CaseReceived { case_id, .. }) => planner.case_received(case_id),
        DomainEvent::Return(ReturnEvent::ReturnStateChanged { return_id, to, .. }) => {
            planner.return_update(return_id, *to)
        }
        other => Err(NoEmail::NotCustomerFacing { event: other.kind().to_owned() }.into()),
    }
}

/// The event being planned and where its data comes from.
struct Planner<'a> {
    recorded: &'a RecordedEvent<DomainEvent>,
    context: &'a dyn NotificationContext,
}

impl Planner<'_> {
    fn confirmation(&self, order_id: &str, total: Money, method: PaymentMethod) -> Result<PlannedEmail, Stop> {
        let order = self.order(order_id)?;
        let payment = match method {
            PaymentMethod::BankTransfer => {
                let deadline = later(order.placed_at(), self.context.shop().transfer_window);
                Some(self.instructions(order, total, deadline)?)
            }
            _ => None,
        };
        let lines = self.lines(order)?;
        let data = OrderConfirmation {
            order_number: order.number().to_string(),
            item_count: lines.iter().map(|line| line.quantity).fold(0, u32::saturating_add),
            lines,
            total,
            payment,
            order_url: self.link(&format!("account/orders/{}", order.number())),
        };
        Ok(self.for_order(order, EmailData::OrderConfirmation(data)))
    }

    /// Each bank transfer received: the amount and the reference it was matched by.
    fn transfer_received(&self, order_id: &str, amount: Money) -> Result<PlannedEmail, Stop> {
        let order = self.order(order_id)?;
        let reference = Some(order.payment_reference().formatted());
        Ok(self.payment_received(order, amount, reference))
    }

    /// An order paid in full by card, store credit or gift card (or several): one e-mail for what it
    /// received. Transfers are mailed per receipt, and cash is paid on delivery, so neither again.
    fn paid(&self, order_id: &str) -> Result<PlannedEmail, Stop> {
        let order = self.order(order_id)?;
        if matches!(order.delivery().payment_method, PaymentMethod::BankTransfer | PaymentMethod::CashOnDelivery) {
            return Err(NoEmail::NotCustomerFacing { event: self.recorded.event.kind().to_owned() }.into());
        }
        Ok(self.payment_received(order, order.paid(), None))
    }

    fn payment_received(&self, order: &Order, amount: Money, reference: Option<String>) -> PlannedEmail {
        let data = PaymentReceived {
            order_number: order.number().to_string(),
            amount,
            reference,
            received_at: self.recorded.at,
        };
        self.for_order(order, EmailData::PaymentReceived(data))
    }

    fn reminder(
        &self,
        order_id: &str,
        kind: ReminderKind,
        amount_due: Money,
        cancel_at: Timestamp,
    ) -> Result<PlannedEmail, Stop> {
        let order = self.order(order_id)?;
        let data = PaymentReminder {
            order_number: order.number().to_string(),
            payment: self.instructions(order, amount_due, cancel_at)?,
            days_left: days_left(self.recorded.at, cancel_at),
        };
        let data = match kind {
            ReminderKind::Reminder { .. } => EmailData::PaymentReminder(data),
            ReminderKind::FinalNotice => EmailData::PaymentFinalNotice(data),
        };
        Ok(self.for_order(order, data))
    }

    fn shipped(&self, shipment_id: &str) -> Result<PlannedEmail, Stop> {
        let shipment = self.context.shipment(shipment_id).ok_or_else(|| NoEmail::missing("shipment", shipment_id))?;
        let order = self.order(shipment.order_id())?;
        let no_tracking = || NoEmail::NoTracking { shipment_id: shipment_id.to_owned() };
        let data = Shipped {
            order_number: order.number().to_string(),
            carrier: shipment.courier().to_owned(),
            tracking_number: shipment.tracking_number().ok_or_else(no_tracking)?.to_owned(),
            tracking_url: self.context.tracking_url(shipment).ok_or_else(no_tracking)?,
            estimated_delivery: shipment.estimated_delivery().map(|window| window.end),
        };
        Ok(self.for_order(order, EmailData::Shipped(data)))
    }

    fn delivered(&self, order_id: &str) -> Result<PlannedEmail, Stop> {
        let order = self.order(order_id)?;
        let no_survey = || NoEmail::NoSurvey { order_id: order_id.to_owned() };
        let survey = self.context.delivery_survey(order).ok_or_else(no_survey)?;
        let data = Delivered {
            order_number: order.number().to_string(),
            delivered_at: self.recorded.at,
            survey_url: self.link(&format!("survey/{}", survey.id())),
        };
        Ok(self.for_order(order, EmailData::Delivered(data)))
    }

    fn support_reply(&self, case_id: &str, message_id: &str, agent_id: &str) -> Result<PlannedEmail, Stop> {
        let case = self.case(case_id)?;
        let message = case.messages().iter().find(|m| m.id == message_id);
        let reply = message.ok_or_else(|| NoEmail::missing("support message", message_id))?;
        let customer = self.customer(case.customer_id())?;
        let shop_name = &self.context.shop().info.name;
        let data = SupportReply {
            case_number: case.reference(),
            case_subject: case.subject().to_owned(),
            agent_name: self.context.staff_name(agent_id).unwrap_or_else(|| shop_name.clone()),
            reply: reply.body.clone(),
            case_url: self.link(&format!("account/cases/{}", case.id())),
        };
        Ok(self.threaded(case, self.planned(customer_recipient(customer), EmailData::SupportReply(data))))
    }

    fn awaiting_reply(&self, case_id: &str) -> Result<PlannedEmail, Stop> {
        let case = self.case(case_id)?;
        let customer = self.customer(case.customer_id())?;
        let data = SupportAwaitingReply {
            case_number: case.reference(),
            case_subject: case.subject().to_owned(),
            case_url: self.link(&format!("account/cases/{}", case.id())),
        };
        Ok(self.threaded(case, self.planned(customer_recipient(customer), EmailData::SupportAwaitingReply(data))))
    }

    fn case_received(&self, case_id: &str) -> Result<PlannedEmail, Stop> {
        let case = self.case(case_id)?;
        let customer = self.customer(case.customer_id())?;
        let data = SupportCaseReceived {
            case_number: case.reference(),
            case_subject: case.subject().to_owned(),
            case_url: self.link(&format!("account/cases/{}", case.id())),
        };
        Ok(self.threaded(case, self.planned(customer_recipient(customer), EmailData::SupportCaseReceived(data))))
    }

    /// The case `case_id`, if its replies go out by e-mail.
    fn case(&self, case_id: &str) -> Result<&SupportCase, Stop> {
        let case = self.context.support_case(case_id).ok_or_else(|| NoEmail::missing("support case", case_id))?;
        match case.replies_by_email() {
            true => Ok(case),
            false => Err(NoEmail::NotByEmail { case_id: case_id.to_owned() }.into()),
        }
    }

    /// `planned` answering the e-mails received on `case`: `In-Reply-To` the latest,
    /// `References` all it keeps.
    fn threaded(&self, case: &SupportCase, mut planned: PlannedEmail) -> PlannedEmail {
        if let Some(latest) = case.mail_thread().last() {
            let references: Vec<String> = case.mail_thread().iter().map(|id| format!("<{id}>")).collect();
            planned.headers.push(("In-Reply-To".to_owned(), format!("<{latest}>")));
            planned.headers.push(("References".to_owned(), references.join(" ")));
        }
        planned
    }

    fn return_update(&self, return_id: &str, to: ReturnState) -> Result<PlannedEmail, Stop> {
        let stage = return_stage(to)
            .ok_or_else(|| NoEmail::NotCustomerFacing { event: format!("{} to {to}", self.recorded.event.kind()) })?;
        let rma = self.context.rma(return_id).ok_or_else(|| NoEmail::missing("return", return_id))?;
        let order = self.order(rma.order_id())?;
        let data = ReturnUpdate {
            return_number: rma.id().to_owned(),
            order_number: rma.order_number().to_owned(),
            stage,
            refund_amount: refund_amount(rma),
            note: rma.rejection_reason().filter(|_| stage == ReturnStage::Rejected).map(str::to_owned),
            return_url: self.link(&format!("account/returns/{}", rma.id())),
        };
        Ok(self.for_order(order, EmailData::ReturnUpdate(data)))
    }

    fn order(&self, order_id: &str) -> Result<&Order, NoEmail> {
        self.context.order(order_id).ok_or_else(|| NoEmail::missing("order", order_id))
    }

    fn customer(&self, customer_id: &str) -> Result<&Customer, NoEmail> {
        self.context.customer(customer_id).ok_or_else(|| NoEmail::missing("customer", customer_id))
    }

    fn instructions(&self, order: &Order, amount: Money, deadline: Timestamp) -> Result<PaymentInstructions, NoEmail> {
        let bank = self.context.shop().bank.clone().ok_or(NoEmail::NoBankDetails)?;
        Ok(PaymentInstructions { bank, amount, reference: order.payment_reference().formatted(), deadline })
    }

    fn lines(&self, order: &Order) -> Result<Vec<OrderLine>, MoneyError> {
        let currency = order.priced().currency;
        let line = |priced: &crate::pricing::PricedLine| {
            Ok(OrderLine {
                name: self.context.product_name(&priced.variant_id).unwrap_or_else(|| priced.variant_id.to_string()),
                quantity: priced.quantity,
                total: Money::checked(priced.total, currency, "lines.total")?,
            })
        };
        order.priced().lines.iter().map(line).collect()
    }

    /// An e-mail about `order` to its contact address, greeting the customer (or the delivery recipient).
    fn for_order(&self, order: &Order, data: EmailData) -> PlannedEmail {
        let customer = order.customer_id().and_then(|id| self.context.customer(id));
        let to = Recipient {
            name: customer.map_or_else(|| order.delivery().address.recipient.clone(), |c| c.name().to_owned()),
            email: order.contact().email.clone(),
            locale: customer.map(|c| c.locale().as_str().to_owned()),
        };
        self.planned(to, data)
    }

    fn planned(&self, to: Recipient, data: EmailData) -> PlannedEmail {
        let key = format!("{}.{}", data.kind().template_id(), self.recorded.id);
        let email = LifecycleEmail { shop: self.context.shop().info.clone(), customer_name: to.name.clone(), data };
        PlannedEmail { key, to, email, headers: Vec::new() }
    }

    fn link(&self, path: &str) -> String {
        shop_link(&self.context.shop().info, path)
    }
}

/// `path` under the shop's home page.
pub(super) fn shop_link(shop: &ShopInfo, path: &str) -> String {
    format!("{}/{path}", shop.url.trim_end_matches('/'))
}

/// The recipient for a customer account.
pub(super) fn customer_recipient(customer: &Customer) -> Recipient {
    Recipient {
        name: customer.name().to_owned(),
        email: customer.email().as_str().to_owned(),
        locale: Some(customer.locale().as_str().to_owned()),
    }
}

/// The stage a return update tells for a move to `state`; `None` for moves customers are not told.
fn return_stage(state: ReturnState) -> Option<ReturnStage> {
    match state {
        ReturnState::Approved => Some(ReturnStage::Approved),
        ReturnState::Rejected => Some(ReturnStage::Rejected),
        ReturnState::Received => Some(ReturnStage::Received),
        ReturnState::Refunded => Some(ReturnStage::Refunded),
        ReturnState::Exchanged => Some(ReturnStage::ExchangeShipped),
        ReturnState::Requested
        | ReturnState::AwaitingParcel
        | ReturnState::Inspected
        | ReturnState::Credited
        | ReturnState::Closed => None,
    }
}

fn refund_amount(rma: &Rma) -> Option<Money> {
    match rma.outcome()? {
        ReturnOutcome::Refund { settlement, .. } => Some(settlement.total),
        ReturnOutcome::Exchange { .. } | ReturnOutcome::StoreCredit { .. } => None,
    }
}

/// Days from `now` to `deadline`, a started day counting as one (0 once it has passed).
fn days_left(now: Timestamp, deadline: Timestamp) -> u32 {
    let seconds = u64::try_from(deadline.duration_since(now).as_secs()).unwrap_or(0);
    u32::try_from(seconds.div_ceil(24 * 60 * 60)).unwrap_or(u32::MAX)
}

fn later(at: Timestamp, delay: SignedDuration) -> Timestamp {
    at.saturating_add(delay).unwrap_or(Timestamp::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn a_started_day_counts_and_a_passed_deadline_leaves_none() {
        let now = at("2026-03-01T10:00:00Z");
        assert_eq!(days_left(now, at("2026-03-04T10:00:00Z")), 3);
        assert_eq!(days_left(now, at("2026-03-02T09:00:00Z")), 1);
        assert_eq!(days_left(now, at("2026-03-01T09:00:00Z")), 0);
    }

    #[test]
    fn only_the_moves_customers_care_about_have_a_return_stage() {
        let told: Vec<ReturnState> = ReturnState::ALL.into_iter().filter(|s| return_stage(*s).is_some()).collect();
        let expected = [
            ReturnState::Approved,
            ReturnState::Rejected,
            ReturnState::Received,
            ReturnState::Refunded,
            ReturnState::Exchanged,
        ];
        assert_eq!(told, expected);
        assert_eq!(return_stage(ReturnState::Exchanged), Some(ReturnStage::ExchangeShipped));
    }

    #[test]
    fn links_sit_under_the_shop_url_with_one_slash() {
        let shop = ShopInfo { name: "S".into(), url: "https://s.example/".into(), support_email: "h@s.example".into() };
        assert_eq!(shop_link(&shop, "survey/1"), "https://s.example/survey/1");
    }
}
