//! Single-file writes (`fmt --write`, `topup --emit`) keep a user's file what it was: its permissions, its
//! symlink (the target is what gets written), and a pipe or device is refused (exit 3) instead of being
//! replaced by a regular file.
#![cfg(unix)]

mod common;
use std::os::unix::fs::PermissionsExt;

use common::{fifo, root, run, s, scratch};

/// A valid spec that is not in canonical form.
fn unformatted(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("module.ovl");
    std::fs::copy(root().join("tests/fixtures/valid/module_file.ovl"), &p).unwrap();
    p
}

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn fmt_write_keeps_a_private_file_private() {
    let d = scratch("w-mode");
    let p = unformatted(&d);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, _, err) = run(&["fmt", "--write", s(&p)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&p), 0o600, "0600 must not become 0644");
    assert_eq!(
        run(&["fmt", "--check", s(&p)]).0,
        0,
        "the file was formatted"
    );
}

#[test]
fn fmt_write_formats_a_symlinks_target_and_keeps_the_link() {
    let d = scratch("w-link");
    let real = unformatted(&d);
    let link = d.join("link.ovl");
    std::os::unix::fs::symlink("module.ovl", &link).unwrap();
    let (code, _, err) = run(&["fmt", "--write", s(&link)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_eq!(
        run(&["fmt", "--check", s(&real)]).0,
        0,
        "the target was formatted"
    );
}

#[test]
fn topup_emit_refuses_a_fifo_and_a_device() {
    let d = scratch("w-fifo");
    let p = d.join("draft.ovl");
    fifo(&p);
    for target in [s(&p), "/dev/null"] {
        let (code, _, err) = run(&["topup", "cwp-2017", "emhp", "--emit", target]);
        assert_eq!(code, 3, "{target}: {err}");
        assert!(
            err.contains(&format!("cannot write {target}: it is a")),
            "{err}"
        );
        assert!(err.contains("not a regular file"), "{err}");
    }
    let kind = std::fs::symlink_metadata(&p).unwrap().file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "the FIFO is still a FIFO"
    );
}

#[test]
fn topup_emit_replaces_a_regular_file_keeping_its_mode() {
    let d = scratch("w-emit");
    let p = d.join("draft.ovl");
    std::fs::write(&p, "old draft\n").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, err) = run(&["topup", "cwp-2017", "emhp", "--emit", s(&p)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&p), 0o640);
    assert!(
        std::fs::read_to_string(&p)
            .unwrap()
            .contains("module TOPUP-")
    );
    let left: Vec<_> = std::fs::read_dir(&d).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left");
}
