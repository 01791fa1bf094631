//! Merging a duplicate case into another: its messages move over with their times, and the
//! duplicate is closed with a link to the case that carries on.

use jiff::Timestamp;

use super::case::{CasePolicy, SupportCase};
use super::error::SupportError;
use super::message::{CaseActor, MessageKind};
use super::state::CaseState;

impl SupportCase {
    /// Merges this duplicate into `target`: validates both cases first (nothing changes on error),
    /// then moves every message into `target` (sorted by time, tagged with this case's id), carries
    /// over order lines and a complaint flag `target` lacks, leaves notices on both cases, and
    /// closes this one with `merged_into` pointing at `target`.
    pub fn merge_into(
        &mut self,
        target: &mut SupportCase,
        actor: CaseActor,
        at: Timestamp,
        policy: &CasePolicy,
    ) -> Result<(), SupportError> {
        self.check_mergeable_into(target, at)?;
        self.transition(CaseState::Closed, actor, at, policy)?;
        self.move_contents_to(target);
        let target_notice = format!("Case {} was merged into this case.", self.id);
        target.push_message(CaseActor::System, MessageKind::InternalNote, target_notice, at);
        let duplicate_notice = format!("This request was merged into case {}.", target.id);
        self.push_message(CaseActor::System, MessageKind::PublicReply, duplicate_notice, at);
        self.merged_into = Some(target.id.clone());
        Ok(())
    }

    fn check_mergeable_into(&self, target: &SupportCase, at: Timestamp) -> Result<(), SupportError> {
        if self.id == target.id {
            return Err(SupportError::MergeIntoSelf { case_id: self.id.clone() });
        }
        if self.customer_id != target.customer_id {
            return Err(SupportError::CustomerMismatch {
                duplicate_id: self.id.clone(),
                duplicate_customer: self.customer_id.clone(),
                target_id: target.id.clone(),
                target_customer: target.customer_id.clone(),
            });
        }
        target.check_not_closed()?;
        target.check_in_order(at)
    }

    fn move_contents_to(&mut self, target: &mut SupportCase) {
        let mut moved = std::mem::take(&mut self.messages);
        for message in &mut moved {
            message.merged_from.get_or_insert_with(|| self.id.clone());
        }
        target.messages.extend(moved);
        target.messages.sort_by_key(|message| message.at);
        self.move_order_lines_to(target);
        if target.complaint.is_none() {
            target.complaint = self.complaint.clone();
        }
        target.merged_from.push(self.id.clone());
    }

    fn move_order_lines_to(&self, target: &mut SupportCase) {
        if target.order_id.is_none() {
            target.order_id.clone_from(&self.order_id);
        }
        if target.order_id != self.order_id {
            return;
        }
        for line in &self.order_line_ids {
            if !target.order_line_ids.contains(line) {
                target.order_line_ids.push(line.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::case::tests::{agent, customer, new_case, opened_at, ts};
    use crate::support::case::NewCase;

    fn pair() -> (SupportCase, SupportCase) {
        let policy = CasePolicy::default();
        let mut target = opened_at("2025-03-03T08:00:00Z");
        target.reply(agent(), "Looking into it.".into(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        let dup_new = NewCase { order_line_ids: vec!["line-2".into()], ..new_case() };
        let mut duplicate = SupportCase::open(dup_new, ts("2025-03-03T08:30:00Z")).unwrap();
        duplicate.add_internal_note(agent(), "dup".into(), ts("2025-03-03T08:45:00Z")).unwrap();
        (duplicate, target)
    }

    #[test]
    fn merge_moves_messages_with_their_times_and_closes_the_duplicate() {
        let (mut duplicate, mut target) = pair();
        let moved_ids: Vec<String> = duplicate.messages().iter().map(|m| m.id.clone()).collect();
        let at = ts("2025-03-03T10:00:00Z");
        duplicate.merge_into(&mut target, agent(), at, &CasePolicy::default()).unwrap();

        let times: Vec<Timestamp> = target.messages().iter().map(|m| m.at).collect();
        let mut sorted = times.clone();
        sorted.sort();
        assert_eq!(times, sorted);
        for id in &moved_ids {
            let message = target.messages().iter().find(|m| &m.id == id).unwrap();
            assert_eq!(message.merged_from.as_deref(), Some(duplicate.id()));
        }
        assert_eq!(target.messages().iter().find(|m| m.id == moved_ids[1]).unwrap().at, ts("2025-03-03T08:45:00Z"));
        assert_eq!(target.merged_from(), [duplicate.id().to_string()]);
        assert_eq!(target.order_line_ids(), ["line-1".to_string(), "line-2".to_string()]);
        let notice = target.messages().last().unwrap();
        assert_eq!((notice.author.clone(), notice.kind), (CaseActor::System, MessageKind::InternalNote));

        assert_eq!(duplicate.state(), CaseState::Closed);
        assert_eq!(duplicate.merged_into(), Some(target.id()));
        assert_eq!(duplicate.history().last().unwrap().actor, agent());
        assert_eq!(duplicate.messages().len(), 1);
        assert_eq!(duplicate.customer_view().merged_into.as_deref(), Some(target.id()));
    }

    #[test]
    fn merge_carries_a_complaint_flag_over() {
        let (mut duplicate, mut target) = pair();
        duplicate.flag_complaint(customer(), "Third time".into(), ts("2025-03-03T08:50:00Z")).unwrap();
        duplicate.merge_into(&mut target, agent(), ts("2025-03-03T10:00:00Z"), &CasePolicy::default()).unwrap();
        assert!(target.needs_complaint_follow_up());
    }

    #[test]
    fn merge_refusals_change_nothing() {
        let policy = CasePolicy::default();
        let at = ts("2025-03-03T10:00:00Z");
        let (mut duplicate, mut target) = pair();
        let mut copy = duplicate.clone();
        assert_eq!(
            duplicate.merge_into(&mut copy, agent(), at, &policy),
            Err(SupportError::MergeIntoSelf { case_id: duplicate.id().into() })
        );

        let other = NewCase { customer_id: "cust-2".into(), opened_by: agent(), ..new_case() };
        let mut stranger = SupportCase::open(other, ts("2025-03-03T08:00:00Z")).unwrap();
        let (dup_before, stranger_before) = (duplicate.clone(), stranger.clone());
        let err = duplicate.merge_into(&mut stranger, agent(), at, &policy).unwrap_err();
        assert!(matches!(err, SupportError::CustomerMismatch { .. }));
        assert_eq!((&duplicate, &stranger), (&dup_before, &stranger_before));

        target.transition(CaseState::Closed, agent(), at, &policy).unwrap();
        let target_before = target.clone();
        let err = duplicate.merge_into(&mut target, agent(), at, &policy).unwrap_err();
        assert_eq!(err, SupportError::CaseClosed { case_id: target.id().into() });
        assert_eq!((&duplicate, &target), (&dup_before, &target_before));
    }
}
