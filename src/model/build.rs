//! Resolves parsed documents into the model and checks what the grammar cannot: ids, references, sums.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::types::*;
use crate::diagnostic::{Diagnostic, Span};
use crate::syntax::ast::{
    Block, BlockKind, DefineKind, Document, MAX_CREDITS, Spanned, Statement, Stmt, Word,
};

/// One parsed file handed to the builder; `file` indexes the load set's source files.
pub struct Parsed<'a> {
    pub file: usize,
    pub name: &'a str,
    pub doc: &'a Document,
}

struct Builder {
    diags: Vec<Diagnostic>,
    /// Did-you-mean searches left: each compares one id with every known one, so they are rationed to keep a
    /// file of unknown references linear; later references get the plain hint.
    suggestions: usize,
}

/// Did-you-mean searches per load, more than the diagnostics rendered for a file.
const SUGGESTIONS: usize = 200;

/// Where an id was declared, for duplicate and reference messages.
#[derive(Clone, Copy)]
struct Decl {
    file: usize,
    span: Span,
}

pub fn build(parsed: &[Parsed<'_>]) -> Result<Catalog, Vec<Diagnostic>> {
    let mut b = Builder {
        diags: Vec::new(),
        suggestions: SUGGESTIONS,
    };
    let mut catalog = Catalog::default();
    let mut have_taxonomy = false;

    for p in parsed {
        for block in &p.doc.blocks {
            if block.kind == BlockKind::Taxonomy {
                if have_taxonomy {
                    b.err(p.file, block.head.keyword_span, "duplicate", "a second taxonomy is loaded")
                        .help("load one taxonomy file; a taxonomy in --curricula replaces the shipped one");
                    continue;
                }
                have_taxonomy = true;
                catalog.taxonomy = b.taxonomy(p.file, block);
            }
        }
    }
    // Spans of curricula, modules and outcomes, kept beside the model so later checks can point at the source.
    let mut spans = Spans::default();
    for p in parsed {
        for block in &p.doc.blocks {
            match block.kind {
                BlockKind::Curriculum => {
                    catalog.curricula.extend(b.curriculum(p, block, &mut spans));
                }
                BlockKind::Module => {
                    if let Some(m) = b.module(p.file, block, &mut spans, false) {
                        catalog.loose_modules.push((p.name.to_string(), m));
                    }
                }
                _ => {}
            }
        }
    }
    b.unique_ids(&catalog, &spans);
    if have_taxonomy {
        b.check_references(&catalog, &spans);
    }
    b.resolve_same_as(&mut catalog, &spans);
    b.check_sums(&catalog, &spans);
    if b.diags.is_empty() {
        Ok(catalog)
    } else {
        b.diags.sort_by_key(|d| (d.file, d.span.start));
        Err(b.diags)
    }
}

#[derive(Default)]
struct Spans {
    curricula: HashMap<String, (Decl, Vec<(String, Decl)>)>,
    modules: HashMap<String, Decl>,
    module_list: Vec<(String, Decl)>,
    outcomes: Vec<(String, Decl)>,
    credits: HashMap<String, Decl>,
    same_as: HashMap<String, Decl>,
    tags: Vec<(String, Decl)>,
    terms: Vec<(&'static str, String, Decl)>,
}

fn text(w: &Word) -> String {
    w.value.clone()
}

impl Builder {
    fn err(
        &mut self,
        file: usize,
        span: Span,
        code: &'static str,
        msg: impl Into<String>,
    ) -> Pushed<'_> {
        self.diags.push(Diagnostic::error(file, span, code, msg));
        Pushed(self.diags.last_mut())
    }

    /// Reports a property given twice in one block; keeps the first.
    fn once<'s>(&mut self, file: usize, slot: &mut Option<&'s Statement>, st: &'s Statement) {
        if slot.is_some() {
            self.err(
                file,
                st.keyword_span,
                "duplicate",
                format!("`{}` is given twice", st.stmt.keyword()),
            )
            .help("keep one of them");
        } else {
            *slot = Some(st);
        }
    }

    /// Credits within [`MAX_CREDITS`]; a larger number is reported and read as none.
    fn bounded(&mut self, file: usize, n: &Spanned<u32>, what: &str) -> Option<u32> {
        if n.value <= MAX_CREDITS {
            return Some(n.value);
        }
        self.err(
            file,
            n.span,
            "credits",
            format!("{} credits is more than any {what} carries", n.value),
        )
        .label(format!("more than {MAX_CREDITS}"))
        .help(format!(
            "a module or curriculum carries at most {MAX_CREDITS} credits (a whole doctorate carries 540); correct the number"
        ));
        None
    }

    fn provenance(st: &Statement) -> Option<Provenance> {
        match &st.stmt {
            Stmt::Source {
                title,
                edition,
                url,
            } => Some(Provenance {
                title: title.as_ref().map(text),
                edition: edition.as_ref().map(text),
                url: url.value.clone(),
            }),
            _ => None,
        }
    }

    fn taxonomy(&mut self, file: usize, block: &Block) -> Taxonomy {
        let Stmt::Taxonomy { id, title } = &block.head.stmt else {
            return Taxonomy::default();
        };
        let mut t = Taxonomy {
            id: text(id),
            title: text(title),
            ..Default::default()
        };
        let mut seen: HashMap<String, Span> = HashMap::new();
        let (mut desc, mut src) = (None, None);
        for p in &block.props {
            match &p.stmt {
                Stmt::Description(_) => self.once(file, &mut desc, p),
                Stmt::Source { .. } => self.once(file, &mut src, p),
                Stmt::Define { kind, id, label } => {
                    let key = format!("{kind:?}:{}", id.value);
                    if self.first_decl(
                        &mut seen,
                        key,
                        file,
                        id,
                        match kind {
                            DefineKind::Population => "population",
                            DefineKind::Setting => "setting",
                        },
                    ) {
                        let term = Term {
                            id: text(id),
                            label: text(label),
                        };
                        match kind {
                            DefineKind::Population => t.populations.push(term),
                            DefineKind::Setting => t.settings.push(term),
                        }
                    }
                }
                _ => {}
            }
        }
        t.description = desc.and_then(|s| match &s.stmt {
            Stmt::Description(w) => Some(text(w)),
            _ => None,
        });
        t.source = src.and_then(Self::provenance);
        for d in &block.children {
            let Stmt::Domain { id, title } = &d.head.stmt else {
                continue;
            };
            if !self.first_decl(
                &mut seen,
                format!("domain:{}", id.value),
                file,
                id,
                "domain",
            ) {
                continue;
            }
            let mut dom = Domain {
                id: text(id),
                title: text(title),
                critical: false,
                critical_reason: None,
                description: None,
                competencies: Vec::new(),
            };
            let (mut crit, mut desc) = (None, None);
            for p in &d.props {
                match &p.stmt {
                    Stmt::Critical(_) => self.once(file, &mut crit, p),
                    Stmt::Description(_) => self.once(file, &mut desc, p),
                    _ => {}
                }
            }
            if let Some(Stmt::Critical(reason)) = crit.map(|s| &s.stmt) {
                dom.critical = true;
                dom.critical_reason = reason.as_ref().map(text);
            }
            dom.description = desc.and_then(|s| match &s.stmt {
                Stmt::Description(w) => Some(text(w)),
                _ => None,
            });
            for c in &d.children {
                let Stmt::Competency { id: cid, title } = &c.head.stmt else {
                    continue;
                };
                let full = format!("{}.{}", dom.id, cid.value);
                if !self.first_decl(
                    &mut seen,
                    format!("competency:{full}"),
                    file,
                    cid,
                    "competency",
                ) {
                    continue;
                }
                let mut comp = Competency {
                    id: full,
                    title: text(title),
                    description: None,
                    population: Vec::new(),
                    settings: Vec::new(),
                };
                let mut desc = None;
                for p in &c.props {
                    match &p.stmt {
                        Stmt::Description(_) => self.once(file, &mut desc, p),
                        Stmt::Population(v) => comp.population.extend(v.iter().map(text)),
                        Stmt::Setting(v) => comp.settings.extend(v.iter().map(text)),
                        _ => {}
                    }
                }
                comp.description = desc.and_then(|s| match &s.stmt {
                    Stmt::Description(w) => Some(text(w)),
                    _ => None,
                });
                dom.competencies.push(comp);
            }
            t.domains.push(dom);
        }
        // Scopes name populations and settings the taxonomy itself defines.
        let ids = |terms: &[Term]| terms.iter().map(|x| x.id.clone()).collect::<HashSet<_>>();
        let (populations, settings) = (ids(&t.populations), ids(&t.settings));
        for d in &block.children {
            for c in &d.children {
                for p in &c.props {
                    let (kind, terms, set, list) = match &p.stmt {
                        Stmt::Population(v) => ("population", &t.populations, &populations, v),
                        Stmt::Setting(v) => ("setting", &t.settings, &settings, v),
                        _ => continue,
                    };
                    for w in list {
                        if !set.contains(&w.value) {
                            let known: Vec<&str> = terms.iter().map(|x| x.id.as_str()).collect();
                            self.unknown(
                                file,
                                w,
                                kind,
                                &known,
                                &format!("define it with `define {kind} {} \"…\"`", w.value),
                            );
                        }
                    }
                }
            }
        }
        t
    }

    fn first_decl(
        &mut self,
        seen: &mut HashMap<String, Span>,
        key: String,
        file: usize,
        id: &Word,
        what: &str,
    ) -> bool {
        match seen.entry(key) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(id.span);
                true
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                let first = *e.get();
                self.err(
                    file,
                    id.span,
                    "duplicate",
                    format!("{what} `{}` is declared twice", id.value),
                )
                .related(file, first, "first declared at")
                .help("ids must be unique; rename or remove one");
                false
            }
        }
    }

    fn unknown(&mut self, file: usize, w: &Word, what: &str, known: &[&str], fallback: &str) {
        let suggestion = if self.suggestions > 0 {
            self.suggestions -= 1;
            did_you_mean(&w.value, known)
        } else {
            None
        };
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => fallback.to_string(),
        };
        self.err(
            file,
            w.span,
            "unknown",
            format!("unknown {what} `{}`", w.value),
        )
        .label(format!("no {what} has this id"))
        .help(help);
    }

    fn curriculum(
        &mut self,
        p: &Parsed<'_>,
        block: &Block,
        spans: &mut Spans,
    ) -> Option<Curriculum> {
        let file = p.file;
        // The tree builder opens blocks only from their header statements, so this always matches.
        let Stmt::Curriculum { id, title } = &block.head.stmt else {
            return None;
        };
        let mut c = Curriculum {
            id: text(id),
            title: text(title),
            aliases: Vec::new(),
            population: Vec::new(),
            settings: Vec::new(),
            intensity: None,
            award: None,
            credits: 0,
            levels: Vec::new(),
            description: None,
            source: None,
            modules: Vec::new(),
            file: p.name.to_string(),
        };
        let mut slots: BTreeMap<&str, Option<&Statement>> = BTreeMap::new();
        let mut alias_decls = Vec::new();
        for st in &block.props {
            let slot = slots.entry(st.stmt.keyword()).or_default();
            self.once(file, slot, st);
        }
        for st in slots.values().flatten() {
            match &st.stmt {
                Stmt::Aliases(v) => {
                    c.aliases = v.iter().map(text).collect();
                    alias_decls = v
                        .iter()
                        .map(|w| (w.value.clone(), Decl { file, span: w.span }))
                        .collect();
                }
                Stmt::Population(v) => {
                    c.population = v.iter().map(text).collect();
                    spans.terms.extend(
                        v.iter()
                            .map(|w| ("population", w.value.clone(), Decl { file, span: w.span })),
                    );
                }
                Stmt::Setting(v) => {
                    c.settings = v.iter().map(text).collect();
                    spans.terms.extend(
                        v.iter()
                            .map(|w| ("setting", w.value.clone(), Decl { file, span: w.span })),
                    );
                }
                Stmt::Intensity(w) => {
                    c.intensity = Some(if w.value == "high" {
                        Intensity::High
                    } else {
                        Intensity::Low
                    })
                }
                Stmt::Award(w) => c.award = Some(text(w)),
                Stmt::Credits(n) => {
                    // Out of bounds: reported once, and left out of the sum check.
                    if let Some(v) = self.bounded(file, n, "curriculum") {
                        c.credits = v;
                        spans
                            .credits
                            .insert(format!("curriculum:{}", c.id), Decl { file, span: n.span });
                    }
                }
                Stmt::Level(v) => c.levels = v.iter().map(|n| n.value).collect(),
                Stmt::Description(w) => c.description = Some(text(w)),
                Stmt::Source { .. } => c.source = Self::provenance(st),
                _ => {}
            }
        }
        for (kw, what) in [
            ("credits", "its total credits"),
            ("level", "its level(s)"),
            ("population", "who it trains practitioners for"),
            ("setting", "where they work"),
        ] {
            if !slots.contains_key(kw) {
                self.err(
                    file,
                    id.span,
                    "missing",
                    format!("curriculum `{}` has no `{kw}`", id.value),
                )
                .label(format!("`{kw}` missing here"))
                .help(format!(
                    "add a `{kw}` line under the curriculum header giving {what}"
                ));
            }
        }
        spans.curricula.insert(
            c.id.clone(),
            (
                Decl {
                    file,
                    span: id.span,
                },
                alias_decls,
            ),
        );
        for m in &block.children {
            let Some(mut module) = self.module(file, m, spans, true) else {
                continue;
            };
            if module.source.is_none() {
                module.source = c.source.clone();
            }
            for o in &mut module.outcomes {
                if o.provenance.is_none() {
                    o.provenance = module.source.clone();
                }
            }
            c.modules.push(module);
        }
        if c.modules.is_empty() {
            self.err(
                file,
                id.span,
                "empty-curriculum",
                format!("curriculum `{}` has no modules", c.id),
            )
            .label("no `module` follows this curriculum")
            .help("add its modules (`module ID \"Title\"` with `credits`, `level` and outcomes); there is nothing to compare without them");
        }
        Some(c)
    }

    fn module(
        &mut self,
        file: usize,
        block: &Block,
        spans: &mut Spans,
        in_curriculum: bool,
    ) -> Option<Module> {
        let Stmt::Module { id, title } = &block.head.stmt else {
            return None;
        };
        let mut m = Module {
            id: text(id),
            title: text(title),
            code: None,
            credits: None,
            levels: Vec::new(),
            aims: None,
            same_as: None,
            source: None,
            outcomes: Vec::new(),
        };
        let decl = Decl {
            file,
            span: id.span,
        };
        spans.modules.entry(m.id.clone()).or_insert(decl);
        spans.module_list.push((m.id.clone(), decl));
        let mut slots: BTreeMap<&str, Option<&Statement>> = BTreeMap::new();
        for st in &block.props {
            let slot = slots.entry(st.stmt.keyword()).or_default();
            self.once(file, slot, st);
        }
        for st in slots.values().flatten() {
            match &st.stmt {
                Stmt::Code(w) => m.code = Some(text(w)),
                Stmt::Credits(n) => {
                    m.credits = self.bounded(file, n, "module");
                    spans
                        .credits
                        .insert(m.id.clone(), Decl { file, span: n.span });
                }
                Stmt::Level(v) => m.levels = v.iter().map(|n| n.value).collect(),
                Stmt::Aims(w) => m.aims = Some(text(w)),
                Stmt::SameAs(w) => {
                    m.same_as = Some(text(w));
                    spans
                        .same_as
                        .insert(m.id.clone(), Decl { file, span: w.span });
                }
                Stmt::Source { .. } => m.source = Self::provenance(st),
                _ => {}
            }
        }
        if in_curriculum {
            for kw in ["credits", "level"] {
                if !slots.contains_key(kw) {
                    self.err(
                        file,
                        id.span,
                        "missing",
                        format!("module `{}` has no `{kw}`", id.value),
                    )
                    .label(format!("`{kw}` missing here"))
                    .help(format!(
                        "add `{kw} …` under the module header, before its first outcome"
                    ));
                }
            }
        }
        for o in &block.children {
            m.outcomes.extend(self.outcome(file, o, spans));
        }
        if m.same_as.is_some() && !m.outcomes.is_empty() {
            self.err(file, id.span, "same-as", format!("module `{}` is `same as` another module but lists outcomes", m.id))
                .help("a shared module takes the outcomes of the module it is the same as; remove its outcomes or the `same as` line");
        }
        if m.same_as.is_none() && m.outcomes.is_empty() {
            self.err(file, id.span, "empty-module", format!("module `{}` has no outcomes", m.id))
                .label("no `outcome` lines follow this module")
                .help("add its learning outcomes (`outcome ID \"…\"`), or `same as MODULE` if it is another curriculum's module");
        }
        Some(m)
    }

    fn outcome(&mut self, file: usize, block: &Block, spans: &mut Spans) -> Option<Outcome> {
        let Stmt::Outcome { id, text: t } = &block.head.stmt else {
            return None;
        };
        spans.outcomes.push((
            id.value.clone(),
            Decl {
                file,
                span: id.span,
            },
        ));
        let mut o = Outcome {
            id: text(id),
            text: text(t),
            tags: Vec::new(),
            provenance: None,
            derived_from_aims: false,
        };
        if o.text.is_empty() {
            self.err(
                file,
                t.span,
                "empty-text",
                format!("outcome `{}` has an empty text", o.id),
            )
            .help("write what a trainee can do at the end of the module");
        }
        let (mut tags, mut src, mut der) = (None, None, None);
        for st in &block.props {
            match &st.stmt {
                Stmt::Tags(_) => self.once(file, &mut tags, st),
                Stmt::Source { .. } => self.once(file, &mut src, st),
                Stmt::Derived => self.once(file, &mut der, st),
                _ => {}
            }
        }
        if let Some(Stmt::Tags(v)) = tags.map(|s| &s.stmt) {
            let mut seen = HashSet::new();
            for w in v {
                if !seen.insert(w.value.as_str()) {
                    self.err(
                        file,
                        w.span,
                        "duplicate",
                        format!("tag `{}` is given twice", w.value),
                    )
                    .help("remove the repeated tag");
                    continue;
                }
                o.tags.push(text(w));
                spans
                    .tags
                    .push((w.value.clone(), Decl { file, span: w.span }));
            }
        }
        o.provenance = src.and_then(Self::provenance);
        o.derived_from_aims = der.is_some();
        Some(o)
    }

    fn unique_ids(&mut self, catalog: &Catalog, spans: &Spans) {
        // Curriculum ids and aliases share one case-insensitive name space, as on the command line.
        let mut names: HashMap<String, String> = HashMap::new();
        for c in &catalog.curricula {
            let Some((decl, aliases)) = spans.curricula.get(&c.id) else {
                continue;
            };
            let mut entries = vec![(c.id.clone(), *decl)];
            entries.extend(aliases.iter().cloned());
            for (name, d) in entries {
                let key = name.to_lowercase();
                match names.get(&key) {
                    Some(owner) if owner != &c.id || name != c.id => {
                        if owner == &c.id {
                            continue;
                        }
                        self.err(
                            d.file,
                            d.span,
                            "duplicate",
                            format!("`{name}` already names curriculum `{owner}`"),
                        )
                        .help("curriculum ids and aliases must be unique, ignoring case");
                    }
                    Some(_) => {}
                    None => {
                        names.insert(key, c.id.clone());
                    }
                }
            }
        }
        for (what, list) in [("module", &spans.module_list), ("outcome", &spans.outcomes)] {
            let mut seen: HashMap<&str, Decl> = HashMap::new();
            for (id, d) in list {
                if let Some(first) = seen.get(id.as_str()) {
                    let msg = format!("{what} id `{id}` is used twice");
                    self.err(d.file, d.span, "duplicate", msg)
                        .label(format!("`{id}` is already the id of another {what}"))
                        .related(first.file, first.span, "first declared at")
                        .help(format!(
                            "{what} ids must be unique across all loaded files; rename one"
                        ));
                } else {
                    seen.insert(id, *d);
                }
            }
        }
    }

    fn check_references(&mut self, catalog: &Catalog, spans: &Spans) {
        let tax = &catalog.taxonomy;
        let all: Vec<&str> = tax
            .domains
            .iter()
            .flat_map(|d| d.competencies.iter().map(|c| c.id.as_str()))
            .collect();
        let ids: HashSet<&str> = all.iter().copied().collect();
        let defined = |terms: &[Term]| terms.iter().map(|t| t.id.clone()).collect::<HashSet<_>>();
        let (populations, settings) = (defined(&tax.populations), defined(&tax.settings));
        for (tag, d) in &spans.tags {
            if !ids.contains(tag.as_str()) {
                let w = Spanned::new(tag.clone(), d.span);
                let fallback = match tag.split_once('.') {
                    None => {
                        "a tag is `domain.competency`, both declared in the taxonomy".to_string()
                    }
                    Some((dom, _)) if tax.domain(dom).is_none() => {
                        format!("there is no domain `{dom}` in the taxonomy")
                    }
                    Some((dom, _)) => format!(
                        "add `competency …` under domain `{dom}` in the taxonomy, or pick an existing one"
                    ),
                };
                self.unknown(d.file, &w, "tag", &all, &fallback);
            }
        }
        for (kind, id, d) in &spans.terms {
            let (terms, set) = if *kind == "population" {
                (&tax.populations, &populations)
            } else {
                (&tax.settings, &settings)
            };
            if !set.contains(id) {
                let known: Vec<&str> = terms.iter().map(|t| t.id.as_str()).collect();
                let w = Spanned::new(id.clone(), d.span);
                let fallback = if known.is_empty() {
                    format!("the taxonomy defines no {kind}; add `define {kind} {id} \"…\"` to it")
                } else {
                    format!("the taxonomy defines these: {}", known.join(", "))
                };
                self.unknown(d.file, &w, kind, &known, &fallback);
            }
        }
    }

    fn resolve_same_as(&mut self, catalog: &mut Catalog, spans: &Spans) {
        let mut owners: HashMap<String, Module> = HashMap::new();
        for m in catalog
            .curricula
            .iter()
            .flat_map(|c| c.modules.iter())
            .chain(catalog.loose_modules.iter().map(|(_, m)| m))
        {
            owners.entry(m.id.clone()).or_insert_with(|| m.clone());
        }
        let ids: Vec<&str> = owners.keys().map(String::as_str).collect();
        let mut fill = Vec::new();
        for m in catalog
            .curricula
            .iter()
            .flat_map(|c| c.modules.iter())
            .chain(catalog.loose_modules.iter().map(|(_, m)| m))
        {
            let Some(target) = &m.same_as else { continue };
            let Some(d) = spans.same_as.get(&m.id) else {
                continue;
            };
            match owners.get(target) {
                None => {
                    let w = Spanned::new(target.clone(), d.span);
                    self.unknown(
                        d.file,
                        &w,
                        "module",
                        &ids,
                        "load the curriculum that holds that module too",
                    );
                }
                Some(t) if t.same_as.is_some() || t.id == m.id => {
                    self.err(
                        d.file,
                        d.span,
                        "same-as",
                        format!("`{target}` is itself a `same as` module"),
                    )
                    .help(format!(
                        "point at the module that lists the outcomes{}",
                        t.same_as
                            .as_ref()
                            .map(|s| format!(": `{s}`"))
                            .unwrap_or_default()
                    ));
                }
                Some(t) => {
                    if t.credits != m.credits {
                        self.err(
                            d.file,
                            d.span,
                            "same-as",
                            format!(
                                "module `{}` has {} credits but `{target}` has {}",
                                m.id,
                                m.credits.map_or("no".into(), |c| c.to_string()),
                                t.credits.map_or("no".into(), |c| c.to_string())
                            ),
                        )
                        .help("a module that is the same as another carries the same credits");
                    }
                    fill.push((m.id.clone(), t.outcomes.clone()));
                }
            }
        }
        let fill: HashMap<String, Vec<Outcome>> = fill.into_iter().collect();
        for m in catalog
            .curricula
            .iter_mut()
            .flat_map(|c| c.modules.iter_mut())
        {
            if let Some(o) = fill.get(&m.id) {
                m.outcomes = o.clone();
            }
        }
        for (_, m) in catalog.loose_modules.iter_mut() {
            if let Some(o) = fill.get(&m.id) {
                m.outcomes = o.clone();
            }
        }
    }

    fn check_sums(&mut self, catalog: &Catalog, spans: &Spans) {
        // The first declaration of each outcome id, for one lookup per outcome.
        let mut outcome_decl: HashMap<&str, Decl> = HashMap::new();
        for (id, d) in &spans.outcomes {
            outcome_decl.entry(id.as_str()).or_insert(*d);
        }
        for c in &catalog.curricula {
            // Summed in u64: exact for any number of modules a machine can hold.
            let sum: u64 = c
                .modules
                .iter()
                .filter_map(|m| m.credits)
                .map(u64::from)
                .sum();
            if !c.modules.is_empty()
                && c.modules.iter().all(|m| m.credits.is_some())
                && sum != u64::from(c.credits)
                && let Some(d) = spans.credits.get(&format!("curriculum:{}", c.id))
            {
                let parts: Vec<String> = c
                    .modules
                    .iter()
                    .map(|m| format!("{} {}", m.id, m.credits.unwrap_or(0)))
                    .collect();
                self.err(
                    d.file,
                    d.span,
                    "credits",
                    format!(
                        "curriculum `{}` has {} credits but its modules add up to {sum}",
                        c.id, c.credits
                    ),
                )
                .label(format!("modules: {}", parts.join(" + ")))
                .help("correct the curriculum's credits or a module's credits");
            }
            for m in &c.modules {
                for o in &m.outcomes {
                    if o.provenance.is_none()
                        && let Some(d) = outcome_decl.get(o.id.as_str())
                    {
                        self.err(d.file, d.span, "provenance", format!("outcome `{}` has no source", o.id))
                                .help("add `source \"Title\" <https://…>` under the outcome, its module or the curriculum");
                    }
                }
            }
        }
    }
}

/// A diagnostic just pushed, still open for a label and help.
struct Pushed<'a>(Option<&'a mut Diagnostic>);

impl Pushed<'_> {
    fn label(mut self, s: impl Into<String>) -> Self {
        if let Some(d) = self.0.as_mut() {
            d.label = s.into();
        }
        self
    }
    fn help(mut self, s: impl Into<String>) -> Self {
        if let Some(d) = self.0.as_mut() {
            d.help = Some(s.into());
        }
        self
    }
    fn related(mut self, file: usize, span: Span, what: &str) -> Self {
        if let Some(d) = self.0.as_mut() {
            d.related = Some((file, span, what.to_string()));
        }
        self
    }
}

/// Ids longer than this get no suggestion: string similarity costs the product of the two lengths.
const LONGEST_SUGGESTED: usize = 100;

/// The closest known id, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    if word.len() > LONGEST_SUGGESTED {
        return None;
    }
    known
        .iter()
        .filter(|k| k.len() <= LONGEST_SUGGESTED)
        .map(|k| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &k.to_lowercase()),
                *k,
            )
        })
        .filter(|(s, _)| *s >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}
