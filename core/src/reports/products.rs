//! The product report: units, revenue, returns and return rate per variant, product and category over
//! a range of days in one currency, the best and worst sellers, and how many listed products sold.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::funnel::percent;
use super::VariantSales;
use crate::catalog::Catalog;
use crate::money::{Currency, Money};

/// What one variant sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VariantFigures {
    /// The product.
    pub product_id: String,
    /// The variant.
    pub variant_id: String,
    /// Units sold on orders not cancelled.
    pub units: i64,
    /// Their line totals.
    pub revenue: Money,
    /// Units returned.
    pub returned_units: i64,
    /// Units returned over units sold, in percent to two decimals (zero with none sold).
    pub return_rate_percent: Decimal,
}

/// What one product sold, all its variants together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProductFigures {
    /// The product.
    pub product_id: String,
    /// Its name in the current catalog (its id when it is no longer listed).
    pub name: String,
    /// Units sold.
    pub units: i64,
    /// Revenue.
    pub revenue: Money,
    /// Units returned.
    pub returned_units: i64,
    /// Units returned over units sold, in percent to two decimals (zero with none sold).
    pub return_rate_percent: Decimal,
}

/// What the products of one category sold (a product in two categories counts in both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CategoryFigures {
    /// The category.
    pub category_id: String,
    /// Its name.
    pub name: String,
    /// Units sold.
    pub units: i64,
    /// Revenue.
    pub revenue: Money,
    /// Units returned.
    pub returned_units: i64,
    /// Units returned over units sold, in percent to two decimals (zero with none sold).
    pub return_rate_percent: Decimal,
}

/// Product sales from `from` (inclusive) to `to` (exclusive), shop-local days, in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProductReport {
    /// The first day.
    pub from: Date,
    /// The day after the last.
    pub to: Date,
    /// The currency.
    pub currency: Currency,
    /// Every product that sold or is listed, best seller (by revenue, then units) first.
    pub products: Vec<ProductFigures>,
    /// The best sellers (at most the limit asked for).
    pub top: Vec<ProductFigures>,
    /// The worst sellers among the listed products, worst first (at most the limit asked for).
    pub bottom: Vec<ProductFigures>,
    /// Every variant that sold, best first.
    pub variants: Vec<VariantFigures>,
    /// Every category of the catalog, best first.
    pub categories: Vec<CategoryFigures>,
    /// Products in the current catalog.
    pub listed: u64,
    /// Of them, products that sold at least one unit.
    pub sold: u64,
    /// Sold over listed, in percent, to two decimals (zero with nothing listed).
    pub sell_through_percent: Decimal,
    /// Units sold in the range, all products.
    pub units: i64,
    /// Units returned in the range, all products.
    pub returned_units: i64,
    /// Returned over sold, in percent to two decimals (zero with none sold).
    pub return_rate_percent: Decimal,
}

impl ProductReport {
    /// The report of the variant rows of the range (`rows`, any currency) against `catalog`,
    /// with `limit` best and worst sellers.
    pub fn build(
        from: Date,
        to: Date,
        currency: Currency,
        rows: &[VariantSales],
        catalog: &Catalog,
        limit: usize,
    ) -> ProductReport {
        let zero = Money::zero(currency);
        let rows: Vec<&VariantSales> = rows.iter().filter(|row| row.currency == currency.code()).collect();
        let mut variants: Vec<VariantFigures> = rows
            .iter()
            .map(|row| VariantFigures {
                product_id: row.product_id.clone(),
                variant_id: row.variant_id.clone(),
                units: row.units,
                revenue: Money::from_minor(row.revenue_minor, currency),
                returned_units: row.returned_units,
                return_rate_percent: percent(row.returned_units, row.units),
            })
            .collect();
        variants.sort_by_key(|f| std::cmp::Reverse((f.revenue.minor(), f.units)));

        let mut products: BTreeMap<String, ProductFigures> = catalog
            .products()
            .iter()
            .map(|product| (product.id.clone(), figures(&product.id, &product.name, zero)))
            .collect();
        for row in &rows {
            let product = products.entry(row.product_id.clone()).or_insert_with(|| {
                let name = catalog.product(&row.product_id).map_or(row.product_id.as_str(), |p| &p.name);
                figures(&row.product_id, name, zero)
            });
            product.units += row.units;
            product.revenue = Money::from_minor(product.revenue.minor() + row.revenue_minor, currency);
            product.returned_units += row.returned_units;
        }
        for product in products.values_mut() {
            product.return_rate_percent = percent(product.returned_units, product.units);
        }
        let listed = catalog.products().len() as u64;
        let sold = catalog.products().iter().filter(|p| products.get(&p.id).is_some_and(|f| f.units > 0)).count();
        let mut products: Vec<ProductFigures> = products.into_values().collect();
        products.sort_by_key(|f| std::cmp::Reverse((f.revenue.minor(), f.units)));
        let units: i64 = products.iter().map(|p| p.units).sum();
        let returned_units: i64 = products.iter().map(|p| p.returned_units).sum();
        let top = products.iter().filter(|p| p.units > 0).take(limit).cloned().collect();
        let bottom =
            products.iter().rev().filter(|p| catalog.product(&p.product_id).is_some()).take(limit).cloned().collect();
        ProductReport {
            from,
            to,
            currency,
            categories: categories(catalog, &products, zero),
            products,
            top,
            bottom,
            variants,
            listed,
            sold: sold as u64,
            sell_through_percent: percent(sold as i64, listed as i64),
            units,
            returned_units,
            return_rate_percent: percent(returned_units, units),
        }
    }
}

