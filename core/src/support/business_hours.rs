//! Business calendars: a time zone, weekly opening hours and holidays, and the business-time maths
//! (add N business minutes, count business minutes between two instants), correct across DST.

use std::collections::BTreeSet;

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::error::SupportError;

/// One opening interval of a day in local wall-clock time, `start` inclusive, `end` exclusive.
/// An `end` of `00:00` means midnight at the end of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OpeningInterval {
    /// Opening time.
    pub start: Time,
    /// Closing time (`00:00` = end of day).
    pub end: Time,
}

impl OpeningInterval {
    /// An interval from `start` to `end` (no validation; the calendar validates).
    pub fn new(start: Time, end: Time) -> Self {
        Self { start, end }
    }

    fn closes_at_midnight(&self) -> bool {
        self.end == Time::midnight()
    }
}

/// Opening intervals for each weekday, sorted and not overlapping; an empty day is closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WeeklyHours {
    /// Monday's intervals.
    pub monday: Vec<OpeningInterval>,
    /// Tuesday's intervals.
    pub tuesday: Vec<OpeningInterval>,
    /// Wednesday's intervals.
    pub wednesday: Vec<OpeningInterval>,
    /// Thursday's intervals.
    pub thursday: Vec<OpeningInterval>,
    /// Friday's intervals.
    pub friday: Vec<OpeningInterval>,
    /// Saturday's intervals.
    pub saturday: Vec<OpeningInterval>,
    /// Sunday's intervals.
    pub sunday: Vec<OpeningInterval>,
}

impl WeeklyHours {
    /// The intervals of one weekday.
    pub fn on(&self, weekday: Weekday) -> &[OpeningInterval] {
        match weekday {
            Weekday::Monday => &self.monday,
            Weekday::Tuesday => &self.tuesday,
            Weekday::Wednesday => &self.wednesday,
            Weekday::Thursday => &self.thursday,
            Weekday::Friday => &self.friday,
            Weekday::Saturday => &self.saturday,
            Weekday::Sunday => &self.sunday,
        }
    }

    fn days(&self) -> [(&'static str, &[OpeningInterval]); 7] {
        [
            ("monday", &self.monday),
            ("tuesday", &self.tuesday),
            ("wednesday", &self.wednesday),
            ("thursday", &self.thursday),
            ("friday", &self.friday),
            ("saturday", &self.saturday),
            ("sunday", &self.sunday),
        ]
    }
}

/// The plain-data form of a [`BusinessCalendar`], as stored and exchanged in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BusinessCalendarSpec {
    /// IANA time-zone name, e.g. `Europe/Sofia`.
    pub time_zone: String,
    /// Weekly opening hours in that zone's local time.
    pub weekly: WeeklyHours,
    /// Local dates on which support is closed all day.
    pub holidays: Vec<Date>,
}

/// Support's working time: opening hours in a time zone, minus holidays. Validated on creation
/// (and on deserialisation): known zone, at least one opening interval, intervals ordered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "BusinessCalendarSpec", into = "BusinessCalendarSpec")]
pub struct BusinessCalendar {
    time_zone_name: String,
    time_zone: TimeZone,
    weekly: WeeklyHours,
    holidays: BTreeSet<Date>,
}

impl TryFrom<BusinessCalendarSpec> for BusinessCalendar {
    type Error = SupportError;

    fn try_from(spec: BusinessCalendarSpec) -> Result<Self, Self::Error> {
        let time_zone = TimeZone::get(&spec.time_zone)
            .map_err(|err| SupportError::invalid("time_zone", format!("{:?}: {err}", spec.time_zone)))?;
        validate_week(&spec.weekly)?;
        Ok(Self {
            time_zone_name: spec.time_zone,
            time_zone,
            weekly: spec.weekly,
            holidays: spec.holidays.into_iter().collect(),
        })
    }
}

impl From<BusinessCalendar> for BusinessCalendarSpec {
    fn from(calendar: BusinessCalendar) -> Self {
        Self {
            time_zone: calendar.time_zone_name,
            weekly: calendar.weekly,
            holidays: calendar.holidays.into_iter().collect(),
        }
    }
}

impl BusinessCalendar {
    /// A calendar in the IANA zone `time_zone` with the given hours and holidays.
    pub fn new(time_zone: &str, weekly: WeeklyHours, holidays: Vec<Date>) -> Result<Self, SupportError> {
        Self::try_from(BusinessCalendarSpec { time_zone: time_zone.to_owned(), weekly, holidays })
    }

    /// The IANA zone name.
    pub fn time_zone_name(&self) -> &str {
        &self.time_zone_name
    }

    /// Whether support works at `at`.
    pub fn is_open_at(&self, at: Timestamp) -> Result<bool, SupportError> {
        let until =
            at.checked_add(SignedDuration::from_nanos(1)).map_err(|_| SupportError::out_of_range("is_open_at"))?;
        Ok(!self.business_duration_between(at, until)?.is_zero())
    }

