//! The Shop's back-office desk over each store: staff notes, priority, category, complaints and
//! follow-ups on support cases with the customer's own view of them, and the knowledge base's
//! category tree, views and votes, each stored and read back.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;

use jiff::SignedDuration;
use vitrina_core::customer::{Customer, NewCustomer};
use vitrina_core::error::ErrorCode;
use vitrina_core::knowledge::{
    DocumentKind, KnowledgeCategory, KnowledgeLocale as Locale, NewArticle, SearchDocument, SearchError, SearchIndex,
    SearchQuery, SearchResults, Vote, VoteTally,
};
use vitrina_core::notify::{MailError, OutboxFilter, OutboxPolicy, OutboxStatus, OutboxStore};
use vitrina_core::shop::{Plugins, Shop, ShopError};
use vitrina_core::store::Store;
use vitrina_core::support::{
    CannedReply, CaseActor as Actor, CaseCategory as Category, CaseState, Channel, CustomerStatus, MessageKind,
    NewCase, Priority, TimelineEvent,
};

use crate::shop::open_shop;

/// Registers `name` with `email` in `locale`.
async fn register(shop: &Shop, name: &str, email: &str, locale: &str) -> Customer {
    let new = NewCustomer { email: email.into(), name: name.into(), phone: None, locale: locale.into() };
    shop.customers().register(new).await.expect("register")
}

fn agent() -> Actor {
    Actor::Agent { id: "agent-7".into() }
}

fn new_case(customer_id: &str, subject: &str) -> NewCase {
    NewCase {
        customer_id: customer_id.into(),
        opened_by: Actor::Customer { id: customer_id.into() },
        channel: Channel::WebForm,
        subject: subject.into(),
        description: "It has not arrived yet.".into(),
        priority: Priority::Normal,
        category: Category::Question,
        order_id: None,
        order_line_ids: Vec::new(),
    }
}

/// Adds the canned reply `ships-today` in English and Bulgarian.
async fn add_canned_reply(shop: &Shop) {
    shop.admin()
        .update(|settings| {
            let variants = BTreeMap::from([
                ("en".to_owned(), "Hello {{ name }}, your parcel leaves today.".to_owned()),
                ("bg".to_owned(), "Здравейте, {{ name }}, пратката тръгва днес.".to_owned()),
            ]);
            let reply = CannedReply {
                id: "ships-today".into(),
                title: "Ships today".into(),
                category: "delivery".into(),
                default_locale: "en".into(),
                variants,
            };
            settings.canned_replies.add(reply).map_err(ShopError::from)?;
            Ok(())
        })
        .await
        .unwrap();
}

