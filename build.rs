//! Determinizes the built-in phrase lists of `lints/` into DFAs and embeds them, so that a run
//! deserializes its automata instead of compiling them (the pre-commit case of one draft).
//! The lists are planned by the linter's own code (`src/lints/phrases/`), included here.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[path = "src/lints/severity.rs"]
#[allow(dead_code)] // the data format's; only parsed here
mod severity;
use severity::Severity;

#[path = "src/lints/phrases/data.rs"]
#[allow(dead_code)] // also what only the linter needs
mod data;

#[path = "src/lints/phrases/automata.rs"]
#[allow(dead_code)]
mod automata;

fn main() {
    if let Err(problem) = run() {
        eprintln!("build.rs: {problem}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    for watched in [
        "lints",
        "src/lints/severity.rs",
        "src/lints/phrases/data.rs",
        "src/lints/phrases/automata.rs",
    ] {
        println!("cargo::rerun-if-changed={watched}");
    }
    let out = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    let little_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() != Ok("big");

    let mut files: Vec<_> = std::fs::read_dir("lints")
        .map_err(|e| format!("lints: {e}"))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    // Each list's plan over indices into `automata`; patterns that share a part ("{when}")
    // share its automaton.
    let mut automata: Vec<Vec<u8>> = Vec::new();
    let mut index_of: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut plans: Vec<automata::Plan<usize>> = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        let file = data::PhraseFile::parse(&name, &text)?;
        for (_, entries, terms) in file.lists() {
            let patterns = automata::Patterns::of(entries, &file.sets, terms)
                .map_err(|e| format!("{name}: {e}"))?;
            let key = patterns.key();
            if entries.is_empty() || keys.contains(&key) {
                continue;
            }
            let plan = automata::plan(entries, &patterns).map_err(|e| format!("{name}: {e}"))?;
            keys.push(key);
            plans.push(plan.try_map(|source| {
                let dfa = source.build().map_err(|e| format!("{name}: {e}"))?;
                let sparse = dfa.to_sparse().map_err(|e| format!("{name}: {e}"))?;
                let bytes = if little_endian {
                    sparse.to_bytes_little_endian()
                } else {
                    sparse.to_bytes_big_endian()
                };
                let next = automata.len();
                let index = *index_of.entry(bytes.clone()).or_insert(next);
                if index == next {
                    automata.push(bytes);
                }
                Ok::<_, String>(index)
            })?);
        }
    }

    let mut code = String::new();
    let _ = writeln!(code, "static AUTOMATA: [&[u8]; {}] = [", automata.len());
    for (index, bytes) in automata.iter().enumerate() {
        let file = Path::new(&out).join(format!("automaton-{index}.dfa"));
        std::fs::write(&file, bytes).map_err(|e| format!("{}: {e}", file.display()))?;
        let _ = writeln!(
            code,
            "    include_bytes!({:?}),",
            file.display().to_string()
        );
    }
    let _ = writeln!(code, "];\n\nstatic KEYS: [&str; {}] = [", plans.len());
    for key in &keys {
        let _ = writeln!(code, "    {key:?},");
    }
    code.push_str("];\n\nfn plan_at(index: usize) -> Plan<usize> {\n    match index {\n");
    for (index, plan) in plans.iter().enumerate() {
        let stages: Vec<String> = plan
            .stages
            .iter()
            .map(|parts| {
                let parts: Vec<String> = parts.iter().map(|p| format!("{p:?}")).collect();
                format!("vec![{}]", parts.join(", "))
            })
            .collect();
        let _ = writeln!(
            code,
            "        {index} => Plan {{ heads: {}, stages: vec![{}], \
             entries_of: vec!{:?}, rules: vec!{:?} }},",
            plan.heads,
            stages.join(", "),
            plan.entries_of,
            plan.rules,
        );
    }
    code.push_str("        _ => unreachable!(\"plan_at takes an index of KEYS\"),\n    }\n}\n");
    let file = Path::new(&out).join("automata.rs");
    std::fs::write(&file, code).map_err(|e| format!("{}: {e}", file.display()))
}