fn figures(product_id: &str, name: &str, zero: Money) -> ProductFigures {
    ProductFigures {
        product_id: product_id.to_owned(),
        name: name.to_owned(),
        units: 0,
        revenue: zero,
        returned_units: 0,
        return_rate_percent: Decimal::ZERO,
    }
}

fn categories(catalog: &Catalog, products: &[ProductFigures], zero: Money) -> Vec<CategoryFigures> {
    let mut categories: Vec<CategoryFigures> = catalog
        .categories()
        .iter()
        .map(|category| {
            let mut sum = CategoryFigures {
                category_id: category.id.clone(),
                name: category.name.clone(),
                units: 0,
                revenue: zero,
                returned_units: 0,
                return_rate_percent: Decimal::ZERO,
            };
            let members = products.iter().filter(|figures| {
                catalog.product(&figures.product_id).is_some_and(|p| p.category_ids.contains(&category.id))
            });
            for member in members {
                sum.units += member.units;
                sum.revenue = Money::from_minor(sum.revenue.minor() + member.revenue.minor(), zero.currency());
                sum.returned_units += member.returned_units;
            }
            sum.return_rate_percent = percent(sum.returned_units, sum.units);
            sum
        })
        .collect();
    categories.sort_by_key(|f| std::cmp::Reverse((f.revenue.minor(), f.units)));
    categories
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(product_id: &str, variant_id: &str, units: i64, returned_units: i64) -> VariantSales {
        VariantSales {
            currency: "EUR".into(),
            product_id: product_id.into(),
            variant_id: variant_id.into(),
            units,
            revenue_minor: units * 1000,
            returned_units,
        }
    }

    /// Returned over sold per variant, product and for the whole range; a return of a unit sold
    /// before the range, with none sold in it, is a rate of zero, not a division by zero.
    #[test]
    fn return_rates_are_returned_over_sold() {
        let rows = [row("tea", "tea-s", 3, 1), row("tea", "tea-l", 4, 0), row("honey", "honey", 0, 1)];
        let report = ProductReport::build(
            Date::constant(2026, 3, 1),
            Date::constant(2026, 4, 1),
            Currency::EUR,
            &rows,
            &Catalog::new(crate::catalog::CatalogData::default()).unwrap(),
            5,
        );
        let variant = |id: &str| report.variants.iter().find(|v| v.variant_id == id).unwrap();
        assert_eq!(variant("tea-s").return_rate_percent.to_string(), "33.33", "1 of 3");
        assert_eq!(variant("tea-l").return_rate_percent, Decimal::ZERO);
        let product = |id: &str| report.products.iter().find(|p| p.product_id == id).unwrap();
        assert_eq!(product("tea").return_rate_percent.to_string(), "14.29", "1 of 7");
        assert_eq!(product("honey").return_rate_percent, Decimal::ZERO, "none sold in the range");
        assert_eq!((report.units, report.returned_units), (7, 2));
        assert_eq!(report.return_rate_percent.to_string(), "28.57", "2 of 7");
    }
}
