//! Why a shipping operation was refused ([`ShippingError`]; a refused call changes nothing) and why a
//! courier gave no usable answer ([`CourierError`]).

use thiserror::Error;

use super::ShipmentState;
use crate::delivery::{DeliveryError, PackagingKind};
use crate::money::{Money, MoneyError};
use crate::order::{OrderError, OrderState};

/// Why a courier call failed. Carrier warnings are not errors: they come back with the results.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CourierError {
    /// The courier does not offer this operation (see [`CourierCapabilities`](super::CourierCapabilities)).
    #[error("courier {courier}: {operation} is not supported")]
    Unsupported {
        /// The courier's name.
        courier: String,
        /// The operation asked for (`schedule_pickup`).
        operation: String,
    },
    /// A field of the request is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidRequest {
        /// The offending field (`parcel.weight_grams`).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The destination is outside everywhere the courier serves.
    #[error("no service to {destination}")]
    NoService {
        /// The destination as described (`BG 1000`).
        destination: String,
    },
    /// The courier does not know this tracking number.
    #[error("unknown tracking number {tracking_number}")]
    UnknownShipment {
        /// The number given.
        tracking_number: String,
    },
    /// The courier does not know this pickup.
    #[error("unknown pickup {pickup_id}")]
    UnknownPickup {
        /// The id given.
        pickup_id: String,
    },
    /// The shipment can no longer be cancelled (already picked up).
    #[error("shipment {tracking_number} cannot be cancelled: {reason}")]
    NotCancellable {
        /// The shipment.
        tracking_number: String,
        /// Why not.
        reason: String,
    },
    /// No capacity left (every delivery slot or pickup window is full).
    #[error("no capacity: {reason}")]
    NoCapacity {
        /// What is full.
        reason: String,
    },
    /// The courier could not be reached or failed; the call may be retried.
    #[error("courier unavailable: {reason}")]
    Unavailable {
        /// What happened.
        reason: String,
    },
}

