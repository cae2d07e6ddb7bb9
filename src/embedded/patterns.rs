//! The fixed patterns that cost the most to compile, as text. `build.rs` includes this file and
//! determinizes each into a forward and a reverse DFA; [`super`] embeds them.
//!
//! DFAs have no Unicode `\b`, so a boundary here is ASCII (`(?-u:\b)`): every one sits next to
//! an ASCII letter or digit of the pattern, and only a non-ASCII letter glued to it reads
//! differently (a boundary there for ASCII, none for Unicode).

// Spans never linted in any kind of input (see `draft::mask`), each kind its own DFA: one DFA
// of them all would have to follow every way they overlap, and does not fit in any size limit.
// The `{{..}}` and `{%..%}` placeholders are found by hand: an unanchored DFA of their bounded
// lazy repetition (`\{\{.{0,500}?\}\}`) would have to remember every `{{` of the last 500
// bytes. Every pattern starts and ends on ASCII.

/// Template comments, stripped before sending (and where suppression directives live): Liquid
/// comment blocks and HTML comments in any template.
pub const MASK_COMMENTS: &str =
    r"(?s)\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}|<!--.*?-->";

/// Placeholders of shell and JS, `${..}`, and of Ruby and i18n, `%{..}`.
pub const MASK_VARIABLES: &str = r"[$%]\{[^{}\n]{0,200}\}";

/// URLs.
pub const MASK_URLS: &str = r"(?i:(?-u:\b)(?:https?|ftp)://|(?-u:\b)www\.)[^\s<>()\[\]]+";

/// E-mail addresses.
pub const MASK_EMAILS: &str = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+";

/// Inline code spans.
pub const MASK_CODE: &str = r"`[^`\n]+`";

/// Fenced code blocks in Markdown.
pub const FENCED: &str =
    r"(?ms)^[ \t]*```.*?(?:^[ \t]*```[^\n]*$|\z)|^[ \t]*~~~.*?(?:^[ \t]*~~~[^\n]*$|\z)";

/// A line after which everything is history (Outlook, forwards).
pub const HISTORY_START: &str = concat!(
    r"(?i)^\s*(?:",
    r"-{2,}\s*original message\s*-{2,}",
    r"|-{2,}\s*forwarded message\s*-{2,}",
    r"|begin forwarded message:",
    r"|-{2,}\s*(?:message d'origine|ursprüngliche nachricht)\s*-{2,}",
    r")\s*$"
);

/// The end of an attribution line: "On <date>, <name> wrote:", "<name> wrote:", and common
/// translations.
pub const ATTRIBUTION_END: &str = concat!(
    r"(?i)(?:(?-u:\b)wrote|(?-u:\b)writes|a écrit|schrieb|escribió|ha scritto|schreef)",
    r"\s*:\s*$"
);

/// A sign-off line: "Best regards," "Thanks, Anna Smith".
pub const SIGN_OFF: &str = concat!(
    r"(?i)^\s*(?:",
    r"(?:best|kind|kindest|warm|warmest|many|with)?\s*regards|best|all the best|all best",
    r"|(?:with )?(?:best|warm|kind) wishes|thanks and regards|thanks in advance",
    r"|thanks|thank you|many thanks|thanks again|thanks so much|thank you so much|with thanks",
    r"|cheers|sincerely|(?:yours )?sincerely(?: yours)?|yours truly|yours faithfully|yours",
    r"|respectfully(?: yours)?|warmly|cordially|take care|stay safe|talk soon|speak soon",
    r"|have a (?:great|good|nice|lovely|wonderful) (?:day|week|weekend|evening)",
    // Optionally the writer's name on the same line: "Thanks, Anna Smith". Capitals are
    // matched case-sensitively, or "Thanks for your patience." would be a sign-off.
    r")\s*[,.!]*(?-i:(?:\s*\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,2})?)\s*[.!]?\s*$"
);

