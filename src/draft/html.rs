//! HTML to lintable text, with a map back to the HTML's offsets.
//!
//! A small hand-written scanner: html2text-style crates drop source positions. html5tokenizer
//! 0.5.2 (a spec tokenizer with spans) was tried in its place and gave identical output on the
//! corpus, but its character spans are off after a stray `<` and inside raw text, which needed a
//! correcting shim as long as the scanner it replaced, and it carries a future-incompatibility
//! warning from rustc; revisit when a span-accurate, maintained tokenizer exists.

use std::collections::HashMap;

use super::SourceMap;

/// Converts HTML to plain text; quoted history (`blockquote`, `gmail_quote`) comes out as
/// `> `-prefixed lines. The map takes text offsets to offsets in `html`.
pub(crate) fn to_text(html: &str) -> (String, SourceMap) {
    let mut converter = Converter {
        html,
        pos: 0,
        out: Writer::default(),
        stack: Vec::new(),
        open: HashMap::new(),
        blockquotes: 0,
        quote_containers: 0,
        hidden: 0,
        pre: 0,
        after_reply_header: false,
    };
    converter.run();
    converter.out.finish()
}

/// Elements that never have content, so they are never on the open-element stack.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text that is never shown as body text.
const RAW_TEXT: &[&str] = &["script", "style", "title"];

/// Blocks separated from their surroundings by a blank line, as browsers' margins render them.
const PARAGRAPH_BLOCKS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "pre",
];

/// Blocks that start and end a line.
const LINE_BLOCKS: &[&str] = &[
    "div",
    "li",
    "tr",
    "hr",
    "blockquote",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "address",
    "center",
    "figure",
    "form",
    "fieldset",
    "caption",
];

/// Class names of the elements mail clients wrap quoted history (and its attribution) in.
const QUOTE_CLASSES: &[&str] = &["gmail_quote", "moz-cite-prefix", "yahoo_quoted"];

/// Deeper quotes keep this many `> `, so thousands of nested blockquotes cannot blow up the
/// text.
const MAX_QUOTE_DEPTH: usize = 16;

/// Outlook ids after which everything is the quoted message.
const REPLY_HEADER_IDS: &[&str] = &["divRplyFwdMsg", "appendonsend"];

struct OpenElement {
    name: String,
    blockquote: bool,
    quote_container: bool,
    hidden: bool,
    pre: bool,
}

struct Converter<'a> {
    html: &'a str,
    pos: usize,
    out: Writer,
    stack: Vec<OpenElement>,
    /// How many elements of each name are on `stack`, so a stray end tag is rejected without
    /// searching the stack (keeps the scan linear).
    open: HashMap<String, usize>,
    blockquotes: usize,
    quote_containers: usize,
    /// Open `head` elements: their text is not body text.
    hidden: usize,
    pre: usize,
    after_reply_header: bool,
}

struct Tag<'a> {
    name: String,
    end_tag: bool,
    self_closing: bool,
    class: Option<&'a str>,
    id: Option<&'a str>,
    /// Offset just past the tag's `>`.
    end: usize,
}

impl<'a> Converter<'a> {
    fn run(&mut self) {
        let bytes = self.html.as_bytes();
        while self.pos < bytes.len() {
            let Some(found) = memchr::memchr2(b'<', b'&', &bytes[self.pos..]) else {
                self.text(self.pos, bytes.len());
                break;
            };
            let at = self.pos + found;
            self.text(self.pos, at);
            self.pos = at;
            if bytes[at] == b'&' {
                self.entity(at);
            } else {
                self.markup(at);
            }
        }
    }

    fn depth(&self) -> usize {
        self.blockquotes
            .max(usize::from(
                self.quote_containers > 0 || self.after_reply_header,
            ))
            .min(MAX_QUOTE_DEPTH)
    }

    /// Plain text between markup, `html[start..end]`.
    fn text(&mut self, start: usize, end: usize) {
        if self.hidden > 0 {
            return;
        }
        let depth = self.depth();
        for (i, ch) in self.html[start..end].char_indices() {
            self.char(ch, start + i, depth);
        }
    }

