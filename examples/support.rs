//! After-sales, run through `Shop` alone on the embedded SQLite store (in memory) and a simulated
//! clock: Ana's order, paid part by gift card and part by card, arrives with a broken mug. Her
//! support case opens Friday afternoon and its SLA clock stops over the weekend (support works
//! Mon-Fri 09:00-17:00 Sofia time); on Monday an agent answers with a canned reply, solves the case
//! and Ana rates it. The FAQ is published in four languages and searched on a tantivy index; the mug
//! is returned and refunded over the card and the gift card; Ana's review of the honey is approved
//! by a moderator and answered by the seller.
//!
//! The shop is the one of the shop day (`examples/data/`) with support's hours and a canned reply.
//!
//! `cargo run --example support`

use std::collections::BTreeMap;
use std::error::Error;
use std::sync::Arc;

use jiff::civil::{date, time};
use jiff::Timestamp;
use vitrina::catalog::CatalogData;
use vitrina::customer::NewCustomer;
use vitrina::delivery::Address;
use vitrina::event::Actor;
use vitrina::knowledge::{KnowledgeLocale, NewArticle, SearchQuery};
use vitrina::money::{Currency, Money};
use vitrina::notify::MemoryMailer;
use vitrina::order::{DeliveryDetails, Order, PaymentMethod};
use vitrina::payment::{TestGateway, TEST_CARD_SUCCESS};
use vitrina::returns::{InspectedLine, Inspection, ItemCondition, RequestedLine, ReturnOutcome, ReturnReason};
use vitrina::review::NewReview;
use vitrina::shop::{ManualClock, Plugins, Settings, Shop};
use vitrina::support::{BusinessCalendar, CannedReply, CaseActor, CaseCategory, Channel, NewCase};
use vitrina::support::{OpeningInterval, Priority, WeeklyHours};
use vitrina_couriers_test::TestCourier;
use vitrina_search_tantivy::TantivySearchIndex;
use vitrina_store_sqlite::SqliteStore;

type Fallible<T> = Result<T, Box<dyn Error>>;

const ZONE: &str = "Europe/Sofia";
const EUR: Currency = Currency::EUR;

fn staff(id: &str) -> Actor {
    Actor::Staff { id: id.into() }
}

/// The shop, its simulated clock, the test courier whose clock follows it, and Ana.
struct Demo {
    shop: Shop,
    clock: Arc<ManualClock>,
    courier: Arc<TestCourier>,
    ana: String,
}

impl Demo {
    /// Opens the shop on Monday 2 March 08:00: settings, catalog with stock, and Ana's account.
    async fn open() -> Fallible<Demo> {
        let opening = sofia_time(2, 8, 0)?;
        let (clock, courier) = (Arc::new(ManualClock::new(opening)), Arc::new(TestCourier::new(opening)));
        let plugins = Plugins::new()
            .gateway(PaymentMethod::Card, Arc::new(TestGateway::new("whsec_support")))
            .courier(courier.clone())
            .mailer(Arc::new(MemoryMailer::new()))
            .search(Arc::new(TantivySearchIndex::in_memory()?));
        let shop = Shop::with_clock(Arc::new(SqliteStore::in_memory().await?), plugins, clock.clone());
        shop.admin().configure(settings()?).await?;
        let catalog: CatalogData = serde_json::from_str(include_str!("data/shop_day_catalog.json"))?;
        shop.catalog().import(catalog).await?;
        let new = NewCustomer {
            email: "ana@example.bg".into(),
            name: "Ana Petrova".into(),
            phone: None,
            locale: "en".into(),
        };
        let ana = shop.customers().register(new).await?.id().to_owned();
        println!("store: SQLite in memory; search: tantivy in memory");
        Ok(Demo { shop, clock, courier, ana })
    }

    /// Sets the clock to `hh:mm` Sofia time on `day` March 2026 and says what happens.
    fn at(&self, day: i8, hour: i8, minute: i8, what: &str) -> Fallible<Timestamp> {
        let now = sofia_time(day, hour, minute)?;
        self.courier.advance(now.duration_since(self.courier.now()));
        self.clock.set(now);
        println!("\n{}  {what}", local(now)?);
        Ok(now)
    }
}

/// `hh:mm` in Sofia on `day` March 2026.
fn sofia_time(day: i8, hour: i8, minute: i8) -> Fallible<Timestamp> {
    Ok(date(2026, 3, day).at(hour, minute, 0, 0).in_tz(ZONE)?.timestamp())
}

fn local(at: Timestamp) -> Fallible<String> {
    Ok(at.in_tz(ZONE)?.strftime("%a %d %b %H:%M").to_string())
}

