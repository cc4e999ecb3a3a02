//! Syntax: text → statements → blocks, and back to canonical text. Knows nothing of curricula semantics.

pub mod ast;
pub mod case;
pub mod descriptor;
pub mod extract;
pub mod format;
pub mod parse;
pub mod sssom;
pub mod tree;

use crate::diagnostic::{Diagnostic, Span};
pub use ast::{Block, BlockKind, Document, Statement, Stmt};

/// Parses one file into blocks; all syntax and structure errors of the file are returned together.
pub fn parse_document(text: &str, file: usize) -> (Document, Vec<Diagnostic>) {
    let (statements, trailing, mut diags) = parse::parse_statements(text, file);
    let empty = statements.is_empty() && diags.is_empty();
    let (doc, tree_diags) = tree::build(statements, trailing, file);
    diags.extend(tree_diags);
    if empty {
        diags.push(
            Diagnostic::error(file, Span::new(0, 0), "empty", "the file has no statements")
                .label("expected `curriculum`, `module` or `taxonomy` here")
                .help("start with `curriculum ID \"Title\"`, `module ID \"Title\"` or `taxonomy ID \"Title\"`"),
        );
    }
    (doc, diags)
}
