//! Customer-satisfaction (CSAT) surveys: requested after a case is solved or an order delivered,
//! answered once with 1–5 and an optional comment before they expire; low scores (1–2) are flagged
//! for follow-up like complaints; answered surveys aggregate into a CSAT summary.

use jiff::{SignedDuration, Timestamp};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::case::{ComplaintFlag, SupportCase};
use super::message::CaseActor;
use super::state::CaseState;
use crate::id::new_id;

/// Longest comment accepted, in characters.
const MAX_COMMENT: usize = 2000;
/// Scores at or below this are flagged for follow-up.
const LOW_SCORE: u8 = 2;
/// Scores at or above this count as satisfied.
const SATISFIED_SCORE: u8 = 4;
/// Decimals kept in the average score.
const AVERAGE_DECIMALS: u32 = 2;
/// Decimals kept in percentages.
const PERCENT_DECIMALS: u32 = 1;

/// Why a survey could not be requested or answered. On error the survey is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CsatError {
    /// A field of the input is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidField {
        /// The offending field, e.g. `score` or `comment`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A survey about a case was asked for while the case is still being worked on.
    #[error("case {case_id} is {state}; surveys are sent once it is solved")]
    CaseNotSolved {
        /// The case.
        case_id: String,
        /// Its current state.
        state: CaseState,
    },
    /// The survey was already answered; answers are final.
    #[error("survey {survey_id} was already answered")]
    AlreadyAnswered {
        /// The survey.
        survey_id: String,
    },
    /// The survey expired before the answer came.
    #[error("survey {survey_id} expired at {expires_at}")]
    Expired {
        /// The survey.
        survey_id: String,
        /// When it expired.
        expires_at: Timestamp,
    },
    /// A follow-up was completed on a survey that is not flagged.
    #[error("survey {survey_id} is not flagged for follow-up")]
    NotFlagged {
        /// The survey.
        survey_id: String,
    },
    /// The expiry time left jiff's supported range.
    #[error("survey expiry is outside the supported time range")]
    TimeOutOfRange,
}

impl CsatError {
    fn invalid(field: &str, reason: &str) -> Self {
        Self::InvalidField { field: field.to_owned(), reason: reason.to_owned() }
    }
}

/// What a survey asks about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SurveySubject {
    /// A solved support case.
    Case {
        /// The case's id.
        case_id: String,
    },
    /// A delivered order.
    Order {
        /// The order's id.
        order_id: String,
    },
}

/// How long customers may answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CsatPolicy {
    /// Time from sending to expiry (default 14 days); must be positive.
    pub validity: SignedDuration,
}

impl Default for CsatPolicy {
    fn default() -> Self {
        Self { validity: SignedDuration::from_hours(14 * 24) }
    }
}

/// A customer's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SurveyResponse {
    /// 1 (very unsatisfied) to 5 (very satisfied).
    pub score: u8,
    /// Free text, trimmed; `None` if left empty.
    pub comment: Option<String>,
    /// When it was answered.
    pub answered_at: Timestamp,
}

/// One satisfaction survey sent to a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SurveyRequest {
    id: String,
    subject: SurveySubject,
    customer_id: String,
    sent_at: Timestamp,
    expires_at: Timestamp,
    response: Option<SurveyResponse>,
    follow_up: Option<ComplaintFlag>,
}

impl SurveyRequest {
    /// Takes the customer's comment out (their erasure); the score stays.
    pub fn erase_personal_data(&mut self) {
        if let Some(response) = &mut self.response {
            response.comment = crate::erasure::erased_text(&response.comment);
        }
    }

    /// A survey about `case`, which must be solved (or closed), sent at `at`.
    pub fn after_case_solved(case: &SupportCase, policy: &CsatPolicy, at: Timestamp) -> Result<Self, CsatError> {
        if case.state().is_active() {
            return Err(CsatError::CaseNotSolved { case_id: case.id().to_owned(), state: case.state() });
        }
        let subject = SurveySubject::Case { case_id: case.id().to_owned() };
        Self::send(subject, case.customer_id(), policy, at)
    }

