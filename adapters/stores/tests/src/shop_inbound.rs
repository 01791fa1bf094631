//! Every message lands in the case, over each store: the inbound e-mail corpus (core's
//! `tests/inbound_mail/`, as it arrives on the wire) threaded into cases, acknowledged, its
//! auto-replies and bounces never answered and its redeliveries writing nothing; chat messages and
//! feedback forms.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::SignedDuration;
use vitrina_core::customer::NewCustomer;
use vitrina_core::error::ErrorCode;
use vitrina_core::notify::OutboxEntry;
use vitrina_core::shop::{IgnoredReason, InboundOutcome, Plugins, Shop, GUEST_GROUP};
use vitrina_core::store::{load, Changes, DocumentWrite, Store};
use vitrina_core::support::inbound::{
    AttachmentStore, BouncedAddress, MailDirection, MailRecord, MemoryAttachments, StoredAttachment,
};
use vitrina_core::support::{
    CaseActor, CaseCategory, CaseState, Channel, FeedbackForm, FieldKind, FormField, MessageKind, Priority, SupportCase,
};

use crate::fixtures::now;
use crate::shop::open_shop;

/// The corpus e-mail `name`, with the shop's own ids filled in where a reply quotes them.
fn corpus(name: &str, ack_message_id: &str, case: &str, n: u32) -> Vec<u8> {
    let path = format!("{}/../../../core/tests/inbound_mail/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    match String::from_utf8(raw.clone()) {
        Ok(text) if text.contains("{{") => text
            .replace("{{ACK_MESSAGE_ID}}", ack_message_id)
            .replace("{{CASE_REFERENCE}}", &format!("VT-C-{case}"))
            .replace("{{N}}", &n.to_string())
            .into_bytes(),
        _ => raw,
    }
}

async fn outbox(store: &Arc<dyn Store>) -> Vec<OutboxEntry> {
    store.outbox_entries_since(now() - SignedDuration::from_hours(1), 1000).await.unwrap()
}

fn header<'a>(entry: &'a OutboxEntry, name: &str) -> Option<&'a str> {
    entry.message.headers().iter().find(|h| h.name() == name).map(|h| h.value())
}

async fn receive(shop: &Shop, raw: &[u8]) -> InboundOutcome {
    shop.support().receive_email(raw).await.expect("receive_email")
}

fn new_case_id(outcome: &InboundOutcome) -> String {
    match outcome {
        InboundOutcome::NewCase { case_id, .. } => case_id.clone(),
        other => panic!("expected a new case, got {other:?}"),
    }
}

