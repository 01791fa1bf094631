//! The bridge's description is complete and current: every use case of the core's manifest is
//! callable or excluded with a reason, and the committed `api.json` is what `describe` writes.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn manifest() -> BTreeSet<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../core/use_cases.txt"))
        .expect("core/use_cases.txt");
    text.lines().filter(|line| !line.is_empty() && !line.starts_with('#')).map(str::to_owned).collect()
}

#[test]
fn every_use_case_of_the_manifest_is_callable_or_excluded_with_a_reason() {
    let api = vitrina_bridge::describe();
    let callable: BTreeSet<String> =
        api["use_cases"].as_array().unwrap().iter().map(|case| case["name"].as_str().unwrap().to_owned()).collect();
    let excluded: BTreeSet<String> = vitrina_bridge::EXCLUDED.iter().map(|(name, _)| (*name).to_owned()).collect();
    assert!(callable.is_disjoint(&excluded), "both callable and excluded: {:?}", callable.intersection(&excluded));
    let reached: BTreeSet<String> = callable.union(&excluded).cloned().collect();
    let manifest = manifest();
    let missing: Vec<_> = manifest.difference(&reached).collect();
    let unknown: Vec<_> = reached.difference(&manifest).collect();
    assert!(missing.is_empty(), "use cases of the manifest the bridge does not reach: {missing:?}");
    assert!(unknown.is_empty(), "bridge names the manifest does not list: {unknown:?}");
    assert!(vitrina_bridge::EXCLUDED.iter().all(|(_, why)| why.len() > 20), "every exclusion says why");
}

#[test]
fn every_use_case_has_a_summary_and_named_parameters() {
    let api = vitrina_bridge::describe();
    for case in api["use_cases"].as_array().unwrap() {
        assert!(!case["doc"].as_str().unwrap().is_empty(), "{} has no summary", case["name"]);
        for param in case["params"].as_array().unwrap() {
            assert!(param["name"].as_str().is_some_and(|name| !name.is_empty()));
            assert!(param["schema"].is_object() || param["schema"].is_boolean());
        }
    }
}

#[test]
fn every_reference_resolves_to_a_definition() {
    let api = vitrina_bridge::describe();
    let defs = api["$defs"].as_object().unwrap();
    let mut refs = Vec::new();
    collect_refs(&api, &mut refs);
    assert!(refs.len() > 100, "the description refers to its definitions ({} refs)", refs.len());
    for reference in refs {
        let name = reference.strip_prefix("#/$defs/").unwrap_or_else(|| panic!("foreign reference {reference}"));
        assert!(defs.contains_key(name), "{reference} has no definition");
    }
}

fn collect_refs(value: &Value, refs: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                refs.push(reference.clone());
            }
            map.values().for_each(|inner| collect_refs(inner, refs));
        }
        Value::Array(items) => items.iter().for_each(|inner| collect_refs(inner, refs)),
        _ => {}
    }
}

/// `api.json` is what the binding generators read; regenerate it with
/// `VITRINA_UPDATE_API=1 cargo test -p vitrina-bridge --test api`.
#[test]
fn the_committed_api_json_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("api.json");
    let fresh = serde_json::to_string_pretty(&vitrina_bridge::describe()).unwrap() + "\n";
    if std::env::var_os("VITRINA_UPDATE_API").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "bindings/bridge/api.json is stale: run VITRINA_UPDATE_API=1 cargo test -p vitrina-bridge --test api"
    );
}
