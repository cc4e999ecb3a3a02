//! `overlap completions SHELL`: the shell's completion script from the one clap definition, with the loaded
//! curricula's ids and aliases offered wherever a curriculum is named.

use clap::CommandFactory;
use clap::builder::{PossibleValue, PossibleValuesParser};

use super::args::Global;
use super::{Cli, Failure, load};

/// The arguments that name a curriculum, by their id in the definition (`check --against` takes a list).
const CURRICULUM_ARGS: [&str; 8] = [
    "ids",
    "curriculum",
    "from",
    "to",
    "against",
    "a",
    "b",
    "role",
];

/// Each curriculum's id and aliases as a user types them (lower case, one shell word each: an alias with a
/// space stays typeable, but completing it would need quoting the shells do not add), with the curriculum's
/// title for the shells that show one.
fn names(catalog: &crate::model::Catalog) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = catalog
        .curricula
        .iter()
        .flat_map(|c| {
            std::iter::once(&c.id)
                .chain(&c.aliases)
                .map(|n| (n.to_lowercase(), c.title.clone()))
        })
        .filter(|(n, _)| !n.contains(char::is_whitespace))
        .collect();
    names.sort();
    names.dedup_by(|a, b| a.0 == b.0);
    names
}

/// `cmd` with every curriculum argument (in it and its subcommands) offering `names`. Used only to write
/// the script: parsing keeps accepting any case, `--curricula` additions and near misses it can name.
fn offering(mut cmd: clap::Command, names: &[(String, String)]) -> clap::Command {
    let ids: Vec<clap::Id> = cmd
        .get_arguments()
        .filter(|a| CURRICULUM_ARGS.contains(&a.get_id().as_str()))
        .map(|a| a.get_id().clone())
        .collect();
    for id in ids {
        let values: Vec<PossibleValue> = names
            .iter()
            .map(|(n, title)| PossibleValue::new(n).help(title))
            .collect();
        cmd = cmd.mut_arg(id, |a| a.value_parser(PossibleValuesParser::new(values)));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        cmd = cmd.mut_subcommand(s, |c| offering(c, names));
    }
    cmd
}

pub fn script(global: &Global, shell: clap_complete::Shell) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let mut cmd = offering(Cli::command(), &names(&ws.catalog));
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "overlap", &mut out);
    Ok(String::from_utf8_lossy(&out).into_owned())
}
