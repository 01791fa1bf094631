//! Shipping, run through `Shop` alone on the embedded SQLite store (in memory) and a simulated
//! clock: the delivery options a cart gets to Sofia and to Plovdiv, gift wrap priced into the order,
//! a parcel carried by the test courier (a failed attempt, then delivery the next day), one carried
//! by the shop's own driver in a time slot, a cash-on-delivery order in a plain box collected at the
//! door, tracking pulled by the shop so each order follows its parcel, and the timeline the shopper
//! sees.
//!
//! The shop is the one of the shop day (`examples/data/`): `courier` goes by the test courier,
//! `same-day` by the shop's own fleet.
//!
//! `cargo run --example shipping`

use std::error::Error;
use std::sync::Arc;

use jiff::civil::date;
use jiff::Timestamp;
use vitrina::catalog::CatalogData;
use vitrina::delivery::{Address, DeliverySlot, DeliveryWindow, ShippingZone};
use vitrina::event::Actor;
use vitrina::money::{Currency, Money};
use vitrina::notify::MemoryMailer;
use vitrina::order::{DeliveryDetails, Order, PaymentMethod};
use vitrina::payment::{TestGateway, TEST_CARD_SUCCESS};
use vitrina::shipping::Shipment;
use vitrina::shop::{ManualClock, Plugins, Settings, Shop, TrackingUpdate};
use vitrina_couriers_own_fleet::{DriverUpdate, FleetZone, OwnFleetConfig, OwnFleetCourier};
use vitrina_couriers_test::{Scenario, TestCourier};
use vitrina_store_sqlite::SqliteStore;

type Fallible<T> = Result<T, Box<dyn Error>>;

const ZONE: &str = "Europe/Sofia";
const EUR: Currency = Currency::EUR;
const DRIVER: &str = "driver-7";

/// The shop, its simulated clock, and the couriers: the test courier's clock follows the shop's.
struct Demo {
    shop: Shop,
    clock: Arc<ManualClock>,
    fleet: Arc<OwnFleetCourier>,
    carrier: Arc<TestCourier>,
}

impl Demo {
    /// Opens the shop on Monday 08:00: settings, catalog with stock, both couriers.
    async fn open() -> Fallible<Demo> {
        let opening = sofia_time(0, 8, 0)?;
        let (clock, fleet, carrier) =
            (Arc::new(ManualClock::new(opening)), Arc::new(own_fleet()?), Arc::new(TestCourier::new(opening)));
        let plugins = Plugins::new()
            .gateway(PaymentMethod::Card, Arc::new(TestGateway::new("whsec_shipping")))
            .courier(fleet.clone())
            .courier(carrier.clone())
            .mailer(Arc::new(MemoryMailer::new()));
        let shop = Shop::with_clock(Arc::new(SqliteStore::in_memory().await?), plugins, clock.clone());
        let settings: Settings = serde_json::from_str(include_str!("data/shop_day_settings.json"))?;
        shop.admin().configure(settings).await?;
        let catalog: CatalogData = serde_json::from_str(include_str!("data/shop_day_catalog.json"))?;
        shop.catalog().import(catalog).await?;
        println!("store: SQLite in memory; couriers: test, own-fleet");
        Ok(Demo { shop, clock, fleet, carrier })
    }

    /// Sets the clock to `hh:mm` Sofia time, `day` days after Monday, and says what happens.
    fn at(&self, day: i8, hour: i8, minute: i8, what: &str) -> Fallible<Timestamp> {
        let now = sofia_time(day, hour, minute)?;
        self.carrier.advance(now.duration_since(self.carrier.now()));
        self.clock.set(now);
        println!("\n{}  {what}", local(now)?);
        Ok(now)
    }

    /// A guest cart of a linen tee and two mugs.
    async fn cart(&self) -> Fallible<String> {
        let cart = self.shop.carts().create(EUR, None).await?;
        self.shop.carts().add_line(&cart.id, "tee-m", 1).await?;
        self.shop.carts().add_line(&cart.id, "mug-white", 2).await?;
        Ok(cart.id)
    }

    /// Both checkout steps, the price confirmed and the order placed.
    async fn place(&self, cart_id: &str, email: &str, delivery: DeliveryDetails) -> Fallible<Order> {
        let checkout = self.shop.checkout();
        let session = checkout.start(cart_id, email, None).await?;
        checkout.set_delivery(session.id(), delivery).await?;
        let confirmed = checkout.quote(session.id()).await?;
        let order = checkout.place_order(session.id(), &confirmed).await?;
        let totals = &order.priced().totals;
        println!(
            "  {} placed: {} (shipping {}, packaging {}), {}",
            order.number(),
            order.total(),
            totals.shipping_total,
            totals.packaging_total,
            order.delivery().payment_method.as_str()
        );
        Ok(order)
    }

