//! serde helpers for the crate's own value types in data files: each reads
//! a string and refuses a malformed one with a message that says what is
//! expected (serde_json adds the line and column).

/// A `Time` as `YYYY-MM-DDThh:mm:ssZ`.
pub(crate) mod time {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Time;

    pub(crate) fn serialize<S: Serializer>(t: &Time, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_string())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|e: crate::TimeParseError| serde::de::Error::custom(e.to_string()))
    }
}

/// `Option<Time>` as `YYYY-MM-DDThh:mm:ssZ`.
pub(crate) mod opt_time {
    use serde::{Deserializer, Serializer};

    use crate::Time;

    pub(crate) fn serialize<S: Serializer>(t: &Option<Time>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::time::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Time>, D::Error> {
        super::time::deserialize(d).map(Some)
    }
}

/// An OID in dotted form.
pub(crate) mod oid {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Oid;

    pub(crate) fn serialize<S: Serializer>(o: &Oid, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&o.to_string())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Oid, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|_| {
            serde::de::Error::custom(format!(
                "\"{s}\" is not a dotted OID such as 1.2.398.3.3.4.1.2"
            ))
        })
    }
}

/// A jurisdiction code.
pub(crate) mod jurisdiction {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Jurisdiction;

    pub(crate) fn serialize<S: Serializer>(j: &Jurisdiction, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(j.code())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Jurisdiction, D::Error> {
        let s = String::deserialize(d)?;
        match Jurisdiction::from_code(&s) {
            Some(j) if j.code() == s => Ok(j),
            _ => Err(serde::de::Error::custom(format!(
                "unknown jurisdiction code \"{s}\": use an upper-case ISO 3166-1 alpha-2 code or EU"
            ))),
        }
    }
}

/// A document scope: `"all"` or a non-empty list of UNTDID 1001 codes.
pub(crate) mod documents {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::registry::{DocumentScope, DocumentType};

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Tag(String),
        Codes(Vec<u16>),
    }

    pub(crate) fn serialize<S: Serializer>(d: &DocumentScope, s: S) -> Result<S::Ok, S::Error> {
        match d {
            DocumentScope::All => s.serialize_str("all"),
            DocumentScope::Only(list) => {
                Repr::Codes(list.iter().map(|d| d.0).collect()).serialize(s)
            }
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DocumentScope, D::Error> {
        match Repr::deserialize(d)? {
            Repr::Tag(t) if t == "all" => Ok(DocumentScope::All),
            Repr::Codes(c) if !c.is_empty() => Ok(DocumentScope::Only(
                c.into_iter().map(DocumentType).collect(),
            )),
            _ => Err(serde::de::Error::custom(
                "documents must be \"all\" or a non-empty list of UNTDID 1001 codes",
            )),
        }
    }
}

/// Refusing JSON objects that name a key twice, at any depth.
///
/// RFC 8259 §4: "The names within an object SHOULD be unique"; when they
/// are not, "the behavior of software that receives such an object is
/// unpredictable" — serde keeps one value (the last for a map, an error for
/// a struct field), another tool keeps the first. A registry or policy file
/// must mean one thing to every reader, so a repeated key refuses the file.
/// `serde_json::Value` cannot find them (it keeps the last value), so this
/// pass drives `serde_json::Deserializer` itself and keeps each object's
/// keys while the object is read. Depth is bounded by serde_json's own
/// recursion limit (128).
pub(crate) mod unique_keys {
    use std::collections::HashSet;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    /// A key named twice in one object.
    #[derive(Debug)]
    pub(crate) struct DuplicateKey {
        /// 1-based line of the second occurrence (its closing quote).
        pub(crate) line: usize,
        /// 1-based column of the second occurrence (its closing quote).
        pub(crate) column: usize,
        /// The key.
        pub(crate) key: String,
        /// The JSON path of the object, e.g. `agreements[2].mapping`
        /// (empty for the top-level object).
        pub(crate) path: String,
    }

    /// Finds the first key named twice in one object of `text`. Other
    /// faults (syntax, types) are left to the typed parse that follows, so
    /// that its message reports them.
    pub(crate) fn check(text: &str) -> Result<(), DuplicateKey> {
        let mut de = serde_json::Deserializer::from_str(text);
        let mut found = None;
        let result = Any { found: &mut found }.deserialize(&mut de);
        match (found, result) {
            (Some(mut d), Err(e)) => {
                d.line = e.line();
                d.column = e.column();
                Err(d)
            }
            _ => Ok(()),
        }
    }

    /// Any JSON value; records the first repeated key in `found`.
    struct Any<'a> {
        found: &'a mut Option<DuplicateKey>,
    }

    impl<'de> DeserializeSeed<'de> for Any<'_> {
        type Value = ();

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Any<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON value")
        }

        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }

        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }

        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }

        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }

        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }

        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut index = 0usize;
            loop {
                match seq.next_element_seed(Any {
                    found: &mut *self.found,
                }) {
                    Ok(Some(())) => index = index.saturating_add(1),
                    Ok(None) => return Ok(()),
                    Err(e) => {
                        if let Some(d) = self.found.as_mut() {
                            d.path = format!("[{index}]{}", d.path);
                        }
                        return Err(e);
                    }
                }
            }
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut keys: HashSet<String> = HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if keys.contains(&key) {
                    *self.found = Some(DuplicateKey {
                        line: 0,
                        column: 0,
                        key,
                        path: String::new(),
                    });
                    return Err(de::Error::custom("duplicate key"));
                }
                let result = map.next_value_seed(Any {
                    found: &mut *self.found,
                });
                if let Err(e) = result {
                    if let Some(d) = self.found.as_mut() {
                        d.path = format!(".{key}{}", d.path);
                    }
                    return Err(e);
                }
                keys.insert(key);
            }
            Ok(())
        }
    }

    impl DuplicateKey {
        /// The path without its leading dot (`""` for the top level).
        pub(crate) fn object(&self) -> String {
            let p = self.path.strip_prefix('.').unwrap_or(&self.path);
            if p.is_empty() {
                "the top-level object".to_owned()
            } else {
                p.to_owned()
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::check;

        #[test]
        fn finds_a_repeated_key_at_any_depth_with_its_position() {
            let text = "{\"a\": [1, {\"b\": {\"k\": 1,\n \"k\": 2}}], \"c\": 3}";
            let d = check(text).unwrap_err();
            assert_eq!(
                (d.line, d.column, d.key.as_str(), d.object().as_str()),
                (2, 4, "k", "a[1].b")
            );
            let top = check("{\"x\": 1, \"x\": 1}").unwrap_err();
            assert_eq!(
                (top.key.as_str(), top.object().as_str()),
                ("x", "the top-level object")
            );
            // Escapes name the same key.
            assert_eq!(check(r#"{"k": 1, "\u006b": 2}"#).unwrap_err().key, "k");
        }

        #[test]
        fn the_same_key_in_different_objects_is_fine_and_other_faults_are_left_to_the_parse() {
            assert!(check(r#"[{"k": 1}, {"k": 2}, {"o": {"k": 3}}]"#).is_ok());
            assert!(check("{\"k\": ").is_ok());
            assert!(check("").is_ok());
        }
    }
}
