//! The Shop's payment use cases over each store: cards through the test gateway, bank statements
//! matched by reference, cash on delivery settled, store credit and gift cards with ledger rows.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_trait::async_trait;

use jiff::SignedDuration;
use serde_json::json;
use vitrina_core::event::Actor;
use vitrina_core::money::{Currency, Money};
use vitrina_core::order::PaymentMethod;
use vitrina_core::order::{Order, OrderState};
use vitrina_core::payment::{
    BankTransferError, BankTransferState, GatewayError, IdempotencyError, PaymentError, PaymentState, ReceiptOutcome,
    ReferenceMatch, StoredValueError, TestGateway, TransferReceipt, TEST_CARD_DECLINED, TEST_CARD_SUCCESS,
    TEST_CARD_THREE_D_SECURE, TEST_CARD_TIMEOUT,
};
use vitrina_core::payment::{
    FollowUpRequest, GatewayCapabilities, GatewayResult, PaymentGateway, PaymentRequest, WebhookEvent, WebhookRequest,
};
use vitrina_core::shop::{Plugins, Shop, ShopError};
use vitrina_core::store::{LedgerAccount, Store};

use crate::fixtures::{customer, now, VARIANT};
use crate::shop::{buy, delivery_by, open_shop};

use vitrina_core::test_util::eur;

fn plugins() -> Plugins {
    Plugins::new().gateway(PaymentMethod::Card, Arc::new(TestGateway::new("whsec")))
}

fn staff() -> Actor {
    Actor::Staff { id: "mila".into() }
}

fn key_reused(error: &ShopError) -> bool {
    matches!(
        error,
        ShopError::KeyReused { .. }
            | ShopError::Payment(PaymentError::Gateway(GatewayError::Idempotency(IdempotencyError::KeyReused { .. })))
            | ShopError::Payment(PaymentError::RefundKeyReused { .. })
            | ShopError::StoredValue(StoredValueError::KeyReused { .. })
    )
}

/// The texts of the payment-received e-mails queued so far.
pub(crate) async fn payment_received_emails(store: &Arc<dyn Store>) -> Vec<String> {
    let outbox = store.outbox_entries_since(now() - SignedDuration::from_hours(1), 100).await.unwrap();
    let received = outbox.iter().filter(|e| e.message.message_id().starts_with("<payment_received."));
    received.map(|e| e.message.text().to_owned()).collect()
}

/// A registered customer buys `quantity` mugs paying by `method`.
pub(crate) async fn buy_as(
    store: &Arc<dyn Store>,
    shop: &Shop,
    email: &str,
    quantity: u32,
    method: PaymentMethod,
) -> Order {
    let account = customer(email);
    store.save_customer(&account, 0).await.unwrap();
    let cart = shop.carts().create(Currency::EUR, Some(account.id())).await.unwrap();
    shop.carts().add_line(&cart.id, VARIANT, quantity).await.unwrap();
    let session = shop.checkout().start(&cart.id, email, None).await.unwrap();
    shop.checkout().set_delivery(session.id(), delivery_by(method)).await.unwrap();
    let confirmed = shop.checkout().quote(session.id()).await.unwrap();
    shop.checkout().place_order(session.id(), &confirmed).await.unwrap()
}

