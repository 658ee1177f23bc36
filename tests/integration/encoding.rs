//! Bytes before YAML (design/security.md "Encoding"): BOM, UTF-16/32, invalid
//! UTF-8, raw control characters, and YAML 1.1 look-alikes kept as written.

use landscape::model::Model;
use landscape::source::SourceFile;

use crate::support::*;

/// The model the text reads into. The text must be read without any structural
/// (E…) diagnostic; architecture findings about its content (C111 on a system left
/// unconnected in a one-line example) are not what these tests are about.
fn model(text: &str) -> Model {
    let checked = landscape::check(&SourceFile::new("t.yaml", text));
    let structural: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| landscape::rules::find(d.rule).is_none_or(|r| r.is_structural()))
        .collect();
    assert!(structural.is_empty(), "{structural:?}");
    checked.model.expect("model")
}

#[test]
fn utf8_bom_is_accepted() {
    let d = check_bytes(b"\xEF\xBB\xBFtitle: x\nsystems:\n  A: {}\nlint: {C111: off}\n")
        .expect("readable");
    assert!(d.is_empty(), "{}", show(&d));
}

#[test]
fn utf8_bom_does_not_shift_columns() {
    let d = check_bytes(b"\xEF\xBB\xBFtitel: x\nsystems:\n  A: {}\n").expect("readable");
    assert_at(only(&d, "E002"), "E002", 1, 1);
}

#[test]
fn utf8_bom_file_validates_through_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bom.yaml");
    std::fs::write(&path, b"\xEF\xBB\xBFtitle: x\nsystems:\n  A: {}\n").expect("write");
    landscape().arg("validate").arg(&path).assert().code(0);
}

#[test]
fn utf16_and_utf32_are_exit_2_naming_the_encoding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "title: x\nsystems:\n  A: {}\n";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let be_no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let le32: Vec<u8> = [0xFF, 0xFE, 0, 0]
        .into_iter()
        .chain(text.chars().flat_map(|c| (c as u32).to_le_bytes()))
        .collect();
    for (name, bytes, enc) in [
        ("le.yaml", le, "UTF-16 (little-endian)"),
        ("be.yaml", be, "UTF-16 (big-endian)"),
        ("be-no-bom.yaml", be_no_bom, "UTF-16 (big-endian)"),
        ("le32.yaml", le32, "UTF-32 (little-endian)"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        landscape()
            .arg("validate")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(enc))
            .stderr(predicates::str::contains(name));
    }
}

#[test]
fn invalid_utf8_is_e001_at_its_position() {
    let d = check_bytes(b"title: x\nsystems:\n  A: {name: caf\xE9}\n").expect("readable");
    let e = only(&d, "E001");
    assert_at(e, "E001", 3, 16);
    assert!(e.message.contains("UTF-8"));
}

#[test]
fn invalid_utf8_after_multibyte_text_counts_characters() {
    let mut bytes = "title: x\nsystems:\n  A: {name: ééé".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xFF}\n");
    let d = check_bytes(&bytes).expect("readable");
    assert_at(only(&d, "E001"), "E001", 3, 16);
}

#[test]
fn raw_control_characters_are_e001_at_their_position() {
    let d = check_bytes(b"title: x\nsystems:\n  A: {name: a\x01b}\n").expect("readable");
    let e = only(&d, "E001");
    assert_at(e, "E001", 3, 14);
    assert!(e.message.contains("U+0001"), "{}", e.message);
    let d = check_bytes(b"title: a\x00b\nsystems:\n  A: {}\n").expect("readable");
    assert_at(only(&d, "E001"), "E001", 1, 9);
    let d = check_bytes(b"title: \x1b[31mred\nsystems:\n  A: {}\n").expect("readable");
    assert_at(only(&d, "E001"), "E001", 1, 8);
    // DEL and a C1 control (U+0090) too.
    let d = check_bytes(b"title: a\x7f\nsystems:\n  A: {}\n").expect("readable");
    assert_at(only(&d, "E001"), "E001", 1, 9);
    let d = check_bytes("title: a\u{90}\nsystems:\n  A: {}\n".as_bytes()).expect("readable");
    assert_at(only(&d, "E001"), "E001", 1, 9);
}

#[test]
fn every_control_character_is_reported() {
    let d = check_bytes(b"title: a\x01\nsystems:\n  A: {name: \x02}\n").expect("readable");
    let got: Vec<(usize, usize)> = d.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(rules(&d), ["E001", "E001"]);
    assert_eq!(got, [(1, 9), (3, 13)]);
}

