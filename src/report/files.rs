//! Writing a whole folder atomically: everything goes to a temporary folder beside the target, which then
//! replaces the target. On any error the temporary folder is removed and the target is left as it was.
//!
//! Only folders overlap wrote are ever replaced or removed: each carries a marker file, and a target that
//! holds anything without the marker is refused, so a user's own folder can never be emptied.
//!
//! On Linux the new folder and the old one trade places in one step (`renameat2` with `RENAME_EXCHANGE`), so
//! the target never stops existing; elsewhere, or on a file system without the exchange, the old folder is
//! moved aside and the new one moved in. The files are synced once, after all are written, not one by one.
//! Temporary and old folders that a killed run left (marked, and their process gone) are removed by the next.

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
/// The marker goes last, so a removal killed halfway leaves a folder the next run still recognises.
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
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        if e.file_name() == MARKER {
            continue;
        }
        if e.file_type()?.is_dir() {
            std::fs::remove_dir_all(e.path())?;
        } else {
            std::fs::remove_file(e.path())?;
        }
    }
    match std::fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

fn name_and_parent(dir: &Path) -> io::Result<(String, &Path)> {
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
    Ok((name, parent))
}

fn sibling(dir: &Path, tag: &str) -> io::Result<PathBuf> {
    let (name, parent) = name_and_parent(dir)?;
    Ok(parent.join(format!(".{name}.{tag}-{}", std::process::id())))
}

/// Removes the temporary and old copies of `dir` that killed runs left: named as [`sibling`] names them,
/// marked as overlap's, and their process gone. Anything else is left alone.
fn remove_debris(dir: &Path) -> io::Result<()> {
    let (name, parent) = name_and_parent(dir)?;
    let Ok(rd) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let prefix = format!(".{name}.");
    for e in rd.flatten() {
        let file = e.file_name();
        let pid = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_prefix("tmp-").or_else(|| f.strip_prefix("old-")));
        let path = e.path();
        if pid.is_some_and(crate::pid::writer_gone)
            && e.file_type().is_ok_and(|t| t.is_dir())
            && ours(&path).unwrap_or(false)
        {
            remove_ours(&path)?;
        }
    }
    Ok(())
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
        std::fs::File::create(&path)?.write_all(&e.bytes)?;
    }
    sync_tree(root, entries)
}

