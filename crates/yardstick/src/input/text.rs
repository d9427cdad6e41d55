//! Text encodings of CSV files: UTF-8 (with or without a byte-order mark) or GB18030/GBK, the
//! encoding Chinese Excel and WPS write when they save "CSV".
//!
//! [`Decode`] turns the bytes of a file into UTF-8 for the CSV parser. With
//! [`TextEncoding::Auto`] it decides per file: a UTF-8 byte-order mark means UTF-8; otherwise the
//! first 64 KiB from the first non-ASCII byte on are checked. Bytes that are not valid
//! UTF-8 mean GB18030 (of which GBK is a subset). Valid UTF-8 means UTF-8, unless it reads as
//! text no one writes in a Chinese table (C1 control characters, Latin-1 signs such as `¬`, a
//! Latin letter among them) while GB18030 reads it as Chinese: short GBK text is often valid
//! UTF-8 (`卢路` in GBK is `¬·` in UTF-8). When the evidence is thin (a few such characters) or
//! both readings look wrong, the decision is reported by [`Decode::unclear`], with both
//! readings, so that the clerk can give `--encoding`. ASCII is the same in both, so a file that
//! is ASCII throughout never needs the decision.
//!
//! UTF-16 (with or without a byte-order mark), workbooks and other files that are not text are
//! recognised by their first bytes and refused with a message saying what they are.
//!
//! Nothing is ever replaced silently: a byte sequence that is not valid in the encoding chosen
//! comes out as the byte `0xFF`, which is never valid UTF-8, so the CSV reader reports the cell
//! that holds it with its line and column.

use std::io::{self, Read};

use crate::i18n::Message;
use crate::msg;

/// How many bytes from the first non-ASCII byte are checked to tell UTF-8 from GB18030.
pub(crate) const SNIFF: usize = 1 << 16;

/// How many bytes at the start of a file tell what kind of file it is (a byte-order mark, a
/// zip archive, UTF-16 by its NUL bytes).
const START: usize = 64;

/// The text encoding of CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    /// Decide per file: valid UTF-8 is UTF-8, anything else GB18030.
    #[default]
    Auto,
    /// UTF-8 (Excel's "CSV UTF-8"); a byte-order mark is skipped.
    Utf8,
    /// GB18030, which includes GBK and GB2312 (Chinese Excel's "CSV").
    Gb18030,
}

impl TextEncoding {
    /// Parses `utf-8`, `utf8`, `gbk`, `gb18030`, `gb2312` or `auto` (any case).
    pub fn parse(text: &str) -> Option<TextEncoding> {
        match text.to_ascii_lowercase().as_str() {
            "auto" => Some(TextEncoding::Auto),
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Some(TextEncoding::Gb18030),
            _ => None,
        }
    }
}

/// The encoding a [`Decode`] is reading in, once known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// Only ASCII so far.
    Undecided,
    /// UTF-8, because it was asked for.
    Utf8Given,
    /// UTF-8, because the file has a byte-order mark.
    Utf8Bom,
    /// UTF-8, because the beginning of the file is valid UTF-8.
    Utf8Detected,
    /// GB18030, because it was asked for.
    Gb18030Given,
    /// GB18030, because the beginning of the file is not valid UTF-8.
    Gb18030Detected,
    /// GB18030, because the beginning of the file, although valid UTF-8, reads as Chinese
    /// only in GB18030.
    Gb18030Likelier,
}

impl Decided {
    /// What to tell the user about a cell that is not valid text in this encoding.
    pub fn invalid_text_message(self) -> Message {
        match self {
            Decided::Undecided | Decided::Utf8Given | Decided::Utf8Bom => {
                msg!("error-cell-not-utf8")
            }
            Decided::Utf8Detected => msg!("error-cell-not-utf8-detected"),
            Decided::Gb18030Given => msg!("error-cell-not-gbk"),
            Decided::Gb18030Detected | Decided::Gb18030Likelier => msg!("error-cell-not-text"),
        }
    }
}

