//! Writing an output file without harming anything else.
//!
//! [`write_output`] is how every result file is written (`score -o`, `report -o`,
//! `concerns -o`). Its promises, in `docs/security.md` with the tests that hold them:
//!
//! - **Never over an input.** The path is refused when it is one of the files the bundle
//!   reads, compared by canonical path and, on Unix, by (device, inode): another spelling, a
//!   symbolic link or a hard link to an input is refused too.
//! - **Only a regular file or a new path.** A folder, a device (`/dev/null`), a FIFO, a socket
//!   or a symbolic link (whatever it points at) is refused; so is the path `-`, which command
//!   lines use for standard output.
//! - **Never through a planted file.** The content goes to a new temporary file beside the
//!   target, created exclusively (`O_EXCL`) under a random name, then renamed over the target.
//! - **Atomic, and nothing left behind.** Readers see the old file or the new one, never a part;
//!   on any failure the temporary file is removed and the target is untouched.
//! - **Permissions kept.** A replaced file keeps its permission bits; a read-only file is
//!   refused rather than replaced. A new file gets the usual `0666` less the umask.
//!
//! ```
//! use std::io::Write;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let input = dir.path().join("roster.csv");
//! std::fs::write(&input, "worker_id,name\n").unwrap();
//! let inputs = [input.clone()];
//!
//! let out = dir.path().join("results.csv");
//! yardstick::output::write_output(&out, &inputs, |w| w.write_all(b"worker_id,total\n")).unwrap();
//! assert_eq!(std::fs::read(&out).unwrap(), b"worker_id,total\n");
//!
//! // An input is never written over.
//! let e = yardstick::output::write_output(&input, &inputs, |w| w.write_all(b"x")).unwrap_err();
//! assert!(matches!(e, yardstick::output::OutputError::Input { .. }));
//! assert_eq!(std::fs::read(&input).unwrap(), b"worker_id,name\n");
//! ```

use std::fs::{self, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Message};
use crate::msg;

