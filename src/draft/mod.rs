//! Parsing an input into a [`Draft`]: its headers, the lintable text with its line map, and the
//! zones (greeting, author text, quoted history, sign-off, signature) the lints rely on.

mod dates;
mod eml;
mod html;
mod mask;
mod source_map;
mod zones;

use std::ops::Range;

use chrono::{DateTime, FixedOffset};

pub use dates::{LooseDate, parse_english_date};
pub use source_map::{LineIndex, Origin, Position, SourceMap};
pub use zones::Zone;

/// Compiles the patterns that parsing a draft needs, ahead of the first draft (see
/// `Linter::configured`).
pub(crate) fn compile_patterns() {
    mask::compile_patterns();
    zones::compile_patterns();
}

/// How an input's bytes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// An RFC 5322 message (`.eml`, or an extensionless file that starts with headers).
    Eml,
    /// A plain-text template.
    Text,
    /// A Markdown template: code spans and fenced blocks are never linted.
    Markdown,
    /// An HTML template: tags are stripped, `blockquote` content is quoted history.
    Html,
}

impl InputKind {
    /// The kind for a file name's extension, if it is one draftlint reads.
    pub fn from_extension(ext: &str) -> Option<InputKind> {
        match ext.to_ascii_lowercase().as_str() {
            "eml" => Some(InputKind::Eml),
            "txt" | "text" => Some(InputKind::Text),
            "md" | "markdown" => Some(InputKind::Markdown),
            "html" | "htm" => Some(InputKind::Html),
            _ => None,
        }
    }

    /// Whether `bytes` look like an e-mail: header lines first (an mbox `From ` line may lead).
    pub fn looks_like_email(bytes: &[u8]) -> bool {
        eml::looks_like_email(bytes)
    }
}

/// Why an input could not be read as a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftError(pub String);

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DraftError {}

/// The lintable text of an input and where each of its bytes came from.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    /// Plain text: HTML already converted, quoted HTML marked with `> `.
    pub text: String,
    /// `text` offsets -> offsets in `source`.
    pub map: SourceMap,
    pub origin: Origin,
    /// The bytes positions are counted in: the file, or the decoded body.
    pub source: Vec<u8>,
    /// Byte sequences invalid in the input's encoding were replaced by U+FFFD.
    pub lossy: bool,
}

/// Header facts the lints use.
#[derive(Debug, Clone, Default)]
pub struct Headers {
    pub date: Option<DateTime<FixedOffset>>,
    pub subject: Option<String>,
    /// Where the Subject header's value stands in the file.
    pub subject_source: Option<Range<usize>>,
    /// Lint ids named by `X-Draftlint-Disable:` headers (suppressed for the whole draft).
    pub disable: Vec<String>,
}

/// One line of the lintable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte range in [`Draft::text`], without the line terminator.
    pub range: Range<usize>,
    pub zone: Zone,
}

/// A parsed draft, ready for the lints.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: InputKind,
    pub headers: Headers,
    /// The lintable text with placeholders, URLs, e-mail addresses and code masked by spaces
    /// (same byte length, so offsets stay valid).
    pub text: String,
    pub lines: Vec<Line>,
    /// The date of the message this draft answers, read from the quoted history.
    pub replied_to_date: Option<DateTime<FixedOffset>>,
    map: SourceMap,
    origin: Origin,
    source: Vec<u8>,
    lossy: bool,
    index: LineIndex,
}

impl Draft {
    /// Parses `bytes` as `kind`.
    pub fn parse(bytes: &[u8], kind: InputKind) -> Result<Draft, DraftError> {
        let (body, headers) = match kind {
            InputKind::Eml => {
                let message = eml::parse(bytes)?;
                (message.body, message.headers)
            }
            InputKind::Text | InputKind::Markdown => {
                (template_body(bytes, |t| (t, None)), Headers::default())
            }
            InputKind::Html => (
                template_body(bytes, |t| {
                    let (text, map) = html::to_text(&t);
                    (text, Some(map))
                }),
                Headers::default(),
            ),
        };
        Ok(Draft::from_body(body, headers, kind))
    }

    /// A draft from text embedded in another file (a macro's reply in a JSON export): `map`
    /// takes `text` offsets to offsets in `source`, the bytes positions are counted in.
    pub fn embedded(text: &str, map: SourceMap, source: &[u8], kind: InputKind) -> Draft {
        let (text, map) = match kind {
            InputKind::Html => {
                let (converted, html_map) = html::to_text(text);
                (converted, html_map.then(map))
            }
            _ => (text.to_string(), map),
        };
        let body = Body {
            text,
            map,
            origin: Origin::File,
            source: source.to_vec(),
            // Text out of a parsed JSON or YAML document is valid UTF-8.
            lossy: false,
        };
        Draft::from_body(body, Headers::default(), kind)
    }

