//! A whole day of a small shop on the embedded SQLite store, run through `Shop` alone, on a
//! simulated clock (never the wall clock, so every run tells the same story apart from ids).
//!
//! Morning: the settings, the catalog and its stock, customers. Shoppers then buy with every payment
//! method (a card declined then accepted, a bank transfer matched from the afternoon statement after
//! a reminder, cash on delivery, store credit, a gift card topped up by card), one abandons checkout,
//! parcels go out with the shop's own drivers and the test courier, a support case is answered with
//! a canned reply and rated, another waits past its SLA, a return is refunded. Evening: the due work
//! (follow-ups, the SLA escalation, the outbox) and the end-of-day report, which the store computes.
//!
//! `cargo run --example shop_day [-- path/to/shop.db]` (default `target/shop_day.db`, recreated each run).

use std::collections::BTreeMap;
use std::error::Error;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::{date, Date};
use jiff::Timestamp;
use vitrina::catalog::CatalogData;
use vitrina::customer::{ConsentChannel, ConsentSource, NewCustomer};
use vitrina::delivery::{Address, DeliverySlot, DeliveryWindow, ShippingZone};
use vitrina::event::Actor;
use vitrina::money::{Currency, Money};
use vitrina::notify::MemoryMailer;
use vitrina::order::{DeliveryDetails, Order, PaymentMethod};
use vitrina::payment::{TestGateway, TransferReceipt, TEST_CARD_DECLINED, TEST_CARD_SUCCESS};
use vitrina::reports::Period;
use vitrina::returns::{InspectedLine, Inspection, ItemCondition, RequestedLine, ReturnReason};
use vitrina::shop::{ManualClock, Plugins, Settings, Shop};
use vitrina::support::{CaseActor, CaseCategory, Channel, NewCase, Priority};
use vitrina_couriers_own_fleet::{DriverUpdate, FleetZone, OwnFleetConfig, OwnFleetCourier};
use vitrina_couriers_test::TestCourier;
use vitrina_store_sqlite::SqliteStore;

type Fallible<T> = Result<T, Box<dyn Error>>;

const ZONE: &str = "Europe/Sofia";
const EUR: Currency = Currency::EUR;

fn eur(cents: i64) -> Money {
    Money::from_minor(cents, EUR)
}

fn staff(id: &str) -> Actor {
    Actor::Staff { id: id.into() }
}

/// The shop, the simulated clock and the couriers whose own clocks follow it.
struct Day {
    shop: Shop,
    /// Where the store is; the report's charts and CSV files go beside it.
    path: PathBuf,
    date: Date,
    clock: Arc<ManualClock>,
    fleet: Arc<OwnFleetCourier>,
    carrier: Arc<TestCourier>,
    mailer: Arc<MemoryMailer>,
}

impl Day {
    /// Sets the clock to `hh:mm` Sofia time and says what happens.
    fn at(&self, hour: i8, minute: i8, what: &str) -> Fallible<Timestamp> {
        let now = self.date.at(hour, minute, 0, 0).in_tz(ZONE)?.timestamp();
        self.carrier.advance(now.duration_since(self.carrier.now()));
        self.clock.set(now);
        println!("\n{hour:02}:{minute:02}  {what}");
        Ok(now)
    }

    /// A driver of the shop's own fleet reports on the parcel of `order`, and the shop takes it in.
    async fn driver(&self, order: &Order, update: DriverUpdate) -> Fallible<()> {
        let shipment = self.shop.shipping().shipments_of(order.id()).await?.pop().ok_or("no parcel")?;
        let number = shipment.tracking_number().ok_or("no tracking number")?;
        self.fleet.driver_update(number, "driver-7", update, self.shop.now())?;
        self.shop.shipping().refresh_shipment(shipment.id()).await?;
        Ok(())
    }
}

/// One purchase: who, what, how it is delivered and paid.
struct Purchase<'a> {
    customer: &'a str,
    items: &'a [(&'a str, u32)],
    coupon: Option<&'a str>,
    method: &'a str,
    slot: Option<&'a str>,
    pay: PaymentMethod,
    gift_message: Option<&'a str>,
}

