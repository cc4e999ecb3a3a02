//! Writing a whole folder atomically: everything goes to a temporary folder beside the target, which then
//! replaces the target. On any error the temporary folder is removed and the target is left as it was.
//!
//! Only folders overlap wrote are ever replaced or removed: each carries a marker file, and a target that
//! holds anything without the marker is refused, so a user's own folder can never be emptied.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// A file to write: a relative path inside the folder and its bytes.
pub struct Entry {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Entry {
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Entry {
        Entry {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// The file that marks a folder as written by overlap (and so safe for overlap to replace).
pub const MARKER: &str = ".overlap-report";
const MARKER_TEXT: &str =
    "This folder was written by `overlap report`; the next run replaces all of it.\n";

/// Whether overlap may replace or remove `dir`: it is empty, or it carries the marker.
fn ours(dir: &Path) -> io::Result<bool> {
    Ok(dir.join(MARKER).is_file() || std::fs::read_dir(dir)?.next().is_none())
}

/// Removes a folder overlap left behind (an interrupted run's temporary or old copy); anything else is refused.
fn remove_ours(dir: &Path) -> io::Result<()> {
    if !ours(dir)? {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} exists and was not written by overlap; move it away",
                dir.display()
            ),
        ));
    }
    std::fs::remove_dir_all(dir)
}

fn sibling(dir: &Path, tag: &str) -> io::Result<PathBuf> {
    let name = dir
        .file_name()
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} does not name a folder", dir.display()),
            )
        })?
        .to_string_lossy()
        .into_owned();
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{name}.{tag}-{}", std::process::id())))
}

fn write_all(root: &Path, entries: &[Entry]) -> io::Result<()> {
    std::fs::create_dir(root)?;
    // The marker first, so even a half-written temporary folder is recognisably overlap's.
    std::fs::write(root.join(MARKER), MARKER_TEXT)?;
    for e in entries {
        if e.path.is_absolute()
            || e.path
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a plain relative path", e.path.display()),
            ));
        }
        let path = root.join(&e.path);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        let mut f = std::fs::File::create(&path)?;
        f.write_all(&e.bytes)?;
        f.sync_all()?;
    }
    Ok(())
}

/// Replaces folder `dir` with exactly `entries`.
pub fn write_folder(dir: &Path, entries: &[Entry]) -> io::Result<()> {
    if dir.is_dir() && !ours(dir)? {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} holds files overlap did not write (it has no {MARKER} file); give an empty or new folder",
                dir.display()
            ),
        ));
    }
    let tmp = sibling(dir, "tmp")?;
    if tmp.exists() {
        remove_ours(&tmp)?;
    }
    if let Err(e) = write_all(&tmp, entries) {
        let _ = remove_ours(&tmp);
        return Err(e);
    }
    let result = swap_in(&tmp, dir);
    if result.is_err() {
        let _ = remove_ours(&tmp);
    }
    result
}

/// Moves `tmp` to `dir`, moving an existing `dir` aside first and removing it once the new one is in.
fn swap_in(tmp: &Path, dir: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(dir).is_err() {
        return std::fs::rename(tmp, dir);
    }
    if !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists and is not a folder", dir.display()),
        ));
    }
    let old = sibling(dir, "old")?;
    if old.exists() {
        remove_ours(&old)?;
    }
    std::fs::rename(dir, &old)?;
    if let Err(e) = std::fs::rename(tmp, dir) {
        // Put the old folder back; the caller removes the temporary one.
        let _ = std::fs::rename(&old, dir);
        return Err(e);
    }
    // The new folder is in place; a leftover old copy is only clutter.
    let _ = remove_ours(&old);
    Ok(())
}
