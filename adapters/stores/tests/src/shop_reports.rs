//! The Shop's sales reports over each store: figures per day, week and month in the shop's time
//! zone, per currency, payment method, product and category, checked against sums worked out here.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::{date, Date};
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde_json::json;
use vitrina_core::catalog::CatalogData;
use vitrina_core::customer::{AddressInput, ConsentChannel, ConsentSource, Customer, NewCustomer};
use vitrina_core::delivery::{ShippingMethod, ShippingRate};
use vitrina_core::event::Actor;
use vitrina_core::money::{Currency, Money};
use vitrina_core::notify::MarketingPolicy;
use vitrina_core::order::{DeliveryDetails, Order, PaymentMethod};
use vitrina_core::payment::TransferReceipt;
use vitrina_core::pricing::PricingRules;
use vitrina_core::promotion::{Promotion, RejectionReason};
use vitrina_core::reports::{CustomerSegment, KeyFigures, Period};
use vitrina_core::shop::{Campaign, CampaignText, ManualClock, Plugins, RollupRebuild, Shop, ShopError};
use vitrina_core::store::{Changes, Store};

use crate::shop::{delivery_by, settings};

fn money(text: &str) -> Money {
    Money::parse(text, "expected").expect("money")
}

/// A product of one variant in `category`, priced in EUR and BGN.
fn product(id: &str, name: &str, category: &str, variant: &str, eur: &str, bgn: &str) -> serde_json::Value {
    json!({
        "id": id, "name": name, "category_ids": [category],
        "variants": [{"id": variant, "prices": [
            {"currency": "EUR", "amount": eur}, {"currency": "BGN", "amount": bgn},
        ]}],
    })
}

fn shipping(id: &str, currency: Currency, amount: i64) -> ShippingMethod {
    ShippingMethod {
        id: id.into(),
        name: id.into(),
        currency,
        regions: vec![],
        tax_category: "standard".into(),
        rate: ShippingRate::Flat { amount: Decimal::new(amount, 2) },
        free_over: None,
    }
}

/// A shop in Sofia selling tea and honey in EUR and BGN (and a cup nobody buys).
async fn tea_shop(store: Arc<dyn Store>) -> (Shop, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new("2026-03-09T08:00:00Z".parse().expect("instant")));
    let shop = Shop::with_clock(store, Plugins::new(), clock.clone());
    let data: CatalogData = serde_json::from_value(json!({
        "categories": [{"id": "drinks", "name": "Drinks"}, {"id": "food", "name": "Food"}],
        "products": [
            product("tea", "Green tea", "drinks", "tea-100g", "4.50", "8.80"),
            product("honey", "Linden honey", "food", "honey-jar", "7.00", "13.70"),
            product("cup", "Tea cup", "drinks", "cup-1", "3.00", "5.90"),
        ],
    }))
    .expect("catalog");
    shop.catalog().publish(data).await.expect("publish");
    let mut settings = settings();
    settings.locale.time_zone = "Europe/Sofia".into();
    settings.pricing = PricingRules {
        shipping_methods: vec![shipping("courier", Currency::EUR, 490), shipping("courier-bgn", Currency::BGN, 950)],
        ..PricingRules::default()
    };
    shop.admin().configure(settings).await.expect("configure");
    for variant in ["tea-100g", "honey-jar", "cup-1"] {
        shop.catalog().set_stock(variant, 100).await.expect("stock");
    }
    (shop, clock)
}

/// A guest order placed at `at` in `currency`, paid by `method`.
async fn order(
    shop: &Shop,
    clock: &ManualClock,
    at: &str,
    currency: Currency,
    lines: &[(&str, u32)],
    method: PaymentMethod,
) -> Order {
    clock.set(at.parse::<Timestamp>().expect("instant"));
    let cart = shop.carts().create(currency, None).await.expect("cart");
    for (variant, quantity) in lines {
        shop.carts().add_line(&cart.id, variant, *quantity).await.expect("line");
    }
    let session = shop.checkout().start(&cart.id, "guest@example.bg", None).await.expect("start");
    let mut delivery: DeliveryDetails = delivery_by(method);
    if currency == Currency::BGN {
        delivery.shipping_method_id = "courier-bgn".into();
    }
    shop.checkout().set_delivery(session.id(), delivery).await.expect("delivery");
    let confirmed = shop.checkout().quote(session.id()).await.expect("quote");
    shop.checkout().place_order(session.id(), &confirmed).await.expect("order")
}

