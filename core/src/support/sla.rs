//! SLA policies and their evaluation: first-response, next-response, periodic-update and resolution
//! targets per priority (with stricter ones for a channel or customer group), counted in business
//! time, paused while the case waits on the customer (and on hold, if the policy says so).

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::business_hours::BusinessCalendar;
use super::case::{Channel, Priority, SupportCase};
use super::error::SupportError;
use super::message::CaseActor;
use super::state::CaseState;

/// The targets for one priority, in business minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SlaTargets {
    /// Business minutes until the first public agent reply.
    pub first_response_minutes: u32,
    /// Business minutes until the case is solved.
    pub resolution_minutes: u32,
    /// Business minutes until an agent answers the customer after the first response: the clock
    /// starts at the oldest customer message not yet answered. None: not tracked.
    #[serde(default)]
    pub next_response_minutes: Option<u32>,
    /// Business minutes an open case may go without a public agent update after the first
    /// response: the clock starts at the latest agent reply. None: not tracked.
    #[serde(default)]
    pub update_minutes: Option<u32>,
}

impl SlaTargets {
    /// First response and resolution only.
    pub fn new(first_response_minutes: u32, resolution_minutes: u32) -> SlaTargets {
        SlaTargets { first_response_minutes, resolution_minutes, next_response_minutes: None, update_minutes: None }
    }

    /// The business minutes of `target`, if tracked.
    pub fn minutes(&self, target: SlaTarget) -> Option<u32> {
        match target {
            SlaTarget::FirstResponse => Some(self.first_response_minutes),
            SlaTarget::NextResponse => self.next_response_minutes,
            SlaTarget::PeriodicUpdate => self.update_minutes,
            SlaTarget::Resolution => Some(self.resolution_minutes),
        }
    }

    fn validate(&self, field: &str) -> Result<(), SupportError> {
        for target in SlaTarget::ALL {
            if self.minutes(target) == Some(0) {
                return Err(SupportError::invalid(format!("{field}.{}_minutes", target.field()), "must be above 0"));
            }
        }
        Ok(())
    }
}

/// The targets of each priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PriorityTargets {
    /// Targets for [`Priority::Low`].
    pub low: SlaTargets,
    /// Targets for [`Priority::Normal`].
    pub normal: SlaTargets,
    /// Targets for [`Priority::High`].
    pub high: SlaTargets,
    /// Targets for [`Priority::Urgent`].
    pub urgent: SlaTargets,
}

impl PriorityTargets {
    /// The targets for `priority`.
    pub fn of(&self, priority: Priority) -> SlaTargets {
        match priority {
            Priority::Low => self.low,
            Priority::Normal => self.normal,
            Priority::High => self.high,
            Priority::Urgent => self.urgent,
        }
    }
}

/// Other targets for the cases of one channel, one customer group, or both (e.g. stricter for
/// VIP customers, looser for e-mail than for chat).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SlaOverride {
    /// Cases that came in by this channel; any channel when none.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// Cases of customers in this group (e.g. `vip`) when the case was opened; anyone when none.
    #[serde(default)]
    pub customer_group: Option<String>,
    /// The targets of the matching cases.
    pub targets: PriorityTargets,
}

impl SlaOverride {
    /// Whether `case` is one of this override's cases.
    fn matches(&self, case: &SupportCase) -> bool {
        self.channel.is_none_or(|channel| channel == case.channel())
            && self.customer_group.as_ref().is_none_or(|group| case.customer_groups().contains(group))
    }
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

/// A shop's SLA: targets per priority, other targets for some channels and customer groups, the
/// warning threshold and whether `on_hold` pauses the clock (`pending_customer` always does;
/// `solved` and `closed` stop it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Other targets for some channels and customer groups; the first that matches a case
    /// applies, else the targets above.
    #[serde(default)]
    pub overrides: Vec<SlaOverride>,
}

impl Default for SlaPolicy {
    /// First response / resolution in business minutes: urgent 60 / 480, high 240 / 1440, normal
    /// 480 / 2880, low 1440 / 7200; a warning when less than a quarter of a target remains; the
    /// clock keeps running while a case is on hold.
    fn default() -> Self {
        SlaPolicy {
            low: SlaTargets::new(1440, 7200),
            normal: SlaTargets::new(480, 2880),
            high: SlaTargets::new(240, 1440),
            urgent: SlaTargets::new(60, 480),
            warning: WarningThreshold::RemainingPercent { percent: 25 },
            pause_on_hold: false,
            overrides: Vec::new(),
        }
    }
}

