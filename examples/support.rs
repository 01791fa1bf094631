//! After-sales story, end to end: a customer reports a broken mug, an agent answers with a canned
//! reply, the SLA clock pauses over the weekend, the case is solved and rated, the FAQ is searched in
//! four languages on an in-memory tantivy index, the mug is returned and refunded over the two
//! payments of the order (card and gift card), and a review gets a seller reply.

use std::collections::BTreeMap;
use std::error::Error;

use jiff::civil::time;
use jiff::Timestamp;
use vitrina::cart::{Cart, CartLine};
use vitrina::catalog::{Catalog, CatalogData, Product};
use vitrina::delivery::Address;
use vitrina::delivery::{ShippingMethod, ShippingRate};
use vitrina::event::Actor;
use vitrina::knowledge::SearchIndex;
use vitrina::knowledge::{
    sync_knowledge_base, KnowledgeBase, KnowledgeCategory, KnowledgeLocale, NewArticle, SearchQuery,
};
use vitrina::money::{Currency, Money};
use vitrina::order::PaymentMethod;
use vitrina::order::{ContactDetails, DeliveryDetails};
use vitrina::order::{Order, OrderDraft, OrderNumber, OrderState};
use vitrina::payment::{Payment, PaymentStep, RefundOutcome};
use vitrina::pricing::{Pricer, PricingContext, PricingRules};
use vitrina::returns::{
    InspectedLine, Inspection, ItemCondition, NewReturn, Receipt, RefundablePayment, RequestedLine, ReturnPolicy,
    ReturnReason, Rma,
};
use vitrina::review::{NewReview, Review, ReviewState};
use vitrina::support::{
    BusinessCalendar, CannedLibrary, CannedReply, CaseActor, CaseCategory, CasePolicy, CaseState, Channel, CsatPolicy,
    NewCase, OpeningInterval, Priority, SlaPolicy, SlaTargets, SupportCase, SurveyRequest, WarningThreshold,
    WeeklyHours,
};
use vitrina::tax::{TaxConfig, TaxRule};
use vitrina_search_tantivy::TantivySearchIndex;

type Outcome<T> = Result<T, Box<dyn Error>>;

const CUSTOMER: &str = "cust-ana";
const MUG_LINE: &str = "line-mug";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Outcome<()> {
    let (mut order, mut payments) = delivered_order()?;
    support_case(&order)?;
    faq_search().await?;
    return_and_refund(&mut order, &mut payments)?;
    review()?;
    println!("\nstory complete");
    Ok(())
}

/// An instant written in UTC (`2026-03-06T14:30`).
fn at(utc: &str) -> Outcome<Timestamp> {
    Ok(format!("{utc}:00Z").parse()?)
}

fn eur(amount: &str) -> Outcome<Money> {
    Ok(Money::parse_amount(amount, Currency::EUR, "amount")?)
}

fn heading(title: &str) {
    println!("\n== {title} ==");
}

/// A gross-priced shop (20 % VAT included) and Ana's order of two mugs and a jar of honey, paid
/// 25.00 by card and the rest by gift card, shipped and delivered on Wednesday 4 March 2026.
fn delivered_order() -> Outcome<(Order, Vec<Payment>)> {
    heading("the order");
    let pricer = pricer()?;
    let draft = draft(&pricer)?;
    let mut order =
        Order::place(draft, Actor::Shopper { customer_id: Some(CUSTOMER.into()) }, at("2026-03-02T09:00")?)?;
    let card = captured(&order, PaymentMethod::Card, eur("25.00")?)?;
    let gift = captured(&order, PaymentMethod::GiftCard, order.total().checked_sub(&card.captured())?)?;
    for payment in [&card, &gift] {
        order.record_payment(payment.captured())?;
        println!("paid {} by {:?}", payment.captured(), payment.method());
    }
    for (state, when) in [
        (OrderState::Paid, "2026-03-02T09:01"),
        (OrderState::Processing, "2026-03-02T11:00"),
        (OrderState::Shipped, "2026-03-03T08:00"),
        (OrderState::Delivered, "2026-03-04T12:00"),
    ] {
        order.transition(state, Actor::System, at(when)?, None)?;
    }
    println!("order {} total {}, now {}", order.number(), order.total(), order.state());
    Ok((order, vec![card, gift]))
}

