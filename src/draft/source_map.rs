//! Maps offsets in a draft's lintable text back to `line:column` in what the user can open.
//!
//! The lintable text is built from pieces of a source (the file itself, or a decoded MIME body):
//! every piece records where it came from, so a decoded quoted-printable word or a tag-stripped
//! HTML word is reported where it stands in the file.

use std::ops::Range;

use serde::Serialize;

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// What reported positions count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Lines and columns of the file on disk.
    File,
    /// Lines and columns of the decoded message body (base64 or charset-converted parts), which
    /// have no character-for-character counterpart in the file.
    DecodedBody,
}

/// Text offset -> source offset, piecewise linear, optionally followed by a further map (an HTML
/// part's text maps to the decoded HTML, which maps to the file).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// `(text_offset, source_offset)` at the start of each piece, sorted by text offset.
    pieces: Vec<(usize, usize)>,
    then: Option<Box<SourceMap>>,
    /// Text from here on maps straight into the source, past any `then` (the Subject line
    /// appended after an HTML body points into the file, not into the HTML).
    tail: Option<(usize, usize)>,
}

impl SourceMap {
    /// A map where text and source are the same string.
    pub fn identity() -> Self {
        SourceMap {
            pieces: vec![(0, 0)],
            then: None,
            tail: None,
        }
    }

    /// This map followed by `next`, which maps this map's sources onward.
    pub fn then(mut self, next: SourceMap) -> SourceMap {
        self.then = Some(Box::new(match self.then.take() {
            Some(middle) => middle.then(next),
            None => next,
        }));
        self
    }

    /// Records that text from `text_offset` on continues linearly from `source_offset`.
    pub fn push(&mut self, text_offset: usize, source_offset: usize) {
        if let Some(last) = self.pieces.last_mut() {
            if last.0 == text_offset {
                last.1 = source_offset;
                return;
            }
            if source_offset >= last.1 && source_offset - last.1 == text_offset - last.0 {
                return; // continues the current piece
            }
        }
        self.pieces.push((text_offset, source_offset));
    }

    /// Maps text from `text_offset` on linearly to `source_offset`, bypassing the chain.
    pub fn set_tail(&mut self, text_offset: usize, source_offset: usize) {
        self.tail = Some((text_offset, source_offset));
    }

    pub fn to_source(&self, text_offset: usize) -> usize {
        if let Some((text, source)) = self.tail.filter(|(t, _)| text_offset >= *t) {
            return source + (text_offset - text);
        }
        let i = self.pieces.partition_point(|&(t, _)| t <= text_offset);
        let source = match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((t, s)) => s + (text_offset - t),
            None => text_offset,
        };
        match &self.then {
            Some(next) => next.to_source(source),
            None => source,
        }
    }
}

/// Line starts of a source, to turn byte offsets into line and character columns. Works on raw
/// bytes so that invalid UTF-8 earlier in a file does not shift later positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &[u8]) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', source).map(|i| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The position of `offset` in `source` (the bytes this index was built on).
    pub fn position(&self, source: &[u8], offset: usize) -> Position {
        let offset = offset.min(source.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = count_chars(&source[self.starts[line]..offset]) + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// Characters `columns` (1-based, end exclusive) of 1-based `line`, without its line
    /// terminator, each invalid UTF-8 sequence as one U+FFFD (as columns count them). Only these
    /// characters are copied, however long the line.
    pub fn line_excerpt(&self, source: &[u8], line: usize, columns: Range<usize>) -> String {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return String::new();
        };
        let end = self.starts.get(line).map_or(source.len(), |&next| next - 1);
        let bytes = &source[start..end];
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        bytes
            .utf8_chunks()
            .flat_map(|chunk| {
                let invalid = !chunk.invalid().is_empty();
                chunk
                    .valid()
                    .chars()
                    .chain(invalid.then_some(char::REPLACEMENT_CHARACTER))
            })
            .skip(columns.start.saturating_sub(1))
            .take(columns.len())
            .collect()
    }
}

/// Characters as a reader counts them: each invalid byte sequence counts as one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .map(|c| c.valid().chars().count() + usize::from(!c.invalid().is_empty()))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_map_round_trips() {
        let map = SourceMap::identity();
        assert_eq!(map.to_source(0), 0);
        assert_eq!(map.to_source(17), 17);
    }

    #[test]
    fn invalid_utf8_counts_as_one_column() {
        let src = b"ab\xffcd";
        let index = LineIndex::new(src);
        assert_eq!(index.position(src, 3).column, 4);
        assert_eq!(index.line_excerpt(src, 1, 1..usize::MAX), "ab\u{fffd}cd");
        assert_eq!(index.line_excerpt(src, 1, 3..5), "\u{fffd}c");
    }

    #[test]
    fn chained_maps_compose() {
        let mut outer = SourceMap::default();
        outer.push(0, 100);
        let mut inner = SourceMap::default();
        inner.push(0, 0);
        inner.push(105, 200);
        let map = outer.then(inner);
        assert_eq!(map.to_source(2), 102);
        assert_eq!(map.to_source(6), 201);
    }

    #[test]
    fn pieces_map_linearly_and_merge() {
        let mut map = SourceMap::default();
        map.push(0, 10);
        map.push(5, 15); // continues the first piece
        map.push(8, 30);
        assert_eq!(map.pieces.len(), 2);
        assert_eq!(map.to_source(3), 13);
        assert_eq!(map.to_source(7), 17);
        assert_eq!(map.to_source(9), 31);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let src = "first\r\nzwölf äpfel here\nlast".as_bytes();
        let index = LineIndex::new(src);
        let at = 7 + "zwölf äpfel ".len();
        assert_eq!(
            index.position(src, at),
            Position {
                line: 2,
                column: 13
            }
        );
        assert_eq!(index.position(src, 0), Position { line: 1, column: 1 });
        assert_eq!(index.line_excerpt(src, 1, 1..usize::MAX), "first");
        assert_eq!(index.line_excerpt(src, 2, 3..8), "ölf ä");
        assert_eq!(index.line_excerpt(src, 3, 1..usize::MAX), "last");
        // Past the end clamps to the end rather than panicking.
        assert_eq!(index.position(src, 999).line, 3);
    }
}
