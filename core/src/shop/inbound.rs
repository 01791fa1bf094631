//! Every message lands in a case: inbound e-mail threaded into its case or opening one, auto-replies
//! and bounces never answered, chat messages and feedback-form submissions posted through the API.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::unit::Tx;
use super::{ShopError, Support};
use crate::customer::{Customer, NewCustomer};
use crate::id::new_id;
use crate::notify::EmailAddress;
use crate::store::load;
use crate::support::inbound::{case_in_subject, parse_email, InboundEmail, MailNature};
use crate::support::inbound::{BouncedAddress, MailDirection, MailRecord, StoredAttachment};
use crate::support::{CaseActor, CaseCategory, Channel, MailDetails, NewCase, Priority, SupportCase, SupportError};

/// The customer group a sender without an account is registered in.
pub const GUEST_GROUP: &str = "guest";

/// Why an inbound e-mail was not added to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IgnoredReason {
    /// An automatic reply (out of office, bulk, list): noted on its case at most, never answered.
    AutoReply,
    /// A delivery failure report: the failed address is marked, nothing is answered.
    Bounce,
    /// The same Message-ID was received before: nothing was written.
    Duplicate,
    /// Sent from the shop's own address: a loop.
    OwnAddress,
}

/// What became of an inbound e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum InboundOutcome {
    /// Added to an existing case.
    Appended {
        /// The case.
        case_id: String,
        /// The new message on it.
        message_id: String,
    },
    /// Opened a new case (a follow-up when it answered a closed one); the acknowledgement is queued.
    NewCase {
        /// The case.
        case_id: String,
        /// Its first message.
        message_id: String,
    },
    /// Not added to any case.
    Ignored {
        /// Why.
        reason: IgnoredReason,
        /// The case it concerned, if one was found.
        case_id: Option<String>,
    },
}

impl InboundOutcome {
    fn ignored(reason: IgnoredReason, case_id: Option<String>) -> InboundOutcome {
        InboundOutcome::Ignored { reason, case_id }
    }

    fn case_id(&self) -> Option<&str> {
        match self {
            InboundOutcome::Appended { case_id, .. } | InboundOutcome::NewCase { case_id, .. } => Some(case_id),
            InboundOutcome::Ignored { case_id, .. } => case_id.as_deref(),
        }
    }
}

