//! Support-macro exports: Zendesk's macros JSON (`{"macros": [...]}`, `{"macro": {...}}`, one
//! macro, or a list of them), and other tools' JSON or YAML exports described by pointers
//! (`[[exports]]`). Each macro's reply text is linted as a template, its positions those of the
//! text inside the export file.

use std::collections::BTreeMap;
use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::draft::SourceMap;

/// One reply text of a macro.
#[derive(Debug, Clone)]
pub struct MacroText {
    /// 1-based position of the macro in the export.
    pub number: usize,
    pub title: String,
    /// `comment_value_html`: the text is HTML.
    pub html: bool,
    /// The decoded JSON string.
    pub text: String,
    /// `text` offsets -> offsets in `source_range`.
    pub map: SourceMap,
    /// The 1-based file line `source_range` starts on.
    pub first_line: usize,
    /// The lines of the file the text stands on (one for JSON; a YAML block scalar spans many).
    pub source_range: Range<usize>,
}

// The export forms. Tried one after the other rather than as one untagged enum: serde buffers
// untagged content, and a buffered `RawValue` no longer points into the file.
#[derive(Deserialize)]
struct List<'a> {
    #[serde(borrow)]
    macros: Vec<Macro<'a>>,
}

#[derive(Deserialize)]
struct One<'a> {
    #[serde(borrow, rename = "macro")]
    single: Macro<'a>,
}

#[derive(Deserialize)]
struct Macro<'a> {
    title: String,
    #[serde(borrow)]
    actions: Vec<Action<'a>>,
}

#[derive(Deserialize)]
struct Action<'a> {
    field: String,
    #[serde(borrow)]
    value: &'a RawValue,
}

/// Where another tool's JSON export keeps its macros (`[[exports]]` in the configuration).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportShape {
    /// JSON pointer to the list of macros; `""` when the document is the list.
    #[serde(default)]
    pub items: String,
    /// JSON pointer, within each macro, to its reply text.
    pub text: String,
    /// JSON pointer, within each macro, to its title.
    pub title: Option<String>,
    /// The text is HTML.
    #[serde(default)]
    pub html: bool,
}

/// The reply texts of a JSON or YAML export shaped as `shape` says, or `None` when it is not.
pub fn parse_shaped(text: &str, shape: &ExportShape) -> Option<Vec<MacroText>> {
    match serde_json::from_str::<&RawValue>(text) {
        Ok(_) => parse_shaped_json(text, shape),
        Err(_) => parse_shaped_yaml(text, shape),
    }
}

fn parse_shaped_json(json: &str, shape: &ExportShape) -> Option<Vec<MacroText>> {
    let document: &RawValue = serde_json::from_str(json).ok()?;
    let items: Vec<&RawValue> =
        serde_json::from_str(pointer(document, &shape.items)?.get()).ok()?;
    let mut texts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let title = shape
            .title
            .as_deref()
            .and_then(|p| pointer(item, p))
            .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
            .unwrap_or_else(|| format!("#{}", i + 1));
        let Some(text) = pointer(item, &shape.text) else {
            continue;
        };
        texts.extend(macro_text(json, text, i + 1, &title, shape.html));
    }
    Some(texts)
}

