//! The JSON Schema of the file format, printed by `landscape schema` so that editors
//! (yaml-language-server) complete keys and flag typos while a file is written. It is
//! built from the same key lists and enums the reader uses, so the two cannot drift.

use serde_json::{Value, json};

use crate::model::{Direction, Feature, Role, Status};
use crate::pattern::{Pattern, Timing};

fn string(desc: &str) -> Value {
    json!({"type": "string", "maxLength": crate::model::MAX_STRING_CHARS, "description": desc})
}

fn id_ref(desc: &str) -> Value {
    json!({"$ref": "#/$defs/id", "description": desc})
}

fn one_of(values: Vec<String>, desc: &str) -> Value {
    json!({"type": "string", "enum": values, "description": desc})
}

fn names<T>(all: &[(&str, T)]) -> Vec<String> {
    all.iter().map(|(k, _)| k.to_string()).collect()
}

/// The schema as a JSON value.
pub fn schema() -> Value {
    let colour = json!({"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"});
    let rule_ids: Vec<&str> = crate::rules::RULES
        .iter()
        .filter(|r| !r.is_structural())
        .map(|r| r.id)
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://landscape.dev/schema/landscape-1.json",
        "title": "landscape file, format version 1",
        "type": "object",
        "additionalProperties": false,
        "required": ["title", "systems"],
        "properties": {
            "landscape": {"const": 1, "description": "format version"},
            "title": string("drawn above the diagram; first line of every output"),
            "description": string("carried into markdown and JSON output"),
            "direction": one_of(names(&Direction::ALL), "main flow direction of the layout"),
            "zones": {
                "type": "object",
                "description": "frames, keyed by id",
                "propertyNames": {"$ref": "#/$defs/id"},
                "additionalProperties": {"$ref": "#/$defs/zone"}
            },
            "systems": {
                "type": "object",
                "description": "boxes, keyed by id",
                "minProperties": 1,
                "maxProperties": crate::model::MAX_SYSTEMS,
                "propertyNames": {"$ref": "#/$defs/id"},
                "additionalProperties": {"$ref": "#/$defs/system"}
            },
            "touchpoints": {
                "type": "array",
                "maxItems": crate::model::MAX_TOUCHPOINTS,
                "items": {"$ref": "#/$defs/touchpoint"}
            },
            "legend": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "show": {"type": "boolean"},
                    "patterns": {"enum": ["used", "all"]},
                    "statuses": {"enum": ["used", "all"]},
                    "position": {"enum": ["right", "bottom"]}
                }
            },
            "theme": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "new": colour, "keeping": colour, "retiring": colour,
                    "integration": colour, "salesforce": colour, "external": colour
                }
            },
            "lint": {
                "type": "object",
                "description": "rule id to severity; structural rules cannot be changed",
                "propertyNames": {"enum": rule_ids},
                "additionalProperties": {"enum": ["error", "warning", "info", "off"]}
            }
        },
        "$defs": {
            "id": {
                "type": "string",
                "pattern": "^[A-Za-z_][A-Za-z0-9_.-]*$",
                "maxLength": crate::model::MAX_ID_CHARS
            },
            "zone": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "name": string("frame title"),
                    "role": one_of(names(&Role::ALL), "drives colour and the direction rules; inherited from the parent"),
                    "parent": id_ref("the enclosing zone")
                }
            },
            "system": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "name": string("box label; may contain a line break"),
                    "zone": id_ref("where it is drawn"),
                    "status": one_of(names(&Status::ALL), "lifecycle colour (default keeping)"),
                    "role": one_of(names(&Role::ALL), "override of the zone's role"),
                    "description": string("tooltip and tables"),
                    "owner": string("who owns it"),
                    "replaced_by": id_ref("successor of a retiring system"),
                    "tags": {"type": "array", "items": string("a tag")}
                }
            },
            "touchpoint": {
                "type": "object",
                "additionalProperties": false,
                "required": ["from", "to"],
                "properties": {
                    "id": id_ref("name in diagnostics and table (default FROM->TO)"),
                    "name": string("touchpoint column of the table"),
                    "from": id_ref("source system"),
                    "to": id_ref("target system"),
                    "pattern": one_of(Pattern::spellings(), "one of the six integration patterns"),
                    "timing": one_of(names(&Timing::ALL), "defaults to the pattern's own timing"),
                    "technology": string("e.g. REST callout, Bulk API 2.0"),
                    "error_strategy": string("e.g. DLQ + retry"),
                    "label": string("second line of the arrow label (default: technology)"),
                    "status": one_of(names(&Status::ALL), "default derived from the two ends"),
                    "bidirectional": {"type": "boolean"},
                    "volume": {"type": "integer", "minimum": 0, "description": "records per run or transaction"},
                    "timeout": {"type": "string", "pattern": "^[0-9]+(ms|s|m|min|h)$", "description": "callout timeout"},
                    "fallback": string("what happens when the other side is down"),
                    "idempotency": string("how duplicates are made harmless"),
                    "replay": string("how a subscriber recovers missed events"),
                    "requires": {"type": "array", "items": one_of(names(&Feature::ALL), "platform feature")},
                    "subrequests": {"type": "integer", "minimum": 0, "description": "Composite API sub-requests per call"}
                }
            }
        }
    })
}

/// The schema, pretty-printed with a final newline.
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}