/// A customer's e-mail opens a case, acknowledged with a threaded e-mail carrying the case token;
/// the Gmail reply (by headers) and the Outlook reply (by the token) land in the same case with
/// their quoted history trimmed; a redelivery writes nothing; three out-of-office replies leave one
/// note and no e-mail; a bounce marks the address; an agent's answer threads; each other language's
/// e-mail opens a case for a guest, in its own text.
pub async fn shop_threads_inbound_email_into_cases(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    let new = NewCustomer {
        email: "maria.ivanova@example.net".into(),
        name: "Maria Ivanova".into(),
        phone: None,
        locale: "en".into(),
    };
    let maria = shop.customers().register(new).await.unwrap();

    let opened = receive(&shop, &corpus("01_plain.eml", "", "", 0)).await;
    let case_id = new_case_id(&opened);
    let case = shop.support().get(&case_id).await.unwrap();
    assert_eq!(
        (case.customer_id(), case.channel(), case.subject()),
        (maria.id(), Channel::Email, "Where is my parcel?")
    );
    assert!(case.messages()[0].body.contains("I ordered a lamp a week ago"));
    let sent = outbox(&store).await;
    assert_eq!(sent.len(), 1, "the acknowledgement alone");
    let ack = &sent[0];
    assert!(ack.message.message_id().starts_with("<support_case_received."));
    assert!(ack.message.subject().ends_with(&format!("[VT-C-{case_id}]")), "{}", ack.message.subject());
    assert!(ack.message.text().contains(&format!("account/cases/{case_id}")));
    assert_eq!(header(ack, "In-Reply-To"), Some("<CAF7x1d2-plain-0001@mail.example.net>"));
    let ack_id = ack.message.message_id().to_owned();
    let record = load::<MailRecord>(store.as_ref(), ack_id.trim_matches(['<', '>'])).await.unwrap().unwrap();
    assert_eq!((record.value.direction, record.value.case_id.as_deref()), (MailDirection::Sent, Some(&*case_id)));

    clock.advance(SignedDuration::from_mins(30));
    let gmail = corpus("07_gmail_reply.eml", &ack_id, &case_id, 0);
    let appended = receive(&shop, &gmail).await;
    assert!(matches!(&appended, InboundOutcome::Appended { case_id: c, .. } if *c == case_id), "{appended:?}");
    let case = shop.support().get(&case_id).await.unwrap();
    let reply = case.messages().last().unwrap();
    assert_eq!(reply.body, "The tracking number is 123456, thank you!");
    assert!(reply.email.as_ref().unwrap().full_body.contains("> we got your request"));

    let again = receive(&shop, &gmail).await;
    assert_eq!(again, InboundOutcome::Ignored { reason: IgnoredReason::Duplicate, case_id: Some(case_id.clone()) });
    assert_eq!(shop.support().get(&case_id).await.unwrap(), case, "a redelivery writes nothing");

    let outlook = receive(&shop, &corpus("08_outlook_reply.eml", &ack_id, &case_id, 0)).await;
    assert!(matches!(&outlook, InboundOutcome::Appended { case_id: c, .. } if *c == case_id), "{outlook:?}");
    let case = shop.support().get(&case_id).await.unwrap();
    let body = &case.messages().last().unwrap().body;
    assert_eq!(body, "It came today after all. Sorry for the trouble \u{2013} you can close it.\n\nMaria");

    auto_replies_do_not_loop(&shop, &store, &ack_id, &case_id).await;
    a_bounce_marks_the_address(&shop, &store, &ack_id, &case_id).await;

    let agent = CaseActor::Agent { id: "agent-7".into() };
    shop.support().reply(&case_id, agent, "Glad it arrived!").await.unwrap();
    let sent = outbox(&store).await;
    let answer = sent.iter().find(|e| e.message.message_id().starts_with("<support_reply.")).unwrap();
    let outlook_id = "<AM0PR07MB1234567890ABCDEF@AM0PR07MB1234.eurprd07.prod.outlook.com>";
    assert_eq!(header(answer, "In-Reply-To"), Some(outlook_id));
    assert!(header(answer, "References").unwrap().starts_with("<CAF7x1d2-plain-0001@mail.example.net> "));
    assert!(answer.message.subject().contains(&format!("[VT-C-{case_id}]")));

    strangers_open_cases_in_their_language(&shop, &store).await;
}

async fn auto_replies_do_not_loop(shop: &Shop, store: &Arc<dyn Store>, ack_id: &str, case_id: &str) {
    let before = outbox(store).await.len();
    let messages = shop.support().get(case_id).await.unwrap().messages().len();
    for n in 1..=3 {
        let outcome = receive(shop, &corpus("09_out_of_office.eml", ack_id, case_id, n)).await;
        let expected = InboundOutcome::Ignored { reason: IgnoredReason::AutoReply, case_id: Some(case_id.into()) };
        assert_eq!(outcome, expected);
    }
    let case = shop.support().get(case_id).await.unwrap();
    assert_eq!(case.messages().len(), messages + 1, "one note for three auto-replies");
    assert_eq!(case.messages().last().unwrap().kind, MessageKind::InternalNote);
    assert_eq!(case.state(), CaseState::New, "an auto-reply wakes nothing");
    assert_eq!(outbox(store).await.len(), before, "an auto-reply is never answered");
}

async fn a_bounce_marks_the_address(shop: &Shop, store: &Arc<dyn Store>, ack_id: &str, case_id: &str) {
    let before = outbox(store).await.len();
    let outcome = receive(shop, &corpus("10_bounce_dsn.eml", ack_id, case_id, 0)).await;
    assert_eq!(outcome, InboundOutcome::Ignored { reason: IgnoredReason::Bounce, case_id: Some(case_id.into()) });
    let marked = load::<BouncedAddress>(store.as_ref(), "nobody@example.invalid").await.unwrap().unwrap();
    assert_eq!((marked.value.bounces, marked.value.last_case_id.as_deref()), (1, Some(case_id)));
    let case = shop.support().get(case_id).await.unwrap();
    assert!(case.messages().last().unwrap().body.contains("nobody@example.invalid could not be delivered"));
    assert_eq!(outbox(store).await.len(), before, "a bounce is never answered");
}

