//! Reads a 1EdTech CASE 1.1 package (CFPackage JSON) as a curriculum: the package is turned into the text of a
//! curriculum spec, which then goes through the same parser and model checks as any `.ovl` file.
//!
//! The CFDocument is the curriculum; the items that are `isChildOf` the document are its modules, in
//! `sequenceNumber` order; every item below a module that has no children of its own is one of its
//! outcomes, in depth-first order. Ids come from `humanCodingScheme` where it is a valid id, else from
//! the document's `notes` (`id: …`) or the initials of its title, and positions. Competency tags are the
//! items' `conceptKeywords` that look like `domain.competency`. `notes` lines `key: value` carry what
//! CASE has no field for; `report::case` writes them, and a package from another tool simply lacks them.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::format::quote;
use crate::diagnostic::{Diagnostic, Span};

/// The `CFItemType` of a module and of a learning outcome in the packages overlap writes.
pub const ITEM_MODULE: &str = "Module";
pub const ITEM_OUTCOME: &str = "Learning Outcome";
/// The UUIDv5 namespace of the identifiers overlap writes (a fixed random UUID).
pub const NAMESPACE: u128 = 0x5f0e_2b7c_4a1d_4e8f_9c3b_6d2a_1e7f_0b94;

/// One `key: value` line of a CASE `notes` field (line breaks in the value become spaces).
pub fn notes_line(key: &str, value: &str) -> String {
    format!("{key}: {}", value.replace(['\r', '\n'], " "))
}

/// Whether a text is JSON but no CASE package (no `CFDocument`): some other tool's file, not a curriculum.
pub fn is_other_json(text: &str) -> bool {
    serde_json::from_str::<Value>(text).is_ok_and(|v| v.get("CFDocument").is_none())
}

fn notes(v: &Value) -> Vec<(String, String)> {
    v.get("notes")
        .and_then(Value::as_str)
        .unwrap_or("")
        .lines()
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn note<'a>(n: &'a [(String, String)], key: &str) -> Option<&'a str> {
    n.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn is_id(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn is_list(s: &str, item: fn(&str) -> bool) -> bool {
    s.split(',').all(|x| item(x.trim()))
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit())
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// `source` statement from `Title <url>` (or `<url>`) and an optional edition.
fn source(n: &[(String, String)], out: &mut String, indent: &str) {
    let Some(v) = note(n, "source") else { return };
    let Some((title, rest)) = v.rsplit_once('<') else {
        return;
    };
    let url = rest.trim_end_matches('>');
    if !is_url(url) {
        return;
    }
    out.push_str(&format!("{indent}source"));
    if !title.trim().is_empty() {
        out.push_str(&format!(" {}", quote(title.trim())));
    }
    if let Some(e) = note(n, "source edition") {
        out.push_str(&format!(" edition {}", quote(e)));
    }
    out.push_str(&format!(" <{url}>\n"));
}

/// The id a title's initials make ("Psychological Wellbeing Practitioner" → "PWP").
fn initials(title: &str) -> String {
    let s: String = title
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if s.is_empty() { "CASE".into() } else { s }
}

fn error(file: usize, at: usize, message: impl Into<String>, help: &str) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(file, Span::new(at, at + 1), "case", message)
            .label("in this CASE package")
            .help(help.to_string()),
    )
}