    fn char(&mut self, ch: char, src: usize, depth: usize) {
        match ch {
            '\n' if self.pre > 0 => self.out.hard_newline(src, depth),
            '\r' if self.pre > 0 => {}
            ' ' | '\t' | '\n' | '\r' | '\x0C' if self.pre == 0 => self.out.space(src),
            _ => self.out.text(ch, src, depth),
        }
    }

    /// A character reference at `at`: decoded text all maps to its `&`.
    fn entity(&mut self, at: usize) {
        let bytes = self.html.as_bytes();
        let name_len = bytes[at + 1..]
            .iter()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
            .count();
        let semicolon = at + 1 + name_len;
        if name_len > 0 && bytes.get(semicolon) == Some(&b';') {
            let reference = &self.html[at..=semicolon];
            let decoded = html_escape::decode_html_entities(reference);
            if decoded != reference {
                if self.hidden == 0 {
                    let depth = self.depth();
                    for ch in decoded.chars() {
                        // A no-break space separates words but does not collapse.
                        let ch = if ch == '\u{a0}' { ' ' } else { ch };
                        if ch == ' ' {
                            self.out.text(ch, at, depth);
                        } else {
                            self.char(ch, at, depth);
                        }
                    }
                }
                self.pos = semicolon + 1;
                return;
            }
        }
        self.text(at, at + 1);
        self.pos = at + 1;
    }

    /// Markup (or a literal `<`) at `at`.
    fn markup(&mut self, at: usize) {
        let rest = &self.html[at..];
        let next = rest.as_bytes().get(1).copied();
        if let Some(comment) = rest.strip_prefix("<!--") {
            self.pos = comment
                .find("-->")
                .map_or(self.html.len(), |i| at + 4 + i + 3);
        } else if matches!(next, Some(b'!' | b'?')) {
            self.pos =
                memchr::memchr(b'>', rest.as_bytes()).map_or(self.html.len(), |i| at + i + 1);
        } else if !starts_tag(rest.as_bytes()) {
            // "a < b"
            self.text(at, at + 1);
            self.pos = at + 1;
        } else if let Some(tag) = parse_tag(self.html, at) {
            self.pos = tag.end;
            if tag.end_tag {
                self.end_tag(&tag.name, at);
            } else {
                self.start_tag(&tag, at);
            }
        } else {
            // A tag without a `>` runs to the end: keep that as text ("if a<b then") rather than
            // rescanning to the end from every later `<`.
            self.text(at, self.html.len());
            self.pos = self.html.len();
        }
    }

    fn start_tag(&mut self, tag: &Tag<'_>, at: usize) {
        let name = tag.name.as_str();
        if name == "body" && self.open.get("head").is_some_and(|&n| n > 0) {
            self.end_tag("head", at);
        }
        if tag
            .id
            .is_some_and(|id| REPLY_HEADER_IDS.iter().any(|r| id.eq_ignore_ascii_case(r)))
        {
            self.after_reply_header = true;
        }
        self.block_boundary(name);
        if RAW_TEXT.contains(&name) && !tag.self_closing {
            self.pos = skip_raw_text(self.html, self.pos, name);
            return;
        }
        if VOID.contains(&name) || tag.self_closing {
            if name == "br" {
                self.out.hard_newline(at, self.depth());
            }
            return;
        }
        if matches!(name, "td" | "th") {
            self.out.space(at);
        }
        let quote_container = tag.class.is_some_and(|class| {
            class
                .split_ascii_whitespace()
                .any(|c| QUOTE_CLASSES.iter().any(|q| c.contains(q)))
        });
        let element = OpenElement {
            name: tag.name.clone(),
            blockquote: name == "blockquote",
            quote_container,
            hidden: name == "head",
            pre: name == "pre",
        };
        self.count(&element, 1);
        *self.open.entry(tag.name.clone()).or_default() += 1;
        self.stack.push(element);
    }

