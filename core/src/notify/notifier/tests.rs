use jiff::tz::TimeZone;

use super::super::format::{format_datetime, format_money, Language};
use super::super::{
    deliver_due, BankDetails, MemoryMailer, MemoryOutboxStore, OutboxPolicy, OutboxStatus, ShopInfo, ShopSettings,
};
use super::*;
use crate::cart::Cart;
use crate::customer::{Customer, NewCustomer};
use crate::delivery::DeliveryWindow;
use crate::notify::{outbox_events, DomainEvent};
use crate::order::fixtures::{at, cart, contact, context, eur, placed, pricer, MUG_LINE, TEE_LINE};
use crate::order::{Order, OrderState};
use crate::order::{PaymentMethod, PaymentReminder};
use crate::pricing::PricedCart;
use crate::returns::Rma;
use crate::shipping::fixtures::{courier, plan as plan_shipment, processing};
use crate::shipping::{CreatedShipment, LabelDocument, Shipment, ShipmentState};
use crate::support::{self, CaseCategory, Channel, CsatPolicy, NewCase, Priority, SupportCase, SurveyRequest};

const SHOP: &str = "demo";
const ZONE: &str = "Europe/Sofia";

/// Everything the e-mails look up, in memory; customers keyed by the id orders and carts use.
struct Lookups {
    profile: ShopProfile,
    orders: Vec<Order>,
    shipments: Vec<Shipment>,
    cases: Vec<SupportCase>,
    customers: Vec<(String, Customer)>,
    carts: Vec<PricedCart>,
    surveys: Vec<SurveyRequest>,
}

impl NotificationContext for Lookups {
    fn shop(&self) -> &ShopProfile {
        &self.profile
    }
    fn order(&self, order_id: &str) -> Option<&Order> {
        self.orders.iter().find(|o| o.id() == order_id)
    }
    fn shipment(&self, shipment_id: &str) -> Option<&Shipment> {
        self.shipments.iter().find(|s| s.id() == shipment_id)
    }
    fn support_case(&self, case_id: &str) -> Option<&SupportCase> {
        self.cases.iter().find(|c| c.id() == case_id)
    }
    fn rma(&self, _: &str) -> Option<&Rma> {
        None
    }
    fn customer(&self, customer_id: &str) -> Option<&Customer> {
        self.customers.iter().find(|(id, _)| id == customer_id).map(|(_, customer)| customer)
    }
    fn priced_cart(&self, cart_id: &str) -> Option<&PricedCart> {
        self.carts.iter().find(|c| c.cart_id == cart_id)
    }
    fn product_name(&self, variant_id: &str) -> Option<String> {
        Some(format!("Product {variant_id}"))
    }
    fn staff_name(&self, staff_id: &str) -> Option<String> {
        (staff_id == "maria").then(|| "Maria".to_owned())
    }
    fn tracking_url(&self, shipment: &Shipment) -> Option<String> {
        shipment.tracking_number().map(|number| format!("https://track.example.com/{number}"))
    }
    fn delivery_survey(&self, order: &Order) -> Option<&SurveyRequest> {
        let subject = support::SurveySubject::Order { order_id: order.id().to_owned() };
        self.surveys.iter().find(|s| *s.subject() == subject)
    }
}

fn account(locale: &str) -> Customer {
    let new =
        NewCustomer { email: "ana@example.bg".into(), name: "Ana Petrova".into(), phone: None, locale: locale.into() };
    Customer::register(new, at(0)).unwrap()
}

fn profile() -> ShopProfile {
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
        transfer_window: SignedDuration::from_hours(5 * 24),
    }
}

/// A context knowing `orders` and customer `c1` (the fixtures' customer) speaking `locale`.
fn lookups(locale: &str, orders: Vec<Order>) -> Lookups {
    Lookups {
        profile: profile(),
        orders,
        shipments: vec![],
        cases: vec![],
        customers: vec![("c1".into(), account(locale))],
        carts: vec![],
        surveys: vec![],
    }
}

/// The standard order placed with `method`, and its events so far.
fn order_with_events(method: PaymentMethod) -> (Order, Vec<RecordedEvent<DomainEvent>>) {
    let mut order = placed(method);
    let events = outbox_events(order.take_events());
    (order, events)
}

fn templates() -> TemplateStore {
    let mut templates = TemplateStore::new();
    let settings = ShopSettings { default_locale: "en".into(), time_zone: ZONE.into() };
    templates.configure_shop(SHOP, settings).unwrap();
    templates
}

fn event(kind: &str, events: &[RecordedEvent<DomainEvent>]) -> RecordedEvent<DomainEvent> {
    events.iter().find(|e| e.event.kind() == kind).cloned().unwrap()
}

