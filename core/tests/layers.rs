//! The layer check: reads every source file of the core, builds the graph of which top-level module uses
//! which (`crate::…` and `super::…` paths that reach the crate root) and fails on any import cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Which top-level module uses which, with one file per edge to show where.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

#[test]
fn core_modules_import_each_other_one_way_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = module_graph(&src);
    assert!(graph.len() > 10, "the scan found only {} modules under {}", graph.len(), src.display());
    let cycles: Vec<Vec<String>> = strongly_connected(&graph).into_iter().filter(|c| c.len() > 1).collect();
    let mut report = String::new();
    for cycle in &cycles {
        report.push_str(&format!("cycle between {}:\n", cycle.join(", ")));
        for from in cycle {
            for (to, files) in &graph[from] {
                if cycle.contains(to) {
                    let files: Vec<_> = files.iter().map(String::as_str).collect();
                    report.push_str(&format!("  {from} -> {to} ({})\n", files.join(", ")));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "core modules import each other in a cycle:\n{report}");
}

#[test]
fn the_check_finds_a_cycle_and_paths_in_every_form() {
    let mut graph = Graph::new();
    for module in ["a", "b", "c", "d"] {
        graph.entry(module.into()).or_default();
    }
    let known: BTreeSet<String> = graph.keys().cloned().collect();
    let text = "use crate::b::X;\nfn f() { crate::c::g(); }\nmod tests {\n  use super::super::d::Y;\n}\n";
    let mut used = BTreeSet::new();
    collect_uses(&strip(text), 1, &known, &mut used);
    assert_eq!(used, ["b", "c", "d"].iter().map(|s| s.to_string()).collect());
    let mut grouped = BTreeSet::new();
    collect_uses(&strip("use crate::{b::{X, Y}, c::Z};\n// crate::d::no\n"), 1, &known, &mut grouped);
    assert_eq!(grouped, ["b", "c"].iter().map(|s| s.to_string()).collect());

    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph.get_mut(from).unwrap().entry(to.into()).or_default().insert("x.rs".into());
    }
    let cycles: Vec<_> = strongly_connected(&graph).into_iter().filter(|c| c.len() > 1).collect();
    assert_eq!(cycles, vec![vec!["a".to_string(), "b".into(), "c".into()]]);
}

/// The top-level modules of `src` (directories and files next to `lib.rs`) and their uses of each other.
fn module_graph(src: &Path) -> Graph {
    let mut graph = Graph::new();
    for entry in fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name != "lib" && (path.is_dir() || path.extension().is_some_and(|e| e == "rs")) {
            graph.entry(name).or_default();
        }
    }
    let known: BTreeSet<String> = graph.keys().cloned().collect();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).unwrap();
        let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        let top = parts[0].trim_end_matches(".rs").to_owned();
        if top == "lib" {
            continue;
        }
        // The file's module depth below the crate root: `order.rs` and `order/mod.rs` are 1, `order/edit.rs` 2.
        let last = parts.last().unwrap();
        let depth = parts.len() - usize::from(last == "mod.rs");
        let mut used = BTreeSet::new();
        collect_uses(&strip(&fs::read_to_string(&file).unwrap()), depth, &known, &mut used);
        let display = relative.display().to_string();
        for target in used.into_iter().filter(|t| *t != top) {
            graph.get_mut(&top).unwrap().entry(target).or_default().insert(display.clone());
        }
    }
    graph
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The source without comments, string and char literals (replaced by spaces), so only code is scanned.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut level = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    level += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    level -= 1;
                    i += 2;
                    if level == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !is_ident(chars.get(i.wrapping_sub(1))) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && next.is_some() && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else if c == '\'' && next == Some('\\') {
            let mut j = i + 2;
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            out.push_str("' '");
            i = j + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Adds to `used` every top-level module that `code` (stripped, in a file at module `depth`) names by a
/// `crate::` path (also inside `crate::{…}` groups) or by `super::` chains that climb to the crate root.
fn collect_uses(code: &str, depth: usize, known: &BTreeSet<String>, used: &mut BTreeSet<String>) {
    let chars: Vec<char> = code.chars().collect();
    // Inline modules (`mod tests {`) deepen `super::` chains until their closing brace.
    let mut braces = 0usize;
    let mut inline_mods: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            braces += 1;
            i += 1;
            continue;
        }
        if c == '}' {
            if inline_mods.last() == Some(&braces) {
                inline_mods.pop();
            }
            braces = braces.saturating_sub(1);
            i += 1;
            continue;
        }
        if !is_ident(Some(&c)) || is_ident(chars.get(i.wrapping_sub(1))) {
            i += 1;
            continue;
        }
        let word = ident_at(&chars, i);
        let after = i + word.chars().count();
        if word == "mod" {
            let (name_end, name) = next_ident(&chars, after);
            if !name.is_empty() && next_non_space(&chars, name_end) == Some('{') {
                inline_mods.push(braces + 1);
            }
            i = name_end.max(after);
            continue;
        }
        if word == "crate" && path_sep(&chars, after) {
            collect_after_root(&chars, after + 2, known, used);
        } else if word == "super" && path_sep(&chars, after) {
            let mut levels = 1;
            let mut j = after + 2;
            loop {
                let k = skip_space(&chars, j);
                if ident_at(&chars, k) == "super" && path_sep(&chars, k + 5) {
                    levels += 1;
                    j = k + 7;
                } else {
                    break;
                }
            }
            if levels >= depth + inline_mods.len() {
                collect_after_root(&chars, j, known, used);
            }
            i = j;
            continue;
        }
        i = after;
    }
}

