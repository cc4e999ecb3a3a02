//! Inputs overlap must refuse before reading: named pipes (which would block forever), devices (which never
//! end), and files over the size cap. Each case: the file, exit code 3, and the reason in the message.
#![cfg(unix)]

mod common;
use common::{fifo, run, s, scratch};

const FIFO: &str = "it is a named pipe (FIFO), not a regular file";
const DEVICE: &str = "it is a device, not a regular file";

fn refused(args: &[&str], reason: &str) {
    let (code, _, err) = run(args);
    assert_eq!(code, 3, "{args:?}: {err}");
    assert!(
        err.contains(reason),
        "{args:?}: expected `{reason}` in\n{err}"
    );
}

#[test]
fn a_fifo_spec_file_is_refused_without_hanging() {
    let d = scratch("in-fifo");
    let p = d.join("pipe.ovl");
    fifo(&p);
    refused(&["parse", s(&p)], FIFO);
    refused(&["fmt", s(&p)], FIFO);
    refused(&["check", s(&p), "--against", "emhp"], FIFO);
    // Through a symlink too: the link's target is what would be read.
    let link = d.join("link.ovl");
    std::os::unix::fs::symlink(&p, &link).unwrap();
    refused(&["parse", s(&link)], FIFO);
}

#[test]
fn a_fifo_in_a_curricula_folder_is_refused() {
    let d = scratch("in-fifo-dir");
    fifo(&d.join("x.ovl"));
    refused(
        &["list", "--curricula", s(&d)],
        &format!("cannot read {}/x.ovl: {FIFO}", s(&d)),
    );
}

#[test]
fn a_fifo_descriptor_is_refused_alone_and_in_a_batch() {
    let d = scratch("in-fifo-batch");
    let p = d.join("module.md");
    fifo(&p);
    refused(&["check", s(&p), "--against", "emhp"], FIFO);
    // The batch reports it as an error row and exits 3; it neither skips it silently nor hangs.
    let (code, out, err) = run(&[
        "check",
        "--batch",
        s(&d),
        "--against",
        "emhp",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(out.contains(FIFO), "{out}");
    assert!(err.contains("1 files checked, 1 errors"), "{err}");
}

#[test]
fn devices_are_never_read() {
    refused(&["parse", "/dev/zero"], DEVICE);
    refused(&["check", "/dev/urandom", "--against", "emhp"], DEVICE);
    refused(&["similarity", "/dev/zero", "/dev/zero"], DEVICE);
}

#[test]
fn a_file_over_the_cap_is_refused_with_the_cap_in_the_message() {
    let d = scratch("in-big");
    let p = d.join("big.ovl");
    // Sparse: the test writes nothing, and overlap must not read it either.
    std::fs::File::create(&p)
        .unwrap()
        .set_len(64 * 1024 * 1024 + 1)
        .unwrap();
    refused(&["parse", s(&p)], "input files are limited to 64 MiB");
    let md = d.join("big.md");
    std::fs::rename(&p, &md).unwrap();
    refused(
        &["check", s(&md), "--against", "emhp"],
        "input files are limited to 64 MiB",
    );
}

#[test]
fn a_directory_given_as_a_spec_is_refused() {
    let d = scratch("in-dir");
    refused(&["parse", s(&d)], "it is a directory, not a file");
}
