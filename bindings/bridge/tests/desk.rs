//! The back-office desk called by name with JSON, as the bindings call it: the JSON shapes of a
//! customer's view of their case, their "my requests" list, a canned reply's preview, the
//! knowledge base's tree, views and votes, and the outbox listing.

use serde_json::{json, Value};
use vitrina_bridge::{CallError, OpenedShop, Plugins};
use vitrina_core::test_util::at;

async fn shop() -> OpenedShop {
    let shop = OpenedShop::open("sqlite::memory:", Plugins::new(), Some(at(0))).await.unwrap();
    let profile = json!({
        "shop_id": "tea-house",
        "info": {"name": "Tea House", "url": "https://tea.example.com", "support_email": "help@tea.example.com"},
        "sender": "Tea House <orders@tea.example.com>",
        "transfer_window": "PT72H",
    });
    let canned = json!({"replies": [{"id": "thanks", "title": "Thanks", "category": "general", "default_locale": "en",
        "variants": {"en": "Thank you, {{ name }}!", "bg": "Благодарим, {{ name }}!"}}]});
    shop.call("admin.configure", json!({"settings": {"profile": profile, "canned_replies": canned}})).await.unwrap();
    shop
}

async fn fails(shop: &OpenedShop, name: &str, args: Value) -> CallError {
    shop.call(name, args).await.expect_err("the call should fail")
}

/// Registers a customer writing in Bulgarian and opens a case for them; answers both ids.
async fn customer_with_case(shop: &OpenedShop) -> (String, String) {
    let new = json!({"email": "ana@example.bg", "name": "Ana", "phone": null, "locale": "bg"});
    let customer = shop.call("customers.register", json!({ "new": new })).await.unwrap();
    let customer_id = customer["id"].as_str().unwrap().to_owned();
    let new_case = json!({"customer_id": customer_id, "opened_by": {"kind": "customer", "id": customer_id},
        "channel": "web_form", "subject": "Where is my tea?", "description": "Not here yet.",
        "priority": "normal", "category": "question", "order_id": null, "order_line_ids": []});
    let case = shop.call("support.open_case", json!({ "new": new_case })).await.unwrap();
    (customer_id, case["id"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn the_customer_sees_public_messages_and_staff_see_their_notes() {
    let shop = shop().await;
    let (customer_id, case_id) = customer_with_case(&shop).await;
    let agent = json!({"kind": "agent", "id": "agent-1"});
    let noted = shop
        .call("support.add_internal_note", json!({"case_id": case_id, "actor": agent, "body": "Courier is late."}))
        .await
        .unwrap();
    assert_eq!(noted["messages"][1]["kind"], "internal_note");
    let priority = fails(&shop, "support.set_priority", json!({"case_id": case_id, "priority": "critical"})).await;
    assert_eq!((priority.code.as_str(), priority.field.as_deref()), ("invalid", Some("priority")));
    let flagged = shop
        .call("support.flag_complaint", json!({"case_id": case_id, "actor": agent, "reason": "Late twice"}))
        .await
        .unwrap();
    assert_eq!(flagged["complaint"]["reason"], "Late twice");

    let preview = shop
        .call("support.preview_canned", json!({"case_id": case_id, "canned_id": "thanks", "values": {"name": "Ana"}}))
        .await
        .unwrap();
    assert_eq!(preview, json!({"reply_id": "thanks", "locale": "bg", "body": "Благодарим, Ana!"}));

    let view = shop.call("support.customer_view", json!({"customer_id": customer_id, "case_id": case_id})).await;
    let view = view.unwrap();
    assert_eq!((view["view"]["status"].as_str(), &view["reopen_deadline"]), (Some("received"), &Value::Null));
    let timeline = view["view"]["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 1, "the note is not shown: {timeline:?}");
    assert_eq!(timeline[0]["event"], json!({"kind": "message", "author": "customer", "body": "Not here yet."}));

    let requests = shop.call("support.customer_requests", json!({"customer_id": customer_id})).await.unwrap();
    let summary = &requests[0]["summary"];
    assert_eq!((summary["case_id"].as_str(), summary["message_count"].as_u64()), (Some(case_id.as_str()), Some(1)));
    assert!(requests[0]["sla"]["first_response"].is_object(), "{requests}");
    let stranger = fails(&shop, "support.customer_view", json!({"customer_id": "someone", "case_id": case_id})).await;
    assert_eq!(stranger.code, "not_found");
}

#[tokio::test]
async fn the_knowledge_base_keeps_a_tree_views_and_votes() {
    let shop = shop().await;
    let root = json!({"category": {"id": "help", "name": "Help"}});
    shop.call("knowledge.add_category", root).await.unwrap();
    let child = json!({"category": {"id": "tea", "name": "Tea", "parent_id": "help"}});
    shop.call("knowledge.add_category", child).await.unwrap();
    let cycle = fails(&shop, "knowledge.move_category", json!({"category_id": "help", "parent_id": "tea"})).await;
    assert_eq!(cycle.code, "category_cycle");
    let path = shop.call("knowledge.category_path", json!({"category_id": "tea"})).await.unwrap();
    assert_eq!(path[1], json!({"id": "help", "name": "Help", "parent_id": null}));

    let article = json!({"id": "brew", "locale": "en", "category_id": "tea", "title": "How to brew",
        "body": "Three minutes at 80 degrees.", "published": true});
    shop.call("knowledge.publish_article", json!({ "new": article })).await.unwrap();
    assert_eq!(shop.call("knowledge.record_view", json!({"article_id": "brew"})).await.unwrap(), json!(1));
    let vote = json!({"article_id": "brew", "voter_id": "cust-1", "vote": "helpful"});
    assert_eq!(shop.call("knowledge.vote", vote).await.unwrap(), json!({"helpful": 1, "not_helpful": 0}));
    let listed = shop.call("knowledge.articles_in_category", json!({"category_id": "help", "locale": "en"})).await;
    assert_eq!(listed.unwrap()[0]["view_count"], 1);
    let most = shop.call("knowledge.most_viewed", json!({"locale": "en", "limit": 5})).await.unwrap();
    assert_eq!(most[0]["votes"], json!({"cust-1": "helpful"}));
    let full = fails(&shop, "knowledge.remove_category", json!({"category_id": "tea"})).await;
    assert_eq!(full.code, "category_not_empty");
}

#[tokio::test]
async fn the_outbox_lists_what_was_queued() {
    let shop = shop().await;
    let (_, case_id) = customer_with_case(&shop).await;
    let agent = json!({"kind": "agent", "id": "agent-1"});
    shop.call("support.reply", json!({"case_id": case_id, "actor": agent, "body": "On its way."})).await.unwrap();
    let filter = json!({"since": at(0).to_string(), "recipient": "ana@example.bg"});
    let listed = shop.call("admin.outbox", json!({ "filter": filter })).await.unwrap();
    let entry = &listed[0];
    assert_eq!((entry["status"].as_str(), entry["attempts"].as_u64()), (Some("pending"), Some(0)), "{listed}");
    let pending = fails(&shop, "admin.requeue_outbox", json!({"entry_id": entry["id"]})).await;
    assert_eq!((pending.code.as_str(), pending.field.as_deref()), ("invalid", Some("entry_id")));
    let float = fails(&shop, "admin.outbox", json!({"filter": {"since": at(0).to_string(), "limit": 2.5}})).await;
    assert_eq!(float.field.as_deref(), Some("filter.limit"));
}
