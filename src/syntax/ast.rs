//! The syntax tree: statements as written, with spans and comments, before any resolution.

use crate::diagnostic::Span;

/// The most credits a module or curriculum may carry. The largest UK award, a doctorate, carries 540 credits
/// (an integrated master's 480, a bachelor's degree with honours 360), so a larger number is a typo; the
/// bound keeps every sum of credits in range and every estimate meaningful.
pub const MAX_CREDITS: u32 = 1000;

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

pub type Word = Spanned<String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefineKind {
    Population,
    Setting,
}

/// The statements of the language; see grammar/overlap-spec.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stmt {
    Curriculum {
        id: Word,
        title: Word,
    },
    Module {
        id: Word,
        title: Word,
    },
    Outcome {
        id: Word,
        text: Word,
    },
    Taxonomy {
        id: Word,
        title: Word,
    },
    Domain {
        id: Word,
        title: Word,
    },
    Competency {
        id: Word,
        title: Word,
    },
    Define {
        kind: DefineKind,
        id: Word,
        label: Word,
    },
    Aliases(Vec<Word>),
    Population(Vec<Word>),
    Setting(Vec<Word>),
    Intensity(Word),
    Award(Word),
    Credits(Spanned<u32>),
    Level(Vec<Spanned<u32>>),
    Code(Word),
    Aims(Word),
    SameAs(Word),
    Description(Word),
    Critical(Option<Word>),
    Tags(Vec<Word>),
    Derived,
    Source {
        title: Option<Word>,
        edition: Option<Word>,
        url: Word,
    },
}

/// What kind of block a header statement opens; properties are checked against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Curriculum,
    Module,
    Outcome,
    Taxonomy,
    Domain,
    Competency,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Curriculum => "curriculum",
            BlockKind::Module => "module",
            BlockKind::Outcome => "outcome",
            BlockKind::Taxonomy => "taxonomy",
            BlockKind::Domain => "domain",
            BlockKind::Competency => "competency",
        }
    }
}

impl Stmt {
    /// The keyword as written, for messages.
    pub fn keyword(&self) -> &'static str {
        match self {
            Stmt::Curriculum { .. } => "curriculum",
            Stmt::Module { .. } => "module",
            Stmt::Outcome { .. } => "outcome",
            Stmt::Taxonomy { .. } => "taxonomy",
            Stmt::Domain { .. } => "domain",
            Stmt::Competency { .. } => "competency",
            Stmt::Define { .. } => "define",
            Stmt::Aliases(_) => "aliases",
            Stmt::Population(_) => "population",
            Stmt::Setting(_) => "setting",
            Stmt::Intensity(_) => "intensity",
            Stmt::Award(_) => "award",
            Stmt::Credits(_) => "credits",
            Stmt::Level(_) => "level",
            Stmt::Code(_) => "code",
            Stmt::Aims(_) => "aims",
            Stmt::SameAs(_) => "same as",
            Stmt::Description(_) => "description",
            Stmt::Critical(_) => "critical",
            Stmt::Tags(_) => "tags",
            Stmt::Derived => "derived from aims",
            Stmt::Source { .. } => "source",
        }
    }

    /// The block this statement opens, if it is a header.
    pub fn opens(&self) -> Option<BlockKind> {
        Some(match self {
            Stmt::Curriculum { .. } => BlockKind::Curriculum,
            Stmt::Module { .. } => BlockKind::Module,
            Stmt::Outcome { .. } => BlockKind::Outcome,
            Stmt::Taxonomy { .. } => BlockKind::Taxonomy,
            Stmt::Domain { .. } => BlockKind::Domain,
            Stmt::Competency { .. } => BlockKind::Competency,
            _ => return None,
        })
    }

    /// The blocks that take this statement as a property.
    pub fn property_of(&self) -> &'static [BlockKind] {
        use BlockKind::*;
        match self {
            Stmt::Aliases(_) | Stmt::Intensity(_) | Stmt::Award(_) => &[Curriculum],
            Stmt::Population(_) | Stmt::Setting(_) => &[Curriculum, Competency],
            Stmt::Credits(_) | Stmt::Level(_) => &[Curriculum, Module],
            Stmt::Code(_) | Stmt::Aims(_) | Stmt::SameAs(_) => &[Module],
            Stmt::Description(_) => &[Curriculum, Taxonomy, Domain, Competency],
            Stmt::Critical(_) => &[Domain],
            Stmt::Tags(_) | Stmt::Derived => &[Outcome],
            Stmt::Source { .. } => &[Curriculum, Module, Outcome, Taxonomy],
            Stmt::Define { .. } => &[Taxonomy],
            _ => &[],
        }
    }
}

/// One statement with its comments. `span` covers the statement without comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub stmt: Stmt,
    pub span: Span,
    pub keyword_span: Span,
    /// Whole-line comments directly above, without the leading `#`.
    pub comments: Vec<String>,
    /// A comment at the end of the statement's last line.
    pub trailing: Option<String>,
}

/// A header statement, its properties and its child blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub head: Statement,
    pub props: Vec<Statement>,
    pub children: Vec<Block>,
}

/// A parsed file: its top-level blocks and the comments after the last statement.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub trailing_comments: Vec<String>,
}