/// Why an output was not written. In every case the path is untouched and no temporary file
/// is left behind.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The path is `-`, which command lines use for standard output; a file named `-` is
    /// given as `./-`.
    #[error(
        "\"-\" is not taken for standard output here (results are printed when no output file is given); to write a file named \"-\", give ./-"
    )]
    Dash,
    /// The path is one of the inputs: the same file by path, by another spelling, by a
    /// symbolic link or by a hard link.
    #[error(
        "{}: refusing to write the output over an input file of the bundle{}",
        path.display(),
        spelled_as(path, input)
    )]
    Input {
        /// The output path, as given.
        path: PathBuf,
        /// The input it is, as the bundle names it.
        input: PathBuf,
    },
    /// The path is a folder, or ends with a slash.
    #[error(
        "{}: names a folder, not a file; give a file name (a file in that folder, for example)",
        .0.display()
    )]
    Folder(PathBuf),
    /// The path is a device, a FIFO, a socket or another file that is not a regular file.
    #[error(
        "{}: is a {kind}, not a regular file; an output is written only to a regular file or to a new path",
        path.display()
    )]
    NotRegular {
        /// The output path, as given.
        path: PathBuf,
        /// What it is, in words ("FIFO (named pipe)", "character device" …).
        kind: &'static str,
    },
    /// The path is a symbolic link. Outputs are never written through links: a link planted
    /// in a shared folder could otherwise point the output at any file of the user's, and
    /// replacing the link itself would silently break it.
    #[error(
        "{}: is a symbolic link (to {}); an output is never written through a link: give the path of the file itself, or a new path",
        path.display(),
        target.display()
    )]
    Link {
        /// The output path, as given.
        path: PathBuf,
        /// Where the link points, as it is written in the link.
        target: PathBuf,
    },
    /// The file exists and is read-only; it is not replaced.
    #[error(
        "{}: the file is read-only, and yardstick does not replace a read-only file; make it writable, or give another name",
        .0.display()
    )]
    ReadOnly(PathBuf),
    /// The folder the path is in does not exist, or is not a folder.
    #[error("{}: {} is not an existing folder", path.display(), folder.display())]
    NoFolder {
        /// The output path, as given.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// Writing failed (the disk is full, the folder is not writable, the content could not be
    /// made …).
    #[error("{}: cannot write: {source}", path.display())]
    Io {
        /// The output path, as given.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// How the bundle names the input, when it is not the output's own spelling.
fn spelled_as(path: &Path, input: &Path) -> String {
    if path == input {
        String::new()
    } else {
        format!(" ({})", input.display())
    }
}

impl OutputError {
    /// Whether the path is not a place for a file at all (a device, a FIFO, a link, `-`),
    /// where a command-line user most likely wanted standard output.
    pub fn is_not_a_file(&self) -> bool {
        matches!(
            self,
            OutputError::Dash | OutputError::NotRegular { .. } | OutputError::Link { .. }
        )
    }

    /// Why the output was not written, as a message of the catalogs (`Display` gives the
    /// English).
    pub fn message(&self) -> Message {
        let p = |p: &Path| p.display().to_string();
        match self {
            OutputError::Dash => msg!("error-output-dash"),
            OutputError::Input { path, input } if path == input => {
                msg!("error-output-input", path = p(path))
            }
            OutputError::Input { path, input } => {
                msg!("error-output-input-as", path = p(path), input = p(input))
            }
            OutputError::Folder(path) => msg!("error-output-folder", path = p(path)),
            OutputError::NotRegular { path, kind } => {
                msg!(
                    "error-output-not-regular",
                    path = p(path),
                    kind = kind_message(kind)
                )
            }
            OutputError::Link { path, target } => {
                msg!("error-output-link", path = p(path), target = p(target))
            }
            OutputError::ReadOnly(path) => msg!("error-output-read-only", path = p(path)),
            OutputError::NoFolder { path, folder } => {
                msg!("error-output-no-folder", path = p(path), folder = p(folder))
            }
            OutputError::Io { path, source } => msg!(
                "error-output-io",
                path = p(path),
                why = crate::input::io_reason(source)
            ),
        }
    }

    /// Why the output was not written, in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.message().text(lang)
    }
}

/// What a file that is not regular is (see [`kind`]), as a message.
fn kind_message(kind: &str) -> Message {
    match kind {
        "FIFO (named pipe)" => msg!("what-fifo"),
        "character device" => msg!("what-char-device"),
        "block device" => msg!("what-block-device"),
        "socket" => msg!("what-socket"),
        "special file" => msg!("what-special-file"),
        other => msg!("what-value", value = other),
    }
}

/// Writes an output file at `path`: `write` gets a buffered writer to a new temporary file
/// beside `path`, which replaces `path` only when `write` and every check succeeded.
///
/// `guarded_inputs` are the files that must never be written over (a bundle's
/// [`inputs`](crate::Bundle::inputs), a ledger's [`inputs`](crate::concerns::Ledger::inputs)).
/// The path is checked before `write` is called and again before the rename; see the
/// [module documentation](self) for what is refused and why.
pub fn write_output(
    path: &Path,
    guarded_inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), OutputError> {
    let guards = guards(guarded_inputs);
    let before = check(path, &guards)?;
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let folder = folder_of(path);
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if before.is_none() {
        // As a plain create makes a new file: 0666 less the umask (tempfile's own is 0600).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // Exclusive create with a random name: nothing planted at the name is followed.
    let tmp = builder.tempfile_in(folder).map_err(io)?;
    if let Some(old) = &before {
        tmp.as_file()
            .set_permissions(old.permissions())
            .map_err(io)?;
    }
    {
        let mut w = BufWriter::with_capacity(1 << 16, tmp.as_file());
        write(&mut w).map_err(io)?;
        w.flush().map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    // Checked again: the path may have been changed while the content was made. (A rename
    // replaces whatever is at the path; it never writes through a link or into a device.)
    check(path, &guards)?;
    // On failure the temporary file is removed when the error drops it.
    tmp.persist(path).map_err(|e| io(e.error))?;
    sync_folder(folder);
    Ok(())
}

/// Checks that `path` may be written by [`write_output`] without writing it: the same refusals
/// (an input, a folder, a device, a link, a read-only file, a missing folder, `-`).
pub fn check_output(path: &Path, guarded_inputs: &[PathBuf]) -> Result<(), OutputError> {
    check(path, &guards(guarded_inputs)).map(|_| ())
}

/// The identity of a file: (device, inode) on Unix.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = ();

#[cfg(unix)]
fn file_id(m: &Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &Metadata) -> Option<FileId> {
    None
}

/// One input as it is compared: its canonical path (or where it would be, when it does not
/// exist) and its identity.
struct Guard<'a> {
    shown: &'a Path,
    real: Option<PathBuf>,
    id: Option<FileId>,
}

fn guards(inputs: &[PathBuf]) -> Vec<Guard<'_>> {
    inputs
        .iter()
        .map(|p| Guard {
            shown: p,
            real: fs::canonicalize(p).ok().or_else(|| resolve_new(p)),
            // Followed: the file read is the one behind any link.
            id: fs::metadata(p).ok().as_ref().and_then(file_id),
        })
        .collect()
}

/// The canonical path a file that does not exist yet would have: its folder's canonical path
/// and its name.
fn resolve_new(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    Some(fs::canonicalize(folder_of(path)).ok()?.join(name))
}

/// The folder of `path` (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The input that the file at `real` (canonical path) with identity `id` is, if any.
fn input_match<'a>(
    guards: &'a [Guard<'a>],
    real: Option<&Path>,
    id: Option<FileId>,
) -> Option<&'a Path> {
    guards
        .iter()
        .find(|g| (real.is_some() && g.real.as_deref() == real) || (id.is_some() && g.id == id))
        .map(|g| g.shown)
}