/// Why a shipping operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShippingError {
    /// The shipment state machine does not allow this move.
    #[error("shipment {shipment_id}: cannot move from {from} to {to}")]
    IllegalTransition {
        /// The shipment.
        shipment_id: String,
        /// Its state.
        from: ShipmentState,
        /// The state asked for.
        to: ShipmentState,
    },
    /// A field is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidField {
        /// The offending field (`lines[0].quantity`).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The order is not being fulfilled (only `processing` and `partially_shipped` orders ship).
    #[error("order {order_id}: nothing can be shipped while the order is {state}")]
    NotFulfillable {
        /// The order.
        order_id: String,
        /// Its state.
        state: OrderState,
    },
    /// The order has no such line.
    #[error("{field}: order has no line {line_id}")]
    UnknownLine {
        /// The field that named it.
        field: String,
        /// The line id given.
        line_id: String,
    },
    /// More units would ship than were ordered.
    #[error("{field}: {requested} more of line {line_id} would exceed the {ordered} ordered ({allocated} already in shipments)")]
    OverShipment {
        /// The field that asked.
        field: String,
        /// The order line.
        line_id: String,
        /// Units ordered.
        ordered: u32,
        /// Units already in live shipments.
        allocated: u32,
        /// Units asked for now.
        requested: u32,
    },
    /// Cash on delivery does not match what is due on the shipment.
    #[error("shipment {shipment_id}: cash on delivery due {due:?}, collected {collected:?}")]
    CashOnDeliveryMismatch {
        /// The shipment.
        shipment_id: String,
        /// Cash due on delivery, `None` for a prepaid shipment.
        due: Option<Money>,
        /// Cash reported collected.
        collected: Option<Money>,
    },
    /// Cash on delivery asked for more than the order still owes.
    #[error("cash_on_delivery: {requested} is more than the {outstanding} the order still owes")]
    CashOnDeliveryExceedsBalance {
        /// The amount asked for this shipment.
        requested: Money,
        /// What the order owes, less cash due on its other live shipments.
        outstanding: Money,
    },
    /// The cart asks for packaging the shop does not offer.
    #[error("packaging: {kind} is not offered")]
    PackagingUnavailable {
        /// The packaging asked for.
        kind: PackagingKind,
    },
    /// The delivery slot has no capacity left.
    #[error("slot {slot_id}: all {capacity} places are booked")]
    SlotFull {
        /// The slot.
        slot_id: String,
        /// Its capacity.
        capacity: u32,
    },
    /// The courier failed.
    #[error(transparent)]
    Courier(#[from] CourierError),
    /// The order refused a move.
    #[error(transparent)]
    Order(#[from] OrderError),
    /// Amounts in different currencies or out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl ShippingError {
    /// Builds a [`ShippingError::InvalidField`].
    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> ShippingError {
        ShippingError::InvalidField { field: field.into(), reason: reason.into() }
    }
}

impl From<DeliveryError> for ShippingError {
    /// A refused delivery choice as the shipping error of the same name.
    fn from(e: DeliveryError) -> ShippingError {
        match e {
            DeliveryError::InvalidField { field, reason } => ShippingError::InvalidField { field, reason },
            DeliveryError::PackagingUnavailable { kind } => ShippingError::PackagingUnavailable { kind },
            DeliveryError::SlotFull { slot_id, capacity } => ShippingError::SlotFull { slot_id, capacity },
            DeliveryError::Money(e) => ShippingError::Money(e),
        }
    }
}

impl CourierError {
    /// Builds a [`CourierError::InvalidRequest`].
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> CourierError {
        CourierError::InvalidRequest { field: field.into(), reason: reason.into() }
    }

    /// Builds a [`CourierError::Unsupported`].
    pub fn unsupported(courier: impl Into<String>, operation: impl Into<String>) -> CourierError {
        CourierError::Unsupported { courier: courier.into(), operation: operation.into() }
    }
}

crate::error_code!(CourierError, "shipping", {
    CourierError::Unsupported { .. } => "unsupported",
    CourierError::InvalidRequest { field, .. } => "invalid_request" @ &**field,
    CourierError::NoService { .. } => "no_service",
    CourierError::UnknownShipment { .. } => "unknown_shipment",
    CourierError::UnknownPickup { .. } => "unknown_pickup",
    CourierError::NotCancellable { .. } => "not_cancellable",
    CourierError::NoCapacity { .. } => "no_capacity",
    CourierError::Unavailable { .. } => "unavailable",
});

crate::error_code!(ShippingError, "shipping", {
    ShippingError::IllegalTransition { .. } => "illegal_transition",
    ShippingError::InvalidField { field, .. } => "invalid_field" @ &**field,
    ShippingError::NotFulfillable { .. } => "not_fulfillable" @ "order.state",
    ShippingError::UnknownLine { field, .. } => "unknown_line" @ &**field,
    ShippingError::OverShipment { field, .. } => "over_shipment" @ &**field,
    ShippingError::CashOnDeliveryMismatch { .. } => "cash_on_delivery_mismatch" @ "collected",
    ShippingError::CashOnDeliveryExceedsBalance { .. } => "cash_on_delivery_exceeds_balance",
    ShippingError::PackagingUnavailable { .. } => "packaging_unavailable" @ "packaging",
    ShippingError::SlotFull { .. } => "slot_full" @ "slot_id",
}, wraps {
    ShippingError::Courier(inner) => inner,
    ShippingError::Order(inner) => inner,
    ShippingError::Money(inner) => inner,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_or_operation() {
        assert_eq!(ShippingError::invalid("lines", "must not be empty").to_string(), "lines: must not be empty");
        assert_eq!(
            CourierError::unsupported("own-fleet", "schedule_pickup").to_string(),
            "courier own-fleet: schedule_pickup is not supported"
        );
    }
}