/// Reads what follows `crate::`: a module name or a `{…}` group of paths.
fn collect_after_root(chars: &[char], at: usize, known: &BTreeSet<String>, used: &mut BTreeSet<String>) {
    let at = skip_space(chars, at);
    if chars.get(at) == Some(&'{') {
        let mut level = 0;
        let mut expect_head = true;
        let mut j = at;
        while j < chars.len() {
            match chars[j] {
                '{' => {
                    level += 1;
                    expect_head = level == 1;
                    j += 1;
                }
                '}' => {
                    level -= 1;
                    j += 1;
                    if level == 0 {
                        break;
                    }
                }
                ',' => {
                    expect_head = level == 1;
                    j += 1;
                }
                c if expect_head && is_ident(Some(&c)) => {
                    let word = ident_at(chars, j);
                    if known.contains(&word) {
                        used.insert(word.clone());
                    }
                    expect_head = false;
                    j += word.chars().count();
                }
                _ => j += 1,
            }
        }
    } else {
        let word = ident_at(chars, at);
        if known.contains(&word) {
            used.insert(word);
        }
    }
}

fn ident_at(chars: &[char], at: usize) -> String {
    chars[at.min(chars.len())..].iter().take_while(|c| is_ident(Some(c))).collect()
}

fn next_ident(chars: &[char], at: usize) -> (usize, String) {
    let start = skip_space(chars, at);
    let word = ident_at(chars, start);
    (start + word.chars().count(), word)
}

fn skip_space(chars: &[char], mut at: usize) -> usize {
    while chars.get(at).is_some_and(|c| c.is_whitespace()) {
        at += 1;
    }
    at
}

fn next_non_space(chars: &[char], at: usize) -> Option<char> {
    chars.get(skip_space(chars, at)).copied()
}

fn path_sep(chars: &[char], at: usize) -> bool {
    chars.get(at) == Some(&':') && chars.get(at + 1) == Some(&':')
}

/// Tarjan's strongly connected components, each sorted, in a stable order.
fn strongly_connected(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        components: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph[v].keys() {
            let w = w.as_str();
            if !s.graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            component.sort();
            s.components.push(component);
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.components
}
