//! The Shop's after-sales and customer use cases over each store: accounts and consent, wish lists,
//! support cases with canned replies, CSAT and SLA warnings, verified reviews and marketing sends.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use vitrina_core::customer::{ConsentAction, ConsentChannel, ConsentSource, Customer, NewCustomer};
use vitrina_core::error::ErrorCode;
use vitrina_core::knowledge::{KnowledgeError, KnowledgeLocale as Locale, NewArticle, SearchQuery};
use vitrina_core::money::{Currency, Money};
use vitrina_core::notify::{MarketingPolicy, Segment, SkipReason};
use vitrina_core::order::Order;
use vitrina_core::order::PaymentMethod;
use vitrina_core::reports::Period;
use vitrina_core::review::{NewReview, ReviewError, ReviewState};
use vitrina_core::shop::{Campaign, CampaignText, Plugins, Shop, ShopError};
use vitrina_core::store::Store;
use vitrina_core::support::{
    Assignment, BusinessCalendar, CannedReply, CaseActor as Actor, CaseCategory as Category, CaseState, Channel,
    EscalationPolicy, MessageKind, NewCase, OpeningInterval, Priority, PriorityTargets, SlaOverride, SlaTarget,
    SlaTargets, SupportCase, WarningThreshold, WeeklyHours, WorkQueueFilter,
};

use crate::fixtures::{now, VARIANT};
use crate::shop::{buy, delivery_by, open_shop, settings};

/// Registers `name` with `email` in locale `en`.
async fn register(shop: &Shop, name: &str, email: &str) -> Customer {
    let new = NewCustomer { email: email.into(), name: name.into(), phone: None, locale: "en".into() };
    shop.customers().register(new).await.expect("register")
}

/// `customer` buys `quantity` mugs by bank transfer from a cart of their own.
async fn buy_as(shop: &Shop, customer: &Customer, quantity: u32) -> Order {
    let cart = shop.carts().create(Currency::EUR, Some(customer.id())).await.unwrap();
    shop.carts().add_line(&cart.id, VARIANT, quantity).await.unwrap();
    let session = shop.checkout().start(&cart.id, customer.email().as_str(), None).await.unwrap();
    shop.checkout().set_delivery(session.id(), delivery_by(PaymentMethod::BankTransfer)).await.unwrap();
    let confirmed = shop.checkout().quote(session.id()).await.unwrap();
    shop.checkout().place_order(session.id(), &confirmed).await.unwrap()
}

/// The message ids of the outbox since the fixtures' now, by their kind prefix (`<support_reply`).
async fn outbox_kinds(store: &Arc<dyn Store>) -> Vec<String> {
    let outbox = store.outbox_entries_since(now() - SignedDuration::from_hours(1), 1000).await.unwrap();
    outbox.iter().map(|e| e.message.message_id().split('.').next().unwrap_or("").to_owned()).collect()
}

/// A customer registers once: the same e-mail again (domain in another case) is refused as taken,
/// bad input names its field, and details, addresses and groups change on the stored account.
pub async fn shop_registers_customers_once(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let ana = register(&shop, "Ana Petrova", "ana@example.bg").await;
    let again = NewCustomer { email: "ana@EXAMPLE.bg".into(), name: "Ana P.".into(), phone: None, locale: "bg".into() };
    let refused = shop.customers().register(again).await.unwrap_err();
    assert_eq!(refused, ShopError::Taken { field: "email".into(), value: "ana@example.bg".into() });
    let bad = NewCustomer { email: "not-an-email".into(), name: "X".into(), phone: None, locale: "en".into() };
    let refused = shop.customers().register(bad).await.unwrap_err();
    assert!(refused.to_string().starts_with("email:"), "{refused}");

    assert_eq!(shop.customers().by_email("ana@EXAMPLE.BG").await.unwrap().id(), ana.id());
    let update = vitrina_core::shop::CustomerUpdate {
        name: Some("Ana Georgieva".into()),
        phone: Some("+359 88 123 4567".into()),
        locale: Some("bg".into()),
    };
    let updated = shop.customers().update(ana.id(), update).await.unwrap();
    assert_eq!((updated.name(), updated.locale().as_str()), ("Ana Georgieva", "bg"));
    assert!(updated.phone().is_some());
    let vip = shop.customers().make_vip(ana.id()).await.unwrap();
    assert!(vip.is_vip());
    let stored = shop.customers().get(ana.id()).await.unwrap();
    assert_eq!((stored.name(), stored.is_vip()), ("Ana Georgieva", true));
    let missing = shop.customers().get("nobody").await.unwrap_err();
    assert!(matches!(missing, ShopError::NotFound { kind: "customer", .. }), "{missing:?}");
}

/// Consent granted then withdrawn: the account no longer consents and keeps both events.
pub async fn shop_keeps_consent_history(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    let boris = register(&shop, "Boris Ivanov", "boris@example.bg").await;
    let customers = shop.customers();
    let granted = customers.grant_consent(boris.id(), ConsentChannel::Email, ConsentSource::Checkout).await.unwrap();
    assert!(granted.has_consent(ConsentChannel::Email));
    clock.set(now() + SignedDuration::from_hours(24));
    customers.withdraw_consent(boris.id(), ConsentChannel::Email, ConsentSource::Account).await.unwrap();
    let stored = customers.get(boris.id()).await.unwrap();
    assert!(!stored.has_consent(ConsentChannel::Email));
    let actions: Vec<ConsentAction> = stored.consent().events().iter().map(|e| e.action).collect();
    assert_eq!(actions, [ConsentAction::Granted, ConsentAction::Withdrawn], "the history is kept");
}