fn parse_shaped_yaml(yaml: &str, shape: &ExportShape) -> Option<Vec<MacroText>> {
    let documents = MarkedYaml::load_from_str(yaml).ok()?;
    let items = yaml_pointer(documents.first()?, &shape.items)?
        .data
        .as_sequence()?;
    // Markers count characters; positions here are bytes.
    let bytes_at: Vec<usize> = yaml
        .char_indices()
        .map(|(i, _)| i)
        .chain([yaml.len()])
        .collect();
    let mut texts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let title = shape
            .title
            .as_deref()
            .and_then(|p| yaml_pointer(item, p))
            .and_then(|node| node.data.as_str())
            .map_or_else(|| format!("#{}", i + 1), str::to_string);
        let Some(node) = yaml_pointer(item, &shape.text) else {
            continue;
        };
        let Some(value) = node.data.as_str() else {
            continue;
        };
        let start = *bytes_at.get(node.span.start.index())?;
        let end = *bytes_at.get(node.span.end.index())?;
        let line_start = yaml[..start].rfind('\n').map_or(0, |n| n + 1);
        texts.push(MacroText {
            number: i + 1,
            title,
            html: shape.html,
            text: value.to_string(),
            map: locate_lines(value, &yaml[line_start..end.max(start)], start - line_start),
            first_line: node.span.start.line(),
            source_range: line_start..end.max(start),
        });
    }
    Some(texts)
}

/// Maps each line of a decoded YAML scalar to where it stands in `source` (the scalar's lines,
/// `from` bytes in): literal blocks and plain scalars keep their lines verbatim after the
/// indentation; a line that was folded or escaped maps to where the search stands.
fn locate_lines(value: &str, source: &str, from: usize) -> SourceMap {
    let mut map = SourceMap::default();
    let mut cursor = from;
    let mut at = 0;
    for line in value.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if let Some(found) = source.get(cursor..).and_then(|rest| rest.find(content)) {
            cursor += found;
        }
        map.push(at, cursor);
        cursor += content.len();
        at += line.len();
    }
    if value.is_empty() {
        map.push(0, from);
    }
    map
}

/// The node `pointer` (RFC 6901 syntax) names in a YAML document.
fn yaml_pointer<'a, 'input>(
    node: &'a MarkedYaml<'input>,
    pointer: &str,
) -> Option<&'a MarkedYaml<'input>> {
    let mut current = node;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        current = match current.data.as_sequence() {
            Some(items) => items.get(token.parse::<usize>().ok()?)?,
            None => current.data.as_mapping_get(&token)?,
        };
    }
    Some(current)
}