    fn from_body(body: Body, headers: Headers, kind: InputKind) -> Draft {
        let mut text = mask::mask(&body.text, kind == InputKind::Markdown);
        let mut zoned = zones::split(&text);
        let mut map = body.map;
        // The subject, as one more line after the body, for lints scoped to it. Only where
        // positions count in the file: a decoded body has no place for a header.
        let located = headers
            .subject
            .as_ref()
            .zip(headers.subject_source.as_ref());
        if let (Some((subject, at)), Origin::File) = (located, body.origin) {
            text.push('\n');
            let start = text.len();
            text.push_str(&mask::mask(subject, false));
            map.set_tail(start, at.start);
            zoned.lines.push(Line {
                range: start..text.len(),
                zone: Zone::Subject,
            });
        }
        // A history date without an offset is read in the draft's own offset.
        let offset = headers
            .date
            .map_or(chrono::FixedOffset::east_opt(0).unwrap(), |d| *d.offset());
        Draft {
            kind,
            replied_to_date: zoned.replied_to.and_then(|d| d.resolve(offset)),
            headers,
            lines: zoned.lines,
            text,
            index: LineIndex::new(&body.source),
            map,
            origin: body.origin,
            source: body.source,
            lossy: body.lossy,
        }
    }

    /// What reported positions count in.
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// Whether invalid byte sequences were replaced by U+FFFD (shown as such, one column each).
    pub fn lossy(&self) -> bool {
        self.lossy
    }

    /// The file (or decoded-body) position of a text offset.
    pub fn position(&self, text_offset: usize) -> Position {
        self.index
            .position(&self.source, self.map.to_source(text_offset))
    }

    /// The exclusive end of a span: one past its last character. (Mapping `span.end` itself
    /// would land after whatever follows in the source: a closing HTML tag, a QP escape.)
    pub fn end_position(&self, span: Range<usize>) -> Position {
        let Some(last) = self.text[span.clone()].char_indices().next_back() else {
            return self.position(span.start);
        };
        let at = self.position(span.start + last.0);
        Position {
            line: at.line,
            column: at.column + 1,
        }
    }

    /// Characters `columns` of a source line, as the user sees them.
    pub fn source_excerpt(&self, line: usize, columns: Range<usize>) -> String {
        self.index.line_excerpt(&self.source, line, columns)
    }

