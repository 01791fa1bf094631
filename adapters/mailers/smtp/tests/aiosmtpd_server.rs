//! Sends through `SmtpMailer` in plain-localhost mode to a real SMTP server, aiosmtpd, started for
//! the test with a handler (tests/smtp_sink.py) that saves each message it receives as JSON.
//! aiosmtpd must be importable (scripts/test-all.sh installs it into the repo's .venv); if it is
//! not, the test fails and says how to install it.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use vitrina_core::notify::{add_unsubscribe, EmailMessage, MailError, Mailer, NewAttachment, NewEmail};
use vitrina_mailer_smtp::{SmtpConfig, SmtpMailer, SmtpSecurity};

/// The aiosmtpd process; killed and reaped when the test ends, pass or fail.
struct Server {
    child: Child,
    port: u16,
    inbox: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.inbox);
    }
}

/// The repo's `.venv/bin/python` if there is one, else `python3`.
fn python() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let venv = root.join(".venv/bin/python");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

fn require_aiosmtpd(python: &Path) {
    let status = Command::new(python).args(["-c", "import aiosmtpd"]).stderr(Stdio::null()).status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "aiosmtpd is not importable by {}: the SMTP adapter is tested against a real SMTP server. \
         Install it with `python3 -m venv .venv; .venv/bin/pip install aiosmtpd` at the repo root \
         (scripts/test-all.sh does this).",
        python.display()
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free local port")
}

fn start_server() -> Server {
    let python = python();
    require_aiosmtpd(&python);
    let port = free_port();
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let inbox = std::env::temp_dir().join(format!("vitrina-smtp-{}-{nanos}", std::process::id()));
    let tests_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let child = Command::new(&python)
        .args(["-m", "aiosmtpd", "-n", "-u", "-l", &format!("127.0.0.1:{port}"), "-c", "smtp_sink.SaveToDirectory"])
        .arg(&inbox)
        .env("PYTHONPATH", &tests_dir)
        .stdout(Stdio::null())
        .spawn()
        .expect("python starts");
    let server = Server { child, port, inbox };
    wait_until_listening(port);
    server
}

fn wait_until_listening(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "aiosmtpd did not start listening on 127.0.0.1:{port} within 20 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The `n`-th message the server saved, waiting a little for the file to appear.
fn received(server: &Server, n: usize) -> Value {
    let path = server.inbox.join(format!("{n:04}.json"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !path.exists() {
        assert!(Instant::now() < deadline, "the server saved no message {n}");
        std::thread::sleep(Duration::from_millis(20));
    }
    serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON")
}

fn mailer(port: u16) -> SmtpMailer {
    let mut config = SmtpConfig::new("127.0.0.1", SmtpSecurity::PlainLocalhost);
    config.port = Some(port);
    config.timeout = Duration::from_secs(10);
    config.hello_name = Some("shop.example.com".into());
    SmtpMailer::new(&config).expect("valid config")
}

fn order_email() -> EmailMessage {
    let message = EmailMessage::new(NewEmail {
        message_id: "<order-1042@shop.example.com>".into(),
        from: "Vitrina Shop <shop@example.com>".into(),
        to: vec!["\"Petrova, Ana\" <ana@example.com>".into(), "Борис <bo@example.com>".into()],
        reply_to: Some("help@example.com".into()),
        subject: "Поръчка 1042 е приета – €1,234.50".into(),
        text: "Здравейте, Ана!\n\nБлагодарим ви за поръчката.\n.\nA line with only a dot above.".into(),
        html: Some("<p>Здравейте, <strong>Ана</strong>!</p>".into()),
        headers: vec![("X-Order-Number".into(), "1042".into())],
        attachments: vec![NewAttachment {
            filename: "invoice-1042.pdf".into(),
            content_type: "application/pdf".into(),
            content: b"%PDF-1.4 fake".to_vec(),
        }],
    })
    .expect("valid message");
    add_unsubscribe(message, "https://shop.example.com/unsubscribe?t=abc").expect("valid link")
}

fn header<'a>(record: &'a Value, name: &str) -> Option<&'a str> {
    record["headers"].as_array()?.iter().find(|h| h[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))?[1]
        .as_str()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_smtp_server_receives_subject_recipients_parts_and_headers() {
    let server = start_server();
    let mailer = mailer(server.port);
    mailer.test_connection().await.expect("the server answers");
    let receipt = mailer.send(&order_email()).await.expect("accepted");
    assert_eq!(receipt.message_id, "<order-1042@shop.example.com>");
    assert!(receipt.detail.starts_with("250"), "{}", receipt.detail);

    let record = received(&server, 1);
    assert_eq!(record["mail_from"], "shop@example.com");
    assert_eq!(record["rcpt_tos"], serde_json::json!(["ana@example.com", "bo@example.com"]));
    assert_eq!(record["subject"], "Поръчка 1042 е приета – €1,234.50");
    assert_eq!(header(&record, "Message-ID"), Some("<order-1042@shop.example.com>"));
    assert_eq!(header(&record, "X-Order-Number"), Some("1042"));
    assert_eq!(header(&record, "Reply-To"), Some("help@example.com"));
    assert_eq!(header(&record, "List-Unsubscribe"), Some("<https://shop.example.com/unsubscribe?t=abc>"));
    assert_eq!(header(&record, "List-Unsubscribe-Post"), Some("List-Unsubscribe=One-Click"));
    let to = header(&record, "To").expect("a To header");
    assert_eq!(to, "Petrova, Ana <ana@example.com>, Борис <bo@example.com>");
    assert_eq!(record["to_addresses"], serde_json::json!(["ana@example.com", "bo@example.com"]));
    assert!(header(&record, "Bcc").is_none());

    let parts = record["parts"].as_array().expect("parts");
    let part = |kind: &str| parts.iter().find(|p| p["content_type"] == kind).unwrap_or_else(|| panic!("{kind}"));
    let text = part("text/plain")["content"].as_str().unwrap().replace("\r\n", "\n");
    assert_eq!(text.trim_end(), "Здравейте, Ана!\n\nБлагодарим ви за поръчката.\n.\nA line with only a dot above.");
    assert_eq!(part("text/html")["content"].as_str().unwrap().trim_end(), "<p>Здравейте, <strong>Ана</strong>!</p>");
    let pdf = part("application/pdf");
    assert_eq!(pdf["filename"], "invoice-1042.pdf");
    assert_eq!(pdf["content"], "JVBERi0xLjQgZmFrZQ==");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pooled_connections_send_several_messages_and_a_dead_server_is_a_transient_failure() {
    let server = start_server();
    let mailer = mailer(server.port);
    for n in 1..=3 {
        let mut new: NewEmail = order_email().into();
        new.message_id = format!("<order-{n}@shop.example.com>");
        new.subject = format!("Order {n}");
        new.html = None;
        new.attachments.clear();
        mailer.send(&EmailMessage::new(new).expect("valid")).await.expect("accepted");
        let record = received(&server, n);
        assert_eq!(record["subject"], format!("Order {n}"));
        assert_eq!(record["parts"].as_array().map(Vec::len), Some(1));
    }
    let port = server.port;
    drop(server);
    let nobody = self::mailer(port);
    let err = nobody.send(&order_email()).await.unwrap_err();
    assert!(matches!(err, MailError::Transient { .. }), "{err}");
}
