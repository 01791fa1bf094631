//! A star rating from 1 to 5.

use serde::{Deserialize, Serialize};

use super::error::ReviewError;

/// A star rating, 1 (worst) to 5 (best); serialised as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

impl Rating {
    /// Checks that `stars` is 1 to 5.
    pub fn new(stars: u8) -> Result<Rating, ReviewError> {
        if (1..=5).contains(&stars) {
            Ok(Rating(stars))
        } else {
            Err(ReviewError::invalid("rating", format!("must be 1 to 5, got {stars}")))
        }
    }

    /// The number of stars.
    pub fn stars(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Rating {
    type Error = ReviewError;

    fn try_from(stars: u8) -> Result<Self, Self::Error> {
        Rating::new(stars)
    }
}

impl From<Rating> for u8 {
    fn from(rating: Rating) -> Self {
        rating.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_five_stars_are_accepted() {
        for stars in 1..=5 {
            assert_eq!(Rating::new(stars).unwrap().stars(), stars);
        }
    }

    #[test]
    fn zero_and_six_are_refused_naming_the_field() {
        for stars in [0, 6, 255] {
            let err = Rating::new(stars).unwrap_err();
            assert_eq!(err, ReviewError::invalid("rating", format!("must be 1 to 5, got {stars}")));
        }
    }

    #[test]
    fn serde_uses_a_checked_number() {
        assert_eq!(serde_json::to_string(&Rating::new(4).unwrap()).unwrap(), "4");
        assert!(serde_json::from_str::<Rating>("0").is_err());
    }
}
