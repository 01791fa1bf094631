//! The inbound e-mail corpus (`tests/inbound_mail/`, written as it arrives on the wire) read by
//! the parser: sender, decoded text in its language, quoted history trimmed, threading ids, nature.

use vitrina_core::error::ErrorCode as _;
use vitrina_core::support::inbound::{parse_email, InboundEmail, MailNature};

const ACK: &str = "<support_case_received.019aa1b2-0000-7000-8000-000000000001@shop.example.com>";
const CASE_ID: &str = "019aa1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b";

fn read(name: &str) -> InboundEmail {
    let path = format!("{}/tests/inbound_mail/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(&path).unwrap();
    let raw = String::from_utf8_lossy(&raw).contains("{{").then(|| {
        String::from_utf8(raw.clone())
            .unwrap()
            .replace("{{ACK_MESSAGE_ID}}", ACK)
            .replace("{{CASE_REFERENCE}}", &format!("VT-C-{CASE_ID}"))
            .replace("{{N}}", "1")
            .into_bytes()
    });
    parse_email(&raw.unwrap_or_else(|| std::fs::read(&path).unwrap())).unwrap()
}

#[test]
fn a_plain_message_gives_sender_subject_and_text() {
    let mail = read("01_plain.eml");
    assert_eq!(mail.from_address, "Maria.Ivanova@example.net");
    assert_eq!(mail.from_name.as_deref(), Some("Maria Ivanova"));
    assert_eq!(mail.subject, "Where is my parcel?");
    assert_eq!(mail.message_id.as_deref(), Some("CAF7x1d2-plain-0001@mail.example.net"));
    assert!(mail.text.starts_with("Hello,\n\nI ordered a lamp a week ago"), "{:?}", mail.text);
    assert!(mail.thread_ids.is_empty());
    assert_eq!(mail.nature, MailNature::Conversation);
}

#[test]
fn an_html_only_message_is_read_as_text_without_tags_styles_or_entities() {
    let mail = read("02_html_only.eml");
    assert!(mail.text.contains("Could you send me an invoice for order\u{a0}1043?"), "{:?}", mail.text);
    assert!(mail.text.contains("Company: Novak & Sons"), "{:?}", mail.text);
    assert!(!mail.text.contains('<') && !mail.text.contains("color") && !mail.text.contains("ignored"));
}

#[test]
fn an_attachment_keeps_its_name_type_size_content_id_and_bytes() {
    let mail = read("03_multipart_attachment.eml");
    assert_eq!(mail.text, "The vase arrived broken, photo attached.");
    assert_eq!(mail.attachments.len(), 1);
    let file = &mail.attachments[0];
    assert_eq!((file.meta.name.as_str(), file.meta.content_type.as_str()), ("vase.png", "image/png"));
    assert_eq!(file.content, (0u8..120).collect::<Vec<u8>>());
    assert_eq!(file.meta.size, 120);
    assert_eq!(file.meta.content_id.as_deref(), Some("vase-photo@example.de"));
}

#[test]
fn russian_in_koi8r_chinese_in_gbk_and_quoted_printable_bulgarian_are_decoded() {
    let russian = read("04_russian_koi8r.eml");
    assert_eq!(russian.subject, "Нет инструкции");
    assert_eq!(russian.from_name.as_deref(), Some("Игорь Петров"));
    assert!(russian.text.contains("Мой заказ 1044 пришёл без инструкции."), "{:?}", russian.text);
    let chinese = read("05_chinese_gbk.eml");
    assert_eq!(chinese.subject, "订单发货问题");
    assert_eq!(chinese.from_name.as_deref(), Some("王伟"));
    assert!(chinese.text.starts_with("您好，我的订单1045还没有发货"), "{:?}", chinese.text);
    let bulgarian = read("06_bulgarian_qp.eml");
    assert_eq!(bulgarian.subject, "Връщане на обувки");
    assert!(bulgarian.text.contains("искам да върна обувките от поръчка 1046 – номерът е малък."));
}

#[test]
fn a_gmail_reply_threads_by_its_headers_and_loses_the_quoted_history() {
    let mail = read("07_gmail_reply.eml");
    assert_eq!(mail.text, "The tracking number is 123456, thank you!");
    assert!(mail.full_text.contains("> we got your request"));
    let ack = ACK.trim_matches(['<', '>']);
    assert_eq!(mail.thread_ids, vec![ack.to_owned(), "CAF7x1d2-plain-0001@mail.example.net".to_owned()]);
}

#[test]
fn an_outlook_reply_loses_its_header_block_and_keeps_the_case_token() {
    let mail = read("08_outlook_reply.eml");
    assert_eq!(mail.text, "It came today after all. Sorry for the trouble – you can close it.\n\nMaria");
    assert!(mail.subject.ends_with(&format!("[VT-C-{CASE_ID}]")));
    assert!(mail.thread_ids.is_empty());
}

#[test]
fn an_out_of_office_reply_is_an_auto_reply() {
    let mail = read("09_out_of_office.eml");
    assert_eq!(mail.nature, MailNature::AutoReply { reason: "Auto-Submitted: auto-replied".into() });
}

#[test]
fn a_delivery_status_notification_is_a_bounce_naming_the_address_and_the_message() {
    let mail = read("10_bounce_dsn.eml");
    let original = ACK.trim_matches(['<', '>']).to_owned();
    let expected =
        MailNature::Bounce { recipient: Some("nobody@example.invalid".into()), original_message_id: Some(original) };
    assert_eq!(mail.nature, expected);
}

#[test]
fn auto_submitted_no_is_a_person_and_garbage_is_refused_naming_raw() {
    let person = b"From: a@example.com\r\nAuto-Submitted: no\r\nSubject: hi\r\n\r\nhello\r\n";
    assert_eq!(parse_email(person).unwrap().nature, MailNature::Conversation);
    let listed = b"From: a@example.com\r\nPrecedence: bulk\r\n\r\nnews\r\n";
    assert!(matches!(parse_email(listed).unwrap().nature, MailNature::AutoReply { .. }));
    let robot = b"From: a@example.com\r\nX-Autorespond: yes\r\n\r\naway\r\n";
    assert!(matches!(parse_email(robot).unwrap().nature, MailNature::AutoReply { .. }));
    let err = parse_email(b"").unwrap_err();
    assert_eq!(err.field(), Some("raw"));
    let anonymous = parse_email(b"Subject: who?\r\n\r\nbody\r\n").unwrap_err();
    assert_eq!(anonymous.field(), Some("from"));
}
