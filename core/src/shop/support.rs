//! Support use cases: open a case, reply (canned replies too; an agent's reply e-mails the customer
//! in the same commit), move it through its states, solve it with a CSAT survey, and SLA order.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::customer::Customer;
use crate::store::subject_key;
use crate::support::{sort_requests, Assignment, CaseCategory, CaseSummary, CustomerView, Priority, RenderedReply};
use crate::support::{BusinessCalendar, WorkQueueFilter};
use crate::support::{CaseActor as Actor, CaseState, NewCase, SlaReport, SupportCase, SurveyRequest, SurveySubject};

use super::unit::Tx;
use super::{Shop, ShopError};

/// The most cases read per state or per customer.
const CASE_LIMIT: u32 = 1000;

/// The states a case is still being worked on in.
pub(super) const ACTIVE_STATES: [CaseState; 4] =
    [CaseState::New, CaseState::Open, CaseState::PendingCustomer, CaseState::OnHold];

/// Support cases. Get it from [`Shop::support`].
#[derive(Debug, Clone, Copy)]
pub struct Support<'a> {
    pub(super) shop: &'a Shop,
}

/// A case moved to `solved`, and the satisfaction survey sent with it (`None` if the case had
/// one already, e.g. it was solved before and reopened).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SolvedCase {
    /// The case, now solved.
    pub case: SupportCase,
    /// The survey saved in the same commit.
    pub survey: Option<SurveyRequest>,
}

/// An active case with its SLA evaluation at the moment it was listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseSla {
    /// The case.
    pub case: SupportCase,
    /// Both targets, evaluated in the shop's business calendar.
    pub sla: SlaReport,
}

/// A case as its customer sees it ("track my request"): public messages and customer-visible
/// status changes only, and until when a reply reopens it once solved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerCase {
    /// What the customer sees of the case.
    pub view: CustomerView,
    /// Until when a reply reopens the solved case (the shop's reopen window); `None` unless solved.
    pub reopen_deadline: Option<Timestamp>,
}

/// One line of a customer's "my requests" list, with the SLA evaluated when it was listed (its
/// due times say when to expect an answer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerRequest {
    /// The case at a glance.
    pub summary: CaseSummary,
    /// Both targets, evaluated in the shop's business calendar.
    pub sla: SlaReport,
}