/// A wish list is created, filled, emptied of one item and its other item moved into a cart; an
/// unknown variant is refused naming the field; the purchase history lists the customer's order.
pub async fn shop_wish_list_round_trip(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let chen = register(&shop, "Chen Wei", "chen@example.com").await;
    let customers = shop.customers();
    let list = customers.create_wish_list(chen.id(), "Birthday").await.unwrap();
    let listed = customers.add_to_wish_list(&list.id, VARIANT, Some("blue one")).await.unwrap();
    assert_eq!(listed.items.len(), 1);
    let unknown = customers.add_to_wish_list(&list.id, "no-such-variant", None).await.unwrap_err();
    assert!(unknown.to_string().starts_with("variant_id"), "{unknown}");
    let emptied = customers.remove_from_wish_list(&list.id, VARIANT).await.unwrap();
    assert!(emptied.items.is_empty());
    customers.add_to_wish_list(&list.id, VARIANT, None).await.unwrap();
    assert_eq!(customers.wish_lists(chen.id()).await.unwrap().len(), 1);

    let cart = shop.carts().create(Currency::EUR, Some(chen.id())).await.unwrap();
    let moved = customers.move_to_cart(&list.id, VARIANT, &cart.id).await.unwrap();
    assert!(moved.wish_list.items.is_empty());
    assert_eq!(shop.carts().get(&cart.id).await.unwrap().lines.len(), 1, "the cart is stored with the line");
    assert!(customers.wish_list(&list.id).await.unwrap().items.is_empty(), "the list is stored without it");

    let order = buy_as(&shop, &chen, 1).await;
    let history = customers.purchase_history(chen.id()).await.unwrap();
    assert_eq!(history.orders.iter().map(|o| o.order_id.as_str()).collect::<Vec<_>>(), [order.id()]);
}

/// A case is opened, answered with a canned reply in the customer's language (the support-reply
/// e-mail queued with it), solved with a CSAT survey in the same commit, and the survey answered.
pub async fn shop_support_case_round_trip(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    shop.admin()
        .update(|settings| {
            let variants = BTreeMap::from([
                ("en".to_owned(), "Hello {{ name }}, your parcel leaves today.".to_owned()),
                ("bg".to_owned(), "Здравейте, {{ name }}, пратката тръгва днес.".to_owned()),
            ]);
            let reply = CannedReply {
                id: "ships-today".into(),
                title: "Ships today".into(),
                category: "delivery".into(),
                default_locale: "en".into(),
                variants,
            };
            settings.canned_replies.add(reply).map_err(ShopError::from)?;
            settings.staff.insert("agent-7".into(), "Maria".into());
            Ok(())
        })
        .await
        .unwrap();
    let dora = register(&shop, "Dora Georgieva", "dora@example.bg").await;
    let order = buy_as(&shop, &dora, 1).await;
    let case = shop.support().open_case(new_case(dora.id(), Some(order.id()))).await.unwrap();
    assert_eq!(case.state(), CaseState::New);
    let wrong = shop.support().open_case(new_case("nobody", None)).await.unwrap_err();
    assert!(wrong.to_string().starts_with("customer_id"), "{wrong}");

    let values = BTreeMap::from([("name".to_owned(), "Dora".to_owned())]);
    let replied = shop.support().reply_with_canned(case.id(), "agent-7", "ships-today", None, &values).await.unwrap();
    assert_eq!(replied.messages().last().unwrap().body, "Hello Dora, your parcel leaves today.");
    assert!(outbox_kinds(&store).await.contains(&"<support_reply".to_owned()), "the reply e-mail is queued");
    let unknown = shop.support().reply_with_canned(case.id(), "agent-7", "nope", None, &values).await.unwrap_err();
    assert!(matches!(unknown, ShopError::Canned(_)), "{unknown:?}");

    let solved = shop.support().solve(case.id(), Actor::Agent { id: "agent-7".into() }).await.unwrap();
    assert_eq!(solved.case.state(), CaseState::Solved);
    let survey = solved.survey.expect("a survey with the solved case");
    let stored = shop.support().surveys_of_case(case.id()).await.unwrap();
    assert_eq!(stored, std::slice::from_ref(&survey), "stored together");
    let bad = shop.support().answer_survey(survey.id(), 9, None).await.unwrap_err();
    assert!(bad.to_string().starts_with("score"), "{bad}");
    let answered = shop.support().answer_survey(survey.id(), 5, Some("Quick and kind")).await.unwrap();
    assert_eq!(answered.response().map(|r| r.score), Some(5));
    assert_eq!(shop.support().cases_of_customer(dora.id()).await.unwrap().len(), 1);
    let report = shop.reports().after_sales(report_from(), report_to()).await.unwrap();
    let category = serde_json::to_value(case.category()).unwrap();
    let opened: Vec<(&str, i64)> = report.cases_opened.iter().map(|t| (t.key.as_str(), t.count)).collect();
    assert_eq!(opened, [(category.as_str().unwrap(), 1)], "the refused case is not counted");
    assert_eq!(report.cases_solved, 1);
    let first = &report.first_response;
    assert_eq!((first.cases, first.met, first.breached, first.average_minutes), (1, 1, 0, 0), "answered at once");
    assert_eq!(first.compliance_percent.to_string(), "100");
    assert_eq!((report.resolution.cases, report.resolution.met), (1, 1));
    let scores: Vec<(&str, i64)> = report.csat_scores.iter().map(|t| (t.key.as_str(), t.count)).collect();
    assert_eq!((scores, report.csat_average.to_string()), (vec![("5", 1)], "5".to_owned()));
    let csv = shop.reports().after_sales_csv(report_from(), report_to()).await.unwrap();
    assert!(csv.contains("\r\ncsat_answers,5,,1,\r\n") && csv.contains("\r\ncsat_average,,,,5\r\n"), "{csv}");

    let window = shop.settings().await.unwrap().cases.reopen_window;
    let early = shop.run_due(now() + window).await.unwrap();
    assert!(early.cases_closed.is_empty(), "still within the reopen window");
    clock.set(now() + window + SignedDuration::from_mins(1));
    let due = shop.run_due(shop.now()).await.unwrap();
    assert_eq!(due.cases_closed, [case.id().to_owned()], "closed once the window passed");
    assert_eq!(shop.support().get(case.id()).await.unwrap().state(), CaseState::Closed);
    assert!(shop.run_due(shop.now()).await.unwrap().cases_closed.is_empty(), "once");
}

