//! Determinizes the built-in phrase lists of `lints/` into DFAs and embeds them, so that a run
//! deserializes its automata instead of compiling them (the pre-commit case of one draft).
//! The lists are planned by the linter's own code (`src/lints/phrases/`), included here.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use regex_automata::dfa::{self, Automaton, dense, sparse};

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

#[path = "src/embedded/patterns.rs"]
mod patterns;

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
        "src/embedded/patterns.rs",
    ] {
        println!("cargo::rerun-if-changed={watched}");
    }
    let out = Out {
        dir: std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?,
        little_endian: std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() != Ok("big"),
    };
    phrase_lists(&out)?;
    fixed_regexes(&out)
}

/// Where the generated files go, for which target.
struct Out {
    dir: String,
    little_endian: bool,
}

impl Out {
    fn bytes(&self, dfa: &sparse::DFA<Vec<u8>>) -> Vec<u8> {
        if self.little_endian {
            dfa.to_bytes_little_endian()
        } else {
            dfa.to_bytes_big_endian()
        }
    }

    /// Writes `contents` to the file `name`, and returns the path written.
    fn write(&self, name: &str, contents: &[u8]) -> Result<String, String> {
        let file = Path::new(&self.dir).join(name);
        std::fs::write(&file, contents).map_err(|e| format!("{}: {e}", file.display()))?;
        Ok(file.display().to_string())
    }

    /// Writes the DFA's bytes to the file `name`, and returns code that embeds them.
    fn embed(&self, name: &str, dfa: &sparse::DFA<Vec<u8>>) -> Result<String, String> {
        self.embed_bytes(name, &self.bytes(dfa))
    }

    /// Writes a dense DFA's bytes, adds to `code` a static that embeds them aligned, and
    /// returns code for an `embedded::Forward` of them.
    fn embed_dense(
        &self,
        code: &mut String,
        name: &str,
        dfa: &dense::DFA<Vec<u32>>,
    ) -> Result<String, String> {
        let mut bytes = vec![0; dfa.write_to_len()];
        let written = if self.little_endian {
            dfa.write_to_little_endian(&mut bytes)
        } else {
            dfa.write_to_big_endian(&mut bytes)
        };
        written.map_err(|e| format!("regex {name}: {e}"))?;
        let file = self.write(&format!("{name}.forward.dfa"), &bytes)?;
        let _ = writeln!(
            code,
            "static {name}_FORWARD: &Aligned<[u8]> = \
             &Aligned {{ _align: [], bytes: *include_bytes!({file:?}) }};"
        );
        Ok(format!("Forward::Dense(&{name}_FORWARD.bytes)"))
    }

    fn embed_bytes(&self, name: &str, bytes: &[u8]) -> Result<String, String> {
        Ok(format!("include_bytes!({:?})", self.write(name, bytes)?))
    }
}

/// The largest dense DFA of a line test; larger ones are embedded sparse.
const DENSE_LINE_TEST_BYTES: usize = 256 * 1024;

