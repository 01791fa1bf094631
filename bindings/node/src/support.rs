//! After-sales support: `SupportCase` (the core's case aggregate and state machine, replies and notes,
//! SLA evaluation on a business calendar), `CannedReplies` (localised templates) and CSAT surveys.

use std::collections::BTreeMap;

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use vitrina_core::support::{
    csat_summary, Assignment, BusinessCalendar, CannedLibrary, CannedReply, CaseActor, CaseCategory, CasePolicy,
    CaseState, CsatPolicy, NewCase, Priority, SlaPolicy, SupportCase, SurveyRequest,
};

use crate::convert::{from_js, from_name, name_of, optional_js, time_arg, to_js};
use crate::errors::err;

/// A customer's support case: messages, state, assignment, complaint flag and history.
#[napi(js_name = "SupportCase")]
pub struct JsSupportCase {
    pub(crate) inner: SupportCase,
}

fn case_policy(env: &Env, policy: Option<Unknown<'_>>) -> napi::Result<CasePolicy> {
    Ok(optional_js(env, policy, "policy")?.unwrap_or_default())
}

#[napi]
impl JsSupportCase {
    /// Opens a case: `{customer_id, opened_by, channel, subject, description, priority, category,
    /// order_id, order_line_ids}`; a blank subject or description names the field.
    #[napi(factory)]
    pub fn open(
        env: Env,
        #[napi(ts_arg_type = "NewCase | string")] new_case: Unknown<'_>,
        at: Option<String>,
    ) -> napi::Result<Self> {
        let new: NewCase = from_js(&env, new_case, "case")?;
        let inner = SupportCase::open(new, time_arg(&env, at, "at")?).map_err(|e| err(&env, e))?;
        Ok(JsSupportCase { inner })
    }

    /// A case from its JSON form, as `toJSON` gives it.
    #[napi(factory, js_name = "fromJSON")]
    pub fn from_json(
        env: Env,
        #[napi(ts_arg_type = "SupportCaseData | string")] data: Unknown<'_>,
    ) -> napi::Result<Self> {
        Ok(JsSupportCase { inner: from_js(&env, data, "case")? })
    }

