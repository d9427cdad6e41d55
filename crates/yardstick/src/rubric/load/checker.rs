//! The checker: where problems are collected, and the checks that several sections share.

use std::collections::HashSet;
use std::ops::Range;

use rust_decimal::Decimal;

use super::{RawLabelValue, RawWeighted, S, SCALE};
use crate::error::{LineIndex, Sink};
use crate::rubric::LabelValue;

/// Checks while converting, collecting every problem.
pub(super) struct Checker<'a> {
    pub(super) file: &'a str,
    pub(super) index: LineIndex<'a>,
    pub(super) sink: Sink,
}

impl Checker<'_> {
    pub(super) fn err(&mut self, span: Range<usize>, msg: impl Into<crate::i18n::Message>) {
        let d = self.index.diag(self.file, span, msg);
        self.sink.push(d);
    }

    pub(super) fn enumerated<T>(
        &mut self,
        v: &Option<S<String>>,
        what: &str,
        choices: &[(&str, T)],
        default: T,
    ) -> T
    where
        T: Copy,
    {
        let Some(v) = v else { return default };
        match choices.iter().find(|(k, _)| *k == v.get_ref()) {
            Some((_, t)) => *t,
            None => {
                let names: Vec<_> = choices.iter().map(|(k, _)| format!("\"{k}\"")).collect();
                self.err(
                    v.span(),
                    format!(
                        "unknown {what} \"{}\"; expected one of {}",
                        v.get_ref(),
                        names.join(", ")
                    ),
                );
                default
            }
        }
    }

    pub(super) fn count(
        &mut self,
        v: &Option<S<u64>>,
        default: usize,
        least: usize,
        key: &str,
    ) -> usize {
        match v {
            None => default,
            Some(s) if (*s.get_ref() as usize) < least => {
                self.err(s.span(), format!("{key} must be at least {least}"));
                default
            }
            Some(s) => *s.get_ref() as usize,
        }
    }

    /// Reports a list written empty, where at least one entry is needed: `instead` says what
    /// to write. True when the list has an entry.
    pub(super) fn not_empty<T>(&mut self, list: &S<Vec<T>>, key: &str, instead: &str) -> bool {
        if list.get_ref().is_empty() {
            self.err(list.span(), format!("`{key}` is empty; {instead}"));
            return false;
        }
        true
    }

    /// Labels with values on the component scale, 0 to [`SCALE`]; `seen` holds the labels
    /// declared before in the same component.
    pub(super) fn labels(
        &mut self,
        list: &[RawLabelValue],
        what: &str,
        seen: &mut HashSet<String>,
    ) -> Vec<LabelValue> {
        let mut out = Vec::new();
        for lv in list {
            let label = lv.label.get_ref().trim().to_string();
            if label.is_empty() {
                self.err(lv.label.span(), format!("{what} label is empty"));
            } else if !seen.insert(label.clone()) {
                self.err(
                    lv.label.span(),
                    format!("{what} label \"{label}\" is declared twice"),
                );
            }
            let value = lv.value.get_ref().0;
            if value < Decimal::ZERO || value > SCALE {
                self.err(
                    lv.value.span(),
                    format!(
                        "{what} \"{label}\" has the value {value}; a value must lie between 0 and {SCALE}, the scale of every component score"
                    ),
                );
            }
            out.push(LabelValue { label, value });
        }
        out
    }

    pub(super) fn plain_labels(
        &mut self,
        list: &Option<S<Vec<S<String>>>>,
        what: &str,
        seen: &mut HashSet<String>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for l in list.iter().flat_map(|l| l.get_ref()) {
            let label = l.get_ref().trim().to_string();
            if label.is_empty() {
                self.err(l.span(), format!("{what} label is empty"));
            } else if !seen.insert(label.clone()) {
                self.err(l.span(), format!("label \"{label}\" is declared twice"));
            }
            out.push(label);
        }
        out
    }

    pub(super) fn weighted(&mut self, list: &[RawWeighted], what: &str) -> Vec<(String, Decimal)> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for w in list {
            let label = w.label.get_ref().trim().to_string();
            if label.is_empty() {
                self.err(w.label.span(), format!("{what} label is empty"));
            } else if !seen.insert(label.clone()) {
                self.err(
                    w.label.span(),
                    format!("{what} \"{label}\" is declared twice"),
                );
            }
            let weight = w.weight.get_ref().0;
            if weight <= Decimal::ZERO {
                self.err(
                    w.weight.span(),
                    format!("{what} weight must be greater than 0, got {weight}"),
                );
            }
            out.push((label, weight));
        }
        out
    }

    pub(super) fn satisfied(
        &mut self,
        v: &Option<S<Vec<S<String>>>>,
        options: &[LabelValue],
    ) -> Vec<String> {
        match v {
            None => options
                .iter()
                .max_by(|a, b| a.value.cmp(&b.value))
                .map(|o| vec![o.label.clone()])
                .unwrap_or_default(),
            Some(list) => {
                self.not_empty(
                    list,
                    "satisfied",
                    "name the options that count as satisfied, e.g. satisfied = [\"满意\"], or leave `satisfied` out for the highest-valued option",
                );
                let mut out = Vec::new();
                for l in list.get_ref() {
                    if options.iter().any(|o| &o.label == l.get_ref()) {
                        out.push(l.get_ref().clone());
                    } else {
                        self.err(
                            l.span(),
                            format!(
                                "satisfied label \"{}\" is not one of the options",
                                l.get_ref()
                            ),
                        );
                    }
                }
                out
            }
        }
    }
}