/// Cart, both checkout steps, the price confirmed and the order placed: every step one command.
async fn checkout(shop: &Shop, people: &BTreeMap<&str, (String, Address)>, buy: Purchase<'_>) -> Fallible<Order> {
    let (customer_id, address) = people.get(buy.customer).ok_or("no such customer")?;
    let customer = shop.customers().get(customer_id).await?;
    let cart = shop.carts().create(EUR, Some(customer_id)).await?;
    for (variant, quantity) in buy.items {
        shop.carts().add_line(&cart.id, variant, *quantity).await?;
    }
    if let Some(code) = buy.coupon {
        shop.carts().apply_coupon(&cart.id, code).await?;
    }
    if buy.gift_message.is_some() {
        shop.carts().gift_wrap(&cart.id, buy.gift_message).await?;
    }
    let session = shop.checkout().start(&cart.id, customer.email().as_str(), None).await?;
    let delivery = DeliveryDetails {
        slot_id: buy.slot.map(str::to_owned),
        ..DeliveryDetails::new(address.clone(), buy.method, buy.pay)
    };
    shop.checkout().set_delivery(session.id(), delivery).await?;
    let confirmed = shop.checkout().quote(session.id()).await?;
    let order = shop.checkout().place_order(session.id(), &confirmed).await?;
    let discounts: Vec<String> = confirmed.promotions.iter().map(|p| format!("{} -{}", p.name, p.amount)).collect();
    println!(
        "  {} placed by {}: {} ({}){}",
        order.number(),
        customer.name(),
        order.total(),
        buy.pay.as_str(),
        if discounts.is_empty() { String::new() } else { format!(" [{}]", discounts.join("; ")) }
    );
    Ok(order)
}

// ---------------------------------------------------------------------------------------------
// The shop's data: catalog, rules, settings, couriers.
// ---------------------------------------------------------------------------------------------

/// The supplier's feed: twelve products in six categories, a spring sale and the VIP prices.
fn catalog() -> Fallible<CatalogData> {
    Ok(serde_json::from_str(include_str!("data/shop_day_catalog.json"))?)
}

fn sofia(street: &str, recipient: &str) -> Address {
    Address {
        recipient: recipient.into(),
        line1: street.into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: "1000".into(),
        region: None,
        country: "BG".into(),
    }
}

/// The back office's configuration: the shop's profile and bank details, the Sofia time zone,
/// promotions (a welcome coupon, free shipping over 50 EUR, tea with honey), VAT included, two
/// shipping methods and their couriers, gift wrap, a canned reply, and unpaid transfers nudged the
/// same afternoon.
fn settings() -> Fallible<Settings> {
    Ok(serde_json::from_str(include_str!("data/shop_day_settings.json"))?)
}

/// The shop's own drivers: Sofia, three slots today.
fn own_fleet(day: Date) -> Fallible<OwnFleetCourier> {
    let slot = |id: &str, from: i8, to: i8| -> Fallible<DeliverySlot> {
        let window = DeliveryWindow::new(
            day.at(from, 0, 0, 0).in_tz(ZONE)?.timestamp(),
            day.at(to, 0, 0, 0).in_tz(ZONE)?.timestamp(),
        )?;
        Ok(DeliverySlot::new(id, window, 8))
    };
    let zone = ShippingZone::countries("sofia", "Sofia", &["BG"])?.with_postal_prefixes(&["1"])?;
    Ok(OwnFleetCourier::new(OwnFleetConfig {
        shop_name: "Vitrina Demo".into(),
        zones: vec![FleetZone { zone, price: eur(390) }],
        slots: vec![slot("midday", 11, 14)?, slot("afternoon", 14, 18)?, slot("evening", 18, 21)?],
        max_weight_grams: 20_000,
        slots_offered: 3,
        tracking_prefix: "OF".into(),
    }))
}

// ---------------------------------------------------------------------------------------------
// The day.
// ---------------------------------------------------------------------------------------------

