//! Time-driven work in one place: held stock that lapsed, reminders and cancellation of unpaid
//! orders, follow-ups of abandoned checkouts, back-in-stock e-mails, SLA warnings and escalations of support cases, cases
//! waiting on their customer, and delivery of the outbox. Each job is its own unit of work, so two
//! processes running it at once do every job once.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::cart::Cart;
use crate::checkout::CheckoutSession;
use crate::event::{Actor, RecordedEvent};
use crate::inventory::{InventoryEvent, LowStockLevel};
use crate::notify::{deliver_due, EmailAddress, EmailMessage, NewEmail, NotifyError};
use crate::order::{Order, OrderError, OrderState};
use crate::order::{PaymentMethod, PaymentReminder};
use crate::store::StockChange;
use crate::support::{CaseActor, CaseState, EscalationPolicy, SlaStatus, SlaTarget, SupportCase, TargetReport};

use super::checkout::{pricing_context, ContextChoice};
use super::support::{move_case, ACTIVE_STATES};
use super::unit::Tx;
use super::{Settings, Shop, ShopError, TrackingFailure, TrackingUpdate};

/// The most items of one kind a run takes on (the next run takes the rest).
const BATCH: u32 = 500;
/// The most outbox delivery rounds in one run.
const DELIVERY_ROUNDS: u32 = 50;

/// What one [`Shop::run_due`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DueReport {
    /// Orders whose held stock lapsed and went back on the shelf.
    pub reservations_expired: Vec<String>,
    /// Payment reminders sent: order number and which reminder.
    pub reminders: Vec<(String, PaymentReminder)>,
    /// Unpaid orders cancelled (by number).
    pub cancelled: Vec<String>,
    /// Abandoned checkout sessions followed up.
    pub follow_ups: Vec<String>,
    /// Parcels the couriers reported news on, and how their orders followed.
    pub tracking_updates: Vec<TrackingUpdate>,
    /// Couriers or parcels whose tracking failed this time (the next run tries again).
    pub tracking_failures: Vec<TrackingFailure>,
    /// Support cases whose SLA target is near or past due, and which target: staff were warned once.
    #[serde(default)]
    pub sla_warnings: Vec<(String, SlaTarget)>,
    /// Support cases escalated because an SLA target broke, and which target (once each).
    #[serde(default)]
    pub sla_escalations: Vec<(String, SlaTarget)>,
    /// Levels that fell to their low-stock threshold, as `location/variant`: staff were e-mailed once.
    #[serde(default)]
    pub low_stock_alerts: Vec<String>,
    /// Back-in-stock requests whose variant can be ordered again: each shopper was e-mailed once.
    #[serde(default)]
    pub back_in_stock: Vec<String>,
    /// Solved support cases closed because their reopen window passed without a customer reply.
    #[serde(default)]
    pub cases_closed: Vec<String>,
    /// Support cases waiting on the customer whose customer was reminded (once per wait).
    #[serde(default)]
    pub pending_reminders: Vec<String>,
    /// Support cases solved because the customer did not answer within the policy's wait.
    #[serde(default)]
    pub cases_solved: Vec<String>,
    /// Outbox entries sent.
    pub emails_sent: usize,
    /// Outbox entries that failed and wait for another attempt.
    pub emails_retrying: usize,
    /// Outbox entries that failed for good.
    pub emails_dead: usize,
}

/// What an unpaid order is due at a moment: the most advanced step only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notice {
    Remind(PaymentReminder),
    Cancel,
}

impl Shop {
    /// Does what is due at `now`: expires held stock, reminds and cancels unpaid bank-transfer
    /// orders, follows up abandoned checkouts, pulls the couriers' tracking, tells shoppers who asked
    /// that a variant is back, warns the support address
    /// of support cases whose SLA target is near or past and escalates those past it (once per case
    /// and target), reminds customers a case waits on and solves the cases they left silent, closes
    /// solved cases whose reopen window passed, and sends the outbox through the registered mailer.
    pub async fn run_due(&self, now: Timestamp) -> Result<DueReport, ShopError> {
        let mut report =
            DueReport { reservations_expired: self.store().expire_reservations(now).await?, ..DueReport::default() };
        self.unpaid_orders(now, &mut report).await?;
        self.abandoned_checkouts(now, &mut report).await?;
        let tracking = self.shipping().refresh_tracking(now).await?;
        report.tracking_updates = tracking.updates;
        report.tracking_failures = tracking.failures;
        self.low_stock_alerts(now, &mut report).await?;
        self.back_in_stock(now, &mut report).await?;
        self.sla_warnings(now, &mut report).await?;
        self.pending_cases(now, &mut report).await?;
        self.close_solved_cases(now, &mut report).await?;
        self.deliver_outbox(now, &mut report).await?;
        Ok(report)
    }