    /// The matched text with up to `words` words either side on its own line(s), white space
    /// squeezed: what a finding is about, whatever line it stands on or what other lines say.
    pub fn context(&self, span: Range<usize>, words: usize) -> String {
        let line_start = self.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[span.end..]
            .find('\n')
            .map_or(self.text.len(), |i| span.end + i);
        let mut start = span.start;
        for _ in 0..words {
            let before = self.text[line_start..start].trim_end();
            // Past the whole white-space character: some take two bytes (U+0085, found by fuzzing).
            let after_space = before.char_indices().rev().find(|(_, c)| c.is_whitespace());
            start = line_start + after_space.map_or(0, |(i, c)| i + c.len_utf8());
        }
        let mut end = span.end;
        for _ in 0..words {
            let after = &self.text[end..line_end];
            let lead = after.len() - after.trim_start().len();
            end += lead
                + after[lead..]
                    .find(char::is_whitespace)
                    .unwrap_or(after.len() - lead);
        }
        self.text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The text of a line.
    pub fn line_text(&self, line: &Line) -> &str {
        &self.text[line.range.clone()]
    }

    /// Paragraphs of author text: runs of consecutive non-blank author lines, as byte ranges
    /// of [`Draft::text`] (from the first line's start to the last line's end).
    pub fn author_paragraphs(&self) -> Vec<Range<usize>> {
        let mut paragraphs = Vec::new();
        let mut current: Option<Range<usize>> = None;
        for line in &self.lines {
            let is_text = line.zone == Zone::Author && !self.line_text(line).trim().is_empty();
            match (&mut current, is_text) {
                (Some(range), true) => range.end = line.range.end,
                (None, true) => current = Some(line.range.clone()),
                (Some(_), false) => paragraphs.extend(current.take()),
                (None, false) => {}
            }
        }
        paragraphs.extend(current);
        paragraphs
    }
}

/// A template's bytes as text (invalid UTF-8 replaced, a BOM skipped), optionally converted
/// (HTML to text) with a map back to the template's own offsets.
fn template_body(
    bytes: &[u8],
    convert: impl FnOnce(String) -> (String, Option<SourceMap>),
) -> Body {
    // UTF-16 (Windows tools write it with a BOM): decoded, positions in the decoded text, as
    // for a legacy charset, since its columns are not those of a UTF-8 view of the file.
    if let Some((encoding, _)) =
        encoding_rs::Encoding::for_bom(bytes).filter(|(e, _)| *e != encoding_rs::UTF_8)
    {
        let (decoded, lossy) = encoding.decode_with_bom_removal(bytes);
        let decoded = decoded.replace("\r\n", "\n").replace('\r', "\n");
        let (text, converted) = convert(decoded.clone());
        return Body {
            text,
            map: converted.unwrap_or_else(SourceMap::identity),
            origin: Origin::DecodedBody,
            source: decoded.into_bytes(),
            lossy,
        };
    }
    // A lone CR ends a line too (old Mac files): as LF, in the text and the source alike, so
    // lines count the same in both and nothing shifts.
    let source = lone_cr_as_lf(bytes);
    let bytes = &source[..];
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let (decoded, utf8_map, lossy) = decode_utf8_mapped(&bytes[bom..], bom);
    let (text, converted) = convert(decoded);
    let map = match converted {
        Some(inner) => inner.then(utf8_map),
        None => utf8_map,
    };
    Body {
        text,
        map,
        origin: Origin::File,
        source: source.into_owned(),
        lossy,
    }
}

/// `bytes` with each CR that is not followed by LF replaced by LF (same length).
fn lone_cr_as_lf(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut out = bytes.to_vec();
    for (i, b) in out.iter_mut().enumerate() {
        if *b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            *b = b'\n';
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `bytes` look binary, as ripgrep decides: a NUL byte in the first 8 KB, unless a
/// UTF-16 byte-order mark says it is text (UTF-16 is full of NUL bytes).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    !utf16 && memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// `bytes` as a string with invalid sequences replaced, a map from the string's offsets to
/// `base + ` the byte offsets they came from, and whether any sequence was replaced.
pub(crate) fn decode_utf8_mapped(bytes: &[u8], base: usize) -> (String, SourceMap, bool) {
    let mut text = String::with_capacity(bytes.len());
    let mut map = SourceMap::default();
    let mut at = base;
    let mut lossy = false;
    for chunk in bytes.utf8_chunks() {
        map.push(text.len(), at);
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            lossy = true;
            map.push(text.len(), at);
            text.push(char::REPLACEMENT_CHARACTER);
            at += chunk.invalid().len();
        }
    }
    if text.is_empty() {
        map.push(0, base);
    }
    (text, map, lossy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_map_skips_invalid_bytes() {
        let (text, map, lossy) = decode_utf8_mapped(b"ab\xff\xfecd", 0);
        assert_eq!(text, "ab\u{fffd}\u{fffd}cd");
        assert!(lossy);
        assert!(!decode_utf8_mapped("café".as_bytes(), 0).2);
        let c = text.find('c').unwrap();
        assert_eq!(map.to_source(c), 4);
    }

    #[test]
    fn context_is_the_match_and_its_neighbours_on_the_line() {
        let text = "First line here.\nWe will circle back with  you soon today.\nLast.\n";
        let draft = Draft::parse(text.as_bytes(), InputKind::Text).unwrap();
        let at = draft.text.find("circle back").unwrap();
        assert_eq!(
            draft.context(at..at + 11, 2),
            "We will circle back with you"
        );
        let at = draft.text.find("today").unwrap();
        assert_eq!(draft.context(at..at + 5, 3), "with you soon today.");
        assert_eq!(draft.context(0..5, 9), "First line here.");
        // Multi-byte white space (NEL) between words.
        let draft = Draft::parse("one\u{85}two circle".as_bytes(), InputKind::Text).unwrap();
        let at = draft.text.find("circle").unwrap();
        assert_eq!(
            draft.context(at..at + 6, 3),
            "one\u{85}two circle"
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }

    #[test]
    fn utf16_templates_are_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Hi,\r\nWe will circle back.\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let draft = Draft::parse(&bytes, InputKind::Text).unwrap();
        let at = draft.text.find("circle").unwrap();
        assert_eq!(draft.position(at), Position { line: 2, column: 9 });
        assert_eq!(draft.origin(), Origin::DecodedBody);
    }

    #[test]
    fn lone_cr_ends_lines_like_lf_and_crlf() {
        let draft =
            Draft::parse(b"One.\rTwo.\r\nThree circle back.\nFour.", InputKind::Text).unwrap();
        let at = draft.text.find("circle").unwrap();
        assert_eq!(draft.position(at), Position { line: 3, column: 7 });
        assert_eq!(draft.lines.len(), 4);
    }

    #[test]
    fn template_positions_are_file_positions() {
        let draft = Draft::parse(
            "\u{feff}Hi there,\n\nWe will circle back.\n".as_bytes(),
            InputKind::Text,
        )
        .unwrap();
        let at = draft.text.find("circle").unwrap();
        assert_eq!(draft.position(at), Position { line: 3, column: 9 });
    }
}
