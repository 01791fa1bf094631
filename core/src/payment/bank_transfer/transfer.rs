//! The bank-transfer record of one order: its reference, what is due and the receipts recorded
//! against it (each once, by bank transaction id). Recording a receipt moves the order's money.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{BankTransferError, TransferReceipt};
use crate::event::Actor;
use crate::money::Money;
use crate::order::PaymentMethod;
use crate::order::{Order, PaymentReference, Rebalance};
use crate::payment::Wallet;

/// What a receipt did to the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// Whether a transfer is still awaited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BankTransferState {
    /// Waiting for (the rest of) the money: statement lines are matched against it.
    Awaiting,
    /// The receipts cover the order's total.
    Paid,
}

impl BankTransferState {
    /// The snake_case name (`awaiting`, `paid`).
    pub fn as_str(self) -> &'static str {
        match self {
            BankTransferState::Awaiting => "awaiting",
            BankTransferState::Paid => "paid",
        }
    }
}

/// The bank-transfer side of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BankTransfer {
    id: String,
    order_id: String,
    order_number: String,
    reference: PaymentReference,
    amount: Money,
    state: BankTransferState,
    placed_at: Timestamp,
    receipts: Vec<RecordedReceipt>,
}

impl BankTransfer {
    /// The record for `order`, which must be paid by bank transfer.
    pub fn open(order: &Order) -> Result<BankTransfer, BankTransferError> {
        let method = order.delivery().payment_method;
        if method != PaymentMethod::BankTransfer {
            return Err(BankTransferError::WrongMethod { order_id: order.id().to_owned(), method });
        }
        Ok(BankTransfer {
            id: Uuid::now_v7().to_string(),
            order_id: order.id().to_owned(),
            order_number: order.number().as_str().to_owned(),
            reference: order.payment_reference().clone(),
            amount: order.total(),
            state: BankTransferState::Awaiting,
            placed_at: order.placed_at(),
            receipts: Vec::new(),
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
    ) -> Result<ReceiptOutcome, BankTransferError> {
        self.check_order(order)?;
        receipt.validate()?;
        if let Some(seen) = self.receipt(&receipt.bank_transaction_id) {
            if seen.receipt != receipt {
                return Err(BankTransferError::ReceiptIdReused { id: receipt.bank_transaction_id });
            }
            return Ok(seen.outcome);
        }
        let balance = order.receive_payment(receipt.amount, PaymentMethod::BankTransfer, actor.clone(), at)?;
        let outcome = ReceiptOutcome::from_balance(balance);
        if !matches!(outcome, ReceiptOutcome::Partial { .. }) {
            self.state = BankTransferState::Paid;
        }
        self.receipts.push(RecordedReceipt { receipt, outcome, recorded_at: at, recorded_by: actor });
        Ok(outcome)
    }

    fn check_order(&self, order: &Order) -> Result<(), BankTransferError> {
        if order.id() == self.order_id {
            Ok(())
        } else {
            Err(BankTransferError::WrongOrder { expected: self.order_id.clone(), given: order.id().to_owned() })
        }
    }

    /// The receipt recorded for bank transaction `bank_transaction_id`, if any.
    pub fn receipt(&self, bank_transaction_id: &str) -> Option<&RecordedReceipt> {
        self.receipts.iter().find(|r| r.receipt.bank_transaction_id == bank_transaction_id)
    }

    /// Unique id (UUIDv7 string).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The order.
    pub fn order_id(&self) -> &str {
        &self.order_id
    }

    /// The order's number.
    pub fn order_number(&self) -> &str {
        &self.order_number
    }

    /// The reference the transfer must quote.
    pub fn reference(&self) -> &PaymentReference {
        &self.reference
    }

    /// The amount asked for (the order's total when placed).
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// Whether the transfer is still awaited.
    pub fn state(&self) -> BankTransferState {
        self.state
    }

    /// When the order was placed.
    pub fn placed_at(&self) -> Timestamp {
        self.placed_at
    }

    /// The receipts recorded, oldest first.
    pub fn receipts(&self) -> &[RecordedReceipt] {
        &self.receipts
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
) -> Result<Money, BankTransferError> {
    if let Some(entry) = wallet.account(order.total().currency()).and_then(|a| a.entry_with_key(key)) {
        return Ok(entry.amount);
    }
    let Rebalance::RefundOwed { amount } = order.balance()? else {
        return Err(BankTransferError::NothingOwed { order_id: order.id().to_owned() });
    };
    let note = format!("over-payment of order {}", order.number());
    wallet.deposit(amount, &note, key, actor, at)?;
    order.refund_payment(amount, PaymentMethod::Wallet, at)?;
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use crate::order::fixtures::{at, eur, placed};
    use crate::order::{OrderNumber, OrderState};
    use crate::payment::bank_transfer::receipt::tests::receipt;
    use crate::payment::bank_transfer::{match_reference, OpenReference, ReferenceMatch};

    fn staff() -> Actor {
        Actor::Staff { id: "accounts".into() }
    }

    fn days(n: i64) -> Timestamp {
        at(n * 24 * 3600)
    }

    fn awaiting() -> (Order, BankTransfer) {
        let order = placed(PaymentMethod::BankTransfer);
        let transfer = BankTransfer::open(&order).unwrap();
        (order, transfer)
    }

    #[test]
    fn a_partial_payment_keeps_the_order_awaiting_with_the_remainder_due() {
        let (mut order, mut transfer) = awaiting();
        let total = order.total().minor();
        let reference = transfer.reference().formatted();
        let outcome = transfer.record_receipt(&mut order, receipt("t1", eur(4_000), &reference), staff(), days(2));
        assert_eq!(outcome, Ok(ReceiptOutcome::Partial { remainder_due: eur(total - 4_000) }));
        assert_eq!(
            (order.state(), order.paid(), transfer.state()),
            (OrderState::AwaitingTransfer, eur(4_000), BankTransferState::Awaiting)
        );
        let rest = receipt("t2", eur(total - 4_000), &reference);
        let rest = transfer.record_receipt(&mut order, rest, staff(), days(4));
        assert_eq!((rest, order.state()), (Ok(ReceiptOutcome::Paid), OrderState::Paid));
        assert_eq!((transfer.receipts().len(), transfer.state()), (2, BankTransferState::Paid));
    }

    #[test]
    fn an_exact_payment_pays_the_order_and_a_repeat_moves_nothing() {
        let (mut order, mut transfer) = awaiting();
        let r = receipt("t1", order.total(), transfer.reference().as_str());
        assert_eq!(transfer.record_receipt(&mut order, r.clone(), staff(), days(1)), Ok(ReceiptOutcome::Paid));
        assert_eq!(transfer.record_receipt(&mut order, r.clone(), staff(), days(2)), Ok(ReceiptOutcome::Paid));
        assert_eq!((order.paid(), transfer.receipts().len()), (order.total(), 1));
        let changed = TransferReceipt { amount: eur(9_000), ..r };
        let err = transfer.record_receipt(&mut order, changed, staff(), days(2)).unwrap_err();
        assert_eq!(err, BankTransferError::ReceiptIdReused { id: "t1".into() });
    }

    #[test]
    fn an_over_payment_leaves_a_refund_owed_that_can_become_store_credit() {
        let (mut order, mut transfer) = awaiting();
        let r = receipt("t1", eur(order.total().minor() + 250), transfer.reference().as_str());
        let outcome = transfer.record_receipt(&mut order, r, staff(), days(1)).unwrap();
        assert_eq!(outcome, ReceiptOutcome::OverPaid { excess: eur(250) });
        assert_eq!(
            (order.state(), order.balance().unwrap()),
            (OrderState::Paid, Rebalance::RefundOwed { amount: eur(250) })
        );
        let mut wallet = Wallet::new("c1");
        for _ in 0..2 {
            assert_eq!(credit_overpayment(&mut order, &mut wallet, "over:t1", staff(), days(2)), Ok(eur(250)));
        }
        assert_eq!((wallet.balance(Currency::EUR), order.balance().unwrap()), (eur(250), Rebalance::Settled));
        let again = credit_overpayment(&mut order, &mut wallet, "over:t1:again", staff(), days(3));
        assert!(matches!(again, Err(BankTransferError::NothingOwed { .. })));
    }

    #[test]
    fn a_typod_reference_is_matched_and_the_receipt_recorded() {
        let (mut order, mut transfer) = awaiting();
        let other = PaymentReference::for_order(&OrderNumber::new("VT", 2026, 4_005).unwrap());
        let open = [
            OpenReference { order_id: "other".into(), reference: other },
            OpenReference { order_id: order.id().into(), reference: transfer.reference().clone() },
        ];
        let good = transfer.reference().as_str().to_lowercase();
        let typo = format!("{} {}", &good[..6], &good[7..]);
        let ReferenceMatch::Corrected { order_id, .. } = match_reference(&typo, &open) else { panic!("{typo}") };
        assert_eq!(order_id, order.id());
        let paid = receipt("t1", order.total(), &typo);
        let outcome = transfer.record_receipt(&mut order, paid, staff(), days(1));
        assert_eq!(outcome, Ok(ReceiptOutcome::Paid));
        assert_eq!(transfer.receipts()[0].receipt.reference_as_written, typo);
    }

    #[test]
    fn a_late_receipt_after_cancellation_is_all_owed_back() {
        let (mut order, mut transfer) = awaiting();
        order.transition(OrderState::Cancelled, Actor::System, days(14), None).unwrap();
        let r = receipt("t1", order.total(), transfer.reference().as_str());
        let outcome = transfer.record_receipt(&mut order, r, staff(), days(16)).unwrap();
        let excess = order.total();
        assert_eq!((outcome, order.state()), (ReceiptOutcome::OverPaid { excess }, OrderState::Cancelled));
    }

    #[test]
    fn only_bank_transfer_orders_and_their_own_record() {
        let card = placed(PaymentMethod::Card);
        assert!(matches!(BankTransfer::open(&card), Err(BankTransferError::WrongMethod { .. })));
        let (mut a, _) = awaiting();
        let (_, mut b_transfer) = awaiting();
        let r = receipt("t1", eur(1_000), "x");
        let err = b_transfer.record_receipt(&mut a, r.clone(), staff(), days(1)).unwrap_err();
        assert!(matches!(err, BankTransferError::WrongOrder { .. }));
        let usd = TransferReceipt { amount: Money::from_minor(1_000, Currency::USD), ..r };
        let (mut c, mut c_transfer) = awaiting();
        assert!(c_transfer.record_receipt(&mut c, usd, staff(), days(1)).is_err());
        assert_eq!(c.paid(), eur(0));
    }
}