/// A declined card leaves the order waiting; another card (another key) pays it in one commit. A
/// repeat with the same key changes nothing; the key on another order is refused.
pub async fn shop_pays_by_card_after_a_decline(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), plugins()).await;
    let order = buy(&shop, "ana@example.bg", 1, PaymentMethod::Card).await.unwrap();
    let payments = shop.payments();

    let declined = payments.pay(order.id(), TEST_CARD_DECLINED, "ana:card:1").await.unwrap();
    assert_eq!(declined.state(), PaymentState::Failed);
    assert_eq!(shop.orders().get(order.id()).await.unwrap().state(), OrderState::PendingPayment);
    let again = payments.pay(order.id(), TEST_CARD_DECLINED, "ana:card:1").await.unwrap();
    assert_eq!((again.id(), again.state()), (declined.id(), PaymentState::Failed), "the first answer");

    let paid = payments.pay(order.id(), TEST_CARD_SUCCESS, "ana:card:2").await.unwrap();
    assert_eq!((paid.state(), paid.captured()), (PaymentState::Captured, order.total()));
    assert_ne!(paid.id(), declined.id(), "a new payment after the failed one");
    let stored = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((stored.state(), stored.paid()), (OrderState::Paid, order.total()));
    let received = payment_received_emails(&store).await;
    assert_eq!(received.len(), 1, "the shopper hears the card was charged");
    let (mail, number) = (&received[0], order.number().to_string());
    assert!(mail.contains("€17.80") && mail.contains(&number) && !mail.contains("reference"), "{received:?}");

    let version = store.document_version("orders", order.id()).await.unwrap();
    let repeat = payments.pay(order.id(), TEST_CARD_SUCCESS, "ana:card:2").await.unwrap();
    assert_eq!(repeat, paid, "a repeat returns the first result");
    assert_eq!(store.document_version("orders", order.id()).await.unwrap(), version, "and writes nothing");
    assert_eq!(payments.of_order(order.id()).await.unwrap().len(), 2);

    let other = buy(&shop, "boris@example.bg", 2, PaymentMethod::Card).await.unwrap();
    let reused = payments.pay(other.id(), TEST_CARD_SUCCESS, "ana:card:2").await.unwrap_err();
    assert!(key_reused(&reused), "{reused:?}");
    let other_token = payments.pay(order.id(), TEST_CARD_DECLINED, "ana:card:2").await.unwrap_err();
    assert!(key_reused(&other_token), "{other_token:?}");
    assert_eq!(shop.orders().get(other.id()).await.unwrap().paid(), eur(0));
    let blank = payments.pay(other.id(), TEST_CARD_SUCCESS, " ").await.unwrap_err();
    assert!(matches!(&blank, ShopError::Invalid { field, .. } if field == "key"), "{blank:?}");
}

/// An authorization captured in two parts pays the order once the second part is in; a refund gives
/// money back on the order; repeats change nothing and a key reused for another amount is refused.
pub async fn shop_captures_in_parts_and_refunds(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), plugins()).await;
    let order = buy(&shop, "ana@example.bg", 2, PaymentMethod::Card).await.unwrap();
    let total = order.total();
    let payments = shop.payments();

    let authorized = payments.authorize(order.id(), TEST_CARD_SUCCESS, "auth:1").await.unwrap();
    assert_eq!((authorized.state(), authorized.authorized()), (PaymentState::Authorized, total));
    let first = payments.capture(authorized.id(), eur(1_000), "capture:1").await.unwrap();
    assert_eq!(first.state(), PaymentState::PartiallyCaptured);
    let waiting = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((waiting.state(), waiting.paid()), (OrderState::PendingPayment, eur(1_000)));
    let repeat = payments.capture(authorized.id(), eur(1_000), "capture:1").await.unwrap();
    assert_eq!(repeat, first);
    assert_eq!(shop.orders().get(order.id()).await.unwrap().paid(), eur(1_000), "captured once");
    let reused = payments.capture(authorized.id(), eur(500), "capture:1").await.unwrap_err();
    assert!(key_reused(&reused), "{reused:?}");

    let rest = eur(total.minor() - 1_000);
    let all = payments.capture(authorized.id(), rest, "capture:2").await.unwrap();
    assert_eq!((all.state(), all.captured()), (PaymentState::Captured, total));
    let paid = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((paid.state(), paid.paid()), (OrderState::Paid, total));
    let too_much = payments.capture(authorized.id(), eur(1), "capture:3").await.unwrap_err();
    assert!(matches!(too_much, ShopError::Payment(PaymentError::IllegalTransition { .. })), "{too_much:?}");

    let refunded = payments.refund(all.id(), eur(500), Some("chipped mug"), "refund:1", staff()).await.unwrap();
    assert_eq!((refunded.state(), refunded.refunded()), (PaymentState::PartiallyRefunded, eur(500)));
    let again = payments.refund(all.id(), eur(500), Some("chipped mug"), "refund:1", staff()).await.unwrap();
    assert_eq!(again, refunded);
    let reused = payments.refund(all.id(), eur(700), None, "refund:1", staff()).await.unwrap_err();
    assert!(key_reused(&reused), "{reused:?}");
    assert_eq!(shop.orders().get(order.id()).await.unwrap().paid(), eur(total.minor() - 500));

    let other = buy(&shop, "boris@example.bg", 1, PaymentMethod::Card).await.unwrap();
    let held = payments.authorize(other.id(), TEST_CARD_SUCCESS, "auth:2").await.unwrap();
    let voided = payments.void(held.id(), "void:1").await.unwrap();
    assert_eq!(voided.state(), PaymentState::Voided);
    assert_eq!(payments.sync(voided.id()).await.unwrap(), voided, "nothing to learn");
}

