//! Groups statements into blocks by keyword (indentation carries no meaning) and reports misplaced statements.

use super::ast::{Block, BlockKind, Document, Statement, Stmt};
use crate::diagnostic::Diagnostic;

pub fn build(
    statements: Vec<Statement>,
    trailing: Vec<String>,
    file: usize,
) -> (Document, Vec<Diagnostic>) {
    let mut doc = Document {
        blocks: Vec::new(),
        trailing_comments: trailing,
    };
    let mut diags = Vec::new();
    let mut stack: Vec<Block> = Vec::new();
    // After a header that cannot open here, its properties are not reported again as misplaced.
    let mut rejected = false;

    for st in statements {
        match st.stmt.opens() {
            Some(kind) => match depth_for(kind, &stack, &doc) {
                Ok(depth) => {
                    rejected = false;
                    close_to(&mut stack, &mut doc, depth);
                    stack.push(Block {
                        kind,
                        head: st,
                        props: Vec::new(),
                        children: Vec::new(),
                    });
                }
                Err((msg, help)) => {
                    rejected = true;
                    diags
                        .push(Diagnostic::error(file, st.keyword_span, "structure", msg).help(help))
                }
            },
            None if rejected => {}
            None => {
                let allowed = st.stmt.property_of();
                match stack.last_mut() {
                    Some(b) if allowed.contains(&b.kind) => b.props.push(st),
                    Some(b) => {
                        let owners: Vec<&str> = allowed.iter().map(|k| k.name()).collect();
                        let help = if b.kind == BlockKind::Outcome && allowed.contains(&BlockKind::Module) {
                            "module properties go before the module's first outcome".to_string()
                        } else {
                            format!("`{}` belongs to a {}", st.stmt.keyword(), owners.join(" or "))
                        };
                        diags.push(
                            Diagnostic::error(
                                file,
                                st.keyword_span,
                                "structure",
                                format!("`{}` is not a property of {} {}", st.stmt.keyword(), article(b.kind), b.kind.name()),
                            )
                            .label(format!("inside {} `{}`", b.kind.name(), head_id(&b.head.stmt)))
                            .help(help),
                        );
                    }
                    None => diags.push(
                        Diagnostic::error(
                            file,
                            st.keyword_span,
                            "structure",
                            format!("`{}` comes before any `curriculum`, `module` or `taxonomy`", st.stmt.keyword()),
                        )
                        .help("start the file with `curriculum ID \"Title\"`, `module ID \"Title\"` or `taxonomy ID \"Title\"`"),
                    ),
                }
            }
        }
    }
    close_to(&mut stack, &mut doc, 0);
    (doc, diags)
}

fn article(kind: BlockKind) -> &'static str {
    if kind == BlockKind::Outcome {
        "an"
    } else {
        "a"
    }
}

fn head_id(stmt: &Stmt) -> &str {
    match stmt {
        Stmt::Curriculum { id, .. }
        | Stmt::Module { id, .. }
        | Stmt::Outcome { id, .. }
        | Stmt::Taxonomy { id, .. }
        | Stmt::Domain { id, .. }
        | Stmt::Competency { id, .. } => &id.value,
        _ => "",
    }
}

/// The stack depth at which a new header of `kind` opens, or why it cannot open here.
fn depth_for(kind: BlockKind, stack: &[Block], doc: &Document) -> Result<usize, (String, String)> {
    let root = stack
        .first()
        .map(|b| b.kind)
        .or(doc.blocks.first().map(|b| b.kind));
    let one_per_file = |what: &str| {
        Err((
            format!("a file holds at most one {what}, at its start"),
            "put each curriculum or taxonomy in a file of its own".to_string(),
        ))
    };
    match kind {
        BlockKind::Curriculum | BlockKind::Taxonomy => match root {
            None => Ok(0),
            Some(_) => one_per_file(kind.name()),
        },
        BlockKind::Module => match root {
            Some(BlockKind::Curriculum) => Ok(1),
            None | Some(BlockKind::Module) => Ok(0),
            _ => Err((
                "a taxonomy file cannot hold modules".into(),
                "put modules in a curriculum file or a module file".into(),
            )),
        },
        BlockKind::Outcome => match stack.iter().rposition(|b| b.kind == BlockKind::Module) {
            Some(i) => Ok(i + 1),
            None => Err((
                "`outcome` outside a module".into(),
                "an outcome belongs to the `module` above it; add one first".into(),
            )),
        },
        BlockKind::Domain => match root {
            Some(BlockKind::Taxonomy) => Ok(1),
            _ => Err((
                "`domain` outside a taxonomy".into(),
                "domains belong in the taxonomy file, after `taxonomy ID \"Title\"`".into(),
            )),
        },
        BlockKind::Competency => match stack.get(1).map(|b| b.kind) {
            Some(BlockKind::Domain) => Ok(2),
            _ => Err((
                "`competency` outside a domain".into(),
                "a competency belongs to the `domain` above it".into(),
            )),
        },
    }
}

fn close_to(stack: &mut Vec<Block>, doc: &mut Document, depth: usize) {
    while stack.len() > depth {
        let Some(b) = stack.pop() else { break };
        match stack.last_mut() {
            Some(parent) => parent.children.push(b),
            None => doc.blocks.push(b),
        }
    }
}
