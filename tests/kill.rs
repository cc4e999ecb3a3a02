//! `kill -9` at any moment of `report`, `topup --emit` or `fmt --write` leaves the old output or the new one,
//! never a half-written one, and the next run leaves no debris. The moments are spread deterministically
//! over each command's run time.
#![cfg(unix)]

mod common;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{root, scratch};

fn kill_after(args: &[&str], delay: Duration) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("overlap"))
        .current_dir(root())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
}

/// Names in `dir` that only an interrupted write would leave.
fn debris(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp") || n.contains(".old-"))
        .collect()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn report_killed_at_any_moment_leaves_a_whole_report() {
    let d = scratch("kill-report");
    let out = d.join("out");
    let args = ["report", "--out", out.to_str().unwrap()];
    common::overlap().args(args).assert().success();
    let whole = listing(&out);
    let readme = std::fs::read(out.join("csv/README.md")).unwrap();
    for k in 0..12 {
        kill_after(&args, Duration::from_millis(20 + 45 * k));
        assert!(
            out.is_dir(),
            "the report folder always exists (kill after {} ms)",
            20 + 45 * k
        );
        assert_eq!(listing(&out), whole, "old or new, never partial");
        assert_eq!(std::fs::read(out.join("csv/README.md")).unwrap(), readme);
    }
    common::overlap().args(args).assert().success();
    assert!(debris(&d).is_empty(), "{:?}", debris(&d));
}

#[test]
fn topup_emit_and_fmt_write_killed_at_any_moment_leave_a_whole_file() {
    let d = scratch("kill-file");
    let draft = d.join("draft.ovl");
    std::fs::write(&draft, "old\n").unwrap();
    let emit = [
        "topup",
        "cwp-2017",
        "emhp",
        "--emit",
        draft.to_str().unwrap(),
    ];
    common::overlap().args(emit).assert().success();
    let new = std::fs::read(&draft).unwrap();
    for k in 0..10 {
        std::fs::write(&draft, "old\n").unwrap();
        kill_after(&emit, Duration::from_millis(5 * k));
        let now = std::fs::read(&draft).unwrap();
        assert!(
            now == b"old\n" || now == new,
            "half-written after {} ms",
            5 * k
        );
    }
    let spec = d.join("module.ovl");
    let original = std::fs::read(root().join("tests/fixtures/valid/module_file.ovl")).unwrap();
    std::fs::write(&spec, &original).unwrap();
    let fmt = ["fmt", "--write", spec.to_str().unwrap()];
    common::overlap().args(fmt).assert().success();
    let formatted = std::fs::read(&spec).unwrap();
    for k in 0..10 {
        std::fs::write(&spec, &original).unwrap();
        kill_after(&fmt, Duration::from_millis(2 * k));
        let now = std::fs::read(&spec).unwrap();
        assert!(
            now == original || now == formatted,
            "half-written after {} ms",
            2 * k
        );
    }
    common::overlap().args(emit).assert().success();
    common::overlap().args(fmt).assert().success();
    assert!(debris(&d).is_empty(), "{:?}", debris(&d));
}