async fn strangers_open_cases_in_their_language(shop: &Shop, store: &Arc<dyn Store>) {
    let expected = [
        ("02_html_only.eml", "peter@example.org", "Invoice please", "Company: Novak & Sons"),
        ("03_multipart_attachment.eml", "anna@example.de", "Broken vase", "The vase arrived broken, photo attached."),
        ("04_russian_koi8r.eml", "igor@example.ru", "Нет инструкции", "Мой заказ 1044 пришёл без инструкции."),
        ("05_chinese_gbk.eml", "wangwei@example.cn", "订单发货问题", "您好，我的订单1045还没有发货"),
        ("06_bulgarian_qp.eml", "georgi@example.bg", "Връщане на обувки", "искам да върна обувките от поръчка 1046"),
    ];
    for (file, address, subject, text) in expected {
        let case_id = new_case_id(&receive(shop, &corpus(file, "", "", 0)).await);
        let case = shop.support().get(&case_id).await.unwrap();
        assert_eq!(case.subject(), subject, "{file}");
        assert!(case.messages()[0].body.contains(text), "{file}: {:?}", case.messages()[0].body);
        let guest = shop.customers().by_email(address).await.unwrap();
        assert_eq!(guest.id(), case.customer_id(), "{file}");
        assert!(guest.in_group(GUEST_GROUP), "{file}");
    }
    let vase = shop.customers().by_email("anna@example.de").await.unwrap();
    let case: SupportCase = shop.support().cases_of_customer(vase.id()).await.unwrap().remove(0);
    let files = &case.messages()[0].email.as_ref().unwrap().attachments;
    assert_eq!((files.len(), files[0].name.as_str(), files[0].size), (1, "vase.png", 120));
    let kept = load::<StoredAttachment>(store.as_ref(), &files[0].location).await.unwrap().unwrap();
    assert_eq!(kept.value.bytes(), (0u8..120).collect::<Vec<u8>>(), "kept in the shop's store without a plug-in");
    let bounced = BouncedAddress::new("anna@example.de", Some(case.id().into()), now());
    let bounce = Changes { documents: vec![DocumentWrite::of(&bounced, 0).unwrap()], ..Changes::default() };
    store.commit(&bounce).await.unwrap();
    let erased = shop.customers().erase(vase.id()).await.unwrap();
    assert_eq!((erased.attachments, erased.bounce_records), (1, 1), "{erased:?}");
    assert!(
        load::<StoredAttachment>(store.as_ref(), &files[0].location).await.unwrap().is_none(),
        "its bytes are gone"
    );
    assert!(load::<BouncedAddress>(store.as_ref(), "anna@example.de").await.unwrap().is_none(), "and its bounce");
    let acks =
        outbox(store).await.iter().filter(|e| e.message.message_id().starts_with("<support_case_received.")).count();
    assert_eq!(acks, 6, "every new case is acknowledged once");
}