/// A bank statement: an exact reference, a typo corrected, a line for no order, and the same line
/// twice. Matched lines pay their orders (payment captured, paid e-mail queued) in one commit each;
/// the unmatched one waits for the back office; a statement read again moves nothing.
pub async fn shop_matches_bank_statement_lines(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let exact = buy(&shop, "ana@example.bg", 1, PaymentMethod::BankTransfer).await.unwrap();
    let typo = buy(&shop, "boris@example.bg", 2, PaymentMethod::BankTransfer).await.unwrap();
    let unpaid = buy(&shop, "chen@example.bg", 1, PaymentMethod::BankTransfer).await.unwrap();
    let payments = shop.payments();
    let transfer = payments.bank_transfer(exact.id()).await.unwrap();
    assert_eq!((transfer.reference(), transfer.state()), (exact.payment_reference(), BankTransferState::Awaiting));

    let mut swapped: Vec<char> = typo.payment_reference().as_str().chars().collect();
    swapped.swap(6, 7);
    let swapped: String = swapped.into_iter().collect();
    let line = |id: &str, amount: Money, reference: &str| TransferReceipt {
        bank_transaction_id: id.into(),
        received_on: jiff::civil::date(2026, 4, 15),
        bank: "Demo Bank".into(),
        amount,
        payer_name: "A. PAYER".into(),
        reference_as_written: reference.into(),
    };
    let statement = [
        line("tx-1", exact.total(), &exact.payment_reference().formatted().to_lowercase()),
        line("tx-2", typo.total(), &swapped),
        line("tx-3", eur(5_000), "invoice 42"),
        line("tx-1", exact.total(), &exact.payment_reference().formatted().to_lowercase()),
    ];
    let recorded = payments.record_statement(&statement).await.unwrap();
    let summary: Vec<(&ReferenceMatch, Option<ReceiptOutcome>, bool)> =
        recorded.iter().map(|r| (r.line.matched(), r.line.outcome(), r.already_recorded)).collect();
    assert_eq!(summary[0], (&ReferenceMatch::Exact { order_id: exact.id().into() }, Some(ReceiptOutcome::Paid), false));
    assert!(matches!(summary[1].0, ReferenceMatch::Corrected { order_id, .. } if order_id == typo.id()), "{swapped}");
    assert_eq!((summary[1].1, summary[1].2), (Some(ReceiptOutcome::Paid), false));
    assert_eq!(summary[2], (&ReferenceMatch::Unmatched, None, false));
    assert_eq!((recorded[3].line.id(), recorded[3].already_recorded), (recorded[0].line.id(), true));

    for order in [&exact, &typo] {
        let stored = shop.orders().get(order.id()).await.unwrap();
        assert_eq!((stored.state(), stored.paid()), (OrderState::Paid, order.total()));
        let paid = payments.of_order(order.id()).await.unwrap();
        assert_eq!((paid.len(), paid[0].state(), paid[0].captured()), (1, PaymentState::Captured, order.total()));
        assert_eq!(payments.bank_transfer(order.id()).await.unwrap().state(), BankTransferState::Paid);
    }
    assert_eq!(shop.orders().get(unpaid.id()).await.unwrap().state(), OrderState::AwaitingTransfer);
    let unmatched = payments.unmatched_statement_lines().await.unwrap();
    assert_eq!(unmatched.iter().map(|l| l.bank_transaction_id()).collect::<Vec<_>>(), ["tx-3"]);
    let outbox = store.outbox_entries_since(now() - SignedDuration::from_hours(1), 100).await.unwrap();
    let received = |o: &&vitrina_core::notify::OutboxEntry| o.message.message_id().starts_with("<payment_received");
    assert_eq!(outbox.iter().filter(received).count(), 2, "one paid e-mail per matched order");

    let again = payments.record_statement(&statement).await.unwrap();
    assert!(again.iter().all(|r| r.already_recorded));
    let outbox_again = store.outbox_entries_since(now() - SignedDuration::from_hours(1), 100).await.unwrap();
    assert_eq!(outbox_again.len(), outbox.len(), "nothing queued twice");
    let changed = [line("tx-1", eur(1), "RF00")];
    let refused = payments.record_statement(&changed).await.unwrap_err();
    assert!(matches!(refused, ShopError::BankTransfer(BankTransferError::ReceiptIdReused { .. })), "{refused:?}");
    let blank = [line("tx-9", eur(0), "x")];
    let invalid = payments.record_statement(&blank).await.unwrap_err();
    assert!(matches!(&invalid, ShopError::Invalid { field, .. } if field == "lines[0].amount"), "{invalid:?}");
}