/// A reader that turns a file in `encoding` into UTF-8 (see the module documentation).
pub struct Decode<R> {
    inner: R,
    state: Decided,
    /// Undecoded input held back (the byte-order mark check, the sniffing window).
    raw: Vec<u8>,
    /// Decoded output not yet handed out.
    out: Vec<u8>,
    pos: usize,
    gb: Option<encoding_rs::Decoder>,
    started: bool,
    eof: bool,
    /// Why the encoding decided is uncertain, once decided (see [`Decode::unclear`]).
    unclear: Option<Message>,
}

impl<R: Read> Decode<R> {
    /// Decodes `inner` as `encoding`.
    pub fn new(inner: R, encoding: TextEncoding) -> Self {
        let state = match encoding {
            TextEncoding::Auto => Decided::Undecided,
            TextEncoding::Utf8 => Decided::Utf8Given,
            TextEncoding::Gb18030 => Decided::Gb18030Given,
        };
        Decode {
            inner,
            state,
            raw: Vec::new(),
            out: Vec::new(),
            pos: 0,
            gb: None,
            started: false,
            eof: false,
            unclear: None,
        }
    }

    /// The encoding in use so far.
    pub fn decided(&self) -> Decided {
        self.state
    }

    /// When the encoding was detected on thin evidence, what to tell the clerk (both
    /// readings of the first line that is not ASCII, and the encoding chosen); taken once.
    pub fn unclear(&mut self) -> Option<Message> {
        self.unclear.take()
    }

