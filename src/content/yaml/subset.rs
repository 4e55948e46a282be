//! A fast reader for the plain subset of YAML that content files nearly always use:
//! block mappings with simple keys, block sequences, one-line flow sequences, and
//! one-line plain, single- and double-quoted scalars without escapes.
//!
//! Why: serde-saphyr reads about 15 MB/s, and at national scale (tens of thousands of
//! front matters and measure files) it was most of the load time. This reader is a
//! shortcut, never a second definition of YAML: [`from_str`] returns `None` as soon as
//! the text or the target type steps outside the subset, or anything at all goes
//! wrong, and the caller then asks serde-saphyr, which gives the value or the located
//! error. Inside the subset it must give exactly serde-saphyr's value, down to the
//! locations in every [`Spanned`](serde_saphyr::Spanned); the tests below and
//! `tests/integration` compare the two.
//!
//! Depends on serde and on serde-saphyr's `Spanned` wire format only.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

/// Parses `yaml` into `T` when it lies inside the subset; `None` means "ask serde-saphyr".
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    let root = parse(yaml)?;
    T::deserialize(NodeDe(&root)).ok()
}

/// Larger documents go to serde-saphyr, whose budget limits are far above this.
const MAX_LEN: usize = 256 * 1024;
/// Deeper nesting goes to serde-saphyr (its own limit is 64).
const MAX_DEPTH: usize = 16;

/// Where a scalar is, as serde-saphyr's `Location` records it: a 1-based line and
/// character column, and the token's offset and length in characters and in bytes.
#[derive(Clone, Copy, Debug)]
struct Pos {
    line: u32,
    col: u32,
    char_off: u32,
    char_len: u32,
    byte_off: u32,
    byte_len: u32,
}

#[derive(Debug)]
enum Node<'a> {
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
        pos: Pos,
    },
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'a str, Node<'a>)>),
}

/// One line of the document that is not blank.
struct Line<'a> {
    text: &'a str,
    indent: usize,
    comment: bool,
    line_no: u32,
    byte_start: usize,
    char_start: usize,
}

fn parse(yaml: &str) -> Option<Node<'_>> {
    if yaml.len() > MAX_LEN || !printable(yaml) {
        return None;
    }
    let ascii = yaml.is_ascii();
    let mut lines = Vec::new();
    let (mut byte_start, mut char_start) = (0, 0);
    for (i, text) in yaml.split('\n').enumerate() {
        let trimmed = text.trim_start_matches(' ');
        if !trimmed.is_empty() {
            if text.starts_with("---") || text.starts_with("...") || text.starts_with('%') {
                return None;
            }
            lines.push(Line {
                text,
                indent: text.len() - trimmed.len(),
                comment: trimmed.starts_with('#'),
                line_no: u32::try_from(i + 1).ok()?,
                byte_start,
                char_start,
            });
        }
        byte_start += text.len() + 1;
        char_start += if ascii {
            text.len()
        } else {
            text.chars().count()
        } + 1;
    }
    let mut p = Parser { lines, depth: 0 };
    let first = p.next_content(0)?;
    if p.lines[first].indent != 0 {
        return None;
    }
    let (node, end) = p.map(first, 0, false)?;
    (end == p.lines.len()).then_some(node)
}

/// No tabs, carriage returns or other characters that YAML forbids or treats
/// specially (serde-saphyr reports or handles those; this reader does not try).
fn printable(yaml: &str) -> bool {
    let bytes_ok = yaml
        .bytes()
        .all(|b| b == b'\n' || (b' '..0x7f).contains(&b) || b >= 0x80);
    bytes_ok
        && (yaml.is_ascii()
            || yaml.chars().all(|c| {
                !matches!(
                    c,
                    '\u{80}'
                        ..='\u{9f}'
                            | '\u{2028}'
                            | '\u{2029}'
                            | '\u{feff}'
                            | '\u{fffe}'
                            | '\u{ffff}'
                )
            }))
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    depth: usize,
}

impl<'a> Parser<'a> {
    /// The first line at or after `i` that is not a comment.
    fn next_content(&self, mut i: usize) -> Option<usize> {
        while i < self.lines.len() && self.lines[i].comment {
            i += 1;
        }
        (i < self.lines.len()).then_some(i)
    }