/// A case waiting on its customer: after three days the customer is reminded once (an e-mail in
/// their language); after seven silent days the case is solved for them and the survey follows. A
/// customer who answers is never reminded. Without the policy nothing happens.
pub async fn shop_reminds_then_solves_a_silent_case(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let elena = register(&shop, "Elena Smirnova", "elena@example.ru").await;
    let agent = Actor::Agent { id: "agent-1".into() };
    let mut waiting = Vec::new();
    for _ in 0..2 {
        let case = shop.support().open_case(new_case(elena.id(), None)).await.unwrap();
        shop.support().reply(case.id(), agent.clone(), "Which size did you order?").await.unwrap();
        shop.support().transition(case.id(), CaseState::PendingCustomer, agent.clone()).await.unwrap();
        waiting.push(case.id().to_owned());
    }
    let (silent, answering) = (&waiting[0], &waiting[1]);
    let days = |n: i64| now() + SignedDuration::from_hours(24 * n);
    let untouched = shop.run_due(days(10)).await.unwrap();
    assert!(untouched.pending_reminders.is_empty() && untouched.cases_solved.is_empty(), "no policy, nothing done");

    shop.admin()
        .update(|settings| {
            settings.cases.remind_pending_after = Some(SignedDuration::from_hours(3 * 24));
            settings.cases.solve_pending_after = Some(SignedDuration::from_hours(7 * 24));
            Ok(())
        })
        .await
        .unwrap();
    shop.support().reply(answering, Actor::Customer { id: elena.id().into() }, "Size M.").await.unwrap();
    let reminders_before = outbox_kinds(&store).await.iter().filter(|k| *k == "<support_awaiting_reply").count();
    assert!(shop.run_due(days(2)).await.unwrap().pending_reminders.is_empty(), "two days: too early");
    let reminded = shop.run_due(days(3)).await.unwrap();
    assert_eq!(reminded.pending_reminders, [silent.as_str()], "the answering customer is not reminded");
    assert!(shop.run_due(days(4)).await.unwrap().pending_reminders.is_empty(), "once per wait");
    let reminders = outbox_kinds(&store).await.iter().filter(|k| *k == "<support_awaiting_reply").count();
    assert_eq!(reminders - reminders_before, 1);

    let solved = shop.run_due(days(7)).await.unwrap();
    assert_eq!(solved.cases_solved, [silent.as_str()]);
    let case = shop.support().get(silent).await.unwrap();
    assert_eq!(case.state(), CaseState::Solved);
    assert_eq!(shop.support().surveys_of_case(silent).await.unwrap().len(), 1, "the survey follows the solve");
    assert_eq!(shop.support().get(answering).await.unwrap().state(), CaseState::Open);
}

/// With an escalation policy, a breached target escalates its case once: the priority goes up a
/// step, the case goes to the escalation queue, a note says so and the leads are e-mailed. A case
/// answered in time is not escalated; the raised priority's shorter resolution target breaks later
/// and escalates the case once more, for that target. A policy with a bad address is refused.
pub async fn shop_escalates_a_breached_sla_once(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let bad = EscalationPolicy { notify: vec!["not-an-address".into()], ..EscalationPolicy::default() };
    let refused = shop
        .admin()
        .update(|settings| {
            settings.sla_escalation = Some(bad.clone());
            Ok(())
        })
        .await
        .unwrap_err();
    assert_eq!(refused.field(), Some("sla_escalation.notify[0]"), "{refused}");
    let policy = EscalationPolicy {
        raise_priority: true,
        reassign_to_queue: Some("escalations".into()),
        notify: vec!["lead@shop.example.com".into()],
    };
    shop.admin()
        .update(|settings| {
            settings.sla_escalation = Some(policy.clone());
            Ok(())
        })
        .await
        .unwrap();
    let elena = register(&shop, "Elena Smirnova", "elena@example.ru").await;
    let waiting = shop.support().open_case(new_case(elena.id(), None)).await.unwrap();
    let answered = shop.support().open_case(new_case(elena.id(), None)).await.unwrap();
    shop.support().reply(answered.id(), Actor::Agent { id: "agent-1".into() }, "On it.").await.unwrap();

    // Normal priority: first response within 480 minutes, around the clock.
    let before = shop.run_due(now() + SignedDuration::from_mins(479)).await.unwrap();
    assert!(before.sla_escalations.is_empty(), "not due yet: {:?}", before.sla_escalations);
    let breached = now() + SignedDuration::from_mins(481);
    let escalated = shop.run_due(breached).await.unwrap();
    assert_eq!(escalated.sla_escalations, [(waiting.id().to_owned(), SlaTarget::FirstResponse)]);
    assert!(shop.run_due(breached).await.unwrap().sla_escalations.is_empty(), "once per case and target");
    let stored: SupportCase = shop.support().get(waiting.id()).await.unwrap();
    assert_eq!((stored.priority(), stored.assignment().queue.as_deref()), (Priority::High, Some("escalations")));
    assert_eq!(stored.sla_escalations(), [SlaTarget::FirstResponse]);
    let note = stored.messages().last().unwrap();
    assert_eq!(note.kind, MessageKind::InternalNote);
    assert!(note.body.contains("first response") && note.body.contains("priority raised to high"), "{}", note.body);
    let untouched: SupportCase = shop.support().get(answered.id()).await.unwrap();
    assert_eq!((untouched.priority(), untouched.sla_escalations()), (Priority::Normal, &[][..]));

    // High priority now: resolution within 1440 minutes, which the answered case (2880) is not.
    let resolution = shop.run_due(now() + SignedDuration::from_mins(1441)).await.unwrap();
    assert_eq!(resolution.sla_escalations, [(waiting.id().to_owned(), SlaTarget::Resolution)]);
    let stored: SupportCase = shop.support().get(waiting.id()).await.unwrap();
    assert_eq!(stored.priority(), Priority::Urgent);

    let outbox = store.outbox_entries_since(now(), 100).await.unwrap();
    let emails: Vec<_> = outbox.iter().filter(|e| e.message.message_id().starts_with("<sla_escalation.")).collect();
    assert_eq!(emails.len(), 2, "one per escalation");
    let to: Vec<&str> = emails[0].message.to().iter().map(|a| a.address()).collect();
    assert_eq!(to, ["help@shop.example.com", "lead@shop.example.com"]);
}

