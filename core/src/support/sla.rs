//! SLA policies and their evaluation: first-response and resolution targets per priority, counted in
//! business time, paused while the case waits on the customer (and on hold, if the policy says so).

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::business_hours::BusinessCalendar;
use super::case::{Priority, SupportCase};
use super::error::SupportError;
use super::state::CaseState;

/// The two targets for one priority, in business minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SlaTargets {
    /// Business minutes until the first public agent reply.
    pub first_response_minutes: u32,
    /// Business minutes until the case is solved.
    pub resolution_minutes: u32,
}

/// When a running target turns from `ok` to `warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningThreshold {
    /// Less than this percentage of the target remains.
    RemainingPercent {
        /// Percentage of the target, 0..=100.
        percent: u8,
    },
    /// Less than this many business minutes remain.
    RemainingMinutes {
        /// Business minutes.
        minutes: u32,
    },
}

impl WarningThreshold {
    fn is_reached(self, remaining: SignedDuration, target: SignedDuration) -> bool {
        match self {
            WarningThreshold::RemainingPercent { percent } => {
                remaining.as_nanos() * 100 < target.as_nanos() * i128::from(percent)
            }
            WarningThreshold::RemainingMinutes { minutes } => remaining < SignedDuration::from_mins(minutes.into()),
        }
    }
}

/// A shop's SLA: targets per priority, the warning threshold and whether `on_hold` pauses the clock
/// (`pending_customer` always does; `solved` and `closed` stop it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SlaPolicy {
    /// Targets for [`Priority::Low`].
    pub low: SlaTargets,
    /// Targets for [`Priority::Normal`].
    pub normal: SlaTargets,
    /// Targets for [`Priority::High`].
    pub high: SlaTargets,
    /// Targets for [`Priority::Urgent`].
    pub urgent: SlaTargets,
    /// When a running target shows `warning`.
    pub warning: WarningThreshold,
    /// Whether the clock also pauses while the case is `on_hold`.
    pub pause_on_hold: bool,
}

impl Default for SlaPolicy {
    /// First response / resolution in business minutes: urgent 60 / 480, high 240 / 1440, normal
    /// 480 / 2880, low 1440 / 7200; a warning when less than a quarter of a target remains; the
    /// clock keeps running while a case is on hold.
    fn default() -> Self {
        let targets =
            |first_response_minutes, resolution_minutes| SlaTargets { first_response_minutes, resolution_minutes };
        SlaPolicy {
            low: targets(1440, 7200),
            normal: targets(480, 2880),
            high: targets(240, 1440),
            urgent: targets(60, 480),
            warning: WarningThreshold::RemainingPercent { percent: 25 },
            pause_on_hold: false,
        }
    }
}

/// One of the two targets of a case's SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlaTarget {
    /// The first public agent reply.
    FirstResponse,
    /// Solving the case.
    Resolution,
}

impl SlaTarget {
    /// The target's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            SlaTarget::FirstResponse => "first_response",
            SlaTarget::Resolution => "resolution",
        }
    }

    /// The target in words (`first response`).
    pub fn label(self) -> &'static str {
        match self {
            SlaTarget::FirstResponse => "first response",
            SlaTarget::Resolution => "resolution",
        }
    }
}

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlaStatus {
    /// Running, with enough time left.
    Ok,
    /// Running, little time left.
    Warning,
    /// Overdue, or met too late.
    Breached,
    /// Met in time.
    Achieved,
}

/// The evaluation of one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetReport {
    /// The target in business minutes.
    pub target_minutes: u32,
    /// Business minutes counted so far (or until met), pauses excluded, rounded down.
    pub elapsed_minutes: i64,
    /// When the target falls (or fell) due; `None` if it was met in time or the clock is paused
    /// before the target was used up.
    pub due_at: Option<Timestamp>,
    /// When the target was met, if it was.
    pub met_at: Option<Timestamp>,
    /// Whether the clock is currently paused (and the target not yet met).
    pub paused: bool,
    /// The verdict.
    pub status: SlaStatus,
}

