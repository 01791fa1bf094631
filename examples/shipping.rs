//! Shipping: zones and delivery methods, gift wrap priced from the cart, an order split into two
//! shipments by stock, one carried by the test courier (a failed attempt, then delivery) and one by
//! the shop's own driver; a cash-on-delivery order collected at the door; the order following its
//! shipments, and the timeline the shopper sees.

use std::error::Error;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use vitrina::cart::{Cart, CartLine, GiftWrap};
use vitrina::catalog::{Catalog, CatalogData, Product};
use vitrina::delivery::Address;
use vitrina::delivery::{
    methods_for, packaging_for_cart, DeliveryKind, DeliveryMethod, DeliverySlot, DeliveryWindow, PackagingKind,
    PackagingOption, ShippingMethod, ShippingRate, ShippingZone,
};
use vitrina::event::Actor;
use vitrina::money::{Currency, Money};
use vitrina::order::PaymentMethod;
use vitrina::order::{ContactDetails, DeliveryDetails};
use vitrina::order::{Order, OrderDraft, OrderNumber, OrderState};
use vitrina::pricing::{Pricer, PricingContext, PricingRules};
use vitrina::shipping::{
    lines_from_stock, order_timeline, sync_order_state, LabelRequest, NewShipment, Parcel, RateRequest, Shipment,
    ShippingService, StockOnHand,
};
use vitrina_couriers_own_fleet::{DriverUpdate, FleetZone, OwnFleetConfig, OwnFleetCourier};
use vitrina_couriers_test::{Scenario, TestCourier};

type Fallible<T> = Result<T, Box<dyn Error>>;

fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

