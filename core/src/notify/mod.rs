//! Notifications: validated messages, the `Mailer` trait, per-shop localized templates, lifecycle e-mails
//! driven by domain events, marketing rules and a durable outbox with retries. Pure: time is an argument.

mod address;
mod data;
mod defaults;
mod deliver;
mod domain_event;
mod environment;
mod error;
mod format;
mod header;
mod kind;
mod lifecycle;
mod mailer;
mod marketing;
mod memory;
mod message;
mod notifier;
mod outbox;
mod outbox_store;
mod plural;
mod sample;
mod template;

pub use address::EmailAddress;
pub use data::{
    AbandonedCheckout, BackInStock, BankDetails, Delivered, EmailData, LifecycleEmail, OrderConfirmation, OrderLine,
    PaymentInstructions, PaymentReceived, PaymentReminder, ReturnStage, ReturnUpdate, Shipped, ShopInfo,
    SupportAwaitingReply, SupportCaseReceived, SupportReply,
};
pub use defaults::BUILTIN_LOCALES;
pub use deliver::{deliver_due, DeliveryReport};
pub use domain_event::{outbox_events, DomainEvent};
pub use error::{MailError, MessageError, OutboxError, TemplateError, TemplatePart};
pub use format::{format_date, format_datetime, format_money, Language};
pub use header::Header;
pub use kind::EmailKind;
pub use lifecycle::{NoEmail, NotificationContext, ShopProfile};
pub use mailer::{Mailer, SendReceipt};
pub use marketing::{
    add_unsubscribe, last_sent_by_customer, select_marketing_recipients, MarketingPolicy, MarketingSelection,
    MarketingSend, Segment, SkipReason, Skipped,
};
pub use memory::MemoryMailer;
pub use message::{Attachment, EmailMessage, NewAttachment, NewEmail};
pub use notifier::{
    follow_up_abandoned_checkouts, notify_back_in_stock, notify_event, FollowUp, Notified, NotifyError,
};
pub use outbox::{OutboxEntry, OutboxFilter, OutboxPolicy, OutboxStatus};
pub use outbox_store::{EnqueueOutcome, MemoryOutboxStore, OutboxStore};
pub use sample::{sample_context, sample_email};
pub use template::{EmailTemplate, RenderRequest, RenderedEmail, ShopSettings, TemplateStore, RENDER_FUEL};