/// The SLA evaluation of one case at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SlaReport {
    /// The case.
    pub case_id: String,
    /// The priority whose targets applied.
    pub priority: Priority,
    /// The instant evaluated at; later events are ignored.
    pub evaluated_at: Timestamp,
    /// First public agent reply.
    pub first_response: TargetReport,
    /// Solving the case.
    pub resolution: TargetReport,
}

impl SlaReport {
    /// The evaluation of `target`.
    pub fn target(&self, target: SlaTarget) -> &TargetReport {
        match target {
            SlaTarget::FirstResponse => &self.first_response,
            SlaTarget::Resolution => &self.resolution,
        }
    }

    /// When the case next needs someone: the first-response due time while that target is unmet,
    /// else the resolution due time; `None` when neither runs.
    pub fn next_due_at(&self) -> Option<Timestamp> {
        match self.first_response.met_at {
            None => self.first_response.due_at.or(self.resolution.due_at),
            Some(_) => self.resolution.due_at,
        }
    }
}

/// A stretch of time the case spent in one state.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: Timestamp,
    end: Timestamp,
    state: CaseState,
}

/// Everything one target evaluation needs.
struct TargetInput<'a> {
    target_minutes: u32,
    met_at: Option<Timestamp>,
    segments: &'a [Segment],
    now: Timestamp,
}

impl SlaPolicy {
    /// The targets for `priority`.
    pub fn targets(&self, priority: Priority) -> SlaTargets {
        match priority {
            Priority::Low => self.low,
            Priority::Normal => self.normal,
            Priority::High => self.high,
            Priority::Urgent => self.urgent,
        }
    }

    /// Evaluates both targets of `case` as of `now`, in `calendar`'s business time.
    pub fn evaluate(
        &self,
        case: &SupportCase,
        calendar: &BusinessCalendar,
        now: Timestamp,
    ) -> Result<SlaReport, SupportError> {
        let targets = self.targets(case.priority());
        let segments = segments(case, now);
        let first_response = TargetInput {
            target_minutes: targets.first_response_minutes,
            met_at: first_response_at(case, now),
            segments: &segments,
            now,
        };
        let resolution = TargetInput {
            target_minutes: targets.resolution_minutes,
            met_at: resolved_at(&segments),
            segments: &segments,
            now,
        };
        Ok(SlaReport {
            case_id: case.id().to_owned(),
            priority: case.priority(),
            evaluated_at: now,
            first_response: self.evaluate_target(&first_response, calendar)?,
            resolution: self.evaluate_target(&resolution, calendar)?,
        })
    }

    fn clock_runs(&self, state: CaseState) -> bool {
        match state {
            CaseState::New | CaseState::Open => true,
            CaseState::OnHold => !self.pause_on_hold,
            CaseState::PendingCustomer | CaseState::Solved | CaseState::Closed => false,
        }
    }

    fn evaluate_target(
        &self,
        input: &TargetInput<'_>,
        calendar: &BusinessCalendar,
    ) -> Result<TargetReport, SupportError> {
        let target = SignedDuration::from_mins(input.target_minutes.into());
        let running = self.running_spans(input);
        let elapsed = running.iter().try_fold(SignedDuration::ZERO, |sum, &(start, end)| {
            Ok::<_, SupportError>(sum + calendar.business_duration_between(start, end)?)
        })?;
        let paused = input.met_at.is_none() && !input.segments.last().is_some_and(|s| self.clock_runs(s.state));
        Ok(TargetReport {
            target_minutes: input.target_minutes,
            elapsed_minutes: elapsed.as_mins(),
            due_at: due_at(&running, target, elapsed, paused, input, calendar)?,
            met_at: input.met_at,
            paused,
            status: self.status(target, elapsed, input.met_at),
        })
    }

