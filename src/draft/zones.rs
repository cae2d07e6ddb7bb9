//! Splits a body into zones: greeting, author text, quoted history, sign-off and signature.
//! Lints read author text only, so everything here errs towards keeping author text: a line is
//! history or signature only when a mail client's own marker says so.

use std::sync::LazyLock;

use regex::Regex;

use super::Line;
use super::dates::{LooseDate, parse_english_date};
use crate::embedded::{ATTRIBUTION_END, GREETING, HISTORY_START, SIGN_OFF};

/// What part of a message a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// "Hi Anna," on a line of its own.
    Greeting,
    /// What the author wrote: the only zone the lints read.
    Author,
    /// Quoted or forwarded history, attribution lines included.
    Quoted,
    /// "Best regards," and the like, closing the author text.
    SignOff,
    /// Name, title, phone, disclaimers: after a sign-off or a `-- ` line.
    Signature,
    /// The Subject header of an e-mail, appended after the body for lints that read it.
    Subject,
}

pub(crate) struct Zoned {
    pub lines: Vec<Line>,
    /// The date of the message answered: the first date the history gives.
    pub replied_to: Option<LooseDate>,
}

/// An unquoted header block line, as Outlook writes the message it answers.
static HEADER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\*?(from|sent|date|to|cc|subject)\s*:\*?\s*\S").unwrap());

/// The start of an attribution line (its end is [`ATTRIBUTION_END`]).
static ATTRIBUTION_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:on|le|am|el|il|op)\s+\S").unwrap());

/// Compiles this module's patterns now rather than at their first use.
pub(crate) fn compile_patterns() {
    HISTORY_START.load();
    LazyLock::force(&HEADER_LINE);
    ATTRIBUTION_END.load();
    LazyLock::force(&ATTRIBUTION_START);
    SIGN_OFF.load();
    GREETING.load();
}

/// At most this many non-blank lines may follow a sign-off for it to close the message.
const MAX_SIGNATURE_LINES: usize = 7;
const MAX_SIGNATURE_LINE_CHARS: usize = 72;

pub(crate) fn split(text: &str) -> Zoned {
    let mut lines = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let end = start + raw.trim_end_matches(['\n', '\r']).len();
        lines.push(Line {
            range: start..end,
            zone: Zone::Author,
        });
        start += raw.len();
    }
    let content: Vec<&str> = lines.iter().map(|l| &text[l.range.clone()]).collect();
    let mut replied_to = None;
    let mut note_date = |line: &str| {
        if replied_to.is_none() {
            replied_to = parse_english_date(line);
        }
    };

    mark_quoted(&content, &mut lines, &mut note_date);
    mark_history_blocks(&content, &mut lines, &mut note_date);
    mark_signatures(&content, &mut lines);
    mark_greeting(&content, &mut lines);
    Zoned { lines, replied_to }
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// `>` lines and the attribution lines that introduce them.
fn mark_quoted(content: &[&str], lines: &mut [Line], note_date: &mut impl FnMut(&str)) {
    for (i, line) in content.iter().enumerate() {
        if is_quoted(line) {
            lines[i].zone = Zone::Quoted;
        }
    }
    for i in 0..content.len() {
        if lines[i].zone != Zone::Author || !ATTRIBUTION_END.is_match(content[i]) {
            continue;
        }
        // Wrapped attribution: "On Mon, 3 Mar 2025 at 10:15, Anna Smith\n<anna@x> wrote:".
        let first = if !ATTRIBUTION_START.is_match(content[i])
            && i > 0
            && lines[i - 1].zone == Zone::Author
            && ATTRIBUTION_START.is_match(content[i - 1])
        {
            i - 1
        } else {
            i
        };
        let introduces_quote = content[i + 1..]
            .iter()
            .find(|l| !is_blank(l))
            .is_none_or(|l| is_quoted(l));
        if ATTRIBUTION_START.is_match(content[first]) || introduces_quote {
            let joined = content[first..=i].join(" ");
            note_date(&joined);
            for line in &mut lines[first..=i] {
                line.zone = Zone::Quoted;
            }
        }
    }
    // History dates from quoted header lines ("> Date: ...", "> Sent: ...").
    for (i, line) in content.iter().enumerate() {
        if lines[i].zone == Zone::Quoted {
            let unquoted = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
            if let Some(caps) = HEADER_LINE.captures(unquoted) {
                if matches!(caps[1].to_ascii_lowercase().as_str(), "sent" | "date") {
                    note_date(unquoted);
                }
            }
        }
    }
}