    async fn unpaid_orders(&self, now: Timestamp, report: &mut DueReport) -> Result<(), ShopError> {
        let settings = self.settings().await?;
        for state in [OrderState::AwaitingTransfer, OrderState::PendingPayment] {
            let waiting = crate::store::find::<Order>(self.store().as_ref(), "state", state.as_str(), BATCH).await?;
            for order in waiting.into_iter().map(|o| o.value) {
                if order.delivery().payment_method != PaymentMethod::BankTransfer {
                    continue;
                }
                let Some(notice) = notice_due(&settings, &order, now) else { continue };
                let number = order.number().to_string();
                match self.give_notice(order.id(), notice, now).await {
                    Ok(true) => match notice {
                        Notice::Remind(reminder) => report.reminders.push((number, reminder)),
                        Notice::Cancel => report.cancelled.push(number),
                    },
                    Ok(false) => {}
                    Err(error) => return Err(error),
                }
            }
        }
        Ok(())
    }

    /// Sends `notice` for order `order_id` unless done already (by another process too).
    async fn give_notice(&self, order_id: &str, notice: Notice, now: Timestamp) -> Result<bool, ShopError> {
        command!(self, retry = true, at = now, |tx| {
            let mut order = tx.get::<Order>(order_id).await?;
            if !matches!(order.state(), OrderState::AwaitingTransfer | OrderState::PendingPayment) {
                return Ok(false);
            }
            match notice {
                Notice::Remind(reminder) => {
                    let cancel_at = order.placed_at() + tx.settings.unpaid.cancel_after;
                    match order.remind_payment(reminder, cancel_at, tx.now) {
                        Err(OrderError::AlreadyReminded { .. } | OrderError::NothingDue { .. }) => return Ok(false),
                        other => other?,
                    };
                }
                Notice::Cancel => {
                    let note = Some("no payment received in time".to_owned());
                    order.transition(OrderState::Cancelled, Actor::System, tx.now, note)?;
                    tx.stock(StockChange::Release { order_id: order_id.to_owned() });
                }
            }
            tx.save(&mut order)?;
            Ok(true)
        })
    }

    async fn abandoned_checkouts(&self, now: Timestamp, report: &mut DueReport) -> Result<(), ShopError> {
        let settings = self.settings().await?;
        let before = now - settings.abandoned_after;
        for session in self.store().abandoned_checkout_sessions(before, BATCH).await? {
            let session_id = session.value.id().to_owned();
            if self.follow_up(&session_id, now).await? {
                report.follow_ups.push(session_id);
            }
        }
        Ok(())
    }

    /// Follows up abandoned session `session_id` once; whether an e-mail went out.
    async fn follow_up(&self, session_id: &str, now: Timestamp) -> Result<bool, ShopError> {
        command!(self, retry = true, at = now, |tx| {
            let mut session = tx.get::<CheckoutSession>(session_id).await?;
            if session.abandoned_since(tx.now, tx.settings.abandoned_after).is_none() {
                return Ok(false);
            }
            let cart = tx.get::<Cart>(session.cart_id()).await?;
            let priced = match tx.pricer() {
                Ok(pricer) => {
                    let context = pricing_context(tx, &cart, ContextChoice::default()).await?;
                    pricer.price(&cart, &context).ok()
                }
                Err(_) => None,
            };
            let sent = match priced {
                Some(priced) => tx.follow_up(&session, priced).await?,
                None => false,
            };
            session.mark_followed_up(tx.now);
            tx.save(&mut session)?;
            Ok(sent)
        })
    }

    /// Re-arms the low-stock alerts of levels that rose above their threshold, then alerts on each
    /// level at or below it (an event and a staff e-mail, once per crossing).
    async fn low_stock_alerts(&self, now: Timestamp, report: &mut DueReport) -> Result<(), ShopError> {
        self.store().rearm_low_stock().await?;
        for level in self.store().low_stock_due(BATCH).await? {
            if self.alert_low_stock(&level.location_id, &level.variant_id, now).await? {
                report.low_stock_alerts.push(format!("{}/{}", level.location_id, level.variant_id));
            }
        }
        Ok(())
    }