    /// The instant reached after `minutes` business minutes from `start`; from a closed time the
    /// count begins at the next opening. Zero minutes returns `start`.
    pub fn add_business_minutes(&self, start: Timestamp, minutes: i64) -> Result<Timestamp, SupportError> {
        if minutes < 0 {
            return Err(SupportError::invalid("minutes", "must not be negative"));
        }
        let duration =
            SignedDuration::try_from_mins(minutes).ok_or_else(|| SupportError::invalid("minutes", "too large"))?;
        self.add_business_duration(start, duration)
    }

    /// Whole business minutes (rounded down) between `from` and `to`; zero if `to` is not later.
    pub fn business_minutes_between(&self, from: Timestamp, to: Timestamp) -> Result<i64, SupportError> {
        Ok(self.business_duration_between(from, to)?.as_mins())
    }

    /// Exact business time between `from` and `to`; zero if `to` is not later.
    pub(super) fn business_duration_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<SignedDuration, SupportError> {
        let mut total = SignedDuration::ZERO;
        if to <= from {
            return Ok(total);
        }
        for range in self.open_ranges_from(from) {
            let (start, end) = range?;
            if start >= to {
                return Ok(total);
            }
            total += overlap((start, end), (from, to));
        }
        Err(SupportError::out_of_range("business_minutes_between"))
    }

    /// The instant reached after `duration` (not negative) of business time from `start`.
    pub(super) fn add_business_duration(
        &self,
        start: Timestamp,
        duration: SignedDuration,
    ) -> Result<Timestamp, SupportError> {
        let mut remaining = duration;
        if remaining.is_zero() {
            return Ok(start);
        }
        for range in self.open_ranges_from(start) {
            let (open, close) = range?;
            let open = open.max(start);
            if close <= open {
                continue;
            }
            let available = close.duration_since(open);
            if remaining <= available {
                return open.checked_add(remaining).map_err(|_| SupportError::out_of_range("add_business_minutes"));
            }
            remaining -= available;
        }
        Err(SupportError::out_of_range("add_business_minutes"))
    }

    /// Opening ranges as instants, day by day from the local date of `from`, holidays skipped.
    fn open_ranges_from(
        &self,
        from: Timestamp,
    ) -> impl Iterator<Item = Result<(Timestamp, Timestamp), SupportError>> + '_ {
        let first_day = self.time_zone.to_datetime(from).date();
        let days = std::iter::successors(Some(first_day), |day| day.tomorrow().ok());
        days.filter(|day| !self.holidays.contains(day))
            .flat_map(move |day| self.weekly.on(day.weekday()).iter().map(move |interval| self.range_on(day, interval)))
    }

    fn range_on(&self, day: Date, interval: &OpeningInterval) -> Result<(Timestamp, Timestamp), SupportError> {
        let start = self.instant(day.to_datetime(interval.start))?;
        let end_day = match interval.closes_at_midnight() {
            true => day.tomorrow().map_err(|_| SupportError::out_of_range("opening interval"))?,
            false => day,
        };
        Ok((start, self.instant(end_day.to_datetime(interval.end))?))
    }

    /// The instant of a local wall-clock time; a time skipped by DST moves forward, a repeated
    /// time takes its first occurrence.
    fn instant(&self, local: DateTime) -> Result<Timestamp, SupportError> {
        self.time_zone.to_ambiguous_timestamp(local).compatible().map_err(|_| SupportError::out_of_range("local time"))
    }
}

fn overlap(a: (Timestamp, Timestamp), b: (Timestamp, Timestamp)) -> SignedDuration {
    let (start, end) = (a.0.max(b.0), a.1.min(b.1));
    match end > start {
        true => end.duration_since(start),
        false => SignedDuration::ZERO,
    }
}

fn validate_week(weekly: &WeeklyHours) -> Result<(), SupportError> {
    for (name, intervals) in weekly.days() {
        validate_day(name, intervals)?;
    }
    match weekly.days().iter().all(|(_, intervals)| intervals.is_empty()) {
        true => Err(SupportError::invalid("weekly", "at least one opening interval is needed")),
        false => Ok(()),
    }
}

