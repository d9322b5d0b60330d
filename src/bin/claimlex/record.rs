//! Checking one input record and extracting from it: every record gives an [`Outcome`], a
//! document or the reason there is none.

use crate::input::{Body, RawRecord};
use claimlex::{Document, Extractor};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use std::cell::RefCell;
use std::fmt;

/// Which fields of a JSON record to read.
pub struct Fields {
    pub id: String,
    pub text: String,
    /// Fields carried through to the output unchanged.
    pub keep: Vec<String>,
    pub max_bytes: u64,
}

/// What became of one record.
pub struct Outcome {
    pub line: Option<u64>,
    pub id: Option<String>,
    /// The `keep` fields, in order (`None` where the record lacks one).
    pub kept: Vec<Option<Value>>,
    pub result: Result<Document, String>,
    /// The record's size in bytes.
    pub bytes: u64,
    pub end_pos: u64,
}

impl Fields {
    /// Checks and extracts one record. Never fails: a bad record gives an error outcome.
    pub fn process(&self, ex: &Extractor, rec: RawRecord) -> Outcome {
        let bytes = rec.body.len();
        let mut out = Outcome {
            line: rec.line,
            id: rec.id,
            kept: vec![None; self.keep.len()],
            result: Err(String::new()),
            bytes,
            end_pos: rec.end_pos,
        };
        let text = match rec.body {
            Body::TooLong(n, head) => {
                out.id = out.id.or_else(|| self.id_in_head(&head));
                Err(format!(
                    "record is {n} bytes, over the limit of {} (--max-bytes)",
                    self.max_bytes
                ))
            }
            Body::Unreadable(e) => Err(format!("cannot read: {e}")),
            Body::Text(b) => String::from_utf8(b)
                .map_err(|e| format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to())),
            Body::Json(b) => self.parse_json(b, &mut out),
        };
        out.result = text.and_then(|t| {
            if t.is_empty() {
                Err("empty document: no text".to_string())
            } else if t.trim().is_empty() {
                Err("empty document: only whitespace".to_string())
            } else {
                Ok(ex.extract_with_id(out.id.as_deref().unwrap_or(""), &t))
            }
        });
        out
    }

    /// The id of a JSON line, if it has one (for checking where a resumed run starts).
    pub fn id_of(&self, line: &[u8]) -> Option<String> {
        let text = String::from_utf8_lossy(line);
        let picked = self.pick(serde_json::Deserializer::from_str(&text)).ok()?;
        picked.id.map(id_string)
    }

    /// The id of a JSON line of which only the head was kept (a record over `--max-bytes`),
    /// when the id field comes before the parse runs off the end of the head.
    fn id_in_head(&self, head: &[u8]) -> Option<String> {
        let found = RefCell::new(None);
        let seek = IdSeeker {
            keys: PickVisitor {
                id: &self.id,
                text: &self.text,
                keep: &[],
            },
            found: &found,
        };
        let text = String::from_utf8_lossy(head);
        // The head is cut short, so the parse ends in an error; what matters is whether the
        // id was read before it.
        let _ = seek.deserialize(&mut serde_json::Deserializer::from_str(&text));
        found.into_inner().map(id_string)
    }

    /// Parses a JSON line; fills in the id and kept fields when it can, even for a bad record.
    fn parse_json(&self, bytes: Vec<u8>, out: &mut Outcome) -> Result<String, String> {
        let utf8 = std::str::from_utf8(&bytes);
        let utf8_error = utf8.err();
        let picked = match utf8 {
            // (read as text, the line's strings are not checked for UTF-8 a second time)
            Ok(line) => self.pick(serde_json::Deserializer::from_str(line)),
            // Still read the id (and kept fields) when the rest of the line parses.
            Err(_) => self.pick(serde_json::Deserializer::from_str(
                &String::from_utf8_lossy(&bytes),
            )),
        };
        let picked = match picked {
            Ok(p) => p,
            Err(e) => {
                // a cut or broken line may still name its id before the break
                out.id = self.id_in_head(&bytes);
                return Err(match (utf8_error, e.classify()) {
                    (Some(u), _) => {
                        format!("invalid UTF-8 at byte {} of the line", u.valid_up_to())
                    }
                    (None, serde_json::error::Category::Data) => {
                        format!("not a JSON object: {e}")
                    }
                    (None, _) => format!("invalid JSON: {e}"),
                });
            }
        };
        out.id = picked.id.map(id_string);
        out.kept = picked.kept;
        if let Some(u) = utf8_error {
            return Err(format!(
                "invalid UTF-8 at byte {} of the line",
                u.valid_up_to()
            ));
        }
        match picked.text {
            Some(Value::String(t)) => Ok(t),
            Some(other) => Err(format!(
                "field \"{}\" is not a string (it is {})",
                self.text,
                kind_of(&other)
            )),
            None => Err(format!("missing field \"{}\"", self.text)),
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON id as a string: strings as they are (moved, not copied), anything else as its JSON
/// text.
pub fn id_string(v: Value) -> String {
    match v {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// The fields of a record that `batch` reads; the others are skipped without being built.
struct Picked {
    id: Option<Value>,
    text: Option<Value>,
    kept: Vec<Option<Value>>,
}

impl Fields {
    fn pick<'de, R: serde_json::de::Read<'de>>(
        &self,
        mut de: serde_json::Deserializer<R>,
    ) -> serde_json::Result<Picked> {
        let visitor = PickVisitor {
            id: &self.id,
            text: &self.text,
            keep: &self.keep,
        };
        let picked = visitor.deserialize(&mut de)?;
        de.end()?;
        Ok(picked)
    }
}

struct PickVisitor<'a> {
    id: &'a str,
    text: &'a str,
    keep: &'a [String],
}

enum Key {
    Id,
    Text,
    Keep(usize),
    Other,
}

impl<'de> DeserializeSeed<'de> for &PickVisitor<'_> {
    type Value = Key;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for &PickVisitor<'_> {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, k: &str) -> Result<Key, E> {
        Ok(if k == self.id {
            Key::Id
        } else if k == self.text {
            Key::Text
        } else if let Some(i) = self.keep.iter().position(|f| f == k) {
            Key::Keep(i)
        } else {
            Key::Other
        })
    }
}

/// Reads a JSON object's fields up to its id field, and stores the id.
struct IdSeeker<'a> {
    keys: PickVisitor<'a>,
    found: &'a RefCell<Option<Value>>,
}

impl<'de> DeserializeSeed<'de> for IdSeeker<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for IdSeeker<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(&self.keys)? {
            match key {
                Key::Id => {
                    *self.found.borrow_mut() = Some(map.next_value()?);
                    // the rest of the object is not needed (nor, being cut, readable)
                    return Err(de::Error::custom("id found"));
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for PickVisitor<'_> {
    type Value = Picked;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Picked, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PickVisitor<'_> {
    type Value = Picked;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object with a \"{}\" field", self.text)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Picked, A::Error> {
        let mut p = Picked {
            id: None,
            text: None,
            kept: vec![None; self.keep.len()],
        };
        while let Some(key) = map.next_key_seed(&self)? {
            match key {
                Key::Id => p.id = Some(map.next_value()?),
                Key::Text => p.text = Some(map.next_value()?),
                Key::Keep(i) => p.kept[i] = Some(map.next_value()?),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(p)
    }
}
