//! The plug-ins a shop runs with, registered by name: a payment gateway per payment method that
//! goes through one, couriers by name, the mailer and the search index.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::ShopError;
use crate::inventory::{AllocationStrategy, Allocator};
use crate::knowledge::SearchIndex;
use crate::notify::Mailer;
use crate::order::PaymentMethod;
use crate::payment::PaymentGateway;
use crate::shipping::Courier;
use crate::support::inbound::AttachmentStore;

/// The plug-ins of a shop. Cheap to clone.
#[derive(Clone, Default)]
pub struct Plugins {
    gateways: Vec<(PaymentMethod, Arc<dyn PaymentGateway>)>,
    couriers: BTreeMap<String, Arc<dyn Courier>>,
    mailer: Option<Arc<dyn Mailer>>,
    search: Option<Arc<dyn SearchIndex>>,
    attachments: Option<Arc<dyn AttachmentStore>>,
    allocator: Allocator,
}

impl std::fmt::Debug for Plugins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let gateways: Vec<String> = self.gateways.iter().map(|(m, g)| format!("{m:?}: {}", g.name())).collect();
        f.debug_struct("Plugins")
            .field("gateways", &gateways)
            .field("couriers", &self.couriers.keys().collect::<Vec<_>>())
            .field("mailer", &self.mailer.is_some())
            .field("search", &self.search.is_some())
            .field("attachments", &self.attachments.is_some())
            .field("allocator", &self.allocator)
            .finish()
    }
}

impl Plugins {
    /// No plug-ins yet.
    pub fn new() -> Plugins {
        Plugins::default()
    }

    /// Takes payments of `method` through `gateway` (replacing an earlier one).
    pub fn gateway(mut self, method: PaymentMethod, gateway: Arc<dyn PaymentGateway>) -> Plugins {
        self.gateways.retain(|(m, _)| *m != method);
        self.gateways.push((method, gateway));
        self
    }

    /// Ships with `courier` under its own name.
    pub fn courier(mut self, courier: Arc<dyn Courier>) -> Plugins {
        self.couriers.insert(courier.name().to_owned(), courier);
        self
    }

    /// Sends e-mail through `mailer`.
    pub fn mailer(mut self, mailer: Arc<dyn Mailer>) -> Plugins {
        self.mailer = Some(mailer);
        self
    }

    /// Keeps the bytes of inbound e-mail attachments in `store` (without one, the shop's own store
    /// keeps them).
    pub fn attachments(mut self, store: Arc<dyn AttachmentStore>) -> Plugins {
        self.attachments = Some(store);
        self
    }

    /// The attachment store plug-in, if one is set.
    pub fn attachment_store(&self) -> Option<&Arc<dyn AttachmentStore>> {
        self.attachments.as_ref()
    }

    /// Searches the catalog and knowledge base through `index`.
    pub fn search(mut self, index: Arc<dyn SearchIndex>) -> Plugins {
        self.search = Some(index);
        self
    }

    /// Allocates orders' units to stock locations with `strategy` (default:
    /// [`FewestLocations`](crate::inventory::FewestLocations)).
    pub fn allocation(mut self, strategy: Arc<dyn AllocationStrategy>) -> Plugins {
        self.allocator = Allocator::new(strategy);
        self
    }

    /// The allocation strategy.
    pub fn allocator(&self) -> &Allocator {
        &self.allocator
    }

    /// The gateway taking `method`.
    pub fn gateway_for(&self, method: PaymentMethod) -> Result<&Arc<dyn PaymentGateway>, ShopError> {
        self.gateways
            .iter()
            .find(|(m, _)| *m == method)
            .map(|(_, gateway)| gateway)
            .ok_or_else(|| ShopError::NoPlugin { kind: "payment gateway", name: method.as_str().to_owned() })
    }

    /// The gateway whose [`PaymentGateway::name`] is `name` (the sender of a webhook).
    pub fn gateway_named(&self, name: &str) -> Result<&Arc<dyn PaymentGateway>, ShopError> {
        self.gateways
            .iter()
            .map(|(_, gateway)| gateway)
            .find(|gateway| gateway.name() == name)
            .ok_or_else(|| ShopError::NoPlugin { kind: "payment gateway", name: name.to_owned() })
    }

    /// The courier registered as `name`.
    pub fn courier_named(&self, name: &str) -> Result<&Arc<dyn Courier>, ShopError> {
        self.couriers.get(name).ok_or_else(|| ShopError::NoPlugin { kind: "courier", name: name.to_owned() })
    }

    /// The mailer.
    pub fn mailer_plugin(&self) -> Result<&Arc<dyn Mailer>, ShopError> {
        self.mailer.as_ref().ok_or_else(|| ShopError::NoPlugin { kind: "mailer", name: "mailer".to_owned() })
    }

    /// The search index.
    pub fn search_index(&self) -> Result<&Arc<dyn SearchIndex>, ShopError> {
        self.search.as_ref().ok_or_else(|| ShopError::NoPlugin { kind: "search index", name: "search".to_owned() })
    }
}