/// Staff work a case: a note the customer never sees, a new priority and category, a complaint
/// flag and its follow-up, a canned reply previewed in the customer's language without being sent;
/// all stored. The customer's view and "my requests" show public messages only, the reopen deadline
/// once solved, and a follow-up opened after the case was solved.
pub async fn shop_support_desk_works_a_case(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    add_canned_reply(&shop).await;
    let ana = register(&shop, "Ana Petrova", "ana@example.bg", "bg").await;
    let case = shop.support().open_case(new_case(ana.id(), "Where is my parcel?")).await.unwrap();
    let support = shop.support();

    let note = support.add_internal_note(case.id(), agent(), "Courier reports a delay.").await.unwrap();
    assert_eq!(note.messages().last().unwrap().kind, MessageKind::InternalNote);
    let customer = Actor::Customer { id: ana.id().into() };
    let refused = support.add_internal_note(case.id(), customer.clone(), "let me in").await.unwrap_err();
    assert_eq!(refused.field(), Some("author"), "{refused:?}");
    let empty = support.add_internal_note(case.id(), agent(), "  ").await.unwrap_err();
    assert_eq!(empty.field(), Some("body"), "{empty:?}");
    support.set_priority(case.id(), Priority::Urgent).await.unwrap();
    support.set_category(case.id(), Category::Complaint).await.unwrap();
    let unflagged = support.complete_complaint_follow_up(case.id()).await.unwrap_err();
    assert_eq!(unflagged.field(), Some("complaint"), "{unflagged:?}");
    support.flag_complaint(case.id(), agent(), "Second late parcel").await.unwrap();
    let stored = support.get(case.id()).await.unwrap();
    assert_eq!((stored.priority(), stored.category()), (Priority::Urgent, Category::Complaint));
    assert_eq!(stored.messages().len(), 2, "the note is stored");
    assert!(stored.needs_complaint_follow_up());
    clock.advance(SignedDuration::from_hours(2));
    let followed = support.complete_complaint_follow_up(case.id()).await.unwrap();
    assert_eq!(followed.complaint().unwrap().followed_up_at, Some(shop.now()));
    assert!(!support.get(case.id()).await.unwrap().needs_complaint_follow_up());
    let missing = support.set_priority("no-such-case", Priority::Low).await.unwrap_err();
    assert!(matches!(missing, ShopError::NotFound { .. }), "{missing:?}");

    let values = BTreeMap::from([("name".to_owned(), "Ana".to_owned())]);
    let preview = support.preview_canned(case.id(), "ships-today", None, &values).await.unwrap();
    assert_eq!((preview.locale.as_str(), preview.body.as_str()), ("bg", "Здравейте, Ana, пратката тръгва днес."));
    let english = support.preview_canned(case.id(), "ships-today", Some("en"), &values).await.unwrap();
    assert_eq!(english.body, "Hello Ana, your parcel leaves today.");
    assert_eq!(support.get(case.id()).await.unwrap().messages().len(), 2, "a preview sends nothing");
    let unfilled = support.preview_canned(case.id(), "ships-today", None, &BTreeMap::new()).await.unwrap_err();
    assert_eq!(unfilled.code(), "unknown_placeholder", "{unfilled:?}");

    support.reply(case.id(), agent(), "It leaves today.").await.unwrap();
    let view = support.customer_view(ana.id(), case.id()).await.unwrap();
    let bodies: Vec<&str> = view
        .view
        .timeline
        .iter()
        .filter_map(|entry| match &entry.event {
            TimelineEvent::Message { body, .. } => Some(body.as_str()),
            TimelineEvent::Status { .. } => None,
        })
        .collect();
    assert_eq!(bodies, ["It has not arrived yet.", "It leaves today."], "no internal note");
    assert_eq!((view.view.status, view.reopen_deadline), (CustomerStatus::Received, None));
    let stranger = register(&shop, "Boris Ivanov", "boris@example.bg", "en").await;
    let theirs = support.customer_view(stranger.id(), case.id()).await.unwrap_err();
    assert!(matches!(theirs, ShopError::NotFound { .. }), "another customer's case: {theirs:?}");

    let early = support.open_follow_up(case.id(), customer.clone(), "More?").await.unwrap_err();
    assert_eq!(early.code(), "case_still_active", "an active case takes replies, not follow-ups");
    support.solve(case.id(), agent()).await.unwrap();
    let solved_at = shop.now();
    let view = support.customer_view(ana.id(), case.id()).await.unwrap();
    assert_eq!(view.view.status, CustomerStatus::Solved);
    assert_eq!(view.reopen_deadline, Some(solved_at + shop.settings().await.unwrap().cases.reopen_window));
    clock.advance(SignedDuration::from_hours(24 * 10));
    let follow_up = support.open_follow_up(case.id(), customer, "It broke again.").await.unwrap();
    assert_eq!(follow_up.follow_up_of(), Some(case.id()));
    assert_eq!((follow_up.state(), follow_up.priority()), (CaseState::New, Priority::Urgent));

    let requests = support.customer_requests(ana.id()).await.unwrap();
    let ids: Vec<&str> = requests.iter().map(|request| request.summary.case_id.as_str()).collect();
    assert_eq!(ids, [follow_up.id(), case.id()], "the active follow-up first");
    let first = &requests[0];
    assert_eq!((first.summary.message_count, first.summary.status), (1, CustomerStatus::Received));
    assert!(first.sla.first_response.due_at.is_some(), "when to expect an answer");
    assert_eq!(requests[1].summary.message_count, 2, "description and the public reply, not the note");
    assert!(support.customer_requests(stranger.id()).await.unwrap().is_empty());
    let sla = support.case_sla(follow_up.id()).await.unwrap();
    assert_eq!((sla.case.id(), sla.sla.case_id.as_str()), (follow_up.id(), follow_up.id()));
}

