//! Serialisation helpers.
use crate::num::Q;
use serde::Serializer;

/// Serialises a rational as its exact fraction text.
pub(crate) fn ser_q<S: Serializer>(v: &Q, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}
