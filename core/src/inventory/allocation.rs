//! Allocating an order's lines to stock locations: a pluggable [`AllocationStrategy`] reads what each
//! location has free and says which location holds how many units of each line.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Units of one variant an order asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demand {
    /// The variant.
    pub variant_id: String,
    /// How many units (at least 1).
    pub quantity: u32,
}

/// Units of one variant free at one location (the store lists them in its preference order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The location.
    pub location_id: String,
    /// The variant.
    pub variant_id: String,
    /// Units on hand and not reserved.
    pub available: u64,
}

/// Units of one variant held at one location for an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AllocatedLine {
    /// The location holding them (its parcel ships from there).
    pub location_id: String,
    /// The variant.
    pub variant_id: String,
    /// How many units.
    pub quantity: u32,
}

/// A line the locations cannot fill together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    /// The variant short of stock.
    pub variant_id: String,
    /// Units asked for.
    pub requested: u32,
    /// Units free at all candidate locations together.
    pub available: u64,
}

/// Decides which locations hold an order's units. A plug-in: a shop may prefer the nearest
/// location, the fullest, or its own rules.
pub trait AllocationStrategy: Send + Sync {
    /// A short name, for logs and to tell strategies apart.
    fn name(&self) -> &str;

    /// Allocates every unit of `demand` (one entry per variant) from `candidates`, never more than
    /// a candidate has free; a line the candidates cannot fill is a [`Shortfall`].
    fn allocate(&self, demand: &[Demand], candidates: &[Candidate]) -> Result<Vec<AllocatedLine>, Shortfall>;
}

/// The default strategy: the first location (in the store's order) that can ship every line;
/// otherwise, location by location, the one that can ship the most of what is still missing,
/// so an order is split over as few locations as the greedy choice finds.
#[derive(Debug, Clone, Copy, Default)]
pub struct FewestLocations;

impl AllocationStrategy for FewestLocations {
    fn name(&self) -> &str {
        "fewest_locations"
    }

    fn allocate(&self, demand: &[Demand], candidates: &[Candidate]) -> Result<Vec<AllocatedLine>, Shortfall> {
        let mut free = Free::of(candidates);
        free.check(demand)?;
        let mut missing: BTreeMap<&str, u32> = demand.iter().map(|d| (d.variant_id.as_str(), d.quantity)).collect();
        let mut allocated = Vec::new();
        while missing.values().any(|units| *units > 0) {
            let Some(location) = free.best(&missing) else { break };
            for (variant_id, units) in missing.iter_mut().filter(|(_, units)| **units > 0) {
                let take = free.at(location, variant_id).min(u64::from(*units));
                if take > 0 {
                    let quantity = u32::try_from(take).unwrap_or(*units);
                    *units -= quantity;
                    free.take(location, variant_id, take);
                    let (location_id, variant_id) = (location.to_owned(), (*variant_id).to_owned());
                    allocated.push(AllocatedLine { location_id, variant_id, quantity });
                }
            }
        }
        allocated.sort_by(|a, b| (&a.location_id, &a.variant_id).cmp(&(&b.location_id, &b.variant_id)));
        Ok(allocated)
    }
}

/// Free units by location, locations in the store's order.
struct Free<'a> {
    locations: Vec<&'a str>,
    units: BTreeMap<(&'a str, &'a str), u64>,
}

impl<'a> Free<'a> {
    fn of(candidates: &'a [Candidate]) -> Free<'a> {
        let mut free = Free { locations: Vec::new(), units: BTreeMap::new() };
        for candidate in candidates {
            if !free.locations.contains(&candidate.location_id.as_str()) {
                free.locations.push(&candidate.location_id);
            }
            *free.units.entry((&candidate.location_id, &candidate.variant_id)).or_default() += candidate.available;
        }
        free
    }

    fn at(&self, location: &str, variant: &str) -> u64 {
        self.units.get(&(location, variant)).copied().unwrap_or(0)
    }

    fn take(&mut self, location: &str, variant: &str, units: u64) {
        for ((at, of), free) in self.units.iter_mut() {
            if *at == location && *of == variant {
                *free = free.saturating_sub(units);
            }
        }
    }

    /// The first line that all locations together cannot fill.
    fn check(&self, demand: &[Demand]) -> Result<(), Shortfall> {
        for line in demand {
            let available: u64 = self.locations.iter().map(|l| self.at(l, &line.variant_id)).sum();
            if available < u64::from(line.quantity) {
                return Err(Shortfall { variant_id: line.variant_id.clone(), requested: line.quantity, available });
            }
        }
        Ok(())
    }

    /// The location covering the most missing units (a complete cover wins; ties: the earlier).
    fn best(&self, missing: &BTreeMap<&str, u32>) -> Option<&'a str> {
        let covered = |location: &str| -> (bool, u64) {
            let mut whole = true;
            let mut units = 0;
            for (variant, need) in missing.iter().filter(|(_, need)| **need > 0) {
                let take = self.at(location, variant).min(u64::from(*need));
                whole &= take == u64::from(*need);
                units += take;
            }
            (whole, units)
        };
        let mut best: Option<(&'a str, (bool, u64))> = None;
        for location in &self.locations {
            let score = covered(location);
            if score.1 > 0 && best.is_none_or(|(_, top)| score > top) {
                best = Some((location, score));
            }
        }
        best.map(|(location, _)| location)
    }
}

/// The allocation strategy a shop uses, shared by its commands ([`FewestLocations`] by default).
#[derive(Clone)]
pub struct Allocator(Arc<dyn AllocationStrategy>);

impl Allocator {
    /// An allocator using `strategy`.
    pub fn new(strategy: Arc<dyn AllocationStrategy>) -> Allocator {
        Allocator(strategy)
    }