    /// One level deeper, or `None` past [`MAX_DEPTH`].
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// The next line of a block indented by `indent`, from line `i` on: `Ok(j)` when
    /// line `j` continues the block, `Err(j)` when the block ends before line `j` (a
    /// line less indented, or the end), and `None` for a line more indented, which
    /// cannot follow here.
    fn next_in_block(&self, i: usize, indent: usize) -> Option<Result<usize, usize>> {
        let Some(j) = self.next_content(i) else {
            return Some(Err(self.lines.len()));
        };
        match self.lines[j].indent.cmp(&indent) {
            std::cmp::Ordering::Less => Some(Err(j)),
            std::cmp::Ordering::Equal => Some(Ok(j)),
            std::cmp::Ordering::Greater => None,
        }
    }

    /// Whether the value on line `i` ends there: a more indented line after it would
    /// continue a plain scalar (or be an error), which is left to serde-saphyr.
    fn ends_on_its_line(&self, i: usize, indent: usize) -> bool {
        self.lines.get(i + 1).is_none_or(|l| l.indent <= indent)
    }

    /// A block mapping whose keys stand at `indent`, starting at line `i`. With
    /// `inline`, line `i` is a sequence item (`- key: value`) whose first key stands
    /// at `indent` after the dash.
    fn map(&mut self, mut i: usize, indent: usize, inline: bool) -> Option<(Node<'a>, usize)> {
        self.enter()?;
        let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
        let mut first = inline;
        loop {
            if !first {
                match self.next_in_block(i, indent)? {
                    Ok(j) => i = j,
                    Err(end) => {
                        i = end;
                        break;
                    }
                }
            }
            first = false;
            let l = &self.lines[i];
            let content = &l.text[indent..];
            let (key, rest) = split_key(content)?;
            if entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            let value_col = l.text.len() - rest.len();
            let node = if rest.is_empty() || rest.starts_with('#') {
                // The value is the block below: more indented, or a sequence whose
                // dashes stand at the key's own indent.
                let j = self.next_content(i + 1)?;
                let next = &self.lines[j];
                if next.indent > indent {
                    let (node, end) = self.block(j, next.indent)?;
                    i = end;
                    node
                } else if next.indent == indent && is_item(&next.text[indent..]) {
                    let (node, end) = self.seq(j, indent)?;
                    i = end;
                    node
                } else {
                    return None;
                }
            } else {
                if !self.ends_on_its_line(i, indent) {
                    return None;
                }
                let node = inline_value(l, value_col)?;
                i += 1;
                node
            };
            entries.push((key, node));
        }
        self.depth -= 1;
        Some((Node::Map(entries), i))
    }

    /// A block sequence or mapping starting at line `i`, indented by `indent`.
    fn block(&mut self, i: usize, indent: usize) -> Option<(Node<'a>, usize)> {
        if is_item(&self.lines[i].text[indent..]) {
            self.seq(i, indent)
        } else {
            self.map(i, indent, false)
        }
    }

    /// A block sequence whose dashes stand at `indent`, starting at line `i`.
    fn seq(&mut self, mut i: usize, indent: usize) -> Option<(Node<'a>, usize)> {
        self.enter()?;
        let mut items = Vec::new();
        loop {
            match self.next_in_block(i, indent)? {
                Ok(j) => i = j,
                Err(end) => {
                    i = end;
                    break;
                }
            }
            let l = &self.lines[i];
            let content = &l.text[indent..];
            if !is_item(content) {
                break;
            }
            let after = &content[1..];
            let rest = after.trim_start_matches(' ');
            if rest.is_empty() || rest.starts_with('#') || is_item(rest) {
                return None;
            }
            let col = l.text.len() - rest.len();
            if split_key(rest).is_some() {
                let (node, end) = self.map(i, col, true)?;
                items.push(node);
                i = end;
            } else {
                if !self.ends_on_its_line(i, indent) {
                    return None;
                }
                items.push(inline_value(l, col)?);
                i += 1;
            }
        }
        self.depth -= 1;
        Some((Node::Seq(items), i))
    }
}