/// The knowledge base's category tree is stored (add, move refusing a cycle, remove only when
/// empty, breadcrumb path); views and votes are counted per article and voter and stored; the
/// most viewed list and a category's articles (sub-categories included) read them back.
pub async fn shop_knowledge_base_keeps_its_tree_views_and_votes(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let kb = shop.knowledge();
    kb.add_category(KnowledgeCategory::new("after-sales", "After-sales", None)).await.unwrap();
    kb.add_category(KnowledgeCategory::new("returns", "Returns", Some("after-sales"))).await.unwrap();
    kb.add_category(KnowledgeCategory::new("refunds", "Refunds", None)).await.unwrap();
    let orphan = kb.add_category(KnowledgeCategory::new("x", "X", Some("nowhere"))).await.unwrap_err();
    assert_eq!(orphan.field(), Some("category.parent_id"), "{orphan:?}");
    let twice = kb.add_category(KnowledgeCategory::new("returns", "Again", None)).await.unwrap_err();
    assert_eq!((twice.code(), twice.field()), ("duplicate_id", Some("category.id")), "{twice:?}");
    kb.move_category("refunds", Some("returns")).await.unwrap();
    let cycle = kb.move_category("after-sales", Some("refunds")).await.unwrap_err();
    assert_eq!(cycle.code(), "category_cycle", "{cycle:?}");
    let path: Vec<String> = kb.category_path("refunds").await.unwrap().into_iter().map(|c| c.id).collect();
    assert_eq!(path, ["refunds", "returns", "after-sales"]);
    assert!(matches!(kb.category_path("nowhere").await.unwrap_err(), ShopError::NotFound { .. }));

    let article = |id: &str, locale: Locale, category: &str| NewArticle {
        id: id.into(),
        locale,
        category_id: category.into(),
        title: format!("Article {id}"),
        body: "Refunds reach your card within 5 working days.".into(),
        tags: Vec::new(),
        published: true,
    };
    kb.publish_article(article("refund-time", Locale::En, "refunds")).await.unwrap();
    kb.publish_article(article("return-label", Locale::En, "returns")).await.unwrap();
    kb.publish_article(article("vozvrat", Locale::Ru, "refunds")).await.unwrap();
    kb.publish_article(NewArticle { published: false, ..article("draft", Locale::En, "refunds") }).await.unwrap();
    kb.publish_article(article("gift-wrap", Locale::En, "extras")).await.unwrap();
    let ids: Vec<String> = kb.categories().await.unwrap().into_iter().map(|c| c.id).collect();
    assert_eq!(ids, ["after-sales", "returns", "refunds", "extras"], "an unknown category is added as a root");

    assert_eq!(kb.record_view("return-label").await.unwrap(), 1);
    assert_eq!(kb.record_view("return-label").await.unwrap(), 2);
    assert_eq!(kb.record_view("refund-time").await.unwrap(), 1);
    assert!(matches!(kb.record_view("nope").await.unwrap_err(), ShopError::NotFound { .. }));
    let most: Vec<String> = kb.most_viewed(Locale::En, 2).await.unwrap().into_iter().map(|a| a.id).collect();
    assert_eq!(most, ["return-label", "refund-time"]);
    let under: Vec<String> =
        kb.articles_in_category("after-sales", Locale::En).await.unwrap().into_iter().map(|a| a.id).collect();
    assert_eq!(under, ["refund-time", "return-label"], "sub-categories included, drafts left out");
    assert!(matches!(kb.articles_in_category("nowhere", Locale::En).await.unwrap_err(), ShopError::NotFound { .. }));

    assert_eq!(
        kb.vote("refund-time", "cust-1", Vote::Helpful).await.unwrap(),
        VoteTally { helpful: 1, not_helpful: 0 }
    );
    kb.vote("refund-time", "cust-2", Vote::Helpful).await.unwrap();
    let changed = kb.vote("refund-time", "cust-1", Vote::NotHelpful).await.unwrap();
    assert_eq!(changed, VoteTally { helpful: 1, not_helpful: 1 }, "one vote per voter");
    let anonymous = kb.vote("refund-time", " ", Vote::Helpful).await.unwrap_err();
    assert_eq!(anonymous.field(), Some("voter_id"), "{anonymous:?}");
    let withdrawn = kb.withdraw_vote("refund-time", "cust-2").await.unwrap();
    assert_eq!(withdrawn, VoteTally { helpful: 0, not_helpful: 1 });
    let stored = kb.get("refund-time").await.unwrap();
    assert_eq!((stored.view_count, stored.tally()), (1, withdrawn), "views and votes are stored");

    let full = kb.remove_category("returns").await.unwrap_err();
    assert_eq!(full.code(), "category_not_empty", "{full:?}");
    let hidden = kb.set_published("draft", true).await.unwrap();
    assert!(hidden.published && kb.get("draft").await.unwrap().published);
    assert_eq!(kb.remove_article("gift-wrap").await.unwrap().id, "gift-wrap");
    assert!(matches!(kb.get("gift-wrap").await.unwrap_err(), ShopError::NotFound { .. }));
    assert_eq!(kb.remove_category("extras").await.unwrap().id, "extras");
    assert!(matches!(kb.remove_category("extras").await.unwrap_err(), ShopError::NotFound { .. }));
    assert_eq!(kb.categories().await.unwrap().len(), 3);
}