    /// The spans during which the clock ran, up to the moment the target was met (or now).
    fn running_spans(&self, input: &TargetInput<'_>) -> Vec<(Timestamp, Timestamp)> {
        let until = input.met_at.unwrap_or(input.now);
        input
            .segments
            .iter()
            .filter(|segment| self.clock_runs(segment.state) && segment.start < until)
            .map(|segment| (segment.start, segment.end.min(until)))
            .collect()
    }

    fn status(&self, target: SignedDuration, elapsed: SignedDuration, met_at: Option<Timestamp>) -> SlaStatus {
        let remaining = target - elapsed;
        match (met_at, remaining) {
            (Some(_), remaining) if remaining >= SignedDuration::ZERO => SlaStatus::Achieved,
            (_, remaining) if remaining <= SignedDuration::ZERO => SlaStatus::Breached,
            _ if self.warning.is_reached(remaining, target) => SlaStatus::Warning,
            _ => SlaStatus::Ok,
        }
    }
}

/// The instant the target's business time runs out: inside a recorded running span if it already
/// did, else from `now` if the clock runs; `None` if met in time or paused with time left.
fn due_at(
    running: &[(Timestamp, Timestamp)],
    target: SignedDuration,
    elapsed: SignedDuration,
    paused: bool,
    input: &TargetInput<'_>,
    calendar: &BusinessCalendar,
) -> Result<Option<Timestamp>, SupportError> {
    if elapsed >= target {
        return due_within(running, target, calendar);
    }
    match input.met_at.is_some() || paused {
        true => Ok(None),
        false => calendar.add_business_duration(input.now, target - elapsed).map(Some),
    }
}

/// Walks the running spans to the instant where `target` business time had accumulated.
fn due_within(
    running: &[(Timestamp, Timestamp)],
    target: SignedDuration,
    calendar: &BusinessCalendar,
) -> Result<Option<Timestamp>, SupportError> {
    let mut used = SignedDuration::ZERO;
    for &(start, end) in running {
        let span = calendar.business_duration_between(start, end)?;
        if used + span >= target {
            return calendar.add_business_duration(start, target - used).map(Some);
        }
        used += span;
    }
    Ok(None)
}

/// The case's states over time, from opening to `now`; transitions after `now` are ignored.
fn segments(case: &SupportCase, now: Timestamp) -> Vec<Segment> {
    let changes = case.history().iter().filter(|t| t.at <= now).map(|t| (t.at, t.to));
    let points: Vec<(Timestamp, CaseState)> =
        std::iter::once((case.created_at(), CaseState::New)).chain(changes).collect();
    let ends = points.iter().skip(1).map(|&(at, _)| at).chain(std::iter::once(now.max(case.created_at())));
    points.iter().zip(ends).map(|(&(start, state), end)| Segment { start, end, state }).collect()
}

/// The first public agent reply at or before `now` (and not before the case was opened).
fn first_response_at(case: &SupportCase, now: Timestamp) -> Option<Timestamp> {
    case.messages()
        .iter()
        .filter(|m| m.is_agent_response() && m.at >= case.created_at() && m.at <= now)
        .map(|m| m.at)
        .min()
}