fn pricer() -> Outcome<Pricer> {
    let catalog = Catalog::new(CatalogData {
        products: vec![
            Product::simple("mug", "Stoneware mug", "mug-1", eur("12.90")?),
            Product::simple("honey", "Linden honey, 400 g", "honey-1", eur("9.99")?),
        ],
        ..Default::default()
    })?;
    let vat = TaxRule { region: "BG".into(), tax_category: None, rate: "0.20".parse()?, name: "VAT 20 %".into() };
    let courier = ShippingMethod {
        id: "courier".into(),
        name: "Courier".into(),
        currency: Currency::EUR,
        regions: vec![],
        tax_category: "standard".into(),
        rate: ShippingRate::Flat { amount: "4.90".parse()? },
        free_over: None,
    };
    let rules = PricingRules {
        tax: TaxConfig { prices_include_tax: true, rules: vec![vat], ..TaxConfig::default() },
        shipping_methods: vec![courier],
        ..PricingRules::default()
    };
    Ok(Pricer::new(catalog, rules)?)
}

fn draft(pricer: &Pricer) -> Outcome<OrderDraft> {
    let mut cart = Cart::new(Currency::EUR, Some(CUSTOMER.into()));
    let line = |id: &str, variant: &str, quantity| CartLine {
        id: id.into(),
        variant_id: variant.into(),
        quantity,
        unit_price_at_add: None,
        note: None,
    };
    cart.lines = vec![line(MUG_LINE, "mug-1", 2), line("line-honey", "honey-1", 1)];
    let context = PricingContext {
        currency: Currency::EUR,
        region: Some("BG".into()),
        channel: Some("web".into()),
        customer_groups: vec![],
        now: at("2026-03-02T09:00")?,
        first_order: false,
        promotion_uses: Default::default(),
        shipping_method_id: Some("courier".into()),
    };
    let priced = pricer.price(&cart, &context)?;
    Ok(OrderDraft {
        number: OrderNumber::new("VT", 2026, 512)?,
        customer_id: Some(CUSTOMER.into()),
        contact: ContactDetails::new("ana@example.bg", None)?,
        delivery: delivery(),
        cart,
        context,
        priced,
    })
}

fn delivery() -> DeliveryDetails {
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
        PaymentMethod::Card,
    )
}

/// A payment of `amount` taken at once through the test gateway.
fn captured(order: &Order, method: PaymentMethod, amount: Money) -> Outcome<Payment> {
    let when = at("2026-03-02T09:00")?;
    let mut payment = Payment::new(order.id(), order.number().as_str(), method, amount, when)?;
    payment.apply(PaymentStep::Purchased { amount }, Actor::Gateway { name: "test".into() }, when)?;
    Ok(payment)
}

/// Friday 16:30 in Sofia: Ana reports a broken mug. Support works Mon-Fri 09:00-17:00 Sofia time.
fn support_case(order: &Order) -> Outcome<()> {
    heading("support case");
    let ana = CaseActor::Customer { id: CUSTOMER.into() };
    let agent = CaseActor::Agent { id: "agent-mila".into() };
    let policy = CasePolicy::default();
    let mut case = SupportCase::open(new_case(order, ana), at("2026-03-06T14:30")?)?;
    println!("case opened {} ({:?}, {:?}): {}", case.created_at(), case.category(), case.priority(), case.subject());
    let (calendar, sla) = (office()?, sla());
    for (label, when) in [
        ("Friday 16:45 Sofia  ", "2026-03-06T14:45"),
        ("Saturday 12:00 Sofia", "2026-03-07T10:00"),
        ("Monday 10:30 Sofia  ", "2026-03-09T08:30"),
    ] {
        let report = sla.evaluate(&case, &calendar, at(when)?)?.first_response;
        let due = report.due_at.map_or("-".to_owned(), |d| d.to_string());
        println!(
            "SLA first response at {label}: {:?}, {} business min used, due {due} UTC",
            report.status, report.elapsed_minutes
        );
    }
    case.transition(CaseState::Open, agent.clone(), at("2026-03-09T08:40")?, &policy)?;
    let reply = canned_reply(order)?;
    case.reply(agent.clone(), reply.clone(), at("2026-03-09T08:45")?, &policy)?;
    println!("agent replied with a canned reply:\n  {}", reply.replace('\n', "\n  "));
    let report = sla.evaluate(&case, &calendar, at("2026-03-09T09:00")?)?;
    println!(
        "SLA first response: {:?} after {} business min",
        report.first_response.status, report.first_response.elapsed_minutes
    );
    case.transition(CaseState::Solved, agent, at("2026-03-09T09:30")?, &policy)?;
    let mut survey = SurveyRequest::after_case_solved(&case, &CsatPolicy::default(), at("2026-03-09T09:30")?)?;
    survey.answer(5, Some("Quick and kind, thank you!"), at("2026-03-09T12:00")?)?;
    let response = survey.response().ok_or("survey not answered")?;
    println!("case {}; CSAT {}/5: {:?}", case.state(), response.score, response.comment.as_deref().unwrap_or(""));
    Ok(())
}