/// The shop day's settings, with support open Mon-Fri 09:00-17:00 in Sofia and a canned reply.
fn settings() -> Fallible<Settings> {
    let mut settings: Settings = serde_json::from_str(include_str!("data/shop_day_settings.json"))?;
    let day = vec![OpeningInterval::new(time(9, 0, 0, 0), time(17, 0, 0, 0))];
    let (monday, tuesday, wednesday, thursday) = (day.clone(), day.clone(), day.clone(), day.clone());
    let week = WeeklyHours { monday, tuesday, wednesday, thursday, friday: day, ..WeeklyHours::default() };
    settings.business_calendar = Some(BusinessCalendar::new(ZONE, week, vec![])?);
    let text = "Hello {{ name }}, we are sorry the mug arrived broken.\n\
                We have opened a return for order {{ order }}: you get the money back, shipping included.";
    settings.canned_replies.add(CannedReply {
        id: "damaged-in-transit".into(),
        title: "Damaged in transit".into(),
        category: "delivery".into(),
        default_locale: "en".into(),
        variants: BTreeMap::from([("en".into(), text.into())]),
    })?;
    settings.staff.insert("mila".into(), "Mila".into());
    Ok(settings)
}

/// Monday: two mugs and a jar of honey, 15.00 paid by gift card and the rest by card; the parcel
/// leaves Tuesday and arrives Wednesday.
async fn delivered_order(demo: &Demo) -> Fallible<Order> {
    let shop = &demo.shop;
    demo.at(2, 9, 0, "Ana orders two mugs and honey")?;
    let cart = shop.carts().create(EUR, Some(&demo.ana)).await?;
    shop.carts().add_line(&cart.id, "mug-white", 2).await?;
    shop.carts().add_line(&cart.id, "honey", 1).await?;
    let session = shop.checkout().start(&cart.id, "ana@example.bg", None).await?;
    let address = Address {
        recipient: "Ana Petrova".into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: "1000".into(),
        region: None,
        country: "BG".into(),
    };
    shop.checkout()
        .set_delivery(session.id(), DeliveryDetails::new(address, "courier", PaymentMethod::GiftCard))
        .await?;
    let confirmed = shop.checkout().quote(session.id()).await?;
    let order = shop.checkout().place_order(session.id(), &confirmed).await?;
    let card = shop.wallets().issue_gift_card(Money::from_minor(1_500, EUR), None, "gift:ana", staff("mila")).await?;
    let gift = shop.wallets().pay_with_gift_card(order.id(), card.code().as_str(), "ana:gift").await?;
    let rest = shop.payments().pay(order.id(), TEST_CARD_SUCCESS, "ana:card").await?;
    println!("  {} {}: gift card {}, card {}", order.number(), order.total(), gift.captured(), rest.captured());
    demo.at(3, 10, 0, "the parcel leaves with the test courier")?;
    shop.shipping().ship(order.id(), staff("packer")).await?;
    demo.at(4, 15, 0, "tracking")?;
    shop.shipping().refresh_tracking(shop.now()).await?;
    let order = shop.orders().get(order.id()).await?;
    println!("  {} {}", order.number(), order.state());
    Ok(order)
}

/// Friday 16:30 Ana reports the broken mug; the SLA clock runs only in support's opening hours.
async fn support_case(demo: &Demo, order: &Order, mug_line: &str) -> Fallible<()> {
    let support = demo.shop.support();
    demo.at(6, 16, 30, "Ana opens a case")?;
    let ana = CaseActor::Customer { id: demo.ana.clone() };
    let case = support
        .open_case(NewCase {
            customer_id: demo.ana.clone(),
            opened_by: ana,
            channel: Channel::WebForm,
            subject: "One mug arrived broken".into(),
            description: "The parcel came on Wednesday; one of the two mugs is cracked.".into(),
            priority: Priority::Normal,
            category: CaseCategory::DeliveryProblem,
            order_id: Some(order.id().into()),
            order_line_ids: vec![mug_line.into()],
        })
        .await?;
    println!("  case {:?}, {:?}: {}", case.category(), case.priority(), case.subject());
    for (day, hour, minute) in [(6, 16, 45), (7, 12, 0), (9, 10, 30)] {
        demo.at(day, hour, minute, "the support queue by SLA")?;
        print_queue(&demo.shop).await?;
    }
    demo.at(9, 10, 40, "Mila answers with a canned reply")?;
    let values =
        BTreeMap::from([("name".to_owned(), "Ana".to_owned()), ("order".to_owned(), order.number().to_string())]);
    let replied = support.reply_with_canned(case.id(), "mila", "damaged-in-transit", None, &values).await?;
    let reply = replied.messages().last().map_or("", |m| m.body.as_str());
    println!("  {}", reply.replace('\n', "\n  "));
    print_queue(&demo.shop).await?;
    demo.at(9, 11, 0, "Mila solves the case")?;
    let solved = support.solve(case.id(), CaseActor::Agent { id: "mila".into() }).await?;
    let open = support.open_cases_by_sla().await?.len();
    println!("  case {}, survey sent; open cases left: {open}", solved.case.state());
    demo.at(9, 12, 0, "Ana answers the satisfaction survey")?;
    let survey = solved.survey.ok_or("no survey")?;
    let answered = support.answer_survey(survey.id(), 5, Some("Quick and kind, thank you!")).await?;
    println!("  CSAT {}/5", answered.response().map_or(0, |r| r.score));
    Ok(())
}