impl Support<'_> {
    /// Takes in the support e-mail `raw`, exactly as received (CRLF or LF). It is threaded into its
    /// case by `In-Reply-To`/`References` (Message-IDs the shop sent or received for a case), else
    /// by a `[VT-C-…]` token in the subject, else it opens a new case for the sender (found by
    /// address; an unknown sender is registered in the `guest` group), which is acknowledged by
    /// e-mail. Quoted history is trimmed (the whole text is kept on the message), attachments are
    /// kept (bytes in the attachment store plug-in, else in the shop's store). Auto-replies are
    /// noted once on their case, bounces mark the failed address ([`BouncedAddress`]) and note the
    /// case; neither is answered. The same Message-ID again is a duplicate that writes nothing.
    pub async fn receive_email(&self, raw: &[u8]) -> Result<InboundOutcome, ShopError> {
        let mut mail = parse_email(raw)?;
        if let Some(id) = &mail.message_id {
            if let Some(seen) = load::<MailRecord>(self.shop.store().as_ref(), id).await? {
                return Ok(InboundOutcome::ignored(IgnoredReason::Duplicate, seen.value.case_id));
            }
        }
        let in_store = self.keep_attachments(&mut mail).await?;
        command!(self.shop, retry = true, |tx| take_in(tx, &mail, &in_store).await)
    }

    /// Posts a chat (or web form) message on case `case_id`, or on a new case of the customer
    /// when `None`. A customer's message is added as their reply (waking a case pending on them); an
    /// agent's reply goes out by the case's channel: e-mailed for an e-mail case, left in the
    /// outbox's events (`support_reply_posted`) for the chat client of a chat case.
    pub async fn post_message(
        &self,
        case_id: Option<&str>,
        channel: Channel,
        author: CaseActor,
        text: &str,
    ) -> Result<SupportCase, ShopError> {
        if !matches!(channel, Channel::Chat | Channel::WebForm) {
            return Err(ShopError::invalid("channel", "posted by chat or web form; e-mail comes by receive_email"));
        }
        if text.trim().is_empty() {
            return Err(ShopError::invalid("text", "must not be empty"));
        }
        command!(self.shop, retry = true, |tx| {
            let mut case = match case_id {
                Some(id) => tx.get::<SupportCase>(id).await?,
                None => return open_by_message(tx, channel, &author, text).await,
            };
            match &author {
                CaseActor::Customer { id } if id != case.customer_id() => {
                    return Err(ShopError::invalid("author", "not this case's customer"));
                }
                CaseActor::Customer { .. } => {
                    case.add_customer_message(text.to_owned(), None, tx.now, &tx.settings.cases)?;
                }
                CaseActor::Agent { .. } => {
                    case.reply(author.clone(), text.to_owned(), tx.now, &tx.settings.cases)?;
                }
                CaseActor::System => return Err(ShopError::invalid("author", "a customer or an agent posts messages")),
            }
            tx.save(&mut case)?;
            Ok(case)
        })
    }

    /// Submits feedback form `form_id` (the settings' `feedback_forms`) for `customer_id` with
    /// `values` by field name: it opens a web-form case of the form's category and priority, titled
    /// by the form, its text listing the values. A bad value is [`ShopError::Invalid`] on
    /// `values.<name>`; an unknown form on `form_id`.
    pub async fn submit_form(
        &self,
        form_id: &str,
        customer_id: &str,
        values: &BTreeMap<String, String>,
    ) -> Result<SupportCase, ShopError> {
        let settings = self.shop.settings().await?;
        let form = settings.feedback_forms.get(form_id);
        let form =
            form.ok_or_else(|| ShopError::invalid("form_id", format!("no feedback form is named {form_id:?}")))?;
        let new = NewCase {
            customer_id: customer_id.to_owned(),
            opened_by: CaseActor::Customer { id: customer_id.to_owned() },
            channel: Channel::WebForm,
            subject: form.title.clone(),
            description: form.case_text(values)?,
            priority: form.priority,
            category: form.category,
            order_id: None,
            order_line_ids: Vec::new(),
        };
        self.open_case(new).await
    }

    /// Puts the attachments of a person's e-mail where they are kept and sets their locations;
    /// returns the ones the shop's own store is to keep (no plug-in set).
    async fn keep_attachments(&self, mail: &mut InboundEmail) -> Result<Vec<StoredAttachment>, ShopError> {
        if mail.nature != MailNature::Conversation {
            mail.attachments.clear();
            return Ok(Vec::new());
        }
        let folder = mail.message_id.clone().unwrap_or_else(|| new_id(self.shop.now()));
        let plugin = self.shop.plugins().attachment_store();
        let mut in_store = Vec::new();
        for (index, file) in mail.attachments.iter_mut().enumerate() {
            let key = format!("inbound/{}/{}-{}", safe(&folder), index + 1, safe(&file.meta.name));
            match plugin {
                Some(store) => store.put(&key, &file.meta.content_type, &file.content).await.map_err(|e| {
                    SupportError::invalid(format!("attachments[{index}]"), format!("not stored: {}", e.message))
                })?,
                None => in_store.push(StoredAttachment::new(&key, &file.meta.content_type, &file.content)),
            }
            file.meta.location = key;
        }
        Ok(in_store)
    }
}

/// `text` with every character but ASCII letters, digits, `.`, `-`, `_` and `@` as `_`: a key part
/// any attachment store takes (a file system too).
fn safe(text: &str) -> String {
    let kept = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@');
    text.chars().map(|c| if kept(c) { c } else { '_' }).collect::<String>().trim_start_matches('.').to_owned()
}

/// Takes `mail` in (see [`Support::receive_email`]) within one command.
async fn take_in(tx: &mut Tx, mail: &InboundEmail, in_store: &[StoredAttachment]) -> Result<InboundOutcome, ShopError> {
    if let Some(id) = &mail.message_id {
        if let Some(seen) = tx.find::<MailRecord>(id).await? {
            return Ok(InboundOutcome::ignored(IgnoredReason::Duplicate, seen.case_id));
        }
    }
    let outcome = match &mail.nature {
        MailNature::Bounce { recipient, original_message_id } => {
            bounce(tx, recipient.as_deref(), original_message_id.as_deref()).await?
        }
        MailNature::AutoReply { reason } => auto_reply(tx, mail, reason).await?,
        MailNature::Conversation if is_own_address(tx, &mail.from_address) => {
            InboundOutcome::ignored(IgnoredReason::OwnAddress, None)
        }
        MailNature::Conversation => {
            for file in in_store {
                tx.save(&mut file.clone())?;
            }
            conversation(tx, mail).await?
        }
    };
    if let Some(id) = &mail.message_id {
        let case_id = outcome.case_id().map(str::to_owned);
        let mut record = MailRecord { id: id.clone(), case_id, direction: MailDirection::Received, at: tx.now };
        tx.save(&mut record)?;
    }
    Ok(outcome)
}

