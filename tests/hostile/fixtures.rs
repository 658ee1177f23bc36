//! Every file under `tests/fixtures/security/` with its exact outcome, through the
//! library and through the binary (`validate` exit code and JSON, and `render`
//! writing nothing for a file with errors).

use std::collections::BTreeSet;

use crate::support::*;

/// The outcome a fixture must have.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// Unreadable (exit 2); the message names this.
    Unreadable(&'static str),
    /// Exactly these errors, `(rule, line, column)`, in output order (exit 1).
    Errors(&'static [(&'static str, usize, usize)]),
    /// No error (warnings and info are allowed; exit 0).
    Valid,
}

use Want::*;

const CASES: &[(&str, Want)] = &[
    // ---- size, depth and amplification: stopped inside the parser (E010)
    ("bombs/billion-laughs.yaml", Errors(&[("E010", 9, 47)])),
    ("bombs/merge-key-bomb.yaml", Errors(&[("E010", 17, 17)])),
    ("bombs/alias-scalar-bytes.yaml", Errors(&[("E010", 87, 15)])),
    ("bombs/deep-flow-20000.yaml", Errors(&[("E010", 3, 267)])),
    (
        "bombs/deep-flow-maps-20000.yaml",
        Errors(&[("E010", 3, 126)]),
    ),
    (
        "bombs/unclosed-flow-20000.yaml",
        Errors(&[("E010", 3, 267)]),
    ),
    // YAML caps implicit keys at 1024 characters: a syntax error, at the `:`.
    ("bombs/long-implicit-key.yaml", Errors(&[("E001", 3, 5003)])),
    // An explicit (`? `) key may be longer: it is a string over 4,096 characters.
    ("bombs/long-explicit-key.yaml", Errors(&[("E010", 3, 5)])),
    ("bombs/long-id-65.yaml", Errors(&[("E003", 3, 3)])),
    // ---- encodings: UTF-16/32 named (exit 2); bad UTF-8 and NUL located (E001)
    (
        "encoding/utf16le-bom.yaml",
        Unreadable("UTF-16 (little-endian)"),
    ),
    (
        "encoding/utf16le-no-bom.yaml",
        Unreadable("UTF-16 (little-endian)"),
    ),
    (
        "encoding/utf16be-bom.yaml",
        Unreadable("UTF-16 (big-endian)"),
    ),
    (
        "encoding/utf16be-no-bom.yaml",
        Unreadable("UTF-16 (big-endian)"),
    ),
    (
        "encoding/utf32le-bom.yaml",
        Unreadable("UTF-32 (little-endian)"),
    ),
    (
        "encoding/utf32le-no-bom.yaml",
        Unreadable("UTF-32 (little-endian)"),
    ),
    (
        "encoding/utf32be-bom.yaml",
        Unreadable("UTF-32 (big-endian)"),
    ),
    (
        "encoding/utf32be-no-bom.yaml",
        Unreadable("UTF-32 (big-endian)"),
    ),
    ("encoding/overlong-slash.yaml", Errors(&[("E001", 3, 14)])),
    ("encoding/overlong-nul.yaml", Errors(&[("E001", 3, 14)])),
    (
        "encoding/encoded-surrogate.yaml",
        Errors(&[("E001", 3, 14)]),
    ),
    (
        "encoding/truncated-sequence.yaml",
        Errors(&[("E001", 3, 15)]),
    ),
    (
        "encoding/escaped-lone-surrogate.yaml",
        Errors(&[("E001", 3, 13)]),
    ),
    ("encoding/nul-in-value.yaml", Errors(&[("E001", 3, 14)])),
    // `"\0"` is a YAML escape: the NUL is read, then dropped by normalization.
    ("encoding/escaped-nul.yaml", Valid),
    // ---- duplicate keys, at every level, and duplicate ids however spelled (E004
    // at the second occurrence)
    ("duplicates/top-level-key.yaml", Errors(&[("E004", 4, 1)])),
    (
        "duplicates/touchpoint-field.yaml",
        Errors(&[("E004", 6, 22)]),
    ),
    ("duplicates/zone-field.yaml", Errors(&[("E004", 7, 5)])),
    ("duplicates/theme-key.yaml", Errors(&[("E004", 4, 3)])),
    ("duplicates/lint-key.yaml", Errors(&[("E004", 6, 3)])),
    ("duplicates/legend-key.yaml", Errors(&[("E004", 2, 22)])),
    ("duplicates/id-quoted.yaml", Errors(&[("E004", 4, 3)])),
    (
        "duplicates/id-single-quoted.yaml",
        Errors(&[("E004", 4, 3)]),
    ),
    ("duplicates/id-explicit-key.yaml", Errors(&[("E004", 4, 5)])),
    ("duplicates/id-escaped.yaml", Errors(&[("E004", 4, 3)])),
    (
        "duplicates/id-zone-and-system.yaml",
        Errors(&[("E004", 5, 3)]),
    ),
    // Repeated list items are not keys.
    ("duplicates/tag-list.yaml", Valid),
    // ---- YAML 1.1 scalars: ids stay text, then meet the id rule
    (
        "yaml11/ids-numeric.yaml",
        Errors(&[
            ("E003", 3, 3),
            ("E003", 4, 3),
            ("E003", 5, 3),
            ("E003", 6, 3),
            ("E003", 7, 3),
        ]),
    ),
    ("yaml11/ids-words.yaml", Valid),
    (
        "yaml11/ids-null.yaml",
        Errors(&[("E003", 4, 3), ("E003", 5, 3)]),
    ),
    ("yaml11/strings-kept.yaml", Valid),
    // ---- tags: only `!!str` on scalars; anchors, aliases and merges within budget
    ("tags/python-object.yaml", Errors(&[("E001", 3, 32)])),
    ("tags/python-apply.yaml", Errors(&[("E001", 1, 40)])),
    ("tags/binary.yaml", Errors(&[("E001", 3, 29)])),
    ("tags/include.yaml", Errors(&[("E001", 3, 15)])),
    ("tags/custom-local.yaml", Errors(&[("E001", 1, 13)])),
    ("tags/on-key.yaml", Errors(&[("E001", 3, 11)])),
    // `%TAG !! …` makes `!!str` mean something else: refused.
    (
        "tags/tag-directive-redirect.yaml",
        Errors(&[("E001", 3, 14)]),
    ),
    ("tags/int-on-string.yaml", Errors(&[("E001", 1, 14)])),
    ("tags/str-verbatim-ok.yaml", Valid),
    ("tags/merge-within-budget-ok.yaml", Valid),
    // ---- theme colours reach SVG attributes, Mermaid and DOT: `#rgb`/`#rrggbb` only
    (
        "theme/css-injection.yaml",
        Errors(&[
            ("E003", 3, 8),
            ("E003", 4, 12),
            ("E003", 5, 13),
            ("E003", 6, 16),
            ("E003", 7, 15),
            ("E003", 8, 13),
        ]),
    ),
    (
        "theme/non-string.yaml",
        Errors(&[("E003", 3, 8), ("E003", 4, 12)]),
    ),
    // ---- `lint:` cannot touch E rules, and unknown ids and severities are errors
    (
        "lint/structural-off.yaml",
        Errors(&[("E003", 5, 3), ("E003", 6, 3)]),
    ),
    (
        "lint/unknown-and-lowercase.yaml",
        Errors(&[("E003", 5, 3), ("E003", 6, 3), ("E003", 7, 3)]),
    ),
    (
        "lint/bad-severities.yaml",
        Errors(&[
            ("E003", 5, 9),
            ("E003", 6, 9),
            ("E003", 7, 9),
            ("E003", 8, 9),
            ("E003", 9, 9),
        ]),
    ),
    ("lint/not-a-map.yaml", Errors(&[("E003", 4, 7)])),
    // ---- hostile text that is valid and must render inert (see `svg.rs`)
    ("injection/svg-breakout.yaml", Valid),
    ("injection/mermaid-decode.yaml", Valid),
    ("injection/markdown-blocks-and-email.yaml", Valid),
];

