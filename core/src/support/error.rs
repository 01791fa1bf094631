//! Errors raised by support cases, business calendars and SLA evaluation.

use jiff::Timestamp;
use thiserror::Error;

use super::state::CaseState;

/// Why a support-case operation, a calendar or an SLA computation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SupportError {
    /// The case's state machine does not allow this move (e.g. `closed -> open`).
    #[error("case {case_id}: illegal transition from {from} to {to}")]
    IllegalTransition {
        /// The case that refused the move.
        case_id: String,
        /// The state the case is in.
        from: CaseState,
        /// The state that was asked for.
        to: CaseState,
    },
    /// The case was solved longer ago than the reopen window; a follow-up case must be opened.
    #[error("case {case_id}: solved at {solved_at}, reopen window ended at {deadline}; open a follow-up case")]
    ReopenWindowClosed {
        /// The solved case.
        case_id: String,
        /// When the case was solved.
        solved_at: Timestamp,
        /// The last moment it could have been reopened.
        deadline: Timestamp,
    },
    /// An event is dated before the case's latest recorded transition.
    #[error("case {case_id}: {at} is before the last transition at {last}")]
    OutOfOrder {
        /// The case concerned.
        case_id: String,
        /// The time given with the event.
        at: Timestamp,
        /// The time of the case's latest transition (or of its opening).
        last: Timestamp,
    },
    /// The case is closed and takes no more messages or changes.
    #[error("case {case_id} is closed")]
    CaseClosed {
        /// The closed case.
        case_id: String,
    },
    /// A follow-up was asked for a case that is still being worked on.
    #[error("case {case_id} is {state}; only a solved or closed case gets a follow-up")]
    CaseStillActive {
        /// The active case.
        case_id: String,
        /// Its current state.
        state: CaseState,
    },
    /// A case was to be merged into itself.
    #[error("case {case_id} cannot be merged into itself")]
    MergeIntoSelf {
        /// The case concerned.
        case_id: String,
    },
    /// Two cases of different customers were to be merged.
    #[error("case {duplicate_id} (customer {duplicate_customer}) and case {target_id} (customer {target_customer}) belong to different customers")]
    CustomerMismatch {
        /// The would-be duplicate.
        duplicate_id: String,
        /// Its customer.
        duplicate_customer: String,
        /// The would-be surviving case.
        target_id: String,
        /// Its customer.
        target_customer: String,
    },
    /// A field of the input is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidInput {
        /// The offending field, e.g. `subject` or `calendar.monday[0]`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A date or time computation left jiff's supported range (years -9999..=9999).
    #[error("{what}: outside the supported time range")]
    TimeOutOfRange {
        /// What was being computed.
        what: String,
    },
}

impl SupportError {
    /// Builds an [`SupportError::InvalidInput`] for `field`.
    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidInput { field: field.into(), reason: reason.into() }
    }

    /// Builds a [`SupportError::TimeOutOfRange`]; used to map jiff range errors.
    pub(crate) fn out_of_range(what: &str) -> Self {
        Self::TimeOutOfRange { what: what.to_owned() }
    }
}

crate::error_code!(SupportError, "support", {
    SupportError::IllegalTransition { .. } => "illegal_transition",
    SupportError::ReopenWindowClosed { .. } => "reopen_window_closed",
    SupportError::OutOfOrder { .. } => "out_of_order",
    SupportError::CaseClosed { .. } => "case_closed",
    SupportError::CaseStillActive { .. } => "case_still_active",
    SupportError::MergeIntoSelf { .. } => "merge_into_self",
    SupportError::CustomerMismatch { .. } => "customer_mismatch",
    SupportError::InvalidInput { field, .. } => "invalid_input" @ &**field,
    SupportError::TimeOutOfRange { .. } => "time_out_of_range",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn illegal_transition_names_case_and_both_states() {
        let err = SupportError::IllegalTransition {
            case_id: "c-1".into(),
            from: CaseState::Closed,
            to: CaseState::PendingCustomer,
        };
        assert_eq!(err.to_string(), "case c-1: illegal transition from closed to pending_customer");
    }

    #[test]
    fn invalid_input_names_the_field() {
        assert_eq!(SupportError::invalid("subject", "must not be empty").to_string(), "subject: must not be empty");
    }
}
