//! Checkout with every payment method, run through `Shop` alone on the embedded SQLite store (in
//! memory) and a simulated clock: a card through the test gateway (a plain one, one with 3-D
//! Secure, one whose answer times out until a sync), a bank transfer paid late after reminders with
//! a typo in its reference, cash on delivery (a short amount refused), store credit from the
//! wallet, and a gift card topped up by a card, with a refund split back over both.
//!
//! The shop is the one of the shop day (`examples/data/`), reminding unpaid transfers after 3 and 6
//! days. Every order is Ana's: two mugs and a mountain tea, delivered by courier.
//!
//! `cargo run --example checkout`

use std::error::Error;
use std::sync::Arc;

use jiff::civil::{date, Date};
use jiff::{Span, Timestamp};
use vitrina::catalog::CatalogData;
use vitrina::customer::NewCustomer;
use vitrina::delivery::Address;
use vitrina::error::ErrorCode;
use vitrina::event::Actor;
use vitrina::money::{Currency, Money};
use vitrina::notify::MemoryMailer;
use vitrina::order::{DeliveryDetails, Order, OrderState, PaymentMethod, PaymentReminder};
use vitrina::payment::{Payment, ReferenceMatch, TestGateway, TransferReceipt};
use vitrina::payment::{TEST_CARD_SUCCESS, TEST_CARD_THREE_D_SECURE, TEST_CARD_TIMEOUT};
use vitrina::shop::{ManualClock, Plugins, Settings, Shop, ShopError, UnpaidPolicy};
use vitrina_couriers_test::TestCourier;
use vitrina_store_sqlite::SqliteStore;

type Fallible<T> = Result<T, Box<dyn Error>>;

const ZONE: &str = "Europe/Sofia";
const EUR: Currency = Currency::EUR;
/// The story starts on Monday 23 November 2026.
const MONDAY: Date = date(2026, 11, 23);

fn staff(id: &str) -> Actor {
    Actor::Staff { id: id.into() }
}

/// The shop, its simulated clock, the test courier whose clock follows it, and Ana.
struct Demo {
    shop: Shop,
    clock: Arc<ManualClock>,
    courier: Arc<TestCourier>,
    mailer: Arc<MemoryMailer>,
    ana: String,
}

impl Demo {
    /// Opens the shop on Monday 08:00: settings, catalog with stock, and Ana's account.
    async fn open() -> Fallible<Demo> {
        let opening = MONDAY.at(8, 0, 0, 0).in_tz(ZONE)?.timestamp();
        let (clock, courier) = (Arc::new(ManualClock::new(opening)), Arc::new(TestCourier::new(opening)));
        let mailer = Arc::new(MemoryMailer::new());
        let plugins = Plugins::new()
            .gateway(PaymentMethod::Card, Arc::new(TestGateway::new("whsec_checkout")))
            .courier(courier.clone())
            .mailer(mailer.clone());
        let shop = Shop::with_clock(Arc::new(SqliteStore::in_memory().await?), plugins, clock.clone());
        let mut settings: Settings = serde_json::from_str(include_str!("data/shop_day_settings.json"))?;
        settings.unpaid = UnpaidPolicy::default();
        shop.admin().configure(settings).await?;
        let catalog: CatalogData = serde_json::from_str(include_str!("data/shop_day_catalog.json"))?;
        shop.catalog().import(catalog).await?;
        let new = NewCustomer {
            email: "ana@example.bg".into(),
            name: "Ana Petrova".into(),
            phone: None,
            locale: "bg".into(),
        };
        let ana = shop.customers().register(new).await?.id().to_owned();
        println!("store: SQLite in memory; shop open, Ana registered");
        Ok(Demo { shop, clock, courier, mailer, ana })
    }

    /// Sets the clock to `hh:mm` Sofia time, `day` days after Monday, and says what happens.
    fn at(&self, day: i64, hour: i8, minute: i8, what: &str) -> Fallible<Timestamp> {
        let date = MONDAY.checked_add(Span::new().days(day))?;
        let now = date.at(hour, minute, 0, 0).in_tz(ZONE)?.timestamp();
        self.courier.advance(now.duration_since(self.courier.now()));
        self.clock.set(now);
        println!("\n{} {hour:02}:{minute:02}  {what}", date.strftime("%a %d %b"));
        Ok(now)
    }

    /// Ana's cart, both checkout steps, the price confirmed and the order placed, paid by `pay`.
    async fn place(&self, pay: PaymentMethod) -> Fallible<Order> {
        let shop = &self.shop;
        let cart = shop.carts().create(EUR, Some(&self.ana)).await?;
        shop.carts().add_line(&cart.id, "mug-white", 2).await?;
        shop.carts().add_line(&cart.id, "mountain-tea-100g", 1).await?;
        let session = shop.checkout().start(&cart.id, "ana@example.bg", None).await?;
        shop.checkout().set_delivery(session.id(), DeliveryDetails::new(address(), "courier", pay)).await?;
        let confirmed = shop.checkout().quote(session.id()).await?;
        let order = shop.checkout().place_order(session.id(), &confirmed).await?;
        println!("  {} placed: {} by {}, {}", order.number(), order.total(), pay.as_str(), order.state());
        Ok(order)
    }

