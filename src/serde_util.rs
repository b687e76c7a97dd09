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
