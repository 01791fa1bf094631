//! Configurable products: rules by which an earlier option choice limits the values offered for a
//! later option (choose `frame = carbon`, then only `size` M and L remain), and the guided choice of a variant.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// When option `when_option` is `when_value`, option `then_option` may only take `allowed_values`.
///
/// `then_option` must come after `when_option` in the product's option order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OptionRule {
    /// The earlier option.
    pub when_option: String,
    /// The value chosen for it that triggers the rule.
    pub when_value: String,
    /// The later option restricted.
    pub then_option: String,
    /// The values still offered for the later option.
    pub allowed_values: Vec<String>,
}

use super::error::invalid;
use super::{CatalogError, Product, Variant};

/// Checks a product's option rules: both options exist, the restricted option comes later in the
/// option order, and every value named is one of the option's values.
pub(crate) fn validate_rules(product: &Product, field: &str) -> Result<(), CatalogError> {
    let position = |name: &str| product.options.iter().position(|o| o.name == name);
    for (r, rule) in product.option_rules.iter().enumerate() {
        let rfield = format!("{field}.option_rules[{r}]");
        let when = position(&rule.when_option).ok_or_else(|| CatalogError::UnknownReference {
            field: format!("{rfield}.when_option"),
            kind: "option",
            id: rule.when_option.clone(),
        })?;
        let then = position(&rule.then_option).ok_or_else(|| CatalogError::UnknownReference {
            field: format!("{rfield}.then_option"),
            kind: "option",
            id: rule.then_option.clone(),
        })?;
        if then <= when {
            return Err(invalid(
                format!("{rfield}.then_option"),
                format!("{:?} must come after {:?} in the option order", rule.then_option, rule.when_option),
            ));
        }
        if !product.options[when].values.contains(&rule.when_value) {
            return Err(CatalogError::UnknownReference {
                field: format!("{rfield}.when_value"),
                kind: "option value",
                id: rule.when_value.clone(),
            });
        }
        if let Some(bad) = rule.allowed_values.iter().find(|v| !product.options[then].values.contains(v)) {
            return Err(CatalogError::UnknownReference {
                field: format!("{rfield}.allowed_values"),
                kind: "option value",
                id: bad.clone(),
            });
        }
    }
    Ok(())
}

/// One choice made by the shopper: a value for an option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OptionChoice {
    /// The option's name, e.g. `size`.
    pub option: String,
    /// The value chosen, e.g. `M`.
    pub value: String,
}

impl OptionChoice {
    /// A choice of `value` for `option`.
    pub fn new(option: impl Into<String>, value: impl Into<String>) -> OptionChoice {
        OptionChoice { option: option.into(), value: value.into() }
    }
}

/// The next option to choose and the values still offered for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OfferedValues {
    /// The option's name.
    pub option: String,
    /// Values still offered, in the option's display order.
    pub values: Vec<String>,
}

/// Why a set of option choices was refused; each names the product and the option.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ConfigurationError {
    /// The product has no option of this name.
    #[error("product {product_id:?}: unknown option {option:?}")]
    UnknownOption {
        /// The product configured.
        product_id: String,
        /// The option named in the choice.
        option: String,
    },
    /// The value is not (or no longer) offered given the earlier choices.
    #[error("product {product_id:?}: value {value:?} is not offered for option {option:?} after the earlier choices")]
    ValueNotOffered {
        /// The product configured.
        product_id: String,
        /// The option chosen.
        option: String,
        /// The value refused.
        value: String,
    },
    /// Choices must follow the product's option order, each option once.
    #[error("product {product_id:?}: option {option:?} chosen at position {position}, but it is option {expected_position} in the option order")]
    OutOfOrder {
        /// The product configured.
        product_id: String,
        /// The option chosen at the wrong place.
        option: String,
        /// Where it was chosen (0-based).
        position: usize,
        /// Where the option order puts it (0-based).
        expected_position: usize,
    },
    /// A variant needs a value for every option; this one is still missing.
    #[error("product {product_id:?}: no value chosen for option {option:?}")]
    Incomplete {
        /// The product configured.
        product_id: String,
        /// The first option without a value.
        option: String,
    },
    /// The complete choices match no variant or several (a product with no options and several
    /// variants, which are then picked by id rather than configured).
    #[error("product {product_id:?}: {count} variants match the choices, not exactly one")]
    NoSingleVariant {
        /// The product configured.
        product_id: String,
        /// How many variants match.
        count: usize,
    },
}