/// Cash on delivery: the courier's cash, exactly what is due, captures the payment and settles the
/// order (shipped -> delivered, paid in full) in one commit; another amount records nothing.
pub async fn shop_settles_cash_on_delivery(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let order = buy(&shop, "chen@example.bg", 1, PaymentMethod::CashOnDelivery).await.unwrap();
    let payments = shop.payments();
    let due = order.total();
    let early = payments.record_cash_collected(order.id(), due, "own-fleet/driver-7", "cash:1").await.unwrap_err();
    assert!(matches!(&early, ShopError::Invalid { field, .. } if field == "order_id"), "{early:?}");

    let mut shipped = store.get_order(order.id()).await.unwrap().unwrap();
    shipped.value.transition(OrderState::Shipped, staff(), now(), None).unwrap();
    store.save_order(&shipped.value, shipped.version).await.unwrap();
    let short = eur(due.minor() - 100);
    let wrong = payments.record_cash_collected(order.id(), short, "own-fleet/driver-7", "cash:1").await.unwrap_err();
    assert_eq!(wrong, ShopError::AmountMismatch { field: "amount", expected: due, given: short });
    assert_eq!(shop.orders().get(order.id()).await.unwrap().paid(), eur(0), "nothing recorded");

    let paid = payments.record_cash_collected(order.id(), due, "own-fleet/driver-7", "cash:1").await.unwrap();
    assert_eq!(
        (paid.state(), paid.captured(), paid.method()),
        (PaymentState::Captured, due, PaymentMethod::CashOnDelivery)
    );
    let settled = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((settled.state(), settled.paid()), (OrderState::Delivered, due));
    assert!(shop.orders().work_list().await.unwrap().cash_not_settled.is_empty());

    let repeat = payments.record_cash_collected(order.id(), due, "own-fleet/driver-7", "cash:1").await.unwrap();
    assert_eq!(repeat, paid);
    let reused = payments.record_cash_collected(order.id(), short, "own-fleet/driver-7", "cash:1").await.unwrap_err();
    assert!(key_reused(&reused), "{reused:?}");
    let card = buy(&shop, "ana@example.bg", 1, PaymentMethod::Card).await.unwrap();
    let not_cod = payments.record_cash_collected(card.id(), due, "own-fleet/driver-7", "cash:2").await.unwrap_err();
    assert!(matches!(&not_cod, ShopError::Invalid { field, .. } if field == "order_id"), "{not_cod:?}");
}

/// Sums the ledger rows of one account.
async fn ledger_sum(store: &Arc<dyn Store>, account: LedgerAccount, account_id: &str) -> Money {
    let rows = store.ledger_rows(account, account_id).await.unwrap();
    eur(rows.iter().map(|r| r.amount.minor()).sum())
}

