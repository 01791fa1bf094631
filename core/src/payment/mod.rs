//! Payments: the `PaymentGateway` plug-in trait, the payment and refund state machines, the
//! idempotency ledger, webhook signatures, a processor tying them together and a magic-card test gateway;
//! store credit (wallets) and gift cards on stored-value ledgers, and split tender across them and a card.
//!
//! # Payment state machine
//!
//! One transition function, [`Payment::apply`], fed [`PaymentStep`]s (from gateway results via
//! [`Payment::apply_result`]); every accepted step is recorded in [`Payment::history`] (time,
//! actor, from, to, step) and as an event; a refused step is a [`PaymentError`] and changes nothing.
//!
//! | from                 | to                                                                  |
//! |----------------------|---------------------------------------------------------------------|
//! | `pending`            | `requires_action`, `authorized`, `captured` (purchase), `failed`, `expired` |
//! | `requires_action`    | `authorized`, `captured`, `failed`, `expired`                       |
//! | `authorized`         | `partially_captured`, `captured`, `voided`, `expired`               |
//! | `partially_captured` | `partially_captured`, `captured`, `partially_refunded`, `refunded`  |
//! | `captured`           | `partially_refunded`, `refunded`                                    |
//! | `partially_refunded` | `partially_refunded`, `refunded`                                    |
//! | `refunded`, `voided`, `failed`, `expired` | nothing: final                                 |
//!
//! A capture leads to `captured` when everything authorized is taken, else `partially_captured`; a
//! refund to `refunded` when everything captured is given back, else `partially_refunded`. Amounts
//! are bounded: authorized <= the payment's amount, captured <= authorized, refunded <= captured.
//! Refunds have their own machine (`pending -> succeeded | failed`); a pending refund reserves its
//! amount so refunds in flight never exceed what was captured.
//!
//! # Idempotency
//!
//! [`IdempotentGateway`] claims each money-moving call's key in an [`IdempotencyStore`] before calling
//! the gateway: a repeat returns the first result, the same key with other parameters is
//! [`IdempotencyError::KeyReused`], and a duplicate racing the first gets
//! [`IdempotencyError::InProgress`], so nothing is charged twice.
//!
//! # Store credit, gift cards and split tender
//!
//! A [`Wallet`] holds one [`StoredValueLedger`] per currency; a [`GiftCard`] holds one. Every
//! movement (deposit, debit for an order, refund of such a debit) takes a key: a repeat returns the
//! first [`LedgerEntry`] (`replayed`), the same key for another movement is
//! [`StoredValueError::KeyReused`]. A balance never goes below zero and a refund never exceeds what
//! the order took. A [`SplitTenderPlan`] pays an order from gift cards first, then the wallet, then
//! the card; [`allocate_refund`] sends refunds back to those tenders in proportion.
//!
//! # Bank transfers
//!
//! A [`BankTransfer`] per bank-transfer order waits for receipts quoting the order's RF reference;
//! [`match_reference`] finds the order a statement line is for, even with one typo. Cash on delivery
//! is an adapter (`vitrina-payments-offline`); the magic-card [`TestGateway`] stays here, next to
//! the processor tests and examples that drive it.

mod aggregate;
mod bank_transfer;
mod capabilities;
mod error;
mod error_code;
mod event;
mod gateway;
mod gift_card;
mod gift_card_code;
mod hex;
mod history;
mod idempotency;
mod idempotent_gateway;
mod memory_store;
mod processor;
mod reconcile;
mod refund;
mod request;
mod result;
mod signature;
mod state;
mod step;
mod stored_value;
mod tender;
mod test_gateway;
mod wallet;
mod webhook;

pub use aggregate::Payment;
pub use bank_transfer::{
    credit_overpayment, match_reference, BankTransfer, BankTransferError, BankTransferState, OpenReference,
    ReceiptOutcome, RecordedReceipt, ReferenceMatch, StatementLine, TransferReceipt,
};
pub use capabilities::GatewayCapabilities;
pub use error::{GatewayError, IdempotencyError, PaymentError, StoredValueError, WebhookError};
pub use error_code::GatewayErrorCode;
pub use event::{GiftCardEvent, PaymentEvent, WalletEvent};
pub use gateway::PaymentGateway;
pub use gift_card::GiftCard;
pub use gift_card_code::GiftCardCode;
pub use history::PaymentTransition;
pub use idempotency::{request_fingerprint, Claim, IdempotencyStore};
pub use idempotent_gateway::IdempotentGateway;
pub use memory_store::InMemoryIdempotencyStore;
pub use processor::PaymentProcessor;
pub use refund::{Refund, RefundOutcome, RefundState, RefundTransition};
pub use request::{FollowUpRequest, GatewayOperation, PaymentRequest};
pub use result::{GatewayResult, GatewayStatus, RequiredAction};
pub use signature::{sign_webhook, WebhookVerifier, SIGNATURE_SCHEME};
pub use state::PaymentState;
pub use step::PaymentStep;
pub use stored_value::{LedgerEntry, LedgerEntryKind, Posting, StoredValueLedger};
pub use tender::{allocate_refund, SplitTenderPlan, Tender, TenderError, TenderPart};
pub use test_gateway::{
    TestGateway, TEST_CARD_DECLINED, TEST_CARD_EXPIRED, TEST_CARD_INSUFFICIENT_FUNDS, TEST_CARD_PROCESSING_ERROR,
    TEST_CARD_SUCCESS, TEST_CARD_THREE_D_SECURE, TEST_CARD_TIMEOUT, TEST_SIGNATURE_HEADER,
};
pub use wallet::Wallet;
pub use webhook::{DisputeNotice, ReceivedWebhook, WebhookEvent, WebhookOutcome, WebhookRequest};
