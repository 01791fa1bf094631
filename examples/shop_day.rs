//! A whole day of a small shop on the embedded SQLite store, on a simulated clock (never the wall
//! clock, so every run prints the same story apart from ids).
//!
//! Morning: the catalog (a dozen products with variants, categories, a sale and a VIP price list,
//! stock levels) is imported and published to the store, promotions are set up and customers
//! register. Then shoppers buy with every payment method (a card declined then accepted, a bank
//! transfer paid late in the day after a reminder, cash on delivery, store credit, a gift card topped
//! up by card), one abandons checkout after the contact step, parcels ship with the shop's own
//! drivers and the test courier, a support case is answered and rated, and a return is refunded.
//! Evening: the outbox is delivered to a memory mailer and a report is computed from what SQLite holds.
//!
//! `cargo run --example shop_day [-- path/to/shop.db]` (default `target/shop_day.db`, recreated each run).

use std::collections::BTreeMap;
use std::error::Error;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::{date, Date};
use jiff::{SignedDuration, Timestamp};
use rust_decimal::Decimal;
use vitrina::cart::{Cart, GiftWrap};
use vitrina::catalog::{
    Catalog, CatalogData, Category, Price, PriceList, PriceListEntry, PriceListKind, Product, ProductOption, Variant,
};
use vitrina::checkout::CheckoutSession;
use vitrina::customer::{ConsentChannel, ConsentSource, Customer, NewCustomer, VIP_GROUP};
use vitrina::delivery::Address;
use vitrina::delivery::{
    DeliverySlot, DeliveryWindow, PackagingKind, PackagingOption, ShippingMethod, ShippingRate, ShippingZone,
};
use vitrina::event::{Actor, RecordedEvent};
use vitrina::money::{div_round, Currency, Money, RoundingPolicy};
use vitrina::notify::{
    deliver_due, follow_up_abandoned_checkouts, notify_event, BankDetails, MemoryMailer, MemoryOutboxStore, NoEmail,
    NotificationContext, Notified, OutboxEntry, OutboxPolicy, OutboxStatus, ShopInfo, ShopProfile, ShopSettings,
    TemplateStore,
};
use vitrina::order::{ContactDetails, DeliveryDetails};
use vitrina::order::{Order, OrderNumber, OrderState};
use vitrina::order::{PaymentMethod, PaymentReminder};
use vitrina::payment::{
    match_reference, BankTransfer, GiftCard, GiftCardCode, OpenReference, Payment, PaymentProcessor, PaymentStep,
    ReferenceMatch, SplitTenderPlan, TestGateway, TransferReceipt, Wallet, TEST_CARD_DECLINED, TEST_CARD_SUCCESS,
};
use vitrina::pricing::{PricedCart, Pricer, PricingContext, PricingRules};
use vitrina::promotion::{Action, Conditions, Promotion, RequiredItems, Selector};
use vitrina::returns::{
    InspectedLine, Inspection, ItemCondition, NewReturn, Receipt, RefundablePayment, RequestedLine, ReturnPolicy,
    ReturnReason, Rma,
};
use vitrina::shipping::{
    lines_from_stock, sync_order_state, LabelRequest, NewShipment, Parcel, Shipment, ShippingService, StockLevel,
};
use vitrina::shop::UnpaidPolicy;
use vitrina::store::{
    CartRepository, CatalogRepository, CheckoutRepository, CustomerRepository, OrderPlacement, OrderQuery,
    OrderRepository, OutboxListing, PaymentRepository, PlaceOrder, PromotionUsageRepository, ReturnRepository,
    ShipmentRepository, StockRepository, StoredValueRepository, SupportCaseRepository, SurveyRequestRepository,
    Versioned,
};
use vitrina::support::{
    self, CannedLibrary, CannedReply, CasePolicy, CaseState, Category as CaseCategory, Channel, CsatPolicy, NewCase,
    Priority, SupportCase, SurveyRequest,
};
use vitrina::tax::{TaxConfig, TaxRule};
use vitrina_couriers_own_fleet::{DriverUpdate, FleetZone, OwnFleetConfig, OwnFleetCourier};
use vitrina_couriers_test::TestCourier;
use vitrina_payments_offline::CashOnDelivery;
use vitrina_store_sqlite::SqliteStore;

type Fallible<T> = Result<T, Box<dyn Error>>;

const SHOP: &str = "vitrina-demo";
const ZONE: &str = "Europe/Sofia";
const EUR: Currency = Currency::EUR;
/// The most rows the report asks a listing query for (far more than a demo day holds).
const LISTING_LIMIT: u32 = 1000;
/// Customers read per page when the report walks the accounts.
const CUSTOMER_PAGE: u32 = 2;

fn eur(minor: i64) -> Money {
    Money::from_minor(minor, EUR)
}

// ---------------------------------------------------------------------------------------------
// The shop: the store, the simulated clock, the plug-ins, and what the storefront remembers.
// ---------------------------------------------------------------------------------------------

/// Everything the lifecycle e-mails look up, kept current by the shop as aggregates change
/// (the core does no I/O, so the caller hands it what it loaded).
struct Desk {
    profile: ShopProfile,
    catalog: Catalog,
    orders: BTreeMap<String, Order>,
    shipments: BTreeMap<String, Shipment>,
    cases: BTreeMap<String, SupportCase>,
    returns: BTreeMap<String, Rma>,
    customers: BTreeMap<String, Customer>,
    carts: BTreeMap<String, PricedCart>,
    surveys: Vec<SurveyRequest>,
}

impl NotificationContext for Desk {
    fn shop(&self) -> &ShopProfile {
        &self.profile
    }
    fn order(&self, order_id: &str) -> Option<&Order> {
        self.orders.get(order_id)
    }
    fn shipment(&self, shipment_id: &str) -> Option<&Shipment> {
        self.shipments.get(shipment_id)
    }
    fn support_case(&self, case_id: &str) -> Option<&SupportCase> {
        self.cases.get(case_id)
    }
    fn rma(&self, return_id: &str) -> Option<&Rma> {
        self.returns.get(return_id)
    }
    fn customer(&self, customer_id: &str) -> Option<&Customer> {
        self.customers.get(customer_id)
    }
    fn priced_cart(&self, cart_id: &str) -> Option<&PricedCart> {
        self.carts.get(cart_id)
    }
    fn product_name(&self, variant_id: &str) -> Option<String> {
        Some(variant_name(&self.catalog, variant_id))
    }
    fn staff_name(&self, staff_id: &str) -> Option<String> {
        (staff_id == "mila").then(|| "Mila".to_owned())
    }
    fn tracking_url(&self, shipment: &Shipment) -> Option<String> {
        shipment.tracking_number().map(|number| format!("https://shop.example.com/track/{number}"))
    }
    fn delivery_survey(&self, order: &Order) -> Option<&SurveyRequest> {
        let subject = support::SurveySubject::Order { order_id: order.id().to_owned() };
        self.surveys.iter().find(|s| *s.subject() == subject)
    }
}

/// A shopper: the account (if any) and where parcels go.
#[derive(Clone)]
struct Shopper {
    customer_id: Option<String>,
    email: String,
    name: String,
    address: Address,
    groups: Vec<String>,
}

/// One purchase: who, what, how it is delivered and paid.
struct Purchase<'a> {
    shopper: &'a Shopper,
    items: &'a [(&'a str, u32)],
    coupon: Option<&'a str>,
    shipping: &'a str,
    method: PaymentMethod,
    /// Gift wrap with this message on the card.
    gift_message: Option<&'a str>,
    /// The own-fleet delivery slot picked at checkout.
    slot: Option<&'a str>,
}

/// What a shopper adds to a cart besides its lines.
#[derive(Default, Clone, Copy)]
struct CartExtras<'a> {
    coupon: Option<&'a str>,
    gift_message: Option<&'a str>,
}

struct Shop {
    store: Arc<SqliteStore>,
    day: Date,
    now: Timestamp,
    pricer: Pricer,
    promotions: Vec<Promotion>,
    processor: PaymentProcessor,
    templates: TemplateStore,
    desk: Desk,
    fleet: Arc<OwnFleetCourier>,
    drivers: ShippingService,
    carrier: Arc<TestCourier>,
    courier: ShippingService,
    /// When the shop opened the store (the store stamps carts with its own clock when saving them).
    opened: Timestamp,
    /// The stored version of every shipment saved today (the next save quotes it).
    shipment_versions: BTreeMap<String, u64>,
}

