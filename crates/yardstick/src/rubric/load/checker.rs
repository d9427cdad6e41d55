//! The checker: where problems are collected, and the checks that several sections share.

use std::collections::HashSet;
use std::ops::Range;

use rust_decimal::Decimal;

use super::{RawLabelValue, RawWeighted, S, SCALE};
use crate::error::{LineIndex, Sink};
use crate::i18n::{List, Message};
use crate::msg;
use crate::rubric::LabelValue;

/// Checks while converting, collecting every problem.
pub(super) struct Checker<'a> {
    pub(super) file: &'a str,
    pub(super) index: LineIndex<'a>,
    pub(super) sink: Sink,
}

impl Checker<'_> {
    pub(super) fn err(&mut self, span: Range<usize>, msg: Message) {
        let d = self.index.diag(self.file, span, msg);
        self.sink.push(d);
    }

    /// The choice `v` names among `choices` (`default` when not given); `what` names what is
    /// chosen (`msg!("what-rounding-mode")`).
    pub(super) fn enumerated<T>(
        &mut self,
        v: &Option<S<String>>,
        what: Message,
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
                let names = List::quoted(choices.iter().map(|(k, _)| k));
                self.err(
                    v.span(),
                    msg!(
                        "error-unknown-choice",
                        what = what,
                        value = v.get_ref(),
                        expected = names
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
                self.err(s.span(), msg!("error-at-least", key = key, least = least));
                default
            }
            Some(s) => *s.get_ref() as usize,
        }
    }

    /// Reports a list written empty, where at least one entry is needed: `instead` says what
    /// to write. True when the list has an entry.
    pub(super) fn not_empty<T>(&mut self, list: &S<Vec<T>>, key: &str, instead: Message) -> bool {
        if list.get_ref().is_empty() {
            self.err(
                list.span(),
                msg!("error-list-empty", key = key, instead = instead),
            );
            return false;
        }
        true
    }

    /// Labels with values on the component scale, 0 to [`SCALE`]; `seen` holds the labels
    /// declared before in the same component.
    pub(super) fn labels(
        &mut self,
        list: &[RawLabelValue],
        what: Message,
        seen: &mut HashSet<String>,
    ) -> Vec<LabelValue> {
        let mut out = Vec::new();
        for lv in list {
            let label = lv.label.get_ref().trim().to_string();
            if label.is_empty() {
                self.err(lv.label.span(), msg!("error-label-empty", what = what));
            } else if !seen.insert(label.clone()) {
                self.err(
                    lv.label.span(),
                    msg!("error-label-twice", what = what, label = label),
                );
            }
            let value = lv.value.get_ref().0;
            if value < Decimal::ZERO || value > SCALE {
                self.err(
                    lv.value.span(),
                    msg!(
                        "error-label-value-range",
                        what = what,
                        label = label,
                        value = value,
                        scale = SCALE
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
                self.err(l.span(), msg!("error-label-empty", what = what));
            } else if !seen.insert(label.clone()) {
                self.err(l.span(), msg!("error-plain-label-twice", label = label));
            }
            out.push(label);
        }
        out
    }

    pub(super) fn weighted(
        &mut self,
        list: &[RawWeighted],
        what: Message,
    ) -> Vec<(String, Decimal)> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for w in list {
            let label = w.label.get_ref().trim().to_string();
            if label.is_empty() {
                self.err(w.label.span(), msg!("error-label-empty", what = what));
            } else if !seen.insert(label.clone()) {
                self.err(
                    w.label.span(),
                    msg!("error-weighted-twice", what = what, label = label),
                );
            }
            let weight = w.weight.get_ref().0;
            if weight <= Decimal::ZERO {
                self.err(
                    w.weight.span(),
                    msg!("error-weight-not-positive", what = what, weight = weight),
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
                self.not_empty(list, "satisfied", msg!("what-instead-satisfied"));
                let mut out = Vec::new();
                for l in list.get_ref() {
                    if options.iter().any(|o| &o.label == l.get_ref()) {
                        out.push(l.get_ref().clone());
                    } else {
                        self.err(
                            l.span(),
                            msg!("error-satisfied-not-option", label = l.get_ref()),
                        );
                    }
                }
                out
            }
        }
    }
}
