//! The periods a sales report groups its days into: days, ISO weeks (Monday first) and calendar
//! months, all in the shop's time zone.

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

/// How a report groups days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// One row per day.
    Day,
    /// One row per ISO week, starting on Monday.
    Week,
    /// One row per calendar month.
    Month,
}

impl Period {
    /// The first day of the period `day` falls in.
    pub fn start_of(self, day: Date) -> Date {
        match self {
            Period::Day => day,
            Period::Week => {
                let back = i64::from(day.weekday().since(Weekday::Monday));
                day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
            }
            Period::Month => day.first_of_month(),
        }
    }

    /// The period's name in reports and CSV files.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        let sunday = date(2026, 3, 1);
        assert_eq!(Period::Week.start_of(sunday), date(2026, 2, 23));
        assert_eq!(Period::Week.start_of(date(2026, 2, 23)), date(2026, 2, 23));
        assert_eq!(Period::Month.start_of(date(2026, 2, 28)), date(2026, 2, 1));
        assert_eq!(Period::Day.start_of(sunday), sunday);
    }
}
