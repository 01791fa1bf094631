//! The event kit every aggregate builds on: who acted ([`Actor`]) and an event as recorded
//! ([`RecordedEvent`]); each aggregate owns its event enum, and `notify::DomainEvent` is their union.

mod actor;
mod recorded;

pub use actor::Actor;
pub use recorded::RecordedEvent;
