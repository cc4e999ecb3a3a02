//! `overlap report`: every table and heatmap for reviewers, written atomically to a folder.

use std::path::Path;

use super::Failure;
use super::args::Global;

pub fn run(
    _global: &Global,
    _ids: &[String],
    _out: &Path,
    _stamp: bool,
) -> Result<String, Failure> {
    Err(Failure::usage("error: the report writer is being built\n"))
}