/// A case near its first-response target warns the support address once, however often the due
/// work runs; the open cases are listed by SLA due time.
pub async fn shop_warns_of_sla_once(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    let elena = register(&shop, "Elena Smirnova", "elena@example.ru").await;
    let normal = shop.support().open_case(new_case(elena.id(), None)).await.unwrap();
    let high =
        shop.support().open_case(NewCase { priority: Priority::High, ..new_case(elena.id(), None) }).await.unwrap();
    shop.support().reply(high.id(), Actor::Agent { id: "agent-1".into() }, "On it.").await.unwrap();
    let listed: Vec<String> =
        shop.support().open_cases_by_sla().await.unwrap().into_iter().map(|c| c.case.id().to_owned()).collect();
    assert_eq!(
        listed,
        [normal.id(), high.id()],
        "the unanswered case first; the answered one is due to be solved later"
    );
    let urgent = WorkQueueFilter { priority: Some(Priority::High), ..WorkQueueFilter::default() };
    let queued: Vec<String> =
        shop.support().work_queue(&urgent).await.unwrap().into_iter().map(|c| c.case.id().to_owned()).collect();
    assert_eq!(queued, [high.id()], "a priority's queue");
    let untaken = WorkQueueFilter { unassigned: true, channel: Some(normal.channel()), ..WorkQueueFilter::default() };
    assert_eq!(shop.support().work_queue(&untaken).await.unwrap().len(), 2, "nobody took either case yet");
    let theirs = WorkQueueFilter { agent_id: Some("agent-1".into()), ..WorkQueueFilter::default() };
    assert!(shop.support().work_queue(&theirs).await.unwrap().is_empty(), "answering is not taking");

    let early = shop.run_due(now() + SignedDuration::from_hours(1)).await.unwrap();
    assert!(early.sla_warnings.is_empty(), "plenty of time left");
    let near = now() + SignedDuration::from_hours(7);
    let warned = shop.run_due(near).await.unwrap();
    assert_eq!(warned.sla_warnings, [(normal.id().to_owned(), SlaTarget::FirstResponse)]);
    assert!(shop.run_due(near).await.unwrap().sla_warnings.is_empty(), "once per case and target");
    clock.set(now() + SignedDuration::from_hours(9));
    let late = shop.run_due(now() + SignedDuration::from_hours(9)).await.unwrap();
    assert!(late.sla_warnings.is_empty(), "overdue now, but warned already");
    let stored: SupportCase = shop.support().get(normal.id()).await.unwrap();
    assert_eq!(stored.sla_warnings(), [SlaTarget::FirstResponse]);
    let outbox = store.outbox_entries_since(now(), 100).await.unwrap();
    let warnings: Vec<_> = outbox.iter().filter(|e| e.message.message_id().starts_with("<sla_warning.")).collect();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].message.to()[0].address(), "help@shop.example.com");
}

/// A review is refused for a customer who never ordered the product and accepted (pending) for one
/// who did; a second one is refused; once approved it counts in the summary and takes a reply.
pub async fn shop_reviews_by_verified_buyers(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let buyer = register(&shop, "Filip Kolev", "filip@example.bg").await;
    let browser = register(&shop, "Galya Hristova", "galya@example.bg").await;
    buy_as(&shop, &buyer, 1).await;
    let review = |customer: &Customer| NewReview {
        product_id: "mug".into(),
        customer_id: customer.id().into(),
        rating: 4,
        text: "Keeps the coffee hot.".into(),
    };
    let refused = shop.reviews().submit(review(&browser)).await.unwrap_err();
    assert!(matches!(refused, ShopError::Review(ReviewError::NotVerifiedBuyer { .. })), "{refused:?}");
    let bad = shop.reviews().submit(NewReview { rating: 6, ..review(&buyer) }).await.unwrap_err();
    assert!(bad.to_string().starts_with("rating"), "{bad}");
    let submitted = shop.reviews().submit(review(&buyer)).await.unwrap();
    assert_eq!(submitted.state(), ReviewState::Pending);
    let twice = shop.reviews().submit(review(&buyer)).await.unwrap_err();
    assert!(matches!(twice, ShopError::Review(ReviewError::AlreadyReviewed { .. })), "{twice:?}");
    assert!(shop.reviews().of_product("mug").await.unwrap().reviews.is_empty(), "pending reviews are not shown");
    let early = shop.reviews().reply(submitted.id(), "staff-1", "Thank you!").await.unwrap_err();
    assert!(matches!(early, ShopError::Review(ReviewError::NotPublished { .. })), "{early:?}");

    shop.reviews().approve(submitted.id(), "staff-1").await.unwrap();
    let replied = shop.reviews().reply(submitted.id(), "staff-1", "Thank you, Filip!").await.unwrap();
    assert_eq!(replied.seller_reply().map(|r| r.body.as_str()), Some("Thank you, Filip!"));
    let page = shop.reviews().of_product("mug").await.unwrap();
    assert_eq!(page.reviews.len(), 1);
    assert_eq!((page.summary.count, page.summary.average.map(|a| a.to_string())), (1, Some("4".to_owned())));
    assert_eq!(page.reviews[0].seller_reply().map(|r| r.author_id.as_str()), Some("staff-1"));

    let report = shop.reports().after_sales(report_from(), report_to()).await.unwrap();
    let ratings: Vec<(&str, i64, String)> =
        report.ratings.iter().map(|r| (r.product_id.as_str(), r.reviews, r.average_stars.to_string())).collect();
    assert_eq!(ratings, [("mug", 1, "4".to_owned())], "the refused and the repeated review are not counted");
}

/// The first day of the after-sales reports of these scenarios (a month around [`now`]).
fn report_from() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 1)
}

/// The day after the last day of the after-sales reports of these scenarios.
fn report_to() -> jiff::civil::Date {
    jiff::civil::date(2027, 1, 1)
}

