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
    // Reduced here with machine integers (a decimal's mantissa and 10^scale fit in i128), so
    // that no big-integer gcd is needed.
    let mantissa = d.mantissa();
    let denom = 10i128.pow(d.scale());
    let g = gcd_u128(mantissa.unsigned_abs(), denom.unsigned_abs()).max(1) as i128;
    BigRational::new_raw(BigInt::from(mantissa / g), BigInt::from(denom / g))
}

fn gcd_u128(a: u128, b: u128) -> u128 {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(x), Ok(y)) => u128::from(stein(x, y)),
        _ => stein(a, b),
    }
}

/// Stein's binary gcd: shifts and subtractions, no division (a 128-bit division is a slow
/// library call, and 64-bit numbers take the faster 64-bit instructions).
fn stein<T: num_traits::PrimInt>(mut a: T, mut b: T) -> T {
    if a.is_zero() || b.is_zero() {
        return a | b;
    }
    let shift = (a | b).trailing_zeros() as usize;
    a = a >> a.trailing_zeros() as usize;
    loop {
        b = b >> b.trailing_zeros() as usize;
        if a > b {
            (a, b) = (b, a);
        }
        b = b - a;
        if b.is_zero() {
            return a << shift;
        }
    }
}

/// An integer as a rational.
pub fn qi(n: i64) -> Q {
    BigRational::from_integer(BigInt::from(n))
}

/// Rounds an exact rational to `decimals` places with `mode`.
///
/// The result saturates at the largest decimal when it does not fit (far beyond any score).
pub fn round(value: &Q, decimals: u32, mode: RoundingMode) -> Decimal {
    // Scores are small fractions: machine integers decide them without a big-integer division.
    if let (Some(n), Some(d)) = (value.numer().to_i64(), value.denom().to_i64())
        && let Some(r) = round_small(i128::from(n), i128::from(d), decimals, mode)
    {
        return r;
    }
    round_big(value, decimals, mode)
}