/// Store credit pays a card order in full (its card payment expires); a refund goes back to store
/// credit; every movement is a ledger row and the rows sum to the wallet's balance. Repeats move
/// nothing.
pub async fn shop_pays_with_store_credit(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), plugins()).await;
    let order = buy_as(&store, &shop, "dora@example.bg", 1, PaymentMethod::Card).await;
    let customer_id = order.customer_id().unwrap().to_owned();
    let wallets = shop.wallets();

    let credit = wallets.deposit(&customer_id, eur(2_000), "late parcel in March", "credit:1", staff()).await.unwrap();
    let again = wallets.deposit(&customer_id, eur(2_000), "late parcel in March", "credit:1", staff()).await.unwrap();
    assert_eq!(again, credit);
    let reused = wallets.deposit(&customer_id, eur(3_000), "late parcel in March", "credit:1", staff()).await;
    assert!(key_reused(&reused.unwrap_err()));
    assert_eq!(wallets.balance(&customer_id, Currency::EUR).await.unwrap(), eur(2_000));

    let paid = wallets.pay_with_wallet(order.id(), "dora:wallet").await.unwrap();
    assert_eq!(
        (paid.method(), paid.state(), paid.captured()),
        (PaymentMethod::Wallet, PaymentState::Captured, order.total())
    );
    let stored = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((stored.state(), stored.paid()), (OrderState::Paid, order.total()));
    assert_eq!(wallets.pay_with_wallet(order.id(), "dora:wallet").await.unwrap(), paid, "a repeat");
    let states: Vec<_> = shop.payments().of_order(order.id()).await.unwrap().iter().map(|p| p.state()).collect();
    assert_eq!(states, [PaymentState::Expired, PaymentState::Captured], "the card has nothing left to take");
    let left = eur(2_000 - order.total().minor());
    assert_eq!(wallets.balance(&customer_id, Currency::EUR).await.unwrap(), left);

    let back = wallets.refund_to_wallet(order.id(), eur(500), "dora:refund", staff()).await.unwrap();
    assert_eq!(wallets.refund_to_wallet(order.id(), eur(500), "dora:refund", staff()).await.unwrap(), back);
    let balance = wallets.balance(&customer_id, Currency::EUR).await.unwrap();
    assert_eq!(balance, eur(left.minor() + 500));
    assert_eq!(shop.orders().get(order.id()).await.unwrap().paid(), eur(order.total().minor() - 500));
    let wallet = wallets.wallet(&customer_id).await.unwrap().unwrap();
    let rows = store.ledger_rows(LedgerAccount::Wallet, wallet.id()).await.unwrap();
    assert_eq!(rows.len(), 3, "deposit, debit, refund");
    let returned = shop.payments().refund(paid.id(), eur(200), None, "dora:return", staff()).await.unwrap();
    assert_eq!(returned.refunded(), eur(200));
    let balance = wallets.balance(&customer_id, Currency::EUR).await.unwrap();
    assert_eq!(balance, eur(left.minor() + 700), "the payment's refund goes back to the wallet");
    assert_eq!(shop.orders().get(order.id()).await.unwrap().paid(), eur(order.total().minor() - 700));
    assert_eq!(ledger_sum(&store, LedgerAccount::Wallet, wallet.id()).await, balance, "rows sum to the balance");

    let guest = buy(&shop, "guest@example.bg", 1, PaymentMethod::Wallet).await.unwrap();
    let no_wallet = wallets.pay_with_wallet(guest.id(), "guest:wallet").await.unwrap_err();
    assert!(matches!(&no_wallet, ShopError::Invalid { field, .. } if field == "order_id"), "{no_wallet:?}");
}

/// A gift card pays part of an order and the card the rest; the card's ledger rows sum to its
/// balance; a repeat takes nothing twice and the key with another card is refused.
pub async fn shop_pays_with_gift_card_and_card(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), plugins()).await;
    let order = buy(&shop, "elena@example.bg", 2, PaymentMethod::GiftCard).await.unwrap();
    let wallets = shop.wallets();
    let card = wallets.issue_gift_card(eur(1_000), None, "gift:elena", staff()).await.unwrap();
    assert_eq!(wallets.issue_gift_card(eur(1_000), None, "gift:elena", staff()).await.unwrap(), card, "one card");
    let reissued = wallets.issue_gift_card(eur(2_000), None, "gift:elena", staff()).await.unwrap_err();
    assert!(key_reused(&reissued), "{reissued:?}");
    let code = card.code().formatted().to_lowercase();
    assert_eq!(wallets.gift_card(&code).await.unwrap().id(), card.id());

    let part = wallets.pay_with_gift_card(order.id(), &code, "elena:gift").await.unwrap();
    assert_eq!((part.method(), part.captured()), (PaymentMethod::GiftCard, eur(1_000)));
    let waiting = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((waiting.state(), waiting.paid()), (OrderState::PendingPayment, eur(1_000)), "the rest stays due");
    assert_eq!(wallets.pay_with_gift_card(order.id(), &code, "elena:gift").await.unwrap(), part);
    let other = wallets.issue_gift_card(eur(500), None, "gift:other", staff()).await.unwrap();
    let reused = wallets.pay_with_gift_card(order.id(), other.code().as_str(), "elena:gift").await.unwrap_err();
    assert!(key_reused(&reused), "{reused:?}");
    let empty = wallets.pay_with_gift_card(order.id(), &code, "elena:gift:2").await.unwrap_err();
    assert!(matches!(empty, ShopError::StoredValue(StoredValueError::InsufficientBalance { .. })), "{empty:?}");

    let rest = shop.payments().pay(order.id(), TEST_CARD_SUCCESS, "elena:card").await.unwrap();
    assert_eq!(rest.captured(), eur(order.total().minor() - 1_000));
    let paid = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((paid.state(), paid.paid()), (OrderState::Paid, order.total()));

    let spent = wallets.gift_card(card.code().as_str()).await.unwrap();
    assert_eq!(spent.balance(), eur(0));
    let rows = store.ledger_rows(LedgerAccount::GiftCard, card.id()).await.unwrap();
    assert_eq!(rows.len(), 2, "issued, redeemed");
    assert_eq!(ledger_sum(&store, LedgerAccount::GiftCard, card.id()).await, spent.balance());
    assert_eq!(ledger_sum(&store, LedgerAccount::GiftCard, other.id()).await, eur(500));
    let bad = wallets.gift_card("not-a-code").await.unwrap_err();
    assert!(matches!(bad, ShopError::StoredValue(StoredValueError::InvalidCode { .. })), "{bad:?}");
    assert_eq!(payment_received_emails(&store).await.len(), 1, "one e-mail once the order is paid in full");

    let back = shop.payments().refund(part.id(), eur(300), Some("a chipped mug"), "elena:back", staff()).await.unwrap();
    assert_eq!((back.refunded(), back.refunds().len()), (eur(300), 1));
    let again =
        shop.payments().refund(part.id(), eur(300), Some("a chipped mug"), "elena:back", staff()).await.unwrap();
    assert_eq!(again.refunded(), eur(300), "a repeat gives nothing back twice");
    let topped = wallets.gift_card(card.code().as_str()).await.unwrap();
    assert_eq!(topped.balance(), eur(300), "back on the card it came from");
    assert_eq!(ledger_sum(&store, LedgerAccount::GiftCard, card.id()).await, eur(300), "issued, redeemed, refunded");
    assert_eq!(shop.orders().get(order.id()).await.unwrap().paid(), eur(order.total().minor() - 300));
    let too_much = shop.payments().refund(part.id(), eur(800), None, "elena:back:2", staff()).await.unwrap_err();
    assert!(matches!(too_much, ShopError::Payment(_)), "more than the card paid: {too_much:?}");
}

