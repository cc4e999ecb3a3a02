//! A curriculum as a 1EdTech CASE 1.1 package (CFPackage JSON), so frameworks tools such as OpenSALT or CaSS
//! can hold the national curriculum and a university can align to it.
//!
//! The package: the CFDocument (the curriculum), one CFItem per module (`CFItemType` "Module") and per learning
//! outcome ("Learning Outcome"), `isChildOf` CFAssociations for the structure (outcome → module → document, with
//! the order in `sequenceNumber`), and the two item types in CFDefinitions. Our ids are the items'
//! `humanCodingScheme`; an outcome's competency tags are its `conceptKeywords`; levels are `educationLevel`.
//! What CASE has no field for (credits, aliases, population, setting, intensity, award, module aims and
//! `same as`, sources, `derived from aims`) is written in `notes` as `key: value` lines, which
//! `syntax::case` reads back, so export then import gives the same curriculum.
//!
//! Identifiers are UUIDv5 of `curriculum/item` under one fixed namespace: the same curriculum always gets
//! the same identifiers, and a changed outcome keeps its identifier while its id stays. `lastChangeDateTime`
//! is fixed (CASE requires one; a clock would make every export differ), and `uri` is the `urn:uuid:` form of
//! the identifier, since the curriculum has no resolvable home of its own.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::analysis::mapping::{End, Mapping, Predicate};
use crate::model::{Curriculum, Provenance};
use crate::syntax::case::{ITEM_MODULE, ITEM_OUTCOME, NAMESPACE, notes_line};

/// CASE requires a change time on every entity; a fixed one keeps exports byte-stable.
const CHANGED: &str = "2026-01-01T00:00:00+00:00";

fn ident(key: &str) -> String {
    Uuid::new_v5(&Uuid::from_u128(NAMESPACE), key.as_bytes()).to_string()
}

fn link(title: &str, id: &str) -> Value {
    json!({ "title": title, "identifier": id, "uri": format!("urn:uuid:{id}") })
}

fn source_lines(p: &Option<Provenance>) -> Vec<Option<String>> {
    let Some(p) = p else { return Vec::new() };
    vec![
        Some(notes_line(
            "source",
            &match &p.title {
                Some(t) => format!("{t} <{}>", p.url),
                None => format!("<{}>", p.url),
            },
        )),
        p.edition.as_ref().map(|e| notes_line("source edition", e)),
    ]
}

fn notes(lines: Vec<Option<String>>) -> Option<String> {
    let v: Vec<String> = lines.into_iter().flatten().collect();
    (!v.is_empty()).then(|| v.join("\n"))
}

fn levels(l: &[u32]) -> Vec<String> {
    l.iter().map(u32::to_string).collect()
}

fn join(v: &[String]) -> Option<String> {
    (!v.is_empty()).then(|| v.join(", "))
}

/// A CFItem with the fields every item carries.
fn cf_item(
    id: &str,
    statement: &str,
    code: &str,
    (kind, kind_id): (&str, &str),
    l: &[u32],
) -> Value {
    json!({
        "identifier": id,
        "uri": format!("urn:uuid:{id}"),
        "fullStatement": statement,
        "humanCodingScheme": code,
        "CFItemType": kind,
        "CFItemTypeURI": link(kind, kind_id),
        "educationLevel": levels(l),
        "language": "en",
        "lastChangeDateTime": CHANGED,
    })
}

