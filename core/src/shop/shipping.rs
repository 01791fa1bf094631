//! Fulfilment use cases: shipping an order (label bought, held stock taken, order moved) in one
//! command, tracking parcels so orders follow them (with the delivery survey), and cancelling.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::cart::Cart;
use crate::delivery::Address;
use crate::delivery::PackagingKind;
use crate::event::Actor;
use crate::inventory::{MovementReason, MovementSource};
use crate::money::Money;
use crate::order::PaymentMethod;
use crate::order::{Order, OrderState, Rebalance};
use crate::shipping::{
    line_fulfilment, sync_order_state, CarrierWarning, Courier, LabelRequest, LineQuantity, NewShipment, Parcel,
    RateOption, RateRequest, Shipment, ShipmentLine, ShipmentState, ShippingService,
};
use crate::store::{find, StockChange, StockLine};
use crate::support::SurveyRequest;

use super::checkout::{pricing_context, ContextChoice};
use super::unit::Tx;
use super::{Shop, ShopError};

/// The courier service asked for when the shopper's delivery choice names none.
const DEFAULT_SERVICE: &str = "standard";
/// The most shipments of one order, or of one state, a command looks at.
const LIMIT: u32 = 500;
/// Shipment states a courier still reports on.
const LIVE: [ShipmentState; 6] = [
    ShipmentState::LabelCreated,
    ShipmentState::PickedUp,
    ShipmentState::InTransit,
    ShipmentState::OutForDelivery,
    ShipmentState::ReadyForPickup,
    ShipmentState::DeliveryFailed,
];

/// Shipping. Get it from [`Shop::shipping`].
#[derive(Debug, Clone, Copy)]
pub struct Shipping<'a> {
    pub(super) shop: &'a Shop,
}

/// What tracking did to one shipment and its order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrackingUpdate {
    /// The shipment.
    pub shipment_id: String,
    /// Its order.
    pub order_id: String,
    /// The states the shipment moved to, in order.
    pub shipment_moves: Vec<ShipmentState>,
    /// The states the order moved to following its parcels, in order.
    pub order_moves: Vec<OrderState>,
    /// The satisfaction survey created because the order was delivered.
    pub survey_id: Option<String>,
}

/// One way a cart can be delivered: what the shopper pays for it and the courier's services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeliveryOption {
    /// The shop's shipping method.
    pub shipping_method_id: String,
    /// Its name, shown to the shopper.
    pub name: String,
    /// The shipping charge as the shopper pays it for this cart (after shipping discounts, with tax).
    pub price: Money,
    /// The courier that takes the method, when one is set and registered.
    pub courier: Option<String>,
    /// The courier's services with their estimated delivery, cheapest first (empty without a
    /// courier, a warehouse address or an answer).
    pub services: Vec<RateOption>,
    /// The courier's remarks (`remote_area`), or why it gave no rates.
    pub warnings: Vec<CarrierWarning>,
}

/// What one tracking round did: the parcels that moved, and what failed (the rest went on).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrackingRound {
    /// The shipments with news, and how their orders followed.
    pub updates: Vec<TrackingUpdate>,
    /// Couriers that gave no answer and shipments whose news could not be recorded, with why.
    pub failures: Vec<TrackingFailure>,
}

/// A courier or a shipment a tracking round could not do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrackingFailure {
    /// The courier.
    pub courier: String,
    /// The shipment, when only it failed.
    pub shipment_id: Option<String>,
    /// The error.
    pub error: String,
}