/// Whether `content` starts a block sequence item (`- …` or a lone `-`).
fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// `key: rest` with a simple key (letters, digits, `_` and `-`, starting with a letter
/// or `_`); `rest` has its leading spaces removed. Words that YAML may read as null or
/// a boolean are left to serde-saphyr.
fn split_key(content: &str) -> Option<(&str, &str)> {
    let end = content
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    let key = &content[..end];
    let first = *key.as_bytes().first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') || key.len() > 64 {
        return None;
    }
    let after = content[end..].strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return None;
    }
    Some((key, after.trim_start_matches(' ')))
}

/// The position of the token `text[start..end]` of line `l`.
fn pos_of(l: &Line<'_>, start: usize, end: usize) -> Option<Pos> {
    let before = &l.text[..start];
    let token = &l.text[start..end];
    let (col, len) = if l.text.is_ascii() {
        (start, token.len())
    } else {
        (before.chars().count(), token.chars().count())
    };
    let n = |v: usize| u32::try_from(v).ok();
    Some(Pos {
        line: l.line_no,
        col: n(col + 1)?,
        char_off: n(l.char_start + col)?,
        char_len: n(len)?,
        byte_off: n(l.byte_start + start)?,
        byte_len: n(end - start)?,
    })
}

/// Whether what follows a value on its line is nothing, or a comment.
fn only_comment(rest: &str) -> bool {
    let t = rest.trim_start_matches(' ');
    t.is_empty() || (t.starts_with('#') && t.len() < rest.len())
}

/// The value written after `key: ` or `- ` on line `l`, from byte `start` to the end.
fn inline_value<'a>(l: &Line<'a>, start: usize) -> Option<Node<'a>> {
    let rest = &l.text[start..];
    let (node, used) = match *rest.as_bytes().first()? {
        b'[' => flow_seq(l, start)?,
        b'"' | b'\'' => quoted(l, start)?,
        _ => {
            let text = plain_block(rest)?;
            let pos = pos_of(l, start, start + text.len())?;
            (
                Node::Scalar {
                    text: Cow::Borrowed(text),
                    plain: true,
                    pos,
                },
                text.len(),
            )
        }
    };
    only_comment(&l.text[start + used..]).then_some(node)
}

/// A plain scalar in block context: up to a comment or the end of the line.
fn plain_block(rest: &str) -> Option<&str> {
    let end = rest.find(" #").unwrap_or(rest.len());
    let text = rest[..end].trim_end_matches(' ');
    plain_ok(text).then_some(text)
}

/// Whether `text` is a plain scalar this reader takes as it stands.
fn plain_ok(text: &str) -> bool {
    let Some(&first) = text.as_bytes().first() else {
        return false;
    };
    let starts_ok = match first {
        b'-' => text.as_bytes().get(1).is_some_and(|b| *b != b' '),
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
        | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' => false,
        _ => true,
    };
    starts_ok && !text.contains(": ") && !text.ends_with(':')
}

/// A quoted scalar starting at byte `start` of line `l`; with the bytes it used.
/// Double-quoted scalars with escapes are left to serde-saphyr.
fn quoted<'a>(l: &Line<'a>, start: usize) -> Option<(Node<'a>, usize)> {
    let rest = &l.text[start..];
    let quote = *rest.as_bytes().first()?;
    let body = &rest[1..];
    let (text, used) = if quote == b'"' {
        let close = body.find('"')?;
        let inner = &body[..close];
        if inner.contains('\\') {
            return None;
        }
        (Cow::Borrowed(inner), close + 2)
    } else {
        let mut out = String::new();
        let mut owned = false;
        let bytes = body.as_bytes();
        let mut k = 0;
        loop {
            let q = body[k..].find('\'')? + k;
            if bytes.get(q + 1) == Some(&b'\'') {
                out.push_str(&body[k..=q]);
                owned = true;
                k = q + 2;
            } else {
                out.push_str(&body[k..q]);
                let text = if owned {
                    Cow::Owned(out)
                } else {
                    Cow::Borrowed(&body[..q])
                };
                break (text, q + 2);
            }
        }
    };
    let pos = pos_of(l, start, start + used)?;
    Some((
        Node::Scalar {
            text,
            plain: false,
            pos,
        },
        used,
    ))
}