    /// A survey about the order `order_id` of `customer_id`, delivered at `delivered_at`, sent at `at`.
    pub fn after_delivery(
        order_id: &str,
        customer_id: &str,
        delivered_at: Timestamp,
        policy: &CsatPolicy,
        at: Timestamp,
    ) -> Result<Self, CsatError> {
        if order_id.trim().is_empty() {
            return Err(CsatError::invalid("order_id", "must not be empty"));
        }
        if at < delivered_at {
            return Err(CsatError::invalid("sent_at", "must not be before the delivery"));
        }
        Self::send(SurveySubject::Order { order_id: order_id.trim().to_owned() }, customer_id, policy, at)
    }

    fn send(subject: SurveySubject, customer_id: &str, policy: &CsatPolicy, at: Timestamp) -> Result<Self, CsatError> {
        if customer_id.trim().is_empty() {
            return Err(CsatError::invalid("customer_id", "must not be empty"));
        }
        if !policy.validity.is_positive() {
            return Err(CsatError::invalid("validity", "must be positive"));
        }
        let expires_at = at.checked_add(policy.validity).map_err(|_| CsatError::TimeOutOfRange)?;
        let customer_id = customer_id.trim().to_owned();
        Ok(Self { id: new_id(at), subject, customer_id, sent_at: at, expires_at, response: None, follow_up: None })
    }

    /// Records the answer: once, before expiry, with a score of 1–5; a score of 1–2 flags the survey
    /// for follow-up.
    pub fn answer(&mut self, score: u8, comment: Option<&str>, at: Timestamp) -> Result<(), CsatError> {
        self.check_answerable(at)?;
        if !(1..=5).contains(&score) {
            return Err(CsatError::invalid("score", "must be 1 to 5"));
        }
        let comment = valid_comment(comment)?;
        self.response = Some(SurveyResponse { score, comment, answered_at: at });
        if score <= LOW_SCORE {
            let reason = format!("low satisfaction score {score}");
            self.follow_up =
                Some(ComplaintFlag { flagged_at: at, flagged_by: CaseActor::System, reason, followed_up_at: None });
        }
        Ok(())
    }

    /// Records that the low-score follow-up was done.
    pub fn complete_follow_up(&mut self, at: Timestamp) -> Result<(), CsatError> {
        let flag = self.follow_up.as_mut().ok_or_else(|| CsatError::NotFlagged { survey_id: self.id.clone() })?;
        flag.followed_up_at = Some(at);
        Ok(())
    }

    /// Whether a low score awaits its follow-up.
    pub fn needs_follow_up(&self) -> bool {
        self.follow_up.as_ref().is_some_and(|flag| flag.followed_up_at.is_none())
    }

    /// Whether the survey went unanswered past its expiry at `now`.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.response.is_none() && now > self.expires_at
    }

    /// The survey's UUIDv7 id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// What it asks about.
    pub fn subject(&self) -> &SurveySubject {
        &self.subject
    }

    /// The customer asked.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }

    /// When it was sent.
    pub fn sent_at(&self) -> Timestamp {
        self.sent_at
    }

    /// The last moment it may be answered.
    pub fn expires_at(&self) -> Timestamp {
        self.expires_at
    }

    /// The answer, if any.
    pub fn response(&self) -> Option<&SurveyResponse> {
        self.response.as_ref()
    }

    /// The low-score follow-up flag, if any.
    pub fn follow_up(&self) -> Option<&ComplaintFlag> {
        self.follow_up.as_ref()
    }

    fn check_answerable(&self, at: Timestamp) -> Result<(), CsatError> {
        if self.response.is_some() {
            return Err(CsatError::AlreadyAnswered { survey_id: self.id.clone() });
        }
        if at > self.expires_at {
            return Err(CsatError::Expired { survey_id: self.id.clone(), expires_at: self.expires_at });
        }
        if at < self.sent_at {
            return Err(CsatError::invalid("answered_at", "must not be before the survey was sent"));
        }
        Ok(())
    }
}

fn valid_comment(comment: Option<&str>) -> Result<Option<String>, CsatError> {
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    if comment.is_some_and(|c| c.chars().count() > MAX_COMMENT) {
        return Err(CsatError::invalid("comment", "must be at most 2000 characters"));
    }
    Ok(comment.map(str::to_owned))
}