fn figures(all: &[KeyFigures], currency: Currency) -> &KeyFigures {
    all.iter().find(|f| f.currency == currency).expect("figures in the currency")
}

/// Orders on both sides of midnight in Sofia, in two currencies, one cancelled and one paid by
/// transfer: the day, week and month figures, the breakdowns and the product report add up to the
/// sums worked out by hand from the prices (no tax rules, flat shipping 4.90 EUR / 9.50 BGN).
pub async fn shop_reports_sales_by_period_product_and_currency(store: Arc<dyn Store>) {
    let (shop, clock) = tea_shop(store).await;
    let transfer = PaymentMethod::BankTransfer;
    let (eur, bgn) = (Currency::EUR, Currency::BGN);
    // 9 March, Sofia is UTC+2: 21:30Z is 23:30 on the 9th, 23:30Z is 01:30 on the 10th.
    let first = order(&shop, &clock, "2026-03-09T09:00:00Z", eur, &[("tea-100g", 2), ("honey-jar", 1)], transfer).await;
    order(&shop, &clock, "2026-03-09T21:30:00Z", eur, &[("honey-jar", 1)], PaymentMethod::CashOnDelivery).await;
    order(&shop, &clock, "2026-03-09T23:30:00Z", eur, &[("tea-100g", 3)], transfer).await;
    order(&shop, &clock, "2026-03-10T10:00:00Z", bgn, &[("honey-jar", 2)], transfer).await;
    let cancelled = order(&shop, &clock, "2026-03-10T11:00:00Z", eur, &[("tea-100g", 1)], transfer).await;
    shop.orders().cancel(cancelled.id(), Actor::Staff { id: "ops".into() }, "asked to").await.expect("cancel");
    order(&shop, &clock, "2026-03-16T12:00:00Z", eur, &[("honey-jar", 1)], transfer).await;
    let receipt = TransferReceipt {
        bank_transaction_id: "tx-1".into(),
        received_on: date(2026, 3, 11),
        bank: "Demo Bank".into(),
        amount: first.total(),
        payer_name: "A. PAYER".into(),
        reference_as_written: first.payment_reference().formatted(),
    };
    shop.payments().record_statement(&[receipt]).await.expect("statement");

    let reports = shop.reports();
    let days = reports.sales_report(date(2026, 3, 9), date(2026, 3, 11), Period::Day).await.expect("days");
    let starts: Vec<Date> = days.periods.iter().map(|p| p.start).collect();
    assert_eq!(starts, [date(2026, 3, 9), date(2026, 3, 10)]);
    // The 9th in Sofia: 2 tea + honey (16.00) and honey (7.00), each with 4.90 shipping.
    let ninth = figures(&days.periods[0].figures, eur);
    assert_eq!((ninth.orders, ninth.cancelled, ninth.items), (2, 0, 4));
    assert_eq!(
        (ninth.subtotal, ninth.shipping, ninth.total),
        (money("23.00 EUR"), money("9.80 EUR"), money("32.80 EUR"))
    );
    assert_eq!((ninth.collected, ninth.net), (money("20.90 EUR"), money("32.80 EUR")), "the transfer of 16.00 + 4.90");
    assert_eq!(days.periods[0].figures.len(), 1, "no BGN order on the 9th");
    // The 10th: the 01:30 order (3 tea, 13.50 + 4.90), one cancelled; and 2 honey in BGN (27.40 + 9.50).
    let tenth = figures(&days.periods[1].figures, eur);
    assert_eq!((tenth.orders, tenth.cancelled, tenth.items, tenth.total), (2, 1, 3, money("18.40 EUR")));
    assert_eq!(tenth.average_order, money("18.40 EUR"), "the cancelled order is not averaged");
    let lev = figures(&days.periods[1].figures, bgn);
    assert_eq!((lev.orders, lev.items, lev.total), (1, 2, money("36.90 BGN")));

    let weeks = reports.sales_report(date(2026, 3, 1), date(2026, 3, 23), Period::Week).await.expect("weeks");
    let week_starts: Vec<Date> = weeks.periods.iter().map(|p| p.start).collect();
    assert_eq!(week_starts, [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]);
    assert!(weeks.periods[0].figures.is_empty() && weeks.periods[1].figures.is_empty());
    assert_eq!(figures(&weeks.periods[2].figures, eur).total, money("51.20 EUR"));
    assert_eq!(figures(&weeks.periods[3].figures, eur).total, money("11.90 EUR"), "honey 7.00 + 4.90");

    let month = reports.sales_report(date(2026, 3, 1), date(2026, 4, 1), Period::Month).await.expect("month");
    let march = figures(&month.overall, eur);
    assert_eq!((march.orders, march.cancelled, march.items, march.total), (5, 1, 8, money("63.10 EUR")));
    assert_eq!(march.average_order, money("15.78 EUR"), "63.10 / 4 = 15.775, half away from zero");
    let methods: Vec<(&str, Currency, i64, Money)> =
        month.by_payment_method.iter().map(|b| (b.key.as_str(), b.currency, b.orders, b.total)).collect();
    assert_eq!(
        methods,
        [
            ("bank_transfer", bgn, 1, money("36.90 BGN")),
            ("bank_transfer", eur, 4, money("51.20 EUR")),
            ("cash_on_delivery", eur, 1, money("11.90 EUR")),
        ]
    );

    let products = reports.products(date(2026, 3, 1), date(2026, 4, 1), eur, 1).await.expect("products");
    let sold: Vec<(&str, i64, Money)> =
        products.products.iter().map(|p| (p.product_id.as_str(), p.units, p.revenue)).collect();
    assert_eq!(
        sold,
        [("tea", 5, money("22.50 EUR")), ("honey", 3, money("21.00 EUR")), ("cup", 0, money("0.00 EUR"))],
        "the cancelled tea is not sold"
    );
    assert_eq!((products.top[0].product_id.as_str(), products.bottom[0].product_id.as_str()), ("tea", "cup"));
    assert_eq!((products.listed, products.sold), (3, 2));
    assert_eq!(products.sell_through_percent, "66.67".parse::<Decimal>().expect("percent"));
    let categories: Vec<(&str, Money)> =
        products.categories.iter().map(|c| (c.category_id.as_str(), c.revenue)).collect();
    assert_eq!(categories, [("drinks", money("22.50 EUR")), ("food", money("21.00 EUR"))]);

    let csv = reports.sales_csv(date(2026, 3, 9), date(2026, 3, 11), Period::Day).await.expect("csv");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("period_start,currency,orders,cancelled,items,subtotal"), "{csv}");
    assert_eq!(lines[1], "2026-03-09,EUR,2,0,4,23.00,0.00,9.80,0.00,0.00,32.80,0.00,32.80,20.90,16.40");
    assert_eq!(lines.len(), 5, "header, three rows and the final line end: {csv}");
    let chart = reports.sales_chart(date(2026, 3, 9), date(2026, 3, 17), Period::Day, eur).await.expect("chart");
    assert!(chart.starts_with("<svg") && chart.trim_end().ends_with("</svg>"), "{chart}");
    assert!(chart.matches("<rect").count() >= 8, "the background and a bar per day with orders: {chart}");

    let refused = reports.sales_report(date(2026, 3, 9), date(2026, 3, 9), Period::Day).await.unwrap_err();
    assert!(matches!(&refused, ShopError::Invalid { field, .. } if field == "to"), "{refused:?}");

    let rebuilt = assert_rebuild_reproduces(&shop, date(2026, 3, 1), date(2026, 4, 1)).await;
    assert_eq!(rebuilt, RollupRebuild { orders: 6, payments: 1, returns: 0 });
}

