//! Event-driven lifecycle e-mails: each domain event's e-mail (see [`NotificationContext`] for what is
//! looked up) is rendered in the recipient's locale, given a message id derived from the event id and
//! queued in the outbox; abandoned checkouts get one follow-up per session the same way.
//!
//! A message id is `<kind.event-id@sender-domain>` (`<abandoned_checkout.session-id@..>` for a
//! follow-up), so handling an event or a session again never queues a second e-mail.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::address::EmailAddress;
use super::data::{AbandonedCheckout, BackInStock, EmailData, LifecycleEmail};
use super::error::{MessageError, OutboxError, TemplateError};
use super::lifecycle::{customer_recipient, plan, shop_link, NoEmail, PlannedEmail, Recipient, Stop};
use super::lifecycle::{NotificationContext, ShopProfile};
use super::message::{EmailMessage, NewEmail};
use super::outbox_store::OutboxStore;
use super::template::TemplateStore;
use super::DomainEvent;
use crate::catalog::{Product, Variant};
use crate::checkout::{abandoned_checkouts, AbandonedCheckout as Abandoned, CheckoutSession};
use crate::event::RecordedEvent;
use crate::inventory::StockNotice;
use crate::money::{Money, MoneyError};

/// Why a lifecycle e-mail could not be queued; nothing was queued for it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotifyError {
    /// The template failed to render.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The message was invalid (a bad sender, recipient or subject).
    #[error(transparent)]
    Message(#[from] MessageError),
    /// The outbox refused or failed.
    #[error(transparent)]
    Outbox(#[from] OutboxError),
    /// An amount could not be expressed in its currency.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// What became of one event or abandoned checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Notified {
    /// The e-mail was queued as a new outbox entry.
    Queued {
        /// The outbox entry.
        entry_id: String,
        /// The message id.
        message_id: String,
    },
    /// The e-mail was queued before (a replayed event, a session followed up already): nothing added.
    AlreadyQueued {
        /// The message id.
        message_id: String,
    },
    /// No e-mail follows.
    Skipped(NoEmail),
}

/// One abandoned checkout and what became of its follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FollowUp {
    /// The checkout session.
    pub session_id: String,
    /// Queued, already queued, or skipped.
    pub outcome: Notified,
}

/// Queues in `outbox` at `now` the lifecycle e-mail `event` calls for, rendered by `templates`, or
/// says why none follows. The same event again (or re-rendered differently) adds nothing.
pub async fn notify_event(
    event: &RecordedEvent<DomainEvent>,
    context: &dyn NotificationContext,
    templates: &TemplateStore,
    outbox: &dyn OutboxStore,
    now: Timestamp,
) -> Result<Notified, NotifyError> {
    let planned = plan(event, context);
    deliver(planned, context.shop(), templates, outbox, now).await
}

/// Queues a follow-up for each of `sessions` idle for at least `after` at `now` and not placed (see
/// [`abandoned_checkouts`]), longest idle first; at most one per session, ever.
pub async fn follow_up_abandoned_checkouts(
    sessions: &[CheckoutSession],
    after: SignedDuration,
    context: &dyn NotificationContext,
    templates: &TemplateStore,
    outbox: &dyn OutboxStore,
    now: Timestamp,
) -> Result<Vec<FollowUp>, NotifyError> {
    let mut follow_ups = Vec::new();
    for abandoned in abandoned_checkouts(sessions, now, after) {
        let planned = plan_follow_up(&abandoned, context);
        let outcome = deliver(planned, context.shop(), templates, outbox, now).await?;
        follow_ups.push(FollowUp { session_id: abandoned.session_id, outcome });
    }
    Ok(follow_ups)
}

/// Queues the e-mail telling the shopper of `notice` that `variant` of `product` can be ordered
/// again, in the request's language (else the account's, else the shop's); once per request.
pub async fn notify_back_in_stock(
    notice: &StockNotice,
    product: &Product,
    variant: &Variant,
    context: &dyn NotificationContext,
    templates: &TemplateStore,
    outbox: &dyn OutboxStore,
    now: Timestamp,
) -> Result<Notified, NotifyError> {
    let shop = &context.shop().info;
    let options: Vec<String> = variant.options.iter().map(|(name, value)| format!("{name}: {value}")).collect();
    let data = BackInStock {
        product_name: product.name.clone(),
        variant_label: options.join(", "),
        product_url: shop_link(shop, &format!("products/{}", product.id)),
    };
    let account = notice.customer_id().and_then(|id| context.customer(id)).map(customer_recipient);
    let to = Recipient {
        name: account
            .as_ref()
            .map_or_else(|| notice.email().split('@').next().unwrap_or_default().to_owned(), |a| a.name.clone()),
        email: notice.email().to_owned(),
        locale: notice.locale().map(str::to_owned).or(account.and_then(|a| a.locale)),
    };
    let email =
        LifecycleEmail { shop: shop.clone(), customer_name: to.name.clone(), data: EmailData::BackInStock(data) };
    let planned = PlannedEmail { key: format!("back_in_stock.{}", notice.id()), to, email, headers: Vec::new() };
    deliver(Ok(planned), context.shop(), templates, outbox, now).await
}