/// Satisfaction over a set of surveys (e.g. one month's, or one agent's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CsatSummary {
    /// Surveys sent.
    pub sent: u32,
    /// Surveys answered.
    pub answered: u32,
    /// Answers per score: index 0 counts 1s, index 4 counts 5s.
    pub histogram: [u32; 5],
    /// Mean score, two decimals, half away from zero; `None` without answers.
    pub average: Option<Decimal>,
    /// Share of answers scoring 4 or 5, in percent with one decimal; `None` without answers.
    pub satisfied_percent: Option<Decimal>,
    /// Share of sent surveys answered, in percent with one decimal; `None` if none were sent.
    pub response_rate_percent: Option<Decimal>,
    /// Low scores still awaiting their follow-up.
    pub follow_ups_due: u32,
}

/// Aggregates `surveys` into a [`CsatSummary`].
pub fn csat_summary(surveys: &[SurveyRequest]) -> CsatSummary {
    let mut histogram = [0u32; 5];
    for response in surveys.iter().filter_map(SurveyRequest::response) {
        histogram[usize::from(response.score - 1)] += 1;
    }
    let answered: u32 = histogram.iter().sum();
    let sent = count(surveys.iter());
    let satisfied: u32 = histogram[usize::from(SATISFIED_SCORE - 1)..].iter().sum();
    let score_sum: u64 = histogram.iter().zip(1u64..).map(|(&n, score)| u64::from(n) * score).sum();
    CsatSummary {
        sent,
        answered,
        histogram,
        average: ratio(Decimal::from(score_sum), answered, AVERAGE_DECIMALS),
        satisfied_percent: ratio(Decimal::from(satisfied) * Decimal::ONE_HUNDRED, answered, PERCENT_DECIMALS),
        response_rate_percent: ratio(Decimal::from(answered) * Decimal::ONE_HUNDRED, sent, PERCENT_DECIMALS),
        follow_ups_due: count(surveys.iter().filter(|s| s.needs_follow_up())),
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

fn ratio(numerator: Decimal, denominator: u32, decimals: u32) -> Option<Decimal> {
    (denominator > 0).then(|| {
        (numerator / Decimal::from(denominator))
            .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
    })
}

crate::error_code!(CsatError, "support", {
    CsatError::InvalidField { field, .. } => "invalid_field" @ &**field,
    CsatError::CaseNotSolved { .. } => "case_not_solved",
    CsatError::AlreadyAnswered { .. } => "already_answered",
    CsatError::Expired { .. } => "expired",
    CsatError::NotFlagged { .. } => "not_flagged",
    CsatError::TimeOutOfRange => "time_out_of_range",
});

#[cfg(test)]
mod tests {
    use super::super::case::tests::{agent, opened_at, ts};
    use super::super::case::CasePolicy;
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn solved_case() -> SupportCase {
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.transition(CaseState::Solved, agent(), ts("2025-03-04T08:00:00Z"), &CasePolicy::default()).unwrap();
        case
    }

    fn delivery_survey() -> SurveyRequest {
        let delivered = ts("2025-03-05T10:00:00Z");
        SurveyRequest::after_delivery(
            "order-1",
            "cust-1",
            delivered,
            &CsatPolicy::default(),
            ts("2025-03-06T10:00:00Z"),
        )
        .unwrap()
    }

    fn answered(score: u8) -> SurveyRequest {
        let mut survey = delivery_survey();
        survey.answer(score, None, ts("2025-03-07T10:00:00Z")).unwrap();
        survey
    }

    #[test]
    fn a_solved_case_gets_a_survey_that_expires_after_the_validity() {
        let survey =
            SurveyRequest::after_case_solved(&solved_case(), &CsatPolicy::default(), ts("2025-03-04T09:00:00Z"))
                .unwrap();
        assert!(matches!(survey.subject(), SurveySubject::Case { .. }));
        assert_eq!(survey.customer_id(), "cust-1");
        assert_eq!(survey.sent_at(), ts("2025-03-04T09:00:00Z"));
        assert_eq!(survey.expires_at(), ts("2025-03-18T09:00:00Z"));
        assert!(survey.response().is_none() && survey.follow_up().is_none());
    }

    #[test]
    fn an_active_case_gets_no_survey() {
        let case = opened_at("2025-03-03T08:00:00Z");
        let err =
            SurveyRequest::after_case_solved(&case, &CsatPolicy::default(), ts("2025-03-04T09:00:00Z")).unwrap_err();
        assert_eq!(err, CsatError::CaseNotSolved { case_id: case.id().into(), state: CaseState::New });
    }

    #[test]
    fn a_delivered_order_gets_a_survey() {
        let survey = delivery_survey();
        assert_eq!(survey.subject(), &SurveySubject::Order { order_id: "order-1".into() });
        assert_eq!(survey.expires_at(), ts("2025-03-20T10:00:00Z"));
    }

    #[test]
    fn survey_requests_are_validated() {
        let (policy, at, delivered) = (CsatPolicy::default(), ts("2025-03-06T10:00:00Z"), ts("2025-03-05T10:00:00Z"));
        let field = |r: Result<SurveyRequest, CsatError>| match r.unwrap_err() {
            CsatError::InvalidField { field, .. } => field,
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(field(SurveyRequest::after_delivery(" ", "c", delivered, &policy, at)), "order_id");
        assert_eq!(field(SurveyRequest::after_delivery("o", "", delivered, &policy, at)), "customer_id");
        assert_eq!(field(SurveyRequest::after_delivery("o", "c", at, &policy, delivered)), "sent_at");
        let zero = CsatPolicy { validity: SignedDuration::ZERO };
        assert_eq!(field(SurveyRequest::after_delivery("o", "c", delivered, &zero, at)), "validity");
        let huge = CsatPolicy { validity: SignedDuration::from_hours(24 * 365 * 20_000) };
        assert_eq!(
            SurveyRequest::after_delivery("o", "c", delivered, &huge, at).unwrap_err(),
            CsatError::TimeOutOfRange
        );
    }

    #[test]
    fn an_answer_is_recorded_once() {
        let mut survey = delivery_survey();
        survey.answer(5, Some("  Fast and friendly  "), ts("2025-03-07T10:00:00Z")).unwrap();
        let response = survey.response().unwrap();
        assert_eq!((response.score, response.comment.as_deref()), (5, Some("Fast and friendly")));
        assert_eq!(response.answered_at, ts("2025-03-07T10:00:00Z"));
        assert!(!survey.needs_follow_up());
        let err = survey.answer(1, None, ts("2025-03-08T10:00:00Z")).unwrap_err();
        assert_eq!(err, CsatError::AlreadyAnswered { survey_id: survey.id().into() });
        assert_eq!(survey.response().unwrap().score, 5);
    }

    #[test]
    fn expired_surveys_refuse_answers() {
        let mut survey = delivery_survey();
        assert!(!survey.is_expired(ts("2025-03-20T10:00:00Z")));
        assert!(survey.is_expired(ts("2025-03-20T10:00:01Z")));
        let err = survey.answer(4, None, ts("2025-03-20T10:00:01Z")).unwrap_err();
        assert_eq!(err, CsatError::Expired { survey_id: survey.id().into(), expires_at: ts("2025-03-20T10:00:00Z") });
        survey.answer(4, None, ts("2025-03-20T10:00:00Z")).unwrap();
        assert!(!survey.is_expired(ts("2025-04-01T00:00:00Z")));
    }

    #[test]
    fn answers_are_validated_and_leave_the_survey_unanswered() {
        let mut survey = delivery_survey();
        let at = ts("2025-03-07T10:00:00Z");
        assert_eq!(survey.answer(0, None, at).unwrap_err(), CsatError::invalid("score", "must be 1 to 5"));
        assert_eq!(survey.answer(6, None, at).unwrap_err(), CsatError::invalid("score", "must be 1 to 5"));
        let long = "x".repeat(MAX_COMMENT + 1);
        assert!(
            matches!(survey.answer(3, Some(&long), at), Err(CsatError::InvalidField { field, .. }) if field == "comment")
        );
        let early = survey.answer(3, None, ts("2025-03-06T09:00:00Z"));
        assert!(matches!(early, Err(CsatError::InvalidField { field, .. }) if field == "answered_at"));
        assert!(survey.response().is_none());
        survey.answer(3, Some("   "), at).unwrap();
        assert_eq!(survey.response().unwrap().comment, None);
    }

    #[test]
    fn low_scores_are_flagged_for_follow_up() {
        for (score, flagged) in [(1, true), (2, true), (3, false), (4, false), (5, false)] {
            assert_eq!(answered(score).needs_follow_up(), flagged, "score {score}");
        }
        let mut survey = answered(1);
        let flag = survey.follow_up().unwrap();
        assert_eq!((flag.flagged_by.clone(), flag.reason.as_str()), (CaseActor::System, "low satisfaction score 1"));
        survey.complete_follow_up(ts("2025-03-08T10:00:00Z")).unwrap();
        assert!(!survey.needs_follow_up());
        assert_eq!(survey.follow_up().unwrap().followed_up_at, Some(ts("2025-03-08T10:00:00Z")));
    }

    #[test]
    fn completing_a_follow_up_needs_a_flag() {
        let mut survey = answered(5);
        let err = survey.complete_follow_up(ts("2025-03-08T10:00:00Z")).unwrap_err();
        assert_eq!(err, CsatError::NotFlagged { survey_id: survey.id().into() });
    }

    #[test]
    fn summary_counts_averages_and_percentages() {
        let mut followed = answered(2);
        followed.complete_follow_up(ts("2025-03-08T10:00:00Z")).unwrap();
        let surveys = [answered(5), answered(4), answered(4), followed, answered(1), delivery_survey()];
        let summary = csat_summary(&surveys);
        assert_eq!((summary.sent, summary.answered), (6, 5));
        assert_eq!(summary.histogram, [1, 1, 0, 2, 1]);
        // (5 + 4 + 4 + 2 + 1) / 5 = 3.2
        assert_eq!(summary.average, Some(dec("3.2")));
        assert_eq!(summary.satisfied_percent, Some(dec("60.0")));
        // 5 / 6 = 83.333… %
        assert_eq!(summary.response_rate_percent, Some(dec("83.3")));
        assert_eq!(summary.follow_ups_due, 1);
    }

    #[test]
    fn summary_rounds_half_away_from_zero() {
        // 2 of 3 satisfied = 66.666… -> 66.7; average (5 + 5 + 1) / 3 = 3.666… -> 3.67.
        let summary = csat_summary(&[answered(5), answered(5), answered(1)]);
        assert_eq!(summary.satisfied_percent, Some(dec("66.7")));
        assert_eq!(summary.average, Some(dec("3.67")));
        // 1 of 8 answered = 12.5 % exactly.
        let mut eight: Vec<SurveyRequest> = (0..7).map(|_| delivery_survey()).collect();
        eight.push(answered(5));
        assert_eq!(csat_summary(&eight).response_rate_percent, Some(dec("12.5")));
        // 1 of 16 = 6.25 % -> 6.3 (half-even would give 6.2).
        let mut sixteen: Vec<SurveyRequest> = (0..15).map(|_| delivery_survey()).collect();
        sixteen.push(answered(5));
        assert_eq!(csat_summary(&sixteen).response_rate_percent, Some(dec("6.3")));
    }

    #[test]
    fn empty_summary_has_no_ratios() {
        assert_eq!(csat_summary(&[]), CsatSummary::default());
        let unanswered = csat_summary(&[delivery_survey()]);
        assert_eq!((unanswered.average, unanswered.satisfied_percent), (None, None));
        assert_eq!(unanswered.response_rate_percent, Some(dec("0")));
    }

    #[test]
    fn survey_round_trips_as_json() {
        let survey = answered(2);
        let json = serde_json::to_string(&survey).unwrap();
        assert!(json.contains(r#""kind":"order""#), "{json}");
        assert_eq!(serde_json::from_str::<SurveyRequest>(&json).unwrap(), survey);
    }
}
