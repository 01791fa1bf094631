//! `check-docs <library>`: fails unless every item the built library exports through uniffi has a
//! doc comment: functions, objects, their constructors and methods, callback interfaces and their
//! methods, records and their fields, enums and errors with their variants and variant fields. The
//! generators copy these doc comments into the Kotlin KDoc and the Swift `///` documentation, so an
//! app developer sees the same text in Android Studio and Xcode as in the Rust sources.

use std::process::ExitCode;

use uniffi_meta::{FieldMetadata, Metadata};

fn missing(doc: &Option<String>) -> bool {
    doc.as_deref().is_none_or(|d| d.trim().is_empty())
}

fn fields(owner: &str, fields: &[FieldMetadata], out: &mut Vec<String>) {
    for field in fields.iter().filter(|f| missing(&f.docstring)) {
        out.push(format!("field {owner}.{}", field.name));
    }
}

/// The undocumented items of `metadata`, as `kind name`.
fn undocumented(metadata: &[Metadata]) -> Vec<String> {
    let mut out = Vec::new();
    for item in metadata {
        match item {
            Metadata::Func(f) if missing(&f.docstring) => out.push(format!("function {}", f.name)),
            Metadata::Object(o) if missing(&o.docstring) => out.push(format!("object {}", o.name)),
            Metadata::Constructor(c) if missing(&c.docstring) => {
                out.push(format!("constructor {}.{}", c.self_name, c.name))
            }
            Metadata::Method(m) if missing(&m.docstring) => out.push(format!("method {}.{}", m.self_name, m.name)),
            Metadata::CallbackInterface(c) if missing(&c.docstring) => out.push(format!("interface {}", c.name)),
            Metadata::TraitMethod(m) if missing(&m.docstring) => {
                out.push(format!("method {}.{}", m.trait_name, m.name))
            }
            Metadata::Record(r) => {
                if missing(&r.docstring) {
                    out.push(format!("record {}", r.name));
                }
                fields(&r.name, &r.fields, &mut out);
            }
            Metadata::Enum(e) => {
                if missing(&e.docstring) {
                    out.push(format!("enum {}", e.name));
                }
                for variant in &e.variants {
                    let name = format!("{}.{}", e.name, variant.name);
                    if missing(&variant.docstring) {
                        out.push(format!("variant {name}"));
                    }
                    fields(&name, &variant.fields, &mut out);
                }
            }
            _ => {}
        }
    }
    out.sort();
    out
}

fn main() -> ExitCode {
    let Some(library) = std::env::args().nth(1) else {
        eprintln!("usage: check-docs <path of the built vitrina_uniffi library>");
        return ExitCode::from(2);
    };
    let metadata = match std::fs::read(&library)
        .map_err(anyhow_free)
        .and_then(|bytes| uniffi_bindgen::macro_metadata::extract_from_bytes(&bytes).map_err(|e| e.to_string()))
    {
        Ok(metadata) => metadata,
        Err(e) => {
            eprintln!("{library}: {e}");
            return ExitCode::from(2);
        }
    };
    let ours: Vec<Metadata> = metadata.into_iter().filter(|m| m.module_path().starts_with("vitrina_uniffi")).collect();
    let exported = ours.iter().filter(|m| matches!(m, Metadata::Func(_) | Metadata::Method(_))).count();
    let undocumented = undocumented(&ours);
    if undocumented.is_empty() {
        println!("check-docs: every exported item is documented ({exported} functions and methods)");
        return ExitCode::SUCCESS;
    }
    for item in &undocumented {
        eprintln!("undocumented: {item}");
    }
    eprintln!("check-docs: {} exported items lack a doc comment", undocumented.len());
    ExitCode::FAILURE
}

fn anyhow_free(e: std::io::Error) -> String {
    e.to_string()
}