impl Shop {
    /// Sets the simulated clock to `hh:mm` Sofia time and prints the time.
    fn clock(&mut self, hour: i8, minute: i8, what: &str) -> Fallible<()> {
        self.now = self.day.at(hour, minute, 0, 0).in_tz(ZONE)?.timestamp();
        let behind = self.now.duration_since(self.carrier.now());
        self.carrier.advance(behind);
        println!("\n{hour:02}:{minute:02}  {what}");
        Ok(())
    }

    /// The pricing context of `shopper` now: groups, first order, own promotion uses (from the store).
    async fn context(&self, shopper: &Shopper, shipping: &str) -> Fallible<PricingContext> {
        let mut promotion_uses = BTreeMap::new();
        let mut first_order = true;
        if let Some(id) = shopper.customer_id.as_deref() {
            first_order = self.store.orders_of_customer(id).await?.is_empty();
            for promotion in &self.promotions {
                let used = self.store.promotion_usage(&promotion.id, Some(id)).await?.customer_uses;
                promotion_uses.insert(promotion.id.clone(), u32::try_from(used)?);
            }
        }
        Ok(PricingContext {
            currency: EUR,
            region: Some("BG".into()),
            channel: Some("web".into()),
            customer_groups: shopper.groups.clone(),
            now: self.now,
            first_order,
            promotion_uses,
            shipping_method_id: Some(shipping.into()),
        })
    }

    /// A cart filled with `items` (and a coupon), saved to the store.
    async fn fill_cart(&mut self, shopper: &Shopper, items: &[(&str, u32)], extras: CartExtras<'_>) -> Fallible<Cart> {
        let mut cart = Cart::new(EUR, shopper.customer_id.clone());
        for (variant_id, quantity) in items {
            cart.add_line(self.pricer.catalog(), variant_id, *quantity, None)?;
        }
        if let Some(code) = extras.coupon {
            cart.apply_coupon(code)?;
        }
        if let Some(message) = extras.gift_message {
            cart.set_gift_wrap(Some(GiftWrap { message: Some(message.into()) }))?;
        }
        self.store.save_cart(&cart, 0).await?;
        Ok(cart)
    }

    /// Checkout step 1: the contact details, saved at once so an abandoned checkout can be followed up.
    async fn start_checkout(&mut self, shopper: &Shopper, cart: &Cart, shipping: &str) -> Fallible<CheckoutSession> {
        let session = CheckoutSession::start(cart, ContactDetails::new(&shopper.email, None)?, self.now)?;
        self.store.save_checkout_session(&session, 0).await?;
        let priced = self.pricer.price(cart, &self.context(shopper, shipping).await?)?;
        self.desk.carts.insert(cart.id.clone(), priced);
        Ok(session)
    }

    /// Steps 1 and 2 of checkout, then the order placed in one transaction with its stock
    /// reservation, its first payment (if opened at once) and its confirmation e-mail.
    async fn checkout(&mut self, purchase: Purchase<'_>) -> Fallible<Versioned<Order>> {
        let shopper = purchase.shopper;
        let extras = CartExtras { coupon: purchase.coupon, gift_message: purchase.gift_message };
        let cart = self.fill_cart(shopper, purchase.items, extras).await?;
        let mut session = self.start_checkout(shopper, &cart, purchase.shipping).await?;
        let delivery = DeliveryDetails {
            slot_id: purchase.slot.map(str::to_owned),
            ..DeliveryDetails::new(shopper.address.clone(), purchase.shipping, purchase.method)
        };
        session.set_delivery(delivery, self.now)?;
        let context = self.context(shopper, purchase.shipping).await?;
        let confirmed = self.pricer.price(&cart, &context)?;
        let sequence = self.store.next_order_sequence(2026).await?;
        let number = OrderNumber::new("VT", 2026, sequence)?;
        let mut order = session.place_order(&self.pricer, &cart, &context, &confirmed, number, self.now)?;
        self.store.save_checkout_session(&session, 1).await?;

        let events = order.take_events();
        self.desk.orders.insert(order.id().to_owned(), order.clone());
        let mut placement = OrderPlacement::new(order.clone(), self.now + SignedDuration::from_hours(48));
        placement.outbox = self.render_for_placement(&events).await?;
        placement = self.with_coupon_uses(placement, &confirmed, shopper);
        if matches!(purchase.method, PaymentMethod::Card | PaymentMethod::BankTransfer | PaymentMethod::CashOnDelivery)
        {
            let payment = Payment::new(order.id(), order.number().as_str(), purchase.method, order.total(), self.now)?;
            placement.payment = Some(payment);
        }
        self.store.place_order_tx(&placement).await?;
        let discounts: Vec<String> = confirmed.promotions.iter().map(|p| format!("{} -{}", p.name, p.amount)).collect();
        println!(
            "  {} placed by {}: {} items, {} ({}){}",
            order.number(),
            shopper.name,
            order.cart().lines.iter().map(|l| l.quantity).sum::<u32>(),
            order.total(),
            method_name(purchase.method),
            if discounts.is_empty() { String::new() } else { format!(" [{}]", discounts.join("; ")) }
        );
        for packaging in &confirmed.packaging {
            let message = order.cart().gift_wrap.as_ref().and_then(|g| g.message.as_deref()).unwrap_or("");
            println!("    {} {}, card reads {message:?}", packaging.name, packaging.total);
        }
        for entry in &placement.outbox {
            println!("    e-mail queued with the order: {}", email_kind(entry.message.message_id()));
        }
        Ok(Versioned::new(order, 1))
    }

    /// Adds to `placement` one use of every coupon promotion the confirmed price applied, taken in
    /// the order's transaction. The store's count is authoritative: a coupon used up (or used before
    /// by this customer) fails the placement with `PromotionLimitReached` and nothing is stored.
    fn with_coupon_uses(
        &self,
        mut placement: OrderPlacement,
        confirmed: &PricedCart,
        shopper: &Shopper,
    ) -> OrderPlacement {
        for applied in confirmed.promotions.iter().filter(|p| p.code.is_some()) {
            let Some(promotion) = self.promotions.iter().find(|p| p.id == applied.promotion_id) else { continue };
            let conditions = &promotion.conditions;
            placement = placement.with_promotion_use(
                &promotion.id,
                shopper.customer_id.as_deref(),
                conditions.usage_limit,
                conditions.per_customer_limit,
            );
        }
        placement
    }

    /// Saves `shipment` quoting the version it was last saved at (0 the first time).
    async fn save_shipment(&mut self, shipment: &Shipment) -> Fallible<()> {
        let version = self.shipment_versions.get(shipment.id()).copied().unwrap_or(0);
        let saved = self.store.save_shipment(shipment, version).await?;
        self.shipment_versions.insert(shipment.id().to_owned(), saved);
        Ok(())
    }

    /// Renders the e-mails `events` call for into a scratch outbox, so they can be written in the
    /// same transaction as the order (`place_order_tx`) rather than queued before it exists.
    async fn render_for_placement(&self, events: &[RecordedEvent]) -> Fallible<Vec<OutboxEntry>> {
        let scratch = MemoryOutboxStore::new();
        for event in events {
            notify_event(event, &self.desk, &self.templates, &scratch, self.now).await?;
        }
        Ok(scratch.entries())
    }

    /// Queues in the store's outbox the e-mails `events` call for.
    async fn notify(&mut self, events: Vec<RecordedEvent>) -> Fallible<()> {
        for event in events {
            match notify_event(&event, &self.desk, &self.templates, self.store.as_ref(), self.now).await? {
                Notified::Queued { message_id, .. } => {
                    println!("    e-mail queued: {}", email_kind(&message_id));
                }
                Notified::AlreadyQueued { .. } | Notified::Skipped(NoEmail::NotCustomerFacing { .. }) => {}
                Notified::Skipped(reason) => println!("    no e-mail: {reason:?}"),
            }
        }
        Ok(())
    }