/// One of the targets of a case's SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlaTarget {
    /// The first public agent reply.
    FirstResponse,
    /// Solving the case.
    Resolution,
    /// An agent's answer to the customer's later messages (recurs with each).
    NextResponse,
    /// A public agent update while the case stays open (recurs after each).
    PeriodicUpdate,
}

impl SlaTarget {
    /// Every target.
    pub const ALL: [SlaTarget; 4] =
        [SlaTarget::FirstResponse, SlaTarget::NextResponse, SlaTarget::PeriodicUpdate, SlaTarget::Resolution];

    /// The target's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            SlaTarget::FirstResponse => "first_response",
            SlaTarget::Resolution => "resolution",
            SlaTarget::NextResponse => "next_response",
            SlaTarget::PeriodicUpdate => "periodic_update",
        }
    }

    /// The target in words (`first response`).
    pub fn label(self) -> &'static str {
        match self {
            SlaTarget::FirstResponse => "first response",
            SlaTarget::Resolution => "resolution",
            SlaTarget::NextResponse => "next response",
            SlaTarget::PeriodicUpdate => "periodic update",
        }
    }

    /// Whether the target runs again after it is met (a new customer message, a new update), so
    /// warnings and escalations go once per run rather than once per case.
    pub fn recurs(self) -> bool {
        matches!(self, SlaTarget::NextResponse | SlaTarget::PeriodicUpdate)
    }

    /// The name of the target's minutes in [`SlaTargets`] (`update` for the periodic update).
    fn field(self) -> &'static str {
        match self {
            SlaTarget::PeriodicUpdate => "update",
            other => other.as_str(),
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
    /// When this run of the target started: the case's opening for the first response and
    /// resolution, the oldest unanswered customer message for the next response, the latest agent
    /// reply for the periodic update.
    pub started_at: Timestamp,
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
    /// The answer to the customer's latest unanswered message (or the last one answered), when
    /// the policy tracks it and the customer wrote again after the first response.
    pub next_response: Option<TargetReport>,
    /// The next public agent update while the case is active, when the policy tracks it and an
    /// agent has answered.
    pub periodic_update: Option<TargetReport>,
}

impl SlaReport {
    /// The evaluation of `target`, if it applies to the case now.
    pub fn target(&self, target: SlaTarget) -> Option<&TargetReport> {
        match target {
            SlaTarget::FirstResponse => Some(&self.first_response),
            SlaTarget::Resolution => Some(&self.resolution),
            SlaTarget::NextResponse => self.next_response.as_ref(),
            SlaTarget::PeriodicUpdate => self.periodic_update.as_ref(),
        }
    }

    /// When the case next needs someone: the earliest due time of a running target that is not
    /// met; `None` when none runs.
    pub fn next_due_at(&self) -> Option<Timestamp> {
        SlaTarget::ALL
            .into_iter()
            .filter_map(|target| self.target(target))
            .filter(|report| report.met_at.is_none())
            .filter_map(|report| report.due_at)
            .min()
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
    /// When the run started: business time before it does not count.
    from: Timestamp,
    met_at: Option<Timestamp>,
    segments: &'a [Segment],
    now: Timestamp,
}

impl SlaPolicy {
    /// The policy's own targets for `priority` (without overrides).
    pub fn targets(&self, priority: Priority) -> SlaTargets {
        self.own_targets().of(priority)
    }

    /// The targets that apply to `case`: those of the first override it matches, else the policy's
    /// own, for its priority.
    pub fn targets_for(&self, case: &SupportCase) -> SlaTargets {
        let matching = self.overrides.iter().find(|rule| rule.matches(case));
        matching.map_or_else(|| self.own_targets(), |rule| rule.targets).of(case.priority())
    }

    fn own_targets(&self) -> PriorityTargets {
        PriorityTargets { low: self.low, normal: self.normal, high: self.high, urgent: self.urgent }
    }