async fn open(day: Date) -> Fallible<Day> {
    let path = std::env::args().nth(1).map_or_else(|| PathBuf::from("target/shop_day.db"), PathBuf::from);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    println!("store: {} (SQLite, recreated)", path.display());
    let store = Arc::new(SqliteStore::open(&path).await?);
    let opening = day.at(7, 0, 0, 0).in_tz(ZONE)?.timestamp();
    let (clock, fleet, carrier) =
        (Arc::new(ManualClock::new(opening)), Arc::new(own_fleet(day)?), Arc::new(TestCourier::new(opening)));
    let mailer = Arc::new(MemoryMailer::new());
    let plugins = Plugins::new()
        .gateway(PaymentMethod::Card, Arc::new(TestGateway::new("whsec_shop_day")))
        .courier(fleet.clone())
        .courier(carrier.clone())
        .mailer(mailer.clone());
    let shop = Shop::with_clock(store, plugins, clock.clone());
    Ok(Day { shop, path, date: day, clock, fleet, carrier, mailer })
}

/// 07:00: settings, catalog and stock, customers (Ana is a VIP who agreed to marketing e-mail).
async fn morning(day: &Day) -> Fallible<BTreeMap<&'static str, (String, Address)>> {
    day.at(7, 0, "catalog import, settings, customers")?;
    let shop = &day.shop;
    let data = catalog()?;
    let (products, price_lists) = (data.products.len(), data.price_lists.len());
    let version = shop.catalog().import(data).await?;
    shop.admin().configure(settings()?).await?;
    println!(
        "  catalog v{version}: {products} products, {price_lists} price lists; {} promotions",
        shop.settings().await?.pricing.promotions.len()
    );
    let people = [
        ("ana", "Ana Petrova", "ana@example.bg", "bg", sofia("ul. Vitosha 1", "Ana Petrova")),
        ("boris", "Boris Ivanov", "boris@example.bg", "en", sofia("bul. Bulgaria 12", "Boris Ivanov")),
        ("chen", "Chen Wei", "chen.wei@example.com", "zh", sofia("ul. Rakovski 7", "Chen Wei")),
        (
            "dora",
            "Dora Georgieva",
            "dora@example.bg",
            "bg",
            Address { city: "Plovdiv".into(), postal_code: "4000".into(), ..sofia("ul. Glavna 3", "Dora Georgieva") },
        ),
        ("elena", "Elena Smirnova", "elena@example.ru", "ru", sofia("ul. Shipka 20", "Elena Smirnova")),
    ];
    let mut registered = BTreeMap::new();
    for (key, name, email, locale, address) in people {
        let customer = shop
            .customers()
            .register(NewCustomer { email: email.into(), name: name.into(), phone: None, locale: locale.into() })
            .await?;
        registered.insert(key, (customer.id().to_owned(), address));
    }
    let ana = &registered["ana"].0;
    shop.customers().make_vip(ana).await?;
    shop.customers().grant_consent(ana, ConsentChannel::Email, ConsentSource::Account).await?;
    println!("  {} customers registered (1 VIP with e-mail marketing consent)", registered.len());
    Ok(registered)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Fallible<()> {
    let day = open(date(2026, 4, 14)).await?;
    let people = morning(&day).await?;
    let shop = &day.shop;
    let buy = |customer, items, pay, method, slot| Purchase {
        customer,
        items,
        coupon: None,
        method,
        slot,
        pay,
        gift_message: None,
    };

    day.at(9, 5, "the shop opens: guests browse, Ana pays by card")?;
    let food: Vec<String> =
        shop.catalog().current().await?.value.products_in_category("food").map(|p| p.name.clone()).collect();
    println!("  browsing Food: {}", food.join(", "));
    for (variant, quantity) in [("candle", 2), ("tote", 1)] {
        let guest = shop.carts().create(EUR, None).await?;
        shop.carts().add_line(&guest.id, variant, quantity).await?;
    }
    let ana = checkout(
        shop,
        &people,
        buy("ana", &[("tee-m", 1), ("honey", 2), ("linden-tea", 1)], PaymentMethod::Card, "same-day", Some("midday")),
    )
    .await?;
    for (attempt, card) in [TEST_CARD_DECLINED, TEST_CARD_SUCCESS].into_iter().enumerate() {
        let payment = shop.payments().pay(ana.id(), card, &format!("{}:card:{attempt}", ana.number())).await?;
        println!("    card ...{}: payment {}", &card[12..], payment.state());
    }

    day.at(9, 40, "a bank transfer")?;
    let boris = checkout(
        shop,
        &people,
        buy("boris", &[("teapot", 1), ("mountain-tea-250g", 2)], PaymentMethod::BankTransfer, "same-day", None),
    )
    .await?;
    let transfer = shop.payments().bank_transfer(boris.id()).await?;
    println!("    pay {} to reference {}", boris.total(), transfer.reference().formatted());

    day.at(10, 15, "cash on delivery, and a checkout left half-way")?;
    let chen = checkout(
        shop,
        &people,
        buy(
            "chen",
            &[("mug-white", 2), ("mountain-tea-100g", 1), ("honey", 1)],
            PaymentMethod::CashOnDelivery,
            "same-day",
            Some("afternoon"),
        ),
    )
    .await?;
    let filip = shop.carts().create(EUR, None).await?;
    shop.carts().add_line(&filip.id, "blanket", 1).await?;
    shop.checkout().start(&filip.id, "filip@example.bg", None).await?;
    println!("  Filip enters his e-mail for a wool blanket and leaves the checkout");

    day.at(10, 50, "store credit")?;
    let dora_id = &people["dora"].0;
    shop.wallets()
        .deposit(dora_id, eur(5_000), "goodwill: late parcel in March", "credit:dora:march", staff("mila"))
        .await?;
    let dora =
        checkout(shop, &people, buy("dora", &[("apron", 1), ("candle", 1)], PaymentMethod::Wallet, "courier", None))
            .await?;
    shop.wallets().pay_with_wallet(dora.id(), &format!("{}:wallet", dora.number())).await?;
    println!("    store credit left: {}", shop.wallets().balance(dora_id, EUR).await?);

    day.at(11, 20, "a gift card and a card, with a coupon and gift wrap")?;
    let card = shop.wallets().issue_gift_card(eur(2_000), None, "gift:elena:mum", Actor::System).await?;
    let present = Purchase {
        coupon: Some("WELCOME10"),
        gift_message: Some("For Mum, with love from Elena"),
        ..buy("elena", &[("board", 1), ("rose-jam", 2)], PaymentMethod::GiftCard, "same-day", Some("afternoon"))
    };
    let elena = checkout(shop, &people, present).await?;
    shop.wallets()
        .pay_with_gift_card(elena.id(), card.code().as_str(), &format!("{}:gift-card", elena.number()))
        .await?;
    let rest = shop.payments().pay(elena.id(), TEST_CARD_SUCCESS, &format!("{}:card", elena.number())).await?;
    println!("    gift card took {}, card {}", eur(2_000), rest.captured());

    day.at(11, 45, "packing")?;
    for order in [&ana, &dora, &chen, &elena] {
        let parcel = shop.shipping().ship(order.id(), staff("packer")).await?;
        println!(
            "  {} packed: parcel {} with {}",
            order.number(),
            parcel.tracking_number().unwrap_or("-"),
            parcel.courier()
        );
    }
    day.at(12, 0, "the midday driver leaves; Ana's parcel is delivered at 12:50")?;
    day.driver(&ana, DriverUpdate::PickedUp).await?;
    day.at(12, 50, "delivered")?;
    day.driver(&ana, DriverUpdate::OutForDelivery).await?;
    day.driver(&ana, DriverUpdate::Delivered { cash_collected: None }).await?;

    day.at(13, 30, "support chat")?;
    let case = |customer: &str, order: &Order, subject: &str, text: &str| NewCase {
        customer_id: customer.into(),
        opened_by: CaseActor::Customer { id: customer.into() },
        channel: Channel::Chat,
        subject: subject.into(),
        description: text.into(),
        priority: Priority::Normal,
        category: CaseCategory::DeliveryProblem,
        order_id: Some(order.id().into()),
        order_line_ids: vec![],
    };
    shop.support()
        .open_case(NewCase {
            priority: Priority::High,
            ..case(&people["boris"].0, &boris, "Did my transfer arrive?", "I paid this morning.")
        })
        .await?;
    println!("  Boris asks whether his transfer arrived (high priority: an answer due within 4 hours)");

    day.at(14, 5, "the test courier picks up; the afternoon driver leaves")?;
    let picked = shop.shipping().refresh_tracking(shop.now()).await?;
    println!("  tracking: {} parcel(s) moved", picked.updates.len());
    day.driver(&chen, DriverUpdate::PickedUp).await?;
    day.driver(&elena, DriverUpdate::PickedUp).await?;

    let due = shop.run_due(day.at(15, 0, "due work: unpaid transfers, abandoned checkouts, the outbox")?).await?;
    let reminded: Vec<&str> = due.reminders.iter().map(|(number, _)| number.as_str()).collect();
    println!(
        "  reminded: {reminded:?}; followed up: {} checkout(s); e-mails sent: {}",
        due.follow_ups.len(),
        due.emails_sent
    );

    day.at(15, 40, "afternoon deliveries: Chen pays the driver in cash")?;
    let cash = chen.total();
    day.driver(&chen, DriverUpdate::OutForDelivery).await?;
    shop.payments()
        .record_cash_collected(chen.id(), cash, "own-fleet/driver-7", &format!("{}:cash", chen.number()))
        .await?;
    day.driver(&chen, DriverUpdate::Delivered { cash_collected: Some(cash) }).await?;
    day.driver(&elena, DriverUpdate::OutForDelivery).await?;
    day.driver(&elena, DriverUpdate::Delivered { cash_collected: None }).await?;
    println!("  {}: driver collected {cash}, order {}", chen.number(), shop.orders().get(chen.id()).await?.state());

    day.at(16, 30, "a delivery question answered with a canned reply")?;
    shop.shipping().refresh_tracking(shop.now()).await?;
    let question = shop
        .support()
        .open_case(case(dora_id, &dora, "When does my parcel arrive?", "Can I pick it up in Plovdiv?"))
        .await?;
    let parcel = shop.shipping().shipments_of(dora.id()).await?.pop().ok_or("no parcel")?;
    let values = BTreeMap::from([
        ("name".to_owned(), "Dora".to_owned()),
        ("parcel".to_owned(), parcel.tracking_number().unwrap_or("-").to_owned()),
        ("order".to_owned(), dora.number().to_string()),
    ]);
    shop.support().reply_with_canned(question.id(), "mila", "where-is-my-parcel", Some("en"), &values).await?;
    let solved = shop.support().solve(question.id(), CaseActor::Agent { id: "mila".into() }).await?;
    let survey = solved.survey.ok_or("no survey")?;
    let answer = shop.support().answer_survey(survey.id(), 5, Some("Fast and friendly")).await?;
    println!("  case {}, CSAT {}/5", solved.case.state(), answer.response().map_or(0, |r| r.score));

    day.at(17, 45, "the bank statement arrives")?;
    let written = transfer.reference().formatted().to_lowercase();
    let line = TransferReceipt {
        bank_transaction_id: "DEMO-2026-04-14-0017".into(),
        received_on: day.date,
        bank: "Demo Bank".into(),
        amount: boris.total(),
        payer_name: "BORIS IVANOV".into(),
        reference_as_written: written.clone(),
    };
    shop.payments().record_statement(&[line]).await?;
    println!("  transfer quoting {written:?}: order {}", shop.orders().get(boris.id()).await?.state());

    day.at(18, 30, "a return: Ana's linen tee is too small")?;
    let tee = ana.cart().lines.iter().find(|l| l.variant_id == "tee-m").ok_or("no tee")?.id.to_string();
    let asked = RequestedLine {
        line_id: tee.clone(),
        quantity: 1,
        reason: ReturnReason::ChangedMind,
        condition: ItemCondition::Unused,
        photos: vec![],
        note: Some("too small".into()),
    };
    let rma = shop
        .returns()
        .request(ana.id(), &[asked], Actor::Shopper { customer_id: Some(people["ana"].0.clone()) }, None)
        .await?;
    shop.returns().approve(rma.id(), staff("mila")).await?;
    shop.returns().await_parcel(rma.id(), None, Actor::System).await?;
    shop.returns().receive(rma.id(), None, staff("packer")).await?;
    let inspection = Inspection {
        lines: vec![InspectedLine { line_id: tee, condition: ItemCondition::Unused, note: None }],
        note: None,
    };
    shop.returns().inspect(rma.id(), inspection, staff("packer")).await?;
    shop.returns().refund(rma.id(), staff("mila"), &format!("{}:refund", rma.id())).await?;
    let closed = shop.returns().close(rma.id(), None, Actor::System).await?;
    println!("  return {}; order {}", closed.state(), shop.orders().get(ana.id()).await?.state());

    let evening = shop.run_due(day.at(20, 0, "evening: follow-ups and the outbox")?).await?;
    println!("  followed up: {} checkout(s); e-mails sent: {}", evening.follow_ups.len(), evening.emails_sent);
    for (case_id, target) in &evening.sla_escalations {
        let escalated = shop.support().get(case_id).await?;
        let queue = escalated.assignment().queue.as_deref().unwrap_or("none");
        println!(
            "  SLA {} breached on \"{}\": escalated to {queue}, priority {}",
            target.label(),
            escalated.subject(),
            escalated.priority().as_str()
        );
    }
    println!("  memory mailer holds {} messages", day.mailer.sent().len());
    report(&day).await?;
    week_later(&day).await
}

