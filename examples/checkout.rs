//! Checkout with every payment method: a card through the test gateway (one plain, one with 3-D
//! Secure, one whose answer times out until a sync), a bank transfer paid late after a reminder with a
//! typo in its reference, cash on delivery, store credit from the wallet, and a gift card topped up by
//! a card, with a refund split back over both. Prints a short log.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use rust_decimal::Decimal;
use vitrina::cart::{Cart, CartLine};
use vitrina::catalog::{Catalog, CatalogData, Product};
use vitrina::checkout::CheckoutSession;
use vitrina::delivery::Address;
use vitrina::delivery::{ShippingMethod, ShippingRate};
use vitrina::event::Actor;
use vitrina::money::{Currency, Money};
use vitrina::order::PaymentMethod;
use vitrina::order::PaymentReminder;
use vitrina::order::{ContactDetails, DeliveryDetails};
use vitrina::order::{Order, OrderNumber, OrderState};
use vitrina::payment::{allocate_refund, GiftCard, GiftCardCode, InMemoryIdempotencyStore, Payment};
use vitrina::payment::{match_reference, BankTransfer, OpenReference, ReferenceMatch, TransferReceipt};
use vitrina::payment::{PaymentProcessor, SplitTenderPlan, Tender, TenderPart, TestGateway, Wallet};
use vitrina::payment::{TEST_CARD_SUCCESS, TEST_CARD_THREE_D_SECURE, TEST_CARD_TIMEOUT};
use vitrina::pricing::{Pricer, PricingContext, PricingRules};
use vitrina::shop::UnpaidPolicy;
use vitrina_payments_offline::CashOnDelivery;

type Error = Box<dyn std::error::Error>;

/// The shop: a catalog, a courier rate and the pricing context.
struct Shop {
    pricer: Pricer,
    context: PricingContext,
    start: Timestamp,
    next_number: u64,
}

impl Shop {
    fn new() -> Result<Shop, Error> {
        let product = |id: &str, name: &str, price: &str| -> Result<Product, Error> {
            let price = Money::parse_amount(price, Currency::EUR, "price")?;
            Ok(Product::simple(id, name, format!("{id}-1"), price))
        };
        let catalog = Catalog::new(CatalogData {
            products: vec![product("mug", "Stoneware mug", "12.90")?, product("tea", "Mountain tea", "6.45")?],
            ..Default::default()
        })?;
        let courier = ShippingMethod {
            id: "courier".into(),
            name: "Courier".into(),
            currency: Currency::EUR,
            regions: vec![],
            tax_category: "standard".into(),
            rate: ShippingRate::Flat { amount: Decimal::new(490, 2) },
            free_over: None,
        };
        let pricer = Pricer::new(catalog, PricingRules { shipping_methods: vec![courier], ..Default::default() })?;
        let start: Timestamp = "2026-11-23T12:00:00Z".parse()?;
        let context = PricingContext {
            currency: Currency::EUR,
            region: Some("BG".into()),
            channel: Some("web".into()),
            customer_groups: vec![],
            now: start,
            first_order: false,
            promotion_uses: Default::default(),
            shipping_method_id: Some("courier".into()),
        };
        Ok(Shop { pricer, context, start, next_number: 1 })
    }

    fn day(&self, days: i64) -> Timestamp {
        self.start + SignedDuration::from_hours(24 * days)
    }

