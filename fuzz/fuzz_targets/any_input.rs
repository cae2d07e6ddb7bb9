//! Arbitrary bytes as every kind of input (e-mail, templates, mbox, macro exports), through
//! every lint and every output format.
#![no_main]

use draftlint::{Detect, InputKind};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (name, detect) = match selector % 7 {
        0 => ("draft.eml", Detect::Known(InputKind::Eml)),
        1 => ("macro.txt", Detect::Known(InputKind::Text)),
        2 => ("macro.md", Detect::Known(InputKind::Markdown)),
        3 => ("macro.html", Detect::Known(InputKind::Html)),
        4 => ("macros.json", Detect::Export),
        5 => ("Drafts.mbox", Detect::Known(InputKind::Eml)),
        _ => ("1709461000.M1.host", Detect::EmailOrText),
    };
    common::lint_and_report(name, bytes, detect);
});