    /// Reads more of `inner` into `raw`; false at the end of the file.
    fn read_more(&mut self, at_least: usize) -> io::Result<bool> {
        let start = self.raw.len();
        self.raw.resize(start + at_least.max(8192), 0);
        let n = loop {
            match self.inner.read(&mut self.raw[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.raw.truncate(start);
                    return Err(e);
                }
            }
        };
        self.raw.truncate(start + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }

    /// The first bytes: a byte-order mark, or a file that is not text at all.
    fn start(&mut self) -> io::Result<()> {
        self.started = true;
        while self.raw.len() < START && self.read_more(START - self.raw.len())? {}
        let b = self.raw.get(..START).unwrap_or(&self.raw);
        let invalid = |why: Message| {
            Err(io::Error::new(
                io::ErrorKind::InvalidData,
                crate::input::Refusal(why),
            ))
        };
        // Text never holds NUL: here they are the other half of UTF-16 characters, or the
        // file is not text.
        let nul_at = |parity: usize| {
            b.iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&x| x == 0)
                .count()
        };
        let (even, odd) = (nul_at(0), nul_at(1));
        if b.starts_with(b"\xEF\xBB\xBF") {
            // A byte-order mark settles it, whatever was asked for.
            self.state = Decided::Utf8Bom;
        } else if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") {
            return invalid(msg!("io-utf16"));
        } else if b.starts_with(b"PK\x03\x04") {
            return invalid(msg!("io-zip"));
        } else if b.starts_with(b"\xD0\xCF\x11\xE0") {
            return invalid(msg!("io-xls"));
        } else if even + odd > 0 && (even == 0 || odd == 0) && 4 * (even + odd) >= b.len() {
            return invalid(msg!("io-utf16-no-bom"));
        } else if even + odd > 0 {
            return invalid(msg!("io-nul"));
        }
        Ok(())
    }

    /// Decides between UTF-8 and GB18030 once a non-ASCII byte is in `raw` at `first`.
    fn sniff(&mut self, first: usize) -> io::Result<()> {
        while self.raw.len() - first < SNIFF && self.read_more(SNIFF)? {}
        let (state, unclear) = judge(&self.raw, first, self.eof);
        self.state = state;
        self.unclear = unclear;
        Ok(())
    }

    /// Decodes `raw` (all of it, or all but an incomplete tail) into `out`.
    fn decode_raw(&mut self) {
        self.out.clear();
        self.pos = 0;
        let last = self.eof;
        let decoder = self
            .gb
            .get_or_insert_with(|| encoding_rs::GB18030.new_decoder_without_bom_handling());
        let mut src = self.raw.as_slice();
        let cap = decoder
            .max_utf8_buffer_length_without_replacement(src.len())
            .unwrap_or(src.len() * 3 + 16);
        self.out.resize(cap + 16, 0);
        let mut written = 0;
        loop {
            let (res, read, n) =
                decoder.decode_to_utf8_without_replacement(src, &mut self.out[written..], last);
            written += n;
            src = &src[read..];
            match res {
                encoding_rs::DecoderResult::InputEmpty => break,
                encoding_rs::DecoderResult::OutputFull => {
                    let more = self.out.len() * 2;
                    self.out.resize(more, 0);
                }
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    if written == self.out.len() {
                        let more = self.out.len() * 2 + 1;
                        self.out.resize(more, 0);
                    }
                    // Never valid UTF-8: the CSV reader reports the cell.
                    self.out[written] = 0xFF;
                    written += 1;
                }
            }
        }
        self.out.truncate(written);
        self.raw.clear();
        if last {
            self.gb = None;
        }
    }

    /// Refills `out` from `raw` and `inner`; false at the end.
    fn refill(&mut self) -> io::Result<bool> {
        if self.raw.is_empty() && !self.eof {
            self.read_more(1 << 16)?;
        }
        if self.raw.is_empty() && self.eof {
            // Flush a GB18030 sequence cut off by the end of the file.
            if let Some(d) = self.gb.as_mut() {
                let mut tail = [0u8; 16];
                let (res, _, n) = d.decode_to_utf8_without_replacement(b"", &mut tail, true);
                self.gb = None;
                self.out.clear();
                self.pos = 0;
                self.out.extend_from_slice(&tail[..n]);
                if matches!(res, encoding_rs::DecoderResult::Malformed(_, _)) {
                    self.out.push(0xFF);
                }
                return Ok(!self.out.is_empty());
            }
            return Ok(false);
        }
        if self.state == Decided::Undecided {
            match self.raw.iter().position(|b| !b.is_ascii()) {
                None => {
                    self.out = std::mem::take(&mut self.raw);
                    self.pos = 0;
                    return Ok(true);
                }
                Some(first) => self.sniff(first)?,
            }
        }
        match self.state {
            Decided::Gb18030Given | Decided::Gb18030Detected | Decided::Gb18030Likelier => {
                self.decode_raw()
            }
            _ => {
                self.out = std::mem::take(&mut self.raw);
                self.pos = 0;
            }
        }
        Ok(true)
    }
}