/// One day's funnel: three carts, two checkouts (one left, followed up by the due work, then
/// finished), two orders of which one used the WELCOME coupon and was paid by transfer. The counts,
/// the rates and the coupon's discount and revenue are worked out by hand.
pub async fn shop_reports_the_funnel_and_promotion_effect(store: Arc<dyn Store>) {
    let (shop, clock) = tea_shop(store).await;
    let welcome = serde_json::from_value(json!({
        "id": "welcome", "name": "Welcome 10 %", "priority": 0, "exclusive": false, "stackable": true,
        "coupon_code": "WELCOME", "currency": null, "conditions": {},
        "action": {"type": "percent_off", "percent": "10",
                   "target": {"product_ids": ["tea", "honey"], "variant_ids": [], "category_ids": []}},
    }))
    .expect("promotion");
    shop.admin().upsert_promotion(welcome).await.expect("promotion");
    let set = |at: &str| clock.set(at.parse::<Timestamp>().expect("instant"));

    // 10:00 Sofia: 2 tea with the coupon, 9.00 - 0.90 + 4.90 shipping = 13.00 EUR.
    set("2026-03-09T08:00:00Z");
    let coupon_cart = shop.carts().create(Currency::EUR, None).await.expect("cart");
    shop.carts().add_line(&coupon_cart.id, "tea-100g", 2).await.expect("line");
    shop.carts().apply_coupon(&coupon_cart.id, "WELCOME").await.expect("coupon");
    let with_coupon = place(&shop, &coupon_cart.id).await;
    assert_eq!(with_coupon.total(), money("13.00 EUR"));

    // 10:10: a honey checkout left after the contact step, followed up at 12:30, finished at 13:00.
    set("2026-03-09T08:10:00Z");
    let left_cart = shop.carts().create(Currency::EUR, None).await.expect("cart");
    shop.carts().add_line(&left_cart.id, "honey-jar", 1).await.expect("line");
    let left = shop.checkout().start(&left_cart.id, "filip@example.bg", None).await.expect("start");
    let due = shop.run_due("2026-03-09T10:30:00Z".parse().expect("instant")).await.expect("due");
    assert_eq!(due.follow_ups, [left.id().to_owned()]);
    set("2026-03-09T11:00:00Z");
    shop.checkout().set_delivery(left.id(), delivery_by(PaymentMethod::BankTransfer)).await.expect("delivery");
    let confirmed = shop.checkout().quote(left.id()).await.expect("quote");
    shop.checkout().place_order(left.id(), &confirmed).await.expect("recovered order");

    // A third cart never reaches checkout; the coupon order's transfer arrives at 14:00.
    let browsing = shop.carts().create(Currency::EUR, None).await.expect("cart");
    shop.carts().add_line(&browsing.id, "tea-100g", 1).await.expect("line");
    set("2026-03-09T12:00:00Z");
    let receipt = TransferReceipt {
        bank_transaction_id: "tx-7".into(),
        received_on: date(2026, 3, 9),
        bank: "Demo Bank".into(),
        amount: with_coupon.total(),
        payer_name: "A. PAYER".into(),
        reference_as_written: with_coupon.payment_reference().formatted(),
    };
    shop.payments().record_statement(&[receipt]).await.expect("statement");

    let funnel = shop.reports().funnel(date(2026, 3, 9), date(2026, 3, 10)).await.expect("funnel");
    let steps = (
        funnel.carts_created,
        funnel.checkouts_started,
        funnel.orders_placed,
        funnel.orders_paid,
        funnel.followed_up,
        funnel.recovered,
    );
    assert_eq!(steps, (3, 2, 2, 1, 1, 1));
    let percent = |text: &str| text.parse::<Decimal>().expect("percent");
    assert_eq!(funnel.checkout_rate_percent, percent("66.67"));
    assert_eq!((funnel.order_rate_percent, funnel.paid_rate_percent), (percent("100"), percent("50")));
    assert_eq!(funnel.recovery_rate_percent, percent("100"));
    assert_eq!(funnel.promotions.len(), 1, "{:?}", funnel.promotions);
    let effect = &funnel.promotions[0];
    assert_eq!((effect.promotion_id.as_str(), effect.name.as_str(), effect.orders), ("welcome", "Welcome 10 %", 1));
    assert_eq!((effect.discount, effect.revenue), (money("0.90 EUR"), money("13.00 EUR")));

    let csv = shop.reports().funnel_csv(date(2026, 3, 9), date(2026, 3, 10)).await.expect("csv");
    let rows: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(rows[1], "carts_created,,,3,,");
    assert_eq!(rows[7], "promotion,welcome,EUR,1,0.90,13.00", "{csv}");
    let chart = shop.reports().funnel_chart(date(2026, 3, 9), date(2026, 3, 10)).await.expect("chart");
    assert!(chart.starts_with("<svg") && chart.contains(">\nrecovered\n<"), "{chart}");

    let next_day = shop.reports().funnel(date(2026, 3, 10), date(2026, 3, 11)).await.expect("funnel");
    assert_eq!((next_day.carts_created, next_day.orders_placed), (0, 0), "counted on the day they happened");

    let rebuilt = assert_rebuild_reproduces(&shop, date(2026, 3, 1), date(2026, 4, 1)).await;
    assert_eq!((rebuilt.orders, rebuilt.payments), (2, 1));
}

