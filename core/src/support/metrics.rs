//! Support metrics over a period: case counts, first-response and resolution times in business
//! minutes (median and averages as exact decimals) and SLA breaches, overall and per agent.

use std::collections::BTreeMap;

use jiff::Timestamp;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::business_hours::BusinessCalendar;
use super::case::SupportCase;
use super::error::SupportError;
use super::sla::{SlaPolicy, SlaReport, SlaStatus};

/// Decimals kept in averages; rounded half away from zero.
const AVERAGE_DECIMALS: u32 = 2;

/// A half-open period `[start, end)`; a case belongs to it if it was opened within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Period {
    /// First instant included.
    pub start: Timestamp,
    /// First instant excluded.
    pub end: Timestamp,
}

/// Figures for one group of cases (all of them, or one agent's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupportStats {
    /// Cases opened in the period.
    pub case_count: u32,
    /// Of those, cases that got a first response.
    pub responded_count: u32,
    /// Median business minutes to first response (mean of the middle two for an even count).
    pub median_first_response_minutes: Option<Decimal>,
    /// Average business minutes to first response, 2 decimals, half away from zero.
    pub average_first_response_minutes: Option<Decimal>,
    /// Cases solved or closed.
    pub resolved_count: u32,
    /// Average business minutes to resolution, 2 decimals, half away from zero.
    pub average_resolution_minutes: Option<Decimal>,
    /// Cases whose first-response target is breached.
    pub first_response_breaches: u32,
    /// Cases whose resolution target is breached.
    pub resolution_breaches: u32,
}

/// One agent's figures, over the cases currently assigned to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgentStats {
    /// The agent.
    pub agent_id: String,
    /// Their figures.
    pub stats: SupportStats,
}

/// Metrics for a period, evaluated at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupportMetrics {
    /// The period.
    pub period: Period,
    /// The instant SLAs were evaluated at.
    pub as_of: Timestamp,
    /// All cases of the period, assigned or not.
    pub overall: SupportStats,
    /// Per assigned agent, sorted by agent id.
    pub per_agent: Vec<AgentStats>,
}

/// Computes metrics for the cases opened in `period`, with SLAs evaluated as of `as_of`.
pub fn support_metrics(
    cases: &[SupportCase],
    period: Period,
    policy: &SlaPolicy,
    calendar: &BusinessCalendar,
    as_of: Timestamp,
) -> Result<SupportMetrics, SupportError> {
    if period.end <= period.start {
        return Err(SupportError::invalid("period", "end must be after start"));
    }
    let in_period = cases.iter().filter(|case| (period.start..period.end).contains(&case.created_at()));
    let mut all = Vec::new();
    let mut by_agent: BTreeMap<String, Vec<SlaReport>> = BTreeMap::new();
    for case in in_period {
        let report = policy.evaluate(case, calendar, as_of)?;
        if let Some(agent_id) = &case.assignment().agent_id {
            by_agent.entry(agent_id.clone()).or_default().push(report.clone());
        }
        all.push(report);
    }
    let per_agent =
        by_agent.into_iter().map(|(agent_id, reports)| AgentStats { agent_id, stats: stats(&reports) }).collect();
    Ok(SupportMetrics { period, as_of, overall: stats(&all), per_agent })
}

fn stats(reports: &[SlaReport]) -> SupportStats {
    let first_responses =
        met_minutes(reports.iter().map(|r| (&r.first_response.met_at, r.first_response.elapsed_minutes)));
    let resolutions = met_minutes(reports.iter().map(|r| (&r.resolution.met_at, r.resolution.elapsed_minutes)));
    SupportStats {
        case_count: count(reports.len()),
        responded_count: count(first_responses.len()),
        median_first_response_minutes: median(&first_responses),
        average_first_response_minutes: average(&first_responses),
        resolved_count: count(resolutions.len()),
        average_resolution_minutes: average(&resolutions),
        first_response_breaches: count(
            reports.iter().filter(|r| r.first_response.status == SlaStatus::Breached).count(),
        ),
        resolution_breaches: count(reports.iter().filter(|r| r.resolution.status == SlaStatus::Breached).count()),
    }
}

fn met_minutes<'a>(targets: impl Iterator<Item = (&'a Option<Timestamp>, i64)>) -> Vec<i64> {
    targets.filter(|(met_at, _)| met_at.is_some()).map(|(_, minutes)| minutes).collect()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn median(values: &[i64]) -> Option<Decimal> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(Decimal::from(sorted[middle])),
        _ => Some((Decimal::from(sorted[middle - 1]) + Decimal::from(sorted[middle])) / Decimal::TWO),
    }
}