/// The back office lists the outbox by recipient, status and kind (an agent's reply e-mails the
/// customer), and queues a message the mailer gave up on again, due at once with fresh attempts;
/// a message that is not dead, an unknown one and a bad limit are refused.
pub async fn shop_lists_the_outbox_and_requeues_a_dead_message(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    let since = shop.now();
    let ana = register(&shop, "Ana Petrova", "ana@example.bg", "en").await;
    let case = shop.support().open_case(new_case(ana.id(), "Where is my parcel?")).await.unwrap();
    shop.support().reply(case.id(), agent(), "It leaves today.").await.unwrap();
    let filter = OutboxFilter { since, status: None, recipient: Some("ANA@example.bg".into()), kind: None, limit: 10 };
    let listed = shop.admin().outbox(&filter).await.unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let reply = &listed[0];
    assert_eq!((reply.kind(), reply.status, reply.attempts), (Some("support_reply"), OutboxStatus::Pending, 0));
    let other = OutboxFilter { recipient: Some("boris@example.bg".into()), ..filter.clone() };
    assert!(shop.admin().outbox(&other).await.unwrap().is_empty());
    let refused = shop.admin().requeue_outbox(&reply.id).await.unwrap_err();
    assert_eq!(refused.field(), Some("entry_id"), "a pending message is not requeued: {refused:?}");

    let claimed = store.claim_due(shop.now(), SignedDuration::from_mins(5), 100).await.unwrap();
    let mut dead = claimed.into_iter().find(|entry| entry.id == reply.id).expect("claimed");
    dead.mark_failed(
        &MailError::Permanent { reason: "550 no such mailbox".into() },
        shop.now(),
        &OutboxPolicy::default(),
    );
    OutboxStore::save(store.as_ref(), &dead).await.unwrap();
    let dead_only = OutboxFilter { status: Some(OutboxStatus::Dead), recipient: None, ..filter.clone() };
    let listed = shop.admin().outbox(&dead_only).await.unwrap();
    assert_eq!(listed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), [reply.id.as_str()]);
    assert!(listed[0].last_error.as_deref().is_some_and(|error| error.contains("550")));

    clock.advance(SignedDuration::from_hours(1));
    let again = shop.admin().requeue_outbox(&reply.id).await.unwrap();
    assert_eq!((again.status, again.attempts, again.next_attempt_at), (OutboxStatus::Pending, 0, shop.now()));
    let stored = OutboxStore::get(store.as_ref(), &reply.id).await.unwrap().unwrap();
    assert_eq!(stored, again, "stored");
    assert!(shop.admin().outbox(&dead_only).await.unwrap().is_empty());
    let missing = shop.admin().requeue_outbox("no-such-entry").await.unwrap_err();
    assert!(matches!(missing, ShopError::NotFound { .. }), "{missing:?}");
    let too_many = OutboxFilter { limit: 0, ..filter };
    assert_eq!(shop.admin().outbox(&too_many).await.unwrap_err().field(), Some("filter.limit"));
}

