//! A customer's rights over their data: everything the shop stores about them, gathered in one read
//! as one JSON document (GDPR articles 15 and 20), and their erasure (article 17) in one command.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::cart::{Cart, WishList};
use crate::checkout::CheckoutSession;
use crate::customer::Customer;
use crate::inventory::StockNotice;
use crate::notify::MarketingSend;
use crate::order::Order;
use crate::payment::{Payment, Wallet};
use crate::returns::Rma;
use crate::review::Review;
use crate::shipping::Shipment;
use crate::store::TextErasure;
use crate::support::inbound::{BouncedAddress, StoredAttachment};
use crate::support::{SupportCase, SurveyRequest};

use super::unit::{Stored, Tx};
use super::{Customers, ShopError};

/// The most records of one kind gathered for one customer (or one of their orders).
const LIMIT: u32 = 10_000;

/// Everything stored about one customer, as [`Customers::export`] found it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerExport {
    /// When it was gathered.
    pub exported_at: Timestamp,
    /// The account: contact details, addresses, groups, consent and its history.
    pub customer: Customer,
    /// Their orders, oldest first.
    pub orders: Vec<Order>,
    /// The payments of those orders.
    pub payments: Vec<Payment>,
    /// The parcels of those orders.
    pub shipments: Vec<Shipment>,
    /// Their returns.
    pub returns: Vec<Rma>,
    /// Their checkouts, finished or not.
    pub checkout_sessions: Vec<CheckoutSession>,
    /// Their carts.
    pub carts: Vec<Cart>,
    /// Their support cases with every message.
    pub support_cases: Vec<SupportCase>,
    /// The satisfaction surveys sent to them, with their answers.
    pub surveys: Vec<SurveyRequest>,
    /// Their reviews.
    pub reviews: Vec<Review>,
    /// Their wish lists.
    pub wish_lists: Vec<WishList>,
    /// Their store credit, with every movement.
    pub wallet: Option<Wallet>,
    /// The marketing e-mails sent to them.
    pub marketing_sends: Vec<MarketingSend>,
    /// Their requests to hear when a variant is back (made with the account's address).
    pub stock_notices: Vec<StockNotice>,
}

/// What [`Customers::erase`] took the customer out of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErasureReport {
    /// The customer.
    pub customer_id: String,
    /// When.
    pub erased_at: Timestamp,
    /// Orders whose contact, address and notes were erased.
    pub orders: u32,
    /// Checkouts whose contact and address were erased.
    pub checkout_sessions: u32,
    /// Carts whose notes and gift messages were erased.
    pub carts: u32,
    /// Support cases whose subject and messages were erased.
    pub support_cases: u32,
    /// Surveys whose comment was erased.
    pub surveys: u32,
    /// Reviews whose text was erased.
    pub reviews: u32,
    /// Returns whose notes and photos were erased.
    pub returns: u32,
    /// Files that came with their support e-mails, deleted.
    pub attachments: u32,
    /// Records of their e-mail address bouncing, deleted.
    pub bounce_records: u32,
    /// Their requests to hear when a variant is back, deleted.
    #[serde(default)]
    pub stock_notices: u32,
}

impl Customers<'_> {
    /// Erases customer `customer_id`'s personal data (their right to erasure), in one commit:
    /// the account keeps its id and consent history under an erased name and address; their
    /// orders, checkouts, carts, cases, surveys, reviews and returns keep what the accounts and the
    /// shop's figures need (lines, money, taxes, country, states, times, stars) with the person
    /// taken out. Repeating it erases nothing new.
    ///
    /// Attachments kept by the [`AttachmentStore`](crate::support::inbound::AttachmentStore)
    /// plug-in are deleted there once the commit is done; if the plug-in fails, erasing again
    /// finishes the job.
    pub async fn erase(&self, customer_id: &str) -> Result<ErasureReport, ShopError> {
        let (mut report, elsewhere) = command!(self.shop, retry = true, |tx| erase(tx, customer_id).await)?;
        if let Some(plugin) = self.shop.plugins().attachment_store() {
            for key in &elsewhere {
                plugin.delete(key).await.map_err(|error| {
                    ShopError::invalid("attachments", format!("{key} not deleted, erase again: {}", error.message))
                })?;
                report.attachments += 1;
            }
        }
        Ok(report)
    }

    /// Everything stored about customer `customer_id` (their right of access), read in one go;
    /// `serde_json::to_string` of the result is the document to hand over.
    pub async fn export(&self, customer_id: &str) -> Result<CustomerExport, ShopError> {
        command!(self.shop, retry = false, |tx| gather(tx, customer_id).await)
    }
}