/// Makes every file under `root` durable, once for the whole folder: on Linux one `syncfs` of its file
/// system, elsewhere each file in turn.
fn sync_tree(root: &Path, entries: &[Entry]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let d = std::fs::File::open(root)?;
        if unsafe { libc::syncfs(d.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    for e in entries {
        std::fs::File::open(root.join(&e.path))?.sync_all()?;
    }
    Ok(())
}

/// Makes a rename in `dir` durable; not every file system can sync a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
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
    remove_debris(dir)?;
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

/// Moves `tmp` to `dir`: straight in when `dir` does not exist, else exchanged with it in one step where the
/// system can, else with the old folder moved aside first; the old folder is removed once the new one is in.
fn swap_in(tmp: &Path, dir: &Path) -> io::Result<()> {
    swap_in_with(tmp, dir, exchange)
}

/// [`swap_in`] with the one-step exchange given, so the fallback of systems without it is tested here too.
fn swap_in_with(
    tmp: &Path,
    dir: &Path,
    exchange: fn(&Path, &Path) -> io::Result<bool>,
) -> io::Result<()> {
    let (_, parent) = name_and_parent(dir)?;
    if std::fs::symlink_metadata(dir).is_err() {
        std::fs::rename(tmp, dir)?;
        sync_dir(parent);
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists and is not a folder", dir.display()),
        ));
    }
    if exchange(tmp, dir)? {
        sync_dir(parent);
        // `tmp` now holds the old folder; the new one is in place, so a leftover is only clutter.
        let _ = remove_ours(tmp);
        return Ok(());
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
    sync_dir(parent);
    let _ = remove_ours(&old);
    Ok(())
}

/// Swaps `a` and `b` atomically; `Ok(false)` when this system or file system cannot, so the caller falls
/// back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a path holds a NUL byte"))
    };
    let (ca, cb) = (c(a)?, c(b)?);
    // The raw system call: glibc gained a wrapper only in 2.28.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        // No such system call, or a file system that cannot exchange.
        Some(libc::ENOSYS | libc::EINVAL | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("overlap-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_existing_report_is_exchanged_in_one_step() {
        let d = scratch("exchange");
        let (a, b) = (d.join("a"), d.join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("x"), "a").unwrap();
        std::fs::write(b.join("x"), "b").unwrap();
        // tmpfs and ext4 support the exchange; a file system that does not would fall back.
        if exchange(&a, &b).unwrap() {
            assert_eq!(std::fs::read_to_string(a.join("x")).unwrap(), "b");
            assert_eq!(std::fs::read_to_string(b.join("x")).unwrap(), "a");
        }
    }

    /// Where the system cannot exchange two folders in one step (not Linux, or a file system without it), the
    /// old report is moved aside, the new one moved in, and the old one removed: the same result, and nothing
    /// of the run left beside it.
    #[test]
    fn without_the_one_step_exchange_the_old_report_is_moved_aside_and_replaced() {
        let d = scratch("fallback");
        let (tmp, dir) = (d.join(".out.tmp"), d.join("out"));
        for (p, text) in [(&tmp, "new"), (&dir, "old")] {
            std::fs::create_dir(p).unwrap();
            std::fs::write(p.join(MARKER), MARKER_TEXT).unwrap();
            std::fs::write(p.join("x.txt"), text).unwrap();
        }
        std::fs::write(dir.join("stale.txt"), "old only").unwrap();
        swap_in_with(&tmp, &dir, |_, _| Ok(false)).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("x.txt")).unwrap(), "new");
        assert!(!dir.join("stale.txt").exists(), "the old folder is gone");
        let left: Vec<String> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["out"], "nothing beside the report");
        // A failed exchange is an error, not a silent fallback.
        std::fs::create_dir(&tmp).unwrap();
        let refused = swap_in_with(&tmp, &dir, |_, _| Err(io::Error::other("no")));
        assert!(refused.is_err());
        assert_eq!(std::fs::read_to_string(dir.join("x.txt")).unwrap(), "new");
    }

    #[test]
    fn debris_of_dead_runs_is_removed_and_nothing_else() {
        let d = scratch("debris");
        let out = d.join("report");
        let dead = 0x7fff_fffe_u32;
        let marked = |p: &Path| {
            std::fs::create_dir(p).unwrap();
            std::fs::write(p.join(MARKER), MARKER_TEXT).unwrap();
        };
        let (tmp, old) = (
            d.join(format!(".report.tmp-{dead}")),
            d.join(format!(".report.old-{dead}")),
        );
        marked(&tmp);
        marked(&old);
        // A folder with the pattern's name but not overlap's, and one of a live process (pid 1), stay.
        let foreign = d.join(format!(".report.old-{}", dead - 1));
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("thesis.docx"), "mine").unwrap();
        let live = d.join(".report.tmp-1");
        marked(&live);
        write_folder(&out, &[Entry::new("a.txt", "new")]).unwrap();
        assert!(!tmp.exists() && !old.exists(), "debris removed");
        assert!(
            foreign.join("thesis.docx").exists(),
            "a folder overlap did not write is kept"
        );
        assert!(live.exists(), "a running process's folder is kept");
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "new");
        // Replacing leaves no sibling of this run behind.
        write_folder(&out, &[Entry::new("b.txt", "newer")]).unwrap();
        assert!(!out.join("a.txt").exists());
        let names: Vec<String> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.contains(&format!("-{}", std::process::id()))),
            "{names:?}"
        );
    }
}
