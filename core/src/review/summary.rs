//! A product's rating aggregate over its published reviews: count, average (one decimal, half away
//! from zero) and a 1–5 star histogram.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::product_review::Review;

/// Decimals kept in the average.
const AVERAGE_DECIMALS: u32 = 1;

/// The rating of one product, counting only published reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RatingSummary {
    /// The product.
    pub product_id: String,
    /// Number of published reviews.
    pub count: u32,
    /// Mean stars rounded to one decimal half away from zero; `None` without reviews.
    pub average: Option<Decimal>,
    /// Published reviews per star: index 0 counts 1-star reviews, index 4 counts 5-star ones.
    pub histogram: [u32; 5],
}

impl RatingSummary {
    /// Aggregates the published reviews of `product_id` found in `reviews` (others are ignored).
    pub fn for_product(product_id: &str, reviews: &[Review]) -> RatingSummary {
        let mut histogram = [0u32; 5];
        let counted = reviews.iter().filter(|r| r.product_id() == product_id && r.is_published());
        for review in counted {
            histogram[usize::from(review.rating().stars() - 1)] += 1;
        }
        let count: u32 = histogram.iter().sum();
        RatingSummary { product_id: product_id.to_owned(), count, average: average(&histogram, count), histogram }
    }
}

fn average(histogram: &[u32; 5], count: u32) -> Option<Decimal> {
    if count == 0 {
        return None;
    }
    let stars: u64 = histogram.iter().zip(1u64..).map(|(&n, stars)| u64::from(n) * stars).sum();
    let mean = Decimal::from(stars) / Decimal::from(count);
    Some(mean.round_dp_with_strategy(AVERAGE_DECIMALS, RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod tests {
    use super::super::product_review::tests::{moderator, published, submitted, ts};
    use super::super::state::ReviewState;
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn no_reviews_means_no_average() {
        let summary = RatingSummary::for_product("p1", &[]);
        assert_eq!((summary.count, summary.average, summary.histogram), (0, None, [0; 5]));
    }

    #[test]
    fn only_published_reviews_of_the_product_count() {
        let mut rejected = submitted("c3", 1);
        rejected
            .transition(ReviewState::Rejected, moderator(), Some("spam".into()), ts("2025-01-02T00:00:00Z"))
            .unwrap();
        let reviews = [published("c1", 5), published("c2", 4), submitted("c4", 1), rejected];
        let summary = RatingSummary::for_product("p1", &reviews);
        assert_eq!(summary.count, 2);
        assert_eq!(summary.histogram, [0, 0, 0, 1, 1]);
        assert_eq!(summary.average, Some(dec("4.5")));
        assert_eq!(RatingSummary::for_product("p2", &reviews).count, 0);
    }

    #[test]
    fn average_rounds_half_away_from_zero_to_one_decimal() {
        // 5 + 4 + 4 + 4 = 17 / 4 = 4.25 -> 4.3 (half-even would give 4.2).
        let reviews = [published("c1", 5), published("c2", 4), published("c3", 4), published("c4", 4)];
        assert_eq!(RatingSummary::for_product("p1", &reviews).average, Some(dec("4.3")));
        // 5 + 4 + 4 = 13 / 3 = 4.333… -> 4.3; 5 + 5 + 4 = 14 / 3 = 4.666… -> 4.7.
        let three = [published("c1", 5), published("c2", 4), published("c3", 4)];
        assert_eq!(RatingSummary::for_product("p1", &three).average, Some(dec("4.3")));
        let high = [published("c1", 5), published("c2", 5), published("c3", 4)];
        assert_eq!(RatingSummary::for_product("p1", &high).average, Some(dec("4.7")));
    }

    #[test]
    fn summary_serialises_the_average_as_a_string() {
        let summary = RatingSummary::for_product("p1", &[published("c1", 3)]);
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["average"], "3");
        assert_eq!(json["histogram"], serde_json::json!([0, 0, 1, 0, 0]));
    }
}
