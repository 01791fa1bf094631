//! The two-step checkout: contact details first (stored at once, so an abandoned checkout can be
//! followed up), then delivery and payment; placing the order does everything in one transaction.

use std::collections::{BTreeMap, BTreeSet};

use crate::cart::Cart;
use crate::checkout::CheckoutSession;
use crate::customer::Customer;
use crate::order::PaymentMethod;
use crate::order::{ContactDetails, DeliveryDetails};
use crate::order::{Order, OrderNumber};
use crate::payment::{BankTransfer, Payment};
use crate::pricing::{PricedCart, PricingContext};
use crate::reports::CustomerSegment;
use crate::store::{PromotionUse, StockLine};

use super::unit::Tx;
use super::{Shop, ShopError};

/// The most orders of a customer looked at to tell a first order.
const FIRST_ORDER_PROBE: u32 = 1;

/// Checkout. Get it from [`Shop::checkout`].
#[derive(Debug, Clone, Copy)]
pub struct Checkout<'a> {
    pub(super) shop: &'a Shop,
}

impl Checkout<'_> {
    /// Step 1: the shopper's e-mail (and phone) for cart `cart_id`, stored at once.
    pub async fn start(&self, cart_id: &str, email: &str, phone: Option<&str>) -> Result<CheckoutSession, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let cart = tx.get::<Cart>(cart_id).await?;
            let mut session = CheckoutSession::start(&cart, ContactDetails::new(email, phone)?, tx.now)?;
            tx.save(&mut session)?;
            Ok(session)
        })
    }

    /// The checkout session `session_id`.
    pub async fn get(&self, session_id: &str) -> Result<CheckoutSession, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<CheckoutSession>(session_id).await)
    }

    /// Step 2: where it goes, how it ships (pickup point, slot, courier service) and how it is paid.
    pub async fn set_delivery(
        &self,
        session_id: &str,
        delivery: DeliveryDetails,
    ) -> Result<CheckoutSession, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut session = tx.get::<CheckoutSession>(session_id).await?;
            session.set_delivery(delivery.clone(), tx.now)?;
            tx.save(&mut session)?;
            Ok(session)
        })
    }

    /// The price to confirm: the cart priced with the delivery chosen, as the shopper will pay it.
    pub async fn quote(&self, session_id: &str) -> Result<PricedCart, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let session = tx.get::<CheckoutSession>(session_id).await?;
            let cart = tx.get::<Cart>(session.cart_id()).await?;
            let context = session_context(tx, &session, &cart).await?;
            Ok(tx.pricer()?.price(&cart, &context)?)
        })
    }

    /// Places the order for the price the shopper confirmed, in one transaction: the order under
    /// the next number, its stock held, its coupon uses counted, its payment opened (card, bank
    /// transfer, cash on delivery; a bank transfer also gets the record its statement lines are
    /// matched against) and its confirmation e-mail queued. Prices that changed since are
    /// [`CheckoutError::PricesChanged`](crate::checkout::CheckoutError::PricesChanged) with the
    /// new price to confirm. Placing a session again returns the order it placed.
    pub async fn place_order(&self, session_id: &str, confirmed: &PricedCart) -> Result<Order, ShopError> {
        command!(self.shop, retry = true, |tx| place(tx, session_id, confirmed).await)
    }
}

async fn place(tx: &mut Tx, session_id: &str, confirmed: &PricedCart) -> Result<Order, ShopError> {
    let mut session = tx.get::<CheckoutSession>(session_id).await?;
    if let Some(order_id) = session.order_id() {
        return tx.get::<Order>(order_id).await;
    }
    let cart = tx.get::<Cart>(session.cart_id()).await?;
    let context = session_context(tx, &session, &cart).await?;
    let number = next_number(tx).await?;
    let pricer = tx.pricer()?;
    let mut order = session.place_order(&pricer, &cart, &context, confirmed, number, tx.now)?;
    let catalog = pricer.catalog();
    let lines = tx
        .tracked(StockLine::for_cart(order.cart()))
        .await?
        .into_iter()
        .map(|line| match catalog.variant(&line.variant_id) {
            Some((_, variant)) => line.selling_as(variant),
            None => line,
        })
        .collect();
    let expires_at = tx.now + tx.settings.reservation_hold;
    tx.reserve(order.id(), lines, expires_at);
    for used in promotion_uses(tx, confirmed, order.customer_id()) {
        tx.promotion_use(used);
    }
    let method = order.delivery().payment_method;
    if matches!(method, PaymentMethod::Card | PaymentMethod::BankTransfer | PaymentMethod::CashOnDelivery) {
        let mut payment = Payment::new(order.id(), order.number().as_str(), method, order.total(), tx.now)?;
        tx.save(&mut payment)?;
    }
    if method == PaymentMethod::BankTransfer {
        let mut transfer = BankTransfer::open(&order)?;
        tx.save(&mut transfer)?;
    }
    tx.save(&mut order)?;
    tx.save(&mut session)?;
    Ok(order)
}