    /// Saves `order` (read at its version) and mails what happened to it.
    async fn save_order(&mut self, order: &mut Versioned<Order>) -> Fallible<()> {
        let events = order.value.take_events();
        order.version = self.store.save_order(&order.value, order.version).await?;
        self.desk.orders.insert(order.value.id().to_owned(), order.value.clone());
        self.notify(events).await
    }

    /// The order's first payment, as placed with it.
    async fn first_payment(&self, order: &Order) -> Fallible<Versioned<Payment>> {
        let payments = self.store.payments_of_order(order.id()).await?;
        Ok(payments.into_iter().next().ok_or("no payment opened with the order")?)
    }
}

fn method_name(method: PaymentMethod) -> &'static str {
    match method {
        PaymentMethod::Card => "card",
        PaymentMethod::BankTransfer => "bank transfer",
        PaymentMethod::CashOnDelivery => "cash on delivery",
        PaymentMethod::Wallet => "store credit",
        PaymentMethod::GiftCard => "gift card",
    }
}

/// The e-mail kind of a lifecycle message id (`<shipped.<event id>@shop.example.com>`).
fn email_kind(message_id: &str) -> String {
    message_id.trim_start_matches('<').split('.').next().unwrap_or("?").to_owned()
}

/// "Linen tee (M)" for `tee-m`.
fn variant_name(catalog: &Catalog, variant_id: &str) -> String {
    match catalog.variant(variant_id) {
        Some((product, variant)) if !variant.options.is_empty() => {
            let values: Vec<&str> = variant.options.values().map(String::as_str).collect();
            format!("{} ({})", product.name, values.join(", "))
        }
        Some((product, _)) => product.name.clone(),
        None => variant_id.to_owned(),
    }
}

fn gateway() -> Actor {
    Actor::Gateway { name: "test".into() }
}

fn staff(id: &str) -> Actor {
    Actor::Staff { id: id.into() }
}

// ---------------------------------------------------------------------------------------------
// 07:00 Morning: catalog import, promotions, customers.
// ---------------------------------------------------------------------------------------------

/// A product in `category`; `variants` are (option value, price in cents, grams, units on hand),
/// with one option named `option` when there are several.
fn product(id: &str, name: &str, category: &str, option: &str, variants: &[(&str, i64, u32, u32)]) -> Product {
    let several = variants.len() > 1;
    let variants = variants
        .iter()
        .map(|&(value, cents, grams, stock)| Variant {
            id: if several { format!("{id}-{}", value.to_lowercase().replace(' ', "")) } else { id.to_owned() },
            sku: None,
            options: if several { BTreeMap::from([(option.to_owned(), value.to_owned())]) } else { BTreeMap::new() },
            prices: vec![Price { currency: EUR, amount: Decimal::new(cents, 2), min_quantity: 1 }],
            weight_grams: grams,
            stock: Some(stock),
            backorder: false,
        })
        .collect::<Vec<_>>();
    let options = if several {
        let values = variants.iter().filter_map(|v| v.options.get(option).cloned()).collect();
        vec![ProductOption { name: option.to_owned(), values }]
    } else {
        vec![]
    };
    Product {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        category_ids: vec![category.into()],
        options,
        option_rules: vec![],
        variants,
        featured: false,
        tax_category: "standard".into(),
    }
}

fn category(id: &str, name: &str, parent: Option<&str>) -> Category {
    Category { id: id.into(), name: name.into(), parent_id: parent.map(str::to_owned), description: String::new() }
}

fn price_list(id: &str, kind: PriceListKind, groups: &[&str], prices: &[(&str, i64)]) -> PriceList {
    PriceList {
        id: id.into(),
        name: id.into(),
        kind,
        priority: if groups.is_empty() { 0 } else { 10 },
        currency: EUR,
        regions: vec![],
        channels: vec![],
        customer_groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        starts_at: None,
        ends_at: None,
        prices: prices
            .iter()
            .map(|&(variant_id, cents)| PriceListEntry {
                variant_id: variant_id.into(),
                amount: Decimal::new(cents, 2),
                min_quantity: 1,
            })
            .collect(),
    }
}

/// The supplier's feed: twelve products, a spring sale and the VIP prices.
fn catalog_import() -> CatalogData {
    let one = |cents, grams, stock| [("", cents, grams, stock)];
    CatalogData {
        categories: vec![
            category("kitchen", "Kitchen", None),
            category("food", "Food", None),
            category("tea", "Tea", Some("food")),
            category("pantry", "Pantry", Some("food")),
            category("apparel", "Apparel", None),
            category("home", "Home", None),
        ],
        products: vec![
            product("mug", "Stoneware mug", "kitchen", "colour", &[("White", 1290, 350, 40), ("Blue", 1290, 350, 25)]),
            product("teapot", "Cast-iron teapot", "kitchen", "", &one(3900, 1200, 8)),
            product("board", "Oak cutting board", "kitchen", "", &one(3400, 900, 12)),
            product(
                "mountain-tea",
                "Mountain tea",
                "tea",
                "size",
                &[("100 g", 645, 120, 60), ("250 g", 1390, 290, 30)],
            ),
            product("linden-tea", "Linden tea, 80 g", "tea", "", &one(590, 100, 50)),
            product("honey", "Linden honey, 400 g", "pantry", "", &one(999, 520, 45)),
            product("rose-jam", "Rose jam, 250 g", "pantry", "", &one(720, 380, 30)),
            product(
                "tee",
                "Linen tee",
                "apparel",
                "size",
                &[("S", 2400, 220, 10), ("M", 2400, 220, 10), ("L", 2400, 230, 8)],
            ),
            product("apron", "Linen apron", "apparel", "", &one(2900, 300, 15)),
            product("tote", "Canvas tote", "apparel", "", &one(1400, 180, 20)),
            product("candle", "Beeswax candle", "home", "", &one(850, 250, 35)),
            product("blanket", "Wool blanket", "home", "", &one(8900, 1400, 6)),
        ],
        price_lists: vec![
            price_list("spring-sale", PriceListKind::Sale, &[], &[("blanket", 6900), ("teapot", 3400)]),
            price_list(
                "vip",
                PriceListKind::Override,
                &[VIP_GROUP],
                &[("honey", 899), ("tee-s", 2100), ("tee-m", 2100), ("tee-l", 2100)],
            ),
        ],
    }
}

fn promotions() -> Vec<Promotion> {
    let promotion = |id: &str, name: &str, code: Option<&str>, conditions, action| Promotion {
        id: id.into(),
        name: name.into(),
        priority: 10,
        exclusive: false,
        stackable: true,
        coupon_code: code.map(str::to_owned),
        currency: Some(EUR),
        conditions,
        action,
    };
    vec![
        promotion(
            "welcome10",
            "Welcome: 10 % off",
            Some("WELCOME10"),
            Conditions { usage_limit: Some(500), per_customer_limit: Some(1), ..Conditions::default() },
            Action::PercentOff { percent: Decimal::new(10, 0), target: Selector::default() },
        ),
        promotion(
            "free-shipping-50",
            "Free shipping over 50 EUR",
            None,
            Conditions { min_subtotal: Some(Decimal::new(50, 0)), ..Conditions::default() },
            Action::FreeShipping,
        ),
        promotion(
            "tea-time",
            "Tea time: 20 % off tea with honey",
            None,
            Conditions {
                required_items: vec![RequiredItems {
                    target: Selector { product_ids: vec!["honey".into()], ..Selector::default() },
                    min_quantity: 1,
                }],
                ..Conditions::default()
            },
            Action::PercentOff {
                percent: Decimal::new(20, 0),
                target: Selector { category_ids: vec!["tea".into()], ..Selector::default() },
            },
        ),
    ]
}

fn rules(promotions: Vec<Promotion>) -> PricingRules {
    let method = |id: &str, name: &str, cents| ShippingMethod {
        id: id.into(),
        name: name.into(),
        currency: EUR,
        regions: vec![],
        tax_category: "standard".into(),
        rate: ShippingRate::Flat { amount: Decimal::new(cents, 2) },
        free_over: None,
    };
    PricingRules {
        promotions,
        tax: TaxConfig {
            prices_include_tax: true,
            rules: vec![TaxRule {
                region: "BG".into(),
                tax_category: None,
                rate: Decimal::new(20, 2),
                name: "VAT 20 %".into(),
            }],
            ..TaxConfig::default()
        },
        shipping_methods: vec![method("same-day", "Same day in Sofia", 390), method("courier", "Courier", 490)],
        packaging: vec![
            PackagingOption::new(PackagingKind::GiftWrap, "Gift wrap with a card", eur(350)),
            PackagingOption::new(PackagingKind::Discreet, "Plain box", eur(0)),
        ],
        rounding: Default::default(),
    }
}