impl Product {
    /// The next option to choose after `choices` (made in option order) and the values still offered
    /// for it: those allowed by every rule triggered by a choice and held by at least one variant that
    /// matches all the choices. `None` when every option has a value.
    pub fn offered_values(&self, choices: &[OptionChoice]) -> Result<Option<OfferedValues>, ConfigurationError> {
        self.check_choices(choices)?;
        Ok(self.options.get(choices.len()).map(|_| self.offered_at(choices)))
    }

    /// The variant a complete set of `choices` (in option order) selects.
    pub fn resolve_variant(&self, choices: &[OptionChoice]) -> Result<&Variant, ConfigurationError> {
        self.check_choices(choices)?;
        if let Some(missing) = self.options.get(choices.len()) {
            return Err(ConfigurationError::Incomplete { product_id: self.id.clone(), option: missing.name.clone() });
        }
        let matching: Vec<&Variant> = self.variants.iter().filter(|v| matches_choices(v, choices)).collect();
        match matching.as_slice() {
            [variant] => Ok(variant),
            _ => Err(ConfigurationError::NoSingleVariant { product_id: self.id.clone(), count: matching.len() }),
        }
    }

    /// Checks that each choice names the option at its position and a value offered there.
    fn check_choices(&self, choices: &[OptionChoice]) -> Result<(), ConfigurationError> {
        for (position, choice) in choices.iter().enumerate() {
            let expected_position = self.options.iter().position(|o| o.name == choice.option).ok_or_else(|| {
                ConfigurationError::UnknownOption { product_id: self.id.clone(), option: choice.option.clone() }
            })?;
            if expected_position != position {
                return Err(ConfigurationError::OutOfOrder {
                    product_id: self.id.clone(),
                    option: choice.option.clone(),
                    position,
                    expected_position,
                });
            }
            if !self.offered_at(&choices[..position]).values.contains(&choice.value) {
                return Err(ConfigurationError::ValueNotOffered {
                    product_id: self.id.clone(),
                    option: choice.option.clone(),
                    value: choice.value.clone(),
                });
            }
        }
        Ok(())
    }

    /// Values offered for the option at `choices.len()`, given valid earlier `choices`.
    fn offered_at(&self, choices: &[OptionChoice]) -> OfferedValues {
        let option = &self.options[choices.len()];
        let triggered: Vec<&OptionRule> = self
            .option_rules
            .iter()
            .filter(|r| r.then_option == option.name)
            .filter(|r| choices.iter().any(|c| c.option == r.when_option && c.value == r.when_value))
            .collect();
        let values = option
            .values
            .iter()
            .filter(|value| triggered.iter().all(|r| r.allowed_values.contains(value)))
            .filter(|value| {
                self.variants.iter().any(|v| {
                    matches_choices(v, choices) && v.options.get(&option.name).is_some_and(|held| held == *value)
                })
            })
            .cloned()
            .collect();
        OfferedValues { option: option.name.clone(), values }
    }
}

fn matches_choices(variant: &Variant, choices: &[OptionChoice]) -> bool {
    choices.iter().all(|c| variant.options.get(&c.option).is_some_and(|v| *v == c.value))
}

