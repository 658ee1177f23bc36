//! The native SVG: strict XML that resvg parses and Chromium shows, with no script,
//! no event attribute and no external reference, and every user string drawn as
//! text, for every landscape in every view and for the hostile fixture.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use landscape::emit::{Format, View};
use landscape::escape::normalize;
use landscape::model::Model;

use crate::common::{self, VIEWS};
use crate::hostile;

/// Every file to check, with its SVG text.
fn svgs() -> Vec<(String, String, Model)> {
    let mut files = common::yaml_files("landscapes");
    files.push(common::root().join(hostile::FIXTURE));
    let mut out = Vec::new();
    for path in files {
        let model = common::load(&path);
        for (view, name) in VIEWS {
            let svg = common::render(Format::Svg, &model, view);
            out.push((
                format!("{}-{name}", common::stem(&path)),
                svg,
                model.clone(),
            ));
        }
    }
    out
}

/// Text with all whitespace removed: SVG wraps long names over several `<text>`
/// lines, so names are compared without the breaks.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What every drawn landscape must show: title, zone names and system names.
fn expected_texts(model: &Model, view: &str) -> Vec<String> {
    let mut v = vec![model.title.clone()];
    v.extend(model.zones.iter().map(|z| z.name.clone()));
    v.extend(
        model
            .systems
            .iter()
            .filter(|s| match view {
                "current" => s.status != landscape::model::Status::New,
                "target" => s.status != landscape::model::Status::Retiring,
                _ => true,
            })
            .map(|s| s.name.clone()),
    );
    v.into_iter().map(|t| squash(&normalize(&t))).collect()
}

/// True when an attribute named `on…` (an event handler) appears in the markup.
fn has_event_attribute(svg: &str) -> bool {
    svg.split(|c: char| c.is_whitespace() || c == '<')
        .filter_map(|w| w.split_once('='))
        .any(|(name, _)| {
            name.len() > 2
                && name.starts_with("on")
                && name.chars().all(|c| c.is_ascii_alphabetic())
        })
}

#[test]
fn svg_is_strict_xml_without_active_content() {
    for (name, svg, _) in svgs() {
        let opts = resvg::usvg::Options::default();
        if let Err(e) = resvg::usvg::Tree::from_str(&svg, &opts) {
            panic!("{name}: resvg rejects the SVG: {e}");
        }
        let lower = svg.to_ascii_lowercase();
        for banned in [
            "<script",
            "javascript:",
            "href=",
            "<foreignobject",
            "<![cdata[",
            "<!--",
        ] {
            assert!(
                !lower.contains(banned),
                "{name}: the SVG contains `{banned}`"
            );
        }
        assert!(
            !has_event_attribute(&lower),
            "{name}: the SVG has an event attribute"
        );
    }
}

#[test]
fn svg_output_is_deterministic() {
    let a: Vec<String> = svgs().into_iter().map(|x| x.1).collect();
    let b: Vec<String> = svgs().into_iter().map(|x| x.1).collect();
    assert_eq!(a, b);
}

#[test]
fn chromium_shows_every_svg_with_its_texts() {
    if !common::have_mermaid("chromium_shows_every_svg_with_its_texts") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files: Vec<PathBuf> = Vec::new();
    let all = svgs();
    for (name, svg, _) in &all {
        let p = dir.path().join(format!("{name}.svg"));
        std::fs::write(&p, svg).expect("write svg");
        files.push(p);
    }
    let out = Command::new("timeout")
        .arg("600")
        .arg("node")
        .arg(common::harness_dir().join("render-svg.mjs"))
        .args(&files)
        .stdin(Stdio::null())
        .output()
        .expect("run node render-svg.mjs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "render-svg.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("harness line"))
        .collect();
    assert_eq!(results.len(), files.len());
    for ((name, _, model), r) in all.iter().zip(&results) {
        assert_eq!(r["ok"], true, "{name}: {}", r["error"]);
        assert_eq!(r["scripts"], 0, "{name}");
        assert!(
            r["width"].as_f64().unwrap_or(0.0) > 100.0,
            "{name}: drawn too small"
        );
        let shown: String = r["texts"]
            .as_array()
            .map(|a| a.iter().filter_map(|t| t.as_str()).map(squash).collect())
            .unwrap_or_default();
        let view = name.rsplit('-').next().unwrap_or("all");
        for want in expected_texts(model, view) {
            assert!(shown.contains(&want), "{name}: `{want}` is not shown");
        }
    }
}

#[test]
fn png_renders_text_with_the_embedded_font() {
    // The PNG is drawn with only the embedded font; text must leave dark pixels
    // inside the title's band, whatever fonts the machine has.
    let model = common::load(&common::root().join("landscapes/minimal.yaml"));
    let svg = common::render(Format::Svg, &model, View::All);
    let png = landscape::emit::raster::png(&svg, 1.0).expect("png");
    let img = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
    let (w, h) = (img.width(), img.height());
    assert!(w > 100 && h > 50, "{w}×{h}");
    // The title is centred in the top 40 px: count dark pixels there.
    let dark = (0..40.min(h))
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            img.pixel(x, y)
                .is_some_and(|p| p.alpha() > 200 && p.red() < 80 && p.green() < 80 && p.blue() < 80)
        })
        .count();
    assert!(
        dark > 100,
        "only {dark} dark pixels where the title is drawn"
    );
}

/// The PNG of `landscapes/minimal.yaml` against `tests/golden/minimal.png`, pixel by
/// pixel with a tolerance (anti-aliasing may differ by a shade between resvg builds).
/// `UPDATE_GOLDEN=1 cargo test --test conformance golden` rewrites the image after an
/// intended change; look at it before committing.
#[test]
fn png_matches_the_golden_image() {
    let golden_path = common::root().join("tests/golden/minimal.png");
    let model = common::load(&common::root().join("landscapes/minimal.yaml"));
    let svg = common::render(Format::Svg, &model, View::All);
    let png = landscape::emit::raster::png(&svg, 1.0).expect("png");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_path.parent().expect("folder")).expect("mkdir");
        std::fs::write(&golden_path, &png).expect("write golden");
        return;
    }
    let golden =
        std::fs::read(&golden_path).expect("tests/golden/minimal.png (UPDATE_GOLDEN=1 writes it)");
    let want = resvg::tiny_skia::Pixmap::decode_png(&golden).expect("decode golden");
    let got = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode png");
    assert_eq!(
        (got.width(), got.height()),
        (want.width(), want.height()),
        "image size"
    );
    let differing = got
        .pixels()
        .iter()
        .zip(want.pixels())
        .filter(|(a, b)| {
            let d = |x: u8, y: u8| x.abs_diff(y) > 40;
            d(a.red(), b.red())
                || d(a.green(), b.green())
                || d(a.blue(), b.blue())
                || d(a.alpha(), b.alpha())
        })
        .count();
    let share = differing as f64 / want.pixels().len().max(1) as f64;
    assert!(
        share < 0.005,
        "{differing} pixels ({:.2} %) differ from the golden image",
        share * 100.0
    );
}
