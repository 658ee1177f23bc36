//! `-f json`: the resolved model, with defaults applied and derived values written
//! out, for scripts and other tools. Field order is fixed by these structs.

use serde::Serialize;

use crate::model::Model;
use crate::pattern::Pattern;

#[derive(Serialize)]
struct Doc<'a> {
    landscape: u32,
    title: &'a str,
    description: Option<&'a str>,
    direction: &'static str,
    zones: Vec<Zone<'a>>,
    systems: Vec<System<'a>>,
    touchpoints: Vec<Touchpoint<'a>>,
    legend: &'a crate::model::Legend,
    theme: &'a crate::model::Theme,
}

#[derive(Serialize)]
struct Zone<'a> {
    id: &'a str,
    name: &'a str,
    role: &'static str,
    parent: Option<&'a str>,
}

#[derive(Serialize)]
struct System<'a> {
    id: &'a str,
    name: &'a str,
    zone: Option<&'a str>,
    status: &'static str,
    role: &'static str,
    description: Option<&'a str>,
    owner: Option<&'a str>,
    replaced_by: Option<&'a str>,
    tags: &'a [String],
}

#[derive(Serialize)]
struct PatternInfo {
    number: u8,
    value: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct Touchpoint<'a> {
    id: &'a str,
    name: Option<&'a str>,
    from: &'a str,
    to: &'a str,
    pattern: Option<PatternInfo>,
    timing: Option<&'static str>,
    timing_declared: bool,
    technology: Option<&'a str>,
    error_strategy: Option<&'a str>,
    label: Option<&'a str>,
    status: &'static str,
    bidirectional: bool,
    volume: Option<u64>,
    timeout_ms: Option<u64>,
    fallback: Option<&'a str>,
    idempotency: Option<&'a str>,
    replay: Option<&'a str>,
    requires: Vec<&'static str>,
    subrequests: Option<u64>,
}

/// The JSON document of a model (only the items the view shows).
pub fn json(model: &Model, view: super::View) -> String {
    let shown = |i: usize| view.shows(model.systems[i].status);
    let doc = Doc {
        landscape: 1,
        title: &model.title,
        description: model.description.as_deref(),
        direction: model.direction.as_str(),
        zones: model
            .zones
            .iter()
            .map(|z| Zone {
                id: &z.id,
                name: &z.name,
                role: z.role.as_str(),
                parent: z.parent.map(|p| model.zones[p].id.as_str()),
            })
            .collect(),
        systems: model
            .systems
            .iter()
            .enumerate()
            .filter(|(i, _)| shown(*i))
            .map(|(_, s)| System {
                id: &s.id,
                name: &s.name,
                zone: s.zone.map(|z| model.zones[z].id.as_str()),
                status: s.status.as_str(),
                role: s.role.as_str(),
                description: s.description.as_deref(),
                owner: s.owner.as_deref(),
                replaced_by: s.replaced_by.map(|r| model.systems[r].id.as_str()),
                tags: &s.tags,
            })
            .collect(),
        touchpoints: model
            .touchpoints
            .iter()
            .filter(|t| view.shows(t.status) && shown(t.from) && shown(t.to))
            .map(|t| Touchpoint {
                id: &t.id,
                name: t.name.as_deref(),
                from: &model.systems[t.from].id,
                to: &model.systems[t.to].id,
                pattern: t.pattern.map(|p: Pattern| PatternInfo {
                    number: p.number(),
                    value: p.as_str(),
                    name: p.short_name(),
                }),
                timing: t.timing().map(|x| x.as_str()),
                timing_declared: t.declared_timing.is_some(),
                technology: t.technology.as_deref(),
                error_strategy: t.error_strategy.as_deref(),
                label: t.label.as_deref(),
                status: t.status.as_str(),
                bidirectional: t.bidirectional,
                volume: t.volume,
                timeout_ms: t.timeout_ms,
                fallback: t.fallback.as_deref(),
                idempotency: t.idempotency.as_deref(),
                replay: t.replay.as_deref(),
                requires: t.requires.iter().map(|f| f.as_str()).collect(),
                subrequests: t.subrequests,
            })
            .collect(),
        legend: &model.legend,
        theme: &model.theme,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
