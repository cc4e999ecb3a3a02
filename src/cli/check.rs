use super::Failure;
use super::args::{CheckArgs, Global};
pub fn run(_: &Global, _: &CheckArgs) -> Result<String, Failure> {
    Err(Failure::usage("wip"))
}
