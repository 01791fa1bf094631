//! A parcel as couriers see it: gross weight, outer dimensions and what is inside (order lines and
//! units), built from a shipment's lines and the catalog's variant weights.

use serde::{Deserialize, Serialize};

use super::{CourierError, ShipmentLine};
use crate::catalog::Catalog;

/// Outer dimensions in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dimensions {
    /// Longest side.
    pub length_mm: u32,
    /// Middle side.
    pub width_mm: u32,
    /// Shortest side.
    pub height_mm: u32,
}

impl Dimensions {
    /// Volume in cubic centimetres, rounded up.
    pub fn volume_cm3(&self) -> u64 {
        let mm3 = u64::from(self.length_mm) * u64::from(self.width_mm) * u64::from(self.height_mm);
        mm3.div_ceil(1000)
    }
}

/// One kind of item in a parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParcelItem {
    /// The variant.
    pub variant_id: String,
    /// Units of it.
    pub quantity: u32,
}

/// A parcel handed to a courier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Parcel {
    /// Gross weight in grams, packaging included.
    pub weight_grams: u32,
    /// Outer dimensions, when measured.
    #[serde(default)]
    pub dimensions: Option<Dimensions>,
    /// What is inside.
    #[serde(default)]
    pub items: Vec<ParcelItem>,
}

impl Parcel {
    /// The parcel for `lines`: the catalog weight of every unit plus `packaging_grams` (variants the
    /// catalog no longer has count as weightless).
    pub fn for_lines(lines: &[ShipmentLine], catalog: &Catalog, packaging_grams: u32) -> Parcel {
        let goods: u32 = lines
            .iter()
            .map(|line| catalog.variant(&line.variant_id).map_or(0, |(_, v)| v.weight_grams) * line.quantity)
            .sum();
        let items =
            lines.iter().map(|l| ParcelItem { variant_id: l.variant_id.clone(), quantity: l.quantity }).collect();
        Parcel { weight_grams: goods + packaging_grams, dimensions: None, items }
    }

    /// Checks the parcel has weight and no zero dimension; errors name the field (`parcel.weight_grams`).
    pub fn validate(&self) -> Result<(), CourierError> {
        if self.weight_grams == 0 {
            return Err(CourierError::invalid("parcel.weight_grams", "must be positive"));
        }
        let zero_side = self.dimensions.is_some_and(|d| d.length_mm == 0 || d.width_mm == 0 || d.height_mm == 0);
        if zero_side {
            return Err(CourierError::invalid("parcel.dimensions", "every side must be positive"));
        }
        Ok(())
    }

    /// The weight a courier charges: the larger of the actual weight and the volumetric weight
    /// (volume in cm³ divided by `divisor`, in kilograms, e.g. 5000).
    pub fn chargeable_grams(&self, divisor: u32) -> u64 {
        let volumetric = self.dimensions.map_or(0, |d| (d.volume_cm3() * 1000).div_ceil(u64::from(divisor.max(1))));
        volumetric.max(u64::from(self.weight_grams))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::fixtures::pricer;

    fn line(variant_id: &str, quantity: u32) -> ShipmentLine {
        ShipmentLine { line_id: format!("line-{variant_id}"), variant_id: variant_id.into(), quantity }
    }

    #[test]
    fn weight_adds_catalog_weights_and_packaging() {
        let parcel = Parcel::for_lines(&[line("tee", 1), line("mug", 2), line("gone", 5)], pricer().catalog(), 150);
        assert_eq!(parcel.weight_grams, 3 * 300 + 150);
        assert_eq!(parcel.items.len(), 3);
        assert_eq!(parcel.items[1], ParcelItem { variant_id: "mug".into(), quantity: 2 });
    }

    #[test]
    fn chargeable_weight_is_the_larger_of_actual_and_volumetric() {
        let mut parcel = Parcel { weight_grams: 1000, dimensions: None, items: vec![] };
        assert_eq!(parcel.chargeable_grams(5000), 1000);
        // 40 x 30 x 20 cm = 24 000 cm³ / 5000 = 4.8 kg
        parcel.dimensions = Some(Dimensions { length_mm: 400, width_mm: 300, height_mm: 200 });
        assert_eq!(parcel.chargeable_grams(5000), 4800);
    }

    #[test]
    fn weightless_or_flat_parcels_are_refused_naming_the_field() {
        let empty = Parcel { weight_grams: 0, dimensions: None, items: vec![] };
        assert!(
            matches!(empty.validate(), Err(CourierError::InvalidRequest { field, .. }) if field == "parcel.weight_grams")
        );
        let flat = Parcel {
            weight_grams: 1,
            dimensions: Some(Dimensions { length_mm: 1, width_mm: 0, height_mm: 1 }),
            items: vec![],
        };
        assert!(
            matches!(flat.validate(), Err(CourierError::InvalidRequest { field, .. }) if field == "parcel.dimensions")
        );
    }
}