fn ends_with_separator(path: &Path) -> bool {
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes
        .last()
        .is_some_and(|&b| b == b'/' || (cfg!(windows) && b == b'\\'))
}

/// What a file that is neither regular, a folder nor a link is.
fn kind(m: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "FIFO (named pipe)";
        }
        if t.is_char_device() {
            return "character device";
        }
        if t.is_block_device() {
            return "block device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    let _ = m;
    "special file"
}

/// Checks `path`; returns the metadata of the regular file there, or `None` for a new path.
fn check(path: &Path, guards: &[Guard<'_>]) -> Result<Option<Metadata>, OutputError> {
    let owned = || path.to_path_buf();
    if path.as_os_str() == "-" {
        return Err(OutputError::Dash);
    }
    if ends_with_separator(path) || path.file_name().is_none() {
        return Err(OutputError::Folder(owned()));
    }
    let input = |real: Option<PathBuf>, id: Option<FileId>| match input_match(
        guards,
        real.as_deref(),
        id,
    ) {
        Some(i) => Err(OutputError::Input {
            path: owned(),
            input: i.to_path_buf(),
        }),
        None => Ok(()),
    };
    let m = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let folder = folder_of(path);
            if !fs::metadata(folder).is_ok_and(|m| m.is_dir()) {
                return Err(OutputError::NoFolder {
                    path: owned(),
                    folder: folder.to_path_buf(),
                });
            }
            // A new path can still name an input that does not exist (yet).
            input(resolve_new(path), None)?;
            return Ok(None);
        }
        Err(e) => {
            return Err(OutputError::Io {
                path: owned(),
                source: e,
            });
        }
    };
    let t = m.file_type();
    if t.is_symlink() {
        // An input behind the link is the graver refusal, so it is the one given.
        if let Ok(target) = fs::metadata(path) {
            input(fs::canonicalize(path).ok(), file_id(&target))?;
        }
        return Err(OutputError::Link {
            path: owned(),
            target: fs::read_link(path).unwrap_or_default(),
        });
    }
    if t.is_dir() {
        return Err(OutputError::Folder(owned()));
    }
    if !t.is_file() {
        return Err(OutputError::NotRegular {
            path: owned(),
            kind: kind(&m),
        });
    }
    input(fs::canonicalize(path).ok(), file_id(&m))?;
    if m.permissions().readonly() {
        return Err(OutputError::ReadOnly(owned()));
    }
    Ok(Some(m))
}

/// `.NAME.` (the name shortened so that the temporary name stays within file-name limits).
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let short: String = name.chars().take(40).collect();
    format!(".{short}.")
}