/// Outlook and forward markers, and unquoted From:/Sent:/To:/Subject: blocks: the rest is
/// history.
fn mark_history_blocks(content: &[&str], lines: &mut [Line], note_date: &mut impl FnMut(&str)) {
    let start = (0..content.len()).find(|&i| {
        lines[i].zone == Zone::Author
            && (HISTORY_START.is_match(content[i]) || starts_header_block(&content[i..]))
    });
    let Some(mut start) = start else { return };
    // Outlook's HTML separator line right above the block belongs to it.
    if let Some(prev) = (0..start).rev().find(|&j| !is_blank(content[j])) {
        if content[prev].trim().chars().all(|c| c == '_' || c == '-')
            && content[prev].trim().len() >= 8
        {
            start = prev;
        }
    }
    for (i, line) in content.iter().enumerate().skip(start) {
        lines[i].zone = Zone::Quoted;
        if let Some(caps) = HEADER_LINE.captures(line) {
            if matches!(caps[1].to_ascii_lowercase().as_str(), "sent" | "date") {
                note_date(line);
            }
        }
    }
}

/// "From: ..." followed within a few lines by at least two more header lines, one of them a
/// Sent/Date or Subject line.
fn starts_header_block(rest: &[&str]) -> bool {
    let is_from = HEADER_LINE
        .captures(rest[0])
        .is_some_and(|c| c[1].eq_ignore_ascii_case("from"));
    if !is_from {
        return false;
    }
    let names: Vec<String> = rest[1..]
        .iter()
        .take(6)
        .take_while(|l| !is_blank(l))
        .filter_map(|l| HEADER_LINE.captures(l).map(|c| c[1].to_ascii_lowercase()))
        .collect();
    names.len() >= 2
        && names
            .iter()
            .any(|n| matches!(n.as_str(), "sent" | "date" | "subject"))
}

/// A `-- ` line starts a signature that runs to the next quoted line; a sign-off line followed
/// by a few short lines closes the author text of its chunk.
fn mark_signatures(content: &[&str], lines: &mut [Line]) {
    let mut i = 0;
    while i < content.len() {
        if lines[i].zone == Zone::Author && content[i].trim_end() == "--" {
            while i < content.len() && lines[i].zone != Zone::Quoted {
                lines[i].zone = Zone::Signature;
                i += 1;
            }
        }
        i += 1;
    }
    // Each chunk of author lines (between quoted or signature lines) may end in a sign-off.
    let mut chunk_start = 0;
    for i in 0..=content.len() {
        let ends_chunk = i == content.len() || lines[i].zone != Zone::Author;
        if ends_chunk {
            mark_sign_off(content, lines, chunk_start, i);
            chunk_start = i + 1;
        }
    }
}

fn mark_sign_off(content: &[&str], lines: &mut [Line], start: usize, end: usize) {
    for i in start..end {
        if !SIGN_OFF.is_match(content[i]) {
            continue;
        }
        let after: Vec<&&str> = content[i + 1..end]
            .iter()
            .filter(|l| !is_blank(l))
            .collect();
        let short = after
            .iter()
            .all(|l| l.trim().chars().count() <= MAX_SIGNATURE_LINE_CHARS);
        if after.len() <= MAX_SIGNATURE_LINES && short {
            lines[i].zone = Zone::SignOff;
            for line in &mut lines[i + 1..end] {
                line.zone = Zone::Signature;
            }
            return;
        }
    }
}

