//! The model: curricula, modules, outcomes and the competency taxonomy, resolved and validated.

pub mod build;
pub mod descriptor;
pub mod load;
pub mod prebuilt;
pub mod registry;
pub mod review;
pub mod types;

pub use load::{LoadError, LoadSet, Workspace};
pub use types::*;