/// The support queue by SLA: the first-response target of each open case.
async fn print_queue(shop: &Shop) -> Fallible<()> {
    for listed in shop.support().open_cases_by_sla().await? {
        let first = &listed.sla.first_response;
        let due = first.due_at.map_or(Ok("-".into()), local)?;
        let (used, target) = (first.elapsed_minutes, first.target_minutes);
        println!("  first response {:?}: {used} of {target} business min used, due {due}", first.status);
    }
    Ok(())
}

/// The FAQ (`examples/data/faq.json`) in English, Russian, Bulgarian and Chinese, each language searched.
async fn faq(demo: &Demo) -> Fallible<()> {
    let knowledge = demo.shop.knowledge();
    demo.at(9, 13, 0, "the FAQ is published and searched")?;
    let articles: Vec<NewArticle> = serde_json::from_str(include_str!("data/faq.json"))?;
    for article in articles {
        knowledge.publish_article(article).await?;
    }
    println!("  {} articles published and indexed", knowledge.sync_index().await?.indexed);
    for (locale, text) in [
        (KnowledgeLocale::En, "refund money back"),
        (KnowledgeLocale::Ru, "возврат денег"),
        (KnowledgeLocale::Bg, "доставката"),
        (KnowledgeLocale::Zh, "退款"),
    ] {
        let results = knowledge.search(SearchQuery::new(text).locale(locale).limit(1)).await?;
        let top = results.hits.first().map_or("(nothing)", |hit| hit.title.as_str());
        println!("  [{}] {text:?} -> {top}", locale.code());
    }
    Ok(())
}

/// The broken mug comes back: approved, received Wednesday, inspected, and refunded with the
/// shipping (the shop's fault) over the card and the gift card.
async fn return_and_refund(demo: &Demo, order: &Order, mug_line: &str) -> Fallible<()> {
    let returns = demo.shop.returns();
    demo.at(9, 14, 0, "the mug is returned")?;
    let line = RequestedLine {
        line_id: mug_line.into(),
        quantity: 1,
        reason: ReturnReason::Damaged,
        condition: ItemCondition::Damaged,
        photos: vec!["uploads/mug-crack.jpg".into()],
        note: Some("cracked handle".into()),
    };
    let rma =
        returns.request(order.id(), &[line], Actor::Shopper { customer_id: Some(demo.ana.clone()) }, None).await?;
    returns.approve(rma.id(), staff("mila")).await?;
    returns.await_parcel(rma.id(), Some("RET-4471"), Actor::System).await?;
    demo.at(11, 10, 0, "the parcel is back and inspected")?;
    returns.receive(rma.id(), None, staff("packer")).await?;
    let inspected = InspectedLine {
        line_id: mug_line.into(),
        condition: ItemCondition::Damaged,
        note: Some("cracked handle".into()),
    };
    returns.inspect(rma.id(), Inspection { lines: vec![inspected], note: None }, staff("packer")).await?;
    let refunded = returns.refund(rma.id(), staff("mila"), "rma-1").await?;
    if let Some(ReturnOutcome::Refund { settlement, payments }) = refunded.outcome() {
        println!("  worth {} (mug {}, shipping {})", settlement.total, settlement.lines[0].amount, settlement.shipping);
        for part in payments {
            println!("  {} back to the {}", part.amount, part.method.as_str());
        }
    }
    let closed = returns.close(rma.id(), None, Actor::System).await?;
    let steps: Vec<String> = closed.history().iter().map(|t| t.to.to_string()).collect();
    println!("  return {}; order paid now {}", steps.join(" -> "), demo.shop.orders().get(order.id()).await?.paid());
    Ok(())
}

/// Ana reviews the honey; a moderator publishes it and the seller replies.
async fn review(demo: &Demo) -> Fallible<()> {
    let reviews = demo.shop.reviews();
    demo.at(12, 18, 0, "Ana reviews the honey")?;
    let text = "Lovely linden honey, and support sorted out my broken mug in no time.";
    let new = NewReview { product_id: "honey".into(), customer_id: demo.ana.clone(), rating: 5, text: text.into() };
    let submitted = reviews.submit(new).await?;
    println!("  review {}", submitted.state().as_str());
    demo.at(13, 9, 0, "a moderator approves it, the seller replies")?;
    reviews.approve(submitted.id(), "ivo").await?;
    let replied = reviews.reply(submitted.id(), "mila", "Thank you, Ana! Enjoy the honey.").await?;
    println!("  seller reply: {:?}", replied.seller_reply().map_or("", |r| r.body.as_str()));
    let page = reviews.of_product("honey").await?;
    let average = page.summary.average.map_or("-".into(), |a| a.to_string());
    println!("  honey: {} published review(s), average {average} stars", page.summary.count);
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Fallible<()> {
    let demo = Demo::open().await?;
    let order = delivered_order(&demo).await?;
    let mug = order.cart().lines.iter().find(|l| l.variant_id == "mug-white").ok_or("no mug line")?.id.clone();
    support_case(&demo, &order, &mug).await?;
    faq(&demo).await?;
    return_and_refund(&demo, &order, &mug).await?;
    review(&demo).await
}