/// A campaign skips the customer without consent and mails the one with it (one stored send, the
/// e-mail with one-click unsubscribe); a second campaign inside the cap skips them, after the cap
/// mails them again; the unsubscribe link withdraws consent.
pub async fn shop_marketing_respects_consent_and_cap(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    let willing = register(&shop, "Hristo Dimov", "hristo@example.bg").await;
    let unwilling = register(&shop, "Iva Stoyanova", "iva@example.bg").await;
    shop.customers().grant_consent(willing.id(), ConsentChannel::Email, ConsentSource::Checkout).await.unwrap();
    let campaign = |id: &str| Campaign {
        id: id.into(),
        default_locale: "en".into(),
        texts: BTreeMap::from([(
            "en".to_owned(),
            CampaignText { subject: "New mugs are in".into(), text: "Come and see.".into(), html: None },
        )]),
    };
    let policy = MarketingPolicy { segment: Segment::All, ..MarketingPolicy::default() };
    let bad = Campaign { default_locale: "bg".into(), ..campaign("x") };
    let refused = shop.marketing().send(&bad, Some(&policy)).await.unwrap_err();
    assert!(refused.to_string().starts_with("default_locale"), "{refused}");

    let first = shop.marketing().send(&campaign("spring"), Some(&policy)).await.unwrap();
    let mailed: Vec<&str> = first.mailed.iter().map(|s| s.customer_id.as_str()).collect();
    assert_eq!(mailed, [willing.id()]);
    assert_eq!(first.skipped.len(), 1);
    assert_eq!(
        (first.skipped[0].customer_id.as_str(), &first.skipped[0].reason),
        (unwilling.id(), &SkipReason::NoConsent)
    );
    let outbox = store.outbox_entries_since(now() - SignedDuration::from_hours(1), 100).await.unwrap();
    let sent: Vec<_> = outbox.iter().filter(|e| e.message.message_id().starts_with("<marketing.")).collect();
    assert_eq!(sent.len(), 1, "one e-mail, queued with its send row");
    assert_eq!(sent[0].message.message_id(), first.mailed[0].message_id);
    let headers: Vec<(&str, &str)> = sent[0].message.headers().iter().map(|h| (h.name(), h.value())).collect();
    assert!(headers.contains(&("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")), "{headers:?}");
    assert_eq!(shop.marketing().sends_to(willing.id()).await.unwrap(), first.mailed, "the send row is stored");

    clock.set(now() + SignedDuration::from_hours(3 * 24));
    let capped = shop.marketing().send(&campaign("summer"), Some(&policy)).await.unwrap();
    assert!(capped.mailed.is_empty());
    let reasons: Vec<&SkipReason> = capped.skipped.iter().map(|s| &s.reason).collect();
    let next_allowed = now() + SignedDuration::from_hours(7 * 24);
    assert!(reasons.contains(&&SkipReason::FrequencyCap { last_sent: now(), next_allowed }), "{reasons:?}");

    clock.set(next_allowed);
    let again = shop.marketing().send(&campaign("summer"), Some(&policy)).await.unwrap();
    assert_eq!(again.mailed.iter().map(|s| s.customer_id.as_str()).collect::<Vec<_>>(), [willing.id()]);
    assert_eq!(shop.marketing().sends_to(willing.id()).await.unwrap().len(), 2);

    let link = headers.iter().find(|(name, _)| *name == "List-Unsubscribe").map(|(_, value)| *value);
    let token = first.mailed[0].unsubscribe_token();
    assert_eq!(link.unwrap().trim_matches(['<', '>']), format!("https://shop.example.com/unsubscribe/{token}"));
    let guessed = shop.marketing().unsubscribe(&again.mailed[0].id).await.unwrap_err();
    assert!(matches!(&guessed, ShopError::Invalid { field, .. } if field == "token"), "{guessed:?}");
    let forged = format!("{}.{}", again.mailed[0].id, "0".repeat(32));
    assert!(shop.marketing().unsubscribe(&forged).await.is_err(), "a made-up secret is refused");
    let customer = shop.customers().get(willing.id()).await.unwrap();
    assert!(customer.has_consent(ConsentChannel::Email), "nothing changed");
    let unsubscribed = shop.marketing().unsubscribe(&again.mailed[0].unsubscribe_token()).await.unwrap();
    assert!(!unsubscribed.has_consent(ConsentChannel::Email));
    clock.set(next_allowed + SignedDuration::from_hours(30 * 24));
    let after = shop.marketing().send(&campaign("autumn"), Some(&policy)).await.unwrap();
    assert!(after.mailed.is_empty(), "nobody consents any more");
}

/// Articles are stored per row: a repeated id and an empty title are refused naming the field, an
/// update keeps the article's votes, and search without a registered index says so.
pub async fn shop_knowledge_articles_are_stored(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let article = NewArticle {
        id: "delivery-time".into(),
        locale: Locale::En,
        category_id: "delivery".into(),
        title: "How long does delivery take?".into(),
        body: "Two to five working days.".into(),
        tags: vec!["courier".into()],
        published: true,
    };
    shop.knowledge().publish_article(article.clone()).await.unwrap();
    let twice = shop.knowledge().publish_article(article.clone()).await.unwrap_err();
    assert!(matches!(twice, ShopError::Knowledge(KnowledgeError::DuplicateId { .. })), "{twice:?}");
    let untitled = NewArticle { id: "x".into(), title: " ".into(), ..article.clone() };
    let refused = shop.knowledge().publish_article(untitled).await.unwrap_err();
    assert!(refused.to_string().contains("title"), "{refused}");
    let edited = NewArticle { body: "One to three working days.".into(), ..article.clone() };
    assert_eq!(shop.knowledge().update(edited).await.unwrap().body, "One to three working days.");
    assert_eq!(shop.knowledge().articles(Locale::En).await.unwrap().len(), 1);
    assert!(shop.knowledge().articles(Locale::Bg).await.unwrap().is_empty());
    let no_index = shop.knowledge().search(SearchQuery::new("delivery")).await.unwrap_err();
    assert!(matches!(no_index, ShopError::NoPlugin { .. }), "{no_index:?}");
}

fn new_case(customer_id: &str, order_id: Option<&str>) -> NewCase {
    NewCase {
        customer_id: customer_id.into(),
        opened_by: Actor::Customer { id: customer_id.into() },
        channel: Channel::Email,
        subject: "Where is my parcel?".into(),
        description: "It has not arrived yet.".into(),
        priority: Priority::Normal,
        category: Category::DeliveryProblem,
        order_id: order_id.map(str::to_owned),
        order_line_ids: Vec::new(),
    }
}

