//! The bank-transfer record of one order: its reference, the receipts recorded against it (each once,
//! by bank transaction id) and the notices sent. Recording a receipt moves the order's money; the
//! schedule's notices become reminder events or the order's cancellation.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use vitrina_core::event::Actor;
use vitrina_core::money::Money;
use vitrina_core::order::PaymentMethod;
use vitrina_core::order::{Order, OrderState, PaymentReference, Rebalance};
use vitrina_core::payment::Wallet;

use super::{ReminderSchedule, TransferNotice, TransferReceipt};
use crate::OfflinePaymentError;

/// What a receipt did to the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReceiptOutcome {
    /// Not enough yet: the order keeps waiting for the remainder.
    Partial {
        /// Still to pay.
        remainder_due: Money,
    },
    /// Paid exactly.
    Paid,
    /// Paid, with money to give back (or to turn into store credit).
    OverPaid {
        /// Paid beyond the total.
        excess: Money,
    },
}

impl ReceiptOutcome {
    fn from_balance(balance: Rebalance) -> ReceiptOutcome {
        match balance {
            Rebalance::AmountDue { amount } => ReceiptOutcome::Partial { remainder_due: amount },
            Rebalance::Settled => ReceiptOutcome::Paid,
            Rebalance::RefundOwed { amount } => ReceiptOutcome::OverPaid { excess: amount },
        }
    }
}

/// A receipt as recorded, with its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedReceipt {
    /// The receipt.
    pub receipt: TransferReceipt,
    /// What it did to the order.
    pub outcome: ReceiptOutcome,
    /// When it was recorded.
    pub recorded_at: Timestamp,
    /// Who recorded it (staff, or the system importing a statement).
    pub recorded_by: Actor,
}

/// A notice acted on, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentNotice {
    /// The notice.
    pub notice: TransferNotice,
    /// When it was sent (or the order cancelled).
    pub at: Timestamp,
}

/// The bank-transfer side of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankTransfer {
    order_id: String,
    reference: PaymentReference,
    placed_at: Timestamp,
    receipts: Vec<RecordedReceipt>,
    notices: Vec<SentNotice>,
}

impl BankTransfer {
    /// The record for `order`, which must be paid by bank transfer.
    pub fn open(order: &Order) -> Result<BankTransfer, OfflinePaymentError> {
        check_method(order, PaymentMethod::BankTransfer)?;
        Ok(BankTransfer {
            order_id: order.id().to_owned(),
            reference: order.payment_reference().clone(),
            placed_at: order.placed_at(),
            receipts: Vec::new(),
            notices: Vec::new(),
        })
    }

    /// Records `receipt` against `order` (money received; the order is paid once the receipts cover
    /// its total) and returns what it did. The same bank transaction again returns the first outcome
    /// and moves nothing; the same id with other details is an error.
    pub fn record_receipt(
        &mut self,
        order: &mut Order,
        receipt: TransferReceipt,
        actor: Actor,
        at: Timestamp,
    ) -> Result<ReceiptOutcome, OfflinePaymentError> {
        self.check_order(order)?;
        receipt.validate()?;
        if let Some(seen) = self.receipts.iter().find(|r| r.receipt.bank_transaction_id == receipt.bank_transaction_id)
        {
            if seen.receipt != receipt {
                return Err(OfflinePaymentError::ReceiptIdReused { id: receipt.bank_transaction_id });
            }
            return Ok(seen.outcome);
        }
        let balance = order.receive_payment(receipt.amount, PaymentMethod::BankTransfer, actor.clone(), at)?;
        let outcome = ReceiptOutcome::from_balance(balance);
        self.receipts.push(RecordedReceipt { receipt, outcome, recorded_at: at, recorded_by: actor });
        Ok(outcome)
    }

    /// The notice `schedule` says is due at `now`, if the order still waits for its transfer.
    pub fn notice_due(&self, order: &Order, schedule: &ReminderSchedule, now: Timestamp) -> Option<TransferNotice> {
        let waiting = order.id() == self.order_id && order.state() == OrderState::AwaitingTransfer;
        let sent: Vec<TransferNotice> = self.notices.iter().map(|s| s.notice).collect();
        waiting.then(|| schedule.notice_due(self.placed_at, now, &sent)).flatten()
    }

    /// Acts on the notice due at `now`, if any: a reminder or final notice is recorded on the order
    /// (`payment_reminder_due`, for the mailer), a cancellation cancels it. Returns what was done.
    pub fn run_schedule(
        &mut self,
        order: &mut Order,
        schedule: &ReminderSchedule,
        now: Timestamp,
    ) -> Result<Option<TransferNotice>, OfflinePaymentError> {
        let Some(notice) = self.notice_due(order, schedule, now) else { return Ok(None) };
        match notice {
            TransferNotice::Remind { reminder } => {
                order.remind_payment(reminder, schedule.cancel_at(self.placed_at), now)?;
            }
            TransferNotice::Cancel => {
                let note = format!("no bank transfer with reference {} arrived in time", self.reference);
                order.transition(OrderState::Cancelled, Actor::System, now, Some(note))?;
            }
        }
        self.notices.push(SentNotice { notice, at: now });
        Ok(Some(notice))
    }