/// Imports the feed, publishes it as the store's first catalog snapshot and sets the stock levels.
async fn import_catalog(store: &SqliteStore) -> Fallible<Catalog> {
    let catalog = Catalog::new(catalog_import())?;
    let version = store.publish_catalog(&catalog, 0).await?;
    let mut variants = 0;
    for variant in catalog.products().iter().flat_map(|p| &p.variants) {
        store.set_stock(&variant.id, u64::from(variant.stock.unwrap_or(0))).await?;
        variants += 1;
    }
    println!(
        "  catalog v{version} published: {} products, {variants} variants, {} categories, {} price lists",
        catalog.products().len(),
        catalog.categories().len(),
        catalog.price_lists().len()
    );
    Ok(catalog)
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

/// Registers the day's customers; Ana is a VIP who agreed to marketing e-mails.
async fn register_customers(shop: &mut Shop) -> Fallible<BTreeMap<&'static str, Shopper>> {
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
    let mut shoppers = BTreeMap::new();
    for (key, name, email, locale, address) in people {
        let new = NewCustomer { email: email.into(), name: name.into(), phone: None, locale: locale.into() };
        let mut customer = Customer::register(new, shop.now)?;
        if key == "ana" {
            customer.add_group(VIP_GROUP)?;
            customer.grant_consent(ConsentChannel::Email, ConsentSource::Account, shop.now)?;
        }
        shop.store.save_customer(&customer, 0).await?;
        shoppers.insert(
            key,
            Shopper {
                customer_id: Some(customer.id().to_owned()),
                email: email.into(),
                name: name.into(),
                address,
                groups: customer.groups().to_vec(),
            },
        );
        shop.desk.customers.insert(customer.id().to_owned(), customer);
    }
    let vip = shop.desk.customers.values().filter(|c| c.is_vip()).count();
    let consent = shop.desk.customers.values().filter(|c| c.has_consent(ConsentChannel::Email)).count();
    println!("  {} customers registered ({vip} VIP, {consent} with e-mail marketing consent)", shoppers.len());
    Ok(shoppers)
}

fn shop_profile() -> ShopProfile {
    ShopProfile {
        shop_id: SHOP.into(),
        info: ShopInfo {
            name: "Vitrina Demo".into(),
            url: "https://shop.example.com".into(),
            support_email: "help@shop.example.com".into(),
        },
        sender: "Vitrina Demo <orders@shop.example.com>".into(),
        bank: Some(BankDetails {
            beneficiary: "Vitrina Demo Ltd".into(),
            iban: "BG80 BNBG 9661 1020 3456 78".into(),
            bic: "BNBGBGSD".into(),
            bank_name: "Demo Bank".into(),
        }),
        transfer_window: SignedDuration::from_hours(7 * 24),
    }
}

/// The shop's own drivers: Sofia, three slots today.
fn own_fleet(day: Date) -> Fallible<OwnFleetCourier> {
    let slot = |id: &str, from: i8, to: i8| -> Fallible<DeliverySlot> {
        let start = day.at(from, 0, 0, 0).in_tz(ZONE)?.timestamp();
        let end = day.at(to, 0, 0, 0).in_tz(ZONE)?.timestamp();
        Ok(DeliverySlot::new(id, DeliveryWindow::new(start, end)?, 8))
    };
    Ok(OwnFleetCourier::new(OwnFleetConfig {
        shop_name: "Vitrina Demo".into(),
        zones: vec![FleetZone {
            zone: ShippingZone::countries("sofia", "Sofia", &["BG"])?.with_postal_prefixes(&["1"])?,
            price: eur(390),
        }],
        slots: vec![slot("midday", 11, 14)?, slot("afternoon", 14, 18)?, slot("evening", 18, 21)?],
        max_weight_grams: 20_000,
        slots_offered: 3,
        tracking_prefix: "OF".into(),
    }))
}

/// 07:00: import, publish, promotions, customers. The storefront then prices from the snapshot
/// read back from the store.
async fn morning(store: Arc<SqliteStore>, day: Date) -> Fallible<(Shop, BTreeMap<&'static str, Shopper>)> {
    let now = day.at(7, 0, 0, 0).in_tz(ZONE)?.timestamp();
    println!("07:00  catalog import");
    import_catalog(&store).await?;
    let published = store.current_catalog().await?.ok_or("no catalog published")?;
    let promotions = promotions();
    let pricer = Pricer::new(published.value.clone(), rules(promotions.clone()))?;
    for promotion in &promotions {
        println!("  promotion {:?} ({})", promotion.name, promotion.coupon_code.as_deref().unwrap_or("automatic"));
    }
    let mut templates = TemplateStore::new();
    templates.configure_shop(SHOP, ShopSettings { default_locale: "en".into(), time_zone: ZONE.into() })?;
    let processor = PaymentProcessor::new(Arc::new(TestGateway::new("whsec_shop_day")), store.clone());
    let fleet = Arc::new(own_fleet(day)?);
    let carrier = Arc::new(TestCourier::new(now));
    let mut shop = Shop {
        store,
        day,
        now,
        pricer,
        promotions,
        processor,
        templates,
        desk: Desk {
            profile: shop_profile(),
            catalog: published.value,
            orders: BTreeMap::new(),
            shipments: BTreeMap::new(),
            cases: BTreeMap::new(),
            returns: BTreeMap::new(),
            customers: BTreeMap::new(),
            carts: BTreeMap::new(),
            surveys: Vec::new(),
        },
        drivers: ShippingService::new(fleet.clone()),
        fleet,
        courier: ShippingService::new(carrier.clone()),
        carrier,
        opened: Timestamp::now(),
        shipment_versions: BTreeMap::new(),
    };
    let shoppers = register_customers(&mut shop).await?;
    Ok((shop, shoppers))
}

// ---------------------------------------------------------------------------------------------
// 09:00-12:00 Shoppers browse and buy, one payment method each.
// ---------------------------------------------------------------------------------------------

/// Two guests only browse: their carts are saved but never checked out.
async fn browsers(shop: &mut Shop) -> Fallible<()> {
    let guest = |email: &str| Shopper {
        customer_id: None,
        email: email.into(),
        name: "guest".into(),
        address: sofia("-", "guest"),
        groups: vec![],
    };
    let catalog = shop.pricer.catalog();
    let tea: Vec<&str> = catalog.products_in_category("food").map(|p| p.name.as_str()).collect();
    println!("  browsing Food: {}", tea.join(", "));
    shop.fill_cart(&guest("g1@example.com"), &[("candle", 2)], CartExtras::default()).await?;
    shop.fill_cart(&guest("g2@example.com"), &[("mug-blue", 1), ("tote", 1)], CartExtras::default()).await?;
    println!("  two guests browse and leave carts behind");
    Ok(())
}

/// Ana (VIP prices) pays by card: the first card is declined, the second is accepted.
async fn card_order(shop: &mut Shop, ana: &Shopper) -> Fallible<Versioned<Order>> {
    let items = [("tee-m", 1), ("honey", 2), ("linden-tea", 1)];
    let purchase = Purchase {
        shopper: ana,
        items: &items,
        coupon: None,
        shipping: "same-day",
        method: PaymentMethod::Card,
        gift_message: None,
        slot: Some("midday"),
    };
    let mut order = shop.checkout(purchase).await?;
    let mut payment = shop.first_payment(&order.value).await?;
    for (attempt, card) in [TEST_CARD_DECLINED, TEST_CARD_SUCCESS].into_iter().enumerate() {
        if attempt > 0 {
            let value = &order.value;
            payment = Versioned::new(
                Payment::new(value.id(), value.number().as_str(), PaymentMethod::Card, value.total(), shop.now)?,
                0,
            );
        }
        let key = format!("{}:card:{attempt}", order.value.number());
        let outcome = shop.processor.purchase(&mut payment.value, Some(card.into()), &key, shop.now).await;
        payment.version = shop.store.save_payment(&payment.value, payment.version).await?;
        match outcome {
            Ok(_) => println!("    card ...{}: payment {}", &card[12..], payment.value.state()),
            Err(error) => println!("    card ...{}: {error}", &card[12..]),
        }
        if !payment.value.captured().is_zero() {
            order.value.receive_payment(payment.value.captured(), PaymentMethod::Card, gateway(), shop.now)?;
            break;
        }
    }
    shop.save_order(&mut order).await?;
    println!("    order {}", order.value.state());
    Ok(order)
}

