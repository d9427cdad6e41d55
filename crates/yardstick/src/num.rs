//! Exact numbers: decimals as read, rationals in between, decimals again once rounded.
//!
//! Every score is computed as an exact rational ([`Q`]) from the decimal values of the input
//! files and the rubric, and is rounded once, where the rubric says, into a [`Decimal`].

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An exact rational number.
pub type Q = BigRational;

/// How a value is rounded to the rubric's number of decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// 四舍五入: a half goes away from zero (89.995 → 90.00).
    #[default]
    HalfUp,
    /// Banker's rounding: a half goes to the even neighbour.
    HalfEven,
    /// Truncation toward zero.
    Down,
}

/// Converts a decimal into an exact rational.
pub fn q(d: Decimal) -> Q {
    let mantissa = BigInt::from(d.mantissa());
    let denom = BigInt::from(10u8).pow(d.scale());
    BigRational::new(mantissa, denom)
}

/// An integer as a rational.
pub fn qi(n: i64) -> Q {
    BigRational::from_integer(BigInt::from(n))
}

/// Rounds an exact rational to `decimals` places with `mode`.
///
/// The result saturates at the largest decimal when it does not fit (far beyond any score).
pub fn round(value: &Q, decimals: u32, mode: RoundingMode) -> Decimal {
    let scale = BigInt::from(10u8).pow(decimals);
    let scaled = value * BigRational::from_integer(scale);
    let negative = scaled.is_negative();
    let magnitude = scaled.abs();
    let whole = magnitude.trunc();
    let frac = &magnitude - &whole;
    let half = BigRational::new(BigInt::from(1), BigInt::from(2));
    let mut units = whole.to_integer();
    let round_up = match mode {
        RoundingMode::Down => false,
        RoundingMode::HalfUp => frac >= half,
        RoundingMode::HalfEven => {
            frac > half || (frac == half && (&units % BigInt::from(2u8)) != BigInt::zero())
        }
    };
    if round_up {
        units += 1;
    }
    if negative {
        units = -units;
    }
    match units.to_i128() {
        Some(n) => Decimal::try_from_i128_with_scale(n, decimals).unwrap_or(if negative {
            Decimal::MIN
        } else {
            Decimal::MAX
        }),
        None if negative => Decimal::MIN,
        None => Decimal::MAX,
    }
}

/// Rounds half up to two decimals and keeps two decimals in the printed form (`90.00`).
pub fn round2(value: &Q) -> Decimal {
    fixed(round(value, 2, RoundingMode::HalfUp), 2)
}

/// Gives a decimal exactly `decimals` digits after the point (`90` → `90.00`).
pub fn fixed(mut d: Decimal, decimals: u32) -> Decimal {
    if d.scale() < decimals {
        d.rescale(decimals);
    }
    d
}

/// An approximate float for statistics and display; never used for scores.
pub fn to_f64(value: &Q) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

/// Parses a decimal number as written by a person: `85`, `85.5`, `+85.50`, `-1`.
///
/// Rejects exponents, thousands separators, `NaN` and anything but ASCII digits and one point.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    if body.is_empty() || body.starts_with('.') && body.len() == 1 {
        return None;
    }
    let mut points = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => {}
            '.' => points += 1,
            _ => return None,
        }
    }
    if points > 1 {
        return None;
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    t.parse::<Decimal>().ok()
}

/// Parses a ratio written as a fraction `1/5`, a decimal `0.2` or a percentage `20%`.
pub fn parse_ratio(text: &str) -> Option<Q> {
    let t = text.trim();
    if let Some((a, b)) = t.split_once('/') {
        let a = parse_decimal(a)?;
        let b = parse_decimal(b)?;
        if b.is_zero() {
            return None;
        }
        return Some(q(a) / q(b));
    }
    if let Some(p) = t.strip_suffix('%') {
        return Some(q(parse_decimal(p)?) / qi(100));
    }
    Some(q(parse_decimal(t)?))
}

/// Writes a rational for people: exact when it has a short decimal form, otherwise as a fraction
/// with a rounded decimal beside it (`80/3 ≈ 26.6667`).
pub fn describe(value: &Q) -> String {
    let mut denom = value.denom().clone();
    let two = BigInt::from(2u8);
    let five = BigInt::from(5u8);
    let mut places = 0u32;
    while (&denom % &two).is_zero() {
        denom /= &two;
        places += 1;
    }
    let mut fives = 0u32;
    while (&denom % &five).is_zero() {
        denom /= &five;
        fives += 1;
    }
    let places = places.max(fives);
    if denom == BigInt::from(1) && places <= 6 {
        let d = round(value, places, RoundingMode::HalfUp).normalize();
        return d.to_string();
    }
    format!(
        "{}/{} ≈ {}",
        value.numer(),
        value.denom(),
        round(value, 4, RoundingMode::HalfUp)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn half_up_rounds_the_boundary_up() {
        // DOMAIN.md: 89.995 → 90.00 with half-up decimal rounding.
        assert_eq!(round2(&q(d("89.995"))).to_string(), "90.00");
        assert_eq!(round2(&q(d("89.994999"))).to_string(), "89.99");
        assert_eq!(round2(&(qi(80) / qi(3))).to_string(), "26.67");
        assert_eq!(
            round(&q(d("-1.005")), 2, RoundingMode::HalfUp).to_string(),
            "-1.01"
        );
        assert_eq!(
            round(&q(d("2.345")), 2, RoundingMode::HalfEven).to_string(),
            "2.34"
        );
        assert_eq!(
            round(&q(d("2.355")), 2, RoundingMode::HalfEven).to_string(),
            "2.36"
        );
        assert_eq!(
            round(&q(d("2.359")), 2, RoundingMode::Down).to_string(),
            "2.35"
        );
    }

    #[test]
    fn parses_numbers_as_people_write_them() {
        assert_eq!(parse_decimal(" 85.5 "), Some(d("85.5")));
        assert_eq!(parse_decimal("+3"), Some(d("3")));
        assert_eq!(parse_decimal("-0.5"), Some(d("-0.5")));
        for bad in ["", "abc", "1e3", "1,000", "8.5.1", ".", "NaN", "八十"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
        assert_eq!(parse_ratio("1/5"), Some(qi(1) / qi(5)));
        assert_eq!(parse_ratio("20%"), Some(qi(1) / qi(5)));
        assert_eq!(parse_ratio("0.2"), Some(qi(1) / qi(5)));
        assert_eq!(parse_ratio("1/0"), None);
    }

    #[test]
    fn describes_exact_and_repeating_values() {
        assert_eq!(describe(&(qi(171) / qi(2))), "85.5");
        assert_eq!(describe(&(qi(80) / qi(3))), "80/3 ≈ 26.6667");
    }
}
