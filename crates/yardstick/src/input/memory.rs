//! Files held in memory: [`MemFiles`] gives a bundle's files from a map (see
//! [`crate::bundle::BundleBuilder`], which writes them from rows).

use std::collections::HashMap;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

use super::Files;

/// Files held in memory, by path.
///
/// ```
/// use std::path::Path;
/// use yardstick::Files;
/// use yardstick::MemFiles;
///
/// let mut files = MemFiles::default();
/// files.insert("b/roster.csv", "worker_id,name\nW1,甲\n");
/// assert_eq!(files.read(Path::new("b/roster.csv")).unwrap(), "worker_id,name\nW1,甲\n".as_bytes());
/// assert!(files.read(Path::new("b/other.csv")).is_err());
/// ```
#[derive(Debug, Default, Clone)]
pub struct MemFiles {
    files: HashMap<PathBuf, Vec<u8>>,
}

impl MemFiles {
    /// Puts a file at `path`, replacing any there.
    pub fn insert(&mut self, path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// The file at `path`, when there is one.
    pub fn get(&self, path: &Path) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }
}

impl Files for MemFiles {
    fn open(&self, path: &Path) -> io::Result<Box<dyn Read + '_>> {
        match self.files.get(path) {
            Some(b) => Ok(Box::new(Cursor::new(b.as_slice()))),
            None => Err(io::Error::new(
                io::ErrorKind::NotFound,
                super::Refusal(crate::msg!("io-not-in-memory")),
            )),
        }
    }
}

/// Rows of a table: the header first, then one row per record.
pub type Rows = Vec<Vec<String>>;
