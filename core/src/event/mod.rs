//! Domain events: what happened to checkouts, orders and payments, collected by the aggregates as they
//! change and taken out later (an outbox) to drive notifications, shop webhooks and analytics.

mod actor;
mod domain_event;
mod recorded;

pub use actor::Actor;
pub use domain_event::DomainEvent;
pub use recorded::RecordedEvent;