fn new_case(order: &Order, ana: CaseActor) -> NewCase {
    NewCase {
        customer_id: CUSTOMER.into(),
        opened_by: ana,
        channel: Channel::WebForm,
        subject: "One mug arrived broken".into(),
        description: "The parcel came on Wednesday; one of the two mugs is cracked.".into(),
        priority: Priority::Normal,
        category: CaseCategory::DeliveryProblem,
        order_id: Some(order.id().into()),
        order_line_ids: vec![MUG_LINE.into()],
    }
}

fn office() -> Outcome<BusinessCalendar> {
    let day = vec![OpeningInterval::new(time(9, 0, 0, 0), time(17, 0, 0, 0))];
    let weekly = WeeklyHours {
        monday: day.clone(),
        tuesday: day.clone(),
        wednesday: day.clone(),
        thursday: day.clone(),
        friday: day,
        ..WeeklyHours::default()
    };
    Ok(BusinessCalendar::new("Europe/Sofia", weekly, vec![])?)
}

fn sla() -> SlaPolicy {
    let targets =
        |first_response_minutes, resolution_minutes| SlaTargets { first_response_minutes, resolution_minutes };
    SlaPolicy {
        low: targets(480, 2400),
        normal: targets(240, 960),
        high: targets(60, 480),
        urgent: targets(30, 240),
        warning: WarningThreshold::RemainingPercent { percent: 25 },
        pause_on_hold: true,
    }
}

fn canned_reply(order: &Order) -> Outcome<String> {
    let mut library = CannedLibrary::default();
    library.add(CannedReply {
        id: "damaged-in-transit".into(),
        title: "Damaged in transit".into(),
        category: "delivery".into(),
        default_locale: "en".into(),
        variants: BTreeMap::from([(
            "en".into(),
            "Hello {{ name }}, we are sorry the mug arrived broken.\n\
             We have opened a return for order {{ order }}; you will get the money back, shipping included."
                .into(),
        )]),
    })?;
    let values = BTreeMap::from([("name".into(), "Ana".into()), ("order".into(), order.number().to_string())]);
    Ok(library.render("damaged-in-transit", "en", &values)?.body)
}

/// A small FAQ in four languages, indexed in memory, searched in each.
async fn faq_search() -> Outcome<()> {
    heading("FAQ search");
    let knowledge = knowledge_base()?;
    let index = TantivySearchIndex::in_memory()?;
    let report = sync_knowledge_base(&index, &knowledge).await?;
    println!("indexed {} articles", report.indexed);
    for (locale, text) in [
        (KnowledgeLocale::En, "refund money back"),
        (KnowledgeLocale::Ru, "возврат денег"),
        (KnowledgeLocale::Bg, "доставката"),
        (KnowledgeLocale::Zh, "退款"),
    ] {
        let results = index.search(&SearchQuery::new(text).locale(locale).limit(1)).await?;
        let top = results.hits.first().map_or("(nothing)", |hit| hit.title.as_str());
        println!("[{}] {text:?} -> {top}", locale.code());
    }
    Ok(())
}

fn knowledge_base() -> Outcome<KnowledgeBase> {
    let mut knowledge = KnowledgeBase::new();
    knowledge.add_category(KnowledgeCategory::new("returns", "Returns and refunds", None))?;
    knowledge.add_category(KnowledgeCategory::new("delivery", "Delivery", None))?;
    let articles = [
        (
            "en-refund",
            KnowledgeLocale::En,
            "returns",
            "When do I get my money back?",
            "Refunds go to the original payment methods within 5 working days of receiving the return.",
        ),
        (
            "en-delivery",
            KnowledgeLocale::En,
            "delivery",
            "How long does delivery take?",
            "Couriers deliver in 2 to 4 working days.",
        ),
        (
            "ru-refund",
            KnowledgeLocale::Ru,
            "returns",
            "Возврат денег",
            "Деньги возвращаются на карту в течение пяти рабочих дней.",
        ),
        (
            "ru-delivery",
            KnowledgeLocale::Ru,
            "delivery",
            "Сроки доставки",
            "Курьер доставит заказ за два-четыре рабочих дня.",
        ),
        (
            "bg-delivery",
            KnowledgeLocale::Bg,
            "delivery",
            "Срок на доставката",
            "Куриерът пристига до адреса от два до четири работни дни.",
        ),
        (
            "bg-returns",
            KnowledgeLocale::Bg,
            "returns",
            "Връщане на стока",
            "Можете да върнете стоката в рамките на 14 дни.",
        ),
        (
            "zh-refund",
            KnowledgeLocale::Zh,
            "returns",
            "如何申请退款",
            "收到退货后，我们会在五个工作日内将退款退回原支付方式。",
        ),
        ("zh-delivery", KnowledgeLocale::Zh, "delivery", "配送时间", "我们通常在下单后二到四天内为您送货上门。"),
    ];
    for (id, locale, category_id, title, body) in articles {
        knowledge.add_article(NewArticle {
            id: id.into(),
            locale,
            category_id: category_id.into(),
            title: title.into(),
            body: body.into(),
            tags: vec![],
            published: true,
        })?;
    }
    Ok(knowledge)
}