async fn deliver(
    planned: Result<PlannedEmail, Stop>,
    shop: &ShopProfile,
    templates: &TemplateStore,
    outbox: &dyn OutboxStore,
    now: Timestamp,
) -> Result<Notified, NotifyError> {
    match planned {
        Ok(planned) => enqueue(compose(&planned, shop, templates)?, outbox, now).await,
        Err(Stop::Skip(reason)) => Ok(Notified::Skipped(reason)),
        Err(Stop::Money(error)) => Err(error.into()),
    }
}

/// Renders `planned` in its recipient's locale (the shop's default for guests) and time zone.
fn compose(planned: &PlannedEmail, shop: &ShopProfile, templates: &TemplateStore) -> Result<EmailMessage, NotifyError> {
    let settings = templates.settings(&shop.shop_id);
    let locale = planned.to.locale.as_deref().unwrap_or(&settings.default_locale);
    let rendered = templates.render_lifecycle(&shop.shop_id, locale, &settings.time_zone, &planned.email)?;
    let to = EmailAddress::new(Some(&planned.to.name), &planned.to.email, "to")?;
    let message = EmailMessage::new(NewEmail {
        message_id: message_id(&planned.key, &shop.sender)?,
        from: shop.sender.clone(),
        to: vec![to.to_string()],
        reply_to: Some(shop.info.support_email.clone()),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: planned.headers.clone(),
        attachments: Vec::new(),
    })?;
    Ok(message)
}

/// `<key@domain of the sender>`.
fn message_id(key: &str, sender: &str) -> Result<String, MessageError> {
    let sender = EmailAddress::parse(sender, "sender")?;
    let domain = sender.address().rsplit_once('@').map_or("", |(_, domain)| domain);
    Ok(format!("<{key}@{domain}>"))
}

/// Queues `message`; a message id queued before (with any content) is this e-mail already queued.
async fn enqueue(message: EmailMessage, outbox: &dyn OutboxStore, now: Timestamp) -> Result<Notified, NotifyError> {
    let message_id = message.message_id().to_owned();
    match outbox.enqueue(message, now).await {
        Ok(outcome) if !outcome.duplicate => Ok(Notified::Queued { entry_id: outcome.entry.id, message_id }),
        Ok(_) | Err(OutboxError::Conflict { .. }) => Ok(Notified::AlreadyQueued { message_id }),
        Err(error) => Err(error.into()),
    }
}

/// The follow-up of one abandoned checkout: its items and total as last priced, and a resume link.
fn plan_follow_up(abandoned: &Abandoned, context: &dyn NotificationContext) -> Result<PlannedEmail, Stop> {
    let session_id = &abandoned.session_id;
    if abandoned.email.trim().is_empty() {
        return Err(NoEmail::NoContactEmail { session_id: session_id.clone() }.into());
    }
    let cart = context
        .priced_cart(&abandoned.cart_id)
        .ok_or_else(|| NoEmail::Missing { what: "cart".to_owned(), id: abandoned.cart_id.clone() })?;
    let shop = &context.shop().info;
    let data = AbandonedCheckout {
        item_count: cart.lines.iter().filter(|l| !l.gift).map(|l| l.quantity).fold(0, u32::saturating_add),
        total: Money::checked(cart.totals.grand_total, cart.currency, "totals.grand_total")?,
        resume_url: shop_link(shop, &format!("checkout/resume?session={session_id}")),
    };
    let to = shopper(abandoned, context);
    let email =
        LifecycleEmail { shop: shop.clone(), customer_name: to.name.clone(), data: EmailData::AbandonedCheckout(data) };
    Ok(PlannedEmail { key: format!("abandoned_checkout.{session_id}"), to, email, headers: Vec::new() })
}

/// The shopper's account when signed in; a guest is greeted by the part of the address before the @.
fn shopper(abandoned: &Abandoned, context: &dyn NotificationContext) -> Recipient {
    let customer = abandoned.customer_id.as_deref().and_then(|id| context.customer(id));
    let guest = || Recipient {
        name: abandoned.email.split('@').next().unwrap_or_default().to_owned(),
        email: abandoned.email.clone(),
        locale: None,
    };
    customer.map_or_else(guest, |c| Recipient { email: abandoned.email.clone(), ..customer_recipient(c) })
}

crate::error_code!(NotifyError, "notify", {
}, wraps {
    NotifyError::Template(inner) => inner,
    NotifyError::Message(inner) => inner,
    NotifyError::Outbox(inner) => inner,
    NotifyError::Money(inner) => inner,
});

#[cfg(test)]
mod tests;
