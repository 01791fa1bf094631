//! Placing the order: the cart is re-priced with the shopper's delivery choice, the price lock is
//! checked against the priced cart the shopper confirmed, and the order keeps that priced cart.

use jiff::Timestamp;

use super::{check_price_lock, CheckoutError, CheckoutSession, CheckoutStep};
use crate::cart::Cart;
use crate::event::Actor;
use crate::order::DeliveryDetails;
use crate::order::{Order, OrderDraft, OrderNumber};
use crate::pricing::{PricedCart, Pricer, PricingContext};

impl CheckoutSession {
    /// Places the order for `cart` under `number` (from the caller's sequence).
    ///
    /// `confirmed` is the priced cart the shopper saw and confirmed. The cart is priced again by
    /// `pricer` in `context` with the chosen shipping method; if any line's unit price or the grand
    /// total differs, placing fails with [`CheckoutError::PricesChanged`] (listing the lines and
    /// carrying the new priced cart to show): once the shopper confirms it, place again passing it.
    /// On success the session is closed and the order keeps `confirmed`.
    pub fn place_order(
        &mut self,
        pricer: &Pricer,
        cart: &Cart,
        context: &PricingContext,
        confirmed: &PricedCart,
        number: OrderNumber,
        at: Timestamp,
    ) -> Result<Order, CheckoutError> {
        let delivery = self.ready_delivery()?.clone();
        self.check_carts(cart, confirmed)?;
        let context =
            PricingContext { shipping_method_id: Some(delivery.shipping_method_id.clone()), ..context.clone() };
        let current = pricer.price(cart, &context)?;
        check_price_lock(confirmed, &current)?;
        let order = Order::place(self.draft(cart, context, confirmed, delivery, number), self.shopper(), at)?;
        self.mark_placed(order.id(), at);
        Ok(order)
    }

    fn ready_delivery(&self) -> Result<&DeliveryDetails, CheckoutError> {
        match (self.step(), self.delivery()) {
            (CheckoutStep::ReadyToPlace, Some(delivery)) => Ok(delivery),
            _ => Err(self.wrong_step("place the order")),
        }
    }

    fn check_carts(&self, cart: &Cart, confirmed: &PricedCart) -> Result<(), CheckoutError> {
        let mismatch = |field, expected: &str, found: &str| CheckoutError::CartMismatch {
            field,
            expected: expected.to_owned(),
            found: found.to_owned(),
        };
        if cart.id != self.cart_id() {
            return Err(mismatch("cart.id", self.cart_id(), &cart.id));
        }
        if confirmed.cart_id != cart.id {
            return Err(mismatch("confirmed.cart_id", &cart.id, &confirmed.cart_id));
        }
        Ok(())
    }

    fn draft(
        &self,
        cart: &Cart,
        context: PricingContext,
        confirmed: &PricedCart,
        delivery: DeliveryDetails,
        number: OrderNumber,
    ) -> OrderDraft {
        OrderDraft {
            number,
            customer_id: self.customer_id().map(str::to_owned),
            contact: self.contact().clone(),
            delivery,
            cart: cart.clone(),
            context,
            priced: confirmed.clone(),
        }
    }