/// Both checkout steps for the cart and the order placed at the quoted price.
async fn place(shop: &Shop, cart_id: &str) -> Order {
    let session = shop.checkout().start(cart_id, "guest@example.bg", None).await.expect("start");
    shop.checkout().set_delivery(session.id(), delivery_by(PaymentMethod::BankTransfer)).await.expect("delivery");
    let confirmed = shop.checkout().quote(session.id()).await.expect("quote");
    shop.checkout().place_order(session.id(), &confirmed).await.expect("order")
}

/// A registered customer of the tea shop who buys `lines` at `at` (shop clock), by transfer.
async fn customer_order(shop: &Shop, clock: &ManualClock, customer: &Customer, at: &str, lines: &[(&str, u32)]) {
    clock.set(at.parse::<Timestamp>().expect("instant"));
    let cart = shop.carts().create(Currency::EUR, Some(customer.id())).await.expect("cart");
    for (variant, quantity) in lines {
        shop.carts().add_line(&cart.id, variant, *quantity).await.expect("line");
    }
    let session = shop.checkout().start(&cart.id, customer.email().as_str(), None).await.expect("start");
    shop.checkout().set_delivery(session.id(), delivery_by(PaymentMethod::BankTransfer)).await.expect("delivery");
    let confirmed = shop.checkout().quote(session.id()).await.expect("quote");
    shop.checkout().place_order(session.id(), &confirmed).await.expect("order");
}

