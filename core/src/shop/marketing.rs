//! Marketing use cases: a campaign mailed to the customers who consented, in its segment, under the
//! frequency cap counted from the stored sends; each e-mail queued with its send row in one commit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::customer::{ConsentChannel, ConsentSource, Customer};
use crate::id::{new_id, random_secret};
use crate::notify::{
    add_unsubscribe, last_sent_by_customer, select_marketing_recipients, EmailAddress, EmailMessage, MarketingPolicy,
    MarketingSend, NewEmail, NotifyError, Skipped,
};

use super::unit::Tx;
use super::{Shop, ShopError};

/// Customers read per page while walking the audience.
const PAGE: u32 = 200;
/// The most sends of one customer read to find their latest.
const SEND_LIMIT: u32 = 100_000;

/// Marketing e-mail. Get it from [`Shop::marketing`].
#[derive(Debug, Clone, Copy)]
pub struct Marketing<'a> {
    pub(super) shop: &'a Shop,
}

/// The text of a campaign in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CampaignText {
    /// One-line subject.
    pub subject: String,
    /// Plain-text body (the unsubscribe link is added below it).
    pub text: String,
    /// HTML body, if any.
    #[serde(default)]
    pub html: Option<String>,
}

/// A marketing mailing: its id and its text per locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Campaign {
    /// The campaign's id, stored with every send (`spring-sale-2026`).
    pub id: String,
    /// The locale used for customers whose locale has no text.
    pub default_locale: String,
    /// Subject and text by locale (`en`, `bg`).
    pub texts: BTreeMap<String, CampaignText>,
}

/// What a mailing did: who was mailed (one stored send each) and who was left out, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CampaignReport {
    /// The campaign's id.
    pub campaign: String,
    /// The sends stored, one per customer mailed.
    pub mailed: Vec<MarketingSend>,
    /// The customers left out: no consent, outside the segment, or mailed too recently.
    pub skipped: Vec<Skipped>,
}

impl Campaign {
    /// Checks the id, the texts and that the default locale has one; errors name the field.
    pub fn validate(&self) -> Result<(), ShopError> {
        if self.id.trim().is_empty() {
            return Err(ShopError::invalid("id", "must not be empty"));
        }
        if !self.texts.contains_key(&self.default_locale) {
            return Err(ShopError::invalid("default_locale", "has no text in texts"));
        }
        for (locale, text) in &self.texts {
            if text.subject.trim().is_empty() {
                return Err(ShopError::invalid(&format!("texts[{locale}].subject"), "must not be empty"));
            }
            if text.text.trim().is_empty() {
                return Err(ShopError::invalid(&format!("texts[{locale}].text"), "must not be empty"));
            }
        }
        Ok(())
    }

    /// The locale and text for a customer in `locale`: that locale, its language (`en` for
    /// `en-GB`), or the default.
    pub fn text_for(&self, locale: &str) -> (&str, &CampaignText) {
        let language = locale.split(['-', '_']).next().unwrap_or(locale);
        [locale, language, self.default_locale.as_str()]
            .into_iter()
            .find_map(|l| self.texts.get_key_value(l))
            .or_else(|| self.texts.iter().next())
            .map(|(l, t)| (l.as_str(), t))
            .expect("validated: the default locale has a text")
    }
}

impl Marketing<'_> {
    /// Mails `campaign` under `policy` (`None`: the settings' marketing policy) to every customer
    /// who consented to e-mail, is in the segment and was not mailed within the frequency cap (from
    /// the stored sends). Each e-mail carries a one-click unsubscribe link and is queued in the same
    /// commit as its send row; two mailings at once never both mail one customer inside the cap.
    pub async fn send(
        &self,
        campaign: &Campaign,
        policy: Option<&MarketingPolicy>,
    ) -> Result<CampaignReport, ShopError> {
        campaign.validate()?;
        let settings = self.shop.settings().await?;
        let policy = policy.unwrap_or(&settings.marketing);
        if policy.min_interval.is_negative() {
            return Err(ShopError::invalid("min_interval", "must not be negative"));
        }
        let mut report = CampaignReport { campaign: campaign.id.clone(), ..CampaignReport::default() };
        let mut after: Option<String> = None;
        loop {
            let page = self.audience_page(policy, after.as_deref()).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.clone());
            for customer_id in &page {
                let outcome =
                    command!(self.shop, retry = true, |tx| mail_one(tx, campaign, policy, customer_id).await)?;
                match outcome {
                    Ok(send) => report.mailed.push(send),
                    Err(skipped) => report.skipped.push(skipped),
                }
            }
            if page.len() < PAGE as usize {
                break;
            }
        }
        Ok(report)
    }

    /// The next page of customer ids a mailing considers after `after`: every customer, or the
    /// members of the policy's stored segment as the store counts them today.
    async fn audience_page(&self, policy: &MarketingPolicy, after: Option<&str>) -> Result<Vec<String>, ShopError> {
        let store = self.shop.store();
        match &policy.saved_segment {
            None => Ok(store.customers_page(after, PAGE).await?.into_iter().map(|c| c.value.id().to_owned()).collect()),
            Some(segment_id) => {
                let segment = self.shop.customers().segment(segment_id).await?;
                let today = self.shop.customers().today().await?;
                Ok(store.segment_members(&segment, today, after, PAGE).await?)
            }
        }
    }

    /// The marketing e-mails sent to `customer_id`, oldest first.
    pub async fn sends_to(&self, customer_id: &str) -> Result<Vec<MarketingSend>, ShopError> {
        command!(self.shop, retry = false, |tx| tx
            .find_by::<MarketingSend>("customer_id", customer_id, SEND_LIMIT)
            .await)
    }

    /// The one-click unsubscribe of the e-mail whose link carries `token`
    /// ([`MarketingSend::unsubscribe_token`]): the customer's e-mail consent is withdrawn (kept in
    /// their consent history) and the send notes when. A repeat changes nothing; a token whose
    /// secret does not match is [`ShopError::Invalid`] on `token` and changes nothing.
    pub async fn unsubscribe(&self, token: &str) -> Result<Customer, ShopError> {
        let (send_id, secret) = MarketingSend::parse_unsubscribe_token(token);
        command!(self.shop, retry = true, |tx| {
            let mut send = tx.get::<MarketingSend>(send_id).await?;
            if !send.unsubscribe_secret_matches(secret) {
                return Err(ShopError::invalid("token", "does not match the e-mail's link"));
            }
            let mut customer = tx.get::<Customer>(&send.customer_id).await?;
            if customer.has_consent(ConsentChannel::Email) {
                customer.withdraw_consent(ConsentChannel::Email, ConsentSource::Account, tx.now)?;
                tx.save(&mut customer)?;
            }
            if send.unsubscribed_at.is_none() {
                send.unsubscribed_at = Some(tx.now);
                tx.save(&mut send)?;
            }
            Ok(customer)
        })
    }
}