impl Support<'_> {
    /// Opens a case for an existing customer (and, if given, one of their orders).
    pub async fn open_case(&self, new: NewCase) -> Result<SupportCase, ShopError> {
        command!(self.shop, retry = false, |tx| {
            tx.find::<Customer>(&new.customer_id)
                .await?
                .ok_or_else(|| ShopError::invalid("customer_id", "no customer with this id"))?;
            if let Some(order_id) = &new.order_id {
                let order = tx.find::<crate::order::Order>(order_id).await?;
                if order.is_none_or(|o| o.customer_id() != Some(new.customer_id.as_str())) {
                    return Err(ShopError::invalid("order_id", "no order of this customer with this id"));
                }
            }
            let mut case = open_case_for(tx, new.clone()).await?;
            tx.save(&mut case)?;
            Ok(case)
        })
    }

    /// Hands case `case_id` to `assignment` (an agent, a queue, both, or neither to release it).
    pub async fn assign(&self, case_id: &str, assignment: Assignment) -> Result<SupportCase, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut case = tx.get::<SupportCase>(case_id).await?;
            case.assign(assignment.clone())?;
            tx.save(&mut case)?;
            Ok(case)
        })
    }

    /// Hands case `case_id` to the next agent of team `queue` (the settings' `support_teams`), the
    /// agents taking turns in their listed order across every process on the database. A queue with
    /// no team is [`ShopError::Invalid`] on `queue`.
    pub async fn assign_in_turn(&self, case_id: &str, queue: &str) -> Result<SupportCase, ShopError> {
        let settings = self.shop.settings().await?;
        let team = settings.support_teams.get(queue).filter(|agents| !agents.is_empty());
        let team = team.ok_or_else(|| ShopError::invalid("queue", format!("no support team is named {queue:?}")))?;
        self.get(case_id).await?;
        let turn = self.shop.store().next_turn(&format!("support_team:{queue}")).await?;
        let agent = team[((turn - 1) % team.len() as u64) as usize].clone();
        let assignment = Assignment { agent_id: Some(agent), queue: Some(queue.to_owned()) };
        self.assign(case_id, assignment).await
    }

    /// The case `case_id`.
    pub async fn get(&self, case_id: &str) -> Result<SupportCase, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<SupportCase>(case_id).await)
    }

    /// A public reply by `actor`. An agent's reply queues the support-reply e-mail to the customer
    /// with the same commit; a customer's reply wakes a case pending on them or recently solved.
    pub async fn reply(&self, case_id: &str, actor: Actor, body: &str) -> Result<SupportCase, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut case = tx.get::<SupportCase>(case_id).await?;
            case.reply(actor.clone(), body.to_owned(), tx.now, &tx.settings.cases)?;
            tx.save(&mut case)?;
            Ok(case)
        })
    }

    /// Agent `agent_id` replies with the canned reply `canned_id` of the settings, rendered with
    /// `values` in `locale` (`None`: the customer's locale; the reply's default locale if it has no
    /// text in that one).
    pub async fn reply_with_canned(
        &self,
        case_id: &str,
        agent_id: &str,
        canned_id: &str,
        locale: Option<&str>,
        values: &BTreeMap<String, String>,
    ) -> Result<SupportCase, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut case = tx.get::<SupportCase>(case_id).await?;
            let rendered = render_canned(tx, &case, canned_id, locale, values).await?;
            let agent = Actor::Agent { id: agent_id.to_owned() };
            case.reply(agent, rendered.body, tx.now, &tx.settings.cases)?;
            tx.save(&mut case)?;
            Ok(case)
        })
    }

    /// Moves case `case_id` to `state`, recorded with `actor`; moving it to `solved` sends the
    /// satisfaction survey as [`Support::solve`] does.
    pub async fn transition(&self, case_id: &str, state: CaseState, actor: Actor) -> Result<SupportCase, ShopError> {
        command!(self.shop, retry = true, |tx| Ok(move_case(tx, case_id, state, actor.clone()).await?.case))
    }

    /// Solves case `case_id` and saves a CSAT survey about it in the same commit.
    pub async fn solve(&self, case_id: &str, actor: Actor) -> Result<SolvedCase, ShopError> {
        command!(self.shop, retry = true, |tx| move_case(tx, case_id, CaseState::Solved, actor.clone()).await)
    }

    /// Records the customer's answer to survey `survey_id`: a score of 1 to 5 and a comment.
    pub async fn answer_survey(
        &self,
        survey_id: &str,
        score: u8,
        comment: Option<&str>,
    ) -> Result<SurveyRequest, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut survey = tx.get::<SurveyRequest>(survey_id).await?;
            survey.answer(score, comment, tx.now)?;
            tx.save(&mut survey)?;
            Ok(survey)
        })
    }

    /// The surveys sent about case `case_id`, oldest first.
    pub async fn surveys_of_case(&self, case_id: &str) -> Result<Vec<SurveyRequest>, ShopError> {
        let subject = subject_key(&SurveySubject::Case { case_id: case_id.to_owned() });
        command!(self.shop, retry = false, |tx| tx.find_by::<SurveyRequest>("subject", &subject, CASE_LIMIT).await)
    }

    /// The cases of `customer_id`, oldest first.
    pub async fn cases_of_customer(&self, customer_id: &str) -> Result<Vec<SupportCase>, ShopError> {
        command!(self.shop, retry = false, |tx| tx.find_by::<SupportCase>("customer_id", customer_id, CASE_LIMIT).await)
    }

    /// The cases still being worked on, the one due soonest first: by the first-response due time
    /// while that is unmet, else the resolution due time (SLA in the shop's business calendar);
    /// cases whose clock is paused come last, oldest first.
    pub async fn open_cases_by_sla(&self) -> Result<Vec<CaseSla>, ShopError> {
        self.work_queue(&WorkQueueFilter::default()).await
    }

    /// The open cases `filter` selects (a team's queue, an agent's cases, the unassigned ones, a
    /// priority, a channel), ordered as [`Support::open_cases_by_sla`] orders them.
    pub async fn work_queue(&self, filter: &WorkQueueFilter) -> Result<Vec<CaseSla>, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let calendar = tx.settings.support_calendar()?;
            let mut listed = Vec::new();
            for state in ACTIVE_STATES {
                let cases = tx.find_by::<SupportCase>("state", state.as_str(), CASE_LIMIT).await?;
                for case in cases.into_iter().filter(|case| filter.matches(case)) {
                    let sla = tx.settings.sla.evaluate(&case, &calendar, tx.now)?;
                    listed.push(CaseSla { case, sla });
                }
            }
            listed.sort_by(|a, b| {
                let due = |c: &CaseSla| (c.sla.next_due_at().is_none(), c.sla.next_due_at(), c.case.created_at());
                due(a).cmp(&due(b))
            });
            Ok(listed)
        })
    }
}

