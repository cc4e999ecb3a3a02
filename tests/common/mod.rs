//! Helpers shared by the command-line regression tests: a scratch folder, the binary with a time limit (a
//! hang fails the test instead of stalling the suite), and odd file types.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("overlap-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The binary, run from the repository root, killed after 60 s.
pub fn overlap() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("overlap").unwrap();
    c.current_dir(root()).timeout(Duration::from_secs(60));
    c
}

/// Runs the binary and returns (exit code, stdout, stderr); a killed or signalled run has code -1.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = overlap().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Makes a named pipe at `path`.
#[cfg(unix)]
pub fn fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) },
        0,
        "mkfifo {}",
        path.display()
    );
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs the binary with `COLUMNS` wide enough that no table wraps a phrase a test looks for.
pub fn output(args: &[&str]) -> std::process::Output {
    overlap().env("COLUMNS", "400").args(args).output().unwrap()
}

/// What a successful run prints at a terminal `columns` wide (`COLUMNS`, as when piped).
pub fn at_columns(columns: usize, args: &[&str]) -> String {
    let out = overlap()
        .args(args)
        .env("COLUMNS", columns.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON a successful run prints with `--format json`.
pub fn json(args: &[&str]) -> serde_json::Value {
    let out = output(&[args, &["--format", "json"]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
