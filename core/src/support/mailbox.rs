//! A case's conversation by e-mail and chat: customer messages that arrive by either, the
//! Message-IDs the case threads by, its acknowledgement, and automatic replies and bounces noted.

use jiff::Timestamp;

use super::case::{Channel, SupportCase};
use super::error::SupportError;
use super::inbound::case_reference;
use super::message::{CaseActor, MailDetails};
use super::{CaseEvent, CasePolicy};
use crate::event::RecordedEvent;

/// The most Message-IDs a case keeps for the `References` of its e-mails.
const THREAD_LIMIT: usize = 20;

impl SupportCase {
    /// The customer-facing reference, `VT-C-<case id>`, carried in e-mail subjects as `[VT-C-…]`.
    pub fn reference(&self) -> String {
        case_reference(&self.id)
    }

    /// The Message-IDs of the e-mails received on the case (without `<>`), oldest first.
    pub fn mail_thread(&self) -> &[String] {
        &self.mail_thread
    }

    /// Whether an agent's reply goes to the customer by e-mail: every channel but chat, whose
    /// replies the chat client fetches.
    pub fn replies_by_email(&self) -> bool {
        self.channel != Channel::Chat
    }

    /// Adds a message the customer sent by e-mail (with `email`) or chat (`None`): a public reply
    /// that wakes a case pending on them or recently solved, as [`SupportCase::reply`] does.
    /// Returns the message id.
    pub fn add_customer_message(
        &mut self,
        body: String,
        email: Option<MailDetails>,
        at: Timestamp,
        policy: &CasePolicy,
    ) -> Result<String, SupportError> {
        let author = CaseActor::Customer { id: self.customer_id.clone() };
        let message_id = self.reply(author, body, at, policy)?;
        self.keep_mail_details(&message_id, email);
        Ok(message_id)
    }

    /// Marks the opening message as received by e-mail with `email`, and records `case_received`
    /// (the acknowledgement e-mail follows from it) when `acknowledge`.
    pub fn opened_by_email(&mut self, email: MailDetails, acknowledge: bool, at: Timestamp) {
        if let Some(first) = self.messages.first().map(|m| m.id.clone()) {
            self.keep_mail_details(&first, Some(email));
        }
        if acknowledge {
            let event = CaseEvent::CaseReceived { case_id: self.id.clone(), customer_id: self.customer_id.clone() };
            self.events.push(RecordedEvent::new(event, at));
        }
    }

    /// Notes an automatic reply from `from` for staff, once per case (a closed case takes no note).
    /// Returns whether it was noted.
    pub fn note_auto_reply(&mut self, from: &str, reason: &str, at: Timestamp) -> Result<bool, SupportError> {
        if self.auto_reply_noted || self.check_not_closed().is_err() {
            return Ok(false);
        }
        let note = format!("Automatic reply from {from} ({reason}); not answered.");
        self.add_internal_note(CaseActor::System, note, at)?;
        self.auto_reply_noted = true;
        Ok(true)
    }

    /// Notes for staff that the case's e-mail to `recipient` bounced (a closed case takes no note).
    pub fn note_bounce(&mut self, recipient: &str, at: Timestamp) -> Result<(), SupportError> {
        if self.check_not_closed().is_err() {
            return Ok(());
        }
        let note = format!("E-mail to {recipient} could not be delivered (bounced); reach the customer another way.");
        self.add_internal_note(CaseActor::System, note, at).map(|_| ())
    }

    fn keep_mail_details(&mut self, message_id: &str, email: Option<MailDetails>) {
        let Some(email) = email else { return };
        if let Some(id) = email.message_id.clone().filter(|id| !self.mail_thread.contains(id)) {
            self.mail_thread.push(id);
            let excess = self.mail_thread.len().saturating_sub(THREAD_LIMIT);
            self.mail_thread.drain(..excess);
        }
        if let Some(message) = self.messages.iter_mut().find(|m| m.id == message_id) {
            message.email = Some(email);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::case::tests::{agent, opened_at, ts};
    use super::*;
    use crate::support::{CaseState, MessageKind};

    fn details(id: &str) -> MailDetails {
        MailDetails {
            message_id: Some(id.to_owned()),
            from: "cust@example.com".into(),
            full_body: "hi\n> old".into(),
            attachments: Vec::new(),
        }
    }

    #[test]
    fn an_e_mail_opening_keeps_its_details_and_asks_for_the_acknowledgement() {
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.opened_by_email(details("a@x"), true, ts("2025-03-03T08:00:00Z"));
        assert_eq!(case.messages()[0].email, Some(details("a@x")));
        assert_eq!(case.mail_thread(), ["a@x".to_owned()]);
        let events = case.take_events();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event.kind(), "case_received");
        assert_eq!(events[0].event.case_id(), case.id());
        case.opened_by_email(details("a@x"), false, ts("2025-03-03T08:00:00Z"));
        assert!(case.take_events().is_empty());
        assert_eq!(case.mail_thread().len(), 1);
    }

    #[test]
    fn a_customer_e_mail_wakes_a_pending_case_and_joins_the_thread() {
        let policy = CasePolicy::default();
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.transition(CaseState::PendingCustomer, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        let id = case.add_customer_message("Photo".into(), Some(details("b@x")), ts("2025-03-03T10:00:00Z"), &policy);
        let id = id.unwrap();
        assert_eq!(case.state(), CaseState::Open);
        let message = case.messages().iter().find(|m| m.id == id).unwrap();
        assert_eq!(message.email.as_ref().and_then(|e| e.message_id.as_deref()), Some("b@x"));
        assert_eq!(case.mail_thread(), ["b@x".to_owned()]);
    }

    #[test]
    fn the_thread_keeps_the_latest_ids_only() {
        let policy = CasePolicy::default();
        let mut case = opened_at("2025-03-03T08:00:00Z");
        for n in 0..THREAD_LIMIT + 5 {
            let at = ts("2025-03-03T09:00:00Z");
            case.add_customer_message(format!("m{n}"), Some(details(&format!("{n}@x"))), at, &policy).unwrap();
        }
        assert_eq!(case.mail_thread().len(), THREAD_LIMIT);
        assert_eq!(case.mail_thread()[0], "5@x");
    }

    #[test]
    fn an_automatic_reply_is_noted_once_and_a_closed_case_takes_no_note() {
        let mut case = opened_at("2025-03-03T08:00:00Z");
        let at = ts("2025-03-03T09:00:00Z");
        assert!(case.note_auto_reply("cust@example.com", "Auto-Submitted: auto-replied", at).unwrap());
        assert!(!case.note_auto_reply("cust@example.com", "Auto-Submitted: auto-replied", at).unwrap());
        assert_eq!(case.messages().len(), 2);
        assert_eq!(case.messages()[1].kind, MessageKind::InternalNote);
        case.note_bounce("cust@example.com", at).unwrap();
        assert_eq!(case.messages().len(), 3);
        case.transition(CaseState::Closed, agent(), at, &CasePolicy::default()).unwrap();
        case.note_bounce("cust@example.com", at).unwrap();
        assert_eq!(case.messages().len(), 3);
    }

    #[test]
    fn the_reference_carries_the_case_id_and_chat_cases_are_not_answered_by_e_mail() {
        let case = opened_at("2025-03-03T08:00:00Z");
        assert_eq!(case.reference(), format!("VT-C-{}", case.id()));
        assert!(case.replies_by_email());
        let mut new = super::super::case::tests::new_case();
        new.channel = Channel::Chat;
        assert!(!SupportCase::open(new, ts("2025-03-03T08:00:00Z")).unwrap().replies_by_email());
    }
}
