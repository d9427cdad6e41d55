//! Texts kept once, end to end in one string, each known by a number: concern ids, worker ids,
//! concern texts, categories, units and notes of a province's ledger in a few allocations.

use std::fmt;
use std::hash::BuildHasher;

/// Texts numbered in the order first given; the same text always gets the same number.
#[derive(Clone, Default)]
pub(crate) struct Strings {
    text: String,
    ends: Vec<usize>,
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::FixedState,
}

impl fmt::Debug for Strings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Strings({} texts)", self.ends.len())
    }
}

/// The number of "no text".
pub(crate) const NONE: u32 = u32::MAX;

fn at<'a>(text: &'a str, ends: &[usize], i: u32) -> &'a str {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &text[start..ends[i]]
}

impl Strings {
    /// The number of `s`: its own when already given, otherwise the next one.
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        let h = self.hasher.hash_one(s);
        let Strings {
            text,
            ends,
            table,
            hasher,
        } = self;
        if let Some(&i) = table.find(h, |&i| at(text, ends, i) == s) {
            return i;
        }
        let i = u32::try_from(ends.len()).expect("fewer than 4 294 967 295 texts");
        text.push_str(s);
        ends.push(text.len());
        table.insert_unique(h, i, |&j| hasher.hash_one(at(text, ends, j)));
        i
    }

    /// The number of `s`, when given.
    pub(crate) fn find(&self, s: &str) -> Option<u32> {
        let h = self.hasher.hash_one(s);
        self.table
            .find(h, |&i| at(&self.text, &self.ends, i) == s)
            .copied()
    }

    /// The text of number `i`; "" for [`NONE`].
    pub(crate) fn get(&self, i: u32) -> &str {
        if i == NONE {
            return "";
        }
        at(&self.text, &self.ends, i)
    }

    /// The text of number `i`, `None` for [`NONE`].
    pub(crate) fn opt(&self, i: u32) -> Option<&str> {
        (i != NONE).then(|| self.get(i))
    }

    /// For each text in number order, whether `f` holds for it.
    pub(crate) fn flags(&self, f: impl Fn(&str) -> bool) -> Vec<bool> {
        (0..self.ends.len() as u32)
            .map(|i| f(self.get(i)))
            .collect()
    }

    /// Frees the room kept for more texts.
    pub(crate) fn shrink_to_fit(&mut self) {
        let Strings {
            text,
            ends,
            table,
            hasher,
        } = self;
        text.shrink_to_fit();
        ends.shrink_to_fit();
        table.shrink_to_fit(|&j| hasher.hash_one(at(text, ends, j)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_gets_the_same_number() {
        let mut s = Strings::default();
        assert_eq!(s.intern("楼道灯坏了"), 0);
        assert_eq!(s.intern(""), 1);
        assert_eq!(s.intern("W1"), 2);
        assert_eq!(s.intern("楼道灯坏了"), 0);
        assert_eq!(
            (s.get(0), s.get(1), s.get(2), s.get(NONE)),
            ("楼道灯坏了", "", "W1", "")
        );
        assert_eq!((s.find("W1"), s.find("W2")), (Some(2), None));
        s.shrink_to_fit();
        assert_eq!(s.find("楼道灯坏了"), Some(0));
    }
}