impl Shipping<'_> {
    /// The shop's shipping methods that deliver cart `cart_id` to `address`, cheapest first, each
    /// with its charge as priced for the cart and the services its courier quotes (one rate call
    /// per method with a courier). Methods that cannot price the cart (another currency, a region
    /// they do not serve) are left out. The address is read as checkout reads it: trimmed, the
    /// country upper-cased, a bad field refused by name.
    pub async fn delivery_options(&self, cart_id: &str, address: &Address) -> Result<Vec<DeliveryOption>, ShopError> {
        let plugins = self.shop.plugins().clone();
        let address = &address.clone().validated()?;
        command!(self.shop, retry = false, |tx| {
            let cart = tx.get::<Cart>(cart_id).await?;
            let pricer = tx.pricer()?;
            let settings = tx.settings.clone();
            let parcel = cart_parcel(&cart, &pricer, settings.parcel_tare_grams);
            let mut options = Vec::new();
            for method in settings.pricing.shipping_methods.iter().filter(|m| m.currency == cart.currency) {
                let choice =
                    ContextChoice { region: Some(address.country.as_str()), shipping_method_id: Some(&method.id) };
                let context = pricing_context(tx, &cart, choice).await?;
                let Ok(priced) = pricer.price(&cart, &context) else { continue };
                let Some(shipping) = priced.shipping.filter(|s| s.method_id == method.id) else { continue };
                let price = Money::checked(shipping.total, cart.currency, "shipping.total")?;
                let name = settings.courier_for_method.get(&method.id).or(settings.default_courier.as_ref());
                let courier = name.and_then(|n| plugins.courier_named(n).ok());
                let mut option = DeliveryOption {
                    shipping_method_id: method.id.clone(),
                    name: method.name.clone(),
                    price,
                    courier: courier.map(|c| c.name().to_owned()),
                    services: Vec::new(),
                    warnings: Vec::new(),
                };
                if let (Some(courier), Some(from)) = (courier, settings.warehouse.clone()) {
                    let request = RateRequest { parcel: parcel.clone(), from, to: address.clone(), ready_at: tx.now };
                    match courier.rates(&request).await {
                        Ok(quote) => {
                            option.services = quote.options;
                            option.warnings = quote.warnings;
                        }
                        Err(error) => option.warnings.push(CarrierWarning::new("no_rates", error.to_string())),
                    }
                }
                options.push(option);
            }
            options.sort_by(|a, b| a.price.minor().cmp(&b.price.minor()).then_with(|| a.name.cmp(&b.name)));
            Ok(options)
        })
    }

    /// Ships what is left of order `order_id` in one parcel: a paid (or cash-on-delivery) order
    /// moves to `processing`, the shipment is planned with the courier for the order's shipping
    /// method (`settings.courier_for_method`, else `settings.default_courier`) and the cash still
    /// owed on a cash-on-delivery order, the label is bought from the courier, and the shipment,
    /// the order and its units taken off the shelf (the units it held; from the shelf if the hold
    /// lapsed) are saved in one commit.
    ///
    /// The courier is called before the commit; when the commit then fails, the label is cancelled
    /// at the courier and the commit's error returned (a lost race is not retried: nothing was
    /// stored, so shipping again is safe). An order whose every unit is already in a live shipment
    /// answers with its latest shipment.
    pub async fn ship(&self, order_id: &str, actor: Actor) -> Result<Shipment, ShopError> {
        let shop = self.shop;
        let mut tx = shop.begin(shop.now()).await?;
        let mut order = tx.get::<Order>(order_id).await?;
        let existing = tx.find_by::<Shipment>("order_id", order_id, LIMIT).await?;
        let lines = unallocated(&order, &existing);
        if lines.is_empty() {
            if let Some(latest) = existing.iter().rev().find(|s| s.state() != ShipmentState::Cancelled) {
                return Ok(latest.clone());
            }
        }
        start_processing(&mut order, actor.clone(), tx.now)?;
        let courier_name = courier_for(&tx, &order)?;
        let courier = shop.plugins().courier_named(&courier_name)?.clone();
        let from = tx
            .settings
            .warehouse
            .clone()
            .ok_or_else(|| ShopError::invalid("settings.warehouse", "is required to ship"))?;
        let new = NewShipment {
            courier: courier_name,
            service: None,
            lines,
            cash_on_delivery: cash_due(&order)?,
            packaging: PackagingKind::requested_by(order.cart()),
        };
        let mut shipment = Shipment::plan(&order, &existing, new, actor, tx.now)?;
        let parcel = Parcel::for_lines(shipment.lines(), tx.pricer()?.catalog(), tx.settings.parcel_tare_grams);
        let request = LabelRequest::for_order(&order, parcel, from, DEFAULT_SERVICE);
        let service = ShippingService::new(courier);
        service.create_label(&order, &mut shipment, request, tx.now).await?;
        let taken = take_stock(&mut tx, &order, &shipment).await;
        let saved = taken.and_then(|()| save_shipped(&mut tx, &mut order, &mut shipment));
        let committed = match saved {
            Ok(()) => tx.commit().await,
            Err(error) => Err(error),
        };
        if let Err(error) = committed {
            if let Some(number) = shipment.tracking_number() {
                // Best effort: the label must not stay bought for a parcel the shop does not know.
                let _ = service.courier().cancel_shipment(number).await;
            }
            return Err(error);
        }
        Ok(shipment)
    }

    /// The shipments of order `order_id`, oldest first.
    pub async fn shipments_of(&self, order_id: &str) -> Result<Vec<Shipment>, ShopError> {
        command!(self.shop, retry = false, |tx| tx.find_by::<Shipment>("order_id", order_id, LIMIT).await)
    }

    /// The shipment `shipment_id`.
    pub async fn get(&self, shipment_id: &str) -> Result<Shipment, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<Shipment>(shipment_id).await)
    }

    /// Cancels shipment `shipment_id` before it leaves: first at the courier (when it has a label),
    /// then in the store; its units go back on the shelf and become shippable again. When the commit
    /// fails after the courier cancelled, the error is returned and the shipment stays as stored.
    pub async fn cancel_shipment(
        &self,
        shipment_id: &str,
        actor: Actor,
        reason: Option<String>,
    ) -> Result<Shipment, ShopError> {
        let shop = self.shop;
        let mut tx = shop.begin(shop.now()).await?;
        let mut shipment = tx.get::<Shipment>(shipment_id).await?;
        shipment.check_transition(ShipmentState::Cancelled)?;
        let courier = shop.plugins().courier_named(shipment.courier())?.clone();
        ShippingService::new(courier).cancel(&mut shipment, actor, tx.now, reason).await?;
        if shipment.tracking_number().is_some() {
            let lines = shipment.lines().iter().map(|l| StockLine::new(&l.variant_id, l.quantity)).collect();
            for line in tx.tracked(lines).await? {
                tx.book(line, MovementReason::ReturnRestock, MovementSource::Order(shipment.order_id().to_owned()));
            }
        }
        tx.save(&mut shipment)?;
        tx.commit().await?;
        Ok(shipment)
    }

    /// Asks each courier once for the news on its shipments in transit, records the events, moves
    /// each order after its parcels, and for an order that became delivered creates its
    /// satisfaction survey in the same commit, so the delivered e-mail links it (one commit per
    /// shipment with news). Shipments of couriers not registered are left alone; a courier that
    /// fails, or a shipment whose news cannot be recorded, is reported and the round goes on.
    pub async fn refresh_tracking(&self, now: Timestamp) -> Result<TrackingRound, ShopError> {
        let store = self.shop.store().as_ref();
        let mut by_courier: BTreeMap<String, Vec<Shipment>> = BTreeMap::new();
        for state in LIVE {
            for found in find::<Shipment>(store, "state", state.as_str(), LIMIT).await? {
                let shipment = found.value;
                if shipment.tracking_number().is_some() {
                    by_courier.entry(shipment.courier().to_owned()).or_default().push(shipment);
                }
            }
        }
        let mut round = TrackingRound::default();
        for (name, mut shipments) in by_courier {
            let Ok(courier) = self.shop.plugins().courier_named(&name) else { continue };
            let courier: Arc<dyn Courier> = courier.clone();
            let refresh = match ShippingService::new(courier).refresh_tracking(&mut shipments).await {
                Ok(refresh) => refresh,
                Err(error) => {
                    round.failures.push(TrackingFailure { courier: name, shipment_id: None, error: error.to_string() });
                    continue;
                }
            };
            for done in refresh.shipments.iter().filter(|r| r.sync.recorded > 0) {
                let Some(tracked) = shipments.iter().find(|s| s.id() == done.shipment_id) else { continue };
                match self.record(tracked, now).await {
                    Ok(Some(update)) => round.updates.push(update),
                    Ok(None) => {}
                    Err(error) => round.failures.push(TrackingFailure {
                        courier: name.clone(),
                        shipment_id: Some(tracked.id().to_owned()),
                        error: error.to_string(),
                    }),
                }
            }
        }
        Ok(round)
    }

    /// Polls the courier of shipment `shipment_id` now and records what it says (for a courier that
    /// learns of a change first, such as the shop's own drivers reporting through their app).
    pub async fn refresh_shipment(&self, shipment_id: &str) -> Result<Option<TrackingUpdate>, ShopError> {
        let now = self.shop.now();
        let shipment = self.get(shipment_id).await?;
        let courier = self.shop.plugins().courier_named(shipment.courier())?.clone();
        let mut batch = [shipment];
        ShippingService::new(courier).refresh_tracking(&mut batch).await?;
        let [tracked] = batch;
        self.record(&tracked, now).await
    }

    /// Records the tracking `tracked` carries on the stored shipment (events seen before are
    /// ignored, so a race with another process records them once) and moves its order after it.
    async fn record(&self, tracked: &Shipment, now: Timestamp) -> Result<Option<TrackingUpdate>, ShopError> {
        command!(self.shop, retry = true, at = now, |tx| record_tracking(tx, tracked).await)
    }
}

