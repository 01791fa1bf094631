//! The file mailer writes a complete .eml per message and reports a missing directory as transient.

use std::time::{SystemTime, UNIX_EPOCH};

use vitrina_core::notify::{EmailMessage, MailError, Mailer, NewEmail};
use vitrina_mailer_file::FileMailer;

fn message() -> EmailMessage {
    EmailMessage::new(NewEmail {
        message_id: "<shipped-1042@shop.example.com>".into(),
        from: "Vitrina Shop <shop@example.com>".into(),
        to: vec!["ana@example.com".into()],
        reply_to: None,
        subject: "Order 1042 is on its way".into(),
        text: "Track your parcel: https://track.example.com/SP1".into(),
        html: Some("<p>Track your parcel</p>".into()),
        headers: vec![("X-Order-Number".into(), "1042".into())],
        attachments: vec![],
    })
    .expect("valid message")
}

fn temp_dir() -> std::path::PathBuf {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    std::env::temp_dir().join(format!("vitrina-eml-{}-{nanos}", std::process::id()))
}

#[tokio::test]
async fn each_message_becomes_an_eml_file() {
    let dir = temp_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let mailer = FileMailer::new(&dir);
    let receipt = mailer.send(&message()).await.unwrap();
    assert_eq!(receipt.message_id, "<shipped-1042@shop.example.com>");
    let eml = std::fs::read_to_string(mailer.path_of(&receipt)).unwrap();
    for expected in [
        "Message-ID: <shipped-1042@shop.example.com>",
        "Subject: Order 1042 is on its way",
        "To: ana@example.com",
        "X-Order-Number: 1042",
        "multipart/alternative",
        "text/html",
    ] {
        assert!(eml.contains(expected), "{expected:?} in\n{eml}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_missing_directory_is_a_transient_failure() {
    let err = FileMailer::new(temp_dir().join("missing")).send(&message()).await.unwrap_err();
    assert!(matches!(err, MailError::Transient { .. }), "{err}");
}