/// A one-line flow sequence of scalars, `[a, "b", c]`, starting at byte `start` of
/// line `l`; with the bytes it used.
fn flow_seq<'a>(l: &Line<'a>, start: usize) -> Option<(Node<'a>, usize)> {
    let text = l.text;
    let mut k = start + 1;
    let mut items = Vec::new();
    let skip = |k: usize| k + text[k..].len() - text[k..].trim_start_matches(' ').len();
    k = skip(k);
    if text[k..].starts_with(']') {
        return Some((Node::Seq(items), k + 1 - start));
    }
    loop {
        let b = *text.as_bytes().get(k)?;
        if b == b'"' || b == b'\'' {
            let (node, used) = quoted(l, k)?;
            items.push(node);
            k += used;
        } else {
            let len = text[k..].find([',', ']'])?;
            let item = text[k..k + len].trim_end_matches(' ');
            if !plain_ok(item) || item.contains(['[', '{', '}', '#']) {
                return None;
            }
            items.push(Node::Scalar {
                text: Cow::Borrowed(item),
                plain: true,
                pos: pos_of(l, k, k + item.len())?,
            });
            k += len;
        }
        k = skip(k);
        match text.as_bytes().get(k)? {
            b',' => {
                k = skip(k + 1);
                if text[k..].starts_with(']') {
                    return None;
                }
            }
            b']' => return Some((Node::Seq(items), k + 1 - start)),
            _ => return None,
        }
    }
}

/// Any failure: the caller falls back to serde-saphyr, so no message is kept.
#[derive(Debug)]
struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("outside the YAML subset")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Bail
    }
}

/// Plain scalars that YAML reads as null.
fn is_null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

/// The scalar text of a node that may be read as a string.
fn string_of<'n>(node: &'n Node<'_>) -> Result<&'n str, Bail> {
    match node {
        Node::Scalar { text, plain, .. } if !(*plain && is_null(text)) => Ok(text),
        _ => Err(Bail),
    }
}

/// The text of a plain scalar written as a decimal number (no sign but `-`, no
/// leading zeros, no exponent), which every YAML reader reads the same way.
fn number_of<'n>(node: &'n Node<'_>, fraction: bool) -> Result<&'n str, Bail> {
    let Node::Scalar {
        text, plain: true, ..
    } = node
    else {
        return Err(Bail);
    };
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) if fraction => (i, Some(f)),
        Some(_) => return Err(Bail),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ok =
        all_digits(int) && (int == "0" || !int.starts_with('0')) && frac.is_none_or(all_digits);
    if ok {
        Ok(text)
    } else {
        Err(Bail)
    }
}

struct NodeDe<'n, 'a>(&'n Node<'a>);