    /// Two mugs and a tea (36.25 EUR with shipping), checked out in two steps and paid by `method`.
    fn place(&mut self, method: PaymentMethod) -> Result<Order, Error> {
        let mut cart = Cart::new(Currency::EUR, Some("ana".into()));
        let line = |id: &str, variant: &str, quantity| CartLine {
            id: id.into(),
            variant_id: variant.into(),
            quantity,
            unit_price_at_add: None,
            note: None,
        };
        cart.lines = vec![line("l1", "mug-1", 2), line("l2", "tea-1", 1)];
        let at = self.start;
        let mut session = CheckoutSession::start(&cart, ContactDetails::new("ana@example.bg", None)?, at)?;
        session.set_delivery(delivery(method), at)?;
        let confirmed = self.pricer.price(&cart, &self.context)?;
        let number = OrderNumber::new("VT", 2026, self.next_number)?;
        self.next_number += 1;
        let order = session.place_order(&self.pricer, &cart, &self.context, &confirmed, number, at)?;
        println!("\n{} placed: {} by {:?}, {}", order.number(), order.total(), method, order.state());
        Ok(order)
    }
}

fn delivery(method: PaymentMethod) -> DeliveryDetails {
    DeliveryDetails::new(
        Address {
            recipient: "Ana Petrova".into(),
            line1: "ul. Vitosha 1".into(),
            line2: None,
            city: "Sofia".into(),
            postal_code: "1000".into(),
            region: None,
            country: "BG".into(),
        },
        "courier",
        method,
    )
}

fn gateway_actor() -> Actor {
    Actor::Gateway { name: "test".into() }
}

/// Records what `payment` captured on `order` and prints the outcome.
fn settle(order: &mut Order, payment: &Payment, at: Timestamp) -> Result<(), Error> {
    let balance = order.receive_payment(payment.captured(), PaymentMethod::Card, gateway_actor(), at)?;
    println!("  card captured {}; order {} ({balance:?})", payment.captured(), order.state());
    Ok(())
}

async fn card(shop: &mut Shop, processor: &PaymentProcessor) -> Result<(), Error> {
    let mut order = shop.place(PaymentMethod::Card)?;
    let at = shop.day(0);
    let mut payment = Payment::new(order.id(), order.number().as_str(), PaymentMethod::Card, order.total(), at)?;
    let state = processor.purchase(&mut payment, Some(TEST_CARD_SUCCESS.into()), "card-1:purchase", at).await?;
    println!("  purchase with {TEST_CARD_SUCCESS}: {state:?}");
    settle(&mut order, &payment, at)
}

async fn card_with_3ds(shop: &mut Shop, processor: &PaymentProcessor) -> Result<(), Error> {
    let mut order = shop.place(PaymentMethod::Card)?;
    let at = shop.day(0);
    let mut payment = Payment::new(order.id(), order.number().as_str(), PaymentMethod::Card, order.total(), at)?;
    let state = processor.purchase(&mut payment, Some(TEST_CARD_THREE_D_SECURE.into()), "card-2:purchase", at).await?;
    println!("  purchase with {TEST_CARD_THREE_D_SECURE}: {state:?}, shopper sent to 3-D Secure");
    let done =
        processor.complete_action(&mut payment, serde_json::json!({"authenticated": true}), "card-2:3ds", at).await?;
    println!("  3-D Secure completed: {done:?}");
    settle(&mut order, &payment, at)
}

async fn card_that_times_out(shop: &mut Shop, processor: &PaymentProcessor) -> Result<(), Error> {
    let mut order = shop.place(PaymentMethod::Card)?;
    let at = shop.day(0);
    let mut payment = Payment::new(order.id(), order.number().as_str(), PaymentMethod::Card, order.total(), at)?;
    let lost = processor.purchase(&mut payment, Some(TEST_CARD_TIMEOUT.into()), "card-3:purchase", at).await;
    println!("  purchase with {TEST_CARD_TIMEOUT}: {}", lost.err().map_or("answered".into(), |e| e.to_string()));
    let synced = processor.sync(&mut payment, shop.day(0) + SignedDuration::from_mins(1)).await?;
    println!("  sync a minute later: {synced:?}");
    settle(&mut order, &payment, at)
}