impl Support<'_> {
    /// The canned reply `canned_id` rendered for case `case_id` as [`Support::reply_with_canned`]
    /// would send it (`locale` `None`: the customer's), without sending or storing anything.
    pub async fn preview_canned(
        &self,
        case_id: &str,
        canned_id: &str,
        locale: Option<&str>,
        values: &BTreeMap<String, String>,
    ) -> Result<RenderedReply, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let case = tx.get::<SupportCase>(case_id).await?;
            render_canned(tx, &case, canned_id, locale, values).await
        })
    }

    /// Adds a staff-only note by `actor` (an agent or the system; never the customer): staff see
    /// it in the case's messages, the customer never does, and no e-mail is sent.
    pub async fn add_internal_note(&self, case_id: &str, actor: Actor, body: &str) -> Result<SupportCase, ShopError> {
        self.change(case_id, |case, now| case.add_internal_note(actor.clone(), body.to_owned(), now).map(drop)).await
    }

    /// Changes the priority of case `case_id` (and so the SLA targets that apply to it).
    pub async fn set_priority(&self, case_id: &str, priority: Priority) -> Result<SupportCase, ShopError> {
        self.change(case_id, |case, _| case.set_priority(priority)).await
    }

    /// Changes the category of case `case_id`.
    pub async fn set_category(&self, case_id: &str, category: CaseCategory) -> Result<SupportCase, ShopError> {
        self.change(case_id, |case, _| case.set_category(category)).await
    }

    /// Flags case `case_id` as a complaint needing a follow-up by the shop, `reason` saying why
    /// (flagging again replaces the flag).
    pub async fn flag_complaint(&self, case_id: &str, actor: Actor, reason: &str) -> Result<SupportCase, ShopError> {
        self.change(case_id, |case, now| case.flag_complaint(actor.clone(), reason.to_owned(), now)).await
    }

    /// Records that the complaint follow-up of case `case_id` was done; a case not flagged is
    /// [`ShopError::Invalid`] on `complaint`.
    pub async fn complete_complaint_follow_up(&self, case_id: &str) -> Result<SupportCase, ShopError> {
        self.change(case_id, |case, now| case.complete_complaint_follow_up(now)).await
    }

    /// Opens a new case continuing the solved or closed case `case_id` (after its reopen window,
    /// say), linked to it, with its customer, order, priority and category; `description` is the
    /// first message. An active case is refused: reply to it instead.
    pub async fn open_follow_up(
        &self,
        case_id: &str,
        actor: Actor,
        description: &str,
    ) -> Result<SupportCase, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let earlier = tx.get::<SupportCase>(case_id).await?;
            let mut case = earlier.follow_up(actor.clone(), description.to_owned(), tx.now)?;
            let customer = tx.find::<Customer>(case.customer_id()).await?;
            case.set_customer_groups(customer.map(|customer| customer.groups().to_vec()).unwrap_or_default());
            tx.save(&mut case)?;
            Ok(case)
        })
    }

    /// Case `case_id` as customer `customer_id` sees it; a case of another customer is not found.
    pub async fn customer_view(&self, customer_id: &str, case_id: &str) -> Result<CustomerCase, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let case = tx.get::<SupportCase>(case_id).await?;
            if case.customer_id() != customer_id {
                return Err(ShopError::not_found("support case", case_id));
            }
            Ok(CustomerCase { view: case.customer_view(), reopen_deadline: case.reopen_deadline(&tx.settings.cases) })
        })
    }

    /// Customer `customer_id`'s "my requests" list: their cases at a glance with the SLA due
    /// times, the active ones first, then the finished ones, each by latest activity first.
    pub async fn customer_requests(&self, customer_id: &str) -> Result<Vec<CustomerRequest>, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let calendar = tx.settings.support_calendar()?;
            let cases = tx.find_by::<SupportCase>("customer_id", customer_id, CASE_LIMIT).await?;
            let mut requests = Vec::with_capacity(cases.len());
            for case in &cases {
                let sla = tx.settings.sla.evaluate(case, &calendar, tx.now)?;
                requests.push(CustomerRequest { summary: case.summary(&tx.settings.cases), sla });
            }
            sort_requests(&mut requests, |request| &request.summary);
            Ok(requests)
        })
    }

    /// Case `case_id` with its SLA evaluated now in the shop's business calendar (a solved case
    /// shows the targets it met or missed).
    pub async fn case_sla(&self, case_id: &str) -> Result<CaseSla, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let case = tx.get::<SupportCase>(case_id).await?;
            let calendar: BusinessCalendar = tx.settings.support_calendar()?;
            let sla = tx.settings.sla.evaluate(&case, &calendar, tx.now)?;
            Ok(CaseSla { case, sla })
        })
    }

    /// Loads case `case_id`, applies `step` at the command's time and saves it, in one command.
    async fn change(
        &self,
        case_id: &str,
        step: impl Fn(&mut SupportCase, Timestamp) -> Result<(), crate::support::SupportError>,
    ) -> Result<SupportCase, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut case = tx.get::<SupportCase>(case_id).await?;
            step(&mut case, tx.now)?;
            tx.save(&mut case)?;
            Ok(case)
        })
    }
}

