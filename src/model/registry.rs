//! Finding a curriculum by id or alias, as people type them on the command line.

use super::build::did_you_mean;
use super::types::{Catalog, Curriculum};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCurriculum {
    pub name: String,
    pub suggestion: Option<String>,
    /// Every id with its aliases, for the error message.
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownCurriculum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown curriculum `{}`", self.name)?;
        if let Some(s) = &self.suggestion {
            write!(f, "; did you mean `{s}`?")?;
        }
        write!(f, "\nknown curricula:")?;
        for k in &self.known {
            write!(f, "\n  {k}")?;
        }
        Ok(())
    }
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Catalog {
    /// Looks a curriculum up by id or alias, ignoring case (and, failing that, spaces and punctuation).
    pub fn find(&self, name: &str) -> Result<&Curriculum, UnknownCurriculum> {
        let lower = name.trim().to_lowercase();
        let names = |c: &'_ Curriculum| {
            std::iter::once(c.id.clone())
                .chain(c.aliases.clone())
                .collect::<Vec<_>>()
        };
        if let Some(c) = self
            .curricula
            .iter()
            .find(|c| names(c).iter().any(|n| n.to_lowercase() == lower))
        {
            return Ok(c);
        }
        let sq = squash(name);
        if let Some(c) = self
            .curricula
            .iter()
            .find(|c| names(c).iter().any(|n| squash(n) == sq))
        {
            return Ok(c);
        }
        let all: Vec<String> = self.curricula.iter().flat_map(names).collect();
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        Err(UnknownCurriculum {
            name: name.to_string(),
            suggestion: did_you_mean(name, &refs).map(str::to_string),
            known: self
                .curricula
                .iter()
                .map(|c| {
                    if c.aliases.is_empty() {
                        c.id.clone()
                    } else {
                        format!("{} (also: {})", c.id, c.aliases.join(", "))
                    }
                })
                .collect(),
        })
    }
}