    fn end_tag(&mut self, name: &str, at: usize) {
        self.block_boundary(name);
        if name == "br" {
            self.out.hard_newline(at, self.depth());
            return;
        }
        if self.open.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        // Elements left open inside this one (an unclosed `<p>`) close with it.
        while let Some(element) = self.stack.pop() {
            self.count(&element, -1);
            if let Some(n) = self.open.get_mut(&element.name) {
                *n -= 1;
            }
            if element.name == name {
                break;
            }
        }
    }

    fn count(&mut self, element: &OpenElement, delta: isize) {
        let apply = |counter: &mut usize, on: bool| {
            if on {
                *counter = counter.saturating_add_signed(delta);
            }
        };
        apply(&mut self.blockquotes, element.blockquote);
        apply(&mut self.quote_containers, element.quote_container);
        apply(&mut self.hidden, element.hidden);
        apply(&mut self.pre, element.pre);
    }

    fn block_boundary(&mut self, name: &str) {
        if PARAGRAPH_BLOCKS.contains(&name) {
            self.out.block(2);
        } else if LINE_BLOCKS.contains(&name) {
            self.out.block(1);
        }
    }
}

/// Whether `rest` (starting with `<`) opens a start or end tag.
fn starts_tag(rest: &[u8]) -> bool {
    let name = rest.get(1..).unwrap_or_default();
    let name = name.strip_prefix(b"/").unwrap_or(name);
    name.first().is_some_and(u8::is_ascii_alphabetic)
}

/// The tag starting at `html[at]`, which [`starts_tag`]; `None` when it has no `>`.
fn parse_tag(html: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let end_tag = bytes.get(at + 1) == Some(&b'/');
    let name_start = at + 1 + usize::from(end_tag);
    let mut i = name_start;
    while i < bytes.len() && !is_tag_delimiter(bytes[i]) {
        i += 1;
    }
    let mut tag = Tag {
        name: html[name_start..i].to_ascii_lowercase(),
        end_tag,
        self_closing: false,
        class: None,
        id: None,
        end: 0,
    };
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            tag.self_closing = bytes[i] == b'/';
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                tag.end = i + 1;
                return Some(tag);
            }
            _ => tag.self_closing = false,
        }
        let attr_start = i;
        i += 1; // a leading `=` belongs to the name
        while i < bytes.len() && !is_tag_delimiter(bytes[i]) && bytes[i] != b'=' {
            i += 1;
        }
        let attr = &html[attr_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i)? {
            &quote @ (b'"' | b'\'') => {
                let close = i + 1 + memchr::memchr(quote, &bytes[i + 1..])?;
                let value = &html[i + 1..close];
                i = close + 1;
                value
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                &html[start..i]
            }
        };
        if attr.eq_ignore_ascii_case("class") {
            tag.class = Some(value);
        } else if attr.eq_ignore_ascii_case("id") {
            tag.id = Some(value);
        }
    }
}

fn is_tag_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'/' || b == b'>'
}

/// The offset just past `</name ...>` at or after `from`, or the end of `html`.
fn skip_raw_text(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + found;
        let candidate = &bytes[at + 1..];
        if candidate.first() == Some(&b'/')
            && candidate.len() > name.len()
            && candidate[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return memchr::memchr(b'>', &bytes[at..]).map_or(html.len(), |j| at + j + 1);
        }
        i = at + 1;
    }
    html.len()
}

/// Builds the text line by line: block boundaries become line breaks only when more text follows,
/// whitespace collapses to one space, and quoted lines get their `> ` prefix.
#[derive(Default)]
struct Writer {
    text: String,
    map: SourceMap,
    /// Newlines at the end of `text`; 0 while the current line has content.
    trailing_newlines: usize,
    /// Newlines the next text needs before it (block boundaries seen since the last text).
    pending_breaks: usize,
    /// Where the collapsed whitespace before the next text started.
    pending_space: Option<usize>,
    /// Quote depth of the current (or last) line.
    line_depth: usize,
}

impl Writer {
    fn at_line_start(&self) -> bool {
        self.text.is_empty() || self.trailing_newlines > 0
    }