/// The package for one curriculum.
pub fn package(c: &Curriculum) -> Value {
    let doc_id = ident(&c.id);
    let doc_link = link(&c.title, &doc_id);
    let type_module = ident("item-type/module");
    let type_outcome = ident("item-type/learning-outcome");
    let mut items = Vec::new();
    let mut assocs = Vec::new();
    let mut child = |origin: Value, dest: Value, seq: usize, key: String| {
        let id = ident(&format!("{}/isChildOf/{key}", c.id));
        assocs.push(json!({
            "identifier": id,
            "uri": format!("urn:uuid:{id}"),
            "associationType": "isChildOf",
            "sequenceNumber": seq,
            "originNodeURI": origin,
            "destinationNodeURI": dest,
            "lastChangeDateTime": CHANGED,
        }));
    };
    for (m_seq, m) in c.modules.iter().enumerate() {
        let m_id = ident(&format!("{}/{}", c.id, m.id));
        let m_link = link(&m.title, &m_id);
        let mut item = cf_item(
            &m_id,
            &m.title,
            &m.id,
            (ITEM_MODULE, &type_module),
            &m.levels,
        );
        let mut lines = vec![
            m.credits.map(|x| notes_line("credits", &x.to_string())),
            m.code.as_ref().map(|x| notes_line("code", x)),
            m.aims.as_ref().map(|x| notes_line("aims", x)),
            m.same_as.as_ref().map(|x| notes_line("same as", x)),
        ];
        lines.extend(source_lines(&m.source));
        if let Some(n) = notes(lines) {
            item["notes"] = n.into();
        }
        items.push(item);
        child(m_link.clone(), doc_link.clone(), m_seq + 1, m.id.clone());
        for (o_seq, o) in m.outcomes.iter().enumerate() {
            let o_id = ident(&format!("{}/{}", c.id, o.id));
            let mut item = cf_item(
                &o_id,
                &o.text,
                &o.id,
                (ITEM_OUTCOME, &type_outcome),
                &m.levels,
            );
            if !o.tags.is_empty() {
                item["conceptKeywords"] = json!(o.tags);
            }
            let mut lines = source_lines(&o.provenance);
            lines.push(
                o.derived_from_aims
                    .then(|| notes_line("derived from aims", "yes")),
            );
            if let Some(n) = notes(lines) {
                item["notes"] = n.into();
            }
            items.push(item);
            child(
                link(&o.text, &o_id),
                m_link.clone(),
                o_seq + 1,
                format!("{}/{}", m.id, o.id),
            );
        }
    }
    let mut doc = json!({
        "identifier": doc_id,
        "uri": format!("urn:uuid:{doc_id}"),
        "creator": "overlap",
        "title": c.title,
        "language": "en",
        "caseVersion": "1.1",
        "lastChangeDateTime": CHANGED,
    });
    if let Some(p) = &c.source {
        doc["officialSourceURL"] = p.url.clone().into();
    }
    if let Some(d) = &c.description {
        doc["description"] = d.clone().into();
    }
    let intensity = c.intensity.map(|i| {
        serde_json::to_value(i)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
    });
    let mut lines = vec![Some(notes_line("id", &c.id))];
    lines.extend(c.aliases.iter().map(|a| Some(notes_line("alias", a))));
    lines.extend([
        join(&c.population).map(|x| notes_line("population", &x)),
        join(&c.settings).map(|x| notes_line("setting", &x)),
        intensity.flatten().map(|x| notes_line("intensity", &x)),
        c.award.as_ref().map(|x| notes_line("award", x)),
        Some(notes_line("credits", &c.credits.to_string())),
        join(&levels(&c.levels)).map(|x| notes_line("level", &x)),
    ]);
    lines.extend(source_lines(&c.source));
    if let Some(n) = notes(lines) {
        doc["notes"] = n.into();
    }
    let item_type = |title: &str, id: &str, code: &str, what: &str| {
        json!({
            "identifier": id,
            "uri": format!("urn:uuid:{id}"),
            "title": title,
            "description": what,
            "hierarchyCode": code,
            "lastChangeDateTime": CHANGED,
        })
    };
    json!({
        "CFDocument": doc,
        "CFItems": items,
        "CFAssociations": assocs,
        "CFDefinitions": {
            "CFItemTypes": [
                item_type(ITEM_MODULE, &type_module, "1", "A module of the curriculum, with its credits and level."),
                item_type(ITEM_OUTCOME, &type_outcome, "2", "A learning outcome of a module."),
            ]
        }
    })
}

/// The proposed outcome mappings between curricula as a CASE package of its own: associations only, between
/// the items of the curricula's own packages (the same identifiers), never part of their structure. A pair
/// that each covers is `exactMatchOf`; every other proposed pair is `isRelatedTo`, its score and direction
/// in the SSSOM export.
pub fn comparison(ids: &[String], mappings: &[Mapping]) -> Value {
    let key = format!("comparison/{}", ids.join("/"));
    let doc_id = ident(&key);
    let title = format!("Proposed outcome mappings: {}", ids.join(", "));
    let end = |e: &End| link(&e.text, &ident(&format!("{}/{}", e.curriculum, e.outcome)));
    let assocs: Vec<Value> = mappings
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let kind = if m.predicate == Predicate::Exact {
                "exactMatchOf"
            } else {
                "isRelatedTo"
            };
            let id = ident(&format!(
                "{key}/{}/{}/{}/{}",
                m.subject.curriculum, m.subject.outcome, m.object.curriculum, m.object.outcome
            ));
            json!({
                "identifier": id,
                "uri": format!("urn:uuid:{id}"),
                "associationType": kind,
                "sequenceNumber": k + 1,
                "originNodeURI": end(&m.subject),
                "destinationNodeURI": end(&m.object),
                "lastChangeDateTime": CHANGED,
            })
        })
        .collect();
    json!({
        "CFDocument": {
            "identifier": doc_id,
            "uri": format!("urn:uuid:{doc_id}"),
            "creator": "overlap",
            "title": title,
            "language": "en",
            "caseVersion": "1.1",
            "lastChangeDateTime": CHANGED,
            "notes": "Proposals of the matching engine, not curriculum structure: review them (SSSOM export) before relying on them. Origins and destinations are the items of each curriculum's own CASE package.",
        },
        "CFItems": [],
        "CFAssociations": assocs,
    })
}
