//! When an unpaid bank-transfer order is due a reminder, a final notice or cancellation, counted in
//! whole days (24 h) from the moment it was placed. Pure: given the placing time, `now` and the
//! notices already sent, it says which one (if any) is due, so a scheduler can run it at any pace.
//! After downtime only the most advanced due notice is returned: a shopper never gets a pile of
//! stale reminders at once.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use vitrina_core::order::PaymentReminder;

use crate::OfflinePaymentError;

/// A step of the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TransferNotice {
    /// Send this reminder (a numbered one, or the final notice).
    Remind {
        /// Which one.
        reminder: PaymentReminder,
    },
    /// Cancel the order: the money did not come.
    Cancel,
}

/// Days after placing at which an unpaid order is reminded, warned and cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSchedule {
    /// The payment is due this many days after placing (shown to the shopper).
    pub due_after_days: u32,
    /// Friendly reminders, in days after placing, ascending.
    pub reminder_days: Vec<u32>,
    /// The final notice, after the last reminder.
    pub final_notice_days: u32,
    /// Cancellation, after the final notice.
    pub cancel_days: u32,
}

impl Default for ReminderSchedule {
    /// Due in 7 days; reminders after 3 and 6 days, final notice after 9, cancellation after 14.
    fn default() -> Self {
        ReminderSchedule { due_after_days: 7, reminder_days: vec![3, 6], final_notice_days: 9, cancel_days: 14 }
    }
}

impl ReminderSchedule {
    /// Checks that the steps come in strictly increasing order and the due date precedes cancellation.
    pub fn validate(&self) -> Result<(), OfflinePaymentError> {
        let days: Vec<u32> = self.steps().iter().map(|(day, _)| *day).collect();
        if days.windows(2).any(|w| w[0] >= w[1]) {
            return Err(invalid("reminders, final notice and cancellation must come on strictly later days"));
        }
        if self.due_after_days == 0 || self.due_after_days >= self.cancel_days {
            return Err(invalid("the due date must be at least a day after placing and before cancellation"));
        }
        Ok(())
    }

    /// When the payment is due for an order placed at `placed_at`.
    pub fn due_date(&self, placed_at: Timestamp) -> Timestamp {
        after_days(placed_at, self.due_after_days)
    }

    /// When an order placed at `placed_at` is cancelled if still unpaid.
    pub fn cancel_at(&self, placed_at: Timestamp) -> Timestamp {
        after_days(placed_at, self.cancel_days)
    }

    /// The notice due at `now` for an order placed at `placed_at`, given the notices already `sent`:
    /// the most advanced step whose day has come, unless it or a later one was sent already.
    pub fn notice_due(&self, placed_at: Timestamp, now: Timestamp, sent: &[TransferNotice]) -> Option<TransferNotice> {
        let steps = self.steps();
        let reached = steps.iter().rposition(|(day, _)| after_days(placed_at, *day) <= now)?;
        let sent_up_to = steps.iter().rposition(|(_, notice)| sent.contains(notice));
        (sent_up_to < Some(reached)).then_some(steps[reached].1)
    }

    /// Every step with its day, in order.
    fn steps(&self) -> Vec<(u32, TransferNotice)> {
        let reminders = self
            .reminder_days
            .iter()
            .zip(1..)
            .map(|(&day, number)| (day, TransferNotice::Remind { reminder: PaymentReminder::Reminder { number } }));
        let last = [
            (self.final_notice_days, TransferNotice::Remind { reminder: PaymentReminder::FinalNotice }),
            (self.cancel_days, TransferNotice::Cancel),
        ];
        reminders.chain(last).collect()
    }
}

fn after_days(from: Timestamp, days: u32) -> Timestamp {
    from.checked_add(SignedDuration::from_hours(24 * i64::from(days))).unwrap_or(Timestamp::MAX)
}

fn invalid(reason: &str) -> OfflinePaymentError {
    OfflinePaymentError::InvalidSchedule { reason: reason.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::at_days;

    const FIRST: TransferNotice = TransferNotice::Remind { reminder: PaymentReminder::Reminder { number: 1 } };
    const SECOND: TransferNotice = TransferNotice::Remind { reminder: PaymentReminder::Reminder { number: 2 } };
    const FINAL: TransferNotice = TransferNotice::Remind { reminder: PaymentReminder::FinalNotice };

    fn due(day_hours: (i64, i64), sent: &[TransferNotice]) -> Option<TransferNotice> {
        let now = at_days(day_hours.0) + SignedDuration::from_hours(day_hours.1);
        ReminderSchedule::default().notice_due(at_days(0), now, sent)
    }

    #[test]
    fn the_default_schedule_reminds_at_3_and_6_warns_at_9_and_cancels_at_14() {
        assert_eq!(due((2, 23), &[]), None);
        assert_eq!(due((3, 0), &[]), Some(FIRST));
        assert_eq!(due((5, 0), &[FIRST]), None);
        assert_eq!(due((6, 0), &[FIRST]), Some(SECOND));
        assert_eq!(due((9, 0), &[FIRST, SECOND]), Some(FINAL));
        assert_eq!(due((13, 23), &[FIRST, SECOND, FINAL]), None);
        assert_eq!(due((14, 0), &[FIRST, SECOND, FINAL]), Some(TransferNotice::Cancel));
        assert_eq!(due((20, 0), &[FIRST, SECOND, FINAL, TransferNotice::Cancel]), None);
    }

    #[test]
    fn after_downtime_only_the_most_advanced_notice_is_due() {
        assert_eq!(due((10, 0), &[]), Some(FINAL));
        assert_eq!(due((10, 0), &[FIRST]), Some(FINAL));
        assert_eq!(due((7, 0), &[FINAL]), None);
    }

    #[test]
    fn due_date_and_cancellation_follow_the_configuration() {
        let schedule =
            ReminderSchedule { due_after_days: 5, reminder_days: vec![2], final_notice_days: 4, cancel_days: 8 };
        schedule.validate().unwrap();
        assert_eq!(schedule.due_date(at_days(0)), at_days(5));
        assert_eq!(schedule.cancel_at(at_days(0)), at_days(8));
        assert_eq!(schedule.notice_due(at_days(0), at_days(4), &[]), Some(FINAL));
        assert_eq!(schedule.notice_due(at_days(0), at_days(2), &[]), Some(FIRST));
    }

    #[test]
    fn schedules_out_of_order_are_refused() {
        let base = ReminderSchedule::default();
        let bad = [
            ReminderSchedule { reminder_days: vec![6, 3], ..base.clone() },
            ReminderSchedule { final_notice_days: 6, ..base.clone() },
            ReminderSchedule { cancel_days: 9, ..base.clone() },
            ReminderSchedule { due_after_days: 14, ..base.clone() },
            ReminderSchedule { due_after_days: 0, ..base.clone() },
        ];
        for schedule in bad {
            assert!(matches!(schedule.validate(), Err(OfflinePaymentError::InvalidSchedule { .. })), "{schedule:?}");
        }
        assert!(base.validate().is_ok());
    }
}