/// The export's reads (see [`Customers::export`]).
async fn gather(tx: &mut Tx, customer_id: &str) -> Result<CustomerExport, ShopError> {
    let customer = tx.get::<Customer>(customer_id).await?;
    let stock_notices = tx.find_by::<StockNotice>("email", customer.email().as_str(), LIMIT).await?;
    let orders = tx.find_by::<Order>("customer_id", customer_id, LIMIT).await?;
    let (mut payments, mut shipments) = (Vec::new(), Vec::new());
    for order in &orders {
        payments.extend(tx.find_by::<Payment>("order_id", order.id(), LIMIT).await?);
        shipments.extend(tx.find_by::<Shipment>("order_id", order.id(), LIMIT).await?);
    }
    Ok(CustomerExport {
        exported_at: tx.now,
        customer,
        orders,
        payments,
        shipments,
        returns: tx.find_by::<Rma>("customer_id", customer_id, LIMIT).await?,
        checkout_sessions: tx.find_by::<CheckoutSession>("customer_id", customer_id, LIMIT).await?,
        carts: tx.find_by::<Cart>("customer_id", customer_id, LIMIT).await?,
        support_cases: tx.find_by::<SupportCase>("customer_id", customer_id, LIMIT).await?,
        surveys: tx.find_by::<SurveyRequest>("customer_id", customer_id, LIMIT).await?,
        reviews: tx.find_by::<Review>("customer_id", customer_id, LIMIT).await?,
        wish_lists: tx.find_by::<WishList>("customer_id", customer_id, LIMIT).await?,
        wallet: tx.find_by::<Wallet>("customer_id", customer_id, 1).await?.pop(),
        marketing_sends: tx.find_by::<MarketingSend>("customer_id", customer_id, LIMIT).await?,
        stock_notices,
    })
}

/// The erasure's reads and writes (see [`Customers::erase`]); answers with the report the keys of
/// the attachments the shop's own store does not keep (the plug-in's).
async fn erase(tx: &mut Tx, customer_id: &str) -> Result<(ErasureReport, Vec<String>), ShopError> {
    let mut customer = tx.get::<Customer>(customer_id).await?;
    let email = crate::erasure::erased_email(customer_id);
    let mut texts = PersonalTexts::of_customer(&customer, &email);
    customer.erase(tx.now)?;
    tx.save(&mut customer)?;
    let orders = erase_each(tx, customer_id, |order: &mut Order| {
        texts.add_order(order, &email);
        order.erase_personal_data(&email);
    })
    .await?;
    let bounce_records = forget_bounces(tx, &texts.emails).await?;
    let stock_notices = forget_stock_notices(tx, &texts.emails).await?;
    tx.erase_text(texts.into_erasure(customer_id));
    let mut keys = Vec::new();
    let support_cases = erase_each(tx, customer_id, |case: &mut SupportCase| {
        keys.extend(attachment_keys(case));
        case.erase_personal_data();
    })
    .await?;
    let (attachments, elsewhere) = delete_kept_attachments(tx, keys).await?;
    let report = ErasureReport {
        customer_id: customer_id.to_owned(),
        erased_at: tx.now,
        orders,
        checkout_sessions: erase_each(tx, customer_id, |session: &mut CheckoutSession| {
            session.erase_personal_data(&email)
        })
        .await?,
        carts: erase_each(tx, customer_id, Cart::erase_personal_text).await?,
        support_cases,
        surveys: erase_each(tx, customer_id, SurveyRequest::erase_personal_data).await?,
        reviews: erase_each(tx, customer_id, Review::erase_personal_data).await?,
        returns: erase_each(tx, customer_id, Rma::erase_personal_data).await?,
        attachments,
        bounce_records,
        stock_notices,
    };
    Ok((report, elsewhere))
}

/// Where the files that came with a case's e-mails are kept.
fn attachment_keys(case: &SupportCase) -> Vec<String> {
    let files = case.messages().iter().filter_map(|message| message.email.as_ref());
    files.flat_map(|email| email.attachments.iter().map(|file| file.location.clone())).collect()
}