    /// The strategy.
    pub fn strategy(&self) -> &dyn AllocationStrategy {
        self.0.as_ref()
    }
}

impl Default for Allocator {
    fn default() -> Allocator {
        Allocator(Arc::new(FewestLocations))
    }
}

impl fmt::Debug for Allocator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Allocator").field(&self.0.name()).finish()
    }
}

impl PartialEq for Allocator {
    fn eq(&self, other: &Allocator) -> bool {
        self.0.name() == other.0.name()
    }
}

impl Eq for Allocator {}

#[cfg(test)]
mod tests {
    use super::*;

    fn demand(lines: &[(&str, u32)]) -> Vec<Demand> {
        lines.iter().map(|(v, q)| Demand { variant_id: (*v).into(), quantity: *q }).collect()
    }

    fn stock(rows: &[(&str, &str, u64)]) -> Vec<Candidate> {
        rows.iter()
            .map(|(l, v, a)| Candidate { location_id: (*l).into(), variant_id: (*v).into(), available: *a })
            .collect()
    }

    fn line(location: &str, variant: &str, quantity: u32) -> AllocatedLine {
        AllocatedLine { location_id: location.into(), variant_id: variant.into(), quantity }
    }

    #[test]
    fn one_location_that_ships_everything_wins_over_the_first() {
        let candidates = stock(&[("a", "tee", 5), ("b", "tee", 2), ("b", "mug", 1), ("c", "tee", 9)]);
        let got = FewestLocations.allocate(&demand(&[("mug", 1), ("tee", 2)]), &candidates).unwrap();
        assert_eq!(got, [line("b", "mug", 1), line("b", "tee", 2)]);
        let first = FewestLocations.allocate(&demand(&[("tee", 2)]), &candidates).unwrap();
        assert_eq!(first, [line("a", "tee", 2)], "the store's order breaks ties");
    }

    #[test]
    fn splits_over_the_fewest_locations() {
        let candidates = stock(&[("a", "tee", 1), ("b", "tee", 3), ("b", "mug", 0), ("c", "mug", 2), ("c", "tee", 1)]);
        let got = FewestLocations.allocate(&demand(&[("mug", 2), ("tee", 4)]), &candidates).unwrap();
        assert_eq!(got, [line("b", "tee", 3), line("c", "mug", 2), line("c", "tee", 1)]);
        let total: u32 = got.iter().filter(|l| l.variant_id == "tee").map(|l| l.quantity).sum();
        assert_eq!(total, 4);
        let spread = stock(&[("a", "tee", 3), ("b", "tee", 2)]);
        let got = FewestLocations.allocate(&demand(&[("tee", 4)]), &spread).unwrap();
        assert_eq!(got, [line("a", "tee", 3), line("b", "tee", 1)], "what a location gave is gone");
    }

    #[test]
    fn a_line_no_one_can_fill_is_a_shortfall() {
        let candidates = stock(&[("a", "tee", 1), ("b", "tee", 1)]);
        let short = FewestLocations.allocate(&demand(&[("tee", 3)]), &candidates).unwrap_err();
        assert_eq!(short, Shortfall { variant_id: "tee".into(), requested: 3, available: 2 });
        let untracked = FewestLocations.allocate(&demand(&[("cap", 1)]), &candidates).unwrap_err();
        assert_eq!(untracked.available, 0);
        assert_eq!(FewestLocations.allocate(&[], &candidates), Ok(Vec::new()));
    }

    #[test]
    fn allocators_compare_by_strategy_name() {
        assert_eq!(Allocator::default(), Allocator::new(Arc::new(FewestLocations)));
        assert_eq!(format!("{:?}", Allocator::default()), "Allocator(\"fewest_locations\")");
    }
}
