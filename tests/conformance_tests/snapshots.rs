//! Snapshots of every text format for every shipped landscape, and determinism.

use landscape::emit::View;

use crate::common::{self, FORMATS, VIEWS};

/// Landscapes snapshotted in all three views (the rest in `all` only).
const ALL_VIEWS: [&str; 2] = ["enterprise", "retail-omnichannel"];

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

fn snapshot_dir(dir: &str) {
    for path in common::yaml_files(dir) {
        let name = common::stem(&path);
        let model = common::load(&path);
        for (view, view_name) in VIEWS {
            if view != View::All && !ALL_VIEWS.contains(&name.as_str()) {
                continue;
            }
            for (format, ext) in FORMATS {
                let text = common::render(format, &model, view);
                let snap = format!("{name}__{view_name}.{ext}");
                settings().bind(|| insta::assert_snapshot!(snap, text));
            }
        }
    }
}

#[test]
fn every_format_of_every_landscape() {
    snapshot_dir("landscapes");
}

#[test]
fn every_format_of_the_hostile_fixtures() {
    snapshot_dir("tests/fixtures/hostile");
}

#[test]
fn rendering_is_deterministic() {
    let mut files = common::yaml_files("landscapes");
    files.extend(common::yaml_files("tests/fixtures/hostile"));
    for path in files {
        // Two independent checks of the same text, rendered twice each.
        let a = common::load(&path);
        let b = common::load(&path);
        for (view, view_name) in VIEWS {
            for (format, _) in FORMATS {
                let first = common::render(format, &a, view);
                let again = common::render(format, &a, view);
                let other = common::render(format, &b, view);
                let what = format!("{} {format:?} --view {view_name}", path.display());
                assert_eq!(first.as_bytes(), again.as_bytes(), "{what}: second render");
                assert_eq!(first.as_bytes(), other.as_bytes(), "{what}: second check");
            }
        }
    }
}

#[test]
fn generated_landscapes_render_deterministically() {
    let text = common::generate::generate(60, 7);
    let a = common::model_of("gen-60.yaml", &text);
    let b = common::model_of("gen-60.yaml", &common::generate::generate(60, 7));
    for (format, _) in FORMATS {
        assert_eq!(
            common::render(format, &a, View::All),
            common::render(format, &b, View::All),
            "{format:?}"
        );
    }
}