/// Deletes the attachments under `keys` that the shop's own store keeps; answers how many, and
/// the keys it does not keep.
async fn delete_kept_attachments(tx: &mut Tx, keys: Vec<String>) -> Result<(u32, Vec<String>), ShopError> {
    let (mut deleted, mut elsewhere) = (0, Vec::new());
    for key in keys.into_iter().filter(|key| !key.is_empty()) {
        if tx.find::<StoredAttachment>(&key).await?.is_some() {
            tx.delete::<StoredAttachment>(&key);
            deleted += 1;
        } else {
            elsewhere.push(key);
        }
    }
    Ok((deleted, elsewhere))
}

/// Deletes the bounce records of the customer's e-mail addresses; answers how many.
async fn forget_bounces(tx: &mut Tx, emails: &[String]) -> Result<u32, ShopError> {
    let mut forgotten = 0;
    for email in emails {
        let id = email.trim().to_ascii_lowercase();
        if tx.find::<BouncedAddress>(&id).await?.is_some() {
            tx.delete::<BouncedAddress>(&id);
            forgotten += 1;
        }
    }
    Ok(forgotten)
}

/// Deletes the back-in-stock requests made with the customer's e-mail addresses; answers how many.
async fn forget_stock_notices(tx: &mut Tx, emails: &[String]) -> Result<u32, ShopError> {
    let mut forgotten = 0;
    for email in emails {
        for notice in tx.find_by::<StockNotice>("email", email.trim(), LIMIT).await? {
            tx.delete::<StockNotice>(notice.id());
            forgotten += 1;
        }
    }
    Ok(forgotten)
}

/// Erases and saves each stored `T` of customer `customer_id`; answers how many.
async fn erase_each<T: Stored>(
    tx: &mut Tx,
    customer_id: &str,
    mut erase: impl FnMut(&mut T),
) -> Result<u32, ShopError> {
    let found = tx.find_by::<T>("customer_id", customer_id, LIMIT).await?;
    let count = u32::try_from(found.len()).unwrap_or(u32::MAX);
    for mut value in found {
        erase(&mut value);
        tx.save(&mut value)?;
    }
    Ok(count)
}

/// The customer's personal texts as their records held them, with their stand-ins: what the outbox
/// and the event log (which are not aggregates) have taken out of them in the erasure's commit.
struct PersonalTexts {
    emails: Vec<String>,
    replacements: Vec<(String, String)>,
}

impl PersonalTexts {
    /// The account's e-mail address, name, phone and saved addresses' recipients and street lines.
    fn of_customer(customer: &Customer, erased_email: &str) -> PersonalTexts {
        let mut texts = PersonalTexts { emails: Vec::new(), replacements: Vec::new() };
        texts.email(customer.email().as_str(), erased_email);
        texts.text(customer.name());
        texts.text(customer.phone().map_or("", |phone| phone.as_str()));
        for address in customer.addresses() {
            texts.text(&address.name);
            address.lines.iter().for_each(|line| texts.text(line));
            texts.text(address.phone.as_ref().map_or("", |phone| phone.as_str()));
        }
        texts
    }

    /// An order's contact e-mail and phone and its delivery address's recipient and street lines.
    fn add_order(&mut self, order: &Order, erased_email: &str) {
        self.email(&order.contact().email, erased_email);
        self.text(order.contact().phone.as_deref().unwrap_or(""));
        self.delivery_address(&order.delivery().address);
    }

    fn delivery_address(&mut self, address: &crate::delivery::Address) {
        self.text(&address.recipient);
        self.text(&address.line1);
        self.text(address.line2.as_deref().unwrap_or(""));
    }

    fn email(&mut self, email: &str, erased_email: &str) {
        if !email.is_empty() && email != erased_email && !self.emails.iter().any(|known| known == email) {
            self.emails.push(email.to_owned());
            self.replacements.push((email.to_owned(), erased_email.to_owned()));
        }
    }

    /// A text already erased, empty, or known is not added again.
    fn text(&mut self, text: &str) {
        let erased = crate::erasure::ERASED;
        if !text.trim().is_empty() && text != erased && !self.replacements.iter().any(|(known, _)| known == text) {
            self.replacements.push((text.to_owned(), erased.to_owned()));
        }
    }

    /// The rows holding the customer's e-mail addresses or id, with every text replaced (longest
    /// first, so a name inside a longer line goes with the line).
    fn into_erasure(mut self, customer_id: &str) -> TextErasure {
        self.replacements.sort_by_key(|(text, _)| std::cmp::Reverse(text.chars().count()));
        let mut rows_holding = self.emails;
        rows_holding.push(customer_id.to_owned());
        TextErasure { rows_holding, replacements: self.replacements }
    }
}
