//! Text encodings of CSV files: UTF-8 (with or without a byte-order mark) or GB18030/GBK, the
//! encoding Chinese Excel and WPS write when they save "CSV".
//!
//! [`Decode`] turns the bytes of a file into UTF-8 for the CSV parser. With
//! [`TextEncoding::Auto`] it decides per file: a UTF-8 byte-order mark means UTF-8; otherwise the
//! first [`SNIFF`] bytes from the first non-ASCII byte on are checked, and valid UTF-8 means
//! UTF-8, anything else GB18030 (of which GBK is a subset). ASCII is the same in both, so a file
//! that is ASCII throughout never needs the decision.
//!
//! Nothing is ever replaced silently: a byte sequence that is not valid in the encoding chosen
//! comes out as the byte `0xFF`, which is never valid UTF-8, so the CSV reader reports the cell
//! that holds it with its line and column.

use std::io::{self, Read};

/// How many bytes from the first non-ASCII byte are checked to tell UTF-8 from GB18030.
pub const SNIFF: usize = 1 << 16;

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
}

impl Decided {
    /// What to tell the user about a cell that is not valid text in this encoding.
    pub fn invalid_text_message(self) -> &'static str {
        match self {
            Decided::Undecided | Decided::Utf8Given | Decided::Utf8Bom => {
                "this cell is not UTF-8 text; save the file as \"CSV UTF-8\", or give --encoding gbk if it is a GBK file"
            }
            Decided::Utf8Detected => {
                "this cell is not UTF-8 text although the file's beginning is; save the whole file as \"CSV UTF-8\""
            }
            Decided::Gb18030Given => {
                "this cell is not GBK/GB18030 text; save the file as \"CSV UTF-8\", or give --encoding utf-8 if it is UTF-8"
            }
            Decided::Gb18030Detected => {
                "this cell is neither UTF-8 nor GBK/GB18030 text; save the file as \"CSV UTF-8\""
            }
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
        }
    }

    /// The encoding in use so far.
    pub fn decided(&self) -> Decided {
        self.state
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
        while self.raw.len() < 8 && self.read_more(8 - self.raw.len())? {}
        let b = self.raw.as_slice();
        let invalid = |msg: &str| Err(io::Error::new(io::ErrorKind::InvalidData, msg.to_string()));
        if b.starts_with(b"\xEF\xBB\xBF") {
            // A byte-order mark settles it, whatever was asked for.
            self.state = Decided::Utf8Bom;
        } else if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") {
            return invalid(
                "the file is UTF-16 text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\"",
            );
        } else if b.starts_with(b"PK\x03\x04") {
            return invalid(
                "the file is a spreadsheet workbook (a zip archive), not CSV text; name it .xlsx in assessment.toml, or save it as \"CSV UTF-8\"",
            );
        } else if b.starts_with(b"\xD0\xCF\x11\xE0") {
            return invalid(
                "the file is an old Excel .xls workbook, not CSV text; name it .xls in assessment.toml, or save it as \"CSV UTF-8\"",
            );
        }
        Ok(())
    }

    /// Decides between UTF-8 and GB18030 once a non-ASCII byte is in `raw` at `first`.
    fn sniff(&mut self, first: usize) -> io::Result<()> {
        while self.raw.len() - first < SNIFF && self.read_more(SNIFF)? {}
        let window = &self.raw[first..];
        let utf8 = match std::str::from_utf8(window) {
            Ok(_) => true,
            // A sequence cut off by the end of the window (not of the file) is fine.
            Err(e) => e.error_len().is_none() && !self.eof,
        };
        self.state = if utf8 {
            Decided::Utf8Detected
        } else {
            Decided::Gb18030Detected
        };
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
            Decided::Gb18030Given | Decided::Gb18030Detected => self.decode_raw(),
            _ => {
                self.out = std::mem::take(&mut self.raw);
                self.pos = 0;
            }
        }
        Ok(true)
    }
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
