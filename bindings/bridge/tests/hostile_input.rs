//! Hostile input through the bindings' one door: every use case called with arguments generated from
//! its own JSON Schema and then broken (wrong kinds, extreme numbers, huge and odd texts, deep
//! nesting), mutated catalog, settings, pricing and e-mail documents, and raw text that is not JSON.
//! The only outcomes allowed are a result or a typed error with a code, within a time bound per byte.
//!
//! A fixed budget runs in CI; `VITRINA_FUZZ_CASES=20000` runs longer and `VITRINA_FUZZ_SEED` picks
//! another sequence. A failure prints the use case, its arguments and the seed to replay it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};
use vitrina_bridge::{describe, CallError, OpenedShop, Plugins};
use vitrina_core::test_util::at;

/// How many calls each entry point gets (CI's budget unless `VITRINA_FUZZ_CASES` says otherwise).
fn cases(default: u64) -> u64 {
    std::env::var("VITRINA_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn seed() -> u64 {
    std::env::var("VITRINA_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed_f1a7)
}

/// A small, reproducible random source (SplitMix64): the same seed gives the same inputs everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values that have broken parsers and arithmetic elsewhere: limits of every integer width, floats,
/// money at and beyond its range, empty, huge, control and right-to-left texts, odd dates.
fn hostile(rng: &mut Rng) -> Value {
    let texts = [
        "",
        " ",
        "\u{0}",
        "\u{202e}evil",
        "😀",
        "null",
        "-1",
        "0.00 EUR",
        "-0.01 EUR",
        "1.005 EUR",
        "99999999999999999999999999999 EUR",
        "79228162514264337593543950335.00 EUR",
        "1e400",
        "NaN",
        "12.90 XXX",
        "EUR",
        "0000-00-00",
        "-009999-01-01",
        "9999-12-31T23:59:59Z",
        "2026-02-30",
        "P9999999999D",
        "PT-1S",
        "../../etc/passwd",
        "'; DROP TABLE orders; --",
        "%s%s%s%n",
        "a@b",
    ];
    match rng.below(12) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => json!(i64::MAX),
        3 => json!(i64::MIN),
        4 => json!(u64::MAX),
        5 => json!(-1),
        6 => json!(0),
        7 => json!(1.5),
        8 => json!(*rng.pick(&texts)),
        9 => Value::String("x".repeat(1 + rng.below(70_000))),
        10 => deep(rng.below(300)),
        _ => json!({"unexpected": [1, "two", null]}),
    }
}

/// Arrays nested `depth` deep.
fn deep(depth: usize) -> Value {
    (0..depth).fold(json!(1), |inner, _| Value::Array(vec![inner]))
}

/// Generates values for a schema of `api.json`, breaking some of them, and remembers the ids the shop
/// answered so later calls can name things that exist.
struct Generator<'a> {
    defs: &'a Map<String, Value>,
    ids: Vec<String>,
    rng: Rng,
    /// How many more array items the current call's arguments may have (nested long arrays would
    /// otherwise multiply into gigabytes).
    items_left: usize,
}