    /// Checks every target is above zero and every override names a channel or a group.
    pub fn validate(&self) -> Result<(), SupportError> {
        let own = [("sla.low", self.low), ("sla.normal", self.normal), ("sla.high", self.high)];
        for (field, targets) in own.into_iter().chain([("sla.urgent", self.urgent)]) {
            targets.validate(field)?;
        }
        for (index, rule) in self.overrides.iter().enumerate() {
            let field = format!("sla.overrides[{index}]");
            if rule.channel.is_none() && rule.customer_group.is_none() {
                return Err(SupportError::invalid(&field, "names a channel, a customer group or both"));
            }
            if rule.customer_group.as_deref().is_some_and(|group| group.trim().is_empty()) {
                return Err(SupportError::invalid(format!("{field}.customer_group"), "must not be blank"));
            }
            let targets = &rule.targets;
            let each = [("low", targets.low), ("normal", targets.normal), ("high", targets.high)];
            for (priority, targets) in each.into_iter().chain([("urgent", targets.urgent)]) {
                targets.validate(&format!("{field}.targets.{priority}"))?;
            }
        }
        Ok(())
    }

    /// Evaluates the targets of `case` as of `now`, in `calendar`'s business time.
    pub fn evaluate(
        &self,
        case: &SupportCase,
        calendar: &BusinessCalendar,
        now: Timestamp,
    ) -> Result<SlaReport, SupportError> {
        let targets = self.targets_for(case);
        let segments = segments(case, now);
        let input =
            |target_minutes, from, met_at| TargetInput { target_minutes, from, met_at, segments: &segments, now };
        let opened = case.created_at();
        let first_met = first_response_at(case, now);
        let first_response = input(targets.first_response_minutes, opened, first_met);
        let resolution = input(targets.resolution_minutes, opened, resolved_at(&segments));
        let active = segments.last().is_some_and(|segment| segment.state.is_active());
        let next_response = match (targets.next_response_minutes, first_met) {
            (Some(minutes), Some(first)) => next_response_run(case, first, now)
                .map(|(from, met_at)| self.evaluate_target(&input(minutes, from, met_at), calendar))
                .transpose()?,
            _ => None,
        };
        let periodic_update = match (targets.update_minutes, first_met.is_some() && active) {
            (Some(minutes), true) => latest_agent_reply(case, now)
                .map(|from| self.evaluate_target(&input(minutes, from, None), calendar))
                .transpose()?,
            _ => None,
        };
        Ok(SlaReport {
            case_id: case.id().to_owned(),
            priority: case.priority(),
            evaluated_at: now,
            first_response: self.evaluate_target(&first_response, calendar)?,
            resolution: self.evaluate_target(&resolution, calendar)?,
            next_response,
            periodic_update,
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
            started_at: input.from,
            elapsed_minutes: elapsed.as_mins(),
            due_at: due_at(&running, target, elapsed, paused, input, calendar)?,
            met_at: input.met_at,
            paused,
            status: self.status(target, elapsed, input.met_at),
        })
    }