/// Found by the fixtures, not yet fixed in `src/`: the expected outcome.
const BUGS: &[(&str, Want)] = &[
    ("encoding/nul-first.yaml", Errors(&[("E001", 1, 1)])),
    ("encoding/nul-second.yaml", Errors(&[("E001", 1, 2)])),
];

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn check_case(name: &str, want: Want) -> Result<(), String> {
    let got = check_bytes(&read(name));
    match (want, got) {
        (Unreadable(enc), Err(msg)) if msg.contains(enc) => Ok(()),
        (Errors(want), Ok(d)) => {
            let got = errors(&d);
            let want: Vec<(String, usize, usize)> = want
                .iter()
                .map(|&(r, l, c)| (r.to_string(), l, c))
                .collect();
            if got == want {
                Ok(())
            } else {
                Err(format!("{name}: want {want:?}, got {got:?}"))
            }
        }
        (Valid, Ok(d)) if errors(&d).is_empty() => Ok(()),
        (want, got) => Err(format!("{name}: want {want:?}, got {got:?}")),
    }
}

/// Every fixture on disk is in the table, and every table entry is on disk.
#[test]
fn the_table_lists_every_fixture() {
    let mut on_disk = BTreeSet::new();
    for class in std::fs::read_dir(fixture("")).expect("fixtures") {
        let class = class.expect("entry").path();
        if !class.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&class).expect("class") {
            let f = f.expect("entry").path();
            let rel = f.strip_prefix(fixture("")).expect("prefix");
            on_disk.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    let listed: BTreeSet<String> = CASES
        .iter()
        .chain(BUGS)
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn every_fixture_has_its_exact_outcome_through_the_library() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|&(name, want)| check_case(name, want).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same outcome through the binary: `validate --format json` gives the exit code
/// and the same errors; `render` of a file with errors writes nothing at all.
#[test]
fn every_fixture_has_its_exact_outcome_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    for &(name, want) in CASES {
        let path = fixture(name);
        let out = landscape()
            .args(["validate", "--format", "json"])
            .arg(&path)
            .output()
            .expect("run");
        let code = out.status.code();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match want {
            Unreadable(enc) => {
                if code != Some(2) || !stderr.contains(enc) {
                    failures.push(format!("{name}: exit {code:?}, {stderr}"));
                }
                continue;
            }
            Errors(want) => {
                let json: serde_json::Value =
                    serde_json::from_slice(&out.stdout).expect("JSON diagnostics");
                let got: Vec<(String, u64, u64)> = json
                    .as_array()
                    .expect("array")
                    .iter()
                    .filter(|d| d["severity"] == "error")
                    .map(|d| {
                        (
                            d["rule"].as_str().unwrap_or("").to_string(),
                            d["line"].as_u64().unwrap_or(0),
                            d["column"].as_u64().unwrap_or(0),
                        )
                    })
                    .collect();
                let want: Vec<(String, u64, u64)> = want
                    .iter()
                    .map(|&(r, l, c)| (r.to_string(), l as u64, c as u64))
                    .collect();
                if code != Some(1) || got != want {
                    failures.push(format!("{name}: exit {code:?}, want {want:?}, got {got:?}"));
                }
            }
            Valid => {
                if code != Some(0) {
                    failures.push(format!("{name}: exit {code:?}"));
                }
                continue;
            }
        }
        // A file with errors: `render` exits 1 and writes nothing, temp files included.
        let outs = [dir.path().join("out.svg"), dir.path().join("out.json")];
        let out = landscape()
            .arg("render")
            .arg(&path)
            .arg("-o")
            .arg(&outs[0])
            .arg("-o")
            .arg(&outs[1])
            .output()
            .expect("run");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        if out.status.code() != Some(1) || !left.is_empty() {
            failures.push(format!(
                "{name}: render exit {:?}, left {left:?}",
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A file starting with a NUL byte (or with NUL as its second byte) is UTF-8 with a
/// forbidden control character, not UTF-16: it should be E001 at the NUL (exit 1).
#[test]
fn a_leading_nul_is_e001_not_utf16() {
    let failures: Vec<String> = BUGS
        .iter()
        .filter_map(|&(name, want)| check_case(name, want).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// YAML 1.1 look-alikes as ids are ids, and in string fields they keep their text.
#[test]
fn yaml11_scalars_keep_their_text() {
    let text = String::from_utf8(read("yaml11/ids-words.yaml")).expect("utf-8");
    let m = model_of(&text);
    let ids: Vec<&str> = m.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["NO", "y", "off", "true", "Null_"]);
    assert_eq!(m.touchpoints.len(), 3);
    assert_eq!(
        (m.touchpoints[1].from, m.touchpoints[1].to),
        (2, 3),
        "`off` → `'true'`"
    );

    let text = String::from_utf8(read("yaml11/strings-kept.yaml")).expect("utf-8");
    let m = model_of(&text);
    assert_eq!(m.title, "1:20");
    assert_eq!(m.description.as_deref(), Some("0755"));
    assert_eq!(m.zones[0].name, "off");
    let a = &m.systems[0];
    assert_eq!(a.name, "NO");
    assert_eq!(a.owner.as_deref(), Some("y"));
    assert_eq!(a.description.as_deref(), Some("1_000"));
    assert_eq!(a.tags, ["0x1F", "on", ".inf", "0o17"]);
    assert_eq!(m.systems[1].name, "0755");
    let t = &m.touchpoints[0];
    assert_eq!(t.technology.as_deref(), Some("1:20"));
    assert_eq!(t.label.as_deref(), Some("Yes"));
    assert_eq!(t.error_strategy.as_deref(), Some("n"));
}

/// Merges within budget give the merged values, explicit keys winning.
#[test]
fn merge_keys_within_budget_merge() {
    let text = String::from_utf8(read("tags/merge-within-budget-ok.yaml")).expect("utf-8");
    let m = model_of(&text);
    let b = &m.systems[1];
    assert_eq!(b.owner.as_deref(), Some("Ops"));
    assert_eq!(b.zone, Some(0));
    let c = &m.systems[2];
    assert_eq!(c.owner.as_deref(), Some("IT"));
    assert_eq!(c.description.as_deref(), Some("third"));
    assert_eq!(m.touchpoints[1].to, 2);
    assert_eq!(m.touchpoints[1].technology.as_deref(), Some("REST"));
}

/// A NUL written as a YAML escape is read and then dropped from the text.
#[test]
fn an_escaped_nul_is_dropped_from_the_name() {
    let text = String::from_utf8(read("encoding/escaped-nul.yaml")).expect("utf-8");
    assert_eq!(model_of(&text).systems[0].name, "ab");
}

/// A path with a line feed and `::` cannot forge a workflow command: one line per
/// diagnostic, the path percent-encoded.
#[test]
fn github_a_path_with_a_line_feed_cannot_forge_a_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "x\n::error file=forged.yaml::forged.yaml";
    let path = dir.path().join(name);
    std::fs::write(&path, "title: x\nsystems:\n  A: {stauts: new}\n").expect("write");
    let out = landscape()
        .current_dir(dir.path())
        .args(["validate", "--format", "github", name])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("::error file=x%0A%3A%3Aerror file=forged.yaml%3A%3Aforged.yaml,"),
        "{text}"
    );
}