/// Chat: a customer's first message opens a chat case, an agent's answer is not e-mailed (the chat
/// client fetches it), the customer's next message joins the case; bad posts name their field. An
/// attachment store plug-in gets the bytes of e-mailed files instead of the shop's store.
pub async fn shop_posts_chat_messages(store: Arc<dyn Store>) {
    let files = Arc::new(MemoryAttachments::default());
    let (shop, _) = open_shop(store.clone(), Plugins::new().attachments(files.clone())).await;
    let new = NewCustomer { email: "lena@example.com".into(), name: "Lena".into(), phone: None, locale: "en".into() };
    let lena = shop.customers().register(new).await.unwrap();
    let customer = CaseActor::Customer { id: lena.id().into() };
    let agent = CaseActor::Agent { id: "agent-1".into() };

    let case =
        shop.support().post_message(None, Channel::Chat, customer.clone(), "Is the mug dishwasher safe?\nThanks").await;
    let case = case.unwrap();
    assert_eq!((case.channel(), case.subject()), (Channel::Chat, "Is the mug dishwasher safe?"));
    let case = shop.support().post_message(Some(case.id()), Channel::Chat, agent.clone(), "Yes, it is.").await.unwrap();
    assert!(case.messages().last().unwrap().is_agent_response());
    assert!(outbox(&store).await.is_empty(), "a chat answer is fetched by the chat client, not e-mailed");
    let case = shop.support().post_message(Some(case.id()), Channel::Chat, customer.clone(), "Great!").await.unwrap();
    assert_eq!(case.messages().len(), 3);

    let field = |e: vitrina_core::shop::ShopError| e.field().map(str::to_owned);
    let by_email = shop.support().post_message(None, Channel::Email, customer.clone(), "hi").await.unwrap_err();
    assert_eq!(field(by_email).as_deref(), Some("channel"));
    let empty = shop.support().post_message(Some(case.id()), Channel::Chat, customer, " ").await.unwrap_err();
    assert_eq!(field(empty).as_deref(), Some("text"));
    let system = shop.support().post_message(Some(case.id()), Channel::Chat, CaseActor::System, "x").await.unwrap_err();
    assert_eq!(field(system).as_deref(), Some("author"));
    let stranger = CaseActor::Customer { id: "someone-else".into() };
    let refused = shop.support().post_message(Some(case.id()), Channel::Chat, stranger, "x").await.unwrap_err();
    assert_eq!(field(refused).as_deref(), Some("author"));

    let opened = receive(&shop, &corpus("03_multipart_attachment.eml", "", "", 0)).await;
    let case = shop.support().get(&new_case_id(&opened)).await.unwrap();
    let location = &case.messages()[0].email.as_ref().unwrap().attachments[0].location;
    assert_eq!(location, "inbound/attach-0003@example.de/1-vase.png");
    assert_eq!(files.get(location).await.unwrap(), Some((0u8..120).collect::<Vec<u8>>()));
    assert_eq!(files.len(), 1);
    assert!(load::<StoredAttachment>(store.as_ref(), location).await.unwrap().is_none(), "the plug-in keeps it");
    let erased = shop.customers().erase(case.customer_id()).await.unwrap();
    assert_eq!((erased.attachments, files.len()), (1, 0), "the plug-in deletes it with the erasure: {erased:?}");
}

/// A feedback form in the settings: a valid submission opens a web-form case of the form's category
/// and priority listing the values; bad values, an unknown form and a malformed form name their field.
pub async fn shop_opens_cases_from_feedback_forms(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let new = NewCustomer { email: "ivo@example.bg".into(), name: "Ivo".into(), phone: None, locale: "bg".into() };
    let ivo = shop.customers().register(new).await.unwrap();
    let field = |name: &str, label: &str, kind: FieldKind, required: bool| FormField {
        name: name.into(),
        label: label.into(),
        kind,
        required,
    };
    let form = FeedbackForm {
        title: "Product quality".into(),
        category: CaseCategory::Complaint,
        priority: Priority::High,
        fields: vec![
            field("problem", "Problem", FieldKind::Choice { options: vec!["Broken".into(), "Faded".into()] }, true),
            field("details", "Details", FieldKind::Text, true),
        ],
    };
    let mut malformed = form.clone();
    malformed.fields[1].name = "problem".into();
    let refused = shop
        .admin()
        .update(|settings| {
            settings.feedback_forms.insert("quality".into(), malformed.clone());
            Ok(())
        })
        .await
        .unwrap_err();
    assert_eq!(refused.field(), Some("feedback_forms.quality.fields[1].name"));
    shop.admin()
        .update(|settings| {
            settings.feedback_forms.insert("quality".into(), form.clone());
            Ok(())
        })
        .await
        .unwrap();

    let values = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    let good = values(&[("problem", "Broken"), ("details", "The handle came off.")]);
    let case = shop.support().submit_form("quality", ivo.id(), &good).await.unwrap();
    assert_eq!(
        (case.channel(), case.category(), case.priority()),
        (Channel::WebForm, CaseCategory::Complaint, Priority::High)
    );
    assert_eq!(case.subject(), "Product quality");
    assert_eq!(case.messages()[0].body, "Problem: Broken\nDetails: The handle came off.");
    assert_eq!(shop.support().cases_of_customer(ivo.id()).await.unwrap().len(), 1);

    let bad = values(&[("problem", "Lost"), ("details", "x")]);
    let refused = shop.support().submit_form("quality", ivo.id(), &bad).await.unwrap_err();
    assert_eq!(refused.field(), Some("values.problem"));
    let missing = shop.support().submit_form("quality", ivo.id(), &values(&[("problem", "Faded")])).await;
    assert_eq!(missing.unwrap_err().field(), Some("values.details"));
    let unknown = shop.support().submit_form("nope", ivo.id(), &good).await.unwrap_err();
    assert_eq!(unknown.field(), Some("form_id"));
    assert_eq!(shop.support().cases_of_customer(ivo.id()).await.unwrap().len(), 1, "refusals open nothing");
}