/// A greeting line: "Hi Anna," "Good morning all!" "Morning Anna,".
pub const GREETING: &str = concat!(
    r"(?i)^\s*(?:(?:hi|hello|hey|dear|hiya|hallo|howdy|greetings|to whom it may concern",
    r"|good (?:morning|afternoon|evening|day))(?-u:\b)",
    // A few words of name (placeholders are blank, however long) and the usual punctuation.
    r"(?:\s+(?-i:[\p{L}.'’-]+)){0,6}\s*[,!:.]?",
    // "Morning Anna," but not "Evening appointments are available."
    r"|(?:morning|afternoon|evening)(?:\s+(?-i:[\p{L}.'’-]+)){0,2}\s*[,!])\s*$"
);

/// A word, as the lints count them.
pub const WORD: &str = r"[\p{L}\p{N}][\p{L}\p{N}'’-]*";

// Dates as mail clients write them in attribution lines and quoted headers (see
// `draft::dates`). Digits are ASCII: chrono reads no others, so a date in other digits would
// only hide a readable one after it.
macro_rules! date_form {
    ($($date:expr),+) => {
        concat!(
            r"(?i)(?-u:\b)",
            $($date,)+
            // The time.
            r"(?:,?\s*(?:(?:at|um|à|om|alle|a las)\s+)?(?P<h>[0-9]{1,2})[:.](?P<mi>[0-9]{2})",
            r"(?::(?P<s>[0-9]{2}))?\s*(?P<ap>[ap]\.?m\.?)?)?",
            // The offset.
            r"(?:\s*(?P<tz>[+-][0-9]{4}|UTC|GMT|Z)(?-u:\b))?",
        )
    };
}
macro_rules! month {
    () => {
        r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    };
}

/// The date forms, each with the captures `draft::dates` reads.
pub const DATES: [&str; 5] = [
    // 2025-03-03 10:15
    date_form!(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?:T[0-9])?"),
    // 3 Mar 2025 (RFC 5322, Apple Mail)
    date_form!(
        r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?",
        month!(),
        r",?\s+(?P<y>[0-9]{4})"
    ),
    // March 3, 2025 (Outlook, Gmail US)
    date_form!(
        month!(),
        r"\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{4})"
    ),
    // 03/14/2025 (Thunderbird, US): month first unless that cannot be
    date_form!(r"(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4}|[0-9]{2})(?-u:\b)"),
    // 14.03.2025: dotted dates are day first everywhere they are used
    date_form!(r"(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4}|[0-9]{2})(?-u:\b)"),
];

/// A regex to embed.
pub struct Fixed {
    pub name: &'static str,
    /// The first that matches at the leftmost start wins.
    pub patterns: &'static [&'static str],
    /// Whether the linter needs where it matches, or only whether: a reverse DFA finds where
    /// matches start, and is much larger than the forward one for the line patterns.
    #[allow(dead_code)] // read by build.rs only
    pub spans: bool,
}

/// A regex whose matches are searched for.
const fn spans(name: &'static str, patterns: &'static [&'static str]) -> Fixed {
    Fixed {
        name,
        patterns,
        spans: true,
    }
}

/// A regex that only tests whether a line matches.
const fn test(name: &'static str, pattern: &'static [&'static str]) -> Fixed {
    Fixed {
        name,
        patterns: pattern,
        spans: false,
    }
}

/// Every regex embedded.
pub const ALL: [Fixed; 12] = [
    spans("MASK_COMMENTS", &[MASK_COMMENTS]),
    spans("MASK_VARIABLES", &[MASK_VARIABLES]),
    spans("MASK_URLS", &[MASK_URLS]),
    spans("MASK_EMAILS", &[MASK_EMAILS]),
    spans("MASK_CODE", &[MASK_CODE]),
    spans("FENCED", &[FENCED]),
    test("HISTORY_START", &[HISTORY_START]),
    test("ATTRIBUTION_END", &[ATTRIBUTION_END]),
    test("SIGN_OFF", &[SIGN_OFF]),
    test("GREETING", &[GREETING]),
    spans("WORD", &[WORD]),
    spans("DATES", &DATES),
];