/// The curriculum spec text a CASE package stands for, or a located error on the package.
pub fn to_spec(text: &str, file: usize) -> Result<String, Box<Diagnostic>> {
    let v: Value = serde_json::from_str(text).map_err(|e| {
        let at = text
            .split_inclusive('\n')
            .take(e.line().saturating_sub(1))
            .map(str::len)
            .sum::<usize>()
            + e.column().saturating_sub(1);
        error(
            file,
            at.min(text.len().saturating_sub(1)),
            format!("not valid JSON: {e}"),
            "a CASE package is one JSON object with CFDocument, CFItems and CFAssociations",
        )
    })?;
    let missing = |what: &str| {
        error(
            file,
            0,
            format!("the CASE package has no {what}"),
            "a CASE package is one JSON object with CFDocument, CFItems and CFAssociations",
        )
    };
    let doc = v.get("CFDocument").ok_or_else(|| missing("CFDocument"))?;
    let doc_id = str_of(doc, "identifier").ok_or_else(|| missing("CFDocument identifier"))?;
    let title = str_of(doc, "title").ok_or_else(|| missing("CFDocument title"))?;
    let items: HashMap<&str, &Value> = v
        .get("CFItems")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| Some((str_of(i, "identifier")?, i)))
        .collect();
    // Children of each node, in sequence order (then as listed).
    let mut children: BTreeMap<&str, Vec<(u64, usize, &str)>> = BTreeMap::new();
    for (k, a) in v
        .get("CFAssociations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if str_of(a, "associationType") != Some("isChildOf") {
            continue;
        }
        let node = |key: &str| a.get(key).and_then(|n| str_of(n, "identifier"));
        if let (Some(o), Some(d)) = (node("originNodeURI"), node("destinationNodeURI"))
            && items.contains_key(o)
        {
            let seq = a
                .get("sequenceNumber")
                .and_then(Value::as_u64)
                .unwrap_or(u64::MAX);
            children.entry(d).or_default().push((seq, k, o));
        }
    }
    for c in children.values_mut() {
        c.sort();
    }
    let kids = |id: &str| -> Vec<&str> {
        children
            .get(id)
            .map(|c| c.iter().map(|x| x.2).collect())
            .unwrap_or_default()
    };
    let dn = notes(doc);
    let cid = note(&dn, "id")
        .filter(|s| is_id(s))
        .map_or_else(|| initials(title), String::from);
    let mut out = format!("curriculum {cid} {}\n", quote(title));
    let aliases: Vec<String> = dn
        .iter()
        .filter(|(k, _)| k == "alias")
        .map(|(_, a)| quote(a))
        .collect();
    if !aliases.is_empty() {
        out.push_str(&format!("  aliases {}\n", aliases.join(", ")));
    }
    for key in ["population", "setting"] {
        if let Some(x) = note(&dn, key).filter(|x| is_list(x, is_id)) {
            out.push_str(&format!("  {key} {x}\n"));
        }
    }
    if let Some(x) = note(&dn, "intensity").filter(|x| matches!(*x, "low" | "high")) {
        out.push_str(&format!("  intensity {x}\n"));
    }
    if let Some(x) = note(&dn, "award") {
        out.push_str(&format!("  award {}\n", quote(x)));
    }
    if let Some(x) = note(&dn, "credits").filter(|x| is_number(x)) {
        out.push_str(&format!("  credits {x}\n"));
    }
    if let Some(x) = note(&dn, "level").filter(|x| is_list(x, is_number)) {
        out.push_str(&format!("  level {x}\n"));
    }
    if let Some(x) = str_of(doc, "description") {
        out.push_str(&format!("  description {}\n", quote(x)));
    }
    source(&dn, &mut out, "  ");
    let (modules, loose): (Vec<&str>, Vec<&str>) =
        kids(doc_id).into_iter().partition(|m| !kids(m).is_empty());
    // A package from a frameworks tool has no credits per module: the curriculum's are shared out evenly
    // (stated in the README), and a module's level is the curriculum's unless the item gives its own.
    let total: Option<u64> = note(&dn, "credits").and_then(|x| x.parse().ok());
    let count = (modules.len() + usize::from(!loose.is_empty())).max(1) as u64;
    let share = |k: u64| total.map(|t| t / count + u64::from(k < t % count));
    let fallback = Fallback {
        level: note(&dn, "level").filter(|x| is_list(x, is_number)),
        source: str_of(doc, "officialSourceURL").filter(|u| is_url(u)),
    };
    for (k, m) in modules.iter().enumerate() {
        module(
            &items,
            &kids,
            m,
            (&cid, k + 1),
            share(k as u64),
            &fallback,
            &mut out,
        );
    }
    if !loose.is_empty() {
        // Top-level items with nothing below them are outcomes of one module named after the document.
        let mid = format!("{cid}-M");
        out.push_str(&format!("\n  module {mid} {}\n", quote(title)));
        if let Some(c) = share(modules.len() as u64) {
            out.push_str(&format!("    credits {c}\n"));
        }
        if let Some(l) = fallback.level {
            out.push_str(&format!("    level {l}\n"));
        }
        for (k, o) in loose.iter().enumerate() {
            outcome(items[o], &mid, k + 1, &fallback, &mut out);
        }
    }
    Ok(out)
}