/// Boris pays by bank transfer: the order waits for a transfer quoting its RF reference.
async fn transfer_order(shop: &mut Shop, boris: &Shopper) -> Fallible<(Versioned<Order>, BankTransfer)> {
    let items = [("teapot", 1), ("mountain-tea-250g", 2)];
    let purchase = Purchase {
        shopper: boris,
        items: &items,
        coupon: None,
        shipping: "same-day",
        method: PaymentMethod::BankTransfer,
        gift_message: None,
        slot: None,
    };
    let order = shop.checkout(purchase).await?;
    let transfer = BankTransfer::open(&order.value)?;
    let due = order.value.placed_at() + shop_profile().transfer_window;
    println!(
        "    order {}: pay {} to reference {} by {}",
        order.value.state(),
        order.value.total(),
        transfer.reference().formatted(),
        due.in_tz(ZONE)?.date()
    );
    Ok((order, transfer))
}

/// Chen pays cash to the driver on delivery: the order goes straight to fulfilment.
async fn cash_order(shop: &mut Shop, chen: &Shopper) -> Fallible<Versioned<Order>> {
    let items = [("mug-white", 2), ("mountain-tea-100g", 1), ("honey", 1)];
    let purchase = Purchase {
        shopper: chen,
        items: &items,
        coupon: None,
        shipping: "same-day",
        method: PaymentMethod::CashOnDelivery,
        gift_message: None,
        slot: Some("afternoon"),
    };
    let order = shop.checkout(purchase).await?;
    println!("    order {}: {} due to the driver", order.value.state(), CashOnDelivery::outstanding(&order.value)?);
    Ok(order)
}

/// Dora pays with store credit she got for a late parcel last month.
async fn wallet_order(shop: &mut Shop, dora: &Shopper) -> Fallible<Versioned<Order>> {
    let customer_id = dora.customer_id.as_deref().ok_or("Dora has an account")?;
    let mut wallet = Wallet::new(customer_id);
    wallet.deposit(eur(5_000), "goodwill: late parcel in March", "credit:dora:march", staff("mila"), shop.now)?;
    let version = shop.store.save_wallet(&wallet, 0).await?;
    let items = [("apron", 1), ("candle", 1)];
    let purchase = Purchase {
        shopper: dora,
        items: &items,
        coupon: None,
        shipping: "courier",
        method: PaymentMethod::Wallet,
        gift_message: None,
        slot: None,
    };
    let mut order = shop.checkout(purchase).await?;
    let plan = SplitTenderPlan::new(order.value.total(), &[], Some(&wallet), shop.now)?;
    let key = format!("{}:wallet", order.value.number());
    let left = plan.take_stored_value(&mut order.value, &mut [], Some(&mut wallet), &key, gateway(), shop.now)?;
    shop.store.save_wallet(&wallet, version).await?;
    shop.save_order(&mut order).await?;
    println!(
        "    store credit paid {} ({} left to pay); wallet balance now {}; order {}",
        order.value.paid(),
        left,
        wallet.balance(EUR),
        order.value.state()
    );
    Ok(order)
}

/// Elena, on her first order with the WELCOME10 coupon, buys a gift-wrapped present and pays with a
/// 20.00 gift card and the rest by card.
async fn gift_card_order(shop: &mut Shop, elena: &Shopper) -> Fallible<Versioned<Order>> {
    let mut cards = [GiftCard::issue(GiftCardCode::generate()?, eur(2_000), None, Actor::System, shop.now)?];
    let version = shop.store.save_gift_card(&cards[0], 0).await?;
    let items = [("board", 1), ("rose-jam", 2)];
    let purchase = Purchase {
        shopper: elena,
        items: &items,
        coupon: Some("WELCOME10"),
        shipping: "same-day",
        method: PaymentMethod::GiftCard,
        gift_message: Some("For Mum, with love from Elena"),
        slot: Some("afternoon"),
    };
    let mut order = shop.checkout(purchase).await?;
    let plan = SplitTenderPlan::new(order.value.total(), &cards, None, shop.now)?;
    let key = format!("{}:gift-card", order.value.number());
    let left = plan.take_stored_value(&mut order.value, &mut cards, None, &key, gateway(), shop.now)?;
    shop.store.save_gift_card(&cards[0], version).await?;
    let value = &order.value;
    let mut payment = Payment::new(value.id(), value.number().as_str(), PaymentMethod::Card, left, shop.now)?;
    let key = format!("{}:card", order.value.number());
    shop.processor.purchase(&mut payment, Some(TEST_CARD_SUCCESS.into()), &key, shop.now).await?;
    shop.store.save_payment(&payment, 0).await?;
    order.value.receive_payment(payment.captured(), PaymentMethod::Card, gateway(), shop.now)?;
    shop.save_order(&mut order).await?;
    println!("    gift card took {}, card {}; order {}", eur(2_000), payment.captured(), order.value.state());
    Ok(order)
}

