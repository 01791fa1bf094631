//! Delivery time windows (a courier's estimate, a promised slot) and bookable delivery slots with a
//! capacity, for couriers that deliver at an agreed time.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::DeliveryError;

/// A span of time, `start` inclusive to `end` exclusive (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeliveryWindow {
    /// The earliest moment.
    pub start: Timestamp,
    /// The latest moment.
    pub end: Timestamp,
}

impl DeliveryWindow {
    /// A window; errors unless `start` is before `end`.
    pub fn new(start: Timestamp, end: Timestamp) -> Result<DeliveryWindow, DeliveryError> {
        if start < end {
            Ok(DeliveryWindow { start, end })
        } else {
            Err(DeliveryError::invalid("window", "start must be before end"))
        }
    }

    /// Whether `at` falls inside.
    pub fn contains(&self, at: Timestamp) -> bool {
        self.start <= at && at < self.end
    }
}

/// A delivery slot the shopper (or the shop) books, with a fixed number of places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeliverySlot {
    /// Unique id (`2026-03-02-am`).
    pub id: String,
    /// When deliveries of the slot happen.
    pub window: DeliveryWindow,
    /// How many deliveries fit.
    pub capacity: u32,
    /// How many are booked.
    #[serde(default)]
    pub booked: u32,
}

impl DeliverySlot {
    /// An empty slot.
    pub fn new(id: &str, window: DeliveryWindow, capacity: u32) -> DeliverySlot {
        DeliverySlot { id: id.to_owned(), window, capacity, booked: 0 }
    }

    /// Places left.
    pub fn remaining(&self) -> u32 {
        self.capacity.saturating_sub(self.booked)
    }

    /// Takes one place; errors when the slot is full.
    pub fn book(&mut self) -> Result<(), DeliveryError> {
        if self.remaining() == 0 {
            return Err(DeliveryError::SlotFull { slot_id: self.id.clone(), capacity: self.capacity });
        }
        self.booked += 1;
        Ok(())
    }

    /// Gives one place back (a cancelled delivery); nothing happens on an empty slot.
    pub fn release(&mut self) {
        self.booked = self.booked.saturating_sub(1);
    }
}

/// The first slot starting at or after `from` with a place left, earliest first.
pub fn first_free_slot(slots: &[DeliverySlot], from: Timestamp) -> Option<DeliverySlot> {
    slots.iter().filter(|s| s.window.start >= from && s.remaining() > 0).min_by_key(|s| s.window.start).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::fixtures::at;

    fn window(from_hour: i64, to_hour: i64) -> DeliveryWindow {
        DeliveryWindow::new(at(from_hour * 3600), at(to_hour * 3600)).unwrap()
    }

    #[test]
    fn a_window_must_start_before_it_ends() {
        assert!(DeliveryWindow::new(at(10), at(10)).is_err());
        let w = window(1, 3);
        assert!(w.contains(at(3600)) && w.contains(at(3 * 3600 - 1)) && !w.contains(at(3 * 3600)));
    }

    #[test]
    fn a_slot_takes_bookings_up_to_its_capacity() {
        let mut slot = DeliverySlot::new("am", window(0, 4), 2);
        slot.book().unwrap();
        slot.book().unwrap();
        assert_eq!(slot.book(), Err(DeliveryError::SlotFull { slot_id: "am".into(), capacity: 2 }));
        assert_eq!(slot.booked, 2);
        slot.release();
        assert_eq!(slot.remaining(), 1);
    }

    #[test]
    fn first_free_slot_skips_full_and_past_slots() {
        let mut full = DeliverySlot::new("full", window(5, 8), 1);
        full.book().unwrap();
        let slots = [DeliverySlot::new("late", window(9, 12), 3), full, DeliverySlot::new("past", window(0, 3), 3)];
        assert_eq!(first_free_slot(&slots, at(4 * 3600)).unwrap().id, "late");
        assert_eq!(first_free_slot(&slots, at(10 * 3600)), None);
    }
}