fn at(hours: i64) -> Timestamp {
    "2026-03-02T08:00:00Z".parse::<Timestamp>().expect("a timestamp") + SignedDuration::from_hours(hours)
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

fn pricer() -> Fallible<Pricer> {
    let product = |id: &str, name: &str, minor, grams| {
        let mut product = Product::simple(id, name, id, eur(minor));
        product.variants[0].weight_grams = grams;
        product
    };
    let catalog = Catalog::new(CatalogData {
        products: vec![product("tee", "Linen tee", 2000, 300), product("mug", "Stoneware mug", 980, 350)],
        ..Default::default()
    })?;
    let courier = ShippingMethod {
        id: "courier".into(),
        name: "Courier".into(),
        currency: Currency::EUR,
        regions: vec![],
        tax_category: "shipping".into(),
        rate: ShippingRate::Flat { amount: eur(490).amount() },
        free_over: None,
    };
    let gift_wrap = PackagingOption::new(PackagingKind::GiftWrap, "Gift wrap", eur(350));
    let rules = PricingRules { shipping_methods: vec![courier], packaging: vec![gift_wrap], ..Default::default() };
    Ok(Pricer::new(catalog, rules)?)
}

fn place(pricer: &Pricer, sequence: u64, cart: Cart, payment_method: PaymentMethod) -> Fallible<Order> {
    let context = PricingContext {
        currency: Currency::EUR,
        region: Some("BG".into()),
        channel: None,
        customer_groups: vec![],
        now: at(0),
        first_order: false,
        promotion_uses: Default::default(),
        shipping_method_id: Some("courier".into()),
    };
    let priced = pricer.price(&cart, &context)?;
    let draft = OrderDraft {
        number: OrderNumber::new("VT", 2026, sequence)?,
        customer_id: None,
        contact: ContactDetails::new("ana@example.bg", Some("+359888123456"))?,
        delivery: DeliveryDetails::new(address("Ana Petrova", "Sofia", "1000"), "courier", payment_method),
        cart,
        context,
        priced,
    };
    Ok(Order::place(draft, Actor::Shopper { customer_id: None }, at(0))?)
}

fn cart(gift: bool) -> Cart {
    let line = |id: &str, quantity| CartLine {
        id: id.into(),
        variant_id: id.into(),
        quantity,
        unit_price_at_add: None,
        note: None,
    };
    let mut cart = Cart::new(Currency::EUR, None);
    cart.lines = vec![line("tee", 1), line("mug", 2)];
    if gift {
        cart.gift_wrap = Some(GiftWrap { message: Some("Happy birthday, Maria!".into()) });
    }
    cart
}

fn sofia() -> Fallible<ShippingZone> {
    Ok(ShippingZone::countries("sofia", "Sofia", &["BG"])?.with_postal_prefixes(&["1"])?)
}

fn show_methods() -> Fallible<()> {
    let zones = vec![sofia()?, ShippingZone::countries("bg", "Bulgaria", &["BG"])?];
    let method = |id: &str, kind, zones: &[&str]| DeliveryMethod {
        id: id.into(),
        name: id.into(),
        kind,
        zone_ids: zones.iter().map(|z| (*z).to_owned()).collect(),
        shipping_method_id: "courier".into(),
        cash_on_delivery: true,
    };
    let methods = vec![
        method("own-driver", DeliveryKind::OwnCourier { courier: "own-fleet".into() }, &["sofia"]),
        method("carrier", DeliveryKind::Carrier { courier: "test".into(), service: "standard".into() }, &[]),
    ];
    for (city, postal) in [("Sofia", "1000"), ("Varna", "9000")] {
        let offered = methods_for(&methods, &zones, &address("Ana", city, postal));
        let ids: Vec<_> = offered.iter().map(|m| m.id.as_str()).collect();
        println!("delivery methods to {city}: {}", ids.join(", "));
    }
    Ok(())
}

fn own_fleet() -> Fallible<Arc<OwnFleetCourier>> {
    let slot = |id: &str, from| -> Fallible<DeliverySlot> {
        Ok(DeliverySlot::new(id, DeliveryWindow::new(at(from), at(from + 4))?, 8))
    };
    Ok(Arc::new(OwnFleetCourier::new(OwnFleetConfig {
        shop_name: "Vitrina shop".into(),
        zones: vec![FleetZone { zone: sofia()?, price: eur(300) }],
        slots: vec![slot("tue-am", 24)?, slot("tue-pm", 28)?],
        max_weight_grams: 20_000,
        slots_offered: 2,
        tracking_prefix: "OF".into(),
    })))
}

fn label_request(pricer: &Pricer, shipment: &Shipment, service: &str) -> LabelRequest {
    LabelRequest {
        parcel: Parcel::for_lines(shipment.lines(), pricer.catalog(), 150),
        from: address("Vitrina shop", "Sofia", "1404"),
        service: service.into(),
        slot_id: None,
        pickup_point_id: None,
    }
}

fn print_timeline(order: &Order, shipments: &[Shipment]) {
    println!("timeline of {}:", order.number());
    for entry in order_timeline(order, shipments) {
        let parcel = entry.tracking_number.as_deref().unwrap_or("");
        let why = entry.incident.map_or(String::new(), |i| format!(" ({i:?})"));
        println!("  {}  {:<24} {parcel}{why}", entry.at, format!("{:?}", entry.milestone));
    }
}

async fn split_order(pricer: &Pricer) -> Fallible<()> {
    let mut order = place(pricer, 1, cart(true), PaymentMethod::Card)?;
    for charge in packaging_for_cart(order.cart(), &pricer.rules().packaging)? {
        println!("packaging: {} {} ({:?})", charge.name, charge.price, charge.gift_message);
    }
    println!("order total {} (packaging {})", order.total(), order.priced().totals.packaging_total);
    order.record_payment(order.total())?;
    order.transition(OrderState::Paid, Actor::System, at(1), None)?;
    order.transition(OrderState::Processing, Actor::Staff { id: "packer".into() }, at(2), None)?;

    let test = Arc::new(TestCourier::new(at(2)));
    let carrier = ShippingService::new(test.clone());
    let request = RateRequest {
        parcel: Parcel::for_lines(&[], pricer.catalog(), 1000),
        from: address("Vitrina shop", "Sofia", "1404"),
        to: order.delivery().address.clone(),
        ready_at: at(2),
    };
    for option in carrier.courier().rates(&request).await?.options {
        println!("rate: {} {} by {}", option.service, option.price, option.estimated_delivery.end);
    }

    // One mug is in stock: the tee and a mug leave now by carrier, the other mug later by our driver.
    let stock = [
        StockOnHand { variant_id: "tee".into(), available: 5 },
        StockOnHand { variant_id: "mug".into(), available: 1 },
    ];
    let now = lines_from_stock(&order, &[], &stock);
    let new = |courier: &str, lines| NewShipment {
        courier: courier.into(),
        service: None,
        lines,
        cash_on_delivery: None,
        packaging: vec![PackagingKind::GiftWrap],
    };
    let first = Shipment::plan(&order, &[], new("test", now), Actor::Staff { id: "packer".into() }, at(2))?;
    let rest = lines_from_stock(
        &order,
        std::slice::from_ref(&first),
        &[StockOnHand { variant_id: "mug".into(), available: 3 }],
    );
    let second = Shipment::plan(
        &order,
        std::slice::from_ref(&first),
        new("own-fleet", rest),
        Actor::Staff { id: "packer".into() },
        at(3),
    )?;
    let mut shipments = vec![first, second];

    test.queue_scenario(Scenario::FailedThenRedelivered);
    let request = label_request(pricer, &shipments[0], "standard");
    carrier.create_label(&order, &mut shipments[0], request, at(3)).await?;
    test.advance(SignedDuration::from_hours(6));
    carrier.refresh_tracking(&mut shipments).await?;
    println!(
        "order after the first parcel left: {:?}",
        sync_order_state(&mut order, &shipments, Actor::System, at(9))?
    );

    let fleet = own_fleet()?;
    let driver = ShippingService::new(fleet.clone());
    let request = label_request(pricer, &shipments[1], "slot:tue-pm");
    driver.create_label(&order, &mut shipments[1], request, at(20)).await?;
    let number = shipments[1].tracking_number().ok_or("no tracking number")?.to_owned();
    fleet.driver_update(&number, "d7", DriverUpdate::PickedUp, at(27))?;
    fleet.driver_update(&number, "d7", DriverUpdate::OutForDelivery, at(28))?;
    fleet.driver_update(&number, "d7", DriverUpdate::Delivered { cash_collected: None }, at(29))?;
    driver.refresh_tracking(&mut shipments).await?;
    test.advance(SignedDuration::from_hours(60));
    carrier.refresh_tracking(&mut shipments).await?;
    println!("order after both parcels: {:?}", sync_order_state(&mut order, &shipments, Actor::System, at(70))?);
    if order.state() != OrderState::Delivered {
        return Err(format!("expected delivered, got {}", order.state()).into());
    }
    print_timeline(&order, &shipments);
    Ok(())
}

async fn cash_on_delivery(pricer: &Pricer) -> Fallible<()> {
    let mut order = place(pricer, 2, cart(false), PaymentMethod::CashOnDelivery)?;
    let fleet = own_fleet()?;
    let driver = ShippingService::new(fleet.clone());
    let lines = lines_from_stock(
        &order,
        &[],
        &[
            StockOnHand { variant_id: "tee".into(), available: 9 },
            StockOnHand { variant_id: "mug".into(), available: 9 },
        ],
    );
    let new = NewShipment {
        courier: "own-fleet".into(),
        service: None,
        lines,
        cash_on_delivery: Some(order.total()),
        packaging: vec![PackagingKind::Discreet],
    };
    let mut shipments = vec![Shipment::plan(&order, &[], new, Actor::Staff { id: "packer".into() }, at(1))?];
    let request = label_request(pricer, &shipments[0], "slot:tue-am");
    driver.create_label(&order, &mut shipments[0], request, at(2)).await?;
    let label = String::from_utf8_lossy(&shipments[0].label().ok_or("no label")?.bytes).into_owned();
    println!("discreet label:\n{label}");
    let number = shipments[0].tracking_number().ok_or("no tracking number")?.to_owned();
    fleet.driver_update(&number, "d3", DriverUpdate::PickedUp, at(23))?;
    fleet.driver_update(&number, "d3", DriverUpdate::OutForDelivery, at(24))?;
    fleet.driver_update(&number, "d3", DriverUpdate::Delivered { cash_collected: Some(order.total()) }, at(25))?;
    driver.refresh_tracking(&mut shipments).await?;
    sync_order_state(&mut order, &shipments, Actor::System, at(26))?;
    let cash = shipments[0].cash_collection().ok_or("no cash collected")?;
    println!("cash on delivery: {} collected, driver sheet {:?}", cash.amount, fleet.hand_in_cash("d3").len());
    print_timeline(&order, &shipments);
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Fallible<()> {
    let pricer = pricer()?;
    show_methods()?;
    split_order(&pricer).await?;
    cash_on_delivery(&pricer).await
}
