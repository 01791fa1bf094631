//! Pricing conformance vectors: every file in `tests/vectors/pricing/` is priced through
//! `vitrina::pricing::price_json` and must reproduce its `expected` priced cart exactly, both as a JSON
//! value and byte for byte once re-serialised. Error vectors give `expected_error`, a substring of the
//! error message. Every failing file is reported with the fields that differ, then the test fails.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

const MIN_VECTORS: usize = 45;

fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("vectors").join("pricing")
}

fn vector_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(vector_dir())
        .expect("tests/vectors/pricing must exist")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// Collects every differing field between `expected` and `actual` as `path: expected != actual`.
fn diff(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let sub = format!("{path}.{key}");
                match a.get(key) {
                    Some(av) => diff(&sub, ev, av, out),
                    None => out.push(format!("{sub}: expected {ev}, missing in output")),
                }
            }
            for (key, av) in a {
                if !e.contains_key(key) {
                    out.push(format!("{path}.{key}: not expected, output has {av}"));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff(&format!("{path}[{i}]"), ev, av, out);
            }
            if e.len() != a.len() {
                out.push(format!("{path}: expected {} elements, output has {}", e.len(), a.len()));
                for (i, ev) in e.iter().enumerate().skip(a.len()) {
                    out.push(format!("{path}[{i}]: expected {ev}, missing in output"));
                }
                for (i, av) in a.iter().enumerate().skip(e.len()) {
                    out.push(format!("{path}[{i}]: not expected, output has {av}"));
                }
            }
        }
        _ if expected != actual => out.push(format!("{path}: expected {expected}, got {actual}")),
        _ => {}
    }
}

/// Runs one vector; `Err` carries the report of what went wrong.
fn run_vector(vector: &Value) -> Result<(), String> {
    let input = vector.get("input").ok_or("no \"input\"")?;
    let input_text = serde_json::to_string(input).map_err(|e| format!("cannot serialise input: {e}"))?;
    let result = vitrina::pricing::price_json(&input_text);

    if let Some(wanted) = vector.get("expected_error") {
        let wanted = wanted.as_str().ok_or("\"expected_error\" must be a string")?;
        return match result {
            Err(error) if error.to_string().contains(wanted) => Ok(()),
            Err(error) => Err(format!("  error message {:?} does not contain {wanted:?}", error.to_string())),
            Ok(output) => Err(format!("  expected an error containing {wanted:?}, got a priced cart: {output}")),
        };
    }

    let expected = vector.get("expected").ok_or("neither \"expected\" nor \"expected_error\"")?;
    let output = result.map_err(|e| format!("  pricing failed: {e}"))?;
    let actual: Value = serde_json::from_str(&output).map_err(|e| format!("  output is not JSON ({e}): {output}"))?;

    let mut report = String::new();
    if &actual != expected {
        let mut differences = Vec::new();
        diff("expected", expected, &actual, &mut differences);
        for line in differences {
            let _ = writeln!(report, "  {line}");
        }
    }
    let expected_bytes = serde_json::to_string(expected).expect("a Value serialises");
    let actual_bytes = serde_json::to_string(&actual).expect("a Value serialises");
    if expected_bytes != actual_bytes {
        let _ = writeln!(report, "  bytes differ:\n    expected {expected_bytes}\n    actual   {actual_bytes}");
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(report)
    }
}

#[test]
fn pricing_conformance_vectors() {
    let files = vector_files();
    assert!(files.len() >= MIN_VECTORS, "expected at least {MIN_VECTORS} vectors, found {}", files.len());

    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{name}: cannot read: {e}"));
        let vector: Value = match serde_json::from_str(&text) {
            Ok(vector) => vector,
            Err(e) => {
                failures.push(format!("{name}: not valid JSON: {e}"));
                continue;
            }
        };
        if let Err(report) = run_vector(&vector) {
            failures.push(format!("{name}:\n{report}"));
        }
    }

    if !failures.is_empty() {
        panic!("{} of {} pricing vectors failed:\n\n{}", failures.len(), files.len(), failures.join("\n"));
    }
}
