//! Writing one file so that a failure or a kill never leaves a half-written one behind, and a user's file
//! keeps what it was: its permissions, its owner where allowed, and its symlink.
//!
//! The new contents go to a temporary file beside the target (the target a symlink points to, so the link
//! stays a link and its target is what changes), which is synced and renamed over it. Anything but a
//! regular file at the target (a named pipe, a device, a socket, a folder) is refused before anything is
//! written. A temporary file left by a killed run is removed by the next write to the same target.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Symbolic links followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// The path a write to `path` must replace: `path` itself, or the end of its chain of symlinks (which need
/// not exist yet).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links lead from it"
    )))
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn tmp_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.tmp")
}

/// Removes temporary files an earlier, killed write to `name` left in `dir`: regular files named exactly
/// as this module names them, whose writer is gone.
fn remove_debris(dir: &Path, name: &str) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for e in rd.flatten() {
        let file = e.file_name();
        let pid = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(".tmp"));
        if pid.is_some_and(crate::pid::writer_gone) && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes `contents` to `path` atomically: a reader sees the old file or the new one, never a mixture.
pub fn atomic_write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = resolve(path)?;
    let old = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(m) = &old {
        if m.is_dir() {
            return Err(io::Error::other("it is a folder, not a file"));
        }
        if let Some(what) = crate::input::odd_kind(m) {
            return Err(io::Error::other(format!(
                "it is {what}, not a regular file; overlap replaces regular files only"
            )));
        }
    }
    let dir = parent(&target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::other("it does not name a file"))?;
    remove_debris(dir, &name);
    let tmp = dir.join(tmp_name(&name, std::process::id()));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if let Some(m) = &old {
            keep_owner_and_mode(&f, m)?;
        }
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Gives the new file the old one's permissions (exactly: the umask does not apply) and, where the user may,
/// its owner and group.
fn keep_owner_and_mode(f: &File, old: &std::fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only the owner (root) can give a file away; a group the user belongs to is kept. Best effort.
        let _ = std::os::unix::fs::fchown(f, Some(old.uid()), Some(old.gid()))
            .or_else(|_| std::os::unix::fs::fchown(f, None, Some(old.gid())));
    }
    f.set_permissions(old.permissions())
}

/// Makes the rename durable. Not every file system can sync a folder; the file itself is synced already.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("overlap-io-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn permissions_are_kept() {
        let d = scratch("mode");
        let p = d.join("a.ovl");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        atomic_write(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let d = scratch("link");
        std::fs::create_dir(d.join("real")).unwrap();
        let target = d.join("real/a.ovl");
        std::fs::write(&target, "old").unwrap();
        let link = d.join("a.ovl");
        std::os::unix::fs::symlink("real/a.ovl", &link).unwrap();
        atomic_write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        // No temporary file is left beside the link or the target.
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 2);
        assert_eq!(std::fs::read_dir(d.join("real")).unwrap().count(), 1);
    }

    #[test]
    fn a_dangling_symlink_creates_its_target() {
        let d = scratch("dangling");
        let link = d.join("a.ovl");
        std::os::unix::fs::symlink("b.ovl", &link).unwrap();
        atomic_write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(d.join("b.ovl")).unwrap(), b"new");
    }

    #[test]
    fn a_symlink_loop_is_an_error() {
        let d = scratch("loop");
        std::os::unix::fs::symlink("b", d.join("a")).unwrap();
        std::os::unix::fs::symlink("a", d.join("b")).unwrap();
        let e = atomic_write(&d.join("a"), b"x").unwrap_err();
        assert!(e.to_string().contains("symbolic links"), "{e}");
    }

    #[test]
    fn debris_of_a_dead_writer_is_removed_and_a_live_ones_kept() {
        let d = scratch("debris");
        let p = d.join("a.ovl");
        // No process has pid 0x7ffffffe on Linux (pid_max is at most 2^22).
        let dead = d.join(tmp_name("a.ovl", 0x7fff_fffe));
        let live = d.join(tmp_name("a.ovl", 1));
        let other = d.join(".a.ovl.notes.tmp");
        for f in [&dead, &live, &other] {
            std::fs::write(f, "x").unwrap();
        }
        atomic_write(&p, b"new").unwrap();
        assert!(!dead.exists());
        assert!(live.exists(), "pid 1 is alive");
        assert!(other.exists(), "not a name this module makes");
    }
}