    /// How `order` stands now.
    async fn state(&self, order: &Order) -> Fallible<OrderState> {
        Ok(self.shop.orders().get(order.id()).await?.state())
    }

    /// The latest payment of `order` by `method`.
    async fn payment(&self, order: &Order, method: PaymentMethod) -> Fallible<Payment> {
        let payments = self.shop.payments().of_order(order.id()).await?;
        Ok(payments.into_iter().rev().find(|p| p.method() == method).ok_or("no such payment")?)
    }
}

/// What a command answered when it may fail: the error's stable code and its message.
fn answer<T>(result: Result<T, ShopError>) -> String {
    result.err().map_or("accepted".into(), |e| format!("{} ({e})", e.code()))
}

fn address() -> Address {
    Address {
        recipient: "Ana Petrova".into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: "1000".into(),
        region: None,
        country: "BG".into(),
    }
}

/// Three card payments through the test gateway: a plain one, one the bank asks to confirm with
/// 3-D Secure, and one whose answer is lost on the way (the money was taken; a sync finds out).
async fn cards(demo: &Demo) -> Fallible<()> {
    let payments = demo.shop.payments();
    demo.at(0, 10, 0, "a card")?;
    let order = demo.place(PaymentMethod::Card).await?;
    let paid = payments.pay(order.id(), TEST_CARD_SUCCESS, "card-1").await?;
    println!("  card {TEST_CARD_SUCCESS}: payment {}; order {}", paid.state(), demo.state(&order).await?);

    demo.at(0, 10, 10, "a card with 3-D Secure")?;
    let order = demo.place(PaymentMethod::Card).await?;
    let asked = payments.pay(order.id(), TEST_CARD_THREE_D_SECURE, "card-2").await?;
    println!("  card {TEST_CARD_THREE_D_SECURE}: payment {}, shopper sent to 3-D Secure", asked.state());
    let authenticated = serde_json::json!({"authenticated": true});
    let done = payments.complete_action(asked.id(), authenticated, "card-2:3ds").await?;
    println!("  back from 3-D Secure: payment {}; order {}", done.state(), demo.state(&order).await?);

    demo.at(0, 10, 20, "a card whose answer is lost")?;
    let order = demo.place(PaymentMethod::Card).await?;
    let lost = payments.pay(order.id(), TEST_CARD_TIMEOUT, "card-3").await;
    println!("  card {TEST_CARD_TIMEOUT}: {}", answer(lost));
    let pending = demo.payment(&order, PaymentMethod::Card).await?;
    println!("  payment {}; order {}", pending.state(), demo.state(&order).await?);
    demo.at(0, 10, 21, "the shop asks the gateway how the payment stands")?;
    let synced = payments.sync(pending.id()).await?;
    println!("  sync: payment {} {}; order {}", synced.state(), synced.captured(), demo.state(&order).await?);
    Ok(())
}

/// Cash on delivery: the parcel leaves Monday; Tuesday the courier hands it over and reports the cash.
async fn cash_on_delivery(demo: &Demo) -> Fallible<()> {
    let shop = &demo.shop;
    demo.at(0, 11, 0, "cash on delivery")?;
    let order = demo.place(PaymentMethod::CashOnDelivery).await?;
    let parcel = shop.shipping().ship(order.id(), staff("packer")).await?;
    println!("  parcel {} with {}, COD {}", parcel.tracking_number().unwrap_or("-"), parcel.courier(), order.total());

    demo.at(1, 15, 30, "the courier delivers and reports the cash")?;
    let moved = shop.shipping().refresh_tracking(shop.now()).await?;
    println!("  tracking: {} parcel(s) moved; order {}", moved.updates.len(), demo.state(&order).await?);
    let short = Money::from_minor(order.total().minor() - 100, EUR);
    let courier = "test/driver-3";
    let refused = shop.payments().record_cash_collected(order.id(), short, courier, "cod-1:short").await;
    println!("  courier reports {short}: {}", answer(refused));
    let paid = shop.payments().record_cash_collected(order.id(), order.total(), courier, "cod-1").await?;
    println!("  courier reports {}: payment {}; order {}", paid.captured(), paid.state(), demo.state(&order).await?);
    Ok(())
}

/// Store credit: a goodwill deposit pays the whole order.
async fn wallet(demo: &Demo) -> Fallible<()> {
    let wallets = demo.shop.wallets();
    demo.at(1, 16, 0, "store credit")?;
    let credit = Money::from_minor(5_000, EUR);
    wallets.deposit(&demo.ana, credit, "goodwill: a late parcel", "credit-1", staff("mila")).await?;
    println!("  Mila puts {credit} of store credit in Ana's wallet");
    let order = demo.place(PaymentMethod::Wallet).await?;
    let paid = wallets.pay_with_wallet(order.id(), "wallet-1").await?;
    println!("  wallet paid {}; order {}", paid.captured(), demo.state(&order).await?);
    println!("  store credit left: {}", wallets.balance(&demo.ana, EUR).await?);
    Ok(())
}

