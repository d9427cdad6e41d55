//! The checker's limits, tested on raw sections without going through TOML.

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use super::checker::Checker;
use super::component::check_components;
use super::section::{Refs, check_adjustments, check_eligibility, check_grades};
use super::*;
use crate::error::{LineIndex, Sink};

/// One more than the ids can number.
const OVER: usize = u16::MAX as usize + 2;

fn checker() -> Checker<'static> {
    Checker {
        file: "r.toml",
        index: LineIndex::new(""),
        sink: Sink::default(),
    }
}

/// The messages found, leaving out those that merely repeat one of `noise`.
fn messages(ck: Checker, noise: &[&str]) -> Vec<String> {
    ck.sink
        .items
        .into_iter()
        .map(|d| d.message.text(crate::i18n::Lang::En))
        .filter(|m| !noise.iter().any(|n| m.contains(n)))
        .collect()
}

/// `OVER` copies of a table, each with its own `key`.
fn many<T: DeserializeOwned + Clone>(toml: &str, set: impl Fn(&mut T, String)) -> Vec<T> {
    let one: T = toml::from_str(toml).unwrap();
    (0..OVER)
        .map(|i| {
            let mut t = one.clone();
            set(&mut t, format!("x{i}"));
            t
        })
        .collect()
}

fn spanned(text: String) -> S<String> {
    Spanned::new(0..0, text)
}

#[test]
fn a_rubric_holds_at_most_65536_components() {
    let list: Vec<RawComponent> = many(
        "id = \"c\"\nkind = \"test\"\nname = \"c\"\nweight = 1",
        |c: &mut RawComponent, id| c.id = spanned(id),
    );
    let mut ck = checker();
    let checked = check_components(&list, &mut ck);
    assert_eq!(checked.len(), 65_536);
    assert_eq!(
        messages(ck, &["weight"]),
        ["too many components: a rubric may declare at most 65536"]
    );
}

#[test]
fn a_rubric_holds_at_most_65536_grades_items_and_rules() {
    let mut grades: Vec<RawBand> = many("label = \"g\"", |b: &mut RawBand, l| b.label = spanned(l));
    for (i, b) in grades.iter_mut().enumerate() {
        b.min = Some(Spanned::new(0..0, Num(Decimal::from(OVER - i))));
    }
    let items: Vec<RawItem> = many(
        "id = \"i\"\nname = \"i\"\nbonus = 1",
        |it: &mut RawItem, id| it.id = spanned(id),
    );
    let rules: Vec<RawEligibility> = many(
        "id = \"r\"\nname = \"r\"\ngrade = \"x0\"\notherwise = \"x1\"\ncomponent = \"c\"\nbelow = 1",
        |r: &mut RawEligibility, id| r.id = spanned(id),
    );
    let mut ck = checker();
    let bands = check_grades(&grades, None, &mut ck);
    assert_eq!(bands.len(), 65_536);
    let refs = Refs::new(&[], &bands);
    let adjustments = RawAdjustments {
        bonus_cap: None,
        deduction_cap: None,
        veto_precedence: None,
        items,
    };
    assert_eq!(
        check_adjustments(&adjustments, &refs, &mut ck).items.len(),
        65_536
    );
    assert_eq!(check_eligibility(&rules, &refs, &mut ck).len(), 65_536);
    assert_eq!(
        messages(ck, &["component \"c\" is not declared"]),
        [
            "too many grade bands: a rubric may declare at most 65536",
            "too many adjustment items: a rubric may declare at most 65536",
            "too many eligibility rules: a rubric may declare at most 65536",
        ]
    );
}