/// A customer's export holds everything stored about them — the account with its consent
/// history, the order with its payment, checkout and cart, the support case, the wish list — and
/// nothing of another customer; it serialises to one JSON document. An unknown customer is not found.
pub async fn shop_exports_everything_about_a_customer(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let ana = register(&shop, "Ana Petrova", "ana@example.bg").await;
    let boris = register(&shop, "Boris Ivanov", "boris@example.bg").await;
    shop.customers().grant_consent(ana.id(), ConsentChannel::Email, ConsentSource::Checkout).await.unwrap();
    let order = buy_as(&shop, &ana, 1).await;
    buy_as(&shop, &boris, 2).await;
    let case = shop.support().open_case(new_case(ana.id(), Some(order.id()))).await.unwrap();
    let list = shop.customers().create_wish_list(ana.id(), "Birthday").await.unwrap();

    let export = shop.customers().export(ana.id()).await.unwrap();
    assert_eq!(export.customer.id(), ana.id());
    assert_eq!(export.customer.consent().events().len(), 1);
    assert_eq!(export.orders.iter().map(Order::id).collect::<Vec<_>>(), [order.id()], "not Boris's order");
    assert_eq!(export.payments.len(), 1, "the transfer's payment");
    assert!(export.payments.iter().all(|p| p.order_id() == order.id()));
    assert_eq!((export.checkout_sessions.len(), export.carts.len()), (1, 1));
    assert_eq!(export.support_cases.iter().map(|c| c.id()).collect::<Vec<_>>(), [case.id()]);
    assert_eq!(export.wish_lists, [list]);
    assert!(export.wallet.is_none() && export.reviews.is_empty() && export.marketing_sends.is_empty());
    let document = serde_json::to_string(&export).unwrap();
    assert!(document.contains("ana@example.bg") && !document.contains("boris@example.bg"));

    let unknown = shop.customers().export("cust-404").await.unwrap_err();
    assert!(matches!(unknown, ShopError::NotFound { .. }), "{unknown:?}");
}

/// Ana buys twice, Boris once and cancels, a guest once: two first orders, one repeat order and a
/// guest order in the range; of the customers who kept an order only Ana counts, she came back, and
/// her lifetime spend is both her orders (1 mug + 4.90 and 2 mugs + 4.90 = 48.50 EUR). Then Vera, a
/// VIP, buys once: one customer of two is a VIP, with 17.80 of the 66.30 EUR spent.
pub async fn shop_reports_new_and_returning_customers(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store, Plugins::new()).await;
    let ana = register(&shop, "Ana Petrova", "ana@example.bg").await;
    let boris = register(&shop, "Boris Ivanov", "boris@example.bg").await;
    buy_as(&shop, &ana, 1).await;
    buy_as(&shop, &ana, 2).await;
    let cancelled = buy_as(&shop, &boris, 1).await;
    shop.orders()
        .cancel(cancelled.id(), vitrina_core::event::Actor::Staff { id: "ops".into() }, "changed his mind")
        .await
        .unwrap();
    buy(&shop, "guest@example.bg", 1, PaymentMethod::BankTransfer).await.unwrap();

    let report = shop.reports().customers(report_from(), report_to()).await.unwrap();
    assert_eq!((report.first_orders, report.repeat_orders, report.guest_orders), (2, 1, 1));
    assert_eq!(report.figures.len(), 1, "{:?}", report.figures);
    let eur = &report.figures[0];
    assert_eq!((eur.customers, eur.repeat_customers, eur.new_customers), (1, 1, 1), "Boris kept no order");
    assert_eq!(eur.repeat_rate_percent.to_string(), "100");
    assert_eq!(eur.lifetime_value, Money::from_minor(4850, Currency::EUR));
    let csv = shop.reports().customers_csv(report_from(), report_to()).await.unwrap();
    assert!(csv.contains("\r\ncustomers,EUR,1,100,48.50\r\n"), "{csv}");
    let later = shop.reports().customers(report_to(), jiff::civil::date(2027, 2, 1)).await.unwrap();
    assert_eq!((later.first_orders, later.figures[0].new_customers), (0, 0), "nobody new after the range");

    // Vera, a VIP, buys one mug (12.90 + 4.90); Boris becomes a VIP too but kept no order.
    let vera = register(&shop, "Vera Koleva", "vera@example.bg").await;
    shop.customers().make_vip(vera.id()).await.unwrap();
    shop.customers().make_vip(boris.id()).await.unwrap();
    buy_as(&shop, &vera, 1).await;
    let report = shop.reports().customers(report_from(), report_to()).await.unwrap();
    let eur = &report.figures[0];
    assert_eq!((eur.customers, eur.vip_customers), (2, 1), "Boris kept no order");
    assert_eq!(eur.vip_customers_percent.to_string(), "50");
    assert_eq!(eur.vip_spent, Money::from_minor(1780, Currency::EUR));
    assert_eq!(eur.vip_spent_percent.to_string(), "26.85", "17.80 of 66.30 EUR");
    let csv = shop.reports().customers_csv(report_from(), report_to()).await.unwrap();
    assert!(csv.ends_with("vip_customers,EUR,1,50,17.80\r\n"), "{csv}");
}

/// A support team's agents take turns at new cases in their listed order; the agent's work queue
/// shows their cases; a queue with no team, or a team naming an agent twice, is refused; handing a
/// case back to the queue makes it unassigned again.
pub async fn shop_support_team_takes_turns(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let mut with_team = settings();
    with_team.support_teams.insert("returns".into(), vec!["mila".into(), "ivan".into(), "zara".into()]);
    shop.admin().configure(with_team.clone()).await.unwrap();
    let elena = register(&shop, "Elena Smirnova", "elena@example.ru").await;
    let mut agents = Vec::new();
    let mut cases = Vec::new();
    for _ in 0..4 {
        let case = shop.support().open_case(new_case(elena.id(), None)).await.unwrap();
        let taken = shop.support().assign_in_turn(case.id(), "returns").await.unwrap();
        assert_eq!(taken.assignment().queue.as_deref(), Some("returns"));
        agents.push(taken.assignment().agent_id.clone().unwrap());
        cases.push(taken);
    }
    assert_eq!(agents, ["mila", "ivan", "zara", "mila"], "turns in the listed order");
    let milas = WorkQueueFilter { agent_id: Some("mila".into()), ..WorkQueueFilter::default() };
    assert_eq!(shop.support().work_queue(&milas).await.unwrap().len(), 2);

    let nobody = shop.support().assign_in_turn(cases[0].id(), "billing").await.unwrap_err();
    assert!(matches!(&nobody, ShopError::Invalid { field, .. } if field == "queue"), "{nobody:?}");
    let back = Assignment { agent_id: None, queue: Some("returns".into()) };
    shop.support().assign(cases[0].id(), back).await.unwrap();
    let untaken = WorkQueueFilter { unassigned: true, queue: Some("returns".into()), ..WorkQueueFilter::default() };
    let waiting = shop.support().work_queue(&untaken).await.unwrap();
    assert_eq!(waiting.iter().map(|c| c.case.id()).collect::<Vec<_>>(), [cases[0].id()]);

    with_team.support_teams.insert("returns".into(), vec!["mila".into(), "mila".into()]);
    let twice = shop.admin().configure(with_team).await.unwrap_err();
    assert!(matches!(&twice, ShopError::Invalid { field, .. } if field == "support_teams.returns[1]"), "{twice:?}");
}