async fn customer(shop: &Shop, name: &str, email: &str, locale: &str) -> Customer {
    let new = NewCustomer { email: email.into(), name: name.into(), phone: None, locale: locale.into() };
    shop.customers().register(new).await.expect("register")
}

fn segment(id: &str, rules: serde_json::Value) -> CustomerSegment {
    serde_json::from_value(json!({"id": id, "name": id, "rules": rules})).expect("segment")
}

/// Segments over purchase history and profile, counted by the store on 9 March: Ana (bg, VIP, an
/// address in Bulgaria) spent 61.80 EUR on tea and honey that day; Boris bought tea only; Chen
/// bought honey last June and nothing since; Dora never ordered. Each segment's size and members
/// are worked out by hand; a mailing to a saved segment reaches only its consenting members.
pub async fn shop_counts_customer_segments(store: Arc<dyn Store>) {
    let (shop, clock) = tea_shop(store).await;
    let ana = customer(&shop, "Ana Petrova", "ana@example.bg", "bg").await;
    let boris = customer(&shop, "Boris Ivanov", "boris@example.bg", "en").await;
    let chen = customer(&shop, "Chen Wei", "chen@example.cn", "zh").await;
    customer(&shop, "Dora Georgieva", "dora@example.bg", "bg").await;
    let address = AddressInput {
        name: "Ana Petrova".into(),
        lines: vec!["ul. Vitosha 1".into()],
        city: "Sofia".into(),
        postal_code: "1000".into(),
        country: "BG".into(),
        region: None,
        phone: None,
        default_shipping: true,
        default_billing: true,
    };
    shop.customers().add_address(ana.id(), address).await.expect("address");
    shop.customers().make_vip(ana.id()).await.expect("vip");
    customer_order(&shop, &clock, &chen, "2025-06-01T10:00:00Z", &[("honey-jar", 1)]).await;
    customer_order(&shop, &clock, &ana, "2026-03-09T08:00:00Z", &[("tea-100g", 10)]).await;
    customer_order(&shop, &clock, &ana, "2026-03-09T09:00:00Z", &[("honey-jar", 1)]).await;
    customer_order(&shop, &clock, &boris, "2026-03-09T10:00:00Z", &[("tea-100g", 1)]).await;

    let customers = shop.customers();
    let cases = [
        ("big-spenders", json!([{"rule": "spent_at_least", "amount": "50.00 EUR", "days": 90}]), vec![&ana]),
        (
            "tea-not-honey",
            json!([{"rule": "bought", "product_id": "tea"}, {"rule": "not_bought", "product_id": "honey"}]),
            vec![&boris],
        ),
        ("lapsed", json!([{"rule": "no_order_within", "days": 180}]), vec![&chen]),
        (
            "bg-vip",
            json!([{"rule": "locale", "locale": "bg"}, {"rule": "group", "group": "vip"}, {"rule": "country", "country": "bg"}]),
            vec![&ana],
        ),
        ("regulars", json!([{"rule": "orders_at_least", "orders": 2}]), vec![&ana]),
    ];
    for (id, rules, members) in cases {
        assert_eq!(customers.save_segment(segment(id, rules)).await.expect("save"), 1, "{id} is new");
        assert_eq!(customers.segment_size(id).await.expect("size"), members.len() as u64, "{id}");
        let mut expected: Vec<&str> = members.iter().map(|c| c.id()).collect();
        expected.sort();
        assert_eq!(customers.segment_members(id, None, 100).await.expect("members"), expected, "{id}");
    }
    let buyers = segment("buyers", json!([{"rule": "orders_at_least", "orders": 1}]));
    customers.save_segment(buyers.clone()).await.expect("save");
    assert_eq!(customers.save_segment(buyers).await.expect("again"), 2, "saving again is the next version");
    let first_page = customers.segment_members("buyers", None, 2).await.expect("page");
    let rest = customers.segment_members("buyers", first_page.last().map(String::as_str), 2).await.expect("page");
    assert_eq!((first_page.len(), rest.len()), (2, 1), "three buyers, two a page");

    assert_rebuild_reproduces(&shop, date(2025, 1, 1), date(2026, 4, 1)).await;
    for (id, size) in [("big-spenders", 1), ("tea-not-honey", 1), ("lapsed", 1), ("bg-vip", 1), ("buyers", 3)] {
        assert_eq!(customers.segment_size(id).await.expect("size"), size, "{id} after the rebuild");
    }

    let bad = segment("bad", json!([{"rule": "no_order_within", "days": 0}]));
    let refused = customers.save_segment(bad).await.unwrap_err();
    assert!(matches!(&refused, ShopError::Invalid { field, .. } if field == "rules[0].days"), "{refused:?}");

    for someone in [&ana, &boris] {
        customers.grant_consent(someone.id(), ConsentChannel::Email, ConsentSource::Checkout).await.expect("consent");
    }
    let campaign = Campaign {
        id: "tea-news".into(),
        default_locale: "en".into(),
        texts: BTreeMap::from([(
            "en".to_owned(),
            CampaignText { subject: "Honey for your tea".into(), text: "Try it.".into(), html: None },
        )]),
    };
    let policy = MarketingPolicy { saved_segment: Some("tea-not-honey".into()), ..MarketingPolicy::default() };
    let report = shop.marketing().send(&campaign, Some(&policy)).await.expect("send");
    let mailed: Vec<&str> = report.mailed.iter().map(|send| send.customer_id.as_str()).collect();
    assert_eq!((mailed, report.skipped.len()), (vec![boris.id()], 0), "only the segment's member is considered");

    // A promotion for the regulars (and a segment nobody saved): 10 % off for Ana, nothing for
    // Boris, and his coupon for the regulars is refused with its reason.
    let regulars: Promotion = serde_json::from_value(json!({
        "id": "regulars10", "name": "Regulars -10 %",
        "conditions": {"customer_segments": ["regulars", "never-saved"]},
        "action": {"type": "percent_off", "percent": "10", "target": {}},
    }))
    .expect("promotion");
    let coupon = Promotion { id: "regulars-coupon".into(), coupon_code: Some("REGULAR".into()), ..regulars.clone() };
    shop.admin()
        .update(|settings| {
            settings.pricing.promotions = vec![regulars.clone(), coupon.clone()];
            Ok(())
        })
        .await
        .expect("settings");
    let priced_for = |who: &Customer| {
        let (shop, id) = (&shop, who.id().to_owned());
        async move {
            let cart = shop.carts().create(Currency::EUR, Some(&id)).await.expect("cart");
            shop.carts().add_line(&cart.id, "tea-100g", 2).await.expect("line");
            shop.carts().apply_coupon(&cart.id, "REGULAR").await.expect("coupon");
            shop.carts().price(&cart.id, None, None).await.expect("price")
        }
    };
    let for_ana = priced_for(&ana).await;
    assert_eq!(
        for_ana.promotions.iter().map(|p| &*p.promotion_id).collect::<Vec<_>>(),
        ["regulars-coupon", "regulars10"],
        "by priority, then id"
    );
    // 2 x 4.50 = 9.00; 10 % is 0.90, then 10 % of the 8.10 left is 0.81.
    assert_eq!((for_ana.totals.subtotal, for_ana.totals.discount_total), (Decimal::new(900, 2), Decimal::new(171, 2)));
    let for_boris = priced_for(&boris).await;
    assert!(for_boris.promotions.is_empty(), "{:?}", for_boris.promotions);
    assert_eq!(for_boris.rejected_coupons.len(), 1);
    assert_eq!(for_boris.rejected_coupons[0].reason, RejectionReason::CustomerSegmentNotEligible);
}