/// Notifies `event` and returns the message queued for it.
async fn queued(event: &RecordedEvent<DomainEvent>, context: &Lookups) -> EmailMessage {
    let outbox = MemoryOutboxStore::new();
    let outcome = notify_event(event, context, &templates(), &outbox, at(10)).await.unwrap();
    assert!(matches!(outcome, Notified::Queued { .. }), "{outcome:?}");
    outbox.entries().remove(0).message
}

#[tokio::test]
async fn a_bank_transfer_order_is_confirmed_with_amount_reference_and_deadline_in_ru_and_en() {
    let (order, events) = order_with_events(PaymentMethod::BankTransfer);
    let placed_event = event("order_placed", &events);
    let reference = order.payment_reference().formatted();
    let deadline = order.placed_at().saturating_add(SignedDuration::from_hours(5 * 24)).unwrap();
    let zone = TimeZone::get(ZONE).unwrap();
    for (locale, language) in [("ru-RU", Language::Ru), ("en", Language::En)] {
        let message = queued(&placed_event, &lookups(locale, vec![order.clone()])).await;
        let text = message.text();
        assert!(text.contains(&reference), "{locale}: {text}");
        assert!(text.contains("BG80 BNBG 9661 1020 3456 78"), "{locale}: {text}");
        assert!(text.contains(&format_money(&eur(4450), language)), "{locale}: {text}");
        assert!(text.contains(&format_datetime(deadline, &zone, language)), "{locale}: {text}");
        assert!(message.html().unwrap().contains(&reference));
        assert!(message.subject().contains(order.number().as_str()));
        assert_eq!(message.to()[0].to_string(), "Ana Petrova <ana@example.bg>");
        assert_eq!(message.message_id(), format!("<order_confirmation.{}@shop.example.com>", placed_event.id));
    }
    let ru = queued(&placed_event, &lookups("ru", vec![order.clone()])).await;
    assert!(ru.text().contains("банковским переводом"));
}

#[tokio::test]
async fn a_card_order_is_confirmed_without_payment_instructions_and_a_bankless_shop_skips_transfers() {
    let (order, events) = order_with_events(PaymentMethod::Card);
    let message = queued(&event("order_placed", &events), &lookups("en", vec![order])).await;
    assert!(!message.text().contains("IBAN"), "{}", message.text());

    let (order, events) = order_with_events(PaymentMethod::BankTransfer);
    let mut context = lookups("en", vec![order]);
    context.profile.bank = None;
    let outbox = MemoryOutboxStore::new();
    let outcome = notify_event(&event("order_placed", &events), &context, &templates(), &outbox, at(10)).await;
    assert_eq!(outcome.unwrap(), Notified::Skipped(NoEmail::NoBankDetails));
    assert!(outbox.entries().is_empty());
}

#[tokio::test]
async fn the_same_event_twice_is_queued_once_even_when_it_renders_differently() {
    let (order, events) = order_with_events(PaymentMethod::BankTransfer);
    let placed_event = event("order_placed", &events);
    let mut context = lookups("en", vec![order]);
    let (outbox, templates) = (MemoryOutboxStore::new(), templates());
    let first = notify_event(&placed_event, &context, &templates, &outbox, at(10)).await.unwrap();
    let again = notify_event(&placed_event, &context, &templates, &outbox, at(20)).await.unwrap();
    context.customers[0].1.rename("Anna Petrova").unwrap();
    let renamed = notify_event(&placed_event, &context, &templates, &outbox, at(30)).await.unwrap();
    let Notified::Queued { message_id, .. } = first else { panic!("{first:?}") };
    assert_eq!(again, Notified::AlreadyQueued { message_id: message_id.clone() });
    assert_eq!(renamed, Notified::AlreadyQueued { message_id });
    assert_eq!(outbox.entries().len(), 1);
}

#[tokio::test]
async fn a_reminder_due_gives_a_reminder_and_the_final_one_a_final_notice() {
    let (mut order, _) = order_with_events(PaymentMethod::BankTransfer);
    let cancel_at = at(3 * 24 * 3600);
    order.remind_payment(PaymentReminder::Reminder { number: 1 }, cancel_at, at(3600)).unwrap();
    order.remind_payment(PaymentReminder::FinalNotice, cancel_at, at(2 * 24 * 3600 + 3600)).unwrap();
    let reminders = outbox_events(order.take_events());
    let context = lookups("en", vec![order.clone()]);

    let friendly = queued(&reminders[0], &context).await;
    assert!(friendly.message_id().starts_with("<payment_reminder."), "{}", friendly.message_id());
    assert!(friendly.text().contains("3 days"), "{}", friendly.text());
    let last = queued(&reminders[1], &context).await;
    assert!(last.message_id().starts_with("<payment_final_notice."), "{}", last.message_id());
    assert!(last.text().contains("1 day"), "{}", last.text());
    for message in [&friendly, &last] {
        assert!(message.text().contains(&order.payment_reference().formatted()));
        assert!(message.text().contains(&format_money(&eur(4450), Language::En)));
    }
    assert_ne!(friendly.subject(), last.subject());
}