/// Decides between UTF-8 and GB18030 for `raw`, whose first non-ASCII byte is at `first`
/// (`eof`: `raw` ends where the file does): the encoding, and what to tell the clerk when the
/// evidence is thin (see the module documentation).
fn judge(raw: &[u8], first: usize, eof: bool) -> (Decided, Option<Message>) {
    // From the ASCII byte before, which tells whether the first character is in a word.
    let window = raw.get(first.saturating_sub(1)..).unwrap_or_default();
    let text = match std::str::from_utf8(window) {
        Ok(t) => Some(t),
        // A sequence cut off by the end of the window (not of the file) is fine.
        Err(e) if e.error_len().is_none() && !eof => {
            std::str::from_utf8(&window[..e.valid_up_to()]).ok()
        }
        Err(_) => None,
    };
    let Some(text) = text else {
        return (Decided::Gb18030Detected, None);
    };
    let utf8 = Oddity::of(text.chars());
    if utf8.odd == 0 {
        return (Decided::Utf8Detected, None);
    }
    // Valid UTF-8 with odd characters: how does GB18030 read it?
    let (gb, malformed) = encoding_rs::GB18030.decode_without_bom_handling(text.as_bytes());
    if malformed {
        return (Decided::Utf8Detected, None);
    }
    if Oddity::of(gb.chars()).odd > 0 {
        // Odd both ways: UTF-8 stays (a Latin name, say).
        return (Decided::Utf8Detected, None);
    }
    // GB18030 reads Chinese where UTF-8 reads odd characters. C1 controls, or several odd
    // characters and no Chinese one, settle it; a few odd characters beside Chinese ones in
    // UTF-8 (a name with "é") keep UTF-8, unless they are as many.
    let (state, chosen) = if utf8.controls > 0 || (utf8.chinese == 0 && utf8.odd >= 4) {
        return (Decided::Gb18030Likelier, None);
    } else if utf8.chinese == 0 {
        (Decided::Gb18030Likelier, "GBK")
    } else if utf8.odd < utf8.chinese {
        return (Decided::Utf8Detected, None);
    } else {
        (Decided::Utf8Detected, "UTF-8")
    };
    // Both readings of the first line that is not ASCII.
    let start = raw[..first]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |p| p + 1);
    let line = &raw[start..];
    let end = line
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(line.len());
    let line = &line[..end];
    let as_utf8 = sample(&String::from_utf8_lossy(line));
    let as_gbk = sample(&encoding_rs::GB18030.decode_without_bom_handling(line).0);
    let message = msg!(
        "warning-encoding-unclear",
        as_utf8 = as_utf8,
        as_gbk = as_gbk,
        chosen = chosen
    );
    (state, Some(message))
}

