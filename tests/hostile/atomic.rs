//! A failed render must not lose or half-write a file (SPEC §3, design/security.md
//! "Partial failure"): three outputs, the second of which cannot be written, give
//! exit 2, leave every pre-existing target byte-for-byte and mtime-for-mtime as it
//! was, and leave no `.landscape-*` temp file in any target folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::support::*;

const VALID: &str =
    "title: Order flow\nsystems:\n  A: {}\n  B: {}\ntouchpoints:\n  - {from: A, to: B}\n";

/// A target file with known bytes and an mtime an hour in the past.
fn existing(path: &Path, bytes: &[u8]) -> SystemTime {
    std::fs::write(path, bytes).expect("write");
    let old = SystemTime::now() - Duration::from_secs(3600);
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    f.set_modified(old).expect("set mtime");
    std::fs::metadata(path)
        .expect("meta")
        .modified()
        .expect("mtime")
}

struct Target {
    path: PathBuf,
    bytes: Vec<u8>,
    mtime: SystemTime,
}

impl Target {
    fn new(path: PathBuf) -> Self {
        let bytes = format!("old {}\n", path.display()).into_bytes();
        let mtime = existing(&path, &bytes);
        Target { path, bytes, mtime }
    }

    fn assert_untouched(&self) {
        let now = std::fs::read(&self.path).expect("the old file is still there");
        assert!(
            now == self.bytes,
            "{} was changed; it now starts with {:?}",
            self.path.display(),
            String::from_utf8_lossy(&now[..now.len().min(80)])
        );
        let mtime = std::fs::metadata(&self.path)
            .expect("meta")
            .modified()
            .expect("mtime");
        assert_eq!(mtime, self.mtime, "{} was touched", self.path.display());
    }
}

/// Runs `render FILE -o first -o second -o third` and checks exit 2, the two good
/// targets untouched and no temp file in any of `dirs`.
fn assert_fails_cleanly(first: &Target, second: &Path, third: &Target, dirs: &[&Path]) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in.yaml");
    std::fs::write(&input, VALID).expect("write");
    let out = landscape()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&first.path)
        .arg("-o")
        .arg(second)
        .arg("-o")
        .arg(&third.path)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    first.assert_untouched();
    third.assert_untouched();
    for dir in dirs {
        assert_eq!(temp_files(dir), Vec::<PathBuf>::new(), "temp files left");
    }
}

#[test]
fn second_output_in_a_missing_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = tempfile::tempdir().expect("tempdir");
    let first = Target::new(dir.path().join("a.svg"));
    let third = Target::new(other.path().join("c.md"));
    let second = dir.path().join("no-such-folder").join("b.json");
    assert_fails_cleanly(&first, &second, &third, &[dir.path(), other.path()]);
    assert!(!second.exists());
}

#[test]
fn second_output_under_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = Target::new(dir.path().join("a.dot"));
    let third = Target::new(dir.path().join("c.mmd"));
    std::fs::write(dir.path().join("plain-file"), "x").expect("write");
    let second = dir.path().join("plain-file").join("b.svg");
    assert_fails_cleanly(&first, &second, &third, &[dir.path()]);
}

#[test]
fn second_output_in_a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).expect("mkdir");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // root ignores directory permissions: nothing to test then.
    if std::fs::write(ro.join("probe"), "x").is_ok() {
        eprintln!("skipped: running with permission to write into a read-only folder");
        return;
    }
    let first = Target::new(dir.path().join("a.json"));
    let third = Target::new(dir.path().join("c.svg"));
    let second = ro.join("b.md");
    assert_fails_cleanly(&first, &second, &third, &[dir.path(), &ro]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// The target is a folder: staging works (the temp file goes beside it), the
/// rename onto the folder fails. Nothing else may have been replaced by then.
#[test]
fn second_output_is_a_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = Target::new(dir.path().join("a.svg"));
    let third = Target::new(dir.path().join("c.json"));
    let second = dir.path().join("b.svg");
    std::fs::create_dir(&second).expect("mkdir");
    assert_fails_cleanly(&first, &second, &third, &[dir.path()]);
    assert!(second.is_dir());
}

/// A folder as the only target: exit 2, the folder as it was, no temp file beside
/// it or in it.
#[test]
fn a_folder_target_leaves_no_temp_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.yaml");
    std::fs::write(&input, VALID).expect("write");
    let folder = dir.path().join("b.svg");
    std::fs::create_dir(&folder).expect("mkdir");
    let out = landscape()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&folder)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(folder.is_dir());
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
    assert_eq!(temp_files(&folder), Vec::<PathBuf>::new());
}

/// A successful render replaces existing targets and leaves no temp file.
#[test]
fn a_successful_render_replaces_targets_and_cleans_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.yaml");
    std::fs::write(&input, VALID).expect("write");
    let a = Target::new(dir.path().join("a.svg"));
    let b = Target::new(dir.path().join("b.json"));
    landscape()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&a.path)
        .arg("-o")
        .arg(&b.path)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&a.path)
            .expect("svg")
            .starts_with("<svg")
    );
    assert!(
        std::fs::read_to_string(&b.path)
            .expect("json")
            .starts_with('{')
    );
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
}

/// Outputs that did not exist before are not created when another output cannot
/// be written. The unwritable one is under a regular file (ENOTDIR), which stops
/// root too, unlike a read-only folder. Exit 2, a message naming the output, and
/// the folder holds exactly what it held before: no output, no temp file.
#[test]
fn new_outputs_are_not_created_when_one_is_under_a_file() {
    let src = tempfile::tempdir().expect("tempdir");
    let input = src.path().join("in.yaml");
    std::fs::write(&input, VALID).expect("write");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("plain-file"), "x").expect("write");
    let bad = dir.path().join("plain-file").join("b.svg");
    let out = landscape()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("a.mmd"))
        .arg("-o")
        .arg(&bad)
        .arg("-o")
        .arg(dir.path().join("c.json"))
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.contains("cannot write") && stderr.contains(&bad.display().to_string()),
        "{stderr}"
    );
    assert!(
        stderr.contains("not a directory") && !stderr.contains(".landscape-"),
        "the reason, not the staging file: {stderr}"
    );
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["plain-file"], "{stderr}");
    assert_eq!(
        std::fs::read(dir.path().join("plain-file")).expect("read"),
        b"x"
    );
}