/// Renders canned reply `canned_id` for `case` in `locale`, or the customer's locale (the shop's
/// default locale for a customer no longer stored).
async fn render_canned(
    tx: &mut Tx,
    case: &SupportCase,
    canned_id: &str,
    locale: Option<&str>,
    values: &BTreeMap<String, String>,
) -> Result<RenderedReply, ShopError> {
    let locale = match locale {
        Some(locale) => locale.to_owned(),
        None => match tx.find::<Customer>(case.customer_id()).await? {
            Some(customer) => customer.locale().as_str().to_owned(),
            None => tx.settings.locale.default_locale.clone(),
        },
    };
    Ok(tx.settings.canned_replies.render(canned_id, &locale, values)?)
}

/// Moves the case to `state`; into `solved` with a survey unless the case has one already.
pub(super) async fn move_case(
    tx: &mut Tx,
    case_id: &str,
    state: CaseState,
    actor: Actor,
) -> Result<SolvedCase, ShopError> {
    let mut case = tx.get::<SupportCase>(case_id).await?;
    case.transition(state, actor, tx.now, &tx.settings.cases)?;
    let mut survey = None;
    if state == CaseState::Solved {
        let subject = subject_key(&SurveySubject::Case { case_id: case_id.to_owned() });
        if tx.find_by::<SurveyRequest>("subject", &subject, 1).await?.is_empty() {
            let mut sent = SurveyRequest::after_case_solved(&case, &tx.settings.csat, tx.now)?;
            tx.save(&mut sent)?;
            survey = Some(sent);
        }
    }
    tx.save(&mut case)?;
    Ok(SolvedCase { case, survey })
}

/// Opens `new` as a case (not yet saved), noting its customer's groups (when registered) so the
/// SLA targets of their group apply.
pub(super) async fn open_case_for(tx: &mut Tx, new: NewCase) -> Result<SupportCase, ShopError> {
    let customer = tx.find::<Customer>(&new.customer_id).await?;
    let groups = customer.map(|customer| customer.groups().to_vec()).unwrap_or_default();
    let mut case = SupportCase::open(new, tx.now)?;
    case.set_customer_groups(groups);
    Ok(case)
}
