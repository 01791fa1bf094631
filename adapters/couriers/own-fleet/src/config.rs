//! How the fleet is set up: who the shop is, where it delivers at what price, and its slots.

use vitrina_core::delivery::Address;
use vitrina_core::delivery::{DeliverySlot, ShippingZone};
use vitrina_core::money::Money;

/// The courier's name.
pub const OWN_FLEET: &str = "own-fleet";

/// A zone the drivers serve and what delivery there costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FleetZone {
    /// Where.
    pub zone: ShippingZone,
    /// The price of one delivery.
    pub price: Money,
}

/// The fleet's set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnFleetConfig {
    /// The shop's name, printed as the sender (unless packaging is discreet).
    pub shop_name: String,
    /// Zones, first match wins.
    pub zones: Vec<FleetZone>,
    /// Delivery slots with their capacity.
    pub slots: Vec<DeliverySlot>,
    /// Heaviest parcel one driver carries, in grams (heavier ones get a warning).
    pub max_weight_grams: u32,
    /// How many free slots a rate quote offers.
    pub slots_offered: usize,
    /// Prefix of tracking numbers (`OF`).
    pub tracking_prefix: String,
}

impl OwnFleetConfig {
    /// The zone of `address`, if served.
    pub fn zone_for(&self, address: &Address) -> Option<&FleetZone> {
        self.zones.iter().find(|z| z.zone.contains(address))
    }
}