/// A card call whose answer is lost, or that waits on 3-D Secure, holds the order's payment: a
/// second card with another key is refused until the first is settled (by a sync, or by completing
/// the authentication), so two calls racing with different keys cannot both charge.
pub async fn shop_card_calls_wait_for_each_other(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), plugins()).await;
    let payments = shop.payments();
    let order = buy(&shop, "ana@example.bg", 1, PaymentMethod::Card).await.unwrap();
    let lost = payments.pay(order.id(), TEST_CARD_TIMEOUT, "ana:card:1").await.unwrap_err();
    assert!(matches!(lost, ShopError::Payment(PaymentError::Gateway(GatewayError::Unavailable { .. }))), "{lost:?}");
    let waiting = payments.of_order(order.id()).await.unwrap().remove(0);
    assert_eq!((waiting.state(), waiting.claimed_by()), (PaymentState::Pending, Some("ana:card:1")));
    let rival = payments.pay(order.id(), TEST_CARD_SUCCESS, "ana:card:2").await.unwrap_err();
    assert!(matches!(&rival, ShopError::PaymentInProgress { payment_id } if payment_id == waiting.id()), "{rival:?}");
    clock.set(now() + SignedDuration::from_mins(1));
    let synced = payments.sync(waiting.id()).await.unwrap();
    assert_eq!((synced.state(), synced.captured(), synced.claimed_by()), (PaymentState::Captured, order.total(), None));
    let paid = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((paid.state(), paid.paid()), (OrderState::Paid, order.total()), "charged once");

    let order = buy(&shop, "boris@example.bg", 1, PaymentMethod::Card).await.unwrap();
    let asked = payments.pay(order.id(), TEST_CARD_THREE_D_SECURE, "boris:card:1").await.unwrap();
    assert_eq!((asked.state(), asked.claimed_by()), (PaymentState::RequiresAction, Some("boris:card:1")));
    let rival = payments.pay(order.id(), TEST_CARD_SUCCESS, "boris:card:2").await.unwrap_err();
    assert!(matches!(rival, ShopError::PaymentInProgress { .. }), "{rival:?}");
    let done = payments.complete_action(asked.id(), json!({"authenticated": true}), "boris:3ds").await.unwrap();
    assert_eq!((done.state(), done.claimed_by()), (PaymentState::Captured, None));
    assert_eq!(payments.complete_action(asked.id(), json!({"authenticated": true}), "boris:3ds").await.unwrap(), done);
    assert_eq!(shop.orders().get(order.id()).await.unwrap().state(), OrderState::Paid);
    assert_eq!(payments.of_order(order.id()).await.unwrap().len(), 1, "the rival opened no payment");
}