crate::error_code!(ConfigurationError, "catalog", {
    ConfigurationError::UnknownOption { .. } => "unknown_option",
    ConfigurationError::ValueNotOffered { .. } => "value_not_offered",
    ConfigurationError::OutOfOrder { .. } => "out_of_order",
    ConfigurationError::Incomplete { .. } => "incomplete",
    ConfigurationError::NoSingleVariant { .. } => "no_single_variant",
});

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use rust_decimal::Decimal;

    use super::*;
    use crate::catalog::{Catalog, CatalogData, Price, ProductOption};
    use crate::money::Currency;

    fn variant(id: &str, options: &[(&str, &str)]) -> Variant {
        Variant {
            id: id.to_owned(),
            sku: None,
            options: options.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect::<BTreeMap<_, _>>(),
            prices: vec![Price { currency: Currency::EUR, amount: Decimal::new(100, 0), min_quantity: 1 }],
            weight_grams: 0,
            stock: None,
            backorder: false,
            preorder: false,
            backorder_limit: None,
            expected_on: None,
        }
    }

    fn option(name: &str, values: &[&str]) -> ProductOption {
        ProductOption { name: name.to_owned(), values: values.iter().map(|v| (*v).to_owned()).collect() }
    }

    fn product(options: Vec<ProductOption>, option_rules: Vec<OptionRule>, variants: Vec<Variant>) -> Product {
        Product {
            id: "bike".to_owned(),
            name: "Bike".to_owned(),
            description: String::new(),
            category_ids: vec![],
            options,
            option_rules,
            variants,
            featured: false,
            tax_category: "standard".to_owned(),
        }
    }

    /// Frame, size, colour; a carbon frame only comes in M and L (though a carbon S variant exists),
    /// and a carbon L only in black.
    fn bike() -> Product {
        let mut variants = Vec::new();
        for size in ["S", "M", "L"] {
            for colour in ["red", "black"] {
                variants.push(variant(
                    &format!("steel-{size}-{colour}"),
                    &[("frame", "steel"), ("size", size), ("colour", colour)],
                ));
            }
        }
        for (size, colour) in [("S", "red"), ("M", "red"), ("M", "black"), ("L", "black")] {
            variants.push(variant(
                &format!("carbon-{size}-{colour}"),
                &[("frame", "carbon"), ("size", size), ("colour", colour)],
            ));
        }
        let rule = OptionRule {
            when_option: "frame".to_owned(),
            when_value: "carbon".to_owned(),
            then_option: "size".to_owned(),
            allowed_values: vec!["M".to_owned(), "L".to_owned()],
        };
        product(
            vec![
                option("frame", &["steel", "carbon"]),
                option("size", &["S", "M", "L"]),
                option("colour", &["red", "black"]),
            ],
            vec![rule],
            variants,
        )
    }

    fn choices(pairs: &[(&str, &str)]) -> Vec<OptionChoice> {
        pairs.iter().map(|(o, v)| OptionChoice::new(*o, *v)).collect()
    }

    fn offered(product: &Product, pairs: &[(&str, &str)]) -> OfferedValues {
        product.offered_values(&choices(pairs)).unwrap().unwrap()
    }

    #[test]
    fn fixture_is_a_valid_catalog() {
        assert!(Catalog::new(CatalogData { products: vec![bike()], ..CatalogData::default() }).is_ok());
    }

    #[test]
    fn first_option_offers_all_values_held_by_variants() {
        let next = offered(&bike(), &[]);
        assert_eq!(next.option, "frame");
        assert_eq!(next.values, ["steel", "carbon"]);
    }

    #[test]
    fn untriggered_rule_leaves_all_values() {
        assert_eq!(offered(&bike(), &[("frame", "steel")]).values, ["S", "M", "L"]);
    }

    #[test]
    fn triggered_rule_limits_values_even_when_a_variant_exists() {
        let next = offered(&bike(), &[("frame", "carbon")]);
        assert_eq!(next.option, "size");
        assert_eq!(next.values, ["M", "L"]);
    }

    #[test]
    fn values_without_a_matching_variant_are_not_offered() {
        assert_eq!(offered(&bike(), &[("frame", "carbon"), ("size", "L")]).values, ["black"]);
        assert_eq!(offered(&bike(), &[("frame", "carbon"), ("size", "M")]).values, ["red", "black"]);
    }

    #[test]
    fn values_keep_display_order() {
        let mut product = bike();
        product.options[0].values.reverse();
        assert_eq!(offered(&product, &[]).values, ["carbon", "steel"]);
    }

    #[test]
    fn nothing_left_to_choose_after_all_options() {
        let all = choices(&[("frame", "steel"), ("size", "S"), ("colour", "red")]);
        assert_eq!(bike().offered_values(&all), Ok(None));
    }

    #[test]
    fn complete_choices_resolve_to_their_variant() {
        let bike = bike();
        let all = choices(&[("frame", "carbon"), ("size", "L"), ("colour", "black")]);
        assert_eq!(bike.resolve_variant(&all).unwrap().id, "carbon-L-black");
    }

    #[test]
    fn unknown_option_is_named() {
        let err = bike().offered_values(&choices(&[("wheels", "29")])).unwrap_err();
        assert_eq!(err, ConfigurationError::UnknownOption { product_id: "bike".into(), option: "wheels".into() });
        assert!(err.to_string().contains("\"wheels\""));
    }

    #[test]
    fn choice_out_of_order_is_refused() {
        let err = bike().offered_values(&choices(&[("size", "M")])).unwrap_err();
        assert_eq!(
            err,
            ConfigurationError::OutOfOrder {
                product_id: "bike".into(),
                option: "size".into(),
                position: 0,
                expected_position: 1
            }
        );
    }

    #[test]
    fn repeated_option_is_out_of_order() {
        let err = bike().resolve_variant(&choices(&[("frame", "steel"), ("frame", "steel")])).unwrap_err();
        assert!(matches!(err, ConfigurationError::OutOfOrder { position: 1, expected_position: 0, .. }));
    }

    #[test]
    fn value_excluded_by_rule_is_not_offered() {
        let err =
            bike().resolve_variant(&choices(&[("frame", "carbon"), ("size", "S"), ("colour", "red")])).unwrap_err();
        assert_eq!(
            err,
            ConfigurationError::ValueNotOffered { product_id: "bike".into(), option: "size".into(), value: "S".into() }
        );
    }

    #[test]
    fn value_without_variant_is_not_offered() {
        let err =
            bike().resolve_variant(&choices(&[("frame", "carbon"), ("size", "L"), ("colour", "red")])).unwrap_err();
        assert!(matches!(err, ConfigurationError::ValueNotOffered { ref option, .. } if option == "colour"));
    }

    #[test]
    fn value_not_in_option_is_not_offered() {
        let err = bike().offered_values(&choices(&[("frame", "titanium")])).unwrap_err();
        assert!(matches!(err, ConfigurationError::ValueNotOffered { ref value, .. } if value == "titanium"));
    }

    #[test]
    fn incomplete_choices_name_the_missing_option() {
        let err = bike().resolve_variant(&choices(&[("frame", "steel")])).unwrap_err();
        assert_eq!(err, ConfigurationError::Incomplete { product_id: "bike".into(), option: "size".into() });
    }

    #[test]
    fn product_without_options_resolves_its_only_variant() {
        let single = product(vec![], vec![], vec![variant("only", &[])]);
        assert_eq!(single.resolve_variant(&[]).unwrap().id, "only");
        assert_eq!(single.offered_values(&[]), Ok(None));
    }

    #[test]
    fn product_without_options_and_several_variants_cannot_be_configured() {
        let several = product(vec![], vec![], vec![variant("a", &[]), variant("b", &[])]);
        assert_eq!(
            several.resolve_variant(&[]).unwrap_err(),
            ConfigurationError::NoSingleVariant { product_id: "bike".into(), count: 2 }
        );
    }

    #[test]
    fn choices_round_trip_as_json() {
        let all = choices(&[("frame", "steel")]);
        let json = serde_json::to_string(&all).unwrap();
        assert_eq!(json, r#"[{"option":"frame","value":"steel"}]"#);
        assert_eq!(serde_json::from_str::<Vec<OptionChoice>>(&json).unwrap(), all);
    }
}