impl Generator<'_> {
    fn value(&mut self, schema: &Value, depth: usize) -> Value {
        if self.rng.chance(8) || depth > 12 {
            return hostile(&mut self.rng);
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.trim_start_matches("#/$defs/");
            return match self.defs.get(name) {
                Some(def) => self.value(&def.clone(), depth + 1),
                None => Value::Null,
            };
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(choices) = schema.get(key).and_then(Value::as_array).filter(|c| !c.is_empty()) {
                let choice = choices[self.rng.below(choices.len())].clone();
                return self.value(&choice, depth + 1);
            }
        }
        if let Some(constant) = schema.get("const") {
            return constant.clone();
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array).filter(|o| !o.is_empty()) {
            return options[self.rng.below(options.len())].clone();
        }
        let kind = match schema.get("type") {
            Some(Value::String(kind)) => kind.clone(),
            Some(Value::Array(kinds)) if !kinds.is_empty() => {
                kinds[self.rng.below(kinds.len())].as_str().unwrap_or("null").to_owned()
            }
            _ => return hostile(&mut self.rng),
        };
        match kind.as_str() {
            "object" => self.object(schema, depth),
            "array" => self.array(schema, depth),
            "string" => self.string(schema),
            "integer" => self.integer(schema),
            "number" => json!(self.rng.below(1000)),
            "boolean" => Value::Bool(self.rng.chance(50)),
            _ => Value::Null,
        }
    }

    fn object(&mut self, schema: &Value, depth: usize) -> Value {
        let mut object = Map::new();
        let required: BTreeSet<&str> =
            schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                if required.contains(name.as_str()) || self.rng.chance(40) {
                    object.insert(name.clone(), self.value(property, depth + 1));
                }
            }
        }
        if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
            for _ in 0..self.rng.below(3) {
                let key = self.string(&json!({}));
                object.insert(key.as_str().unwrap_or("k").to_owned(), self.value(values, depth + 1));
            }
        }
        Value::Object(object)
    }

    fn array(&mut self, schema: &Value, depth: usize) -> Value {
        let items = schema.get("items").cloned().unwrap_or(json!({}));
        let length = if self.rng.chance(3) { 500 + self.rng.below(2_000) } else { self.rng.below(4) };
        let length = length.min(self.items_left);
        self.items_left -= length;
        Value::Array((0..length).map(|_| self.value(&items, depth + 1)).collect())
    }

    fn string(&mut self, schema: &Value) -> Value {
        let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
        let text = match format {
            "date-time" => ["2026-04-14T09:00:00Z", "1970-01-01T00:00:00Z", "2026-04-14T09:00:00+03:00"]
                [self.rng.below(3)]
            .to_owned(),
            "date" => ["2026-04-14", "2026-04-15", "1900-01-01", "9999-12-31"][self.rng.below(4)].to_owned(),
            "money" => ["4.50 EUR", "0.00 EUR", "100 JPY", "12.345 EUR", "-3.00 EUR"][self.rng.below(5)].to_owned(),
            "currency" => ["EUR", "BGN", "JPY", "USD"][self.rng.below(4)].to_owned(),
            "email" => "ana@example.com".to_owned(),
            _ if !self.ids.is_empty() && self.rng.chance(50) => self.ids[self.rng.below(self.ids.len())].clone(),
            _ => ["tea", "tea-100g", "EUR", "card", "ana@example.com", "en", "bg", "zh", "ru", "x"][self.rng.below(10)]
                .to_owned(),
        };
        Value::String(text)
    }

    fn integer(&mut self, schema: &Value) -> Value {
        let low = schema.get("minimum").and_then(Value::as_i64).unwrap_or(-5);
        let high = schema.get("maximum").and_then(Value::as_i64).unwrap_or(low.saturating_add(10));
        match self.rng.below(4) {
            0 => json!(low),
            1 => json!(high),
            _ => json!(low.saturating_add(i64::try_from(self.rng.below(10)).unwrap_or(0))),
        }
    }

    /// Keeps the `id` the shop answered (and those of a list's items) for later calls.
    fn remember(&mut self, result: &Value) {
        let found = match result {
            Value::Array(items) => items.iter().filter_map(|item| item.get("id")).collect::<Vec<_>>(),
            other => other.get("id").into_iter().collect(),
        };
        for id in found.into_iter().filter_map(Value::as_str) {
            if self.ids.len() < 200 && !self.ids.iter().any(|known| known == id) {
                self.ids.push(id.to_owned());
            }
        }
    }
}

/// A shop with a catalog, a configured profile and a customer, as the calls find it.
async fn shop() -> OpenedShop {
    let shop = OpenedShop::open("sqlite::memory:", Plugins::new(), Some(at(0))).await.unwrap();
    shop.call("admin.configure", json!({"settings": settings()})).await.unwrap();
    shop.call("catalog.import", json!({"data": catalog()})).await.unwrap();
    shop
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn document(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(repository().join(path)).unwrap()).unwrap()
}

fn catalog() -> Value {
    document("examples/data/shop_day_catalog.json")
}

fn settings() -> Value {
    document("examples/data/shop_day_settings.json")
}

/// The longest a call may take for `bytes` of input (debug builds on a loaded machine).
fn time_bound(bytes: usize) -> Duration {
    Duration::from_secs(20) + Duration::from_micros(u64::try_from(bytes).unwrap_or(u64::MAX).saturating_mul(50))
}