#[tokio::test]
async fn delivered_gives_the_survey_link_and_without_a_survey_is_skipped() {
    let (order, _) = order_with_events(PaymentMethod::Card);
    let delivered = crate::order::OrderEvent::OrderStateChanged {
        order_id: order.id().to_owned(),
        from: OrderState::Shipped,
        to: OrderState::Delivered,
        actor: courier(),
    };
    let delivered = RecordedEvent::new(DomainEvent::from(delivered), at(900));
    let mut context = lookups("en", vec![order.clone()]);
    let outbox = MemoryOutboxStore::new();
    let skipped = notify_event(&delivered, &context, &templates(), &outbox, at(901)).await.unwrap();
    assert_eq!(skipped, Notified::Skipped(NoEmail::NoSurvey { order_id: order.id().to_owned() }));

    let survey = SurveyRequest::after_delivery(order.id(), "c1", at(900), &CsatPolicy::default(), at(900)).unwrap();
    let link = format!("https://shop.example.com/survey/{}", survey.id());
    context.surveys.push(survey);
    let message = queued(&delivered, &context).await;
    assert!(message.text().contains(&link), "{}", message.text());
}

#[tokio::test]
async fn events_without_an_e_mail_are_skipped_with_the_reason() {
    let (order, events) = order_with_events(PaymentMethod::BankTransfer);
    let context = lookups("en", vec![order.clone()]);
    let authorized = crate::payment::PaymentEvent::PaymentAuthorized {
        payment_id: "p1".into(),
        order_id: order.id().into(),
        amount: eur(4450),
    };
    let moved = event("order_state_changed", &events);
    let outbox = MemoryOutboxStore::new();
    for (recorded, kind) in [
        (RecordedEvent::new(DomainEvent::from(authorized), at(5)), "payment_authorized"),
        (moved, "order_state_changed"),
    ] {
        let outcome = notify_event(&recorded, &context, &templates(), &outbox, at(10)).await.unwrap();
        assert_eq!(outcome, Notified::Skipped(NoEmail::NotCustomerFacing { event: kind.into() }));
    }
    let unknown = crate::order::OrderEvent::OrderPaymentReceived {
        order_id: "missing".into(),
        method: PaymentMethod::BankTransfer,
        amount: eur(100),
        balance: crate::order::Rebalance::Settled,
    };
    let outcome =
        notify_event(&RecordedEvent::new(DomainEvent::from(unknown), at(5)), &context, &templates(), &outbox, at(10))
            .await;
    let missing = NoEmail::Missing { what: "order".into(), id: "missing".into() };
    assert_eq!(outcome.unwrap(), Notified::Skipped(missing));
    assert!(outbox.entries().is_empty());
}

#[tokio::test]
async fn a_shipment_leaving_the_warehouse_sends_the_tracking_link_and_the_couriers_estimate_once() {
    let order = processing(PaymentMethod::Card);
    let mut shipment = plan_shipment(&order, &[], &[(TEE_LINE, 1), (MUG_LINE, 2)], at(200));
    let label = LabelDocument { content_type: "application/pdf".into(), bytes: b"%PDF".to_vec() };
    let estimate = DeliveryWindow::new(at(86_400), at(2 * 86_400)).unwrap();
    let created = CreatedShipment {
        tracking_number: "TT123".into(),
        label,
        estimated_delivery: Some(estimate),
        warnings: vec![],
    };
    shipment.label_created(created, courier(), at(300)).unwrap();
    shipment.transition(ShipmentState::PickedUp, courier(), at(400), None).unwrap();
    shipment.transition(ShipmentState::InTransit, courier(), at(500), None).unwrap();
    let moves = outbox_events(shipment.take_events());
    let mut context = lookups("en", vec![order]);
    context.shipments.push(shipment);
    let outbox = MemoryOutboxStore::new();
    let mut outcomes = Vec::new();
    for recorded in &moves {
        outcomes.push(notify_event(recorded, &context, &templates(), &outbox, at(600)).await.unwrap());
    }
    let queued: Vec<&Notified> = outcomes.iter().filter(|o| matches!(o, Notified::Queued { .. })).collect();
    assert_eq!(queued.len(), 1, "{outcomes:?}");
    let message = &outbox.entries()[0].message;
    assert!(message.text().contains("https://track.example.com/TT123"), "{}", message.text());
    // The latest moment of the window, 2026-03-03 10:00 UTC, is March 3 in Sofia.
    assert!(message.text().contains("should arrive on March 3, 2026"), "{}", message.text());
}

