//! Delivery methods the shopper picks at checkout: the shop's own couriers, a third-party carrier's
//! service, or collection at a pickup point; each serves some zones and is charged through a
//! [`ShippingMethod`](super::ShippingMethod) of the pricing rules.

use serde::{Deserialize, Serialize};

use super::Address;
use super::{zone_for, ShippingZone};

/// How the parcel reaches the shopper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DeliveryKind {
    /// The shop's own drivers, in a booked time slot.
    OwnCourier {
        /// The courier plug-in's name (`own-fleet`).
        courier: String,
    },
    /// A carrier's service to the door.
    Carrier {
        /// The courier plug-in's name.
        courier: String,
        /// The carrier's service code (`standard`, `express`).
        service: String,
    },
    /// Collection by the shopper at a pickup point or locker.
    PickupPoint {
        /// The courier plug-in's name.
        courier: String,
        /// The points the shopper chooses from.
        points: Vec<PickupPoint>,
    },
}

impl DeliveryKind {
    /// The courier plug-in that carries it.
    pub fn courier(&self) -> &str {
        match self {
            DeliveryKind::OwnCourier { courier }
            | DeliveryKind::Carrier { courier, .. }
            | DeliveryKind::PickupPoint { courier, .. } => courier,
        }
    }
}

/// A place where the shopper collects parcels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PickupPoint {
    /// The carrier's id of the point.
    pub id: String,
    /// Name shown to the shopper.
    pub name: String,
    /// Where it is.
    pub address: Address,
    /// Opening hours as the carrier words them.
    #[serde(default)]
    pub opening_hours: Option<String>,
}

/// A delivery method offered at checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeliveryMethod {
    /// Unique id.
    pub id: String,
    /// Name shown to the shopper.
    pub name: String,
    /// How it delivers.
    pub kind: DeliveryKind,
    /// The zones (by id) it serves; empty means everywhere.
    #[serde(default)]
    pub zone_ids: Vec<String>,
    /// The pricing rules' shipping method that charges for it.
    pub shipping_method_id: String,
    /// Whether the shopper may pay cash on delivery.
    #[serde(default)]
    pub cash_on_delivery: bool,
}

impl DeliveryMethod {
    /// Whether the method delivers to `address`, given the shop's `zones` (first match wins).
    pub fn serves(&self, zones: &[ShippingZone], address: &Address) -> bool {
        self.zone_ids.is_empty() || zone_for(zones, address).is_some_and(|zone| self.zone_ids.contains(&zone.id))
    }
}

/// The `methods` that deliver to `address`, in the given order.
pub fn methods_for(methods: &[DeliveryMethod], zones: &[ShippingZone], address: &Address) -> Vec<DeliveryMethod> {
    methods.iter().filter(|m| m.serves(zones, address)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::fixtures::{address, warehouse};

    fn method(id: &str, kind: DeliveryKind, zone_ids: &[&str]) -> DeliveryMethod {
        DeliveryMethod {
            id: id.into(),
            name: id.into(),
            kind,
            zone_ids: zone_ids.iter().map(|z| (*z).to_owned()).collect(),
            shipping_method_id: "courier".into(),
            cash_on_delivery: false,
        }
    }

    fn zones() -> Vec<ShippingZone> {
        vec![
            ShippingZone::countries("sofia", "Sofia", &["BG"]).unwrap().with_postal_prefixes(&["1"]).unwrap(),
            ShippingZone::countries("bg", "Bulgaria", &["BG"]).unwrap(),
        ]
    }

    fn methods() -> Vec<DeliveryMethod> {
        let point = PickupPoint { id: "P1".into(), name: "Locker".into(), address: warehouse(), opening_hours: None };
        vec![
            method("own", DeliveryKind::OwnCourier { courier: "own-fleet".into() }, &["sofia"]),
            method(
                "std",
                DeliveryKind::Carrier { courier: "test".into(), service: "standard".into() },
                &["sofia", "bg"],
            ),
            method("box", DeliveryKind::PickupPoint { courier: "test".into(), points: vec![point] }, &[]),
        ]
    }

    #[test]
    fn methods_are_offered_by_the_zone_of_the_address() {
        let ids = |a: Address| methods_for(&methods(), &zones(), &a).into_iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(ids(address("BG", "1000", None)), ["own", "std", "box"]);
        assert_eq!(ids(address("BG", "8000", None)), ["std", "box"]);
        assert_eq!(ids(address("DE", "10115", None)), ["box"]);
    }

    #[test]
    fn every_kind_names_its_courier_and_serialises_tagged() {
        let couriers: Vec<_> = methods().iter().map(|m| m.kind.courier().to_owned()).collect();
        assert_eq!(couriers, ["own-fleet", "test", "test"]);
        let json = serde_json::to_value(&methods()[2]).unwrap();
        assert_eq!(json["kind"]["type"], "pickup_point");
        assert_eq!(serde_json::from_value::<DeliveryMethod>(json).unwrap(), methods()[2]);
    }
}