/// Runs one call on its own task: a panic or a hang is reported with what was sent, a failure must
/// carry a code, and an answer is handed back.
async fn survive(shop: &OpenedShop, name: &str, args: Value) -> Result<Option<Value>, String> {
    let text = args.to_string();
    let shown = if text.len() > 600 {
        format!("{}… ({} bytes)", &text[..text.floor_char_boundary(600)], text.len())
    } else {
        text.clone()
    };
    let (shop, owned) = (shop.clone(), name.to_owned());
    if std::env::var_os("VITRINA_FUZZ_TRACE").is_some() {
        eprintln!("{name} {shown}");
    }
    let task = tokio::spawn(async move { shop.call(&owned, args).await });
    let started = Instant::now();
    match tokio::time::timeout(time_bound(text.len()), task).await {
        Err(_) => {
            // The call may still hold a worker thread: stop here and report it, rather than let
            // the calls after it queue behind it.
            report(&[format!("{name} hung for {:?} on {shown}", started.elapsed())], seed());
            unreachable!("report panics on a failure")
        }
        Ok(Err(join)) if join.is_panic() => Err(format!("{name} panicked on {shown}: {join}")),
        Ok(Err(join)) => Err(format!("{name} was cancelled on {shown}: {join}")),
        Ok(Ok(Ok(result))) => Ok(Some(result)),
        Ok(Ok(Err(CallError { code, .. }))) if code.is_empty() => {
            Err(format!("{name} failed without a code on {shown}"))
        }
        Ok(Ok(Err(_))) => Ok(None),
    }
}

fn report(failures: &[String], seed: u64) {
    assert!(
        failures.is_empty(),
        "{} hostile input(s) were not answered by a result or a typed error (VITRINA_FUZZ_SEED={seed}):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_use_case_answers_broken_arguments_with_a_result_or_a_typed_error() {
    let api = describe();
    let defs = api["$defs"].as_object().cloned().unwrap_or_default();
    let use_cases = api["use_cases"].as_array().unwrap().clone();
    let shop = shop().await;
    let seed = seed();
    let ids = vec!["tea".into(), "tea-100g".into()];
    let mut generator = Generator { defs: &defs, ids, rng: Rng(seed), items_left: 0 };
    let mut failures = Vec::new();
    for round in 0..cases(2_000) {
        let use_case = &use_cases[usize::try_from(round).unwrap() % use_cases.len()];
        let name = use_case["name"].as_str().unwrap();
        let mut args = Map::new();
        generator.items_left = 3_000;
        for param in use_case["params"].as_array().into_iter().flatten() {
            if generator.rng.chance(95) {
                args.insert(param["name"].as_str().unwrap().to_owned(), generator.value(&param["schema"], 0));
            }
        }
        match survive(&shop, name, Value::Object(args)).await {
            Ok(Some(result)) => generator.remember(&result),
            Ok(None) => {}
            Err(failure) => failures.push(failure),
        }
    }
    report(&failures, seed);
}

/// Breaks one place of `document`: removes a key, swaps a value for a hostile one, duplicates an
/// array's items, or wraps a value in deep nesting.
fn mutate(document: &mut Value, rng: &mut Rng) {
    let mut pointer = String::new();
    let mut here = &*document;
    for _ in 0..rng.below(8) {
        let step = match here {
            Value::Object(map) if !map.is_empty() => map.iter().nth(rng.below(map.len())).map(|(k, v)| (k.clone(), v)),
            Value::Array(items) if !items.is_empty() => {
                let index = rng.below(items.len());
                Some((index.to_string(), &items[index]))
            }
            _ => None,
        };
        let Some((key, inner)) = step else { break };
        pointer.push('/');
        pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
        here = inner;
    }
    let Some(here) = document.pointer_mut(&pointer) else { return };
    match (rng.below(4), here) {
        (0, Value::Object(map)) if !map.is_empty() => {
            let key = map.keys().nth(rng.below(map.len())).cloned().unwrap_or_default();
            map.remove(&key);
        }
        (1, Value::Array(items)) if !items.is_empty() => {
            let copies = items.clone();
            for _ in 0..rng.below(40) {
                items.extend(copies.iter().cloned());
            }
        }
        (2, value) => *value = Value::Array(vec![deep(rng.below(200)), value.take()]),
        (_, value) => *value = hostile(rng),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutated_catalogs_and_settings_are_refused_or_taken_whole() {
    let shop = shop().await;
    let seed = seed();
    let mut rng = Rng(seed ^ 0xca7a_1065);
    let mut failures = Vec::new();
    let originals = [("catalog.import", "data", catalog()), ("admin.configure", "settings", settings())];
    for round in 0..cases(300) {
        let (name, param, original) = &originals[usize::try_from(round % 2).unwrap()];
        let mut document = original.clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut document, &mut rng);
        }
        if let Err(failure) = survive(&shop, name, json!({ *param: document })).await {
            failures.push(failure);
        }
    }
    report(&failures, seed);
}

/// The pricing conformance vectors' inputs, the documents `price_json` takes.
fn pricing_inputs() -> Vec<Value> {
    let folder = repository().join("tests/vectors/pricing");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| serde_json::from_str::<Value>(&std::fs::read_to_string(path).unwrap()).unwrap()["input"].clone())
        .collect()
}