#[test]
fn tab_and_crlf_are_allowed() {
    let d = check_bytes(b"title: a\tb\r\nsystems:\r\n  A: {}\r\nlint: {C111: off}\r\n")
        .expect("readable");
    assert!(d.is_empty(), "{}", show(&d));
    // Columns after a CRLF line start at 1 again.
    let d = check_bytes(b"title: x\r\nsystems:\r\n  A: {stauts: new}\r\n").expect("readable");
    assert_at(only(&d, "E002"), "E002", 3, 7);
}

#[test]
fn columns_count_characters() {
    let d = check_text("title: Zürich → Köln\nsystems:\n  A: {name: Grüße, stauts: new}\n");
    assert_at(only(&d, "E002"), "E002", 3, 20);
    let d = check_text("title: 🚀 launch\nnope: 1\nsystems:\n  A: {}\n");
    assert_at(only(&d, "E002"), "E002", 2, 1);
}

/// YAML 1.1 would turn these into booleans, octal numbers or sexagesimals; the
/// format keeps a string field's text exactly as written (SPEC §2).
#[test]
fn yaml_11_lookalikes_stay_strings_byte_exact() {
    let names = [
        "NO", "no", "on", "off", "yes", "Y", "y", "n", "0755", "1:20", "1_000", "0x1F", "0o17",
        "1e3", "+12", "-5", "012", "3.10", "1.0",
    ];
    let mut text = String::from("title: x\nsystems:\n");
    for (i, n) in names.iter().enumerate() {
        text.push_str(&format!("  S{i}: {{name: {n}, tags: [{n}]}}\n"));
    }
    let checked = landscape::check(&SourceFile::new("t.yaml", text.as_str()));
    let got: Vec<(String, Vec<String>)> = match &checked.model {
        Some(m) => m
            .systems
            .iter()
            .map(|s| (s.name.clone(), s.tags.clone()))
            .collect(),
        None => panic!("{:?}", checked.diagnostics),
    };
    let want: Vec<(String, Vec<String>)> = names
        .iter()
        .map(|n| (n.to_string(), vec![n.to_string()]))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn lowercase_booleans_in_string_fields_keep_their_text() {
    let m = model("title: true\nsystems:\n  A: {name: false, tags: [true]}\n");
    assert_eq!(m.title, "true");
    assert_eq!(m.systems[0].name, "false");
    assert_eq!(m.systems[0].tags, ["true"]);
}

#[test]
fn core_schema_booleans_in_string_fields_stay_as_written() {
    let m = model("title: TRUE\nsystems:\n  A: {name: True}\n  B: {name: false}\n");
    assert_eq!(m.title, "TRUE");
    assert_eq!(m.systems[0].name, "True");
    assert_eq!(m.systems[1].name, "false");
}

#[test]
fn non_finite_float_lookalikes_stay_strings() {
    let m = model("title: .inf\nsystems:\n  A: {name: .nan, tags: [-.inf, .NaN]}\n");
    assert_eq!(m.title, ".inf");
    assert_eq!(m.systems[0].name, ".nan");
    assert_eq!(m.systems[0].tags, ["-.inf", ".NaN"]);
}

#[test]
fn yaml_11_lookalike_ids_stay_ids() {
    let m = model(
        "title: x\nsystems:\n  NO: {}\n  off: {}\n  y: {}\n  on: {}\ntouchpoints:\n  - {from: NO, to: off}\n  - {from: y, to: on}\n",
    );
    let ids: Vec<&str> = m.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["NO", "off", "y", "on"]);
    let tps: Vec<&str> = m.touchpoints.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(tps, ["NO->off", "y->on"]);
}

#[test]
fn escapes_and_line_breaks_in_names() {
    let m = model(
        "title: x\nsystems:\n  A: {name: \"SAP ERP\\n(on premises)\"}\n  B: {name: '  padded  '}\n",
    );
    assert_eq!(m.systems[0].name, "SAP ERP\n(on premises)");
    assert_eq!(m.systems[1].name, "padded");
}

#[test]
fn quoted_numbers_are_not_integers() {
    let d = check_text(
        "title: x\nsystems:\n  A: {}\n  B: {}\ntouchpoints:\n  - {from: A, to: B, volume: \"2000\"}\n",
    );
    assert_at(only(&d, "E003"), "E003", 6, 30);
    let m = model(
        "title: x\nsystems:\n  A: {}\n  B: {}\ntouchpoints:\n  - {from: A, to: B, volume: 2000, subrequests: 25, timeout: 1500ms}\n",
    );
    assert_eq!(m.touchpoints[0].volume, Some(2000));
    assert_eq!(m.touchpoints[0].subrequests, Some(25));
    assert_eq!(m.touchpoints[0].timeout_ms, Some(1500));
}