/// Filip (a guest) gives his e-mail at step 1 for a wool blanket, then leaves.
async fn abandoned_checkout(shop: &mut Shop) -> Fallible<()> {
    let filip = Shopper {
        customer_id: None,
        email: "filip@example.bg".into(),
        name: "Filip".into(),
        address: sofia("ul. Oborishte 5", "Filip Kolev"),
        groups: vec![],
    };
    let cart = shop.fill_cart(&filip, &[("blanket", 1)], CartExtras::default()).await?;
    shop.start_checkout(&filip, &cart, "courier").await?;
    println!("  Filip enters his e-mail for a wool blanket (sale price) and leaves the checkout");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 11:00-18:00 Fulfilment: parcels are packed, shipped and tracked; orders follow their parcels.
// ---------------------------------------------------------------------------------------------

/// Packs `order` into one parcel for `courier` (the shop's drivers in a slot, or the test courier):
/// the reserved stock leaves the shelf and the label is bought.
async fn pack(shop: &mut Shop, order: &mut Versioned<Order>) -> Fallible<Shipment> {
    let slot = order.value.delivery().slot_id.clone();
    let slot = slot.as_deref();
    if order.value.state() == OrderState::Paid {
        order.value.transition(OrderState::Processing, staff("packer"), shop.now, None)?;
    }
    let mut levels = Vec::new();
    for line in &order.value.cart().lines {
        let level = shop.store.stock_level(&line.variant_id).await?.ok_or("untracked stock")?;
        levels.push(StockLevel { variant_id: line.variant_id.clone(), available: u32::try_from(level.on_hand)? });
    }
    shop.store.commit_stock(order.value.id()).await?;
    let cash = (order.value.delivery().payment_method == PaymentMethod::CashOnDelivery)
        .then(|| CashOnDelivery::outstanding(&order.value))
        .transpose()?;
    let new = NewShipment {
        courier: if slot.is_some() { "own-fleet" } else { "test" }.into(),
        service: None,
        lines: lines_from_stock(&order.value, &[], &levels),
        cash_on_delivery: cash,
        packaging: PackagingKind::requested_by(order.value.cart()),
    };
    let mut shipment = Shipment::plan(&order.value, &[], new, staff("packer"), shop.now)?;
    let parcel = Parcel::for_lines(shipment.lines(), shop.pricer.catalog(), 150);
    let request =
        LabelRequest::for_order(&order.value, parcel, sofia("ul. Tsar Simeon 44", "Vitrina Demo"), "standard");
    let service = if slot.is_some() { &shop.drivers } else { &shop.courier };
    service.create_label(&order.value, &mut shipment, request, shop.now).await?;
    println!(
        "  {} packed: parcel {} ({})",
        order.value.number(),
        shipment.tracking_number().unwrap_or("-"),
        slot.map_or("test courier".to_owned(), |slot| format!("own driver, {slot} slot"))
    );
    shop.save_shipment(&shipment).await?;
    shop.save_order(order).await?;
    Ok(shipment)
}

/// Pulls the courier's tracking into `shipment`, moves `order` after it, and mails the changes
/// (shipped with a tracking link; delivered with a satisfaction survey).
async fn track(shop: &mut Shop, order: &mut Versioned<Order>, shipment: &mut Shipment) -> Fallible<()> {
    let service = if shipment.courier() == "own-fleet" { &shop.drivers } else { &shop.courier };
    service.refresh_tracking(std::slice::from_mut(shipment)).await?;
    let events = shipment.take_events();
    shop.save_shipment(shipment).await?;
    shop.desk.shipments.insert(shipment.id().to_owned(), shipment.clone());
    shop.notify(events).await?;
    let before = order.value.state();
    sync_order_state(&mut order.value, std::slice::from_ref(shipment), Actor::System, shop.now)?;
    survey_if_delivered(shop, &order.value).await?;
    shop.save_order(order).await?;
    if order.value.state() != before {
        println!("  {}: parcel {}, order {}", order.value.number(), shipment.state(), order.value.state());
    }
    Ok(())
}

/// A delivered order of a customer gets a satisfaction survey (linked from the delivered e-mail),
/// stored with the order's other after-sales records.
async fn survey_if_delivered(shop: &mut Shop, order: &Order) -> Fallible<()> {
    if let (OrderState::Delivered, Some(customer_id)) = (order.state(), order.customer_id()) {
        let survey =
            SurveyRequest::after_delivery(order.id(), customer_id, shop.now, &CsatPolicy::default(), shop.now)?;
        shop.store.save_survey_request(&survey, 0).await?;
        shop.desk.surveys.push(survey);
    }
    Ok(())
}

/// A driver's update on a parcel of the shop's own fleet.
fn driver(shop: &Shop, shipment: &Shipment, update: DriverUpdate) -> Fallible<()> {
    let number = shipment.tracking_number().ok_or("no tracking number")?;
    shop.fleet.driver_update(number, "driver-7", update, shop.now)?;
    Ok(())
}

/// Cash on delivery: the driver hands over the parcel and takes exactly what is due.
async fn collect_cash(shop: &mut Shop, order: &mut Versioned<Order>, shipment: &mut Shipment) -> Fallible<()> {
    let due = CashOnDelivery::outstanding(&order.value)?;
    driver(shop, shipment, DriverUpdate::Delivered { cash_collected: Some(due) })?;
    let mut cod = CashOnDelivery::open(&order.value)?;
    let courier = Actor::Courier { name: "own-fleet/driver-7".into() };
    let key = format!("{}:cash", order.value.number());
    cod.confirm_delivery(&mut order.value, due, due, &key, courier.clone(), shop.now)?;
    let mut payment = shop.first_payment(&order.value).await?;
    payment.value.apply(PaymentStep::Purchased { amount: due }, courier, shop.now)?;
    shop.store.save_payment(&payment.value, payment.version).await?;
    track(shop, order, shipment).await?;
    println!("  {}: driver collected {due} in cash, order {}", order.value.number(), order.value.state());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 15:00-17:45 The bank transfer: a reminder, then the money arrives, matched by its reference.
// ---------------------------------------------------------------------------------------------

/// The shop nudges unpaid transfers the same afternoon (the Shop's `UnpaidPolicy` counts whole
/// days, so the same-day nudge is recorded on the order directly).
async fn remind_transfer(shop: &mut Shop, order: &mut Versioned<Order>) -> Fallible<()> {
    let cancel_at = order.value.placed_at() + UnpaidPolicy::default().cancel_after;
    let due = order.value.remind_payment(PaymentReminder::Reminder { number: 1 }, cancel_at, shop.now)?;
    println!("  {} still awaits {due}: reminder due", order.value.number());
    shop.save_order(order).await
}

/// The afternoon bank statement: each line is matched to an open order by its RF reference (the
/// payer wrote it in lower case with spaces) and recorded once.
async fn bank_statement(shop: &mut Shop, order: &mut Versioned<Order>, transfer: &mut BankTransfer) -> Fallible<()> {
    let open = [OpenReference { order_id: order.value.id().into(), reference: transfer.reference().clone() }];
    let written = transfer.reference().formatted().to_lowercase();
    let matched = match match_reference(&written, &open) {
        ReferenceMatch::Exact { order_id } | ReferenceMatch::Corrected { order_id, .. } => order_id,
        other => return Err(format!("statement line not matched: {other:?}").into()),
    };
    let mut stored = shop.store.get_order(&matched).await?.ok_or("matched order not stored")?;
    let receipt = TransferReceipt {
        bank_transaction_id: "DEMO-2026-04-14-0017".into(),
        received_on: shop.day,
        bank: "Demo Bank".into(),
        amount: stored.value.total(),
        payer_name: "BORIS IVANOV".into(),
        reference_as_written: written.clone(),
    };
    let outcome = transfer.record_receipt(&mut stored.value, receipt, staff("accounts"), shop.now)?;
    let mut payment = shop.first_payment(&stored.value).await?;
    payment.value.apply(PaymentStep::Purchased { amount: stored.value.total() }, staff("accounts"), shop.now)?;
    shop.store.save_payment(&payment.value, payment.version).await?;
    println!("  transfer quoting {written:?} matched {}: {outcome:?}", stored.value.number());
    shop.save_order(&mut stored).await?;
    *order = stored;
    println!("    order {}", order.value.state());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 13:00-18:30 After-sales: a delivery question answered with a canned reply, a return refunded.
// ---------------------------------------------------------------------------------------------

fn case_for(shopper: &Shopper, order: &Order, subject: &str, description: &str) -> Fallible<NewCase> {
    let customer_id = shopper.customer_id.clone().ok_or("cases need an account")?;
    Ok(NewCase {
        opened_by: support::Actor::Customer { id: customer_id.clone() },
        customer_id,
        channel: Channel::Chat,
        subject: subject.into(),
        description: description.into(),
        priority: Priority::Normal,
        category: CaseCategory::DeliveryProblem,
        order_id: Some(order.id().into()),
        order_line_ids: vec![],
    })
}

/// Boris asks whether his transfer arrived; nobody has answered by the evening.
async fn open_question(shop: &mut Shop, boris: &Shopper, order: &Order) -> Fallible<()> {
    let new = case_for(boris, order, "Did my transfer arrive?", "I paid this morning. When will you ship?")?;
    let case = SupportCase::open(new, shop.now)?;
    shop.store.save_support_case(&case, 0).await?;
    println!("  Boris asks in chat: {:?} ({})", case.subject(), case.state());
    Ok(())
}

/// Dora asks when her parcel comes; Mila answers with a canned reply, solves the case, Dora rates it.
async fn delivery_question(shop: &mut Shop, dora: &Shopper, order: &Order, shipment: &Shipment) -> Fallible<()> {
    let policy = CasePolicy::default();
    let new = case_for(dora, order, "When does my parcel arrive?", "Can I pick it up in Plovdiv tomorrow?")?;
    let mut case = SupportCase::open(new, shop.now)?;
    let version = shop.store.save_support_case(&case, 0).await?;
    println!("  Dora asks in chat: {:?}", case.subject());
    let mila = support::Actor::Agent { id: "mila".into() };
    case.transition(CaseState::Open, mila.clone(), shop.now, &policy)?;
    let mut library = CannedLibrary::default();
    library.add(CannedReply {
        id: "where-is-my-parcel".into(),
        title: "Where is my parcel".into(),
        category: "delivery".into(),
        default_locale: "en".into(),
        variants: BTreeMap::from([(
            "en".into(),
            "Hello {{ name }}, parcel {{ parcel }} of order {{ order }} is on its way and arrives tomorrow.".into(),
        )]),
    })?;
    let values = BTreeMap::from([
        ("name".to_owned(), "Dora".to_owned()),
        ("parcel".to_owned(), shipment.tracking_number().unwrap_or("-").to_owned()),
        ("order".to_owned(), order.number().to_string()),
    ]);
    let reply = library.render("where-is-my-parcel", "en", &values)?.body;
    case.reply(mila.clone(), reply, shop.now, &policy)?;
    let events = case.take_events();
    shop.desk.cases.insert(case.id().to_owned(), case.clone());
    shop.notify(events).await?;
    case.transition(CaseState::Solved, mila, shop.now, &policy)?;
    shop.store.save_support_case(&case, version).await?;
    let mut survey = SurveyRequest::after_case_solved(&case, &CsatPolicy::default(), shop.now)?;
    let version = shop.store.save_survey_request(&survey, 0).await?;
    survey.answer(5, Some("Fast and friendly"), shop.now + SignedDuration::from_mins(5))?;
    shop.store.save_survey_request(&survey, version).await?;
    println!("    canned reply sent, case {}, CSAT {}/5", case.state(), survey.response().map_or(0, |r| r.score));
    Ok(())
}

/// Ana's linen tee is too small: she returns it the same evening, the driver brings it back, it is
/// inspected and refunded to her card through the gateway.
async fn tee_return(shop: &mut Shop, order: &mut Versioned<Order>) -> Fallible<()> {
    let line = order.value.cart().lines.iter().find(|l| l.variant_id == "tee-m").ok_or("no tee")?;
    let line_id = line.id.clone();
    let customer_id = order.value.customer_id().map(str::to_owned);
    let new = NewReturn {
        lines: vec![RequestedLine {
            line_id: line_id.clone(),
            quantity: 1,
            reason: ReturnReason::ChangedMind,
            condition: ItemCondition::Unused,
            photos: vec![],
            note: Some("too small".into()),
        }],
        requested_by: Actor::Shopper { customer_id },
        note: None,
    };
    let mut rma = Rma::request(new, &order.value, &[], &ReturnPolicy::default(), shop.now)?;
    let rma_version = shop.store.save_return(&rma, 0).await?;
    println!("  Ana returns the linen tee (too small)");
    rma.approve(&[], staff("mila"), shop.now)?;
    rma.await_parcel(None, Actor::System, shop.now)?;
    let later = shop.now + SignedDuration::from_mins(40);
    rma.receive(Receipt::complete(rma.lines(), None), staff("packer"), later)?;
    let inspected = InspectedLine { line_id, condition: ItemCondition::Unused, note: None };
    rma.inspect(Inspection { lines: vec![inspected], note: None }, staff("packer"), later)?;
    let shelf = shop.store.stock_level("tee-m").await?.ok_or("untracked stock")?;
    shop.store.set_stock("tee-m", shelf.on_hand + 1).await?;
    let mut payments = shop.store.payments_of_order(order.value.id()).await?;
    let refundable: Vec<RefundablePayment> = payments
        .iter()
        .filter(|p| !p.value.captured().is_zero())
        .map(|p| RefundablePayment::of(&p.value))
        .collect::<Result<_, _>>()?;
    for refund in rma.refund(&[], &refundable, staff("mila"), later)? {
        let payment = payments.iter_mut().find(|p| p.value.id() == refund.payment_id).ok_or("unknown payment")?;
        let reason = Some("returned: too small".to_owned());
        let state = shop
            .processor
            .refund(&mut payment.value, refund.amount, reason, &refund.idempotency_key, staff("mila"), later)
            .await?;
        payment.version = shop.store.save_payment(&payment.value, payment.version).await?;
        order.value.refund_payment(refund.amount, refund.method, later)?;
        println!("    refunded {} to the {} ({state:?})", refund.amount, method_name(refund.method));
    }
    rma.close(None, Actor::System, later)?;
    let events = rma.take_events();
    shop.store.save_return(&rma, rma_version).await?;
    shop.desk.returns.insert(rma.id().to_owned(), rma);
    shop.notify(events).await?;
    shop.save_order(order).await
}

// ---------------------------------------------------------------------------------------------
// 20:00 Evening: abandoned checkouts followed up, the outbox delivered.
// ---------------------------------------------------------------------------------------------

/// Checkouts idle for two hours and never placed get one reminder e-mail each (the sessions are
/// read back from the store).
async fn follow_up_abandoned(shop: &mut Shop) -> Fallible<()> {
    let abandoned = shop.store.abandoned_checkout_sessions(shop.now, LISTING_LIMIT).await?;
    let sessions: Vec<CheckoutSession> = abandoned.into_iter().map(|session| session.value).collect();
    let after = SignedDuration::from_hours(2);
    let store = shop.store.as_ref();
    for follow_up in
        follow_up_abandoned_checkouts(&sessions, after, &shop.desk, &shop.templates, store, shop.now).await?
    {
        if let Notified::Queued { message_id, .. } = follow_up.outcome {
            println!("  abandoned checkout followed up: {}", email_kind(&message_id));
        }
    }
    Ok(())
}

/// Runs the outbox until nothing is due, into a memory mailer.
async fn deliver_outbox(shop: &Shop, mailer: &MemoryMailer) -> Fallible<()> {
    let policy = OutboxPolicy::default();
    loop {
        let report = deliver_due(shop.store.as_ref(), mailer, &policy, shop.now).await?;
        if report.sent.is_empty() && report.retrying.is_empty() {
            break;
        }
        println!(
            "  outbox run: {} sent, {} retrying, {} dead",
            report.sent.len(),
            report.retrying.len(),
            report.dead.len()
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The report, computed from what SQLite holds.
// ---------------------------------------------------------------------------------------------

/// Whether the order was paid in full at some point (a cash-on-delivery order at delivery).
fn was_paid(order: &Order) -> bool {
    order.history().iter().any(|t| t.to == OrderState::Paid)
        || (order.delivery().payment_method == PaymentMethod::CashOnDelivery && !order.paid().is_zero())
}

/// Money per currency with the number of orders it came from.
type PerCurrency = BTreeMap<&'static str, (Money, i64)>;

fn add(totals: &mut PerCurrency, amount: Money) -> Fallible<()> {
    let (sum, count) = totals.entry(amount.currency().code()).or_insert((Money::zero(amount.currency()), 0));
    *sum = sum.checked_add(&amount)?;
    *count += 1;
    Ok(())
}

fn percent(part: usize, whole: usize) -> Decimal {
    if whole == 0 {
        return Decimal::ZERO;
    }
    (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole)).round_dp(1)
}

fn count(map: &mut BTreeMap<String, usize>, key: impl Into<String>) {
    *map.entry(key.into()).or_default() += 1;
}

fn list(map: &BTreeMap<String, usize>) -> String {
    map.iter().map(|(key, n)| format!("{key} {n}")).collect::<Vec<_>>().join(", ")
}

/// The orders placed on `day`, oldest first, from the store's order listing (newest first).
async fn stored_orders(store: &SqliteStore, day: Date) -> Fallible<Vec<Order>> {
    let opened = day.at(0, 0, 0, 0).in_tz(ZONE)?.timestamp();
    let closed = day.tomorrow()?.at(0, 0, 0, 0).in_tz(ZONE)?.timestamp();
    let query = OrderQuery::newest(LISTING_LIMIT).placed_between(opened, closed);
    let mut orders: Vec<Order> = store.list_orders(&query).await?.into_iter().map(|order| order.value).collect();
    orders.reverse();
    Ok(orders)
}

/// Orders by state and payment method, payments by state, revenue (grand totals of paid orders),
/// refunds, the average order and the best sellers.
async fn sales(store: &SqliteStore, catalog: &Catalog, orders: &[Order]) -> Fallible<()> {
    let (mut by_state, mut by_method, mut payments) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let (mut revenue, mut refunds) = (PerCurrency::new(), PerCurrency::new());
    let mut units: BTreeMap<&str, u32> = BTreeMap::new();
    for order in orders {
        count(&mut by_state, order.state().as_str());
        count(&mut by_method, method_name(order.delivery().payment_method));
        if was_paid(order) {
            add(&mut revenue, order.total())?;
            let refunded = order.total().checked_sub(&order.paid())?;
            if refunded.minor() > 0 {
                add(&mut refunds, refunded)?;
            }
        }
        for line in &order.cart().lines {
            let name = catalog.variant(&line.variant_id).map_or("?", |(product, _)| product.name.as_str());
            *units.entry(name).or_default() += line.quantity;
        }
        for payment in store.payments_of_order(order.id()).await? {
            count(&mut payments, format!("{} {}", method_name(payment.value.method()), payment.value.state()));
        }
    }
    println!("orders: {} ({})", orders.len(), list(&by_state));
    println!("by payment method: {}", list(&by_method));
    println!("payments: {}", list(&payments));
    for (code, (total, paid_orders)) in &revenue {
        let refunded = refunds.get(code).map_or(Money::zero(total.currency()), |(sum, _)| *sum);
        let net = total.checked_sub(&refunded)?;
        let average = div_round(i128::from(total.minor()), i128::from(*paid_orders), RoundingPolicy::HalfAwayFromZero);
        let average = Money::from_minor(i64::try_from(average)?, total.currency());
        println!("revenue {code}: {total} from {paid_orders} paid orders; refunded {refunded}; net {net}");
        println!("average order {code}: {average} (half away from zero)");
    }
    let mut top: Vec<(&str, u32)> = units.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top: Vec<String> = top.iter().take(3).map(|(name, n)| format!("{name} x{n}")).collect();
    println!("top products by units: {}", top.join(", "));
    Ok(())
}

/// Carts the storefront started today that became orders.
async fn conversion(shop: &Shop, orders: &[Order]) -> Fallible<()> {
    let carts = shop.store.carts_updated_since(shop.opened, LISTING_LIMIT).await?;
    let converted = carts.iter().filter(|cart| orders.iter().any(|order| order.cart().id == cart.value.id)).count();
    let carts = carts.len();
    println!("conversion: {converted} of {carts} carts became orders ({} %)", percent(converted, carts));
    Ok(())
}

/// The day's outbox entries that were sent, by e-mail kind.
async fn emails(shop: &Shop) -> Fallible<()> {
    let mut sent = BTreeMap::new();
    let opened = shop.day.at(0, 0, 0, 0).in_tz(ZONE)?.timestamp();
    for entry in shop.store.outbox_entries_since(opened, LISTING_LIMIT).await? {
        if entry.status == OutboxStatus::Sent {
            count(&mut sent, email_kind(entry.message.message_id()));
        }
    }
    println!("e-mails sent: {} ({})", sent.values().sum::<usize>(), list(&sent));
    Ok(())
}

/// Support cases neither solved nor closed, over every customer account (paged by id).
async fn open_cases(store: &SqliteStore) -> Fallible<()> {
    let mut open = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store.customers_page(after.as_deref(), CUSTOMER_PAGE).await?;
        for customer in &page {
            for case in store.support_cases_of_customer(customer.value.id()).await? {
                if !matches!(case.value.state(), CaseState::Solved | CaseState::Closed) {
                    open.push(format!("{:?} ({})", case.value.subject(), case.value.state()));
                }
            }
        }
        match page.last() {
            Some(last) if page.len() == CUSTOMER_PAGE as usize => after = Some(last.value.id().to_owned()),
            _ => break,
        }
    }
    println!("open support cases: {} {}", open.len(), open.join(", "));
    Ok(())
}

/// The end-of-day report, computed from what the store holds (not from the day's variables).
async fn report(shop: &Shop) -> Fallible<()> {
    let store = shop.store.as_ref();
    let catalog = store.current_catalog().await?.ok_or("no catalog")?;
    let orders = stored_orders(store, shop.day).await?;
    println!("\n== end of day report (read back from SQLite) ==");
    println!("catalog snapshot v{}: {} products", catalog.version, catalog.value.products().len());
    sales(store, &catalog.value, &orders).await?;
    conversion(shop, &orders).await?;
    for variant in ["honey", "tee-m"] {
        let level = store.stock_level(variant).await?.ok_or("untracked stock")?;
        println!("stock {variant}: {} on hand, {} reserved", level.on_hand, level.reserved);
    }
    emails(shop).await?;
    open_cases(store).await?;
    let usage = store.promotion_usage("welcome10", None).await?;
    println!("coupon WELCOME10 used {} time(s)", usage.times_used);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The day.
// ---------------------------------------------------------------------------------------------

async fn open_store() -> Fallible<Arc<SqliteStore>> {
    let path = std::env::args().nth(1).map_or_else(|| PathBuf::from("target/shop_day.db"), PathBuf::from);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            std::fs::remove_file(file)?;
        }
    }
    println!("store: {} (SQLite, recreated)", path.display());
    Ok(Arc::new(SqliteStore::open(&path).await?))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Fallible<()> {
    let store = open_store().await?;
    let (mut shop, people) = morning(store.clone(), date(2026, 4, 14)).await?;
    let who = |key: &str| people.get(key).cloned().ok_or_else(|| format!("no shopper {key}"));

    shop.clock(9, 5, "the shop opens")?;
    browsers(&mut shop).await?;
    let mut ana = card_order(&mut shop, &who("ana")?).await?;
    shop.clock(9, 40, "a bank transfer")?;
    let (mut boris, mut transfer) = transfer_order(&mut shop, &who("boris")?).await?;
    shop.clock(10, 15, "cash on delivery, and a checkout left half-way")?;
    let mut chen = cash_order(&mut shop, &who("chen")?).await?;
    abandoned_checkout(&mut shop).await?;
    shop.clock(10, 50, "store credit")?;
    let mut dora = wallet_order(&mut shop, &who("dora")?).await?;
    shop.clock(11, 20, "a gift card and a card")?;
    let mut elena = gift_card_order(&mut shop, &who("elena")?).await?;

    shop.clock(11, 45, "packing")?;
    let mut ana_parcel = pack(&mut shop, &mut ana).await?;
    let mut dora_parcel = pack(&mut shop, &mut dora).await?;
    let mut chen_parcel = pack(&mut shop, &mut chen).await?;
    let mut elena_parcel = pack(&mut shop, &mut elena).await?;
    shop.clock(12, 0, "the midday driver leaves")?;
    driver(&shop, &ana_parcel, DriverUpdate::PickedUp)?;
    track(&mut shop, &mut ana, &mut ana_parcel).await?;
    shop.clock(12, 50, "delivered")?;
    driver(&shop, &ana_parcel, DriverUpdate::OutForDelivery)?;
    driver(&shop, &ana_parcel, DriverUpdate::Delivered { cash_collected: None })?;
    track(&mut shop, &mut ana, &mut ana_parcel).await?;

    shop.clock(13, 30, "support chat")?;
    open_question(&mut shop, &who("boris")?, &boris.value).await?;
    shop.clock(14, 5, "the test courier picks up; the afternoon driver leaves")?;
    track(&mut shop, &mut dora, &mut dora_parcel).await?;
    driver(&shop, &chen_parcel, DriverUpdate::PickedUp)?;
    driver(&shop, &elena_parcel, DriverUpdate::PickedUp)?;
    track(&mut shop, &mut chen, &mut chen_parcel).await?;
    track(&mut shop, &mut elena, &mut elena_parcel).await?;

    shop.clock(15, 0, "unpaid transfers are reminded")?;
    remind_transfer(&mut shop, &mut boris).await?;
    shop.clock(15, 40, "afternoon deliveries")?;
    driver(&shop, &chen_parcel, DriverUpdate::OutForDelivery)?;
    collect_cash(&mut shop, &mut chen, &mut chen_parcel).await?;
    driver(&shop, &elena_parcel, DriverUpdate::OutForDelivery)?;
    driver(&shop, &elena_parcel, DriverUpdate::Delivered { cash_collected: None })?;
    track(&mut shop, &mut elena, &mut elena_parcel).await?;

    shop.clock(16, 30, "a delivery question")?;
    track(&mut shop, &mut dora, &mut dora_parcel).await?;
    delivery_question(&mut shop, &who("dora")?, &dora.value, &dora_parcel).await?;
    shop.clock(17, 45, "the bank statement arrives")?;
    bank_statement(&mut shop, &mut boris, &mut transfer).await?;
    shop.clock(18, 30, "a return")?;
    tee_return(&mut shop, &mut ana).await?;

    shop.clock(20, 0, "evening: follow-ups and the outbox")?;
    follow_up_abandoned(&mut shop).await?;
    let expired = shop.store.expire_reservations(shop.now).await?;
    println!("  stock reservations expired: {}", expired.len());
    let mailer = MemoryMailer::new();
    deliver_outbox(&shop, &mailer).await?;
    println!("  memory mailer holds {} messages", mailer.sent().len());

    report(&shop).await?;
    store.close().await;
    Ok(())
}