#[test]
fn mutated_pricing_documents_are_priced_or_refused_in_bounded_time() {
    let inputs = pricing_inputs();
    let seed = seed();
    let mut rng = Rng(seed ^ 0x9121_c1e5);
    let mut failures = Vec::new();
    for _ in 0..cases(2_000) {
        let mut input = rng.pick(&inputs).clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut input, &mut rng);
        }
        let text = input.to_string();
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(|| vitrina_core::pricing::price_json(&text));
        let took = started.elapsed();
        let shown = &text[..text.floor_char_boundary(600)];
        match outcome {
            Err(_) => failures.push(format!("price_json panicked on {shown}")),
            Ok(_) if took > time_bound(text.len()) => failures.push(format!("price_json took {took:?} on {shown}")),
            Ok(_) => {}
        }
    }
    report(&failures, seed);
}

/// The inbound e-mail corpus: real-world shapes of mail in several charsets.
fn mails() -> Vec<Vec<u8>> {
    let folder = repository().join("core/tests/inbound_mail");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    paths.sort();
    paths.iter().map(|path| std::fs::read(path).unwrap()).collect()
}

/// Breaks a mail's bytes: flips some, cuts it short, repeats a stretch, or inserts random bytes.
fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut Rng) {
    if bytes.is_empty() {
        bytes.push(b'x');
    }
    let at = rng.below(bytes.len());
    match rng.below(4) {
        0 => {
            for _ in 0..=rng.below(20) {
                let i = rng.below(bytes.len());
                bytes[i] = u8::try_from(rng.next() & 0xff).unwrap_or(0);
            }
        }
        1 => bytes.truncate(at),
        2 => {
            let end = (at + rng.below(200)).min(bytes.len());
            let stretch = bytes[at..end].to_vec();
            for _ in 0..rng.below(500) {
                bytes.splice(at..at, stretch.iter().copied());
            }
        }
        _ => {
            let noise: Vec<u8> = (0..rng.below(300)).map(|_| u8::try_from(rng.next() & 0xff).unwrap_or(0)).collect();
            bytes.splice(at..at, noise);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutated_mail_is_received_or_refused() {
    let shop = shop().await;
    let corpus = mails();
    let seed = seed();
    let mut rng = Rng(seed ^ 0x3a11);
    let mut failures = Vec::new();
    for _ in 0..cases(400) {
        let mut bytes = rng.pick(&corpus).clone();
        for _ in 0..=rng.below(3) {
            mutate_bytes(&mut bytes, &mut rng);
        }
        let raw = String::from_utf8_lossy(&bytes).into_owned();
        if let Err(failure) = survive(&shop, "support.receive_email", json!({ "raw": raw })).await {
            failures.push(failure);
        }
    }
    report(&failures, seed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_that_is_not_json_is_refused_naming_the_arguments() {
    let shop = Arc::new(shop().await);
    let seed = seed();
    let mut rng = Rng(seed ^ 0x7e47);
    let deep_object = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let deep_array = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut texts = vec![deep_object, deep_array, "\u{feff}{}".to_owned(), "{\"cart_id\": \"\\ud800\"}".to_owned()];
    for _ in 0..cases(200) {
        let bytes: Vec<u8> = (0..rng.below(400)).map(|_| u8::try_from(rng.next() & 0xff).unwrap_or(0)).collect();
        texts.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    for text in texts {
        let answer = shop.call_json("carts.get", &text).await;
        let error = answer.expect_err("no such text names a cart");
        assert!(!error.code.is_empty(), "{error:?}");
    }
}