/// Eight days later: the case solved at 16:30 that nobody reopened within the policy's 7 days is
/// closed by the due work, with no one touching it.
async fn week_later(day: &Day) -> Fallible<()> {
    let later = day.date.checked_add(jiff::Span::new().days(8))?;
    let now = later.at(9, 0, 0, 0).in_tz(ZONE)?.timestamp();
    day.clock.set(now);
    println!("\n{later} 09:00  a week later");
    let due = day.shop.run_due(now).await?;
    for case_id in &due.cases_closed {
        let case = day.shop.support().get(case_id).await?;
        println!("  case \"{}\" {}: solved, not reopened within 7 days", case.subject(), case.state());
    }
    Ok(())
}

/// The end-of-day report: the store computes the figures (orders by state from the orders' indexed
/// columns, money and products from the sales rollups), and writes charts and CSV files beside it.
async fn report(day: &Day) -> Fallible<()> {
    let shop = &day.shop;
    let sales = shop.reports().sales_on(day.date).await?;
    let list = |counts: &[vitrina::store::Count]| {
        counts.iter().map(|c| format!("{} {}", c.key, c.count)).collect::<Vec<_>>().join(", ")
    };
    println!("\n== end of day report (computed by SQLite) ==");
    println!("orders by state: {}", list(&sales.by_state));
    println!("orders by payment method: {}", list(&sales.by_payment_method));
    let tomorrow = day.date.tomorrow()?;
    let rollup = shop.reports().sales_report(day.date, tomorrow, Period::Day).await?;
    for f in &rollup.overall {
        println!(
            "{}: {} orders ({} cancelled), {} items; subtotal {}, discounts {}, shipping {}, packaging {}, tax {}",
            f.currency.code(),
            f.orders,
            f.cancelled,
            f.items,
            f.subtotal,
            f.discounts,
            f.shipping,
            f.packaging,
            f.tax
        );
        println!(
            "  charged {}, refunded {}, net {}, collected {}, average order {}",
            f.total, f.refunds, f.net, f.collected, f.average_order
        );
    }
    let products = shop.reports().products(day.date, tomorrow, EUR, 3).await?;
    let best: Vec<String> =
        products.top.iter().map(|p| format!("{} ({} sold, {})", p.name, p.units, p.revenue)).collect();
    println!("best sellers: {}", best.join("; "));
    println!(
        "products listed {}, sold {} ({} %), units returned {} ({} % of sold)",
        products.listed,
        products.sold,
        products.sell_through_percent,
        products.returned_units,
        products.return_rate_percent
    );
    let funnel = shop.reports().funnel(day.date, tomorrow).await?;
    println!(
        "funnel: {} carts, {} checkouts, {} orders, {} paid in full; {} checkout(s) followed up, {} recovered",
        funnel.carts_created,
        funnel.checkouts_started,
        funnel.orders_placed,
        funnel.orders_paid,
        funnel.followed_up,
        funnel.recovered
    );
    for effect in &funnel.promotions {
        println!("  {}: {} order(s), {} off, {} charged", effect.name, effect.orders, effect.discount, effect.revenue);
    }
    let after = shop.reports().after_sales(day.date, tomorrow).await?;
    let tally = |tallies: &[vitrina::reports::Tally]| {
        tallies.iter().map(|t| format!("{} {}", t.key, t.count)).collect::<Vec<_>>().join(", ")
    };
    println!(
        "after-sales: returns ({}); cases opened ({}), solved {}; first response {} % on time; CSAT {} ({})",
        tally(&after.returns_by_reason),
        tally(&after.cases_opened),
        after.cases_solved,
        after.first_response.compliance_percent,
        after.csat_average,
        tally(&after.csat_scores)
    );
    let customers = shop.reports().customers(day.date, tomorrow).await?;
    println!(
        "customers: {} first order(s), {} repeat, {} guest",
        customers.first_orders, customers.repeat_orders, customers.guest_orders
    );
    for f in &customers.figures {
        println!(
            "  {}: {} customer(s), {} new, repeat rate {} %, lifetime value {}, VIP {} ({} % of spend)",
            f.currency.code(),
            f.customers,
            f.new_customers,
            f.repeat_rate_percent,
            f.lifetime_value,
            f.vip_customers,
            f.vip_spent_percent
        );
    }
    write_charts(day, tomorrow).await?;
    for variant in ["honey", "tee-m"] {
        let level = shop.catalog().stock(variant).await?.ok_or("untracked")?;
        println!("stock {variant}: {} on hand, {} reserved", level.on_hand, level.reserved);
    }
    let open = shop.support().open_cases_by_sla().await?;
    println!("open support cases: {}", open.len());
    let work = shop.orders().work_list().await?;
    println!(
        "work list: {} to ship, {} transfers overdue, {} cash not settled",
        work.to_ship.len(),
        work.transfer_overdue.len(),
        work.cash_not_settled.len()
    );
    Ok(())
}

