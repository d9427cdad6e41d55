//! Krippendorff's α, computed with the coincidence-matrix method, missing data allowed
//! (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011; *Content Analysis*,
//! 2004, ch. 11).
//!
//! Reliability data are units, each with the values the coders who coded it gave (a coder who
//! did not code a unit is simply absent). A unit with `m_u ≥ 2` values is *pairable*; the
//! others drop out. Every ordered pair of values (c, k) of a pairable unit adds `1 / (m_u − 1)`
//! to the coincidence `o_ck`; `n_c = Σ_k o_ck` is how many pairable values are c, and `n` is
//! their number. Then
//!
//! ```text
//! Do = (1/n) Σ_c Σ_k o_ck δ²(c, k)                      observed disagreement
//! De = 1/(n(n − 1)) Σ_c Σ_k n_c n_k δ²(c, k)            disagreement expected by chance
//! α  = 1 − Do / De
//! ```
//!
//! with the metric's difference δ²: nominal `c ≠ k`; ordinal `(Σ_{g=c..k} n_g − (n_c + n_k)/2)²`
//! (ranks through the marginal counts, not plain rank differences); interval `(c − k)²`; ratio
//! `((c − k)/(c + k))²`.
//!
//! Everything is exact (rationals) until α is made a float. Sums of `n_c n_k δ²` use the
//! algebraic identities for nominal (`n² − Σ n_c²`) and interval
//! (`2(n Σ n_c c² − (Σ n_c c)²)`) data, so that panels with many distinct scores stay fast;
//! ordinal and ratio data sum over pairs of values.
//!
//! ```
//! use yardstick::audit::alpha::{Coincidences, Metric};
//! use rust_decimal::Decimal;
//!
//! // Two coders, three units, one disagreement of 1 point.
//! let mut c = Coincidences::default();
//! for unit in [[1, 1], [2, 2], [3, 4]] {
//!     c.unit(&unit.map(Decimal::from));
//! }
//! let a = c.alpha(Metric::Interval);
//! assert_eq!((a.units, a.values), (3, 6));
//! // Do = 2/6, De = 82/30: α = 1 − 10/82 = 36/41.
//! assert_eq!(a.exact.unwrap().to_string(), "36/41");
//! ```

use std::collections::HashMap;

use num_traits::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::num::{Exact, Q};

/// The level of measurement, which gives the difference function δ².
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Categories: any two different values differ by 1.
    Nominal,
    /// Ranks: the difference grows with how many values lie between, by the marginal counts.
    Ordinal,
    /// Numbers whose differences mean something: the squared difference.
    Interval,
    /// Numbers with a true zero: the squared difference relative to the sum.
    Ratio,
}

/// Krippendorff's α of some reliability data.
#[derive(Debug, Clone, PartialEq)]
pub struct Alpha {
    /// α as a float (the exact value rounded once); `None` when no unit is pairable or no
    /// disagreement is expected (De = 0).
    pub alpha: Option<f64>,
    /// α exactly, when defined.
    pub exact: Option<Q>,
    /// Pairable units (two or more values).
    pub units: usize,
    /// Values in the pairable units (n).
    pub values: usize,
}

/// Reliability data folded as they come: unit by unit into the coincidences' marginals and the
/// pairs of different values, without keeping the units.
#[derive(Debug, Default, Clone)]
pub struct Coincidences {
    /// Each distinct value (normalised) to its number in `domain`.
    index: HashMap<Decimal, u32>,
    /// The distinct values, in order of first appearance.
    domain: Vec<Decimal>,
    /// n_c: pairable values equal to `domain[c]`.
    marginal: Vec<u64>,
    /// Unordered pairs of different values within a unit, by (m_u, c, k) with c < k (numbers in
    /// `domain`): how many.
    pairs: HashMap<(u32, u32, u32), u64>,
    units: usize,
    values: usize,
    /// Scratch: the current unit's values as numbers.
    scratch: Vec<u32>,
}