fn bank_transfer(shop: &mut Shop) -> Result<(), Error> {
    let mut order = shop.place(PaymentMethod::BankTransfer)?;
    let mut transfer = BankTransfer::open(&order)?;
    let policy = UnpaidPolicy::default();
    let due = order.placed_at() + SignedDuration::from_hours(7 * 24);
    println!("  pay to reference {} by {due}", transfer.reference());
    for day in [1, 3, 6] {
        let notice = remind(&mut order, &policy, shop.day(day))?;
        println!("  day {day}: {}", notice.map_or("nothing due".into(), |n| format!("{n:?}")));
    }
    let mut typed: Vec<char> = transfer.reference().formatted().to_lowercase().chars().collect();
    typed.swap(7, 8);
    let written: String = typed.into_iter().collect();
    let open = [OpenReference { order_id: order.id().into(), reference: transfer.reference().clone() }];
    let found = match_reference(&written, &open);
    println!("  day 8 (late): transfer quoting {written:?} -> {found:?}");
    if !matches!(found, ReferenceMatch::Corrected { .. } | ReferenceMatch::Exact { .. }) {
        return Err("the transfer did not match its order".into());
    }
    let receipt = TransferReceipt {
        bank_transaction_id: "DSK-2026-11-28-0042".into(),
        received_on: jiff::civil::date(2026, 12, 1),
        bank: "DSK Bank".into(),
        amount: order.total(),
        payer_name: "Ana Petrova".into(),
        reference_as_written: written,
    };
    let outcome = transfer.record_receipt(&mut order, receipt, Actor::Staff { id: "accounts".into() }, shop.day(8))?;
    println!("  receipt recorded: {outcome:?}; order {}", order.state());
    let after = remind(&mut order, &policy, shop.day(9))?;
    println!("  day 9: {}", after.map_or("no final notice: paid".into(), |n| format!("{n:?}")));
    Ok(())
}

/// Records on the unpaid `order` the reminder `policy` has due at `now`, if any (the Shop's
/// `run_due` does this for stored orders).
fn remind(order: &mut Order, policy: &UnpaidPolicy, now: Timestamp) -> Result<Option<PaymentReminder>, Error> {
    let waited = now.duration_since(order.placed_at());
    let numbered =
        (1..).zip(&policy.reminders_after).map(|(number, after)| (*after, PaymentReminder::Reminder { number }));
    let steps: Vec<_> = numbered.chain([(policy.final_notice_after, PaymentReminder::FinalNotice)]).collect();
    let Some((_, reminder)) = steps.into_iter().rfind(|(after, _)| *after <= waited) else { return Ok(None) };
    if order.state() != OrderState::AwaitingTransfer || order.reminders_sent().contains(&reminder) {
        return Ok(None);
    }
    order.remind_payment(reminder, order.placed_at() + policy.cancel_after, now)?;
    Ok(Some(reminder))
}

fn cash_on_delivery(shop: &mut Shop) -> Result<(), Error> {
    let mut order = shop.place(PaymentMethod::CashOnDelivery)?;
    let mut cod = CashOnDelivery::open(&order)?;
    order.transition(OrderState::Shipped, Actor::Staff { id: "warehouse".into() }, shop.day(1), None)?;
    let due = CashOnDelivery::outstanding(&order)?;
    let driver = Actor::Courier { name: "own-fleet/driver-7".into() };
    let short = cod.confirm_delivery(
        &mut order,
        due,
        Money::from_minor(due.minor() - 100, Currency::EUR),
        "parcel-1",
        driver.clone(),
        shop.day(2),
    );
    println!("  driver reports 1.00 short: {}", short.err().map_or("accepted".into(), |e| e.to_string()));
    let balance = cod.confirm_delivery(&mut order, due, due, "parcel-1", driver, shop.day(2))?;
    println!("  driver collected {due}: {balance:?}; order {}", order.state());
    Ok(())
}