/// Marks the failed address and notes the case whose e-mail bounced.
async fn bounce(tx: &mut Tx, recipient: Option<&str>, original: Option<&str>) -> Result<InboundOutcome, ShopError> {
    let mut case = match original {
        Some(id) => case_of_message(tx, id).await?,
        None => None,
    };
    if let Some(address) = recipient {
        let case_id = case.as_ref().map(|c| c.id().to_owned());
        let mut marked = match tx.find::<BouncedAddress>(&address.to_ascii_lowercase()).await? {
            Some(mut marked) => {
                marked.bounced_again(case_id, tx.now);
                marked
            }
            None => BouncedAddress::new(address, case_id, tx.now),
        };
        tx.save(&mut marked)?;
    }
    if let Some(case) = case.as_mut() {
        case.note_bounce(recipient.unwrap_or("the customer"), tx.now)?;
        tx.save(case)?;
    }
    Ok(InboundOutcome::ignored(IgnoredReason::Bounce, case.map(|c| c.id().to_owned())))
}

/// Notes an automatic reply on the case it answers (once per case).
async fn auto_reply(tx: &mut Tx, mail: &InboundEmail, reason: &str) -> Result<InboundOutcome, ShopError> {
    let mut case = find_case(tx, mail).await?;
    if let Some(case) = case.as_mut() {
        if case.note_auto_reply(&mail.from_address, reason, tx.now)? {
            tx.save(case)?;
        }
    }
    Ok(InboundOutcome::ignored(IgnoredReason::AutoReply, case.map(|c| c.id().to_owned())))
}

/// Adds a person's e-mail to its case (a follow-up when that case is closed or past reopening),
/// or opens a new one for the sender.
async fn conversation(tx: &mut Tx, mail: &InboundEmail) -> Result<InboundOutcome, ShopError> {
    let customer = customer_of(tx, mail).await?;
    let found = find_case(tx, mail).await?.filter(|case| case.customer_id() == customer.id());
    let body = match mail.text.trim().is_empty() {
        true => "(no text)".to_owned(),
        false => mail.text.clone(),
    };
    let details = MailDetails {
        message_id: mail.message_id.clone(),
        from: mail.from_address.clone(),
        full_body: mail.full_text.clone(),
        attachments: mail.attachments.iter().map(|file| file.meta.clone()).collect(),
    };
    let acknowledge = tx.find::<BouncedAddress>(&mail.from_address.to_lowercase()).await?.is_none();
    let mut case = match found {
        Some(mut case) => {
            match case.add_customer_message(body.clone(), Some(details.clone()), tx.now, &tx.settings.cases) {
                Ok(message_id) => {
                    tx.save(&mut case)?;
                    return Ok(InboundOutcome::Appended { case_id: case.id().to_owned(), message_id });
                }
                Err(SupportError::CaseClosed { .. } | SupportError::ReopenWindowClosed { .. }) => {
                    case.follow_up(CaseActor::Customer { id: customer.id().to_owned() }, body, tx.now)?
                }
                Err(error) => return Err(error.into()),
            }
        }
        None => SupportCase::open(new_case(&customer, mail, body), tx.now)?,
    };
    case.set_customer_groups(customer.groups().to_vec());
    case.opened_by_email(details, acknowledge, tx.now);
    tx.save(&mut case)?;
    let message_id = case.messages()[0].id.clone();
    Ok(InboundOutcome::NewCase { case_id: case.id().to_owned(), message_id })
}