/// The broken mug goes back: requested, approved, received, inspected and refunded (mug and
/// shipping, the shop's fault) over the card and the gift card by largest remainder.
fn return_and_refund(order: &mut Order, payments: &mut [Payment]) -> Outcome<()> {
    heading("return");
    let staff = Actor::Staff { id: "agent-mila".into() };
    let policy = ReturnPolicy::default();
    let mut rma = Rma::request(mug_return(), order, &[], &policy, at("2026-03-09T09:00")?)?;
    println!(
        "return requested: 1 x {} ({}), window ends {}",
        MUG_LINE,
        ReturnReason::Damaged,
        policy.deadline(at("2026-03-04T12:00")?)
    );
    rma.approve(&[], staff.clone(), at("2026-03-09T09:05")?)?;
    rma.await_parcel(Some("RET-4471".into()), Actor::System, at("2026-03-09T09:06")?)?;
    rma.receive(Receipt::complete(rma.lines(), Some("RET-4471".into())), staff.clone(), at("2026-03-11T10:00")?)?;
    let inspection = Inspection {
        lines: vec![InspectedLine {
            line_id: MUG_LINE.into(),
            condition: ItemCondition::Damaged,
            note: Some("cracked handle".into()),
        }],
        note: None,
    };
    rma.inspect(inspection, staff.clone(), at("2026-03-11T10:30")?)?;
    let refundable = payments.iter().map(RefundablePayment::of).collect::<Result<Vec<_>, _>>()?;
    let refunds = rma.refund(&[], &refundable, staff.clone(), at("2026-03-11T10:31")?)?;
    let settlement = rma.outcome().and_then(|o| o.settlement()).ok_or("no settlement")?;
    println!("worth {} (mug {}, shipping {})", settlement.total, settlement.lines[0].amount, settlement.shipping);
    for refund in refunds {
        let payment = payments.iter_mut().find(|p| p.id() == refund.payment_id).ok_or("unknown payment")?;
        let when = at("2026-03-11T10:32")?;
        let id = payment.request_refund(
            refund.amount,
            Some("return".into()),
            &refund.idempotency_key,
            staff.clone(),
            when,
        )?;
        let outcome = RefundOutcome::Succeeded { gateway_reference: format!("gw-{}", refund.payment_id) };
        payment.settle_refund(&id, outcome, Actor::Gateway { name: "test".into() }, when)?;
        order.record_refund(refund.amount)?;
        println!("refunded {} to {:?} (payment now {})", refund.amount, refund.method, payment.state());
    }
    rma.close(None, Actor::System, at("2026-03-11T11:00")?)?;
    let steps: Vec<String> = rma.history().iter().map(|t| t.to.to_string()).collect();
    println!("return {}: requested -> {}; order paid now {}", rma.state(), steps.join(" -> "), order.paid());
    Ok(())
}

fn mug_return() -> NewReturn {
    NewReturn {
        lines: vec![RequestedLine {
            line_id: MUG_LINE.into(),
            quantity: 1,
            reason: ReturnReason::Damaged,
            condition: ItemCondition::Damaged,
            photos: vec!["uploads/mug-crack.jpg".into()],
            note: Some("cracked handle".into()),
        }],
        requested_by: Actor::Shopper { customer_id: Some(CUSTOMER.into()) },
        note: None,
    }
}

/// Ana reviews the honey; a moderator publishes it and the seller replies.
fn review() -> Outcome<()> {
    heading("review");
    let new = NewReview {
        product_id: "honey".into(),
        customer_id: CUSTOMER.into(),
        rating: 5,
        text: "Lovely linden honey, and the support team sorted out my broken mug in no time.".into(),
    };
    let mut review = Review::submit(new, &["mug".into(), "honey".into()], &[], at("2026-03-12T18:00")?)?;
    let moderator = CaseActor::Agent { id: "moderator-ivo".into() };
    review.transition(ReviewState::Published, moderator, None, at("2026-03-13T09:00")?)?;
    review.reply("seller-vitrina", "Thank you, Ana! Enjoy the honey.", at("2026-03-13T09:30")?)?;
    println!("{} stars, {}: {:?}", review.rating().stars(), review.state().as_str(), review.text());
    let reply = review.seller_reply().ok_or("no reply")?;
    println!("seller reply: {:?}", reply.body);
    Ok(())
}