/// Sofia local time `local` (`2026-03-27T16:00`) as an instant.
fn sofia(local: &str) -> Timestamp {
    let civil: jiff::civil::DateTime = local.parse().unwrap();
    civil.to_zoned(jiff::tz::TimeZone::get("Europe/Sofia").unwrap()).unwrap().timestamp()
}

/// The targets every priority gets in the business-time scenario.
fn office_targets(first_response_minutes: u32) -> SlaTargets {
    SlaTargets { next_response_minutes: Some(60), ..SlaTargets::new(first_response_minutes, 2400) }
}

/// Support works Mon-Fri 09:00-17:00 in Sofia, closed on Monday 30 March 2026 (a holiday). Normal
/// cases are answered within 120 business minutes, VIP customers' within 60, and every later
/// customer message within 60. A warning goes once under 15 minutes are left and an escalation when
/// a target breaks, each at its business minute across the weekend, the holiday and the change to
/// summer time (29 March), once per run; a reply in time cancels them.
pub async fn shop_sla_runs_in_business_time_through_weekend_holiday_and_dst(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    let nine_to_five = vec![OpeningInterval::new(jiff::civil::time(9, 0, 0, 0), jiff::civil::time(17, 0, 0, 0))];
    let weekly = WeeklyHours {
        monday: nine_to_five.clone(),
        tuesday: nine_to_five.clone(),
        wednesday: nine_to_five.clone(),
        thursday: nine_to_five.clone(),
        friday: nine_to_five,
        ..WeeklyHours::default()
    };
    let calendar = BusinessCalendar::new("Europe/Sofia", weekly, vec![jiff::civil::date(2026, 3, 30)]).unwrap();
    let vip = office_targets(60);
    let vip_targets = PriorityTargets { low: vip, normal: vip, high: vip, urgent: vip };
    shop.admin()
        .update(|settings| {
            settings.business_calendar = Some(calendar.clone());
            settings.sla.normal = office_targets(120);
            settings.sla.warning = WarningThreshold::RemainingMinutes { minutes: 15 };
            settings.sla.overrides =
                vec![SlaOverride { channel: None, customer_group: Some("vip".into()), targets: vip_targets }];
            settings.sla_escalation =
                Some(EscalationPolicy { notify: vec!["lead@shop.example.com".into()], ..EscalationPolicy::default() });
            Ok(())
        })
        .await
        .unwrap();
    let elena = register(&shop, "Elena Smirnova", "elena@example.ru").await;
    let boris = register(&shop, "Boris Ivanov", "boris@example.bg").await;
    shop.customers().make_vip(boris.id()).await.unwrap();
    clock.set(sofia("2026-03-27T16:00"));
    let normal = shop.support().open_case(new_case(elena.id(), None)).await.unwrap();
    let vip_case = shop.support().open_case(new_case(boris.id(), None)).await.unwrap();
    assert_eq!(vip_case.customer_groups(), ["vip"], "the group is noted when the case opens");

    let due = |local: &str| {
        let shop = &shop;
        let at = sofia(local);
        async move { shop.run_due(at).await.unwrap() }
    };
    let (first, next) = (SlaTarget::FirstResponse, SlaTarget::NextResponse);
    let quiet = due("2026-03-27T16:45").await;
    assert!(quiet.sla_warnings.is_empty() && quiet.sla_escalations.is_empty(), "{quiet:?}");
    assert_eq!(
        due("2026-03-27T16:46").await.sla_warnings,
        [(vip_case.id().to_owned(), first)],
        "under 15 minutes left"
    );
    assert!(due("2026-03-27T16:59").await.sla_escalations.is_empty());
    assert_eq!(due("2026-03-27T17:00").await.sla_escalations, [(vip_case.id().to_owned(), first)]);
    for local in ["2026-03-28T12:00", "2026-03-29T12:00", "2026-03-30T12:00", "2026-03-31T09:45"] {
        let nothing = due(local).await;
        assert!(nothing.sla_warnings.is_empty() && nothing.sla_escalations.is_empty(), "{local}: {nothing:?}");
    }
    // Friday 16:00-17:00 used 60 minutes; Saturday, Sunday and Monday's holiday count none; the
    // clocks went forward on Sunday, so Tuesday 09:46 in Sofia is 06:46 UTC.
    let warned = due("2026-03-31T09:46").await;
    assert_eq!(warned.sla_warnings, [(normal.id().to_owned(), first)]);
    assert_eq!(sofia("2026-03-31T09:46"), "2026-03-31T06:46:00Z".parse::<Timestamp>().unwrap());
    let listed = shop.support().open_cases_by_sla().await.unwrap();
    let normal_sla = &listed.iter().find(|c| c.case.id() == normal.id()).unwrap().sla;
    assert_eq!(normal_sla.first_response.due_at, Some(sofia("2026-03-31T10:00")));

    clock.set(sofia("2026-03-31T09:50"));
    shop.support().reply(normal.id(), Actor::Agent { id: "agent-1".into() }, "We are on it.").await.unwrap();
    let answered = due("2026-03-31T10:05").await;
    assert!(answered.sla_escalations.is_empty(), "the reply came before the breach: {answered:?}");

    clock.set(sofia("2026-03-31T11:00"));
    shop.support().reply(normal.id(), Actor::Customer { id: elena.id().into() }, "Any news?").await.unwrap();
    assert!(due("2026-03-31T11:45").await.sla_warnings.is_empty());
    assert_eq!(due("2026-03-31T11:46").await.sla_warnings, [(normal.id().to_owned(), next)]);
    assert_eq!(due("2026-03-31T12:00").await.sla_escalations, [(normal.id().to_owned(), next)]);
    assert!(due("2026-03-31T12:05").await.sla_escalations.is_empty(), "once per run");
    clock.set(sofia("2026-03-31T12:10"));
    shop.support().reply(normal.id(), Actor::Agent { id: "agent-1".into() }, "Shipped.").await.unwrap();
    clock.set(sofia("2026-03-31T13:00"));
    shop.support().reply(normal.id(), Actor::Customer { id: elena.id().into() }, "And the invoice?").await.unwrap();
    clock.set(sofia("2026-03-31T13:30"));
    shop.support().reply(normal.id(), Actor::Agent { id: "agent-1".into() }, "Attached.").await.unwrap();
    let met = due("2026-03-31T14:30").await;
    assert!(met.sla_warnings.is_empty() && met.sla_escalations.is_empty(), "answered in time: {met:?}");
    clock.set(sofia("2026-03-31T15:00"));
    shop.support().reply(normal.id(), Actor::Customer { id: elena.id().into() }, "Thanks!").await.unwrap();
    assert_eq!(due("2026-03-31T15:46").await.sla_warnings, [(normal.id().to_owned(), next)], "a new run warns again");

    let outbox = store.outbox_entries_since(sofia("2026-03-27T00:00"), 100).await.unwrap();
    let ids: Vec<&str> = outbox.iter().map(|e| e.message.message_id()).collect();
    let count = |prefix: &str| ids.iter().filter(|id| id.starts_with(prefix)).count();
    assert_eq!((count("<sla_warning."), count("<sla_escalation.")), (4, 2), "{ids:?}");
}