    fn block(&mut self, breaks: usize) {
        self.pending_breaks = self.pending_breaks.max(breaks);
        self.pending_space = None;
    }

    fn space(&mut self, src: usize) {
        if !self.at_line_start() && self.pending_breaks == 0 && self.pending_space.is_none() {
            self.pending_space = Some(src);
        }
    }

    fn push(&mut self, s: &str, src: usize) {
        self.map.push(self.text.len(), src);
        self.text.push_str(s);
    }

    /// Ends the current line; an empty line inside a quote still gets its `>`.
    fn newline(&mut self, blank_depth: usize, src: usize) {
        if self.at_line_start() && blank_depth > 0 {
            let prefix = "> ".repeat(blank_depth);
            self.push(prefix.trim_end(), src);
        }
        self.push("\n", src);
        self.trailing_newlines += 1;
        self.pending_space = None;
    }

    fn flush_breaks(&mut self, depth: usize, src: usize) {
        if !self.text.is_empty() {
            if !self.at_line_start() && depth != self.line_depth {
                self.pending_breaks = self.pending_breaks.max(1);
            }
            let blank_depth = depth.min(self.line_depth);
            while self.trailing_newlines < self.pending_breaks {
                self.newline(blank_depth, src);
            }
        }
        self.pending_breaks = 0;
    }

    /// A `<br>` (or a newline in `<pre>`): always ends a line, even an empty one.
    fn hard_newline(&mut self, src: usize, depth: usize) {
        self.flush_breaks(depth, src);
        if self.at_line_start() {
            self.line_depth = depth;
        }
        self.newline(depth, src);
    }

    fn text(&mut self, ch: char, src: usize, depth: usize) {
        self.flush_breaks(depth, src);
        if self.at_line_start() {
            self.push(&"> ".repeat(depth), src);
            self.line_depth = depth;
            self.pending_space = None;
        } else if let Some(space) = self.pending_space.take() {
            self.push(" ", space);
        }
        let mut buf = [0; 4];
        self.push(ch.encode_utf8(&mut buf), src);
        self.trailing_newlines = 0;
    }

