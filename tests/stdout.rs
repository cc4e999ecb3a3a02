//! Standard output that cannot be written: a full device is an error (exit 3, with a message), a reader that
//! went away ends the program quietly; neither panics.
#![cfg(target_os = "linux")]

mod common;
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("overlap"));
    c.current_dir(common::root());
    c
}

#[test]
fn a_full_stdout_is_an_error_not_a_silent_success() {
    for args in [
        &["cwp", "emhp"][..],
        &["list", "--format", "json"],
        &["--help"],
        &[
            "check",
            "tests/fixtures/hei/exeter-pyc3022.md",
            "--against",
            "emhp",
            "--min-coverage",
            "0.99",
        ],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = bin().args(args).stdout(Stdio::from(full)).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(
            err.contains("error: cannot write to standard output: No space left on device"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        &["pwp", "cwp", "emhp"][..],
        &[
            "check",
            "tests/fixtures/hei/exeter-pyc3022.md",
            "--against",
            "emhp",
            "--min-coverage",
            "0.99",
        ],
    ] {
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the program writes anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("standard output"), "{args:?}: {err}");
        // A finding still exits with its own code (1); a plain run with 0.
        let want = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(want), "{args:?}: {err}");
    }
}