/// The value `pointer` (RFC 6901) names in `raw`, still borrowed from the document.
fn pointer<'a>(raw: &'a RawValue, pointer: &str) -> Option<&'a RawValue> {
    let mut current = raw;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        current = match current.get().trim_start().as_bytes().first()? {
            b'{' => {
                let fields: BTreeMap<String, &RawValue> =
                    serde_json::from_str(current.get()).ok()?;
                *fields.get(&token)?
            }
            b'[' => {
                let elements: Vec<&RawValue> = serde_json::from_str(current.get()).ok()?;
                *elements.get(token.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
    }
    Some(current)
}

/// The reply texts of a macro export, or `None` when `json` is not one.
pub fn parse(json: &str) -> Option<Vec<MacroText>> {
    let macros = if let Ok(list) = serde_json::from_str::<List>(json) {
        list.macros
    } else if let Ok(one) = serde_json::from_str::<One>(json) {
        vec![one.single]
    } else if let Ok(single) = serde_json::from_str::<Macro>(json) {
        vec![single]
    } else {
        serde_json::from_str::<Vec<Macro>>(json).ok()?
    };
    let mut texts = Vec::new();
    for (i, m) in macros.iter().enumerate() {
        for action in &m.actions {
            let html = match action.field.as_str() {
                "comment_value" => false,
                "comment_value_html" => true,
                _ => continue,
            };
            texts.extend(macro_text(json, action.value, i + 1, &m.title, html));
        }
    }
    Some(texts)
}

/// The reply text in `value` (a string, or `[channel, string]` in some API versions: the last
/// string), located in `json`, the document it borrows from.
fn macro_text(
    json: &str,
    value: &RawValue,
    number: usize,
    title: &str,
    html: bool,
) -> Option<MacroText> {
    let raw = value.get();
    let start = raw.as_ptr() as usize - json.as_ptr() as usize + last_string(raw)?;
    let line_start = json[..start].rfind('\n').map_or(0, |n| n + 1);
    let line_end = json[start..].find('\n').map_or(json.len(), |n| start + n);
    let (text, map) = decode(&json[start..], start - line_start)?;
    Some(MacroText {
        number,
        title: title.to_string(),
        html,
        text,
        map,
        first_line: json[..start].matches('\n').count() + 1,
        source_range: line_start..line_end,
    })
}

/// Offset of the last JSON string in a raw value (itself, or the last string of an array).
fn last_string(raw: &str) -> Option<usize> {
    if raw.starts_with('"') {
        return Some(0);
    }
    let values: Vec<&RawValue> = serde_json::from_str(raw).ok()?;
    let last = values.iter().rev().find(|v| v.get().starts_with('"'))?;
    Some(last.get().as_ptr() as usize - raw.as_ptr() as usize)
}

/// Decodes the JSON string at the start of `raw` (which begins with `"`), mapping each decoded
/// byte to `base +` its offset in `raw`. Hand-written: serde_json decodes strings but keeps no
/// offsets, and findings must point into the file.
fn decode(raw: &str, base: usize) -> Option<(String, SourceMap)> {
    let mut text = String::new();
    let mut map = SourceMap::default();
    let bytes = raw.as_bytes();
    let mut i = 1;
    loop {
        let at = i;
        match *bytes.get(i)? {
            b'"' => return Some((text, map)),
            b'\\' => {
                let (ch, len) = match *bytes.get(i + 1)? {
                    b'n' => ('\n', 2),
                    b't' => ('\t', 2),
                    b'r' => ('\r', 2),
                    b'b' => ('\u{8}', 2),
                    b'f' => ('\u{c}', 2),
                    b'u' => unicode_escape(bytes, i)?,
                    other => (other as char, 2),
                };
                map.push(text.len(), base + at);
                text.push(ch);
                i += len;
            }
            _ => {
                let ch = raw[i..].chars().next()?;
                map.push(text.len(), base + at);
                text.push(ch);
                i += ch.len_utf8();
            }
        }
    }
}

/// `\uXXXX` at `i`, joined with a following low surrogate: the character and the bytes used.
fn unicode_escape(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let hex = |at: usize| -> Option<u32> {
        let digits = std::str::from_utf8(bytes.get(at..at + 4)?).ok()?;
        u32::from_str_radix(digits, 16).ok()
    };
    let high = hex(i + 2)?;
    if (0xD800..0xDC00).contains(&high) && bytes.get(i + 6..i + 8) == Some(b"\\u") {
        let low = hex(i + 8)?;
        let code = 0x10000 + ((high - 0xD800) << 10) + (low.checked_sub(0xDC00)?);
        return Some((
            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
            12,
        ));
    }
    Some((
        char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER),
        6,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = r#"{
  "macros": [
    {
      "title": "Refund approved",
      "actions": [
        {"field": "status", "value": "solved"},
        {"field": "comment_value", "value": "Hi {{ticket.requester.first_name}},\n\nWe will circle back \u2014 caf\u00e9 \ud83d\ude00 ok."}
      ]
    },
    {
      "title": "Outage (HTML)",
      "actions": [{"field": "comment_value_html", "value": ["channel:all", "<p>The <b>hotfix</b> is live.</p>"]}]
    }
  ]
}"#;

    #[test]
    fn finds_each_reply_text_with_its_title_and_line() {
        let texts = parse(EXPORT).unwrap();
        assert_eq!(texts.len(), 2);
        assert_eq!(
            (
                texts[0].number,
                texts[0].title.as_str(),
                texts[0].html,
                texts[0].first_line
            ),
            (1, "Refund approved", false, 7)
        );
        assert_eq!(
            texts[0].text,
            "Hi {{ticket.requester.first_name}},\n\nWe will circle back \u{2014} caf\u{e9} \u{1f600} ok."
        );
        assert_eq!(
            (texts[1].number, texts[1].html, texts[1].first_line),
            (2, true, 12)
        );
        assert_eq!(texts[1].text, "<p>The <b>hotfix</b> is live.</p>");
    }

    #[test]
    fn decoded_offsets_map_into_the_json_line() {
        let texts = parse(EXPORT).unwrap();
        let t = &texts[0];
        let line = &EXPORT[t.source_range.clone()];
        for word in ["circle", "ok"] {
            let in_text = t.text.find(word).unwrap();
            let in_line = t.map.to_source(in_text);
            assert_eq!(&line[in_line..in_line + word.len()], word);
        }
        // An escape maps to its backslash.
        let cafe = t.text.find('é').unwrap();
        assert_eq!(
            &line[t.map.to_source(cafe)..t.map.to_source(cafe) + 6],
            "\\u00e9"
        );
    }

    #[test]
    fn other_tools_exports_by_json_pointer() {
        let json = "{\"data\": {\"canned/replies\": [\n  {\"name\": \"Thanks\", \"body\": {\"en\": \"We will circle back.\"}},\n  {\"name\": \"Empty\"}\n]}}";
        let shape = ExportShape {
            items: "/data/canned~1replies".into(),
            text: "/body/en".into(),
            title: Some("/name".into()),
            html: false,
        };
        let texts = parse_shaped(json, &shape).unwrap();
        assert_eq!(texts.len(), 1, "an item without text is no draft");
        assert_eq!(
            (
                texts[0].title.as_str(),
                texts[0].first_line,
                texts[0].text.as_str()
            ),
            ("Thanks", 2, "We will circle back.")
        );
        let line = &json[texts[0].source_range.clone()];
        let at = texts[0]
            .map
            .to_source(texts[0].text.find("circle").unwrap());
        assert!(line[at..].starts_with("circle back"));
        assert!(parse_shaped("{\"other\": 1}", &shape).is_none());
    }

    #[test]
    fn yaml_exports_map_block_scalars_line_by_line() {
        let yaml = "replies:\n  - body: |\n      Thanks for posting!\n      We will circle back.\n    name: Thanks\n  - name: Plain\n    body: The hotfix is live.\n";
        let shape = ExportShape {
            items: "/replies".into(),
            text: "/body".into(),
            title: Some("/name".into()),
            html: false,
        };
        let texts = parse_shaped(yaml, &shape).unwrap();
        assert_eq!(texts.len(), 2);
        assert_eq!(
            (texts[0].title.as_str(), texts[0].text.as_str()),
            ("Thanks", "Thanks for posting!\nWe will circle back.\n")
        );
        assert_eq!(
            (texts[1].title.as_str(), texts[1].text.as_str()),
            ("Plain", "The hotfix is live.")
        );
        for (t, word) in [(&texts[0], "circle"), (&texts[1], "hotfix")] {
            let source = &yaml[t.source_range.clone()];
            let at = t.map.to_source(t.text.find(word).unwrap());
            assert!(
                source[at..].starts_with(word),
                "{word}: {:?}",
                &source[at..]
            );
        }
    }

    #[test]
    fn single_macro_and_bare_forms() {
        let one =
            r#"{"macro": {"title": "A", "actions": [{"field": "comment_value", "value": "x"}]}}"#;
        assert_eq!(parse(one).unwrap()[0].title, "A");
        let bare = r#"[{"title": "B", "actions": [{"field": "comment_value", "value": "y"}]}]"#;
        assert_eq!(parse(bare).unwrap()[0].title, "B");
    }

    #[test]
    fn other_json_is_not_an_export() {
        assert!(parse(r#"{"name": "package", "version": "1.0"}"#).is_none());
        assert!(parse("not json").is_none());
        assert!(parse(r#"{"macros": [{"title": "C", "actions": [{"field": "comment_value", "value": "\ud800"}]}]}"#).is_some());
    }
}