async fn record_tracking(tx: &mut Tx, tracked: &Shipment) -> Result<Option<TrackingUpdate>, ShopError> {
    let mut shipment = tx.get::<Shipment>(tracked.id()).await?;
    let actor = Actor::Courier { name: shipment.courier().to_owned() };
    let sync = shipment.record_tracking(tracked.tracking(), &actor);
    if sync.recorded == 0 {
        return Ok(None);
    }
    let mut order = tx.get::<Order>(shipment.order_id()).await?;
    let mut shipments = tx.find_by::<Shipment>("order_id", order.id(), LIMIT).await?;
    for one in shipments.iter_mut().filter(|s| s.id() == shipment.id()) {
        *one = shipment.clone();
    }
    let order_moves = sync_order_state(&mut order, &shipments, actor, tx.now)?;
    let mut survey_id = None;
    if order_moves.contains(&OrderState::Delivered) {
        if let Some(customer_id) = order.customer_id() {
            let delivered = shipment.history().last().map_or(tx.now, |t| t.at).min(tx.now);
            let csat = &tx.settings.csat;
            let mut survey = SurveyRequest::after_delivery(order.id(), customer_id, delivered, csat, tx.now)?;
            survey_id = Some(survey.id().to_owned());
            tx.save(&mut survey)?;
        }
    }
    tx.save(&mut shipment)?;
    tx.save(&mut order)?;
    Ok(Some(TrackingUpdate {
        shipment_id: shipment.id().to_owned(),
        order_id: order.id().to_owned(),
        shipment_moves: sync.moves,
        order_moves,
        survey_id,
    }))
}