/// Every report of the shop-local days `from` to `to`, as text to compare.
async fn every_report(shop: &Shop, from: Date, to: Date) -> Vec<String> {
    let reports = shop.reports();
    let mut all = vec![
        format!("{:?}", reports.sales_report(from, to, Period::Day).await.expect("days")),
        format!("{:?}", reports.sales_report(from, to, Period::Month).await.expect("months")),
        format!("{:?}", reports.funnel(from, to).await.expect("funnel")),
        format!("{:?}", reports.after_sales(from, to).await.expect("after-sales")),
        format!("{:?}", reports.customers(from, to).await.expect("customers")),
    ];
    for currency in [Currency::EUR, Currency::BGN] {
        all.push(format!("{:?}", reports.products(from, to, currency, 10).await.expect("products")));
    }
    all
}

/// Empties the rollups that come from orders (as a rebuild does first), checks the reports lost
/// them, rebuilds them from the stored orders, returns and event log, and checks every report of
/// `from` to `to` reads as it did: what the commands counted as they ran, the rebuild counts again.
pub(crate) async fn assert_rebuild_reproduces(shop: &Shop, from: Date, to: Date) -> RollupRebuild {
    let before = every_report(shop, from, to).await;
    let emptied = Changes { rebuilds_rollups: true, ..Changes::default() };
    shop.store().commit(&emptied).await.expect("empty the rollups");
    let lost = shop.reports().sales_report(from, to, Period::Month).await.expect("months");
    assert!(lost.overall.is_empty(), "emptied: {lost:?}");
    let rebuilt = shop.reports().rebuild_rollups().await.expect("rebuild");
    let after = every_report(shop, from, to).await;
    for (was, is) in before.iter().zip(&after) {
        assert_eq!(was, is, "a report differs after the rebuild");
    }
    let again = shop.reports().rebuild_rollups().await.expect("rebuild again");
    assert_eq!(again, rebuilt, "a second rebuild reads the same");
    assert_eq!(every_report(shop, from, to).await, before, "and does not add up twice");
    rebuilt
}