fn validate_day(name: &str, intervals: &[OpeningInterval]) -> Result<(), SupportError> {
    let mut previous_end: Option<Time> = None;
    for (index, interval) in intervals.iter().enumerate() {
        let field = || format!("weekly.{name}[{index}]");
        if !interval.closes_at_midnight() && interval.end <= interval.start {
            return Err(SupportError::invalid(field(), "end must be after start"));
        }
        if previous_end.is_some_and(|end| end == Time::midnight() || interval.start < end) {
            return Err(SupportError::invalid(field(), "overlaps or precedes the previous interval"));
        }
        previous_end = Some(interval.end);
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use jiff::civil::{date, time};
    use proptest::prelude::*;

    pub(crate) fn sofia(local: &str) -> Timestamp {
        let dt: DateTime = local.parse().unwrap();
        dt.to_zoned(TimeZone::get("Europe/Sofia").unwrap()).unwrap().timestamp()
    }

    fn nine_to_five() -> Vec<OpeningInterval> {
        vec![OpeningInterval::new(time(9, 0, 0, 0), time(17, 0, 0, 0))]
    }

    /// Mon-Fri 09:00-17:00 in Europe/Sofia, with Liberation Day 2025-03-03 as a holiday.
    pub(crate) fn office() -> BusinessCalendar {
        let days = nine_to_five();
        let weekly = WeeklyHours {
            monday: days.clone(),
            tuesday: days.clone(),
            wednesday: days.clone(),
            thursday: days.clone(),
            friday: days,
            ..WeeklyHours::default()
        };
        BusinessCalendar::new("Europe/Sofia", weekly, vec![date(2025, 3, 3)]).unwrap()
    }

    fn every_day(interval: OpeningInterval) -> BusinessCalendar {
        let day = vec![interval];
        let weekly = WeeklyHours {
            monday: day.clone(),
            tuesday: day.clone(),
            wednesday: day.clone(),
            thursday: day.clone(),
            friday: day.clone(),
            saturday: day.clone(),
            sunday: day,
        };
        BusinessCalendar::new("Europe/Sofia", weekly, vec![]).unwrap()
    }

    fn around_the_clock() -> BusinessCalendar {
        every_day(OpeningInterval::new(Time::midnight(), Time::midnight()))
    }

    #[test]
    fn adding_within_a_day() {
        let cal = office();
        assert_eq!(cal.add_business_minutes(sofia("2025-03-05T10:00"), 90).unwrap(), sofia("2025-03-05T11:30"));
        assert_eq!(cal.add_business_minutes(sofia("2025-03-05T16:00"), 60).unwrap(), sofia("2025-03-05T17:00"));
        assert_eq!(cal.add_business_minutes(sofia("2025-03-05T16:00"), 0).unwrap(), sofia("2025-03-05T16:00"));
    }

    #[test]
    fn adding_across_a_weekend() {
        let cal = office();
        assert_eq!(cal.add_business_minutes(sofia("2025-03-07T16:00"), 120).unwrap(), sofia("2025-03-10T10:00"));
        assert_eq!(cal.add_business_minutes(sofia("2025-03-08T12:00"), 30).unwrap(), sofia("2025-03-10T09:30"));
        assert_eq!(cal.business_minutes_between(sofia("2025-03-07T16:00"), sofia("2025-03-10T10:00")).unwrap(), 120);
        assert_eq!(cal.business_minutes_between(sofia("2025-03-08T00:00"), sofia("2025-03-09T23:59")).unwrap(), 0);
    }

    #[test]
    fn holidays_are_skipped() {
        let cal = office();
        // Friday 28 Feb, then the weekend, then Monday 3 March (Liberation Day) is closed.
        assert_eq!(cal.add_business_minutes(sofia("2025-02-28T16:00"), 120).unwrap(), sofia("2025-03-04T10:00"));
        assert_eq!(cal.business_minutes_between(sofia("2025-03-03T00:00"), sofia("2025-03-04T00:00")).unwrap(), 0);
        assert!(!cal.is_open_at(sofia("2025-03-03T10:00")).unwrap());
        assert!(cal.is_open_at(sofia("2025-03-04T10:00")).unwrap());
    }

    #[test]
    fn several_intervals_a_day() {
        let day = vec![
            OpeningInterval::new(time(9, 0, 0, 0), time(12, 0, 0, 0)),
            OpeningInterval::new(time(13, 0, 0, 0), time(17, 0, 0, 0)),
        ];
        let cal =
            BusinessCalendar::new("Europe/Sofia", WeeklyHours { wednesday: day, ..WeeklyHours::default() }, vec![])
                .unwrap();
        assert_eq!(cal.add_business_minutes(sofia("2025-03-05T11:30"), 60).unwrap(), sofia("2025-03-05T13:30"));
        assert_eq!(cal.business_minutes_between(sofia("2025-03-05T00:00"), sofia("2025-03-06T00:00")).unwrap(), 420);
        // Next Wednesday is a week later.
        assert_eq!(cal.add_business_minutes(sofia("2025-03-05T16:00"), 120).unwrap(), sofia("2025-03-12T10:00"));
    }

    #[test]
    fn spring_forward_in_sofia() {
        // Sunday 30 March 2025: 03:00 EET becomes 04:00 EEST.
        let cal = around_the_clock();
        assert_eq!(
            cal.business_minutes_between(sofia("2025-03-29T12:00"), sofia("2025-03-30T12:00")).unwrap(),
            23 * 60
        );
        assert_eq!(cal.add_business_minutes(sofia("2025-03-29T12:00"), 24 * 60).unwrap(), sofia("2025-03-30T13:00"));
        let night = every_day(OpeningInterval::new(time(2, 0, 0, 0), time(5, 0, 0, 0)));
        assert_eq!(night.business_minutes_between(sofia("2025-03-30T00:00"), sofia("2025-03-31T00:00")).unwrap(), 120);
        // Office hours: Friday 16:00 EET + 2h lands on Monday 10:00 EEST, i.e. 07:00 UTC.
        let due = office().add_business_minutes(sofia("2025-03-28T16:00"), 120).unwrap();
        assert_eq!(due, "2025-03-31T07:00:00Z".parse().unwrap());
    }

    #[test]
    fn fall_back_in_sofia() {
        // Sunday 26 October 2025: 04:00 EEST becomes 03:00 EET.
        let cal = around_the_clock();
        assert_eq!(
            cal.business_minutes_between(sofia("2025-10-25T12:00"), sofia("2025-10-26T12:00")).unwrap(),
            25 * 60
        );
        assert_eq!(cal.add_business_minutes(sofia("2025-10-25T12:00"), 24 * 60).unwrap(), sofia("2025-10-26T11:00"));
        let night = every_day(OpeningInterval::new(time(2, 0, 0, 0), time(5, 0, 0, 0)));
        assert_eq!(night.business_minutes_between(sofia("2025-10-26T00:00"), sofia("2025-10-27T00:00")).unwrap(), 240);
        let due = office().add_business_minutes(sofia("2025-10-24T16:00"), 120).unwrap();
        assert_eq!(due, "2025-10-27T08:00:00Z".parse().unwrap());
    }

    #[test]
    fn invalid_calendars_are_refused_naming_the_field() {
        let bad_zone = BusinessCalendar::new("Mars/Olympus", office().weekly.clone(), vec![]).unwrap_err();
        assert!(matches!(bad_zone, SupportError::InvalidInput { field, .. } if field == "time_zone"));
        let closed = BusinessCalendar::new("Europe/Sofia", WeeklyHours::default(), vec![]).unwrap_err();
        assert!(matches!(closed, SupportError::InvalidInput { field, .. } if field == "weekly"));
        let overlapping = WeeklyHours {
            tuesday: vec![
                OpeningInterval::new(time(9, 0, 0, 0), time(12, 0, 0, 0)),
                OpeningInterval::new(time(11, 0, 0, 0), time(13, 0, 0, 0)),
            ],
            ..WeeklyHours::default()
        };
        let err = BusinessCalendar::new("Europe/Sofia", overlapping, vec![]).unwrap_err();
        assert!(matches!(err, SupportError::InvalidInput { field, .. } if field == "weekly.tuesday[1]"));
        let backwards = WeeklyHours {
            friday: vec![OpeningInterval::new(time(17, 0, 0, 0), time(9, 0, 0, 0))],
            ..WeeklyHours::default()
        };
        let err = BusinessCalendar::new("Europe/Sofia", backwards, vec![]).unwrap_err();
        assert!(matches!(err, SupportError::InvalidInput { field, .. } if field == "weekly.friday[0]"));
    }

    #[test]
    fn negative_minutes_are_refused() {
        assert!(office().add_business_minutes(sofia("2025-03-05T10:00"), -1).is_err());
        assert_eq!(office().business_minutes_between(sofia("2025-03-05T12:00"), sofia("2025-03-05T10:00")).unwrap(), 0);
    }

    #[test]
    fn calendar_round_trips_as_json_and_validates_on_the_way_in() {
        let cal = office();
        let json = serde_json::to_string(&cal).unwrap();
        assert!(json.contains(r#""time_zone":"Europe/Sofia""#));
        assert!(json.contains(r#""2025-03-03""#));
        assert_eq!(serde_json::from_str::<BusinessCalendar>(&json).unwrap(), cal);
        let bad = json.replace("Europe/Sofia", "Nowhere/Land");
        assert!(serde_json::from_str::<BusinessCalendar>(&bad).is_err());
        assert_eq!(cal.time_zone_name(), "Europe/Sofia");
    }

    proptest! {
        #[test]
        fn counting_undoes_adding(start_minute in 0i64..60 * 24 * 366, minutes in 0i64..20_000) {
            let cal = office();
            let start = sofia("2025-01-01T00:00").checked_add(SignedDuration::from_mins(start_minute)).unwrap();
            let end = cal.add_business_minutes(start, minutes).unwrap();
            prop_assert!(end >= start);
            prop_assert_eq!(cal.business_minutes_between(start, end).unwrap(), minutes);
        }
    }
}