/// Decides on fresh data whether `customer_id` gets `campaign` now and, if so, queues the e-mail
/// with its send row. The customer is saved too, so two mailings to one customer at once conflict
/// and the second sees the first's send when it runs again.
async fn mail_one(
    tx: &mut Tx,
    campaign: &Campaign,
    policy: &MarketingPolicy,
    customer_id: &str,
) -> Result<Result<MarketingSend, Skipped>, ShopError> {
    let mut customer = tx.get::<Customer>(customer_id).await?;
    let sends = tx.find_by::<MarketingSend>("customer_id", customer_id, SEND_LIMIT).await?;
    let selection =
        select_marketing_recipients(std::slice::from_ref(&customer), &last_sent_by_customer(&sends), policy, tx.now);
    if let Some(skipped) = selection.skipped.into_iter().next() {
        return Ok(Err(skipped));
    }
    let (locale, text) = campaign.text_for(customer.locale().as_str());
    let send_id = new_id(tx.now);
    let secret = random_secret().map_err(|e| ShopError::RandomnessUnavailable { reason: e.to_string() })?;
    let token = format!("{send_id}.{secret}");
    let profile = &tx.settings.profile;
    let sender = EmailAddress::parse(&profile.sender, "profile.sender").map_err(NotifyError::from)?;
    let domain = sender.address().rsplit('@').next().unwrap_or("localhost");
    let url = format!("{}/unsubscribe/{token}", profile.info.url.trim_end_matches('/'));
    let message = EmailMessage::new(NewEmail {
        message_id: format!("<marketing.{send_id}@{domain}>"),
        from: profile.sender.clone(),
        to: vec![customer.email().as_str().to_owned()],
        reply_to: None,
        subject: text.subject.clone(),
        text: format!("{}\n\n--\nTo stop receiving these e-mails: {url}\n", text.text.trim_end()),
        html: text.html.clone(),
        headers: Vec::new(),
        attachments: Vec::new(),
    })
    .and_then(|message| add_unsubscribe(message, &url))
    .map_err(NotifyError::from)?;
    let mut send = MarketingSend {
        id: send_id,
        customer_id: customer_id.to_owned(),
        campaign: campaign.id.clone(),
        email: customer.email().as_str().to_owned(),
        locale: locale.to_owned(),
        message_id: message.message_id().to_owned(),
        sent_at: tx.now,
        unsubscribed_at: None,
        unsubscribe_secret: secret,
    };
    tx.queue(message);
    tx.save(&mut send)?;
    tx.save(&mut customer)?;
    Ok(Ok(send))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign() -> Campaign {
        let text = |subject: &str| CampaignText { subject: subject.into(), text: "Body".into(), html: None };
        Campaign {
            id: "spring".into(),
            default_locale: "en".into(),
            texts: BTreeMap::from([("en".to_owned(), text("Hello")), ("bg".to_owned(), text("Здравейте"))]),
        }
    }

    #[test]
    fn the_customer_locale_then_its_language_then_the_default() {
        let campaign = campaign();
        assert_eq!(campaign.text_for("bg").0, "bg");
        assert_eq!(campaign.text_for("en-GB").0, "en");
        assert_eq!(campaign.text_for("ru").0, "en");
    }

    #[test]
    fn bad_campaigns_name_the_field() {
        let field = |c: Campaign| match c.validate() {
            Err(ShopError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(Campaign { id: " ".into(), ..campaign() }), "id");
        assert_eq!(field(Campaign { default_locale: "zh".into(), ..campaign() }), "default_locale");
        let mut empty = campaign();
        empty.texts.get_mut("bg").unwrap().subject = String::new();
        assert_eq!(field(empty), "texts[bg].subject");
        assert!(campaign().validate().is_ok());
    }
}