fn average(values: &[i64]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    let sum: Decimal = values.iter().copied().map(Decimal::from).sum();
    let mean = sum / Decimal::from(values.len());
    Some(mean.round_dp_with_strategy(AVERAGE_DECIMALS, RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::business_hours::tests::{office, sofia};
    use crate::support::case::tests::{agent, new_case};
    use crate::support::case::{Assignment, CasePolicy};
    use crate::support::message::CaseActor;
    use crate::support::sla::tests::policy;
    use crate::support::state::CaseState;

    fn answered(opened: &str, reply: &str, agent_id: Option<&str>) -> SupportCase {
        let mut case = SupportCase::open(new_case(), sofia(opened)).unwrap();
        let author = CaseActor::Agent { id: agent_id.unwrap_or("agent-x").into() };
        case.reply(author, "Answer".into(), sofia(reply), &CasePolicy::default()).unwrap();
        case.assign(Assignment { agent_id: agent_id.map(str::to_owned), queue: None }).unwrap();
        case
    }

    fn march() -> Period {
        Period { start: sofia("2025-03-01T00:00"), end: sofia("2025-04-01T00:00") }
    }

    fn sample() -> Vec<SupportCase> {
        let mut solved = answered("2025-03-10T09:00", "2025-03-10T10:00", Some("ana"));
        solved.transition(CaseState::Solved, agent(), sofia("2025-03-10T12:00"), &CasePolicy::default()).unwrap();
        vec![
            solved,
            answered("2025-03-10T09:00", "2025-03-10T09:45", Some("ana")),
            answered("2025-03-11T09:00", "2025-03-11T14:00", Some("boris")),
            answered("2025-03-12T09:00", "2025-03-12T09:20", None),
            answered("2025-02-27T09:00", "2025-02-27T10:00", Some("ana")),
        ]
    }

    #[test]
    fn overall_and_per_agent_figures() {
        let metrics = support_metrics(&sample(), march(), &policy(), &office(), sofia("2025-03-31T12:00")).unwrap();
        let overall = &metrics.overall;
        assert_eq!((overall.case_count, overall.responded_count, overall.resolved_count), (4, 4, 1));
        // First responses: 60, 45, 300, 20 -> median (45 + 60) / 2, average 106.25.
        assert_eq!(overall.median_first_response_minutes, Some(Decimal::new(525, 1)));
        assert_eq!(overall.average_first_response_minutes, Some(Decimal::new(10625, 2)));
        assert_eq!(overall.average_resolution_minutes, Some(Decimal::from(180)));
        assert_eq!(overall.first_response_breaches, 1);
        // The three unsolved cases are far past their 960-minute resolution target.
        assert_eq!(overall.resolution_breaches, 3);

        let agents: Vec<&str> = metrics.per_agent.iter().map(|a| a.agent_id.as_str()).collect();
        assert_eq!(agents, ["ana", "boris"]);
        let ana = &metrics.per_agent[0].stats;
        assert_eq!((ana.case_count, ana.median_first_response_minutes), (2, Some(Decimal::new(525, 1))));
        let boris = &metrics.per_agent[1].stats;
        assert_eq!((boris.first_response_breaches, boris.average_resolution_minutes), (1, None));
    }

    #[test]
    fn averages_round_half_away_from_zero_to_two_decimals() {
        assert_eq!(average(&[1, 1, 2]), Some(Decimal::new(133, 2)));
        assert_eq!(average(&[1, 2, 2]), Some(Decimal::new(167, 2)));
        assert_eq!(average(&[]), None);
        assert_eq!(median(&[5, 1, 3]), Some(Decimal::from(3)));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn empty_or_backwards_periods() {
        let empty = Period { start: sofia("2024-01-01T00:00"), end: sofia("2024-02-01T00:00") };
        let metrics = support_metrics(&sample(), empty, &policy(), &office(), sofia("2025-03-31T12:00")).unwrap();
        assert_eq!(metrics.overall, SupportStats::default());
        assert!(metrics.per_agent.is_empty());
        let backwards = Period { start: empty.end, end: empty.start };
        assert!(support_metrics(&sample(), backwards, &policy(), &office(), sofia("2025-03-31T12:00")).is_err());
    }

    #[test]
    fn metrics_round_trip_as_json() {
        let metrics = support_metrics(&sample(), march(), &policy(), &office(), sofia("2025-03-31T12:00")).unwrap();
        let json = serde_json::to_string(&metrics).unwrap();
        assert!(json.contains(r#""average_first_response_minutes":"106.25""#));
        assert_eq!(serde_json::from_str::<SupportMetrics>(&json).unwrap(), metrics);
    }
}
