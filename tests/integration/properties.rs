//! No input makes the checker panic: arbitrary bytes, and YAML-ish text built from
//! the format's own keys, ids and punctuation, through the library; a handful of
//! the same through the binary, which must exit 0, 1 or 2.

use proptest::prelude::*;

use crate::seeded::seeded;
use crate::support::*;

/// Pieces of text that a landscape file (or a mangled one) is made of.
fn fragment() -> impl Strategy<Value = String> {
    let fixed: Vec<&'static str> = vec![
        "title",
        "systems",
        "zones",
        "touchpoints",
        "legend",
        "theme",
        "lint",
        "landscape",
        "direction",
        "name",
        "zone",
        "status",
        "role",
        "parent",
        "replaced_by",
        "tags",
        "from",
        "to",
        "pattern",
        "timing",
        "volume",
        "timeout",
        "requires",
        "subrequests",
        "id",
        "CRM",
        "ERP",
        "S4",
        "sf",
        "ext",
        "new",
        "retiring",
        "keeping",
        "salesforce",
        "P1",
        "P6",
        "request-reply",
        "10s",
        "C102",
        "E005",
        "off",
        "#fff",
        ":",
        ": ",
        "- ",
        "-",
        "[",
        "]",
        "{",
        "}",
        ",",
        "'",
        "\"",
        "&a ",
        "*a",
        "<<: ",
        "!!str ",
        "!tag ",
        "? ",
        "|",
        ">",
        "#",
        "---",
        "...",
        "\n",
        "\n  ",
        "\n    ",
        "\n- ",
        "\t",
        " ",
        "~",
        "null",
        "true",
        "NO",
        "0755",
        "1:20",
        ".inf",
        "\\n",
        "\\u0000",
        "é",
        "→",
        "🚀",
        "\u{202e}",
        "\u{200b}",
        "\u{feff}",
        "\r\n",
        "%",
        "::error::",
        "\u{85}",
    ];
    prop_oneof![
        8 => proptest::sample::select(fixed).prop_map(str::to_string),
        1 => "[a-zA-Z0-9_.-]{1,8}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn yamlish() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..80).prop_map(|v| v.concat())
}

/// A valid landscape with some of its lines replaced by fragments.
fn mangled_landscape() -> impl Strategy<Value = String> {
    let base: Vec<&'static str> = vec![
        "title: Order flow",
        "zones:",
        "  sf: {name: Salesforce Platform, role: salesforce}",
        "  ext: {name: External Systems, parent: sf}",
        "systems:",
        "  CORE: {name: Sales Cloud, zone: sf}",
        "  ERP: {name: SAP ERP, zone: ext, status: retiring, replaced_by: S4}",
        "  S4: {name: SAP S/4HANA, zone: ext, status: new}",
        "touchpoints:",
        "  - {from: CORE, to: S4, pattern: fire-and-forget, timeout: 10s}",
        "  - from: S4",
        "    to: ERP",
        "    requires: [flows]",
        "lint: {C102: off}",
    ];
    proptest::collection::vec((any::<bool>(), yamlish()), base.len()).prop_map(move |edits| {
        base.iter()
            .zip(edits)
            .map(|(line, (keep, frag))| if keep { line.to_string() } else { frag })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

proptest! {
    #![proptest_config(seeded(512, 0x0050_4152_5345))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = check_bytes(&bytes);
    }

    #[test]
    fn yamlish_text_never_panics(text in yamlish()) {
        let diags = check_text(&text);
        // Every position is inside the text.
        let lines = text.split('\n').count();
        for d in &diags {
            prop_assert!(d.line >= 1 && d.line <= lines, "{d:?}");
            prop_assert!(d.column >= 1);
            prop_assert!((d.end_line, d.end_column) >= (d.line, d.column), "{d:?}");
        }
    }

    #[test]
    fn mangled_landscapes_never_panic(text in mangled_landscape()) {
        let checked = landscape::check(&landscape::source::SourceFile::new("t.yaml", text.as_str()));
        // A model comes back exactly when there is no structural error.
        let structural = checked.diagnostics.iter().any(|d| d.rule.starts_with('E'));
        prop_assert_eq!(checked.model.is_none(), structural, "{:?}", checked.diagnostics);
    }
}

proptest! {
    #![proptest_config(seeded(12, 0x4249_4e41_5259))]

    #[test]
    fn the_binary_exits_0_1_or_2_on_anything(text in mangled_landscape(), raw in proptest::collection::vec(any::<u8>(), 0..64)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.yaml");
        let b = dir.path().join("b.yaml");
        std::fs::write(&a, &text).expect("write");
        std::fs::write(&b, &raw).expect("write");
        for format in ["human", "json", "github", "sarif"] {
            let out = landscape()
                .args(["validate", "--format", format])
                .arg(&a)
                .arg(&b)
                .output()
                .expect("run");
            let code = out.status.code();
            prop_assert!(matches!(code, Some(0..=2)), "{format}: {code:?}\n{}", String::from_utf8_lossy(&out.stderr));
            let stderr = String::from_utf8_lossy(&out.stderr);
            prop_assert!(!stderr.contains("panicked"), "{}", stderr);
            if format == "json" || format == "sarif" {
                prop_assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
            }
        }
    }
}