/// A gift card worth 20.00 and a card for the rest; Wednesday one mug comes back and its price goes
/// back over both payments in proportion (largest remainder, so the parts sum to the cent).
async fn gift_card_and_card(demo: &Demo) -> Fallible<()> {
    let shop = &demo.shop;
    let now = demo.at(1, 17, 0, "a gift card topped up by a card")?;
    let expiry = now.checked_add(Span::new().hours(24 * 365))?;
    let card =
        shop.wallets().issue_gift_card(Money::from_minor(2_000, EUR), Some(expiry), "gift-1", staff("mila")).await?;
    println!("  gift card {} worth {}", card.code().masked(), card.value());
    let order = demo.place(PaymentMethod::GiftCard).await?;
    let gift = shop.wallets().pay_with_gift_card(order.id(), card.code().as_str(), "gift-1:pay").await?;
    let rest = shop.payments().pay(order.id(), TEST_CARD_SUCCESS, "gift-1:card").await?;
    println!("  gift card took {}, card {}; order {}", gift.captured(), rest.captured(), demo.state(&order).await?);

    demo.at(2, 11, 0, "one mug comes back: its price is refunded over both payments")?;
    let mug = Money::from_minor(1_290, EUR);
    let parts = mug.allocate(&[gift.captured().minor(), rest.captured().minor()])?;
    for (payment, part) in [&gift, &rest].into_iter().zip(parts) {
        let key = format!("refund-mug:{}", payment.method().as_str());
        let refunded = shop.payments().refund(payment.id(), part, Some("mug returned"), &key, staff("mila")).await?;
        println!("  {part} back to the {} (payment {})", payment.method().as_str(), refunded.state());
    }
    let balance = shop.wallets().gift_card(card.code().as_str()).await?.balance();
    println!("  gift card balance {balance}; order paid net {}", shop.orders().get(order.id()).await?.paid());
    Ok(())
}

/// A bank transfer placed Monday morning, reminded Thursday and Sunday, paid late (the 7-day window
/// closes the next Monday) on Tuesday, with two characters of its reference swapped.
async fn bank_transfer(demo: &Demo, order: &Order) -> Fallible<()> {
    let shop = &demo.shop;
    for (day, what) in [(3, "due work: unpaid transfers, the outbox"), (6, "due work on Sunday")] {
        let due = shop.run_due(demo.at(day, 10, 0, what)?).await?;
        for (number, reminder) in &due.reminders {
            let which = match reminder {
                PaymentReminder::Reminder { number } => format!("reminder {number}"),
                PaymentReminder::FinalNotice => "final notice".into(),
            };
            println!("  {number}: {which} sent");
        }
        println!("  e-mails sent: {}", due.emails_sent);
    }
    demo.at(7, 12, 0, "the payment window has closed")?;
    let overdue = shop.orders().work_list().await?.transfer_overdue;
    println!("  transfers overdue: {:?}", overdue.iter().map(|o| o.number().to_string()).collect::<Vec<_>>());

    demo.at(8, 10, 0, "the bank statement: Ana paid, with a typo")?;
    let mut typed: Vec<char> = order.payment_reference().formatted().to_lowercase().chars().collect();
    typed.swap(7, 8);
    let written: String = typed.into_iter().collect();
    let line = TransferReceipt {
        bank_transaction_id: "DSK-2026-12-01-0042".into(),
        received_on: MONDAY.checked_add(Span::new().days(8))?,
        bank: "DSK Bank".into(),
        amount: order.total(),
        payer_name: "ANA PETROVA".into(),
        reference_as_written: written.clone(),
    };
    let recorded = shop.payments().record_statement(&[line]).await?;
    let matched = match recorded.first().map(|r| r.line.matched()) {
        Some(ReferenceMatch::Corrected { reference, .. }) => format!("corrected to {}", reference.formatted()),
        other => format!("{other:?}"),
    };
    println!("  {written:?}: {matched}; order {}", demo.state(order).await?);

    let due = shop.run_due(demo.at(9, 10, 0, "due work: no final notice for a paid order")?).await?;
    println!("  reminders: {}; e-mails sent: {}", due.reminders.len(), due.emails_sent);
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Fallible<()> {
    let demo = Demo::open().await?;
    demo.at(0, 9, 30, "a bank transfer")?;
    let transfer = demo.place(PaymentMethod::BankTransfer).await?;
    let reference = demo.shop.payments().bank_transfer(transfer.id()).await?.reference().formatted();
    println!("  pay {} to reference {reference} within 7 days", transfer.total());
    cards(&demo).await?;
    cash_on_delivery(&demo).await?;
    wallet(&demo).await?;
    gift_card_and_card(&demo).await?;
    bank_transfer(&demo, &transfer).await?;
    println!("\nthe memory mailer holds {} e-mails", demo.mailer.sent().len());
    Ok(())
}