#[tokio::test]
async fn an_agent_reply_is_mailed_to_the_customer_signed_by_the_agent() {
    let new = NewCase {
        customer_id: "c1".into(),
        opened_by: support::CaseActor::Customer { id: "c1".into() },
        channel: Channel::WebForm,
        subject: "Wrong size".into(),
        description: "The tee is too small.".into(),
        priority: Priority::Normal,
        category: CaseCategory::Question,
        order_id: None,
        order_line_ids: vec![],
    };
    let mut case = SupportCase::open(new, at(0)).unwrap();
    let policy = support::CasePolicy::default();
    case.reply(support::CaseActor::Customer { id: "c1".into() }, "Any news?".into(), at(10), &policy).unwrap();
    case.reply(support::CaseActor::Agent { id: "maria".into() }, "We sent a label.".into(), at(20), &policy).unwrap();
    let events = outbox_events(case.take_events());
    assert_eq!(events.len(), 1, "only the agent's reply is an event");
    let mut context = lookups("en", vec![]);
    context.cases.push(case);
    let message = queued(&events[0], &context).await;
    assert!(message.text().contains("We sent a label.") && message.text().contains("Maria"), "{}", message.text());
    assert_eq!(message.to()[0].address(), "ana@example.bg");
}

#[tokio::test]
async fn an_abandoned_checkout_is_followed_up_once_per_session() {
    let signed_cart = cart();
    let guest_cart = Cart { customer_id: None, id: "guest-cart".into(), ..cart() };
    let signed_in = CheckoutSession::start(&signed_cart, contact(), at(0)).unwrap();
    let guest = CheckoutSession::start(&guest_cart, contact(), at(60)).unwrap();
    let recent = CheckoutSession::start(&signed_cart, contact(), at(3000)).unwrap();
    let mut shop = lookups("ru", vec![]);
    for priced_for in [&signed_cart, &guest_cart] {
        shop.carts.push(pricer().price(priced_for, &context()).unwrap());
    }
    let sessions = vec![signed_in.clone(), guest.clone(), recent];
    let (outbox, templates, idle) = (MemoryOutboxStore::new(), templates(), SignedDuration::from_mins(30));

    let first = follow_up_abandoned_checkouts(&sessions, idle, &shop, &templates, &outbox, at(3600)).await.unwrap();
    let ids: Vec<&str> = first.iter().map(|f| f.session_id.as_str()).collect();
    assert_eq!(ids, [signed_in.id(), guest.id()]);
    assert!(first.iter().all(|f| matches!(f.outcome, Notified::Queued { .. })), "{first:?}");
    let later = at(7200);
    let second = follow_up_abandoned_checkouts(&sessions, idle, &shop, &templates, &outbox, later).await.unwrap();
    assert_eq!(second.len(), 3);
    assert!(second
        .iter()
        .filter(|f| f.session_id != sessions[2].id())
        .all(|f| matches!(f.outcome, Notified::AlreadyQueued { .. })));
    assert_eq!(outbox.entries().len(), 3);

    let entries = outbox.entries();
    let mail_for = |session: &CheckoutSession| {
        let id = format!("<abandoned_checkout.{}@shop.example.com>", session.id());
        entries.iter().find(|e| e.message.message_id() == id).map(|e| e.message.clone()).unwrap()
    };
    let (ru, en) = (mail_for(&signed_in), mail_for(&guest));
    let total = eur(4450);
    assert!(ru.text().contains(&format_money(&total, Language::Ru)), "{}", ru.text());
    assert!(en.text().contains(&format_money(&total, Language::En)), "{}", en.text());
    assert!(en.text().contains(&format!("checkout/resume?session={}", guest.id())));
}

#[tokio::test]
async fn end_to_end_the_confirmation_is_delivered_by_the_mailer() {
    let (order, events) = order_with_events(PaymentMethod::BankTransfer);
    let context = lookups("en", vec![order.clone()]);
    let (outbox, mailer, templates) = (MemoryOutboxStore::new(), MemoryMailer::new(), templates());
    for recorded in &events {
        notify_event(recorded, &context, &templates, &outbox, at(10)).await.unwrap();
    }
    let report = deliver_due(&outbox, &mailer, &OutboxPolicy::default(), at(11)).await.unwrap();
    assert_eq!(report.sent.len(), 1);
    assert_eq!(outbox.entries()[0].status, OutboxStatus::Sent);
    let sent = mailer.sent();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].subject().contains(order.number().as_str()));
    assert!(sent[0].text().contains(&order.payment_reference().formatted()));
    assert_eq!(sent[0].from().address(), "orders@shop.example.com");
    assert_eq!(sent[0].reply_to().unwrap().address(), "help@shop.example.com");
}