    /// The case as plain data.
    #[napi(js_name = "toJSON", ts_return_type = "SupportCaseData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner)
    }

    #[napi(getter)]
    pub fn id(&self) -> &str {
        self.inner.id()
    }

    #[napi(getter)]
    pub fn customer_id(&self) -> &str {
        self.inner.customer_id()
    }

    #[napi(getter)]
    pub fn order_id(&self) -> Option<&str> {
        self.inner.order_id()
    }

    #[napi(getter)]
    pub fn subject(&self) -> &str {
        self.inner.subject()
    }

    /// `new`, `open`, `pending_customer`, `on_hold`, `solved` or `closed`.
    #[napi(getter, ts_return_type = "CaseState")]
    pub fn state(&self) -> String {
        name_of(&self.inner.state())
    }

    #[napi(getter, ts_return_type = "CasePriority")]
    pub fn priority(&self) -> String {
        name_of(&self.inner.priority())
    }

    /// The messages: the description, public replies and internal notes, oldest first.
    #[napi(getter, ts_return_type = "CaseMessage[]")]
    pub fn messages<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.messages())
    }

    /// Every state change: `{at, actor, from, to}`.
    #[napi(getter, ts_return_type = "CaseTransition[]")]
    pub fn history<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.history())
    }

    /// `{agent_id, queue}`.
    #[napi(getter, ts_return_type = "{ agent_id: string | null; queue: string | null }")]
    pub fn assignment<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.assignment())
    }

    /// A public reply by `author` (`{kind: 'agent', id}` or `{kind: 'customer', id}`); a customer's
    /// reply wakes a case waiting for them. Returns the message id.
    #[napi]
    pub fn reply(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "SupportActor")] author: Unknown<'_>,
        body: String,
        at: Option<String>,
        #[napi(ts_arg_type = "CasePolicyData | null")] policy: Option<Unknown<'_>>,
    ) -> napi::Result<String> {
        let author: CaseActor = from_js(&env, author, "author")?;
        let (at_time, policy) = (time_arg(&env, at, "at")?, case_policy(&env, policy)?);
        self.inner.reply(author, body, at_time, &policy).map_err(|e| err(&env, e))
    }

    /// A note only staff see. Returns the message id.
    #[napi]
    pub fn add_internal_note(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "SupportActor")] author: Unknown<'_>,
        body: String,
        at: Option<String>,
    ) -> napi::Result<String> {
        let author: CaseActor = from_js(&env, author, "author")?;
        self.inner.add_internal_note(author, body, time_arg(&env, at, "at")?).map_err(|e| err(&env, e))
    }

    /// Moves the case to `to`; a refused move throws `VITRINA_ILLEGAL_TRANSITION` (reopening after
    /// the reopen window: `VITRINA_REOPEN_WINDOW_CLOSED`) and changes nothing.
    #[napi]
    pub fn transition(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "CaseState")] to: String,
        #[napi(ts_arg_type = "SupportActor")] actor: Unknown<'_>,
        at: Option<String>,
        #[napi(ts_arg_type = "CasePolicyData | null")] policy: Option<Unknown<'_>>,
    ) -> napi::Result<()> {
        let to: CaseState = from_name(&env, &to, "to")?;
        let actor: CaseActor = from_js(&env, actor, "actor")?;
        let (at_time, policy) = (time_arg(&env, at, "at")?, case_policy(&env, policy)?);
        self.inner.transition(to, actor, at_time, &policy).map_err(|e| err(&env, e))
    }

    /// Assigns the case to an agent and/or queue.
    #[napi]
    pub fn assign(&mut self, env: Env, agent_id: Option<String>, queue: Option<String>) -> napi::Result<()> {
        self.inner.assign(Assignment { agent_id, queue }).map_err(|e| err(&env, e))
    }

    #[napi]
    pub fn set_priority(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "CasePriority")] priority: String,
    ) -> napi::Result<()> {
        let priority: Priority = from_name(&env, &priority, "priority")?;
        self.inner.set_priority(priority).map_err(|e| err(&env, e))
    }

    #[napi]
    pub fn set_category(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "CaseCategory")] category: String,
    ) -> napi::Result<()> {
        let category: CaseCategory = from_name(&env, &category, "category")?;
        self.inner.set_category(category).map_err(|e| err(&env, e))
    }

    /// A new case following up this solved or closed one.
    #[napi]
    pub fn follow_up(
        &self,
        env: Env,
        #[napi(ts_arg_type = "SupportActor")] opened_by: Unknown<'_>,
        description: String,
        at: Option<String>,
    ) -> napi::Result<JsSupportCase> {
        let opened_by: CaseActor = from_js(&env, opened_by, "openedBy")?;
        let inner =
            self.inner.follow_up(opened_by, description, time_arg(&env, at, "at")?).map_err(|e| err(&env, e))?;
        Ok(JsSupportCase { inner })
    }

    /// What the customer sees ("track my request"): status and public messages, no internal notes.
    #[napi(ts_return_type = "CustomerCaseView")]
    pub fn customer_view<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.customer_view())
    }

    /// The SLA report at `now`: first response and resolution against `policy`'s targets for the
    /// case's priority, counted in `calendar`'s business minutes.
    #[napi(ts_return_type = "SlaReport")]
    pub fn sla_report<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "SlaPolicyData | string")] policy: Unknown<'_>,
        #[napi(ts_arg_type = "BusinessCalendarData | string")] calendar: Unknown<'_>,
        now: Option<String>,
    ) -> napi::Result<Unknown<'env>> {
        let policy: SlaPolicy = from_js(env, policy, "policy")?;
        let calendar: BusinessCalendar = from_js(env, calendar, "calendar")?;
        let report = policy.evaluate(&self.inner, &calendar, time_arg(env, now, "now")?).map_err(|e| err(env, e))?;
        to_js(env, &report)
    }
}

/// A library of canned replies with variants per locale (minijinja templates with `if`/`else` only).
#[napi(js_name = "CannedReplies")]
pub struct JsCannedReplies {
    inner: CannedLibrary,
}

#[napi]
impl JsCannedReplies {
    /// An empty library.
    #[napi(constructor)]
    pub fn new() -> Self {
        JsCannedReplies { inner: CannedLibrary::default() }
    }

