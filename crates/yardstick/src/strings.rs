//! Texts kept once, end to end in one string, each known by a number: concern ids, worker ids,
//! concern texts, categories, units and notes of a province's ledger, or the ids of a ballot
//! file's sheets, in a few allocations.

use std::fmt;
use std::hash::BuildHasher;

/// Texts numbered in the order first given; the same text always gets the same number.
#[derive(Clone, Default)]
pub(crate) struct Strings {
    texts: Texts,
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::FixedState,
}

/// The texts of [`Strings`] without the table that finds a text's number: what is kept once
/// no more texts come.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Texts {
    text: String,
    ends: Vec<usize>,
}

impl fmt::Debug for Strings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Strings({} texts)", self.texts.len())
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Texts({} texts)", self.len())
    }
}

/// The number of "no text".
pub(crate) const NONE: u32 = u32::MAX;

impl Texts {
    /// The text of number `i`; "" for [`NONE`] or a number never given.
    pub(crate) fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = i
            .checked_sub(1)
            .map_or(0, |p| self.ends.get(p).copied().unwrap_or(0));
        self.ends
            .get(i)
            .and_then(|&end| self.text.get(start..end))
            .unwrap_or_default()
    }

    /// How many texts there are.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

impl Strings {
    /// The number of `s`: its own when already given, otherwise the next one.
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        let h = self.hasher.hash_one(s);
        let Strings {
            texts,
            table,
            hasher,
        } = self;
        if let Some(&i) = table.find(h, |&i| texts.get(i) == s) {
            return i;
        }
        let i = u32::try_from(texts.len()).expect("fewer than 4 294 967 295 texts");
        texts.text.push_str(s);
        texts.ends.push(texts.text.len());
        table.insert_unique(h, i, |&j| hasher.hash_one(texts.get(j)));
        i
    }

    /// The number of `s`, when given.
    pub(crate) fn find(&self, s: &str) -> Option<u32> {
        let h = self.hasher.hash_one(s);
        self.table.find(h, |&i| self.texts.get(i) == s).copied()
    }

    /// The text of number `i`; "" for [`NONE`].
    pub(crate) fn get(&self, i: u32) -> &str {
        self.texts.get(i)
    }

    /// The text of number `i`, `None` for [`NONE`].
    pub(crate) fn opt(&self, i: u32) -> Option<&str> {
        (i != NONE).then(|| self.get(i))
    }

    /// For each text in number order, whether `f` holds for it.
    pub(crate) fn flags(&self, f: impl Fn(&str) -> bool) -> Vec<bool> {
        (0..self.texts.len() as u32)
            .map(|i| f(self.get(i)))
            .collect()
    }

    /// Frees the room kept for more texts.
    pub(crate) fn shrink_to_fit(&mut self) {
        let Strings {
            texts,
            table,
            hasher,
        } = self;
        texts.text.shrink_to_fit();
        texts.ends.shrink_to_fit();
        table.shrink_to_fit(|&j| hasher.hash_one(texts.get(j)));
    }

    /// The texts alone, their table dropped, in as little room as they take.
    pub(crate) fn into_texts(self) -> Texts {
        let mut texts = self.texts;
        texts.text.shrink_to_fit();
        texts.ends.shrink_to_fit();
        texts
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
        let texts = s.into_texts();
        assert_eq!(
            (texts.len(), texts.get(0), texts.get(2), texts.get(3)),
            (3, "楼道灯坏了", "W1", "")
        );
    }
}