fn mark_greeting(content: &[&str], lines: &mut [Line]) {
    let first =
        (0..content.len()).find(|&i| lines[i].zone == Zone::Author && !is_blank(content[i]));
    if let Some(i) = first {
        if GREETING.is_match(content[i]) || is_bare_name_greeting(content[i]) {
            lines[i].zone = Zone::Greeting;
        }
    }
}

/// "Anna," or a placeholder alone ("{{name}}," is blank but for the comma).
fn is_bare_name_greeting(line: &str) -> bool {
    let trimmed = line.trim();
    !SIGN_OFF.is_match(line)
        && trimmed.ends_with(',')
        && trimmed.split_whitespace().count() <= 2
        && trimmed[..trimmed.len() - 1]
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zones(text: &str) -> Vec<(Zone, &str)> {
        split(text)
            .lines
            .iter()
            .map(|l| (l.zone, &text[l.range.clone()]))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect()
    }

    fn zone_of(zoned: &[(Zone, &str)], needle: &str) -> Zone {
        zoned
            .iter()
            .find(|(_, t)| t.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not found"))
            .0
    }

    #[test]
    fn gmail_reply_with_greeting_sign_off_and_signature() {
        let text = "Hi Anna,\r\n\r\nThe parcel left today.\r\n\r\nBest regards,\r\nBo Jensen\r\nSupport lead\r\n\r\nOn Mon, 3 Mar 2025 at 10:15, Anna Smith <anna@example.com>\r\nwrote:\r\n> Where is my parcel?\r\n";
        let z = zones(text);
        assert_eq!(zone_of(&z, "Hi Anna"), Zone::Greeting);
        assert_eq!(zone_of(&z, "parcel left"), Zone::Author);
        assert_eq!(zone_of(&z, "Best regards"), Zone::SignOff);
        assert_eq!(zone_of(&z, "Bo Jensen"), Zone::Signature);
        assert_eq!(zone_of(&z, "On Mon"), Zone::Quoted);
        assert_eq!(zone_of(&z, "wrote:"), Zone::Quoted);
        assert_eq!(zone_of(&z, "Where is"), Zone::Quoted);
        let date = split(text).replied_to.unwrap().local;
        assert_eq!(date.to_string(), "2025-03-03 10:15:00");
    }

    #[test]
    fn inline_reply_keeps_every_author_chunk() {
        let text =
            "> Can you ship today?\nYes, it goes out at noon.\n> And the invoice?\nAttached.\n";
        let z = zones(text);
        assert_eq!(zone_of(&z, "goes out"), Zone::Author);
        assert_eq!(zone_of(&z, "Attached"), Zone::Author);
        assert_eq!(zone_of(&z, "invoice?"), Zone::Quoted);
    }

    #[test]
    fn outlook_header_block_and_separator_are_history() {
        let text = "We will call you.\n\n________________________________\nFrom: Anna Smith <anna@example.com>\nSent: Monday, March 3, 2025 10:15 AM\nTo: Support\nSubject: Order\n\nPlease circle back.\n";
        let zoned = split(text);
        let z = zones(text);
        assert_eq!(zone_of(&z, "We will"), Zone::Author);
        assert_eq!(zone_of(&z, "____"), Zone::Quoted);
        assert_eq!(zone_of(&z, "circle back"), Zone::Quoted);
        assert_eq!(
            zoned.replied_to.unwrap().local.to_string(),
            "2025-03-03 10:15:00"
        );
    }

    #[test]
    fn original_message_and_forward_markers() {
        for marker in [
            "-----Original Message-----",
            "---------- Forwarded message ---------",
            "Begin forwarded message:",
        ] {
            let text = format!("Mine.\n{marker}\nTheirs.\n");
            let z = zones(&text);
            assert_eq!(zone_of(&z, "Mine"), Zone::Author, "{marker}");
            assert_eq!(zone_of(&z, "Theirs"), Zone::Quoted, "{marker}");
        }
    }

    #[test]
    fn dash_dash_signature_until_quote() {
        let text = "Body text.\n-- \nBo Jensen\nhttps://example.com\n> old\n";
        let z = zones(text);
        assert_eq!(zone_of(&z, "Body"), Zone::Author);
        assert_eq!(zone_of(&z, "Bo Jensen"), Zone::Signature);
        assert_eq!(zone_of(&z, "old"), Zone::Quoted);
    }

    #[test]
    fn look_alikes_stay_author_text() {
        let text = "Hi Anna, thanks for the quick answer about the refund.\nThanks for your patience with this.\nOn Monday we ship.\nMy colleague wrote: nothing.\nFrom: the warehouse, sadly.\n";
        for sentence in [
            "Thanks for your patience.",
            "Thanks for the report!",
            "Cheers to the team.",
        ] {
            let text = format!("Body.\n\n{sentence}\nWe ship today.\n");
            let z = zones(&text);
            assert_eq!(zone_of(&z, sentence), Zone::Author, "{sentence}");
            assert_eq!(zone_of(&z, "ship today"), Zone::Author, "{sentence}");
        }
        let z = zones(text);
        // A greeting with a sentence after it is author text.
        assert_eq!(zone_of(&z, "quick answer"), Zone::Author);
        assert_eq!(zone_of(&z, "patience"), Zone::Author);
        assert_eq!(zone_of(&z, "On Monday"), Zone::Author);
        assert_eq!(zone_of(&z, "warehouse"), Zone::Author);
    }

    #[test]
    fn greeting_and_sign_off_variants() {
        for greeting in [
            "Morning Anna,",
            "To whom it may concern,",
            "Dear Dr. Anna-Maria van der Berg,",
            "Good evening all!",
        ] {
            let text = format!("{greeting}\n\nAll done.\n");
            assert_eq!(split(&text).lines[0].zone, Zone::Greeting, "{greeting}");
        }
        let text = "Evening appointments are now available.\n";
        assert_eq!(split(text).lines[0].zone, Zone::Author);
        for sign_off in [
            "With best wishes,",
            "Thanks in advance,",
            "Sincerely yours,",
            "Cordially,",
            "Have a lovely weekend!",
        ] {
            let text = format!("Hi,\n\nAll done.\n\n{sign_off}\nBo Jensen\n");
            assert_eq!(
                zone_of(&zones(&text), sign_off),
                Zone::SignOff,
                "{sign_off}"
            );
        }
    }

    #[test]
    fn sign_off_needs_a_short_tail() {
        let long_tail =
            "Thanks,\n".to_string() + &"A long paragraph line that keeps going.\n".repeat(9);
        let z = zones(&long_tail);
        assert_eq!(zone_of(&z, "Thanks"), Zone::Author);
        let z = zones("Body.\n\nThanks,\nBo Jensen\n");
        assert_eq!(zone_of(&z, "Thanks"), Zone::SignOff);
        assert_eq!(zone_of(&z, "Bo Jensen"), Zone::Signature);
    }

    #[test]
    fn greeting_with_a_long_placeholder() {
        let masked = format!("Hi {},\n\nAll done.\n", " ".repeat(60));
        let zoned = split(&masked);
        assert_eq!(zoned.lines[0].zone, Zone::Greeting);
    }

    #[test]
    fn greeting_with_typographic_apostrophe() {
        let z = zones("Hi Mrs O’Neill,\n\nAll done.\n");
        assert_eq!(zone_of(&z, "Neill"), Zone::Greeting);
    }

    #[test]
    fn bare_name_greeting() {
        let z = zones("Anna,\n\nAll done.\n");
        assert_eq!(zone_of(&z, "Anna"), Zone::Greeting);
        let z = zones("   ,\nAll done.\n"); // "{{name}}," after masking
        assert_eq!(zone_of(&z, ","), Zone::Greeting);
    }
}