/// What an item without its own level or source takes from the document.
struct Fallback<'a> {
    level: Option<&'a str>,
    source: Option<&'a str>,
}

fn is_url(u: &str) -> bool {
    (u.starts_with("http://") || u.starts_with("https://")) && !u.contains([' ', '>', '<'])
}

fn module<'a>(
    items: &HashMap<&str, &'a Value>,
    kids: &dyn Fn(&str) -> Vec<&'a str>,
    m: &str,
    (cid, no): (&str, usize),
    credits: Option<u64>,
    fallback: &Fallback<'_>,
    out: &mut String,
) {
    let item = items[m];
    let n = notes(item);
    let mid = str_of(item, "humanCodingScheme")
        .filter(|s| is_id(s))
        .map_or_else(|| format!("{cid}-{no}"), String::from);
    let title = str_of(item, "fullStatement").unwrap_or("");
    out.push_str(&format!("\n  module {mid} {}\n", quote(title)));
    if let Some(x) = note(&n, "code") {
        out.push_str(&format!("    code {}\n", quote(x)));
    }
    if let Some(x) = note(&n, "credits")
        .filter(|x| is_number(x))
        .map(String::from)
        .or(credits.map(|c| c.to_string()))
    {
        out.push_str(&format!("    credits {x}\n"));
    }
    let levels: Vec<String> = item
        .get("educationLevel")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str().filter(|s| is_number(s)).map(String::from))
        .collect();
    if !levels.is_empty() {
        out.push_str(&format!("    level {}\n", levels.join(", ")));
    } else if let Some(l) = fallback.level {
        out.push_str(&format!("    level {l}\n"));
    }
    if let Some(x) = note(&n, "aims") {
        out.push_str(&format!("    aims {}\n", quote(x)));
    }
    source(&n, out, "    ");
    if let Some(x) = note(&n, "same as").filter(|x| is_id(x)) {
        // Its outcomes are the other module's; the package lists them for readers, the spec refers to them.
        out.push_str(&format!("    same as {x}\n"));
        return;
    }
    // Every leaf below the module, depth first; each item once, so a cycle of associations cannot loop.
    let mut stack: Vec<&str> = kids(m).into_iter().rev().collect();
    let mut seen = std::collections::HashSet::from([m]);
    let mut k = 0;
    while let Some(x) = stack.pop() {
        if !seen.insert(x) {
            continue;
        }
        let below = kids(x);
        if below.is_empty() {
            k += 1;
            outcome(items[x], &mid, k, fallback, out);
        } else {
            stack.extend(below.into_iter().rev());
        }
    }
}

fn outcome(item: &Value, mid: &str, k: usize, fallback: &Fallback<'_>, out: &mut String) {
    let n = notes(item);
    let oid = str_of(item, "humanCodingScheme")
        .filter(|s| is_id(s))
        .map_or_else(|| format!("{mid}.{k}"), String::from);
    let text = str_of(item, "fullStatement").unwrap_or("");
    out.push_str(&format!("\n    outcome {oid} {}\n", quote(text)));
    let tags: Vec<&str> = item
        .get("conceptKeywords")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|t| t.split_once('.').is_some_and(|(d, c)| is_id(d) && is_id(c)))
        .collect();
    if !tags.is_empty() {
        out.push_str(&format!("      tags {}\n", tags.join(", ")));
    }
    if note(&n, "source").is_some() {
        source(&n, out, "      ");
    } else if let Some(u) = str_of(item, "uri")
        .filter(|u| is_url(u))
        .or(fallback.source)
    {
        // The framework's own address for the item is where its text comes from.
        out.push_str(&format!("      source <{u}>\n"));
    }
    if note(&n, "derived from aims") == Some("yes") {
        out.push_str("      derived from aims\n");
    }
}