impl Coincidences {
    /// Adds one unit: the values its coders gave (missing values left out). A unit with fewer
    /// than two values is not pairable and changes nothing.
    pub fn unit(&mut self, values: &[Decimal]) {
        if values.len() < 2 {
            return;
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        for v in values {
            scratch.push(self.number(*v));
        }
        self.add_numbers(&scratch);
        self.scratch = scratch;
    }

    /// The number of value `v` in the domain, given it the first time.
    fn number(&mut self, v: Decimal) -> u32 {
        let v = v.normalize();
        if let Some(&n) = self.index.get(&v) {
            return n;
        }
        let n = u32::try_from(self.domain.len()).unwrap_or(u32::MAX);
        self.domain.push(v);
        self.marginal.push(0);
        self.index.insert(v, n);
        n
    }

    fn add_numbers(&mut self, unit: &[u32]) {
        let m = unit.len();
        let Ok(m32) = u32::try_from(m) else { return };
        self.units += 1;
        self.values += m;
        for &c in unit {
            self.marginal[c as usize] += 1;
        }
        for (i, &a) in unit.iter().enumerate() {
            for &b in &unit[i + 1..] {
                if a != b {
                    *self.pairs.entry((m32, a.min(b), a.max(b))).or_default() += 1;
                }
            }
        }
    }

    /// Pairable units so far.
    pub fn units(&self) -> usize {
        self.units
    }

    /// Krippendorff's α of the units added, with `metric`.
    pub fn alpha(&self, metric: Metric) -> Alpha {
        let none = Alpha {
            alpha: None,
            exact: None,
            units: self.units,
            values: self.values,
        };
        if self.units == 0 {
            return none;
        }
        let delta = Delta::new(self, metric);
        let n = count(self.values as u64);
        // n·Do = Σ_u 1/(m_u − 1) Σ_{i≠j} δ²(v_i, v_j): each unordered pair counts twice.
        let mut observed = Exact::int(0);
        for (&(m, c, k), &times) in &self.pairs {
            let term = delta
                .get(c, k)
                .mul(&count(2 * times))
                .div(&count(u64::from(m) - 1));
            observed = observed.add(&term);
        }
        // n(n − 1)·De = Σ_c Σ_k n_c n_k δ²(c, k).
        let expected = delta.expected(self);
        if expected.is_zero() {
            return none;
        }
        // α = 1 − Do/De = 1 − (n − 1)·(n·Do) / (n(n − 1)·De).
        let ratio = observed.mul(&n.sub(&Exact::int(1))).div(&expected).into_q();
        let exact = crate::num::qi(1) - ratio;
        Alpha {
            alpha: exact.to_f64(),
            exact: Some(exact),
            ..none
        }
    }
}

fn count(n: u64) -> Exact {
    Exact::Small(i128::from(n), 1)
}

/// The difference function of a metric over the data's domain.
struct Delta<'a> {
    metric: Metric,
    data: &'a Coincidences,
    /// For ordinal data: the position of each value number in ascending order, and the
    /// cumulative marginals in that order (cum[r] = Σ n over the first r values).
    rank: Vec<usize>,
    cum: Vec<u64>,
}