/// The first characters of a line, for a message: at most 40, control characters shown as
/// `\u{..}`.
fn sample(line: &str) -> String {
    let mut out = String::new();
    for (i, c) in line.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// How a reading of some bytes looks for a Chinese table.
#[derive(Debug, Default, Clone, Copy)]
struct Oddity {
    /// Characters no one writes in a Chinese table: controls, Latin-1 signs and letters,
    /// and everything else outside the scripts and signs of [`usual`].
    odd: usize,
    /// C1 control characters (U+0080–U+009F), which no text holds.
    controls: usize,
    /// Chinese characters.
    chinese: usize,
}

impl Oddity {
    fn of(chars: impl Iterator<Item = char>) -> Oddity {
        let mut o = Oddity::default();
        let (mut before, mut this) = (' ', ' ');
        // Each character is judged with its neighbours: a Latin letter beside an ASCII one is
        // part of a Latin word ("José"), not a Chinese character misread.
        for next in chars.chain([' ']) {
            let c = this;
            let latin_word = c.is_alphabetic()
                && ('\u{C0}'..='\u{24F}').contains(&c)
                && (before.is_ascii_alphabetic() || next.is_ascii_alphabetic());
            if c.is_ascii() || latin_word {
            } else if ('\u{4E00}'..='\u{9FFF}').contains(&c)
                || ('\u{3400}'..='\u{4DBF}').contains(&c)
            {
                o.chinese += 1;
            } else if !usual(c) {
                o.odd += 1;
                if ('\u{80}'..='\u{9F}').contains(&c) {
                    o.controls += 1;
                }
            }
            (before, this) = (this, next);
        }
        o
    }
}

/// Characters other than ASCII and Chinese characters that Chinese tables hold: CJK and
/// full-width punctuation, general punctuation (“”…—), the signs GBK has (·×÷°№℃, circled
/// numbers, arrows, shapes), and Greek and Cyrillic letters (also in GBK).
fn usual(c: char) -> bool {
    matches!(c,
        '\u{B7}' | '\u{D7}' | '\u{F7}' | '\u{B0}' | '\u{B1}' | '\u{A7}' | '\u{A4}'
        | '\u{0391}'..='\u{03C9}'
        | '\u{0401}'..='\u{0451}'
        | '\u{2000}'..='\u{206F}'
        | '\u{2100}'..='\u{21FF}'
        | '\u{2200}'..='\u{22FF}'
        | '\u{2460}'..='\u{24FF}'
        | '\u{2500}'..='\u{26FF}'
        | '\u{3000}'..='\u{33FF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{FEFF}'
    )
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.started {
            self.start()?;
        }
        loop {
            if self.pos < self.out.len() {
                let n = buf.len().min(self.out.len() - self.pos);
                buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            // UTF-8 needs no work: read straight into the caller's buffer.
            if self.raw.is_empty()
                && matches!(
                    self.state,
                    Decided::Utf8Given | Decided::Utf8Bom | Decided::Utf8Detected
                )
            {
                return self.inner.read(buf);
            }
            if !self.refill()? {
                return Ok(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], enc: TextEncoding) -> (Vec<u8>, Decided) {
        // A reader that hands out 3 bytes at a time, to cut sequences apart.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = buf.len().min(3).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut d = Decode::new(Slow(bytes), enc);
        let mut out = Vec::new();
        d.read_to_end(&mut out).unwrap();
        (out, d.decided())
    }

    #[test]
    fn gbk_is_detected_and_decoded() {
        let text = "worker_id,name\nW1,张丽萍\nW2,王建军\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let (out, how) = decode(&gbk, TextEncoding::Auto);
        assert_eq!(String::from_utf8(out).unwrap(), text);
        assert_eq!(how, Decided::Gb18030Detected);
    }

    #[test]
    fn utf8_is_detected_and_passed_through() {
        let text = "worker_id,name\nW1,张丽萍\n";
        let (out, how) = decode(text.as_bytes(), TextEncoding::Auto);
        assert_eq!(out, text.as_bytes());
        assert_eq!(how, Decided::Utf8Detected);
        let (out, how) = decode(b"\xEF\xBB\xBFa,b\n", TextEncoding::Auto);
        assert_eq!(out, b"\xEF\xBB\xBFa,b\n");
        assert_eq!(how, Decided::Utf8Bom);
        let (out, how) = decode(b"a,b\n1,2\n", TextEncoding::Auto);
        assert_eq!(out, b"a,b\n1,2\n");
        assert_eq!(how, Decided::Undecided);
    }

    #[test]
    fn bad_bytes_become_0xff_and_are_never_replaced_silently() {
        // 0x81 0x20: a GB18030 lead byte followed by a space.
        let (out, _) = decode(b"a,\x81 ,b\n", TextEncoding::Gb18030);
        assert!(std::str::from_utf8(&out).is_err());
        assert!(out.contains(&0xFF));
        assert!(out.ends_with(b" ,b\n"));
        // Cut off at the end of the file.
        let (out, _) = decode(b"a,\xD5", TextEncoding::Gb18030);
        assert_eq!(out, b"a,\xFF");
    }

    #[test]
    fn the_encoding_can_be_given() {
        let text = "name\n张丽萍\n";
        let (out, _) = decode(text.as_bytes(), TextEncoding::Utf8);
        assert_eq!(out, text.as_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let (out, how) = decode(&gbk, TextEncoding::Gb18030);
        assert_eq!(String::from_utf8(out).unwrap(), text);
        assert_eq!(how, Decided::Gb18030Given);
        assert_eq!(TextEncoding::parse("GBK"), Some(TextEncoding::Gb18030));
        assert_eq!(TextEncoding::parse("utf-8"), Some(TextEncoding::Utf8));
        assert_eq!(TextEncoding::parse("latin1"), None);
    }

    /// The encoding decided for `text` in GBK, the text read, and the warning.
    fn gbk(text: &str) -> (Decided, String, Option<String>) {
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let mut d = Decode::new(&bytes[..], TextEncoding::Auto);
        let mut out = Vec::new();
        d.read_to_end(&mut out).unwrap();
        (
            d.decided(),
            String::from_utf8_lossy(&out).into_owned(),
            d.unclear().map(|m| m.text(crate::i18n::Lang::En)),
        )
    }

    #[test]
    fn gbk_that_is_also_utf8_is_read_as_gbk() {
        // "卢路" in GBK is C2 AC C2 B7, "¬·" in UTF-8.
        let text = "worker_id,name\nW1,卢路\n";
        let (how, out, why) = gbk(text);
        assert_eq!((how, out.as_str()), (Decided::Gb18030Likelier, text));
        // Two characters are thin evidence: both readings are shown.
        assert_eq!(
            why.as_deref(),
            Some(
                "the file's encoding is unclear: as UTF-8 it reads \"W1,¬·\", as GBK \"W1,卢路\"; it was read as GBK: if that is wrong, give --encoding utf-8 or --encoding gbk, or save the file as \"CSV UTF-8\""
            )
        );
        // More names settle it.
        let text = "worker_id,name\nW1,卢路\nW2,驴鹿\nW3,芦路\n";
        let (how, out, why) = gbk(text);
        assert_eq!(
            (how, out.as_str(), why),
            (Decided::Gb18030Likelier, text, None)
        );
        // A C1 control in UTF-8 settles it at once: "聙" is C2 80, U+0080 in UTF-8.
        let (how, _, why) = gbk("name\n聙\n");
        assert_eq!((how, why), (Decided::Gb18030Likelier, None));
    }

    #[test]
    fn utf8_with_latin_signs_stays_utf8() {
        for text in [
            "name\n阿卜杜拉·买买提\n",
            "name\nJosé 张伟\n",
            "name\n张伟（组长）\n李娜 №3 ℃ ①\n",
            "name\nJosé Müller\n",
            "name\nAndré,Zoë\n",
        ] {
            let (out, how) = decode(text.as_bytes(), TextEncoding::Auto);
            assert_eq!(out, text.as_bytes());
            assert_eq!(how, Decided::Utf8Detected, "{text}");
            let mut d = Decode::new(text.as_bytes(), TextEncoding::Auto);
            d.read_to_end(&mut Vec::new()).unwrap();
            assert_eq!(d.unclear(), None, "{text}");
        }
        // Given, the encoding is never second-guessed.
        let (bytes, _, _) = encoding_rs::GBK.encode("name\n卢路\n");
        let (out, how) = decode(&bytes, TextEncoding::Utf8);
        assert_eq!((out.as_slice(), how), (&bytes[..], Decided::Utf8Given));
    }

    #[test]
    fn utf16_without_a_byte_order_mark_and_nul_bytes_are_not_text() {
        let utf16 = |text: &str, big: bool| -> Vec<u8> {
            text.encode_utf16()
                .flat_map(|u| {
                    if big {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect()
        };
        for big in [false, true] {
            let bytes = utf16("worker_id,name\nW1,张三\n", big);
            let mut d = Decode::new(&bytes[..], TextEncoding::Auto);
            let e = d.read_to_end(&mut Vec::new()).unwrap_err();
            assert_eq!(
                e.to_string(),
                "the file is UTF-16 text without a byte-order mark (every other byte is 0); save it as \"CSV UTF-8\" or as an Excel workbook (.xlsx)"
            );
            // Whatever the encoding given.
            let mut d = Decode::new(&bytes[..], TextEncoding::Gb18030);
            assert!(d.read_to_end(&mut Vec::new()).is_err());
        }
        let mut d = Decode::new(
            &b"a,b\n\0\0\0\0\0\0\x01\x02\x03\x04\x05\x06"[..],
            TextEncoding::Auto,
        );
        let e = d.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("NUL bytes"), "{e}");
    }

    #[test]
    fn workbooks_and_utf16_are_not_text() {
        let mut d = Decode::new(&b"PK\x03\x04rest"[..], TextEncoding::Auto);
        let e = d.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("workbook"), "{e}");
        let mut d = Decode::new(&b"\xFF\xFEa\0"[..], TextEncoding::Auto);
        let e = d.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("UTF-16"), "{e}");
    }
}