/// A customer's erasure takes them out of every record in one command: the export that follows
/// holds none of their personal data, while their order's money, lines and country, the sales
/// figures and their consent history stay; Boris is untouched and a repeat erases nothing new.
pub async fn shop_erases_a_customer(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let ana = register(&shop, "Ana Petrova", "ana@example.bg").await;
    let boris = register(&shop, "Boris Ivanov", "boris@example.bg").await;
    shop.customers().grant_consent(ana.id(), ConsentChannel::Email, ConsentSource::Checkout).await.unwrap();
    let order = buy_as(&shop, &ana, 1).await;
    let theirs = buy_as(&shop, &boris, 2).await;
    let case = shop.support().open_case(new_case(ana.id(), Some(order.id()))).await.unwrap();
    shop.support()
        .reply(case.id(), Actor::Customer { id: ana.id().into() }, "Call me on +359 888 123 456")
        .await
        .unwrap();
    let day = |at: Timestamp| at.to_zoned(jiff::tz::TimeZone::UTC).date();
    let (from, to) = (day(order.placed_at()), day(order.placed_at()).tomorrow().unwrap());
    let sales_before = shop.reports().sales_report(from, to, Period::Day).await.unwrap();
    let personal = [
        "ana@example.bg".to_owned(),
        "Ana Petrova".to_owned(),
        order.delivery().address.line1.clone(),
        "+359 888 123 456".to_owned(),
        case.subject().to_owned(),
    ];

    let logs = &store;
    let logged = move || async move {
        let outbox = logs.outbox_entries_since(Timestamp::UNIX_EPOCH, 1_000).await.unwrap();
        let events = logs.events_since(Timestamp::UNIX_EPOCH, None, 1_000).await.unwrap();
        format!("{}\n{}", serde_json::to_string(&outbox).unwrap(), serde_json::to_string(&events).unwrap())
    };
    let before = logged().await;
    assert!(before.contains("ana@example.bg") && before.contains("Ana Petrova"), "mailed and logged: {before}");

    let report = shop.customers().erase(ana.id()).await.unwrap();
    assert_eq!((report.orders, report.checkout_sessions, report.carts, report.support_cases), (1, 1, 1, 1));
    let after = logged().await;
    for text in &personal[..2] {
        assert!(!after.contains(text.as_str()), "{text} is still in the outbox or the event log: {after}");
    }
    assert!(after.contains("boris@example.bg") && after.contains("Boris Ivanov"), "Boris's mail and events stay");
    let export = shop.customers().export(ana.id()).await.unwrap();
    let document = serde_json::to_string(&export).unwrap();
    for text in &personal {
        assert!(!document.contains(text.as_str()), "{text} is still stored: {document}");
    }
    assert_eq!(export.customer.erased_at(), Some(report.erased_at));
    let consent: Vec<(ConsentAction, ConsentSource)> =
        export.customer.consent().events().iter().map(|e| (e.action, e.source)).collect();
    assert_eq!(
        consent,
        [(ConsentAction::Granted, ConsentSource::Checkout), (ConsentAction::Withdrawn, ConsentSource::Erasure)],
        "the consent history stays, with its end"
    );
    let gone = shop.customers().by_email("ana@example.bg").await.unwrap_err();
    assert!(matches!(gone, ShopError::NotFound { .. }), "the old address finds nobody: {gone:?}");
    let kept = &export.orders[0];
    assert_eq!((kept.total(), kept.paid(), kept.priced()), (order.total(), order.paid(), order.priced()));
    assert_eq!(kept.delivery().address.country, order.delivery().address.country, "the tax country stays");
    assert!(export.support_cases[0].messages().iter().all(|m| m.body == "[erased]"));
    assert_eq!(shop.reports().sales_report(from, to, Period::Day).await.unwrap(), sales_before, "the accounts");
    let untouched = shop.orders().get(theirs.id()).await.unwrap();
    assert_eq!(untouched.contact().email, "boris@example.bg");

    let again = shop.customers().erase(ana.id()).await.unwrap();
    assert_eq!((again.orders, again.support_cases), (1, 1), "the same records, erased already");
    assert_eq!(serde_json::to_string(&shop.customers().export(ana.id()).await.unwrap().orders).unwrap(), {
        serde_json::to_string(&export.orders).unwrap()
    });
    let unknown = shop.customers().erase("cust-404").await.unwrap_err();
    assert!(matches!(unknown, ShopError::NotFound { .. }), "{unknown:?}");
}