    /// The spans during which the clock ran, from the run's start up to the moment the target was
    /// met (or now).
    fn running_spans(&self, input: &TargetInput<'_>) -> Vec<(Timestamp, Timestamp)> {
        let until = input.met_at.unwrap_or(input.now);
        input
            .segments
            .iter()
            .filter(|segment| self.clock_runs(segment.state) && segment.start < until && segment.end > input.from)
            .map(|segment| (segment.start.max(input.from), segment.end.min(until)))
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

/// The latest run of the next-response target at `now`, after the first response at `first`: from
/// the oldest customer message no agent has answered yet (unmet), else the last answered one (met at
/// its answer); `None` if the customer has not written since the first response.
fn next_response_run(case: &SupportCase, first: Timestamp, now: Timestamp) -> Option<(Timestamp, Option<Timestamp>)> {
    let (mut waiting, mut last) = (None, None);
    for message in case.messages().iter().filter(|m| m.at > first && m.at <= now && m.kind.is_public()) {
        match (&message.author, waiting) {
            (CaseActor::Customer { .. }, None) => waiting = Some(message.at),
            (CaseActor::Agent { .. }, Some(since)) if message.is_agent_response() => {
                last = Some((since, Some(message.at)));
                waiting = None;
            }
            _ => {}
        }
    }
    waiting.map(|since| (since, None)).or(last)
}

/// The latest public agent reply at or before `now`.
fn latest_agent_reply(case: &SupportCase, now: Timestamp) -> Option<Timestamp> {
    case.messages().iter().filter(|m| m.is_agent_response() && m.at <= now).map(|m| m.at).max()
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
    use crate::support::case::{CasePolicy, NewCase};
    use crate::support::message::CaseActor;

    pub(crate) fn policy() -> SlaPolicy {
        SlaPolicy {
            low: SlaTargets::new(480, 2400),
            normal: SlaTargets::new(240, 960),
            high: SlaTargets::new(60, 480),
            urgent: SlaTargets::new(30, 240),
            warning: WarningThreshold::RemainingPercent { percent: 25 },
            pause_on_hold: true,
            overrides: Vec::new(),
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

    fn tracking(next_response: Option<u32>, update: Option<u32>) -> SlaPolicy {
        let normal = SlaTargets { next_response_minutes: next_response, update_minutes: update, ..policy().normal };
        SlaPolicy { normal, ..policy() }
    }

    fn answered_at_ten() -> SupportCase {
        let mut case = case_opened("2025-03-10T09:00");
        case.reply(agent(), "Looking.".into(), sofia("2025-03-10T10:00"), &CasePolicy::default()).unwrap();
        case
    }

    #[test]
    fn next_response_runs_from_the_oldest_unanswered_customer_message() {
        let (cases, sla) = (CasePolicy::default(), tracking(Some(60), None));
        let next = |case: &SupportCase, local| sla.evaluate(case, &office(), sofia(local)).unwrap().next_response;
        let mut case = answered_at_ten();
        assert_eq!(next(&case, "2025-03-10T10:30"), None, "the customer has not written since");
        case.reply(customer(), "Any news?".into(), sofia("2025-03-10T11:00"), &cases).unwrap();
        let running = next(&case, "2025-03-10T11:30").unwrap();
        assert_eq!((running.started_at, running.elapsed_minutes), (sofia("2025-03-10T11:00"), 30));
        assert_eq!((running.status, running.due_at), (SlaStatus::Ok, Some(sofia("2025-03-10T12:00"))));
        assert_eq!(next(&case, "2025-03-10T11:50").unwrap().status, SlaStatus::Warning, "10 of 60 minutes left");
        case.reply(customer(), "Hello?".into(), sofia("2025-03-10T12:20"), &cases).unwrap();
        let late = next(&case, "2025-03-10T12:25").unwrap();
        assert_eq!((late.started_at, late.status), (sofia("2025-03-10T11:00"), SlaStatus::Breached));
        case.reply(agent(), "Shipped today.".into(), sofia("2025-03-10T12:30"), &cases).unwrap();
        let answered = next(&case, "2025-03-10T13:00").unwrap();
        assert_eq!((answered.met_at, answered.elapsed_minutes), (Some(sofia("2025-03-10T12:30")), 90));
        assert_eq!((answered.status, answered.due_at), (SlaStatus::Breached, Some(sofia("2025-03-10T12:00"))));
        case.reply(customer(), "Thanks, and the invoice?".into(), sofia("2025-03-10T14:00"), &cases).unwrap();
        let again = next(&case, "2025-03-10T14:10").unwrap();
        assert_eq!((again.started_at, again.met_at, again.status), (sofia("2025-03-10T14:00"), None, SlaStatus::Ok));
        let report = sla.evaluate(&case, &office(), sofia("2025-03-10T14:10")).unwrap();
        assert_eq!(report.next_due_at(), Some(sofia("2025-03-10T15:00")), "the earliest running target");
    }

    #[test]
    fn next_response_skips_the_weekend_and_a_holiday() {
        let cases = CasePolicy::default();
        let mut case = case_opened("2025-02-28T09:00");
        case.reply(agent(), "Looking.".into(), sofia("2025-02-28T09:30"), &cases).unwrap();
        case.reply(customer(), "Still broken.".into(), sofia("2025-02-28T16:30"), &cases).unwrap();
        let sla = tracking(Some(120), None);
        let run = sla.evaluate(&case, &office(), sofia("2025-03-03T12:00")).unwrap().next_response.unwrap();
        assert_eq!((run.elapsed_minutes, run.status), (30, SlaStatus::Ok), "Friday's half hour; Monday is a holiday");
        assert_eq!(run.due_at, Some(sofia("2025-03-04T10:30")));
    }

    #[test]
    fn periodic_update_runs_from_the_latest_agent_reply_while_the_case_is_open() {
        let (cases, sla) = (CasePolicy::default(), tracking(None, Some(120)));
        let update = |case: &SupportCase, local| sla.evaluate(case, &office(), sofia(local)).unwrap().periodic_update;
        assert_eq!(update(&case_opened("2025-03-10T09:00"), "2025-03-10T12:00"), None, "no first response yet");
        let mut case = answered_at_ten();
        let running = update(&case, "2025-03-10T11:00").unwrap();
        assert_eq!((running.started_at, running.elapsed_minutes), (sofia("2025-03-10T10:00"), 60));
        let late = update(&case, "2025-03-10T12:30").unwrap();
        assert_eq!((late.status, late.due_at), (SlaStatus::Breached, Some(sofia("2025-03-10T12:00"))));
        case.reply(agent(), "Still on it.".into(), sofia("2025-03-10T12:45"), &cases).unwrap();
        let next = update(&case, "2025-03-10T13:00").unwrap();
        assert_eq!(
            (next.started_at, next.elapsed_minutes, next.status),
            (sofia("2025-03-10T12:45"), 15, SlaStatus::Ok)
        );
        case.transition(CaseState::Solved, agent(), sofia("2025-03-10T13:30"), &cases).unwrap();
        assert_eq!(update(&case, "2025-03-10T16:00"), None, "a solved case needs no updates");
    }

    #[test]
    fn overrides_give_a_channel_or_customer_group_its_own_targets() {
        let strict = |minutes| PriorityTargets {
            low: SlaTargets::new(minutes, 480),
            normal: SlaTargets::new(minutes, 480),
            high: SlaTargets::new(minutes, 480),
            urgent: SlaTargets::new(minutes, 480),
        };
        let vip = SlaOverride { channel: None, customer_group: Some("vip".into()), targets: strict(30) };
        let chat = SlaOverride { channel: Some(Channel::Chat), customer_group: None, targets: strict(15) };
        let sla = SlaPolicy { overrides: vec![vip, chat], ..policy() };
        let minutes = |case: &SupportCase| sla.targets_for(case).first_response_minutes;
        let web = case_opened("2025-03-10T09:00");
        assert_eq!(minutes(&web), 240, "no override matches: the policy's normal targets");
        let mut vip_case = case_opened("2025-03-10T09:00");
        vip_case.set_customer_groups(vec!["vip".into()]);
        assert_eq!(minutes(&vip_case), 30);
        let chat_case = SupportCase::open(NewCase { channel: Channel::Chat, ..new_case() }, sofia("2025-03-10T09:00"));
        assert_eq!(minutes(&chat_case.unwrap()), 15);
        let mut vip_chat =
            SupportCase::open(NewCase { channel: Channel::Chat, ..new_case() }, sofia("2025-03-10T09:00"));
        vip_chat.as_mut().unwrap().set_customer_groups(vec!["vip".into()]);
        assert_eq!(minutes(&vip_chat.unwrap()), 30, "the first override that matches applies");
        let report = sla.evaluate(&vip_case, &office(), sofia("2025-03-10T09:40")).unwrap();
        assert_eq!(report.first_response.status, SlaStatus::Breached);
    }

    #[test]
    fn policies_with_a_zero_target_or_an_override_for_everyone_are_refused() {
        let zero = tracking(Some(0), None).validate().unwrap_err();
        assert!(zero.to_string().contains("sla.normal.next_response_minutes"), "{zero}");
        let everyone = SlaOverride {
            channel: None,
            customer_group: None,
            targets: PriorityTargets {
                low: policy().low,
                normal: policy().normal,
                high: policy().high,
                urgent: policy().urgent,
            },
        };
        let refused = SlaPolicy { overrides: vec![everyone], ..policy() }.validate().unwrap_err();
        assert!(refused.to_string().contains("sla.overrides[0]"), "{refused}");
        assert!(tracking(Some(60), Some(120)).validate().is_ok());
    }

    #[test]
    fn policy_and_report_round_trip_as_json() {
        let sla = tracking(Some(60), Some(120));
        let json = serde_json::to_string(&sla).unwrap();
        assert!(json.contains(r#""kind":"remaining_percent""#));
        assert_eq!(serde_json::from_str::<SlaPolicy>(&json).unwrap(), sla);
        let report = sla.evaluate(&case_opened("2025-03-10T09:00"), &office(), sofia("2025-03-10T10:00")).unwrap();
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<SlaReport>(&json).unwrap(), report);
    }
}
