//! Aggregates for store tests and benchmarks: a one-product shop that places real orders through
//! checkout, with a card payment and a confirmation e-mail for each.

use jiff::Timestamp;
use rust_decimal::Decimal;
use vitrina_core::cart::{Cart, CartLine};
use vitrina_core::catalog::{Catalog, CatalogData, Product};
use vitrina_core::checkout::CheckoutSession;
use vitrina_core::customer::{Customer, NewCustomer};
use vitrina_core::delivery::Address;
use vitrina_core::delivery::{ShippingMethod, ShippingRate};
use vitrina_core::event::Actor;
use vitrina_core::money::{Currency, Money};
use vitrina_core::notify::{EmailMessage, NewEmail, OutboxEntry};
use vitrina_core::order::PaymentMethod;
use vitrina_core::order::{ContactDetails, DeliveryDetails};
use vitrina_core::order::{Order, OrderNumber, OrderState};
use vitrina_core::payment::Payment;
use vitrina_core::pricing::{Pricer, PricingContext, PricingRules};
use vitrina_core::returns::{ItemCondition, NewReturn, RequestedLine, ReturnPolicy, ReturnReason, Rma};
use vitrina_core::shipping::{LineQuantity, NewShipment, Shipment};
use vitrina_core::store::OrderPlacement;
use vitrina_core::support::{self, CaseCategory, Channel, CsatPolicy, NewCase, Priority, SupportCase, SurveyRequest};

/// The one variant the fixture shop sells (a 12.90 EUR mug).
pub const VARIANT: &str = "mug-1";

/// A shop selling [`VARIANT`] with flat 4.90 EUR courier shipping, at a fixed instant.
pub struct Shop {
    pricer: Pricer,
    context: PricingContext,
}

impl Default for Shop {
    fn default() -> Shop {
        Shop::new()
    }
}

impl Shop {
    /// The fixture shop.
    pub fn new() -> Shop {
        let pricer = Pricer::new(catalog(), PricingRules { shipping_methods: vec![courier()], ..Default::default() })
            .expect("pricer");
        let context = PricingContext {
            currency: Currency::EUR,
            region: Some("BG".into()),
            channel: Some("web".into()),
            customer_groups: vec![],
            customer_segments: vec![],
            now: now(),
            first_order: false,
            promotion_uses: Default::default(),
            shipping_method_id: Some("courier".into()),
        };
        Shop { pricer, context }
    }

    /// A cart of `quantity` mugs for `customer_id`.
    pub fn cart(&self, customer_id: Option<&str>, quantity: u32) -> Cart {
        let mut cart = Cart::new(Currency::EUR, customer_id.map(str::to_owned));
        let line =
            CartLine { id: "l1".into(), variant_id: VARIANT.into(), quantity, unit_price_at_add: None, note: None };
        cart.lines = vec![line];
        cart
    }

    /// A checkout session for `cart`, with delivery chosen (card payment).
    pub fn session(&self, cart: &Cart) -> CheckoutSession {
        let contact = ContactDetails::new("ana@example.bg", None).expect("contact");
        let mut session = CheckoutSession::start(cart, contact, now()).expect("session");
        session.set_delivery(delivery(), now()).expect("delivery");
        session
    }

    /// Order number `sequence` of 2026 for `quantity` mugs, placed through checkout.
    pub fn order(&self, sequence: u64, customer_id: Option<&str>, quantity: u32) -> Order {
        self.order_at(sequence, customer_id, quantity, now())
    }

    /// [`Shop::order`] placed at `at` (at or after [`now`]).
    pub fn order_at(&self, sequence: u64, customer_id: Option<&str>, quantity: u32, at: Timestamp) -> Order {
        self.placed_session(sequence, customer_id, quantity, at).1
    }

    /// [`Shop::order_at`] with the checkout session it was placed from (step `placed`).
    pub fn placed_session(
        &self,
        sequence: u64,
        customer_id: Option<&str>,
        quantity: u32,
        at: Timestamp,
    ) -> (CheckoutSession, Order) {
        let cart = self.cart(customer_id, quantity);
        let confirmed = self.pricer.price(&cart, &self.context).expect("price");
        let number = OrderNumber::new("VT", 2026, sequence).expect("number");
        let mut session = self.session(&cart);
        let order = session.place_order(&self.pricer, &cart, &self.context, &confirmed, number, at).expect("order");
        (session, order)
    }

    /// A placement of [`Shop::order`] with its card payment and confirmation e-mail, reserving its mugs
    /// for an hour.
    pub fn placement(&self, sequence: u64, customer_id: Option<&str>, quantity: u32) -> OrderPlacement {
        let order = self.order(sequence, customer_id, quantity);
        let message_id = format!("<order-{}@shop.example>", order.id());
        let mut placement = OrderPlacement::new(order, now() + jiff::SignedDuration::from_hours(1));
        placement.payment = Some(payment_for(&placement.order));
        placement.outbox = vec![OutboxEntry::new(email(&message_id), now())];
        placement
    }
}