/// The parcel `cart` would make, with the shop's packaging weight.
fn cart_parcel(cart: &Cart, pricer: &crate::pricing::Pricer, tare_grams: u32) -> Parcel {
    let lines: Vec<ShipmentLine> = cart
        .lines
        .iter()
        .map(|l| ShipmentLine { line_id: l.id.to_string(), variant_id: l.variant_id.clone(), quantity: l.quantity })
        .collect();
    Parcel::for_lines(&lines, pricer.catalog(), tare_grams)
}

/// The units of `order` not yet in a live shipment.
fn unallocated(order: &Order, existing: &[Shipment]) -> Vec<LineQuantity> {
    line_fulfilment(order, existing)
        .into_iter()
        .filter(|l| l.unallocated() > 0)
        .map(|l| LineQuantity { quantity: l.unallocated(), line_id: l.line_id })
        .collect()
}

/// Moves a paid order (or an unpaid cash-on-delivery one) to `processing`; others stay as they are
/// and [`Shipment::plan`] decides whether they can ship.
fn start_processing(order: &mut Order, actor: Actor, at: Timestamp) -> Result<(), ShopError> {
    let cash = order.delivery().payment_method == PaymentMethod::CashOnDelivery;
    let ready = match order.state() {
        OrderState::Paid => true,
        OrderState::PendingPayment => cash,
        _ => false,
    };
    if ready {
        order.transition(OrderState::Processing, actor, at, Some("packing".to_owned()))?;
    }
    Ok(())
}

/// The courier that takes `order`: the one set for its shipping method, else the default.
fn courier_for(tx: &Tx, order: &Order) -> Result<String, ShopError> {
    let method = &order.delivery().shipping_method_id;
    let settings = &tx.settings;
    settings.courier_for_method.get(method).or(settings.default_courier.as_ref()).cloned().ok_or_else(|| {
        ShopError::invalid("settings.default_courier", format!("no courier set for shipping method {method:?}"))
    })
}

/// The cash to collect on delivery: what a cash-on-delivery order still owes; `None` otherwise.
fn cash_due(order: &Order) -> Result<Option<Money>, ShopError> {
    if order.delivery().payment_method != PaymentMethod::CashOnDelivery {
        return Ok(None);
    }
    match order.balance()? {
        Rebalance::AmountDue { amount } => Ok(Some(amount)),
        _ => Ok(None),
    }
}

/// Takes the shipment's units off the shelf in the command: whatever the order still holds is let
/// go and exactly the shipment's units are held and taken at once. So an order whose hold lapsed
/// (paid but not shipped in time) ships from the shelf if the units are still there
/// ([`StoreError::InsufficientStock`](crate::store::StoreError::InsufficientStock) otherwise), and a
/// shipment after a cancelled one takes its units again. Untracked variants take nothing.
async fn take_stock(tx: &mut Tx, order: &Order, shipment: &Shipment) -> Result<(), ShopError> {
    let order_id = order.id().to_owned();
    let lines = shipment.lines().iter().map(|l| StockLine::new(&l.variant_id, l.quantity)).collect();
    let lines = tx.tracked(lines).await?;
    let expires_at = tx.now + tx.settings.reservation_hold;
    tx.stock(StockChange::Release { order_id: order_id.clone() });
    if !lines.is_empty() {
        tx.reserve(&order_id, lines, expires_at);
        tx.stock(StockChange::Commit { order_id });
    }
    Ok(())
}

fn save_shipped(tx: &mut Tx, order: &mut Order, shipment: &mut Shipment) -> Result<(), ShopError> {
    tx.save(shipment)?;
    tx.save(order)
}