/// Each fixed regex of `patterns.rs` as a forward DFA (dense if it searches, dense or sparse by
/// size if it only tests lines) and, if its spans are needed, a reverse one; and a static
/// `embedded::Finder` or `embedded::Recognizer` over them.
fn fixed_regexes(out: &Out) -> Result<(), String> {
    let mut bytes = String::new();
    let mut code = String::new();
    for (index, fixed) in patterns::ALL.iter().enumerate() {
        let name = fixed.name;
        let fixed_at = format!("&patterns::ALL[{index}]");
        let problem = |e: &dyn std::fmt::Display| format!("regex {name}: {e}");
        if fixed.spans {
            let regex = dfa::regex::Builder::new()
                .build_many(fixed.patterns)
                .map_err(|e| problem(&e))?;
            if regex.forward().has_empty() {
                return Err(problem(&"matches the empty string"));
            }
            // The forward DFA scans whole texts: dense, for speed. The reverse one only reads
            // back over a match: sparse, for size.
            let forward = out.embed_dense(&mut code, name, regex.forward())?;
            let reverse = regex.reverse().to_sparse().map_err(|e| problem(&e))?;
            let reverse = out.embed(&format!("{name}.reverse.dfa"), &reverse)?;
            let _ = writeln!(bytes, "    ({forward}, Some({reverse})),");
            let _ = writeln!(
                code,
                "pub(crate) static {name}: Finder<{}> = Finder::new({fixed_at}, BYTES[{index}]);",
                fixed.patterns.len()
            );
        } else {
            let dfa = dense::Builder::new()
                .build_many(fixed.patterns)
                .map_err(|e| problem(&e))?;
            // Dense is faster, sparse many times smaller: a line test whose DFA dies within a
            // few bytes (anchored at `^`) loses little by being sparse.
            let forward = if dfa.memory_usage() <= DENSE_LINE_TEST_BYTES {
                out.embed_dense(&mut code, name, &dfa)?
            } else {
                let dfa = dfa.to_sparse().map_err(|e| problem(&e))?;
                format!(
                    "Forward::Sparse({})",
                    out.embed(&format!("{name}.forward.dfa"), &dfa)?
                )
            };
            let _ = writeln!(bytes, "    ({forward}, None),");
            let _ = writeln!(
                code,
                "pub(crate) static {name}: Recognizer = \
                 Recognizer::new({fixed_at}, BYTES[{index}].0);"
            );
        }
    }
    // Forward and reverse DFAs, in the order of `patterns::ALL`.
    let code = format!(
        "static BYTES: [(Forward, Option<&[u8]>); {}] = [\n{bytes}];\n\n{code}",
        patterns::ALL.len()
    );
    out.write("regexes.rs", code.as_bytes()).map(drop)
}

/// Each built-in phrase list's plan, over DFAs shared by index, and the key it is found by.
fn phrase_lists(out: &Out) -> Result<(), String> {
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
    let mut starts: Vec<automata::Starts> = Vec::new();
    let mut index_of: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut plans: Vec<automata::Plan<usize>> = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        let file = data::PhraseFile::parse(&name, &text)?;
        for (_, entries, terms) in file.lists() {
            let key = automata::key(entries, &file.sets, terms);
            if entries.is_empty() || keys.contains(&key) {
                continue;
            }
            let patterns = automata::Patterns::of(entries, &file.sets, terms)
                .map_err(|e| format!("{name}: {e}"))?;
            let plan = automata::plan(entries, &patterns).map_err(|e| format!("{name}: {e}"))?;
            keys.push(key);
            let mut sparse_of = BTreeMap::new();
            let plan = plan.try_map(|source| {
                let dfa = source.build().map_err(|e| format!("{name}: {e}"))?;
                let sparse = dfa.to_sparse().map_err(|e| format!("{name}: {e}"))?;
                let bytes = out.bytes(&sparse);
                let next = automata.len();
                let index = *index_of.entry(bytes.clone()).or_insert(next);
                if index == next {
                    automata.push(bytes);
                }
                sparse_of.insert(index, sparse);
                Ok::<_, String>(index)
            })?;
            starts.push(automata::Starts::of(&sparse_of[&plan.heads]));
            plans.push(plan);
        }
    }

    let mut code = String::new();
    let _ = writeln!(code, "static AUTOMATA: [&[u8]; {}] = [", automata.len());
    for (index, bytes) in automata.iter().enumerate() {
        let _ = writeln!(
            code,
            "    {},",
            out.embed_bytes(&format!("automaton-{index}.dfa"), bytes)?
        );
    }
    let _ = writeln!(code, "];\n\nstatic KEYS: [&str; {}] = [", plans.len());
    for key in &keys {
        let _ = writeln!(code, "    {key:?},");
    }
    let _ = writeln!(code, "];\n\nstatic STARTS: [Starts; {}] = [", plans.len());
    for starts in &starts {
        let _ = writeln!(code, "    {starts:?},");
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
    out.write("automata.rs", code.as_bytes()).map(drop)
}