    /// Raises the low-stock event of the level of `variant_id` at `location_id` and e-mails the
    /// support address, unless it is no longer due (sent by another process, or restocked);
    /// whether it was sent.
    async fn alert_low_stock(&self, location_id: &str, variant_id: &str, now: Timestamp) -> Result<bool, ShopError> {
        command!(self, retry = true, at = now, |tx| {
            let due = tx.store.low_stock_due(BATCH).await?;
            let Some(level) = due.into_iter().find(|l| l.location_id == location_id && l.variant_id == variant_id)
            else {
                return Ok(false);
            };
            tx.queue(low_stock_email(&tx.settings, &level)?);
            let event = InventoryEvent::LowStock {
                location_id: level.location_id.clone(),
                variant_id: level.variant_id.clone(),
                available: level.available,
                threshold: level.threshold,
            };
            tx.record(vec![RecordedEvent::new(event, tx.now).widen()]);
            let LowStockLevel { location_id, variant_id, crossings, .. } = level;
            tx.stock(StockChange::LowStockAlerted { location_id, variant_id, crossings });
            Ok(true)
        })
    }

    async fn sla_warnings(&self, now: Timestamp, report: &mut DueReport) -> Result<(), ShopError> {
        let settings = self.settings().await?;
        let calendar = settings.support_calendar()?;
        for state in ACTIVE_STATES {
            let cases =
                crate::store::find::<SupportCase>(self.store().as_ref(), "state", state.as_str(), BATCH).await?;
            for case in cases.into_iter().map(|c| c.value) {
                let sla = settings.sla.evaluate(&case, &calendar, now)?;
                for target in SlaTarget::ALL {
                    let Some(run) = sla.target(target) else { continue };
                    let started_at = run.started_at;
                    if needs_warning(run)
                        && !case.was_sla_warned(target, started_at)
                        && self.warn_sla(case.id(), target, started_at, now).await?
                    {
                        report.sla_warnings.push((case.id().to_owned(), target));
                    }
                    if settings.sla_escalation.is_some()
                        && is_breached(run)
                        && !case.was_escalated(target, started_at)
                        && self.escalate_sla(case.id(), target, started_at, now).await?
                    {
                        report.sla_escalations.push((case.id().to_owned(), target));
                    }
                }
            }
        }
        Ok(())
    }

    /// Closes the solved cases whose reopen window (the settings' `cases.reopen_window`) has passed,
    /// each in its own command (a case reopened meanwhile by another process stays open).
    async fn close_solved_cases(&self, now: Timestamp, report: &mut DueReport) -> Result<(), ShopError> {
        let solved = CaseState::Solved.as_str();
        let cases = crate::store::find::<SupportCase>(self.store().as_ref(), "state", solved, BATCH).await?;
        for case in cases {
            let case_id = case.value.id();
            let closed = command!(self, retry = true, at = now, |tx| {
                let mut case = tx.get::<SupportCase>(case_id).await?;
                if case.state() != CaseState::Solved
                    || !case.close_if_reopen_window_passed(&tx.settings.cases, tx.now)?
                {
                    return Ok(false);
                }
                tx.save(&mut case)?;
                Ok(true)
            })?;
            if closed {
                report.cases_closed.push(case_id.to_owned());
            }
        }
        Ok(())
    }

    /// Queues the SLA warning of `target` of case `case_id` (its run started at `started_at`) to
    /// the support address, unless the case was warned about that run already (by another process
    /// too) or it was answered meanwhile; whether it was queued.
    async fn warn_sla(
        &self,
        case_id: &str,
        target: SlaTarget,
        started_at: Timestamp,
        now: Timestamp,
    ) -> Result<bool, ShopError> {
        command!(self, retry = true, at = now, |tx| {
            let mut case = tx.get::<SupportCase>(case_id).await?;
            let Some(evaluated) = same_run(tx, &case, target, started_at)? else { return Ok(false) };
            if !needs_warning(&evaluated) || !case.mark_sla_warned(target, started_at) {
                return Ok(false);
            }
            let message = sla_warning_email(&tx.settings, &case, target, &evaluated)?;
            tx.queue(message);
            tx.save(&mut case)?;
            Ok(true)
        })
    }

    /// Escalates case `case_id` because `target` broke in its run started at `started_at`, by the
    /// settings' `sla_escalation`, and e-mails the support address and the people the policy names,
    /// unless it was escalated for that run already (by another process too) or answered meanwhile;
    /// whether it was escalated.
    async fn escalate_sla(
        &self,
        case_id: &str,
        target: SlaTarget,
        started_at: Timestamp,
        now: Timestamp,
    ) -> Result<bool, ShopError> {
        command!(self, retry = true, at = now, |tx| {
            let Some(policy) = tx.settings.sla_escalation.clone() else { return Ok(false) };
            let mut case = tx.get::<SupportCase>(case_id).await?;
            let Some(evaluated) = same_run(tx, &case, target, started_at)? else { return Ok(false) };
            if !is_breached(&evaluated) || !case.escalate(target, started_at, &policy, tx.now)? {
                return Ok(false);
            }
            let message = escalation_email(&tx.settings, &policy, &case, target, &evaluated)?;
            tx.queue(message);
            tx.save(&mut case)?;
            Ok(true)
        })
    }

