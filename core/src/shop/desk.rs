//! What a command's e-mails look up: the aggregates the command loaded or saved, the catalog's
//! product names and the shop's settings, as core's [`NotificationContext`].

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::checkout::CheckoutSession;
use crate::customer::Customer;
use crate::notify::{NotificationContext, ShopProfile};
use crate::order::Order;
use crate::pricing::{PricedCart, Pricer};
use crate::returns::Rma;
use crate::review::Review;
use crate::shipping::Shipment;
use crate::support::{SupportCase, SurveyRequest, SurveySubject};

use super::Settings;

/// The aggregates one command knows about, by id.
#[derive(Debug, Default)]
pub(crate) struct Desk {
    pub(crate) orders: BTreeMap<String, Order>,
    /// The orders as the command first loaded them (what their sales figures change from).
    pub(crate) orders_as_loaded: BTreeMap<String, Order>,
    /// The checkout sessions the command saved, and as it first loaded them (for the funnel).
    pub(crate) sessions: BTreeMap<String, CheckoutSession>,
    pub(crate) sessions_as_loaded: BTreeMap<String, CheckoutSession>,
    /// Support cases and surveys as the command first loaded them, and the reviews it saved.
    pub(crate) cases_as_loaded: BTreeMap<String, SupportCase>,
    pub(crate) surveys_as_loaded: BTreeMap<String, SurveyRequest>,
    pub(crate) reviews: BTreeMap<String, Review>,
    pub(crate) shipments: BTreeMap<String, Shipment>,
    pub(crate) cases: BTreeMap<String, SupportCase>,
    pub(crate) returns: BTreeMap<String, Rma>,
    pub(crate) customers: BTreeMap<String, Customer>,
    pub(crate) carts: BTreeMap<String, PricedCart>,
    pub(crate) surveys: Vec<SurveyRequest>,
}

impl Desk {
    /// The customer ids the known aggregates name but the desk has not loaded.
    pub(crate) fn missing_customers(&self) -> Vec<String> {
        let named = self
            .orders
            .values()
            .filter_map(Order::customer_id)
            .chain(self.cases.values().map(SupportCase::customer_id))
            .chain(self.returns.values().filter_map(Rma::customer_id));
        let mut missing: Vec<String> =
            named.filter(|id| !self.customers.contains_key(*id)).map(str::to_owned).collect();
        missing.sort();
        missing.dedup();
        missing
    }
}

/// A [`Desk`] with the shop's settings and catalog: what lifecycle e-mails are rendered from.
pub(crate) struct Lookup<'a> {
    pub(crate) desk: &'a Desk,
    pub(crate) settings: &'a Settings,
    pub(crate) pricer: Option<&'a Arc<Pricer>>,
}

impl NotificationContext for Lookup<'_> {
    fn shop(&self) -> &ShopProfile {
        &self.settings.profile
    }
    fn order(&self, order_id: &str) -> Option<&Order> {
        self.desk.orders.get(order_id)
    }
    fn shipment(&self, shipment_id: &str) -> Option<&Shipment> {
        self.desk.shipments.get(shipment_id)
    }
    fn support_case(&self, case_id: &str) -> Option<&SupportCase> {
        self.desk.cases.get(case_id)
    }
    fn rma(&self, return_id: &str) -> Option<&Rma> {
        self.desk.returns.get(return_id)
    }
    fn customer(&self, customer_id: &str) -> Option<&Customer> {
        self.desk.customers.get(customer_id)
    }
    fn priced_cart(&self, cart_id: &str) -> Option<&PricedCart> {
        self.desk.carts.get(cart_id)
    }
    fn product_name(&self, variant_id: &str) -> Option<String> {
        let (product, variant) = self.pricer?.catalog().variant(variant_id)?;
        if variant.options.is_empty() {
            return Some(product.name.clone());
        }
        let values: Vec<&str> = variant.options.values().map(String::as_str).collect();
        Some(format!("{} ({})", product.name, values.join(", ")))
    }
    fn staff_name(&self, staff_id: &str) -> Option<String> {
        self.settings.staff.get(staff_id).cloned()
    }
    fn tracking_url(&self, shipment: &Shipment) -> Option<String> {
        let number = shipment.tracking_number()?;
        Some(self.settings.tracking_url.as_deref()?.replace("{tracking}", number))
    }
    fn delivery_survey(&self, order: &Order) -> Option<&SurveyRequest> {
        let subject = SurveySubject::Order { order_id: order.id().to_owned() };
        self.desk.surveys.iter().find(|s| *s.subject() == subject)
    }
}