    fn shopper(&self) -> Actor {
        Actor::Shopper { customer_id: self.customer_id().map(str::to_owned) }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::order::fixtures::{at, cart, contact, context, delivery, eur, pricer, pricer_with_tee_at, TEE_LINE};
    use crate::order::OrderState;
    use crate::order::PaymentMethod;

    fn number() -> OrderNumber {
        OrderNumber::new("VT", 2026, 123).unwrap()
    }

    fn ready(cart: &Cart, method: PaymentMethod) -> CheckoutSession {
        let mut session = CheckoutSession::start(cart, contact(), at(0)).unwrap();
        session.set_delivery(delivery(method), at(1)).unwrap();
        session
    }

    #[test]
    fn unchanged_prices_place_an_order_that_keeps_the_confirmed_priced_cart() {
        let cart = cart();
        let mut session = ready(&cart, PaymentMethod::Card);
        let confirmed = pricer().price(&cart, &context()).unwrap();
        let order = session.place_order(&pricer(), &cart, &context(), &confirmed, number(), at(2)).unwrap();
        assert_eq!(order.priced(), &confirmed);
        assert_eq!(order.total(), eur(4450));
        assert_eq!(order.number().as_str(), "VT-2026-000123");
        assert_eq!(order.state(), OrderState::PendingPayment);
        assert_eq!(order.placed_by(), &Actor::Shopper { customer_id: Some("c1".into()) });
        assert_eq!(order.delivery(), session.delivery().unwrap());
        assert_eq!((session.step(), session.order_id()), (CheckoutStep::Placed, Some(order.id())));
    }

    #[test]
    fn a_price_rise_fails_with_the_changed_lines_until_the_shopper_confirms_it() {
        let cart = cart();
        let mut session = ready(&cart, PaymentMethod::Card);
        let confirmed = pricer().price(&cart, &context()).unwrap();
        let risen = pricer_with_tee_at(2300);
        let before = session.clone();
        let err = session.place_order(&risen, &cart, &context(), &confirmed, number(), at(2)).unwrap_err();
        let CheckoutError::PricesChanged { changed, current, current_total, .. } = err else {
            panic!("expected PricesChanged");
        };
        assert_eq!(changed.len(), 1);
        assert_eq!(
            (changed[0].line_id.as_str(), changed[0].current_unit_price),
            (TEE_LINE, Some(Decimal::new(2300, 2)))
        );
        assert_eq!(current_total, Decimal::new(4750, 2));
        assert_eq!(session, before);
        let order = session.place_order(&risen, &cart, &context(), &current, number(), at(3)).unwrap();
        assert_eq!(order.total(), eur(4750));
        assert_eq!(order.priced(), current.as_ref());
    }

    #[test]
    fn the_chosen_shipping_method_is_priced_whatever_the_context_says() {
        let cart = cart();
        let mut session = ready(&cart, PaymentMethod::Card);
        let without_shipping = PricingContext { shipping_method_id: None, ..context() };
        let seen_without_shipping = pricer().price(&cart, &without_shipping).unwrap();
        let err = session.place_order(&pricer(), &cart, &without_shipping, &seen_without_shipping, number(), at(2));
        assert!(matches!(err, Err(CheckoutError::PricesChanged { .. })));
    }

    #[test]
    fn placing_needs_step_two_and_the_sessions_own_cart() {
        let cart = cart();
        let confirmed = pricer().price(&cart, &context()).unwrap();
        let mut early = CheckoutSession::start(&cart, contact(), at(0)).unwrap();
        let err = early.place_order(&pricer(), &cart, &context(), &confirmed, number(), at(1)).unwrap_err();
        assert!(matches!(err, CheckoutError::WrongStep { step: CheckoutStep::ContactRecorded, .. }));
        let mut session = ready(&cart, PaymentMethod::Card);
        let other = crate::order::fixtures::cart();
        let err = session.place_order(&pricer(), &other, &context(), &confirmed, number(), at(2)).unwrap_err();
        assert!(matches!(err, CheckoutError::CartMismatch { field: "cart.id", .. }));
        let foreign = pricer().price(&other, &context()).unwrap();
        let err = session.place_order(&pricer(), &cart, &context(), &foreign, number(), at(2)).unwrap_err();
        assert!(matches!(err, CheckoutError::CartMismatch { field: "confirmed.cart_id", .. }));
        session.place_order(&pricer(), &cart, &context(), &confirmed, number(), at(3)).unwrap();
        let again = session.place_order(&pricer(), &cart, &context(), &confirmed, number(), at(4));
        assert!(matches!(again, Err(CheckoutError::WrongStep { step: CheckoutStep::Placed, .. })));
    }

    #[test]
    fn a_bank_transfer_order_awaits_its_transfer() {
        let cart = cart();
        let mut session = ready(&cart, PaymentMethod::BankTransfer);
        let confirmed = pricer().price(&cart, &context()).unwrap();
        let order = session.place_order(&pricer(), &cart, &context(), &confirmed, number(), at(2)).unwrap();
        assert_eq!(order.state(), OrderState::AwaitingTransfer);
    }
}