/// The fixed instant the fixtures live at.
pub fn now() -> Timestamp {
    "2026-11-23T12:00:00Z".parse().expect("instant")
}

/// The fixture catalog: one simple product.
pub fn catalog() -> Catalog {
    let price = Money::parse_amount("12.90", Currency::EUR, "price").expect("price");
    let products = vec![Product::simple("mug", "Stoneware mug", VARIANT, price)];
    Catalog::new(CatalogData { products, ..Default::default() }).expect("catalog")
}

/// Courier shipping: a flat 4.90 EUR.
pub fn courier() -> ShippingMethod {
    ShippingMethod {
        id: "courier".into(),
        name: "Courier".into(),
        currency: Currency::EUR,
        regions: vec![],
        tax_category: "standard".into(),
        rate: ShippingRate::Flat { amount: Decimal::new(490, 2) },
        free_over: None,
    }
}

fn delivery() -> DeliveryDetails {
    let address = Address {
        recipient: "Ana Petrova".into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: "1000".into(),
        region: None,
        country: "BG".into(),
    };
    DeliveryDetails::new(address, "courier", PaymentMethod::Card)
}

/// A pending card payment of `order`'s total.
pub fn payment_for(order: &Order) -> Payment {
    Payment::new(order.id(), order.number().as_str(), PaymentMethod::Card, order.total(), now()).expect("payment")
}

/// A short e-mail with `message_id`.
pub fn email(message_id: &str) -> EmailMessage {
    email_with_subject(message_id, "Your order")
}

/// A short e-mail with `message_id` and `subject`.
pub fn email_with_subject(message_id: &str, subject: &str) -> EmailMessage {
    EmailMessage::new(NewEmail {
        message_id: message_id.into(),
        from: "Shop <shop@example.com>".into(),
        to: vec!["ana@example.bg".into()],
        reply_to: None,
        subject: subject.into(),
        text: "Thank you.".into(),
        html: None,
        headers: vec![],
        attachments: vec![],
    })
    .expect("email")
}

/// A customer registered with `email`.
pub fn customer(email: &str) -> Customer {
    let new = NewCustomer { email: email.into(), name: "Ana Petrova".into(), phone: None, locale: "bg-BG".into() };
    Customer::register(new, now()).expect("customer")
}

/// A support case opened by `customer_id` about `order_id`.
pub fn support_case(customer_id: &str, order_id: Option<&str>) -> SupportCase {
    let new = NewCase {
        customer_id: customer_id.into(),
        opened_by: support::CaseActor::Customer { id: customer_id.into() },
        channel: Channel::Email,
        subject: "Where is my mug?".into(),
        description: "It has not arrived yet.".into(),
        priority: Priority::Normal,
        category: CaseCategory::Question,
        order_id: order_id.map(str::to_owned),
        order_line_ids: vec![],
    };
    SupportCase::open(new, now()).expect("case")
}

/// `order` moved along its state machine to `to` (through processing and shipping), at [`now`].
pub fn advance(order: &mut Order, to: &[OrderState]) {
    for state in to {
        order.transition(*state, Actor::System, now(), None).expect("transition");
    }
}

/// A planned shipment of every line of `order` (paid in full and moved to processing if pending).
pub fn shipment_for(order: &mut Order) -> Shipment {
    if order.state() == OrderState::PendingPayment {
        order.record_payment(order.total()).expect("paid");
        advance(order, &[OrderState::Paid, OrderState::Processing]);
    }
    let lines = order.cart().lines.iter().map(|l| LineQuantity { line_id: l.id.to_string(), quantity: l.quantity });
    let new = NewShipment {
        courier: "test".into(),
        service: None,
        lines: lines.collect(),
        cash_on_delivery: None,
        packaging: vec![],
    };
    Shipment::plan(order, &[], new, Actor::Staff { id: "packer".into() }, now()).expect("shipment")
}

/// A return of one unit of the first line of the delivered `order`.
pub fn return_for(order: &Order) -> Rma {
    let line = &order.cart().lines[0];
    let new = NewReturn {
        lines: vec![RequestedLine {
            line_id: line.id.to_string(),
            quantity: 1,
            reason: ReturnReason::ChangedMind,
            condition: ItemCondition::Unused,
            photos: vec![],
            note: None,
        }],
        requested_by: Actor::Shopper { customer_id: order.customer_id().map(str::to_owned) },
        note: None,
    };
    Rma::request(new, order, &[], &ReturnPolicy::default(), now()).expect("return")
}

/// A delivery survey of `order` for `customer_id`.
pub fn delivery_survey(order_id: &str, customer_id: &str) -> SurveyRequest {
    SurveyRequest::after_delivery(order_id, customer_id, now(), &CsatPolicy::default(), now()).expect("survey")
}