    /// Packs `order` and buys its label from the courier its shipping method goes with.
    async fn ship(&self, order: &Order) -> Fallible<Shipment> {
        let parcel = self.shop.shipping().ship(order.id(), Actor::Staff { id: "packer".into() }).await?;
        let number = parcel.tracking_number().unwrap_or("-");
        println!("  {} packed: parcel {number} with {}", order.number(), parcel.courier());
        Ok(parcel)
    }

    /// The driver reports on `parcel` in the fleet's app; the shop polls that one parcel.
    async fn driver(&self, parcel: &Shipment, update: DriverUpdate) -> Fallible<()> {
        let number = parcel.tracking_number().ok_or("no tracking number")?;
        self.fleet.driver_update(number, DRIVER, update, self.shop.now())?;
        if let Some(update) = self.shop.shipping().refresh_shipment(parcel.id()).await? {
            print_update(&update);
        }
        Ok(())
    }

    /// What the shopper sees on the order page.
    async fn timeline(&self, order: &Order) -> Fallible<()> {
        println!("  timeline of {}:", order.number());
        for entry in self.shop.orders().timeline(order.id()).await? {
            let why = entry.incident.map_or(String::new(), |i| format!(" ({i:?})"));
            let parcel = entry.tracking_number.unwrap_or_default();
            let line = format!("{}  {:<22} {parcel}{why}", local(entry.at)?, format!("{:?}", entry.milestone));
            println!("    {}", line.trim_end());
        }
        Ok(())
    }
}

/// `hh:mm` in Sofia, `day` days after Monday 2 March 2026.
fn sofia_time(day: i8, hour: i8, minute: i8) -> Fallible<Timestamp> {
    Ok(date(2026, 3, 2 + day).at(hour, minute, 0, 0).in_tz(ZONE)?.timestamp())
}

fn local(at: Timestamp) -> Fallible<String> {
    Ok(at.in_tz(ZONE)?.strftime("%a %H:%M").to_string())
}

fn address(recipient: &str, city: &str, postal_code: &str) -> Address {
    Address {
        recipient: recipient.into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: city.into(),
        postal_code: postal_code.into(),
        region: None,
        country: "BG".into(),
    }
}

/// One tracking update: where the parcel moved, and whether its order followed.
fn print_update(update: &TrackingUpdate) {
    let parcel: Vec<String> = update.shipment_moves.iter().map(ToString::to_string).collect();
    let order: Vec<String> = update.order_moves.iter().map(ToString::to_string).collect();
    let order = if order.is_empty() { "unchanged".to_owned() } else { order.join(" -> ") };
    println!("  parcel: {}; order: {order}", parcel.join(" -> "));
}

/// The shop's own drivers in Sofia: three slots on Monday.
fn own_fleet() -> Fallible<OwnFleetCourier> {
    let slot = |id: &str, from: i8, to: i8| -> Fallible<DeliverySlot> {
        Ok(DeliverySlot::new(id, DeliveryWindow::new(sofia_time(0, from, 0)?, sofia_time(0, to, 0)?)?, 8))
    };
    let zone = ShippingZone::countries("sofia", "Sofia", &["BG"])?.with_postal_prefixes(&["1"])?;
    Ok(OwnFleetCourier::new(OwnFleetConfig {
        shop_name: "Vitrina Demo".into(),
        zones: vec![FleetZone { zone, price: Money::from_minor(390, EUR) }],
        slots: vec![slot("midday", 11, 14)?, slot("afternoon", 14, 18)?, slot("evening", 18, 21)?],
        max_weight_grams: 20_000,
        slots_offered: 3,
        tracking_prefix: "OF".into(),
    }))
}

/// The delivery options of one cart to Sofia and to Plovdiv (outside the drivers' zone).
async fn delivery_options(demo: &Demo, cart_id: &str) -> Fallible<()> {
    for to in [address("Ana Petrova", "Sofia", "1000"), address("Dora Georgieva", "Plovdiv", "4000")] {
        println!("  to {}:", to.city);
        for option in demo.shop.shipping().delivery_options(cart_id, &to).await? {
            let courier = option.courier.as_deref().unwrap_or("-");
            println!("    {} ({courier}): {}", option.name, option.price);
            for service in &option.services {
                let window = &service.estimated_delivery;
                let (from, to) = (local(window.start)?, local(window.end)?);
                println!("      {:<16} {}, {from} - {to}", service.service, service.price);
            }
            for warning in &option.warnings {
                println!("      ! {}", warning.message);
            }
        }
    }
    Ok(())
}

/// A gift-wrapped birthday present by the test courier, who will find nobody home on the first try.
async fn courier_parcel(demo: &Demo, cart_id: &str) -> Fallible<Order> {
    demo.shop.carts().gift_wrap(cart_id, Some("Happy birthday, Maria!")).await?;
    let delivery = DeliveryDetails::new(address("Maria Petrova", "Sofia", "1000"), "courier", PaymentMethod::Card);
    let order = demo.place(cart_id, "ana@example.bg", delivery).await?;
    demo.shop.payments().pay(order.id(), TEST_CARD_SUCCESS, "ana:card").await?;
    demo.carrier.queue_scenario(Scenario::FailedThenRedelivered);
    demo.ship(&order).await?;
    Ok(order)
}

