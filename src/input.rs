//! Reading an input file: the one way overlap reads a spec, a descriptor or a text file.
//!
//! Only regular files are read. A named pipe (FIFO) would block forever, a device such as `/dev/zero`
//! never ends, and a socket is not a file, so they are refused before anything is read; the file is opened
//! without blocking and checked again after opening, so a file swapped for a pipe in between is refused too.
//! Files larger than [`MAX_INPUT`] are refused, and no more than that is ever read, so memory stays
//! proportional to the input.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// The largest input file overlap reads: 64 MiB, about a hundred times the largest curriculum we know of.
pub const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// A file that could not be read, and why, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read {}: {}", self.path, self.reason)
    }
}

impl std::error::Error for InputError {}

/// What a file that is neither a regular file nor a directory is, in words (`a named pipe (FIFO)`), or `None`
/// for a regular file or a directory. Writers refuse the same kinds of file.
pub fn odd_kind(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        } else if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        } else if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// Why a file of this kind and size is not read, or `None` when it may be.
fn refusal(meta: &Metadata) -> Option<String> {
    if meta.is_dir() {
        return Some("it is a directory, not a file".into());
    }
    if let Some(what) = odd_kind(meta) {
        return Some(format!(
            "it is {what}, not a regular file; overlap reads regular files only"
        ));
    }
    if meta.len() > MAX_INPUT {
        return Some(too_large(meta.len()));
    }
    None
}

fn too_large(len: u64) -> String {
    format!(
        "it is {:.1} MiB; input files are limited to {} MiB",
        len as f64 / (1024.0 * 1024.0),
        MAX_INPUT / (1024 * 1024)
    )
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Never block on open (a FIFO would wait for a writer) and never become a terminal's controlling process.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// The bytes of the regular file at `path` (a symlink is followed), at most [`MAX_INPUT`] of them.
pub fn read(path: &Path) -> Result<Vec<u8>, InputError> {
    let fail = |reason: String| InputError {
        path: path.display().to_string(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
    if let Some(why) = refusal(&meta) {
        return Err(fail(why));
    }
    let file = open(path).map_err(|e| fail(e.to_string()))?;
    // The path may have been replaced between the check and the open: check what was opened.
    let meta = file.metadata().map_err(|e| fail(e.to_string()))?;
    if let Some(why) = refusal(&meta) {
        return Err(fail(why));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    // A file that grew while it was read.
    if bytes.len() as u64 > MAX_INPUT {
        return Err(fail(too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// Standard input (`-`), which the user pipes in on purpose, read to its end but no further than
/// [`MAX_INPUT`].
pub fn read_stdin() -> Result<Vec<u8>, InputError> {
    let fail = |reason: String| InputError {
        path: "standard input".into(),
        reason,
    };
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(fail(too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_refused() {
        let e = read(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_err();
        assert_eq!(e.reason, "it is a directory, not a file");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_reading() {
        let e = read(Path::new("/dev/zero")).unwrap_err();
        assert!(
            e.reason.starts_with("it is a device, not a regular file"),
            "{e}"
        );
    }

    #[test]
    fn the_message_states_the_limit() {
        assert_eq!(
            too_large(70 * 1024 * 1024),
            "it is 70.0 MiB; input files are limited to 64 MiB"
        );
    }
}
