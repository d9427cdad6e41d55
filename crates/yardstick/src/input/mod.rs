//! Reading the files of a bundle, below the methods: where files come from ([`Files`]), the
//! manifest `assessment.toml` ([`manifest`]), text and its encodings ([`text`]), CSV rows and
//! workbook sheets as tables ([`table`], [`source`], `workbook`), and cells made into values
//! with an error for every one that does not fit (`cells`). The roster's [`Worker`] is here,
//! as the methods read it; the loading of a whole bundle is in [`crate::bundle`].
//!
//! The library reads files only through [`Files`], so a program can supply them from memory,
//! an archive or a database; [`FsFiles`] reads the file system, [`MemFiles`] memory.

pub(crate) mod cells;
pub mod date;
pub mod manifest;
mod memory;
pub mod source;
pub mod table;
pub mod text;
#[cfg(feature = "xlsx")]
pub mod workbook;

use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use crate::i18n::Message;

pub use date::Date;
pub use manifest::{AssessmentInfo, Manifest, assessment_path};
pub use memory::{MemFiles, Rows};
pub use source::{ReadOptions, TextEncoding};

/// Where the bundle's files come from. `Sync`, as a bundle's files are read on several
/// threads at once.
pub trait Files: Sync {
    /// Opens a file for reading.
    fn open(&self, path: &Path) -> io::Result<Box<dyn Read + '_>>;

    /// Reads a whole (small) file.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.open(path)?.read_to_end(&mut buf)?;
        Ok(buf)
    }
}

/// The largest file read whole (TOML files and workbooks): 256 MiB. Tables that large are
/// read as CSV, which is streamed.
pub const MAX_WHOLE_FILE: u64 = 256 << 20;

/// Reads files from the file system.
///
/// Only regular files (or symbolic links to them) are read: a folder, a device such as
/// `/dev/zero`, a FIFO or a socket is refused before it is opened (opening a FIFO would wait
/// forever for a writer), with an error saying so. A file read whole may be at most
/// [`MAX_WHOLE_FILE`] bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct FsFiles;

impl Files for FsFiles {
    fn open(&self, path: &Path) -> io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(io::BufReader::with_capacity(
            1 << 16,
            open_regular(path)?,
        )))
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let file = open_regular(path)?;
        let len = file.metadata()?.len();
        if len > MAX_WHOLE_FILE {
            return Err(too_large(len));
        }
        let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        // The file may grow while it is read.
        file.take(MAX_WHOLE_FILE + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 > MAX_WHOLE_FILE {
            return Err(too_large(buf.len() as u64));
        }
        Ok(buf)
    }
}

/// Opens `path` for reading when it is a regular file (following symbolic links). The file's
/// kind is checked before opening, and again on the opened file, in case it was replaced.
fn open_regular(path: &Path) -> io::Result<std::fs::File> {
    not_regular(&std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    not_regular(&file.metadata()?)?;
    Ok(file)
}

/// An error unless `meta` is a regular file's.
fn not_regular(meta: &std::fs::Metadata) -> io::Result<()> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let why = if kind.is_dir() {
        crate::msg!("io-folder")
    } else {
        crate::msg!("io-not-regular")
    };
    Err(io::Error::new(io::ErrorKind::InvalidInput, Refusal(why)))
}

fn too_large(len: u64) -> io::Error {
    let why = crate::msg!(
        "io-too-large",
        size = len.div_ceil(1 << 20),
        max = MAX_WHOLE_FILE >> 20
    );
    io::Error::new(io::ErrorKind::InvalidData, Refusal(why))
}

/// Why a file is refused (a folder, a device, a file too large to read whole, one that is not
/// text, one [`MemFiles`] does not hold), as the inner error of an [`io::Error`]: a message of
/// the catalogs, shown in English by `Display`, in the user's language by [`io_reason`].
#[derive(Debug)]
pub struct Refusal(pub Message);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.text(crate::i18n::Lang::En))
    }
}

impl std::error::Error for Refusal {}

/// Why a file could not be read, as a message: a [`Refusal`] in its own words, the commonest
/// errors of the system in words of the language (with the system's text), others as the
/// system gives them. In English, always the error's own text.
pub fn io_reason(e: &io::Error) -> Message {
    if let Some(r) = e.get_ref().and_then(|i| i.downcast_ref::<Refusal>()) {
        return r.0.clone();
    }
    match e.kind() {
        io::ErrorKind::NotFound => crate::msg!("io-not-found", os = e),
        io::ErrorKind::PermissionDenied => crate::msg!("io-permission-denied", os = e),
        _ => crate::msg!("io-other", os = e),
    }
}

/// `cannot read the file: why` for an error of reading a file.
pub(crate) fn cannot_read(e: &io::Error) -> Message {
    crate::msg!("error-cannot-read", why = io_reason(e))
}

/// A person on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worker {
    /// The roster's `worker_id`.
    pub id: String,
    /// 姓名.
    pub name: String,
    /// The unit (community), when given; shared by the unit's workers.
    pub unit: Option<Arc<str>>,
    /// The role, when given; shared by the workers of the same role.
    pub role: Option<Arc<str>>,
    /// How many people may vote in this worker's democratic evaluation, when given.
    pub electorate: Option<u64>,
    /// The first day of service, when given: a scorecard counts only the periods served whole.
    pub start: Option<Date>,
    /// The last day of service, when given (not before `start`).
    pub end: Option<Date>,
}

/// Parses `YYYY-MM-DD` into (year, month, day), checking the calendar.
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = text[..4].parse().ok()?;
    let m: u32 = text[5..7].parse().ok()?;
    let d: u32 = text[8..].parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}