    /// Reminds the customers whose case has waited on them for the settings' `cases.
    /// remind_pending_after`, and solves the cases left silent past `cases.solve_pending_after`
    /// (the survey follows, as on any solve); each case in its own command.
    async fn pending_cases(&self, now: Timestamp, report: &mut DueReport) -> Result<(), ShopError> {
        let policy = self.settings().await?.cases;
        if policy.remind_pending_after.is_none() && policy.solve_pending_after.is_none() {
            return Ok(());
        }
        let pending = CaseState::PendingCustomer.as_str();
        for case in crate::store::find::<SupportCase>(self.store().as_ref(), "state", pending, BATCH).await? {
            let case_id = case.value.id();
            let outcome = command!(self, retry = true, at = now, |tx| {
                let mut case = tx.get::<SupportCase>(case_id).await?;
                let policy = tx.settings.cases;
                if case.waited_out(&policy, tx.now) {
                    move_case(tx, case_id, CaseState::Solved, CaseActor::System).await?;
                    return Ok(Some(Waited::Solved));
                }
                if !case.remind_pending_customer(&policy, tx.now) {
                    return Ok(None);
                }
                tx.save(&mut case)?;
                Ok(Some(Waited::Reminded))
            })?;
            match outcome {
                Some(Waited::Solved) => report.cases_solved.push(case_id.to_owned()),
                Some(Waited::Reminded) => report.pending_reminders.push(case_id.to_owned()),
                None => {}
            }
        }
        Ok(())
    }

    async fn deliver_outbox(&self, now: Timestamp, report: &mut DueReport) -> Result<(), ShopError> {
        let Ok(mailer) = self.plugins().mailer_plugin() else { return Ok(()) };
        let policy = self.settings().await?.outbox;
        for _ in 0..DELIVERY_ROUNDS {
            let round = deliver_due(self.store().as_ref(), mailer.as_ref(), &policy, now).await?;
            report.emails_sent += round.sent.len();
            report.emails_retrying += round.retrying.len();
            report.emails_dead += round.dead.len();
            if round.sent.is_empty() && round.dead.is_empty() {
                break;
            }
        }
        Ok(())
    }
}

/// `target` of `case` evaluated now, if it is still in its run started at `started_at` (an answer
/// since ended that run, and may have started another).
fn same_run(
    tx: &Tx,
    case: &SupportCase,
    target: SlaTarget,
    started_at: Timestamp,
) -> Result<Option<TargetReport>, ShopError> {
    let calendar = tx.settings.support_calendar()?;
    let sla = tx.settings.sla.evaluate(case, &calendar, tx.now)?;
    Ok(sla.target(target).filter(|run| run.started_at == started_at).cloned())
}

/// Whether an unmet target is near its due time or past it.
fn needs_warning(target: &TargetReport) -> bool {
    target.met_at.is_none() && matches!(target.status, SlaStatus::Warning | SlaStatus::Breached)
}

/// What became of a case that waited on its customer.
enum Waited {
    Reminded,
    Solved,
}

/// Whether an unmet target is past due.
fn is_breached(target: &TargetReport) -> bool {
    target.met_at.is_none() && target.status == SlaStatus::Breached
}

/// The e-mail telling the support address and the policy's people that `case` was escalated.
fn escalation_email(
    settings: &Settings,
    policy: &EscalationPolicy,
    case: &SupportCase,
    target: SlaTarget,
    evaluated: &TargetReport,
) -> Result<EmailMessage, ShopError> {
    let mut to = vec![settings.profile.info.support_email.clone()];
    to.extend(policy.notify.iter().cloned());
    let assignment = case.assignment();
    let text = format!(
        "The {label} target of support case {id} ({subject}) was breached and the case was escalated.\n\n\
         Priority: {priority}\nQueue: {queue}\nAgent: {agent}\nState: {state}\nCustomer: {customer}\n\
         Business minutes used: {elapsed} of {minutes}\n",
        label = target.label(),
        id = case.id(),
        subject = case.subject(),
        priority = case.priority().as_str(),
        queue = assignment.queue.as_deref().unwrap_or("none"),
        agent = assignment.agent_id.as_deref().unwrap_or("none"),
        state = case.state(),
        customer = case.customer_id(),
        elapsed = evaluated.elapsed_minutes,
        minutes = evaluated.target_minutes,
    );
    let subject = format!("Escalated: the {} of case \"{}\" is overdue", target.label(), case.subject());
    staff_email(settings, &run_key("sla_escalation", case, target, evaluated), to, subject, text)
}