    fn check_order(&self, order: &Order) -> Result<(), OfflinePaymentError> {
        if order.id() == self.order_id {
            Ok(())
        } else {
            Err(OfflinePaymentError::WrongOrder { expected: self.order_id.clone(), given: order.id().to_owned() })
        }
    }

    /// The order.
    pub fn order_id(&self) -> &str {
        &self.order_id
    }

    /// The reference the transfer must quote.
    pub fn reference(&self) -> &PaymentReference {
        &self.reference
    }

    /// The receipts recorded, oldest first.
    pub fn receipts(&self) -> &[RecordedReceipt] {
        &self.receipts
    }

    /// The notices sent (and the cancellation), oldest first.
    pub fn notices(&self) -> &[SentNotice] {
        &self.notices
    }
}

/// Turns what `order` owes back (an over-payment) into store credit in `wallet`: deposits it and
/// records it on the order as refunded to the wallet, so the order is settled. Returns the amount.
/// A repeat with `key` returns the first amount and moves nothing.
pub fn credit_overpayment(
    order: &mut Order,
    wallet: &mut Wallet,
    key: &str,
    actor: Actor,
    at: Timestamp,
) -> Result<Money, OfflinePaymentError> {
    if let Some(entry) = wallet.account(order.total().currency()).and_then(|a| a.entry_with_key(key)) {
        return Ok(entry.amount);
    }
    let Rebalance::RefundOwed { amount } = order.balance()? else {
        return Err(OfflinePaymentError::NothingOwed { order_id: order.id().to_owned() });
    };
    let note = format!("over-payment of order {}", order.number());
    wallet.deposit(amount, &note, key, actor, at)?;
    order.refund_payment(amount, PaymentMethod::Wallet, at)?;
    Ok(amount)
}

pub(crate) fn check_method(order: &Order, expected: PaymentMethod) -> Result<(), OfflinePaymentError> {
    let method = order.delivery().payment_method;
    if method == expected {
        Ok(())
    } else {
        Err(OfflinePaymentError::WrongMethod { order_id: order.id().to_owned(), method, expected })
    }
}

#[cfg(test)]
mod tests {
    use vitrina_core::money::Currency;
    use vitrina_core::order::PaymentReminder;

    use super::*;
    use crate::fixtures::{at_days, eur, order, receipt};
    use crate::{match_reference, OpenReference, ReferenceMatch};

    fn staff() -> Actor {
        Actor::Staff { id: "accounts".into() }
    }

    fn awaiting(total_minor: i64) -> (Order, BankTransfer) {
        let order = order(PaymentMethod::BankTransfer, total_minor);
        let transfer = BankTransfer::open(&order).unwrap();
        (order, transfer)
    }

    #[test]
    fn a_partial_payment_keeps_the_order_awaiting_with_the_remainder_due() {
        let (mut order, mut transfer) = awaiting(10_000);
        let reference = transfer.reference().formatted();
        let outcome = transfer.record_receipt(&mut order, receipt("t1", eur(4_000), &reference), staff(), at_days(2));
        assert_eq!(outcome, Ok(ReceiptOutcome::Partial { remainder_due: eur(6_000) }));
        assert_eq!((order.state(), order.paid()), (OrderState::AwaitingTransfer, eur(4_000)));
        let rest = transfer.record_receipt(&mut order, receipt("t2", eur(6_000), &reference), staff(), at_days(4));
        assert_eq!((rest, order.state()), (Ok(ReceiptOutcome::Paid), OrderState::Paid));
        assert_eq!(transfer.receipts().len(), 2);
    }

    #[test]
    fn an_exact_payment_pays_the_order_and_a_repeat_moves_nothing() {
        let (mut order, mut transfer) = awaiting(10_000);
        let r = receipt("t1", eur(10_000), transfer.reference().as_str());
        assert_eq!(transfer.record_receipt(&mut order, r.clone(), staff(), at_days(1)), Ok(ReceiptOutcome::Paid));
        assert_eq!(transfer.record_receipt(&mut order, r.clone(), staff(), at_days(2)), Ok(ReceiptOutcome::Paid));
        assert_eq!((order.paid(), transfer.receipts().len()), (eur(10_000), 1));
        let changed = TransferReceipt { amount: eur(9_000), ..r };
        let err = transfer.record_receipt(&mut order, changed, staff(), at_days(2)).unwrap_err();
        assert_eq!(err, OfflinePaymentError::ReceiptIdReused { id: "t1".into() });
    }