/// The week up to today as an SVG chart of sales per day, the day's orders by payment method and
/// its funnel, and every report as CSV, written beside the store.
async fn write_charts(day: &Day, tomorrow: Date) -> Fallible<()> {
    let reports = day.shop.reports();
    let week_ago = day.date.checked_sub(jiff::Span::new().days(6))?;
    let folder = day.path.with_extension("reports");
    std::fs::create_dir_all(&folder)?;
    let files = [
        ("sales_per_day.svg", reports.sales_chart(week_ago, tomorrow, Period::Day, EUR).await?),
        ("payment_methods.svg", reports.payment_methods_chart(day.date, tomorrow, EUR).await?),
        ("funnel.svg", reports.funnel_chart(day.date, tomorrow).await?),
        ("sales.csv", reports.sales_csv(week_ago, tomorrow, Period::Day).await?),
        ("products.csv", reports.products_csv(day.date, tomorrow, EUR).await?),
        ("funnel.csv", reports.funnel_csv(day.date, tomorrow).await?),
        ("customers.csv", reports.customers_csv(day.date, tomorrow).await?),
        ("after_sales.csv", reports.after_sales_csv(day.date, tomorrow).await?),
    ];
    for (name, content) in &files {
        std::fs::write(folder.join(name), content)?;
    }
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    println!("charts and CSV files in {}: {}", folder.display(), names.join(", "));
    Ok(())
}
