//! A customer's right of access: everything the shop stores about one customer, gathered in one
//! read and serialisable as one JSON document (GDPR article 15 and data portability, article 20).

use jiff::Timestamp;
use serde::Serialize;

use crate::cart::{Cart, WishList};
use crate::checkout::CheckoutSession;
use crate::customer::Customer;
use crate::notify::MarketingSend;
use crate::order::Order;
use crate::payment::{Payment, Wallet};
use crate::returns::Rma;
use crate::review::Review;
use crate::shipping::Shipment;
use crate::support::{SupportCase, SurveyRequest};

use super::unit::Tx;
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
}

impl Customers<'_> {
    /// Everything stored about customer `customer_id` (their right of access), read in one go;
    /// `serde_json::to_string` of the result is the document to hand over.
    pub async fn export(&self, customer_id: &str) -> Result<CustomerExport, ShopError> {
        command!(self.shop, retry = false, |tx| gather(tx, customer_id).await)
    }
}

/// The export's reads (see [`Customers::export`]).
async fn gather(tx: &mut Tx, customer_id: &str) -> Result<CustomerExport, ShopError> {
    let customer = tx.get::<Customer>(customer_id).await?;
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
    })
}
