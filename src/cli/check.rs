use super::Failure;
use super::args::{CheckArgs, Global};
pub fn run(_: &Global, _: &CheckArgs) -> Result<String, Failure> {
    Err(Failure::usage("wip"))
}
pub fn report_placeholder(
    _: &Global,
    _: &[String],
    _: &std::path::Path,
    _: bool,
) -> Result<String, Failure> {
    Err(Failure::usage("wip"))
}