macro_rules! integer {
    ($($method:ident $visit:ident $ty:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
            let v: $ty = number_of(self.0, false)?.parse().map_err(|_| Bail)?;
            visitor.$visit(v)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for NodeDe<'_, '_> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self.0 {
            Node::Map(_) => self.deserialize_map(visitor),
            Node::Seq(_) => self.deserialize_seq(visitor),
            // What a scalar is depends on YAML's type resolution: serde-saphyr decides.
            Node::Scalar { .. } => Err(Bail),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self.0 {
            Node::Scalar {
                text, plain: true, ..
            } if text == "true" || text == "false" => visitor.visit_bool(text == "true"),
            _ => Err(Bail),
        }
    }

    integer!(
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32, deserialize_i64 visit_i64 i64,
        deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64
    );

    fn deserialize_f32<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        let v: f64 = number_of(self.0, true)?.parse().map_err(|_| Bail)?;
        visitor.visit_f64(v)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_str(string_of(self.0)?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self.0 {
            Node::Scalar {
                text, plain: true, ..
            } if is_null(text) => Err(Bail),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Bail> {
        match (name, self.0) {
            ("__yaml_spanned", Node::Scalar { pos, .. }) => {
                visitor.visit_newtype_struct(spanned(self.0, *pos))
            }
            ("__yaml_spanned", _) => Err(Bail),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self.0 {
            Node::Seq(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.iter().map(NodeDe));
                let v = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(v)
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self.0 {
            Node::Map(entries) => {
                let mut map = de::value::MapDeserializer::new(
                    entries.iter().map(|(k, v)| (KeyDe(k), NodeDe(v))),
                );
                let v = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(v)
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Bail> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Bail> {
        match self.0 {
            Node::Scalar {
                text, plain: true, ..
            } if !is_null(text) => visitor.visit_enum(UnitVariant(text)),
            _ => Err(Bail),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    serde::forward_to_deserialize_any! {
        char bytes byte_buf unit unit_struct tuple tuple_struct
    }
}

/// Lets serde's map and sequence helpers take these deserializers as they are.
macro_rules! into_self {
    ($($ty:ty),*) => {$(
        impl<'de> IntoDeserializer<'de, Bail> for $ty {
            type Deserializer = Self;

            fn into_deserializer(self) -> Self {
                self
            }
        }
    )*};
}

into_self!(NodeDe<'_, '_>, KeyDe<'_>);

/// A mapping key (always a simple plain word here).
struct KeyDe<'n>(&'n str);

impl<'de> de::Deserializer<'de> for KeyDe<'_> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_str(self.0)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier
    }
}

/// An enum written as a plain word: a unit variant.
struct UnitVariant<'n>(&'n str);

impl<'de> de::EnumAccess<'de> for UnitVariant<'_> {
    type Error = Bail;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Bail> {
        let v = seed.deserialize(KeyDe(self.0))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_> {
    type Error = Bail;

    fn unit_variant(self) -> Result<(), Bail> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _seed: S) -> Result<S::Value, Bail> {
        Err(Bail)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Bail> {
        Err(Bail)
    }
}

/// serde-saphyr's wire format for a `Spanned` scalar: a map with a marker key, then
/// `value`, `referenced` and `defined` (the same place, as there are no aliases here).
fn spanned<'n, 'a>(node: &'n Node<'a>, pos: Pos) -> MapDe<SpannedMap<'n, 'a>> {
    MapDe(SpannedMap { node, pos, step: 0 })
}

/// serde-saphyr's `Location`: `line`, `column`, `span` and `source_id`.
fn location(p: Pos) -> MapDe<Fields<4>> {
    MapDe(Fields {
        names: &["line", "column", "span", "source_id"],
        values: [
            Field::Int(p.line),
            Field::Int(p.col),
            Field::Span(p),
            Field::Int(0),
        ],
        step: 0,
    })
}

/// serde-saphyr's `Span`: character offset and length, and byte offset and length.
fn span(p: Pos) -> MapDe<Fields<3>> {
    MapDe(Fields {
        names: &["offset", "len", "byte_info"],
        values: [
            Field::Int(p.char_off),
            Field::Int(p.char_len),
            Field::Pair(p.byte_off, p.byte_len),
        ],
        step: 0,
    })
}

/// A map given by its [`de::MapAccess`], whatever the type asks for.
struct MapDe<M>(M);

impl<'de, M: de::MapAccess<'de, Error = Bail>> de::Deserializer<'de> for MapDe<M> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_map(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SpannedMap<'n, 'a> {
    node: &'n Node<'a>,
    pos: Pos,
    step: usize,
}

const SPANNED_KEYS: [&str; 4] = [
    "__serde_saphyr_private_spanned",
    "value",
    "referenced",
    "defined",
];

impl<'de> de::MapAccess<'de> for SpannedMap<'_, '_> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Bail> {
        match SPANNED_KEYS.get(self.step) {
            Some(key) => seed.deserialize(KeyDe(key)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Bail> {
        let step = self.step;
        self.step += 1;
        match step {
            0 => seed.deserialize(().into_deserializer()),
            1 => seed.deserialize(NodeDe(self.node)),
            _ => seed.deserialize(location(self.pos)),
        }
    }
}

#[derive(Clone, Copy)]
enum Field {
    Int(u32),
    Pair(u32, u32),
    Span(Pos),
}

/// A small fixed map of numbers, for `Location` and its `Span`.
struct Fields<const N: usize> {
    names: &'static [&'static str; N],
    values: [Field; N],
    step: usize,
}

impl<'de, const N: usize> de::MapAccess<'de> for Fields<N> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Bail> {
        match self.names.get(self.step) {
            Some(key) => seed.deserialize(KeyDe(key)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Bail> {
        let value = *self.values.get(self.step).ok_or(Bail)?;
        self.step += 1;
        match value {
            Field::Int(n) => seed.deserialize(n.into_deserializer()),
            Field::Pair(a, b) => {
                seed.deserialize(de::value::SeqDeserializer::new([a, b].into_iter()))
            }
            Field::Span(p) => seed.deserialize(span(p)),
        }
    }
}

#[cfg(test)]
mod tests;