    fn finish(mut self) -> (String, SourceMap) {
        if self.text.is_empty() {
            self.map.push(0, 0);
        }
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source_of<'a>(html: &'a str, text: &str, map: &SourceMap, needle: &str) -> &'a str {
        let at = text.find(needle).expect("needle in text");
        &html[map.to_source(at)..]
    }

    #[test]
    fn paragraphs_are_separated_by_a_blank_line() {
        let (text, _) = to_text("<p>First para\ngoes on.</p>\n<p>Second.</p>");
        assert_eq!(text, "First para goes on.\n\nSecond.");
    }

    #[test]
    fn br_and_gmail_divs_make_lines() {
        let (text, _) = to_text("<div>Hi Bob,</div><div><br></div><div>Thanks<br>again</div>");
        assert_eq!(text, "Hi Bob,\n\nThanks\nagain");
    }

    #[test]
    fn entities_decode_and_map_to_their_ampersand() {
        let html = "<p>Tom &amp; Jerry&#39;s caf&eacute; rocks</p>";
        let (text, map) = to_text(html);
        assert_eq!(text, "Tom & Jerry's café rocks");
        assert!(source_of(html, &text, &map, "&").starts_with("&amp;"));
        assert!(source_of(html, &text, &map, "é").starts_with("&eacute;"));
        assert!(source_of(html, &text, &map, "rocks").starts_with("rocks</p>"));
    }

    #[test]
    fn words_map_to_their_html_offsets() {
        let html =
            "<html><body>\n  <div class=\"x\">Hello   <b>wörld</b>,\n   we will\tcircle back</div>";
        let (text, map) = to_text(html);
        assert_eq!(text, "Hello wörld, we will circle back");
        for word in ["Hello", "wörld", "we", "circle", "back"] {
            assert!(
                source_of(html, &text, &map, word).starts_with(word),
                "{word}"
            );
        }
        let space = text.find(" circle").unwrap();
        assert_eq!(&html[map.to_source(space)..map.to_source(space) + 1], "\t");
    }

    #[test]
    fn blockquotes_become_quoted_lines() {
        let html = "<p>My answer.</p><blockquote>They said<br>this\
                    <blockquote>and earlier that</blockquote></blockquote><p>After.</p>";
        let (text, map) = to_text(html);
        assert_eq!(
            text,
            "My answer.\n\n> They said\n> this\n> > and earlier that\n\nAfter."
        );
        assert!(source_of(html, &text, &map, "earlier").starts_with("earlier that"));
    }

    #[test]
    fn gmail_quote_is_quoted_history() {
        let html = "<div dir=\"ltr\">Thanks, fixed.</div><br><div class=\"gmail_quote\">\
                    <div dir=\"ltr\" class=\"gmail_attr\">On Mon, Jan 6, 2025 at 9:00 AM Ann \
                    &lt;ann@example.com&gt; wrote:<br></div>\
                    <blockquote class=\"gmail_quote\" style=\"margin:0\">It is broken.</blockquote></div>";
        let (text, _) = to_text(html);
        assert_eq!(
            text,
            "Thanks, fixed.\n\n> On Mon, Jan 6, 2025 at 9:00 AM Ann <ann@example.com> wrote:\n\
             > It is broken."
        );
    }

    #[test]
    fn thunderbird_and_outlook_quotes() {
        let thunderbird = "<p>Sure.</p><div class=\"moz-cite-prefix\">On 1/2/25 Ann wrote:<br></div>\
                           <blockquote type=\"cite\">Hello?</blockquote>";
        assert_eq!(
            to_text(thunderbird).0,
            "Sure.\n\n> On 1/2/25 Ann wrote:\n> Hello?"
        );
        let outlook = "<div>Done.</div><div id=\"appendonsend\"></div><hr>\
                       <div id=\"divRplyFwdMsg\"><b>From:</b> Ann</div><div>Old text</div>";
        assert_eq!(to_text(outlook).0, "Done.\n> From: Ann\n> Old text");
    }

    #[test]
    fn scripts_styles_head_and_comments_are_dropped() {
        let html = "<HTML><HEAD><TITLE>Ticket</TITLE><STYLE>p { color: red }</STYLE></HEAD>\
                    <BODY><script>if (a < b) { x = \"</p>\"; }</script><!-- hidden <p>x</p> -->\
                    <P>Visible</P></BODY></HTML>";
        assert_eq!(to_text(html).0, "Visible");
    }

    #[test]
    fn placeholders_pass_through() {
        let html = "<p>Hi {{ticket.requester.first_name}},</p><p>{% if agent %}Bye{% endif %}</p>\
                    <a href=\"{{url}}\">link</a>";
        assert_eq!(
            to_text(html).0,
            "Hi {{ticket.requester.first_name}},\n\n{% if agent %}Bye{% endif %}\n\nlink"
        );
    }

    #[test]
    fn malformed_html_does_not_panic() {
        assert_eq!(to_text("a < b and c<d").0, "a < b and c<d");
        assert_eq!(
            to_text("<a title=\"x > y\">ok</a> <p>open <div>nested").0,
            "ok\n\nopen\nnested"
        );
        assert_eq!(to_text("AT&T &bogus; &#x41;&").0, "AT&T &bogus; A&");
        for input in [
            "",
            "<",
            "<<",
            "</",
            "<a",
            "<a b=\"",
            "<!--",
            "<!",
            "&",
            "&#;",
            "&#x110000;",
            "é<é",
            "</p></div></blockquote>",
            "<script>",
            "<pre>  a\n b</pre>",
            "<br/><br />",
            "<p>ü</p\u{e9}>",
            "<\u{e9}>",
        ] {
            let (text, map) = to_text(input);
            for (i, _) in text.char_indices() {
                assert!(map.to_source(i) <= input.len(), "{input:?}");
            }
        }
    }

    #[test]
    fn pre_keeps_its_lines() {
        assert_eq!(
            to_text("<p>Run:</p><pre>cargo build\n  --release</pre>").0,
            "Run:\n\ncargo build\n  --release"
        );
    }
}
