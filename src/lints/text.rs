//! Sentences and words of author text, as the lints count them.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::embedded::WORD;

/// The sentences of `text[range]` (Unicode sentence boundaries, UAX #29), trimmed, as ranges of
/// `text`. Mail is hard-wrapped, so a line break inside a paragraph is not a sentence end, and
/// a full stop after an abbreviation ("Mr.", "e.g.") is not one either.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    // Same byte length: offsets into `unwrapped` are offsets into `text[range]`.
    let unwrapped = text[range.clone()].replace(['\n', '\r'], " ");
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut continues = false;
    for (start, sentence) in unwrapped.split_sentence_bound_indices() {
        let trimmed = sentence.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = sentence.len() - sentence.trim_start().len();
        let piece = range.start + start + lead..range.start + start + lead + trimmed.len();
        match out.last_mut() {
            Some(last) if continues => last.end = piece.end,
            _ => out.push(piece),
        }
        continues = is_abbreviation(trimmed);
    }
    out
}

/// The closing is at least this many sentences.
const CLOSING_SENTENCES: usize = 3;

/// The closing of author text: the sentences of its last paragraph, topped up from earlier
/// paragraphs to three when it has fewer.
pub fn closing(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let Some(last) = paragraphs.last() else {
        return Vec::new();
    };
    let mut closing = sentences(text, last.clone());
    for earlier in paragraphs.iter().rev().skip(1) {
        if closing.len() >= CLOSING_SENTENCES {
            break;
        }
        let mut more = sentences(text, earlier.clone());
        let keep = more.len().saturating_sub(CLOSING_SENTENCES - closing.len());
        closing.splice(0..0, more.drain(keep..));
    }
    closing
}

/// The opener of author text: the first sentence of its first paragraph.
pub fn opener(text: &str, paragraphs: &[Range<usize>]) -> Option<Range<usize>> {
    let first = paragraphs.first()?;
    sentences(text, first.clone()).into_iter().next()
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "e.g.", "i.e.", "etc.", "approx.", "vs.", "no.",
    "incl.", "ca.", "cf.", "jr.", "sr.",
];

/// Whether a sentence piece ends with an abbreviation's full stop.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
}

/// Words in `text[range]` (placeholders are already blank, so they do not count).
pub fn word_count(text: &str, range: Range<usize>) -> usize {
    WORD.count(&text[range])
}

/// Matched text for a message: white space runs (line breaks too) as single spaces.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `range` without leading and trailing white space.
pub fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let part = &text[range.clone()];
    let start = range.start + (part.len() - part.trim_start().len());
    start..start + part.trim().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_across_wrapped_lines() {
        let text = "  First one. Second\nwraps here! Third? \"Quoted.\" Last";
        let got: Vec<&str> = sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            [
                "First one.",
                "Second\nwraps here!",
                "Third?",
                "\"Quoted.\"",
                "Last"
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Mr. Jones will call, e.g. tomorrow. Then done.";
        let got: Vec<&str> = sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["Mr. Jones will call, e.g. tomorrow.", "Then done."]);
    }

    #[test]
    fn version_numbers_do_not_end_sentences() {
        let text = "Update to 2.4.1 today.";
        assert_eq!(sentences(text, 0..text.len()).len(), 1);
    }

    #[test]
    fn counts_words_not_placeholders() {
        let text = "Hi      , it's done — 3 items";
        assert_eq!(word_count(text, 0..text.len()), 5);
    }
}