/// [`round`] in big integers, for any value.
fn round_big(value: &Q, decimals: u32, mode: RoundingMode) -> Decimal {
    // value = n / d with d > 0: units = |n| × 10^decimals div d, and the remainder decides.
    let (n, d) = (value.numer(), value.denom());
    let (n, d) = if d.is_negative() {
        (-n, -d)
    } else {
        (n.clone(), d.clone())
    };
    let negative = n.is_negative();
    let scaled = n.abs() * BigInt::from(10u8).pow(decimals);
    let mut units = &scaled / &d;
    let twice: BigInt = (&scaled % &d) * 2u8;
    let round_up = match mode {
        RoundingMode::Down => false,
        RoundingMode::HalfUp => twice >= d,
        RoundingMode::HalfEven => twice > d || (twice == d && units.bit(0)),
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

/// [`round`] of `n / d` in machine integers; `None` when they would overflow (the caller then
/// rounds in big integers) or `d` is 0.
fn round_small(n: i128, d: i128, decimals: u32, mode: RoundingMode) -> Option<Decimal> {
    let (n, d) = if d < 0 {
        (n.checked_neg()?, d.checked_neg()?)
    } else {
        (n, d)
    };
    if d == 0 {
        return None;
    }
    let negative = n < 0;
    let scaled = n
        .checked_abs()?
        .checked_mul(10i128.checked_pow(decimals)?)?;
    let mut units = scaled / d;
    let twice = (scaled % d).checked_mul(2)?;
    let round_up = match mode {
        RoundingMode::Down => false,
        RoundingMode::HalfUp => twice >= d,
        RoundingMode::HalfEven => twice > d || (twice == d && units % 2 == 1),
    };
    if round_up {
        units += 1;
    }
    if negative {
        units = -units;
    }
    Decimal::try_from_i128_with_scale(units, decimals).ok()
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

/// The most significant digits, and the most decimals, a number of the input may have: what
/// [`Decimal`] holds exactly. Longer numbers are refused, never rounded.
pub const MAX_DIGITS: usize = 28;

/// Why a text is not a decimal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number as people write them.
    NotANumber,
    /// More than [`MAX_DIGITS`] significant digits or decimals: it cannot be held exactly.
    TooManyDigits,
}

impl NumberError {
    /// What to tell the user about `subject` (a quoted text and where it is, such as
    /// `msg!("what-cell", value = "八十", column = "score")`), in one sentence.
    pub fn message(self, subject: crate::i18n::Message) -> crate::i18n::Message {
        match self {
            NumberError::NotANumber => crate::msg!("error-not-a-number", subject = subject),
            NumberError::TooManyDigits => {
                crate::msg!("error-too-many-digits", subject = subject, max = MAX_DIGITS)
            }
        }
    }
}

/// Parses a decimal number as written by a person: `85`, `85.5`, `+85.50`, `-1`.
///
/// Rejects exponents, thousands separators, `NaN` and anything but ASCII digits and one point,
/// and numbers that [`Decimal`] cannot hold exactly (see [`parse_decimal_exact`]).
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    parse_decimal_exact(text).ok()
}

/// As [`parse_decimal`], saying why a text is refused: a number with more than [`MAX_DIGITS`]
/// significant digits or decimals is never rounded (`89.99499999999999999999999999999` is not
/// `89.995`). Leading zeros and trailing zeros of the decimals do not count.
///
/// ```
/// use yardstick::num::{parse_decimal_exact, NumberError};
///
/// assert_eq!(parse_decimal_exact("85.50").unwrap().to_string(), "85.50");
/// assert_eq!(
///     parse_decimal_exact("89.99499999999999999999999999999"),
///     Err(NumberError::TooManyDigits)
/// );
/// assert_eq!(parse_decimal_exact("0085.5000000000000000000000000000000").unwrap().to_string(), "85.5");
/// assert_eq!(parse_decimal_exact("八十"), Err(NumberError::NotANumber));
/// ```
pub fn parse_decimal_exact(text: &str) -> Result<Decimal, NumberError> {
    let t = text.trim();
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    if body.is_empty() || body == "." {
        return Err(NumberError::NotANumber);
    }
    let mut points = 0;
    for b in body.bytes() {
        match b {
            b'0'..=b'9' => {}
            b'.' => points += 1,
            _ => return Err(NumberError::NotANumber),
        }
    }
    if points > 1 {
        return Err(NumberError::NotANumber);
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    // Up to MAX_DIGITS digits in all, the parse is exact.
    if body.len() - points <= MAX_DIGITS {
        return t.parse::<Decimal>().map_err(|_| NumberError::NotANumber);
    }
    // Longer texts: without the zeros that carry nothing, the number must still fit.
    let negative = t.starts_with('-');
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let significant = format!("{int}{frac}");
    if significant.trim_start_matches('0').len() > MAX_DIGITS || frac.len() > MAX_DIGITS {
        return Err(NumberError::TooManyDigits);
    }
    let short = format!(
        "{}{}{}{frac}",
        if negative { "-" } else { "" },
        if int.is_empty() { "0" } else { int },
        if frac.is_empty() { "" } else { "." }
    );
    short
        .parse::<Decimal>()
        .map_err(|_| NumberError::TooManyDigits)
}

/// The float literals of a TOML text that a float does not hold exactly, each with its span
/// and a message: TOML reads `0.25000000000000000000000001` as the float `0.25`, so a number
/// with more digits than a float keeps (about 15) must be written as a string (`"0.1…1"`), which
/// is read as a decimal. A text that is not TOML gives nothing (its parser reports it).
pub fn inexact_toml_floats(text: &str) -> Vec<(std::ops::Range<usize>, crate::i18n::Message)> {
    use crate::i18n::Message;
    use toml::de::{DeTable, DeValue};
    fn walk(value: &toml::Spanned<DeValue>, out: &mut Vec<(std::ops::Range<usize>, Message)>) {
        match value.get_ref() {
            DeValue::Float(f) => {
                let literal = f.as_str().replace('_', "");
                let written = match parse_decimal_exact(&literal) {
                    Ok(d) => d,
                    Err(NumberError::TooManyDigits) => {
                        let subject = crate::msg!("what-value", value = literal);
                        out.push((value.span(), NumberError::TooManyDigits.message(subject)));
                        return;
                    }
                    // An exponent, inf or nan: left to the rubric's own checks.
                    Err(NumberError::NotANumber) => return,
                };
                let read = literal
                    .parse::<f64>()
                    .ok()
                    .and_then(|x| parse_decimal(&x.to_string()));
                if read != Some(written) {
                    out.push((
                        value.span(),
                        crate::msg!("error-inexact-float", literal = literal),
                    ));
                }
            }
            DeValue::Array(a) => a.iter().for_each(|v| walk(v, out)),
            DeValue::Table(t) => t.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(table) = DeTable::parse(text) {
        table.get_ref().values().for_each(|v| walk(v, &mut out));
    }
    out
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

/// Serialises a rational as its exact fraction text (`1/5`).
pub(crate) fn ser_q<S: serde::Serializer>(v: &Q, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

/// Serialises a decimal into JSON as a number, exactly as it is (`89.99`, `90.00`).
///
/// The digits are written into a buffer on the stack and handed to serde_json as an
/// arbitrary-precision number, the way `serde_json::Number` serialises itself with the
/// `arbitrary_precision` feature (a struct named by serde_json's number token, holding the
/// text): no allocation and no parsing per number. Other serializers get the text as a string.
pub(crate) fn ser_number<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    use std::io::Write;
    /// serde_json's token for an arbitrary-precision number (`serde_json::number::TOKEN`).
    const TOKEN: &str = "$serde_json::private::Number";
    // A decimal is at most 29 digits, a point and a sign.
    let mut buf = [0u8; 48];
    let mut cursor = std::io::Cursor::new(&mut buf[..]);
    if write!(cursor, "{d}").is_err() {
        return s.serialize_none();
    }
    let n = usize::try_from(cursor.position()).unwrap_or(0);
    let Ok(text) = std::str::from_utf8(&buf[..n]) else {
        return s.serialize_none();
    };
    let mut st = s.serialize_struct(TOKEN, 1)?;
    st.serialize_field(TOKEN, text)?;
    st.end()
}

/// As [`ser_number`], `null` for `None`.
pub(crate) fn ser_opt_number<S: serde::Serializer>(
    d: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser_number(d, s),
        None => s.serialize_none(),
    }
}

/// An exact value written into JSON as `{ "value": <number>, "fraction": "80/3" }`: the
/// number exact when the decimal expansion ends within 12 places, otherwise rounded to 12.
pub(crate) fn ser_exact<S: serde::Serializer>(v: &Q, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Exactly {
        #[serde(serialize_with = "ser_number")]
        value: Decimal,
        fraction: String,
    }
    Exactly {
        value: crate::num::round(v, 12, RoundingMode::HalfUp).normalize(),
        fraction: v.to_string(),
    }
    .serialize(s)
}

/// As [`ser_exact`], `null` for `None`.
pub(crate) fn ser_opt_exact<S: serde::Serializer>(v: &Option<Q>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => ser_exact(v, s),
        None => s.serialize_none(),
    }
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

/// A count as an exact rational.
pub(crate) fn count(n: u64) -> Exact {
    Exact::Small(i128::from(n), 1)
}

/// Σ values × counts, exactly: in machine integers at the values' largest scale while they
/// suffice (a tally's labels and counts), otherwise in [`Exact`] arithmetic.
pub(crate) fn dot(pairs: impl Iterator<Item = (Decimal, u64)> + Clone) -> Exact {
    let scale = pairs.clone().map(|(v, _)| v.scale()).max().unwrap_or(0);
    let fast = pairs.clone().try_fold(0i128, |sum, (v, c)| {
        let up = 10i128.checked_pow(scale - v.scale())?;
        v.mantissa()
            .checked_mul(up)?
            .checked_mul(i128::from(c))
            .and_then(|x| sum.checked_add(x))
    });
    match fast.zip(10i128.checked_pow(scale)) {
        Some((sum, den)) => Exact::Small(sum, 1).div(&Exact::Small(den, 1)),
        None => pairs.fold(Exact::int(0), |a, (v, c)| {
            a.add(&Exact::dec(v).mul(&count(c)))
        }),
    }
}

/// `a + b` when a decimal holds it exactly.
pub(crate) fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
        .filter(|s| s.scale() == a.scale().max(b.scale()))
}

/// `a × b` when a decimal holds it exactly.
pub(crate) fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
        .filter(|p| p.scale() == a.scale() + b.scale())
}

/// An exact rational computed with machine integers while they suffice, and with big integers
/// from the first operation that would overflow: the same value as [`Q`] arithmetic, much
/// faster for the small fractions scores are made of.
#[derive(Debug, Clone)]
pub(crate) enum Exact {
    /// numerator / denominator, denominator > 0; reduced once either passes 64 bits (a gcd at
    /// every step costs more than the arithmetic it saves), and always when made a [`Q`].
    Small(i128, i128),
    /// Anything larger.
    Big(Q),
}

/// `n / d` (`d` > 0) in lowest terms.
fn reduced(n: i128, d: i128) -> (i128, i128) {
    let g = gcd_u128(n.unsigned_abs(), d.unsigned_abs()).max(1);
    match i128::try_from(g) {
        Ok(g) => (n / g, d / g),
        // Only when both are i128::MIN in magnitude, which a positive `d` never is.
        Err(_) => (n, d),
    }
}

impl Exact {
    /// An integer.
    pub(crate) fn int(n: i64) -> Exact {
        Exact::Small(i128::from(n), 1)
    }

    /// A decimal, exactly.
    pub(crate) fn dec(d: Decimal) -> Exact {
        Exact::small(d.mantissa(), 10i128.pow(d.scale())).unwrap_or_else(|| Exact::Big(q(d)))
    }

    /// The same value as a [`Q`].
    #[cfg(test)]
    pub(crate) fn of(v: &Q) -> Exact {
        match (v.numer().to_i128(), v.denom().to_i128()) {
            (Some(n), Some(d)) => Exact::small(n, d).unwrap_or_else(|| Exact::Big(v.clone())),
            _ => Exact::Big(v.clone()),
        }
    }

    /// `n / d` with a positive denominator, reduced when either passes 64 bits; `None` when `d`
    /// is 0 or a sign change overflows.
    fn small(n: i128, d: i128) -> Option<Exact> {
        if d == 0 {
            return None;
        }
        let (n, d) = if d < 0 {
            (n.checked_neg()?, d.checked_neg()?)
        } else {
            (n, d)
        };
        if i64::try_from(n).is_ok() && i64::try_from(d).is_ok() {
            return Some(Exact::Small(n, d));
        }
        let (n, d) = reduced(n, d);
        Some(Exact::Small(n, d))
    }

    /// The value as a [`Q`].
    pub(crate) fn into_q(self) -> Q {
        match self {
            Exact::Small(n, d) => {
                let (n, d) = reduced(n, d);
                BigRational::new_raw(BigInt::from(n), BigInt::from(d))
            }
            Exact::Big(v) => v,
        }
    }

    fn big(&self) -> Q {
        self.clone().into_q()
    }

    /// Whether the value is 0.
    pub(crate) fn is_zero(&self) -> bool {
        match self {
            Exact::Small(n, _) => *n == 0,
            Exact::Big(v) => v.is_zero(),
        }
    }

    /// `-self`.
    pub(crate) fn neg(&self) -> Exact {
        match self {
            Exact::Small(n, d) => match n.checked_neg() {
                Some(n) => Exact::Small(n, *d),
                None => Exact::Big(-self.big()),
            },
            Exact::Big(v) => Exact::Big(-v),
        }
    }

    /// `self - o`.
    pub(crate) fn sub(&self, o: &Exact) -> Exact {
        self.add(&o.neg())
    }

    /// Compares the two values exactly.
    pub(crate) fn cmp(&self, o: &Exact) -> std::cmp::Ordering {
        // Denominators are positive, so a/b ? c/d is a·d ? c·b.
        let cross = |x: &Exact, y: &Exact| match (x, y) {
            (Exact::Small(a, b), Exact::Small(c, d)) => {
                Some(a.checked_mul(*d)?.cmp(&c.checked_mul(*b)?))
            }
            _ => None,
        };
        cross(self, o)
            .or_else(|| cross(&self.lowest(), &o.lowest()))
            .unwrap_or_else(|| self.big().cmp(&o.big()))
    }

    /// [`round`] of the value.
    pub(crate) fn round(&self, decimals: u32, mode: RoundingMode) -> Decimal {
        match self {
            Exact::Small(n, d) => round_small(*n, *d, decimals, mode)
                .or_else(|| {
                    let (n, d) = reduced(*n, *d);
                    round_small(n, d, decimals, mode)
                })
                .unwrap_or_else(|| round(&self.big(), decimals, mode)),
            Exact::Big(v) => round(v, decimals, mode),
        }
    }

    /// The same value in lowest terms.
    fn lowest(&self) -> Exact {
        match self {
            Exact::Small(n, d) => {
                let (n, d) = reduced(*n, *d);
                Exact::Small(n, d)
            }
            Exact::Big(v) => Exact::Big(v.clone()),
        }
    }

    /// `f(self, o)` in machine integers, again in lowest terms when that overflows, and
    /// otherwise `big` in big integers.
    fn either(
        &self,
        o: &Exact,
        f: impl Fn(i128, i128, i128, i128) -> Option<Exact>,
        big: impl FnOnce(Q, Q) -> Q,
    ) -> Exact {
        if let (Exact::Small(a, b), Exact::Small(c, d)) = (self, o) {
            if let Some(r) = f(*a, *b, *c, *d) {
                return r;
            }
            if let (Exact::Small(a, b), Exact::Small(c, d)) = (self.lowest(), o.lowest())
                && let Some(r) = f(a, b, c, d)
            {
                return r;
            }
        }
        Exact::Big(big(self.big(), o.big()))
    }

    pub(crate) fn add(&self, o: &Exact) -> Exact {
        self.either(
            o,
            |a, b, c, d| {
                if b == d {
                    Exact::small(a.checked_add(c)?, b)
                } else {
                    let n = a.checked_mul(d)?.checked_add(c.checked_mul(b)?)?;
                    Exact::small(n, b.checked_mul(d)?)
                }
            },
            |x, y| x + y,
        )
    }

    pub(crate) fn mul(&self, o: &Exact) -> Exact {
        self.either(
            o,
            |a, b, c, d| Exact::small(a.checked_mul(c)?, b.checked_mul(d)?),
            |x, y| x * y,
        )
    }

    /// `self / o`; `o` must not be 0 (the callers check), else the value is left as it is.
    pub(crate) fn div(&self, o: &Exact) -> Exact {
        if o.is_zero() {
            return self.clone();
        }
        self.either(
            o,
            |a, b, c, d| Exact::small(a.checked_mul(d)?, b.checked_mul(c)?),
            |x, y| x / y,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn half_up_rounds_the_boundary_up() {
        // docs/sources.md: 89.995 → 90.00 with half-up decimal rounding.
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

    proptest::proptest! {
        /// The machine-integer rounding gives what the big-integer rounding gives, and Exact
        /// compares and subtracts as rationals do.
        #[test]
        fn small_rounding_and_order_agree_with_big_integers(
            n in -10i64.pow(12)..10i64.pow(12),
            d in 1i64..10i64.pow(9),
            m in -10i64.pow(6)..10i64.pow(6),
            e in 1i64..1000,
            decimals in 0u32..8,
            mode in proptest::sample::select(vec![
                RoundingMode::HalfUp,
                RoundingMode::HalfEven,
                RoundingMode::Down,
            ]),
        ) {
            let v = qi(n) / qi(d);
            let (x, y) = (n.unsigned_abs(), d.unsigned_abs());
            let euclid = { let (mut a, mut b) = (x, y); while b != 0 { (a, b) = (b, a % b); } a };
            proptest::prop_assert_eq!(stein(x, y), euclid);
            let small = round_small(i128::from(n), i128::from(d), decimals, mode);
            proptest::prop_assert_eq!(small, Some(round_big(&v, decimals, mode)));
            let (a, b) = (Exact::of(&v), Exact::int(m).div(&Exact::int(e)));
            let w = qi(m) / qi(e);
            proptest::prop_assert_eq!(a.cmp(&b), v.cmp(&w));
            proptest::prop_assert_eq!(a.sub(&b).into_q(), &v - &w);
            proptest::prop_assert_eq!(a.add(&b).into_q(), &v + &w);
            proptest::prop_assert_eq!(a.mul(&b).into_q(), &v * &w);
            if m != 0 {
                proptest::prop_assert_eq!(a.div(&b).into_q(), &v / &w);
            }
            // Long chains stay exact whether or not they pass 64 bits on the way.
            let chain = (0..6).fold(a.clone(), |x, k| x.mul(&b).add(&Exact::int(k)).div(&Exact::int(7)));
            let qchain = (0..6).fold(v.clone(), |x, k| (x * &w + qi(k)) / qi(7));
            proptest::prop_assert_eq!(chain.cmp(&a), qchain.cmp(&v));
            proptest::prop_assert_eq!(chain.round(decimals, mode), round_big(&qchain, decimals, mode));
            proptest::prop_assert_eq!(chain.into_q(), qchain);
            proptest::prop_assert_eq!(a.round(decimals, mode), round_big(&v, decimals, mode));
        }
    }

    #[test]
    fn dot_products_of_tallies_are_exact() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // 31 × 100 + 7 × 80 + 1 × 60 = 3720; 2 × 0.5 + 3 × 1.25 = 4.75.
        let v = dot([(d("100"), 31), (d("80"), 7), (d("60"), 1), (d("40"), 0)].into_iter());
        assert_eq!(v.into_q(), qi(3720));
        let v = dot([(d("0.5"), 2), (d("1.25"), 3)].into_iter());
        assert_eq!(v.into_q(), q(d("4.75")));
        assert!(dot(std::iter::empty()).is_zero());
        // Past i128: the big-integer path gives the same value.
        let big = Decimal::MAX;
        let v = dot([(big, u64::MAX), (d("0.1"), 1)].into_iter());
        assert_eq!(
            v.into_q(),
            q(big) * qi(i64::MAX) * qi(2) + q(big) + q(d("0.1"))
        );
    }

    #[test]
    fn binary_gcd_is_euclid() {
        for (a, b, g) in [
            (0, 0, 0),
            (0, 7, 7),
            (12, 18, 6),
            (1u64 << 40, 3 << 20, 1 << 20),
        ] {
            assert_eq!(stein(a, b), g);
        }
        assert_eq!(gcd_u128(u128::from(u64::MAX) * 3, 6), 3);
    }

    #[test]
    fn halves_round_by_the_mode_in_machine_integers() {
        // 2.345 and 2.355 to two places, ±: the ties of RoundingMode's documentation.
        for (n, mode, want) in [
            (2345, RoundingMode::HalfUp, "2.35"),
            (2345, RoundingMode::HalfEven, "2.34"),
            (2355, RoundingMode::HalfEven, "2.36"),
            (-2345, RoundingMode::HalfUp, "-2.35"),
            (-2345, RoundingMode::HalfEven, "-2.34"),
            (2359, RoundingMode::Down, "2.35"),
        ] {
            let r = round_small(n, 1000, 2, mode).map(|d| d.to_string());
            assert_eq!(r.as_deref(), Some(want));
        }
        // Too large for i128 after scaling: left to big integers.
        assert_eq!(round_small(i128::MAX / 3, 7, 2, RoundingMode::HalfUp), None);
    }

    #[test]
    fn numbers_are_never_rounded_to_fit() {
        for long in [
            "89.99499999999999999999999999999",
            "59.99999999999999999999999999999",
            "0.25000000000000000000000000001",
            "-0.25000000000000000000000000001",
            "12345678901234567890123456789",
            "100000000000000000000000000000000000000",
            "0.00000000000000000000000000001",
        ] {
            assert_eq!(
                parse_decimal_exact(long),
                Err(NumberError::TooManyDigits),
                "{long}"
            );
            assert_eq!(parse_decimal(long), None, "{long}");
        }
        // Zeros that carry nothing are not digits too many; 28 digits are held exactly.
        for (text, value) in [
            ("0000000000000000000000000000000085.5", "85.5"),
            ("85.500000000000000000000000000000000", "85.5"),
            ("-000000000000000000000000000000.25", "-0.25"),
            (
                "1234567890123456789012345678",
                "1234567890123456789012345678",
            ),
            (
                "0.1234567890123456789012345678",
                "0.1234567890123456789012345678",
            ),
            ("+0000000000000000000000000000000", "0"),
        ] {
            assert_eq!(parse_decimal_exact(text), Ok(d(value)), "{text}");
        }
        assert_eq!(
            NumberError::TooManyDigits
                .message(crate::msg!("what-quoted", value = "1.0…1"))
                .text(crate::i18n::Lang::En),
            "\"1.0…1\" has too many digits to be held exactly (at most 28 significant digits and 28 decimals); round it"
        );
    }

    #[test]
    fn toml_floats_with_more_digits_than_a_float_holds_are_found() {
        let text = "a = 0.25\nb = [1.5, 0.1234567890123456789]\n[t]\nc = 89.99499999999999999999999999999\nd = 1_000.5\ne = 1e3\nf = \"0.25000000000000000000000000001\"\ng = 0.30000000000000004\n";
        let found = inexact_toml_floats(text);
        let spans: Vec<&str> = found.iter().map(|(s, _)| &text[s.clone()]).collect();
        assert_eq!(
            spans,
            ["0.1234567890123456789", "89.99499999999999999999999999999"]
        );
        let en = |m: &crate::i18n::Message| m.text(crate::i18n::Lang::En);
        assert_eq!(
            en(&found[0].1),
            "0.1234567890123456789 has more digits than a TOML number holds exactly (about 15); write it in quotes, \"0.1234567890123456789\""
        );
        assert!(en(&found[1].1).contains("too many digits"), "{found:?}");
        assert!(inexact_toml_floats("not = toml = at all").is_empty());
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
    fn small_rationals_equal_big_ones_and_overflow_into_them() {
        let third = Exact::int(1).div(&Exact::int(3));
        assert_eq!(third.clone().into_q(), qi(1) / qi(3));
        let v = Exact::dec(d("0.15"))
            .mul(&third)
            .add(&Exact::dec(d("-2.5")));
        assert_eq!(v.into_q(), q(d("0.15")) / qi(3) + q(d("-2.5")));
        // Past i128: the same value in big integers.
        let huge = Exact::int(i64::MAX).mul(&Exact::int(i64::MAX));
        let bigger = huge.mul(&Exact::int(i64::MAX)).add(&third);
        let expect = qi(i64::MAX) * qi(i64::MAX) * qi(i64::MAX) + qi(1) / qi(3);
        assert_eq!(bigger.clone().into_q(), expect);
        assert_eq!(Exact::of(&expect).into_q(), expect);
        assert_eq!(Exact::of(&(qi(-6) / qi(4))).into_q(), qi(-3) / qi(2));
        assert!(Exact::int(0).is_zero());
    }

    #[test]
    fn describes_exact_and_repeating_values() {
        assert_eq!(describe(&(qi(171) / qi(2))), "85.5");
        assert_eq!(describe(&(qi(80) / qi(3))), "80/3 ≈ 26.6667");
    }
}