fn wallet(shop: &mut Shop, wallet: &mut Wallet) -> Result<(), Error> {
    let mut order = shop.place(PaymentMethod::Wallet)?;
    let at = shop.day(0);
    let plan = SplitTenderPlan::new(order.total(), &[], Some(wallet), at)?;
    let left = plan.take_stored_value(&mut order, &mut [], Some(wallet), "wallet-order:pay", gateway_actor(), at)?;
    println!("  wallet paid {}, left for a card {left}; order {}", order.paid(), order.state());
    println!("  wallet balance now {}", wallet.balance(Currency::EUR));
    Ok(())
}

async fn gift_card_and_card(shop: &mut Shop, processor: &PaymentProcessor) -> Result<(), Error> {
    let mut order = shop.place(PaymentMethod::GiftCard)?;
    let at = shop.day(0);
    let code = GiftCardCode::generate()?;
    let mut cards =
        [GiftCard::issue(code, Money::from_minor(2_000, Currency::EUR), Some(shop.day(365)), Actor::System, at)?];
    println!("  gift card {} worth {}", cards[0].code().masked(), cards[0].value());
    let plan = SplitTenderPlan::new(order.total(), &cards, None, at)?;
    let left = plan.take_stored_value(&mut order, &mut cards, None, "gift-order:pay", gateway_actor(), at)?;
    println!("  gift card took {}, {left} left for the card", order.paid());
    let mut payment = Payment::new(order.id(), order.number().as_str(), PaymentMethod::Card, left, at)?;
    processor.purchase(&mut payment, Some(TEST_CARD_SUCCESS.into()), "gift-order:card", at).await?;
    settle(&mut order, &payment, at)?;
    let paid = [
        TenderPart {
            tender: Tender::GiftCard { gift_card_id: cards[0].id().into() },
            amount: Money::from_minor(2_000, Currency::EUR),
        },
        TenderPart { tender: Tender::Card, amount: payment.captured() },
    ];
    refund(&mut order, &mut cards[0], processor, &mut payment, &paid, shop.day(3)).await
}

/// Returns one mug (12.90) to the gift card and the card in proportion.
async fn refund(
    order: &mut Order,
    card: &mut GiftCard,
    processor: &PaymentProcessor,
    payment: &mut Payment,
    paid: &[TenderPart],
    at: Timestamp,
) -> Result<(), Error> {
    let staff = Actor::Staff { id: "support".into() };
    for part in allocate_refund(paid, Money::from_minor(1_290, Currency::EUR))? {
        match part.tender {
            Tender::GiftCard { .. } => {
                card.refund(order.id(), part.amount, "gift-order:refund:gc", staff.clone(), at)?;
            }
            _ => {
                processor
                    .refund(
                        payment,
                        part.amount,
                        Some("mug returned".into()),
                        "gift-order:refund:card",
                        staff.clone(),
                        at,
                    )
                    .await?;
            }
        }
        order.refund_payment(part.amount, part.tender.method(), at)?;
        println!("  refund {} to {:?}", part.amount, part.tender.method());
    }
    println!(
        "  gift card balance {}, card refunded {}; order paid net {}",
        card.balance(),
        payment.refunded(),
        order.paid()
    );
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let mut shop = Shop::new()?;
    let gateway = Arc::new(TestGateway::new("whsec_example"));
    let processor = PaymentProcessor::new(gateway, Arc::new(InMemoryIdempotencyStore::new()));
    card(&mut shop, &processor).await?;
    card_with_3ds(&mut shop, &processor).await?;
    card_that_times_out(&mut shop, &processor).await?;
    bank_transfer(&mut shop)?;
    cash_on_delivery(&mut shop)?;
    let mut credit = Wallet::new("ana");
    credit.deposit(
        Money::from_minor(5_000, Currency::EUR),
        "store credit for a late parcel",
        "credit-1",
        Actor::Staff { id: "support".into() },
        shop.day(0),
    )?;
    wallet(&mut shop, &mut credit)?;
    gift_card_and_card(&mut shop, &processor).await?;
    Ok(())
}