    #[test]
    fn an_over_payment_leaves_a_refund_owed_that_can_become_store_credit() {
        let (mut order, mut transfer) = awaiting(10_000);
        let r = receipt("t1", eur(10_250), transfer.reference().as_str());
        let outcome = transfer.record_receipt(&mut order, r, staff(), at_days(1)).unwrap();
        assert_eq!(outcome, ReceiptOutcome::OverPaid { excess: eur(250) });
        assert_eq!(
            (order.state(), order.balance().unwrap()),
            (OrderState::Paid, Rebalance::RefundOwed { amount: eur(250) })
        );
        let mut wallet = Wallet::new("c1");
        for _ in 0..2 {
            assert_eq!(credit_overpayment(&mut order, &mut wallet, "over:t1", staff(), at_days(2)), Ok(eur(250)));
        }
        assert_eq!((wallet.balance(Currency::EUR), order.balance().unwrap()), (eur(250), Rebalance::Settled));
        let again = credit_overpayment(&mut order, &mut wallet, "over:t1:again", staff(), at_days(3));
        assert!(matches!(again, Err(OfflinePaymentError::NothingOwed { .. })));
    }

    #[test]
    fn a_typod_reference_is_matched_and_the_receipt_recorded() {
        let (mut order, mut transfer) = awaiting(10_000);
        let (_, other) = awaiting(5_000);
        let open = [
            OpenReference { order_id: other.order_id().into(), reference: other.reference().clone() },
            OpenReference { order_id: order.id().into(), reference: transfer.reference().clone() },
        ];
        let good = transfer.reference().as_str().to_lowercase();
        let typo = format!("{} {}", &good[..6], &good[7..]);
        let ReferenceMatch::Corrected { order_id, .. } = match_reference(&typo, &open) else { panic!("{typo}") };
        assert_eq!(order_id, order.id());
        let outcome = transfer.record_receipt(&mut order, receipt("t1", eur(10_000), &typo), staff(), at_days(1));
        assert_eq!(outcome, Ok(ReceiptOutcome::Paid));
        assert_eq!(transfer.receipts()[0].receipt.reference_as_written, typo);
    }

    #[test]
    fn reminders_then_cancellation_while_unpaid_and_nothing_once_paid() {
        let schedule = ReminderSchedule::default();
        let (mut order, mut transfer) = awaiting(10_000);
        assert_eq!(transfer.run_schedule(&mut order, &schedule, at_days(1)), Ok(None));
        let first = transfer.run_schedule(&mut order, &schedule, at_days(3)).unwrap();
        assert_eq!(first, Some(TransferNotice::Remind { reminder: PaymentReminder::Reminder { number: 1 } }));
        assert_eq!(transfer.run_schedule(&mut order, &schedule, at_days(4)), Ok(None));
        assert_eq!(transfer.notices(), [SentNotice { notice: first.unwrap(), at: at_days(3) }]);
        let events: Vec<_> = order.take_events().into_iter().map(|e| e.event.kind()).collect();
        assert_eq!(events.last(), Some(&"payment_reminder_due"));
        assert_eq!(transfer.run_schedule(&mut order, &schedule, at_days(15)), Ok(Some(TransferNotice::Cancel)));
        assert_eq!(order.state(), OrderState::Cancelled);
        let (mut paid, mut paid_transfer) = awaiting(10_000);
        let r = receipt("t9", eur(10_000), paid_transfer.reference().as_str());
        paid_transfer.record_receipt(&mut paid, r, staff(), at_days(5)).unwrap();
        assert_eq!(paid_transfer.run_schedule(&mut paid, &schedule, at_days(15)), Ok(None));
    }

    #[test]
    fn a_late_receipt_after_cancellation_is_all_owed_back() {
        let (mut order, mut transfer) = awaiting(10_000);
        transfer.run_schedule(&mut order, &ReminderSchedule::default(), at_days(14)).unwrap();
        let r = receipt("t1", eur(10_000), transfer.reference().as_str());
        let outcome = transfer.record_receipt(&mut order, r, staff(), at_days(16)).unwrap();
        assert_eq!((outcome, order.state()), (ReceiptOutcome::OverPaid { excess: eur(10_000) }, OrderState::Cancelled));
    }

    #[test]
    fn only_bank_transfer_orders_and_their_own_record() {
        let card = order(PaymentMethod::Card, 1_000);
        assert!(matches!(BankTransfer::open(&card), Err(OfflinePaymentError::WrongMethod { .. })));
        let (mut a, _) = awaiting(1_000);
        let (_, mut b_transfer) = awaiting(1_000);
        let r = receipt("t1", eur(1_000), "x");
        let err = b_transfer.record_receipt(&mut a, r.clone(), staff(), at_days(1)).unwrap_err();
        assert!(matches!(err, OfflinePaymentError::WrongOrder { .. }));
        let usd = TransferReceipt { amount: vitrina_core::money::Money::from_minor(1_000, Currency::USD), ..r };
        let (mut c, mut c_transfer) = awaiting(1_000);
        assert!(c_transfer.record_receipt(&mut c, usd, staff(), at_days(1)).is_err());
        assert_eq!(c.paid(), eur(0));
    }
}