/// When the case stopped being worked on, if it is solved or closed at the end of `segments`.
fn resolved_at(segments: &[Segment]) -> Option<Timestamp> {
    segments.iter().rev().take_while(|s| !s.state.is_active()).last().map(|s| s.start)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::support::business_hours::tests::{office, sofia};
    use crate::support::case::tests::{agent, customer, new_case};
    use crate::support::case::CasePolicy;
    use crate::support::message::CaseActor;

    pub(crate) fn policy() -> SlaPolicy {
        let normal = SlaTargets { first_response_minutes: 240, resolution_minutes: 960 };
        SlaPolicy {
            low: SlaTargets { first_response_minutes: 480, resolution_minutes: 2400 },
            normal,
            high: SlaTargets { first_response_minutes: 60, resolution_minutes: 480 },
            urgent: SlaTargets { first_response_minutes: 30, resolution_minutes: 240 },
            warning: WarningThreshold::RemainingPercent { percent: 25 },
            pause_on_hold: true,
        }
    }

    fn case_opened(local: &str) -> SupportCase {
        SupportCase::open(new_case(), sofia(local)).unwrap()
    }

    fn first_response(case: &SupportCase, now: &str) -> TargetReport {
        policy().evaluate(case, &office(), sofia(now)).unwrap().first_response
    }

    fn resolution(case: &SupportCase, now: &str) -> TargetReport {
        policy().evaluate(case, &office(), sofia(now)).unwrap().resolution
    }

    #[test]
    fn running_target_goes_ok_warning_breached_across_a_weekend() {
        let case = case_opened("2025-03-07T16:00");
        let ok = first_response(&case, "2025-03-10T10:00");
        assert_eq!((ok.status, ok.elapsed_minutes), (SlaStatus::Ok, 120));
        assert_eq!(ok.due_at, Some(sofia("2025-03-10T12:00")));
        assert_eq!(first_response(&case, "2025-03-10T10:30").status, SlaStatus::Ok);
        let warning = first_response(&case, "2025-03-10T11:30");
        assert_eq!((warning.status, warning.elapsed_minutes), (SlaStatus::Warning, 210));
        let breached = first_response(&case, "2025-03-10T12:30");
        assert_eq!((breached.status, breached.elapsed_minutes), (SlaStatus::Breached, 270));
        assert_eq!(breached.due_at, Some(sofia("2025-03-10T12:00")));
    }

    #[test]
    fn warning_by_remaining_minutes() {
        let case = case_opened("2025-03-05T09:00");
        let sla = SlaPolicy { warning: WarningThreshold::RemainingMinutes { minutes: 10 }, ..policy() };
        let at = |local| sla.evaluate(&case, &office(), sofia(local)).unwrap().first_response.status;
        assert_eq!(at("2025-03-05T12:50"), SlaStatus::Ok);
        assert_eq!(at("2025-03-05T12:51"), SlaStatus::Warning);
    }

    #[test]
    fn first_response_is_the_first_public_agent_reply() {
        let cases = CasePolicy::default();
        let mut case = case_opened("2025-03-05T09:00");
        case.add_internal_note(agent(), "checking".into(), sofia("2025-03-05T09:30")).unwrap();
        case.reply(customer(), "hello?".into(), sofia("2025-03-05T09:45"), &cases).unwrap();
        case.reply(agent(), "On it.".into(), sofia("2025-03-05T10:00"), &cases).unwrap();
        let report = first_response(&case, "2025-03-06T10:00");
        assert_eq!(report.met_at, Some(sofia("2025-03-05T10:00")));
        assert_eq!((report.status, report.elapsed_minutes, report.due_at), (SlaStatus::Achieved, 60, None));
        let urgent =
            SlaPolicy { normal: policy().urgent, ..policy() }.evaluate(&case, &office(), sofia("2025-03-06T10:00"));
        let late = urgent.unwrap().first_response;
        assert_eq!((late.status, late.due_at), (SlaStatus::Breached, Some(sofia("2025-03-05T09:30"))));
    }

    #[test]
    fn due_time_skips_a_holiday() {
        let case = case_opened("2025-02-28T16:00");
        assert_eq!(first_response(&case, "2025-02-28T16:00").due_at, Some(sofia("2025-03-04T12:00")));
    }

    #[test]
    fn due_time_across_spring_forward() {
        let case = case_opened("2025-03-28T16:00");
        let due = resolution(&case, "2025-03-28T16:00").due_at.unwrap();
        assert_eq!(due, "2025-04-01T13:00:00Z".parse().unwrap());
        assert_eq!(resolution(&case, "2025-03-31T17:00").elapsed_minutes, 9 * 60);
    }

    #[test]
    fn due_time_across_fall_back() {
        let case = case_opened("2025-10-24T16:00");
        let due = resolution(&case, "2025-10-24T16:00").due_at.unwrap();
        assert_eq!(due, "2025-10-28T14:00:00Z".parse().unwrap());
        assert_eq!(resolution(&case, "2025-10-27T17:00").elapsed_minutes, 9 * 60);
    }

    #[test]
    fn clock_pauses_while_pending_customer() {
        let cases = CasePolicy::default();
        let mut case = case_opened("2025-03-10T09:00");
        case.transition(CaseState::PendingCustomer, agent(), sofia("2025-03-10T10:00"), &cases).unwrap();
        let waiting = resolution(&case, "2025-03-11T12:00");
        assert_eq!((waiting.elapsed_minutes, waiting.paused, waiting.due_at), (60, true, None));
        case.reply(customer(), "Here you go.".into(), sofia("2025-03-12T10:00"), &cases).unwrap();
        let resumed = resolution(&case, "2025-03-12T12:00");
        assert_eq!((resumed.elapsed_minutes, resumed.paused), (180, false));
        assert_eq!(resumed.due_at, Some(sofia("2025-03-13T17:00")));
    }

    #[test]
    fn on_hold_pauses_only_if_the_policy_says_so() {
        let cases = CasePolicy::default();
        let mut case = case_opened("2025-03-10T09:00");
        case.transition(CaseState::OnHold, agent(), sofia("2025-03-10T10:00"), &cases).unwrap();
        let now = sofia("2025-03-10T12:00");
        assert_eq!(policy().evaluate(&case, &office(), now).unwrap().resolution.elapsed_minutes, 60);
        let running = SlaPolicy { pause_on_hold: false, ..policy() };
        assert_eq!(running.evaluate(&case, &office(), now).unwrap().resolution.elapsed_minutes, 180);
    }

    #[test]
    fn resolution_is_met_when_solved_and_resumes_on_reopen() {
        let cases = CasePolicy::default();
        let mut case = case_opened("2025-03-10T09:00");
        case.transition(CaseState::Solved, agent(), sofia("2025-03-10T11:00"), &cases).unwrap();
        case.transition(CaseState::Closed, CaseActor::System, sofia("2025-03-18T11:00"), &cases).unwrap();
        let solved = resolution(&case, "2025-03-20T11:00");
        assert_eq!(
            (solved.status, solved.met_at, solved.elapsed_minutes),
            (SlaStatus::Achieved, Some(sofia("2025-03-10T11:00")), 120)
        );

        let mut reopened = case_opened("2025-03-10T09:00");
        reopened.transition(CaseState::Solved, agent(), sofia("2025-03-10T11:00"), &cases).unwrap();
        reopened.transition(CaseState::Open, customer(), sofia("2025-03-11T09:00"), &cases).unwrap();
        let running = resolution(&reopened, "2025-03-11T10:00");
        assert_eq!((running.status, running.met_at, running.elapsed_minutes), (SlaStatus::Ok, None, 180));
    }

    #[test]
    fn events_after_now_are_ignored() {
        let cases = CasePolicy::default();
        let mut case = case_opened("2025-03-10T09:00");
        case.reply(agent(), "Hi".into(), sofia("2025-03-10T15:00"), &cases).unwrap();
        let before = first_response(&case, "2025-03-10T11:00");
        assert_eq!((before.met_at, before.elapsed_minutes), (None, 120));
    }

    #[test]
    fn policy_and_report_round_trip_as_json() {
        let sla = policy();
        let json = serde_json::to_string(&sla).unwrap();
        assert!(json.contains(r#""kind":"remaining_percent""#));
        assert_eq!(serde_json::from_str::<SlaPolicy>(&json).unwrap(), sla);
        let report = sla.evaluate(&case_opened("2025-03-10T09:00"), &office(), sofia("2025-03-10T10:00")).unwrap();
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<SlaReport>(&json).unwrap(), report);
    }
}