/// The shop pulls the test courier's tracking each afternoon: Tuesday's attempt fails, Wednesday's
/// delivers, and the order follows its parcel.
async fn tracking_rounds(demo: &Demo) -> Fallible<()> {
    for (day, hour, what) in [(0, 20, "tracking round"), (1, 15, "tracking round"), (2, 15, "tracking round")] {
        let round = demo.shop.shipping().refresh_tracking(demo.at(day, hour, 0, what)?).await?;
        round.updates.iter().for_each(print_update);
    }
    Ok(())
}

/// Delivery today by the shop's own driver, in `slot`.
fn same_day(recipient: &str, postal_code: &str, slot: &str, pay: PaymentMethod) -> DeliveryDetails {
    let to = address(recipient, "Sofia", postal_code);
    DeliveryDetails { slot_id: Some(slot.into()), ..DeliveryDetails::new(to, "same-day", pay) }
}

/// Boris pays by card; the afternoon driver brings his parcel.
async fn own_driver(demo: &Demo) -> Fallible<()> {
    demo.at(0, 10, 30, "Boris: same day, our driver, afternoon slot")?;
    let delivery = same_day("Boris Ivanov", "1504", "afternoon", PaymentMethod::Card);
    let boris = demo.place(&demo.cart().await?, "boris@example.bg", delivery).await?;
    demo.shop.payments().pay(boris.id(), TEST_CARD_SUCCESS, "boris:card").await?;
    let parcel = demo.ship(&boris).await?;
    demo.at(0, 14, 10, "the afternoon driver leaves")?;
    demo.driver(&parcel, DriverUpdate::PickedUp).await?;
    demo.at(0, 15, 20, "Boris's parcel is delivered")?;
    demo.driver(&parcel, DriverUpdate::OutForDelivery).await?;
    demo.driver(&parcel, DriverUpdate::Delivered { cash_collected: None }).await
}

/// Chen pays cash on delivery and wants a plain box (the label names no sender); the evening
/// driver collects the cash at the door and hands it in after the round.
async fn cash_at_the_door(demo: &Demo) -> Fallible<Order> {
    demo.at(0, 16, 0, "Chen: cash on delivery in a plain box, evening slot")?;
    let cart = demo.cart().await?;
    demo.shop.carts().discreet_packaging(&cart, true).await?;
    let delivery = same_day("Chen Wei", "1000", "evening", PaymentMethod::CashOnDelivery);
    let chen = demo.place(&cart, "chen.wei@example.com", delivery).await?;
    let parcel = demo.ship(&chen).await?;
    let label = String::from_utf8_lossy(&parcel.label().ok_or("no label")?.bytes).trim_end().to_owned();
    println!("  label:\n    {}", label.replace('\n', "\n    "));

    demo.at(0, 18, 5, "the evening driver leaves")?;
    demo.driver(&parcel, DriverUpdate::PickedUp).await?;
    demo.driver(&parcel, DriverUpdate::OutForDelivery).await?;
    demo.at(0, 18, 40, "the driver collects Chen's cash at the door")?;
    let cash = chen.total();
    demo.shop.payments().record_cash_collected(chen.id(), cash, &format!("own-fleet/{DRIVER}"), "chen:cash").await?;
    demo.driver(&parcel, DriverUpdate::Delivered { cash_collected: Some(cash) }).await?;
    let order = demo.shop.orders().get(chen.id()).await?;
    println!("  {}: {} paid in cash, order {}", order.number(), order.paid(), order.state());
    let sheet: Vec<String> = demo.fleet.hand_in_cash(DRIVER).iter().map(|r| r.amount.to_string()).collect();
    println!("  {DRIVER} hands in: {}", sheet.join(", "));
    Ok(order)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Fallible<()> {
    let demo = Demo::open().await?;
    demo.at(0, 9, 0, "Ana asks how her cart can be delivered")?;
    let ana = demo.cart().await?;
    delivery_options(&demo, &ana).await?;
    demo.at(0, 10, 0, "Ana sends it as a gift, by courier")?;
    let present = courier_parcel(&demo, &ana).await?;
    own_driver(&demo).await?;
    let chen = cash_at_the_door(&demo).await?;
    tracking_rounds(&demo).await?;

    let present = demo.shop.orders().get(present.id()).await?;
    println!(
        "\nwhat the shoppers see: {} is {}, {} is {}",
        present.number(),
        present.state(),
        chen.number(),
        chen.state()
    );
    demo.timeline(&present).await?;
    demo.timeline(&chen).await
}