/// A search index keeping the committed documents by id, to see what the shop writes to it (the
/// real index's ranking is the tantivy adapter's own suite).
#[derive(Default)]
struct KeptIndex {
    pending: Mutex<Vec<(String, Option<SearchDocument>)>>,
    committed: Mutex<BTreeMap<String, SearchDocument>>,
}

impl KeptIndex {
    fn committed(&self, id: &str) -> Option<SearchDocument> {
        self.committed.lock().unwrap_or_else(PoisonError::into_inner).get(id).cloned()
    }
}

#[async_trait]
impl SearchIndex for KeptIndex {
    async fn index(&self, documents: Vec<SearchDocument>) -> Result<(), SearchError> {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        pending.extend(documents.into_iter().map(|document| (document.id.clone(), Some(document))));
        Ok(())
    }
    async fn remove(&self, _kind: DocumentKind, id: &str) -> Result<(), SearchError> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner).push((id.to_owned(), None));
        Ok(())
    }
    async fn commit(&self) -> Result<(), SearchError> {
        let mut committed = self.committed.lock().unwrap_or_else(PoisonError::into_inner);
        for (id, document) in self.pending.lock().unwrap_or_else(PoisonError::into_inner).drain(..) {
            match document {
                Some(document) => committed.insert(id, document),
                None => committed.remove(&id),
            };
        }
        Ok(())
    }
    async fn search(&self, _query: &SearchQuery) -> Result<SearchResults, SearchError> {
        Ok(SearchResults::default())
    }
    async fn document_ids(&self, _kind: DocumentKind) -> Result<Vec<String>, SearchError> {
        Ok(self.committed.lock().unwrap_or_else(PoisonError::into_inner).keys().cloned().collect())
    }
}

/// The search index follows the stored knowledge base: an article's document carries its category
/// and the category's ancestors (again after the category moved), a withdrawn or removed article
/// leaves the index, and a sync brings the view counts in as popularity.
pub async fn shop_knowledge_base_keeps_the_search_index_in_step(store: Arc<dyn Store>) {
    let index = Arc::new(KeptIndex::default());
    let (shop, _) = open_shop(store.clone(), Plugins::new().search(index.clone())).await;
    let kb = shop.knowledge();
    kb.add_category(KnowledgeCategory::new("after-sales", "After-sales", None)).await.unwrap();
    kb.add_category(KnowledgeCategory::new("returns", "Returns", None)).await.unwrap();
    kb.add_category(KnowledgeCategory::new("refunds", "Refunds", Some("returns"))).await.unwrap();
    let article = NewArticle {
        id: "refund-time".into(),
        locale: Locale::En,
        category_id: "refunds".into(),
        title: "When is my money back?".into(),
        body: "Within 5 working days.".into(),
        tags: Vec::new(),
        published: true,
    };
    kb.publish_article(article.clone()).await.unwrap();
    let categories = |index: &KeptIndex| index.committed("refund-time").map(|document| document.category_ids);
    assert_eq!(categories(&index).unwrap(), ["refunds", "returns"]);
    kb.move_category("returns", Some("after-sales")).await.unwrap();
    assert_eq!(categories(&index).unwrap(), ["refunds", "returns", "after-sales"], "re-indexed after the move");

    kb.set_published("refund-time", false).await.unwrap();
    assert!(index.committed("refund-time").is_none(), "a withdrawn article leaves the index");
    kb.set_published("refund-time", true).await.unwrap();
    kb.record_view("refund-time").await.unwrap();
    kb.record_view("refund-time").await.unwrap();
    let report = kb.sync_index().await.unwrap();
    assert!(report.removed.is_empty(), "{report:?}");
    assert_eq!(index.committed("refund-time").unwrap().popularity, 2);
    kb.remove_article("refund-time").await.unwrap();
    assert!(index.committed("refund-time").is_none(), "a removed article leaves the index");
}
