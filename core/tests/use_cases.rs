//! The use-case manifest: every public command and query of `Shop` (`group.method`, and `run_due`)
//! read from the source of `core/src/shop/`, listed in `core/use_cases.txt`. The bindings check
//! against this list that every use case is reachable in their language.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The groups by the name of their type (`Carts` -> `carts`), from `Shop`'s accessors.
fn groups(shop_module: &str) -> BTreeMap<String, String> {
    shop_module
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("pub fn ")?;
            let (accessor, rest) = rest.split_once("(&self) -> ")?;
            let ty = rest.strip_suffix("<'_> {")?;
            Some((ty.to_owned(), accessor.to_owned()))
        })
        .collect()
}

/// The public methods of `impl <Type><'_>` and `impl Shop` blocks of one source file, as
/// `(type, method)`: a method belongs to the impl block opened last at the start of a line.
fn methods(source: &str) -> Vec<(String, String)> {
    let mut current: Option<String> = None;
    let mut found = Vec::new();
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("impl ") {
            current = rest.strip_suffix(" {").map(|ty| ty.trim_end_matches("<'_>").to_owned());
        } else if line == "}" {
            current = None;
        } else if let (Some(ty), Some(rest)) = (&current, line.strip_prefix("    pub async fn ")) {
            let name = rest.split(['(', '<']).next().unwrap_or_default();
            found.push((ty.clone(), name.to_owned()));
        }
    }
    found
}

/// Every use case, sorted: `group.method` for the groups, the bare name for `Shop`'s own.
fn use_cases() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/shop");
    let groups = groups(&fs::read_to_string(dir.join("mod.rs")).unwrap());
    let mut all = BTreeSet::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let source = fs::read_to_string(entry.unwrap().path()).unwrap();
        for (ty, method) in methods(&source) {
            match (ty.as_str(), groups.get(&ty)) {
                ("Shop", _) => all.insert(method),
                (_, Some(group)) => all.insert(format!("{group}.{method}")),
                (_, None) => false,
            };
        }
    }
    all
}

#[test]
fn the_manifest_lists_every_use_case_of_the_shop() {
    let all = use_cases();
    for expected in ["checkout.place_order", "payments.pay", "returns.refund", "run_due", "admin.restore"] {
        assert!(all.contains(expected), "{expected} missing from {all:?}");
    }
    assert!(all.len() > 100, "only {} use cases found", all.len());
    let mut text =
        String::from("# Every use case of `Shop`, as `group.method` (Shop's own bare), read from core/src/shop/.\n");
    text.push_str("# regenerate with VITRINA_UPDATE_USE_CASES=1 cargo test -p vitrina-core --test use_cases.\n");
    for use_case in &all {
        text.push_str(use_case);
        text.push('\n');
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("use_cases.txt");
    if std::env::var_os("VITRINA_UPDATE_USE_CASES").is_some() {
        fs::write(&path, &text).unwrap();
    }
    let listed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        listed == text,
        "core/use_cases.txt is stale; run VITRINA_UPDATE_USE_CASES=1 cargo test -p vitrina-core --test use_cases"
    );
}

#[test]
fn methods_are_read_from_their_impl_block() {
    let source = "impl Carts<'_> {\n    pub async fn add_line(&self) {}\n    async fn hidden(&self) {}\n}\n\
                  fn free() {}\nimpl Shop {\n    pub async fn run_due<T>(&self) {}\n}\n    pub async fn stray() {}\n";
    let found = methods(source);
    assert_eq!(found, [("Carts".to_owned(), "add_line".to_owned()), ("Shop".to_owned(), "run_due".to_owned())]);
    let accessors = groups("    pub fn carts(&self) -> Carts<'_> {\n    pub fn now(&self) -> Timestamp {\n");
    assert_eq!(accessors, BTreeMap::from([("Carts".to_owned(), "carts".to_owned())]));
}