    /// Adds a reply `{id, title, category, default_locale, variants: {locale: template}}`; its
    /// templates are checked now.
    #[napi]
    pub fn add(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "CannedReply | string")] reply: Unknown<'_>,
    ) -> napi::Result<()> {
        let reply: CannedReply = from_js(&env, reply, "reply")?;
        self.inner.add(reply).map_err(|e| err(&env, e))
    }

    /// Removes a reply by id.
    #[napi]
    pub fn remove(&mut self, env: Env, reply_id: String) -> napi::Result<()> {
        self.inner.remove(&reply_id).map(drop).map_err(|e| err(&env, e))
    }

    /// The replies, in the order added.
    #[napi(getter, ts_return_type = "CannedReply[]")]
    pub fn replies<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.replies())
    }

    /// Renders a reply in `locale` (falling back to `bg` for `bg-BG`, then the default locale) with
    /// `values` for its placeholders; a missing value is `VITRINA_UNKNOWN_PLACEHOLDER`.
    #[napi(ts_return_type = "RenderedReply")]
    pub fn render<'env>(
        &self,
        env: &'env Env,
        reply_id: String,
        locale: String,
        values: Option<BTreeMap<String, String>>,
    ) -> napi::Result<Unknown<'env>> {
        let values = values.unwrap_or_default();
        let rendered = self.inner.render(&reply_id, &locale, &values).map_err(|e| err(env, e))?;
        to_js(env, &rendered)
    }
}

/// A customer-satisfaction survey sent after a solved case or a delivery.
#[napi(js_name = "Survey")]
pub struct JsSurvey {
    pub(crate) inner: SurveyRequest,
}

fn csat_policy(validity_hours: Option<u32>) -> CsatPolicy {
    validity_hours.map_or_else(CsatPolicy::default, |hours| CsatPolicy {
        validity: jiff::SignedDuration::from_hours(i64::from(hours)),
    })
}

#[napi]
impl JsSurvey {
    /// The survey sent when `case` is solved, valid `validityHours` (default 14 days).
    #[napi(factory)]
    pub fn after_case_solved(
        env: Env,
        support_case: &JsSupportCase,
        at: Option<String>,
        validity_hours: Option<u32>,
    ) -> napi::Result<Self> {
        let policy = csat_policy(validity_hours);
        let inner = SurveyRequest::after_case_solved(&support_case.inner, &policy, time_arg(&env, at, "at")?)
            .map_err(|e| err(&env, e))?;
        Ok(JsSurvey { inner })
    }

    /// A survey from its JSON form, as `toJSON` gives it.
    #[napi(factory, js_name = "fromJSON")]
    pub fn from_json(env: Env, #[napi(ts_arg_type = "SurveyData | string")] data: Unknown<'_>) -> napi::Result<Self> {
        Ok(JsSurvey { inner: from_js(&env, data, "survey")? })
    }

    /// The survey as plain data.
    #[napi(js_name = "toJSON", ts_return_type = "SurveyData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner)
    }

    #[napi(getter)]
    pub fn id(&self) -> &str {
        self.inner.id()
    }

    /// When it lapses unanswered (RFC 3339).
    #[napi(getter)]
    pub fn expires_at(&self) -> String {
        self.inner.expires_at().to_string()
    }

    /// Whether a low score flagged it for a follow-up by staff.
    #[napi(getter)]
    pub fn needs_follow_up(&self) -> bool {
        self.inner.needs_follow_up()
    }

    /// Records the customer's score (1 to 5) and comment; a second answer or a late one is refused.
    #[napi]
    pub fn answer(&mut self, env: Env, score: u8, comment: Option<String>, at: Option<String>) -> napi::Result<()> {
        let at_time = time_arg(&env, at, "at")?;
        self.inner.answer(score, comment.as_deref(), at_time).map_err(|e| err(&env, e))
    }
}

/// Sent, answered, the 1-5 histogram, average, satisfied share and response rate of `surveys`.
#[napi(ts_return_type = "CsatSummary")]
pub fn csat_summary_of<'env>(env: &'env Env, surveys: Vec<&JsSurvey>) -> napi::Result<Unknown<'env>> {
    let surveys: Vec<SurveyRequest> = surveys.iter().map(|s| s.inner.clone()).collect();
    to_js(env, &csat_summary(&surveys))
}