/// Of the saved segments the promotions name, those `customer_id` is in today (shop-local). A
/// segment a promotion names but nobody saved has no members.
async fn segments_of(tx: &mut Tx, customer_id: &str) -> Result<Vec<String>, ShopError> {
    let promotions = &tx.settings.pricing.promotions;
    let named: BTreeSet<String> =
        promotions.iter().flat_map(|p| p.conditions.customer_segments.iter().cloned()).collect();
    if named.is_empty() {
        return Ok(Vec::new());
    }
    let today = tx.now.to_zoned(tx.settings.time_zone()?).date();
    let mut member_of = Vec::new();
    for segment_id in named {
        let Some(segment) = tx.find::<CustomerSegment>(&segment_id).await? else { continue };
        if tx.store.segment_contains(&segment, today, customer_id).await? {
            member_of.push(segment_id);
        }
    }
    Ok(member_of)
}

/// The next order number: `prefix-year-sequence`, the year in the shop's time zone.
pub(super) async fn next_number(tx: &Tx) -> Result<OrderNumber, ShopError> {
    let year = tx.now.to_zoned(tx.settings.time_zone()?).year();
    let sequence = tx.store.next_order_sequence(year).await?;
    Ok(OrderNumber::new(&tx.settings.order_prefix, year, sequence)?)
}

/// One use of every promotion the price applied that counts its uses (a coupon, or a limit).
fn promotion_uses(tx: &Tx, confirmed: &PricedCart, customer_id: Option<&str>) -> Vec<PromotionUse> {
    let promotions = &tx.settings.pricing.promotions;
    confirmed
        .promotions
        .iter()
        .filter_map(|applied| promotions.iter().find(|p| *p.id == *applied.promotion_id).map(|p| (applied, p)))
        .filter(|(applied, p)| {
            applied.code.is_some() || p.conditions.usage_limit.is_some() || p.conditions.per_customer_limit.is_some()
        })
        .map(|(_, promotion)| PromotionUse {
            promotion_id: promotion.id.clone(),
            customer_id: customer_id.map(str::to_owned),
            limit: promotion.conditions.usage_limit,
            per_customer_limit: promotion.conditions.per_customer_limit,
        })
        .collect()
}

/// What the pricing context depends on besides the shopper.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ContextChoice<'a> {
    /// The delivery region (`None`: the shop's default region).
    pub(crate) region: Option<&'a str>,
    /// The shipping method chosen, if any.
    pub(crate) shipping_method_id: Option<&'a str>,
}

/// The pricing context of `session`: its cart's shopper, the delivery country and shipping method.
async fn session_context(tx: &mut Tx, session: &CheckoutSession, cart: &Cart) -> Result<PricingContext, ShopError> {
    let delivery = session.delivery();
    let choice = ContextChoice {
        region: delivery.map(|d| d.address.country.as_str()),
        shipping_method_id: delivery.map(|d| d.shipping_method_id.as_str()),
    };
    pricing_context(tx, cart, choice).await
}

/// The pricing context of `cart`'s shopper now: customer groups, whether it is a first order and
/// the shopper's own uses of each promotion, as the store holds them.
pub(crate) async fn pricing_context(
    tx: &mut Tx,
    cart: &Cart,
    choice: ContextChoice<'_>,
) -> Result<PricingContext, ShopError> {
    let mut context = PricingContext {
        currency: cart.currency,
        region: choice.region.map(str::to_owned).or_else(|| tx.settings.default_region.clone()),
        channel: tx.settings.channel.clone(),
        customer_groups: Vec::new(),
        customer_segments: Vec::new(),
        now: tx.now,
        first_order: true,
        promotion_uses: BTreeMap::new(),
        shipping_method_id: choice.shipping_method_id.map(str::to_owned),
    };
    let Some(customer_id) = cart.customer_id.as_deref() else { return Ok(context) };
    if let Some(customer) = tx.find::<Customer>(customer_id).await? {
        context.customer_groups = customer.groups().to_vec();
    }
    context.customer_segments = segments_of(tx, customer_id).await?;
    context.first_order = tx.find_by::<Order>("customer_id", customer_id, FIRST_ORDER_PROBE).await?.is_empty();
    let settings = tx.settings.clone();
    for promotion in settings.pricing.promotions.iter().filter(|p| p.conditions.per_customer_limit.is_some()) {
        let used = tx.store.promotion_usage(&promotion.id, Some(customer_id)).await?.customer_uses;
        context.promotion_uses.insert(promotion.id.clone(), u32::try_from(used).unwrap_or(u32::MAX));
    }
    Ok(context)
}
