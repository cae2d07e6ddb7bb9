//! Blanks out what the lints must never match: template placeholders, URLs, e-mail addresses and
//! code. Masked bytes become spaces (newlines stay), so every offset into the masked text is
//! still an offset into the original.

use std::sync::LazyLock;

use crate::embedded::FENCED;

/// Spans never linted in any kind of input. A bytes regex: the bounded repetitions are of any
/// byte (`(?-u:.)`), which compiles 50 times smaller than of any character. Every alternative
/// starts and ends on ASCII, so matches are still whole characters. Not embedded as a DFA
/// (see `crate::embedded`): an unanchored DFA of its bounded lazy repetitions must remember
/// every `{{` of the last 500 bytes, and does not fit in any size limit.
static ALWAYS: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(concat!(
        // Template comments, stripped before sending (and where suppression directives live):
        // Liquid comment blocks and HTML comments in any template.
        r"(?s)\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}|<!--.*?-->|",
        // Placeholders: Handlebars/Liquid/Zendesk `{{..}}` (and `{{{..}}}`), Liquid tags `{%..%}`,
        // shell/JS `${..}`, Ruby/i18n `%{..}`. Non-greedy and bounded so a stray `{{` cannot
        // swallow the rest of the file.
        r"(?s-u:\{\{.{0,500}?\}\}\}?|\{%.{0,500}?%\}|[$%]\{[^{}\n]{0,200}\})",
        // URLs.
        r"|(?i:\b(?:https?|ftp)://|\bwww\.)[^\s<>()\[\]]+",
        // E-mail addresses.
        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        // Inline code spans.
        r"|`[^`\n]+`",
    ))
    .expect("mask pattern compiles")
});

/// Compiles the pattern every draft needs now rather than at its first use (fences only
/// Markdown needs).
pub(crate) fn compile_patterns() {
    LazyLock::force(&ALWAYS);
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
    for m in ALWAYS.find_iter(text.as_bytes()) {
        // URLs keep their trailing sentence punctuation: "see https://x.org/a." ends a sentence.
        let kept = m
            .as_bytes()
            .iter()
            .rposition(|b| !b".,;:!?".contains(b))
            .map_or(0, |last| last + 1);
        blank(m.start(), m.start() + kept);
    }
    // Only ASCII bytes and whole characters were replaced.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::mask;

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