/// Makes the rename durable (best effort: not every system can sync a folder).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(f) = fs::File::open(folder) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, inputs: &[PathBuf], text: &str) -> Result<(), OutputError> {
        write_output(path, inputs, |w| w.write_all(text.as_bytes()))
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_new_file_and_a_replaced_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        write(&out, &[], "one").unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "one");
        write(&out, &[], "two").unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "two");
        assert_eq!(entries(dir.path()), ["out.csv"]);
    }

    #[test]
    fn an_input_is_refused_by_every_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("b");
        fs::create_dir(&sub).unwrap();
        let input = sub.join("roster.csv");
        fs::write(&input, "keep").unwrap();
        let inputs = [input.clone()];
        let other_spelling = dir.path().join("b/../b/./roster.csv");
        for p in [&input, &other_spelling] {
            let e = write(p, &inputs, "x").unwrap_err();
            assert!(matches!(e, OutputError::Input { .. }), "{e}");
        }
        #[cfg(unix)]
        {
            let hard = dir.path().join("hard.csv");
            fs::hard_link(&input, &hard).unwrap();
            let e = write(&hard, &inputs, "x").unwrap_err();
            assert!(matches!(e, OutputError::Input { .. }), "{e}");
            let soft = dir.path().join("soft.csv");
            std::os::unix::fs::symlink(&input, &soft).unwrap();
            let e = write(&soft, &inputs, "x").unwrap_err();
            assert!(matches!(e, OutputError::Input { .. }), "{e}");
            // Listed through a link, the file behind it is guarded.
            let e = write(&input, std::slice::from_ref(&soft), "x").unwrap_err();
            assert!(matches!(e, OutputError::Input { .. }), "{e}");
        }
        assert_eq!(fs::read_to_string(&input).unwrap(), "keep");
    }

    #[test]
    fn an_input_that_does_not_exist_yet_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("concerns.csv");
        let e = write(&dir.path().join("./concerns.csv"), &[input], "x").unwrap_err();
        assert!(matches!(e, OutputError::Input { .. }), "{e}");
        assert!(entries(dir.path()).is_empty());
    }

    #[test]
    fn folders_dashes_and_missing_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = write(dir.path(), &[], "x").unwrap_err();
        assert!(matches!(e, OutputError::Folder(_)), "{e}");
        let slash = PathBuf::from(format!("{}/new/", dir.path().display()));
        let e = write(&slash, &[], "x").unwrap_err();
        assert!(matches!(e, OutputError::Folder(_)), "{e}");
        let e = write(Path::new("-"), &[], "x").unwrap_err();
        assert!(matches!(e, OutputError::Dash), "{e}");
        let e = write(&dir.path().join("no/such.csv"), &[], "x").unwrap_err();
        assert!(matches!(e, OutputError::NoFolder { .. }), "{e}");
        assert!(entries(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_write_leaves_the_target_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        fs::write(&out, "old").unwrap();
        let e = write_output(&out, &[], |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("the disk is full"))
        })
        .unwrap_err();
        assert!(e.to_string().contains("the disk is full"), "{e}");
        assert_eq!(fs::read_to_string(&out).unwrap(), "old");
        assert_eq!(entries(dir.path()), ["out.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_read_only_files_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        // A new file gets what a plain create gives (0666 less the umask), not tempfile's 0600.
        let plain = dir.path().join("plain.csv");
        fs::write(&plain, "").unwrap();
        let out = dir.path().join("out.csv");
        write(&out, &[], "old").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&out), mode(&plain));
        fs::remove_file(&plain).unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
        write(&out, &[], "new").unwrap();
        assert_eq!(mode(&out), 0o640);
        fs::set_permissions(&out, fs::Permissions::from_mode(0o400)).unwrap();
        let e = write(&out, &[], "newer").unwrap_err();
        assert!(matches!(e, OutputError::ReadOnly(_)), "{e}");
        assert_eq!(fs::read_to_string(&out).unwrap(), "new");
        assert_eq!(mode(&out), 0o400);
        assert_eq!(entries(dir.path()), ["out.csv"]);
    }

    /// A character device to write at: a private copy of `/dev/null` where it can be made
    /// (as root, who could also replace `/dev/null` itself if the guard failed), else
    /// `/dev/null` (whose folder others cannot write, so a failed guard cannot replace it).
    #[cfg(unix)]
    fn a_device(dir: &Path) -> PathBuf {
        let private = dir.join("null");
        let made = std::process::Command::new("mknod")
            .arg(&private)
            .args(["c", "1", "3"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if made {
            private
        } else {
            PathBuf::from("/dev/null")
        }
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_links_are_refused() {
        use std::os::unix::fs::FileTypeExt;
        let devices = tempfile::tempdir().unwrap();
        let device = a_device(devices.path());
        let e = write(&device, &[], "x").unwrap_err();
        assert!(
            matches!(
                e,
                OutputError::NotRegular {
                    kind: "character device",
                    ..
                }
            ),
            "{e}"
        );
        let t = fs::symlink_metadata(&device).unwrap().file_type();
        assert!(t.is_char_device());
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.csv");
        fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let e = write(&link, &[], "x").unwrap_err();
        assert!(matches!(e, OutputError::Link { .. }), "{e}");
        let dangling = dir.path().join("dangling.csv");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        let e = write(&dangling, &[], "x").unwrap_err();
        assert!(matches!(e, OutputError::Link { .. }), "{e}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
        assert_eq!(
            entries(dir.path()),
            ["dangling.csv", "link.csv", "target.csv"]
        );
    }

    /// The old temporary name was `.NAME.PID.tmp`, made by a plain create that followed a
    /// link planted there.
    #[cfg(unix)]
    #[test]
    fn the_temporary_file_is_new_random_and_beside_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        let old_name = format!(".out.csv.{}.tmp", std::process::id());
        std::os::unix::fs::symlink(&victim, dir.path().join(&old_name)).unwrap();
        let mut seen = Vec::new();
        for _ in 0..2 {
            write_output(&out, &[], |w| {
                let names: Vec<String> = entries(dir.path())
                    .into_iter()
                    .filter(|n| n.starts_with(".out.csv.") && *n != old_name)
                    .collect();
                assert_eq!(names.len(), 1, "{names:?}");
                let m = fs::symlink_metadata(dir.path().join(&names[0])).unwrap();
                assert!(m.is_file());
                seen.push(names[0].clone());
                w.write_all(b"new")
            })
            .unwrap();
        }
        assert_ne!(seen[0], seen[1]);
        assert!(seen.iter().all(|n| n.ends_with(".tmp")));
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(fs::read_to_string(&out).unwrap(), "new");
        assert_eq!(
            entries(dir.path()),
            [old_name.as_str(), "out.csv", "victim"]
        );
    }
}
