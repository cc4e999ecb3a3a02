//! `overlap similarity A B`: outcome × outcome similarity of two plain-text files at scale.

use std::path::Path;

use super::Failure;

pub fn run(_a: &Path, _b: &Path, _top: Option<usize>, _quiet: bool) -> Result<String, Failure> {
    Err(Failure::usage(
        "error: similarity at scale is being built\n",
    ))
}