/// The e-mail telling the support address that `target` of `case` is near or past due.
fn sla_warning_email(
    settings: &Settings,
    case: &SupportCase,
    target: SlaTarget,
    evaluated: &TargetReport,
) -> Result<EmailMessage, ShopError> {
    let (what, when) = match (evaluated.status, evaluated.due_at) {
        (SlaStatus::Breached, Some(due)) => ("is overdue", format!("was due at {due}")),
        (SlaStatus::Breached, None) => ("is overdue", "is overdue".to_owned()),
        (_, Some(due)) => ("is almost due", format!("falls due at {due}")),
        (_, None) => ("is almost due", "is almost due".to_owned()),
    };
    let label = target.label();
    let text = format!(
        "The {label} of support case {id} ({subject}) {when}.\n\nPriority: {priority:?}\nState: {state}\n\
         Customer: {customer}\nBusiness minutes used: {elapsed} of {minutes}\n",
        id = case.id(),
        subject = case.subject(),
        priority = case.priority(),
        state = case.state(),
        customer = case.customer_id(),
        elapsed = evaluated.elapsed_minutes,
        minutes = evaluated.target_minutes,
    );
    let subject = format!("SLA: the {label} of case \"{}\" {what}", case.subject());
    let to = vec![settings.profile.info.support_email.clone()];
    staff_email(settings, &run_key("sla_warning", case, target, evaluated), to, subject, text)
}

/// The key of a staff e-mail about one run of `target`: `{kind}.{case}.{target}`, with the run's
/// start (in microseconds) for a target that recurs, so each run gets its own e-mail once.
fn run_key(kind: &str, case: &SupportCase, target: SlaTarget, evaluated: &TargetReport) -> String {
    let key = format!("{kind}.{}.{}", case.id(), target.as_str());
    match target.recurs() {
        true => format!("{key}.{}", evaluated.started_at.as_microsecond()),
        false => key,
    }
}

/// The e-mail telling the support address that `level` fell to its low-stock threshold.
fn low_stock_email(settings: &Settings, level: &LowStockLevel) -> Result<EmailMessage, ShopError> {
    let LowStockLevel { location_id, variant_id, available, threshold, crossings } = level;
    let text = format!(
        "Variant {variant_id} at stock location {location_id} is running low: {available} units free to          sell, at or below the threshold of {threshold}.\n"
    );
    let subject = format!("Low stock: {variant_id} at {location_id} ({available} left)");
    let to = vec![settings.profile.info.support_email.clone()];
    let key = format!("low_stock.{location_id}.{variant_id}.{}", crossings + 1);
    staff_email(settings, &key, to, subject, text)
}

/// A plain-text e-mail from the shop's sender to staff `to`, its message id `<{key}@{sender's domain}>`.
fn staff_email(
    settings: &Settings,
    key: &str,
    to: Vec<String>,
    subject: String,
    text: String,
) -> Result<EmailMessage, ShopError> {
    let sender = EmailAddress::parse(&settings.profile.sender, "profile.sender").map_err(NotifyError::from)?;
    let domain = sender.address().rsplit('@').next().unwrap_or("localhost");
    let message = EmailMessage::new(NewEmail {
        message_id: format!("<{key}@{domain}>"),
        from: settings.profile.sender.clone(),
        to,
        reply_to: None,
        subject,
        text,
        html: None,
        headers: Vec::new(),
        attachments: Vec::new(),
    })
    .map_err(NotifyError::from)?;
    Ok(message)
}

/// The most advanced notice `order` is due at `now` and has not had: cancellation, the final
/// notice or the last reminder passed (after downtime a shopper never gets a pile of reminders).
fn notice_due(settings: &Settings, order: &Order, now: Timestamp) -> Option<Notice> {
    let policy = &settings.unpaid;
    let elapsed = now.duration_since(order.placed_at());
    if elapsed >= policy.cancel_after {
        return Some(Notice::Cancel);
    }
    let reminder = if elapsed >= policy.final_notice_after {
        PaymentReminder::FinalNotice
    } else {
        let passed = policy.reminders_after.iter().filter(|after| elapsed >= **after).count();
        let number = u32::try_from(passed).ok().filter(|n| *n > 0)?;
        PaymentReminder::Reminder { number }
    };
    (!order.reminders_sent().contains(&reminder)).then_some(Notice::Remind(reminder))
}
