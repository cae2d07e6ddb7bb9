//! Blanks out what the lints must never match: template placeholders, URLs, e-mail addresses and
//! code. Masked bytes become spaces (newlines stay), so every offset into the masked text is
//! still an offset into the original.

use std::ops::Range;

use crate::embedded::{
    FENCED, Finder, MASK_CODE, MASK_COMMENTS, MASK_EMAILS, MASK_URLS, MASK_VARIABLES,
};

/// How far a `{{` or `{%` placeholder may run before its end, so that a stray `{{` cannot
/// swallow the rest of the file.
const PLACEHOLDER_BYTES: usize = 500;

/// A kind of span to mask.
enum Kind {
    /// `{{..}}` and `{%..%}`, found by [`placeholder_at`].
    Placeholder,
    Regex(&'static Finder<1>),
}

impl Kind {
    /// The first span of this kind that starts at `from` or later.
    fn find_at(&self, text: &str, from: usize) -> Option<Range<usize>> {
        match self {
            Kind::Placeholder => placeholder_at(text.as_bytes(), from),
            Kind::Regex(finder) => finder.find_at(text, from).map(|m| m.range()),
        }
    }
}

/// The kinds of spans to mask, the first winning where two start at the same place.
static KINDS: [Kind; 6] = [
    Kind::Regex(&MASK_COMMENTS),
    Kind::Placeholder,
    Kind::Regex(&MASK_VARIABLES),
    Kind::Regex(&MASK_URLS),
    Kind::Regex(&MASK_EMAILS),
    Kind::Regex(&MASK_CODE),
];

/// Loads the patterns every draft needs now rather than at their first use (fences only
/// Markdown needs).
pub(crate) fn compile_patterns() {
    for kind in &KINDS {
        if let Kind::Regex(finder) = kind {
            finder.load();
        }
    }
}

/// The first placeholder of Handlebars, Liquid or Zendesk that starts at `from` or later:
/// `{{..}}` (and `{{{..}}}`) and `{%..%}`, each ending at the first end within
/// [`PLACEHOLDER_BYTES`] (as the lazy `\{\{.{0,500}?\}\}\}?` would).
fn placeholder_at(hay: &[u8], from: usize) -> Option<Range<usize>> {
    let mut at = from;
    while let Some(open) = memchr::memchr(b'{', hay.get(at..)?).map(|i| at + i) {
        at = open + 1;
        let end_mark: &[u8] = match hay.get(open + 1) {
            Some(b'{') => b"}}",
            Some(b'%') => b"%}",
            _ => continue,
        };
        let body = open + 2;
        let window = &hay[body..hay.len().min(body + PLACEHOLDER_BYTES + end_mark.len())];
        if let Some(end) = memchr::memmem::find(window, end_mark) {
            let mut end = body + end + end_mark.len();
            if end_mark == b"}}" && hay.get(end) == Some(&b'}') {
                end += 1;
            }
            return Some(open..end);
        }
    }
    None
}

/// The spans to mask, in order, as one leftmost-first regex of all [`KINDS`] would find them:
/// the leftmost, and of those starting there the first kind's.
fn masked(text: &str) -> Vec<Range<usize>> {
    let mut next = KINDS.each_ref().map(|kind| kind.find_at(text, 0));
    let mut spans = Vec::new();
    while let Some(span) = next.iter().flatten().min_by_key(|s| s.start).cloned() {
        // No span is empty, so this moves on.
        for (found, kind) in next.iter_mut().zip(&KINDS) {
            if found.as_ref().is_some_and(|s| s.start < span.end) {
                *found = kind.find_at(text, span.end);
            }
        }
        spans.push(span);
    }
    spans
}

pub(crate) fn mask(text: &str, markdown: bool) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let mut blank = |start: usize, end: usize| {
        for b in &mut bytes[start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    if markdown {
        for m in FENCED.find_iter(text) {
            blank(m.start(), m.end());
        }
    }
    for span in masked(text) {
        // URLs keep their trailing sentence punctuation: "see https://x.org/a." ends a sentence.
        let kept = text.as_bytes()[span.clone()]
            .iter()
            .rposition(|b| !b".,;:!?".contains(b))
            .map_or(0, |last| last + 1);
        blank(span.start, span.start + kept);
    }
    // Only ASCII bytes and whole characters were replaced.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn kinds_merge_as_one_leftmost_first_regex() {
        // A comment block wins over the `{%` tag that starts it; triple braces end at their
        // third brace; an unclosed `{{` is left alone past its bound.
        let text = "{% comment %}hidden{% endcomment %} {{{name}}}} see https://x.org/{{id}}. ok";
        let masked = mask(text, false);
        let left: Vec<&str> = masked.split_whitespace().collect();
        assert_eq!(left, ["}", "see", ".", "ok"]);
        let stray = format!("{{{{ open {} }}}} tail", "a".repeat(600));
        assert_eq!(mask(&stray, false), stray);
        let bounded = format!("{{{{ open {} }}}} tail", "a".repeat(480));
        assert_eq!(mask(&bounded, false).trim(), "tail");
    }

    #[test]
    fn placeholders_become_spaces_of_the_same_length() {
        let text = "Hi {{ticket.requester.first_name}}, order ${order_id} for %{agent} {% if x %}ok{% endif %}";
        let masked = mask(text, false);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.contains('{'));
        assert!(masked.starts_with("Hi "));
        assert!(masked.contains(" ok "));
    }

    #[test]
    fn urls_and_addresses_are_masked_but_sentence_end_kept() {
        let masked = mask(
            "See https://example.com/backend/ping. Mail ping@backend.example.org now",
            false,
        );
        assert!(!masked.contains("backend"));
        assert!(masked.contains(". Mail"));
        assert!(masked.ends_with(" now"));
    }

    #[test]
    fn template_comments_are_masked() {
        let text = "A {% comment %} circle back\nhere {% endcomment %} B <!-- hotfix --> C {{!-- ping --}} D";
        let masked = mask(text, false);
        for word in ["circle", "hotfix", "ping", "comment"] {
            assert!(!masked.contains(word), "{word} in {masked:?}");
        }
        assert_eq!(masked.lines().count(), 2);
        assert!(masked.contains(" D"));
    }

    #[test]
    fn code_is_masked_and_lines_stay() {
        let text = "Run `git rollback` here.\n```\nhotfix\n```\nafter";
        let masked = mask(text, true);
        assert!(!masked.contains("rollback"));
        assert!(!masked.contains("hotfix"));
        assert_eq!(masked.lines().count(), text.lines().count());
        // Outside Markdown a fence is ordinary text.
        assert!(mask(text, false).contains("hotfix"));
    }

    #[test]
    fn multibyte_placeholder_content_stays_valid_utf8() {
        let masked = mask("Hallo {{naam_ü}} daar", false);
        assert_eq!(masked.len(), "Hallo {{naam_ü}} daar".len());
        assert!(masked.ends_with(" daar"));
    }
}