/// The test gateway behind a faulty network, counting the purchases and captures sent.
struct Flaky {
    inner: TestGateway,
    fault: Fault,
    shop: std::sync::OnceLock<Shop>,
    purchases: AtomicUsize,
    captures: AtomicUsize,
}

/// What goes wrong on the way to the provider.
enum Fault {
    /// The first purchase never reaches it (as a crash between claiming and calling would).
    DropFirstPurchase,
    /// The first capture is done, but its answer is lost.
    LoseFirstCaptureAnswer,
    /// The first purchase is done and its webhook reaches the shop (set in `shop`) before the
    /// call's answer does.
    WebhookOvertakesFirstPurchase,
}

impl Flaky {
    fn new(fault: Fault) -> Arc<Flaky> {
        let inner = TestGateway::new("whsec");
        let shop = std::sync::OnceLock::new();
        Arc::new(Flaky { inner, fault, shop, purchases: AtomicUsize::new(0), captures: AtomicUsize::new(0) })
    }
}

#[async_trait]
impl PaymentGateway for Flaky {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn capabilities(&self) -> GatewayCapabilities {
        self.inner.capabilities()
    }
    async fn authorize(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.inner.authorize(request).await
    }
    async fn capture(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        let first = self.captures.fetch_add(1, Ordering::SeqCst) == 0;
        let result = self.inner.capture(request).await;
        if first && matches!(self.fault, Fault::LoseFirstCaptureAnswer) {
            return Err(GatewayError::Unavailable { reason: "connection reset after sending".into() });
        }
        result
    }
    async fn purchase(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        let first = self.purchases.fetch_add(1, Ordering::SeqCst) == 0;
        if first && matches!(self.fault, Fault::DropFirstPurchase) {
            return Err(GatewayError::Unavailable { reason: "connection reset before sending".into() });
        }
        let result = self.inner.purchase(request).await?;
        if let (true, Fault::WebhookOvertakesFirstPurchase, Some(shop)) = (first, &self.fault, self.shop.get()) {
            let event = WebhookEvent {
                event_id: "evt_overtaking".into(),
                payment_reference: result.gateway_reference.clone(),
                refund_reference: None,
                result: result.clone(),
                dispute: None,
            };
            let webhook = self.inner.signed_webhook(&event, now());
            let applied = shop.payments().receive_webhook(self.name(), &webhook).await.expect("webhook");
            assert_eq!(applied.outcome, vitrina_core::payment::WebhookOutcome::UnknownPayment, "not stored yet");
        }
        Ok(result)
    }
    async fn void(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.inner.void(request).await
    }
    async fn refund(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.inner.refund(request).await
    }
    async fn verify(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.inner.verify(request).await
    }
    async fn sync(&self, gateway_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.inner.sync(gateway_reference).await
    }
    async fn refund_sync(&self, refund_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.inner.refund_sync(refund_reference).await
    }
    async fn complete_action(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.inner.complete_action(request).await
    }
    async fn parse_webhook(&self, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError> {
        self.inner.parse_webhook(webhook).await
    }
}

/// A claimed call that never reached the provider: a sync within the grace period changes
/// nothing (the call may still arrive); after it, the provider's "unknown" expires the payment and
/// another card pays the order, sent to the gateway once.
pub async fn shop_sync_expires_a_call_that_never_arrived(store: Arc<dyn Store>) {
    let gateway = Flaky::new(Fault::DropFirstPurchase);
    let (shop, clock) = open_shop(store.clone(), Plugins::new().gateway(PaymentMethod::Card, gateway.clone())).await;
    let payments = shop.payments();
    let order = buy(&shop, "ana@example.bg", 1, PaymentMethod::Card).await.unwrap();
    assert!(payments.pay(order.id(), TEST_CARD_SUCCESS, "ana:card:1").await.is_err());
    let stuck = payments.of_order(order.id()).await.unwrap().remove(0);
    let early = payments.sync(stuck.id()).await.unwrap_err();
    assert!(matches!(early, ShopError::Payment(PaymentError::Gateway(GatewayError::UnknownReference { .. }))));
    assert_eq!(payments.get(stuck.id()).await.unwrap().claimed_by(), Some("ana:card:1"), "still held");

    clock.set(now() + SignedDuration::from_mins(10));
    let expired = payments.sync(stuck.id()).await.unwrap();
    assert_eq!((expired.state(), expired.claimed_by()), (PaymentState::Expired, None));
    let paid = payments.pay(order.id(), TEST_CARD_SUCCESS, "ana:card:2").await.unwrap();
    assert_eq!((paid.state(), paid.captured()), (PaymentState::Captured, order.total()));
    assert_eq!(gateway.purchases.load(Ordering::SeqCst), 2, "the dropped call and the second card");
    assert_eq!(shop.orders().get(order.id()).await.unwrap().paid(), order.total());
}

/// A capture done at the provider whose answer was lost: the payment stays claimed by its key, a
/// capture under another key is refused without reaching the gateway, and repeating the key
/// settles the capture once (the provider answers it from its own idempotency record).
pub async fn shop_lost_capture_answer_settles_once(store: Arc<dyn Store>) {
    let gateway = Flaky::new(Fault::LoseFirstCaptureAnswer);
    let (shop, _) = open_shop(store.clone(), Plugins::new().gateway(PaymentMethod::Card, gateway.clone())).await;
    let payments = shop.payments();
    let order = buy(&shop, "ana@example.bg", 1, PaymentMethod::Card).await.unwrap();
    let held = payments.authorize(order.id(), TEST_CARD_SUCCESS, "ana:auth").await.unwrap();
    let lost = payments.capture(held.id(), order.total(), "ana:capture:1").await.unwrap_err();
    assert!(matches!(lost, ShopError::Payment(PaymentError::Gateway(GatewayError::Unavailable { .. }))), "{lost:?}");
    let waiting = payments.get(held.id()).await.unwrap();
    assert_eq!(
        (waiting.state(), waiting.captured(), waiting.claimed_by()),
        (PaymentState::Authorized, eur(0), Some("ana:capture:1"))
    );

    let rival = payments.capture(held.id(), order.total(), "ana:capture:2").await.unwrap_err();
    assert!(matches!(rival, ShopError::PaymentInProgress { .. }), "{rival:?}");
    assert_eq!(gateway.captures.load(Ordering::SeqCst), 1, "the rival never reached the gateway");
    let settled = payments.capture(held.id(), order.total(), "ana:capture:1").await.unwrap();
    assert_eq!(
        (settled.state(), settled.captured(), settled.claimed_by()),
        (PaymentState::Captured, order.total(), None)
    );
    let paid = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((paid.state(), paid.paid()), (OrderState::Paid, order.total()), "received once");
    assert_eq!(payments.capture(held.id(), order.total(), "ana:capture:1").await.unwrap(), settled, "a repeat");
}

/// The purchase's webhook reaches the shop while the call's answer is still on its way: the shop
/// cannot place it yet (the payment's reference is not stored) and records nothing, the call's
/// answer pays the order once, and the redelivery finds it already known.
pub async fn shop_purchase_and_its_webhook_race(store: Arc<dyn Store>) {
    let gateway = Flaky::new(Fault::WebhookOvertakesFirstPurchase);
    let (shop, _) = open_shop(store.clone(), Plugins::new().gateway(PaymentMethod::Card, gateway.clone())).await;
    gateway.shop.set(shop.clone()).ok();
    let payments = shop.payments();
    let order = buy(&shop, "ana@example.bg", 1, PaymentMethod::Card).await.unwrap();
    let paid = payments.pay(order.id(), TEST_CARD_SUCCESS, "ana:card").await.unwrap();
    assert_eq!((paid.state(), paid.captured(), paid.claimed_by()), (PaymentState::Captured, order.total(), None));
    let event = WebhookEvent {
        event_id: "evt_overtaking".into(),
        payment_reference: paid.gateway_reference().unwrap().into(),
        refund_reference: None,
        result: gateway.inner.sync(paid.gateway_reference().unwrap()).await.unwrap(),
        dispute: None,
    };
    let again = payments.receive_webhook("test", &gateway.inner.signed_webhook(&event, now())).await.unwrap();
    assert_eq!(again.outcome, vitrina_core::payment::WebhookOutcome::AlreadyKnown);
    let stored = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((stored.state(), stored.paid()), (OrderState::Paid, order.total()), "received once");
    assert_eq!(payment_received_emails(&store).await.len(), 1);
    assert_eq!(gateway.purchases.load(Ordering::SeqCst), 1);
}