impl<'a> Delta<'a> {
    fn new(data: &'a Coincidences, metric: Metric) -> Delta<'a> {
        let mut rank = Vec::new();
        let mut cum = Vec::new();
        if metric == Metric::Ordinal {
            let mut order: Vec<usize> = (0..data.domain.len()).collect();
            order.sort_by_key(|&i| data.domain[i]);
            rank = vec![0; order.len()];
            cum.push(0);
            for (r, &i) in order.iter().enumerate() {
                rank[i] = r;
                cum.push(cum[r] + data.marginal[i]);
            }
        }
        Delta {
            metric,
            data,
            rank,
            cum,
        }
    }

    /// δ²(c, k) for value numbers c and k.
    fn get(&self, c: u32, k: u32) -> Exact {
        let (c, k) = (c as usize, k as usize);
        if c == k {
            return Exact::int(0);
        }
        let value = |i: usize| Exact::dec(self.data.domain[i]);
        match self.metric {
            Metric::Nominal => Exact::int(1),
            Metric::Ordinal => {
                let (a, b) = (
                    self.rank[c].min(self.rank[k]),
                    self.rank[c].max(self.rank[k]),
                );
                // Σ_{g=a..b} n_g − (n_a + n_b)/2, doubled to stay whole.
                let between = self.cum[b + 1] - self.cum[a];
                let twice = 2 * between as i128
                    - self.data.marginal[c] as i128
                    - self.data.marginal[k] as i128;
                Exact::Small(twice * twice, 4)
            }
            Metric::Interval => {
                let d = value(c).sub(&value(k));
                d.mul(&d)
            }
            Metric::Ratio => {
                let sum = value(c).add(&value(k));
                if sum.is_zero() {
                    return Exact::int(0);
                }
                let r = value(c).sub(&value(k)).div(&sum);
                r.mul(&r)
            }
        }
    }

    /// Σ_c Σ_k n_c n_k δ²(c, k).
    fn expected(&self, data: &Coincidences) -> Exact {
        let n = count(data.values as u64);
        let marginals = || data.marginal.iter().enumerate().filter(|(_, m)| **m > 0);
        match self.metric {
            Metric::Nominal => {
                let squares =
                    marginals().fold(Exact::int(0), |a, (_, &m)| a.add(&count(m).mul(&count(m))));
                n.mul(&n).sub(&squares)
            }
            Metric::Interval => {
                // Σ_c Σ_k n_c n_k (c − k)² = 2(n Σ n_c c² − (Σ n_c c)²).
                let (mut s1, mut s2) = (Exact::int(0), Exact::int(0));
                for (i, &m) in marginals() {
                    let v = Exact::dec(data.domain[i]);
                    let nv = count(m).mul(&v);
                    s2 = s2.add(&nv.mul(&v));
                    s1 = s1.add(&nv);
                }
                Exact::int(2).mul(&n.mul(&s2).sub(&s1.mul(&s1)))
            }
            Metric::Ordinal | Metric::Ratio => {
                let present: Vec<(usize, u64)> = marginals().map(|(i, &m)| (i, m)).collect();
                let mut sum = Exact::int(0);
                for (x, &(c, nc)) in present.iter().enumerate() {
                    for &(k, nk) in &present[x + 1..] {
                        let d = self.get(c as u32, k as u32);
                        sum = sum.add(&d.mul(&count(2 * nc * nk)));
                    }
                }
                sum
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Units from a coders × units matrix with missing values (`None`).
    fn data(rows: &[&[Option<i64>]]) -> Coincidences {
        let mut c = Coincidences::default();
        let units = rows[0].len();
        for u in 0..units {
            let values: Vec<Decimal> = rows
                .iter()
                .filter_map(|r| r[u])
                .map(Decimal::from)
                .collect();
            c.unit(&values);
        }
        c
    }

    const N: Option<i64> = None;

    /// Krippendorff's reliability data: 4 observers (A–D) × 12 units, values 1–5, with missing
    /// values. Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg
    /// School for Communication, University of Pennsylvania, section "E. Any number of
    /// observers, any metric, missing data"; the same data are the example of R's
    /// `irr::kripp.alpha` (Gamer, Lemon, Fellows & Singh), whose documented output is nominal
    /// 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
    #[rustfmt::skip]
    fn krippendorff_2011() -> Coincidences {
        data(&[
            &[Some(1), Some(2), Some(3), Some(3), Some(2), Some(1), Some(4), Some(1), Some(2), N, N, N],
            &[Some(1), Some(2), Some(3), Some(3), Some(2), Some(2), Some(4), Some(1), Some(2), Some(5), N, Some(3)],
            &[N, Some(3), Some(3), Some(3), Some(2), Some(3), Some(4), Some(2), Some(2), Some(5), Some(1), N],
            &[Some(1), Some(2), Some(3), Some(3), Some(2), Some(4), Some(4), Some(1), Some(2), Some(5), Some(1), N],
        ])
    }

    fn three(a: &Alpha) -> String {
        format!("{:.3}", a.alpha.unwrap())
    }

    #[test]
    fn krippendorffs_reliability_data_give_his_published_alphas() {
        let c = krippendorff_2011();
        let nominal = c.alpha(Metric::Nominal);
        // Unit 12 has one value only: 11 pairable units, 40 pairable values.
        assert_eq!((nominal.units, nominal.values), (11, 40));
        assert_eq!(three(&nominal), "0.743");
        assert_eq!(three(&c.alpha(Metric::Ordinal)), "0.815");
        assert_eq!(three(&c.alpha(Metric::Interval)), "0.849");
        assert_eq!(three(&c.alpha(Metric::Ratio)), "0.797");
        // Exactly, as worked with fractions: nominal 1 − 39/152 (Do = 10/40, De = 0.7308…).
        let q = |a: &Alpha| a.exact.clone().unwrap().to_string();
        assert_eq!(q(&nominal), "113/152");
        assert_eq!(q(&c.alpha(Metric::Interval)), "951/1120");
        assert_eq!(q(&c.alpha(Metric::Ordinal)), "108577/133160");
    }

    #[test]
    fn binary_data_of_two_observers() {
        // Krippendorff (2011), section "A. Binary or dichotomous data, two observers, no
        // missing data": 10 units, α = 0.095.
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        let mut c = Coincidences::default();
        for (x, y) in a.iter().zip(b) {
            c.unit(&[Decimal::from(*x), Decimal::from(y)]);
        }
        let nominal = c.alpha(Metric::Nominal);
        assert_eq!(three(&nominal), "0.095");
        // 1 − (n − 1) o_01 / (n_0 n_1) = 1 − 19 × 4 / (14 × 6) = 2/21.
        assert_eq!(nominal.exact.unwrap().to_string(), "2/21");
    }

    #[test]
    fn the_computational_example_of_three_coders_and_fifteen_units() {
        // The worked "computational example" of Krippendorff's α (3 coders × 15 units, values
        // 1–4, missing data), as printed in the Wikipedia article "Krippendorff's alpha":
        // α_nominal = 0.691. The interval value 0.811 is what the `krippendorff` Python
        // package's tests expect on the same data (0.810845).
        #[rustfmt::skip]
        let c = data(&[
            &[N, N, N, N, N, Some(3), Some(4), Some(1), Some(2), Some(1), Some(1), Some(3), Some(3), N, Some(3)],
            &[Some(1), N, Some(2), Some(1), Some(3), Some(3), Some(4), Some(3), N, N, N, N, N, N, N],
            &[N, N, Some(2), Some(1), Some(3), Some(4), Some(4), N, Some(2), Some(1), Some(1), Some(3), Some(3), N, Some(4)],
        ]);
        let nominal = c.alpha(Metric::Nominal);
        assert_eq!(three(&nominal), "0.691");
        assert!((nominal.alpha.unwrap() - 0.691358).abs() < 5e-7);
        let interval = c.alpha(Metric::Interval).alpha.unwrap();
        assert!((interval - 0.810845).abs() < 5e-7, "{interval}");
        // Units 1, 2 and 14 have fewer than two values.
        assert_eq!(nominal.units, 12);
    }

    #[test]
    fn nothing_pairable_or_no_expected_disagreement_gives_no_alpha() {
        let mut c = Coincidences::default();
        c.unit(&[Decimal::from(3)]);
        c.unit(&[]);
        let a = c.alpha(Metric::Interval);
        assert_eq!((a.alpha, a.units, a.values), (None, 0, 0));
        // Every value the same: De = 0.
        c.unit(&[Decimal::from(3), Decimal::from(3)]);
        c.unit(&[Decimal::from(3), Decimal::from(3), Decimal::from(3)]);
        for m in [
            Metric::Nominal,
            Metric::Ordinal,
            Metric::Interval,
            Metric::Ratio,
        ] {
            let a = c.alpha(m);
            assert_eq!((a.alpha, a.units, a.values), (None, 2, 5), "{m:?}");
        }
    }

    #[test]
    fn perfect_agreement_is_one_and_values_equal_however_written() {
        let mut c = Coincidences::default();
        c.unit(&[Decimal::new(850, 1), Decimal::new(85, 0)]);
        c.unit(&[Decimal::new(90, 0), Decimal::new(9000, 2)]);
        for m in [
            Metric::Nominal,
            Metric::Ordinal,
            Metric::Interval,
            Metric::Ratio,
        ] {
            assert_eq!(c.alpha(m).alpha, Some(1.0), "{m:?}");
        }
    }

    #[test]
    fn ordinal_uses_marginal_counts_not_rank_differences() {
        // Two ranks far apart in value but adjacent in order: ordinal α equals the α of the
        // same data recoded 1, 2 (only the order matters), unlike interval α.
        let make = |hi: i64| {
            let mut c = Coincidences::default();
            for u in [[1, 1], [1, hi], [hi, hi], [1, 1], [hi, hi]] {
                c.unit(&[Decimal::from(u[0]), Decimal::from(u[1])]);
            }
            c
        };
        assert_eq!(
            make(2).alpha(Metric::Ordinal).exact,
            make(50).alpha(Metric::Ordinal).exact
        );
        // And with three values, the middle value's count changes the distance between the
        // outer two.
        let mut thin = Coincidences::default();
        let mut thick = Coincidences::default();
        for u in [[1, 3], [1, 1], [3, 3], [2, 2]] {
            thin.unit(&u.map(Decimal::from));
        }
        for u in [[1, 3], [1, 1], [3, 3], [2, 2], [2, 2], [2, 2]] {
            thick.unit(&u.map(Decimal::from));
        }
        assert_ne!(
            thin.alpha(Metric::Ordinal).alpha,
            thick.alpha(Metric::Ordinal).alpha
        );
    }

    proptest::proptest! {
        /// The fast sums equal the coincidence matrix summed cell by cell.
        #[test]
        fn fast_sums_equal_the_matrix(
            units in proptest::collection::vec(
                proptest::collection::vec(0i64..6, 0..5), 1..12)
        ) {
            let mut c = Coincidences::default();
            for u in &units {
                c.unit(&u.iter().map(|&v| Decimal::from(v)).collect::<Vec<_>>());
            }
            for m in [Metric::Nominal, Metric::Ordinal, Metric::Interval, Metric::Ratio] {
                proptest::prop_assert_eq!(c.alpha(m).exact, by_matrix(&units, m));
            }
        }
    }

    /// α from the full coincidence matrix in big rationals, the textbook way.
    fn by_matrix(units: &[Vec<i64>], metric: Metric) -> Option<Q> {
        use crate::num::qi;
        let vals: Vec<i64> = {
            let mut v: Vec<i64> = units
                .iter()
                .filter(|u| u.len() > 1)
                .flatten()
                .copied()
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let at = |x: i64| vals.iter().position(|&v| v == x).unwrap();
        let size = vals.len();
        let mut o = vec![vec![qi(0); size]; size];
        for u in units.iter().filter(|u| u.len() > 1) {
            let m = qi(u.len() as i64 - 1);
            for i in 0..u.len() {
                for j in 0..u.len() {
                    if i != j {
                        o[at(u[i])][at(u[j])] += qi(1) / m.clone();
                    }
                }
            }
        }
        if size == 0 {
            return None;
        }
        let nc: Vec<Q> = o.iter().map(|r| r.iter().cloned().sum()).collect();
        let n: Q = nc.iter().cloned().sum();
        let d = |c: usize, k: usize| -> Q {
            let (x, y) = (qi(vals[c]), qi(vals[k]));
            match metric {
                Metric::Nominal => qi(i64::from(c != k)),
                Metric::Interval => (x - y.clone()) * (qi(vals[c]) - y),
                Metric::Ratio => {
                    if vals[c] + vals[k] == 0 {
                        qi(0)
                    } else {
                        let r = (x.clone() - y.clone()) / (x + y);
                        r.clone() * r
                    }
                }
                Metric::Ordinal => {
                    let (a, b) = (c.min(k), c.max(k));
                    let s: Q = (a..=b).map(|g| nc[g].clone()).sum::<Q>()
                        - (nc[a].clone() + nc[b].clone()) / qi(2);
                    s.clone() * s
                }
            }
        };
        let mut dobs = qi(0);
        let mut dexp = qi(0);
        for c in 0..size {
            for k in 0..size {
                dobs += o[c][k].clone() * d(c, k);
                dexp += nc[c].clone() * nc[k].clone() * d(c, k);
            }
        }
        let dobs = dobs / n.clone();
        let dexp = dexp / (n.clone() * (n - qi(1)));
        if dexp == qi(0) {
            return None;
        }
        Some(qi(1) - dobs / dexp)
    }
}