fn new_case(customer: &Customer, mail: &InboundEmail, body: String) -> NewCase {
    NewCase {
        customer_id: customer.id().to_owned(),
        opened_by: CaseActor::Customer { id: customer.id().to_owned() },
        channel: Channel::Email,
        subject: if mail.subject.is_empty() { "(no subject)".to_owned() } else { mail.subject.clone() },
        description: body,
        priority: Priority::Normal,
        category: CaseCategory::Question,
        order_id: None,
        order_line_ids: Vec::new(),
    }
}

/// Opens a case from a customer's first chat or web-form message.
async fn open_by_message(
    tx: &mut Tx,
    channel: Channel,
    author: &CaseActor,
    text: &str,
) -> Result<SupportCase, ShopError> {
    let CaseActor::Customer { id } = author else {
        return Err(ShopError::invalid("author", "only a customer starts a conversation"));
    };
    tx.find::<Customer>(id).await?.ok_or_else(|| ShopError::invalid("author", "no customer with this id"))?;
    let first_line = text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or_default();
    let new = NewCase {
        customer_id: id.clone(),
        opened_by: author.clone(),
        channel,
        subject: first_line.chars().take(80).collect(),
        description: text.to_owned(),
        priority: Priority::Normal,
        category: CaseCategory::Question,
        order_id: None,
        order_line_ids: Vec::new(),
    };
    let mut case = super::support::open_case_for(tx, new).await?;
    tx.save(&mut case)?;
    Ok(case)
}

/// The case `mail` answers: by the Message-IDs it replies to, else by the token in its subject;
/// a merged duplicate leads to the case it was merged into.
async fn find_case(tx: &mut Tx, mail: &InboundEmail) -> Result<Option<SupportCase>, ShopError> {
    for id in &mail.thread_ids {
        if let Some(case) = case_of_message(tx, id).await? {
            return Ok(Some(case));
        }
    }
    match case_in_subject(&mail.subject) {
        Some(case_id) => surviving_case(tx, &case_id).await,
        None => Ok(None),
    }
}

async fn case_of_message(tx: &mut Tx, message_id: &str) -> Result<Option<SupportCase>, ShopError> {
    let record = tx.find::<MailRecord>(message_id).await?;
    match record.and_then(|r| r.case_id) {
        Some(case_id) => surviving_case(tx, &case_id).await,
        None => Ok(None),
    }
}

async fn surviving_case(tx: &mut Tx, case_id: &str) -> Result<Option<SupportCase>, ShopError> {
    let mut case = tx.find::<SupportCase>(case_id).await?;
    while let Some(into) = case.as_ref().and_then(|c| c.merged_into().map(str::to_owned)) {
        case = tx.find::<SupportCase>(&into).await?;
    }
    Ok(case)
}

/// The customer with the sender's address (as sent, else in lower case), or a new one in the
/// guest group.
async fn customer_of(tx: &mut Tx, mail: &InboundEmail) -> Result<Customer, ShopError> {
    for address in [mail.from_address.clone(), mail.from_address.to_lowercase()] {
        if let Some(found) = tx.find_by::<Customer>("email", &address, 1).await?.into_iter().next() {
            return Ok(found);
        }
    }
    let local = mail.from_address.split('@').next().unwrap_or_default();
    let usable = |name: &String| !name.is_empty() && name.chars().count() <= 200 && !name.contains(char::is_control);
    let name = mail.from_name.clone().filter(usable).unwrap_or_else(|| local.to_owned());
    let new = NewCustomer {
        email: mail.from_address.clone(),
        name,
        phone: None,
        locale: tx.settings.locale.default_locale.clone(),
    };
    let mut customer = Customer::register(new, tx.now)?;
    customer.add_group(GUEST_GROUP)?;
    tx.save(&mut customer)?;
    Ok(customer)
}

/// Whether `address` is the shop's own support or sender address.
fn is_own_address(tx: &Tx, address: &str) -> bool {
    let profile = &tx.settings.profile;
    let own = |text: &str| EmailAddress::parse(text, "address").ok().map(|a| a.address().to_ascii_lowercase());
    let address = address.to_ascii_lowercase();
    [own(&profile.info.support_email), own(&profile.sender)].into_iter().flatten().any(|own| own == address)
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn attachment_key_parts_cannot_climb_or_hide() {
        assert_eq!(safe("../etc/passwd"), "_etc_passwd");
        assert_eq!(safe("отчёт 1.pdf"), "______1.pdf");
        assert_eq!(safe("abc-1@mail.example.net"), "abc-1@mail.example.net");
    }
}
