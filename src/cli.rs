//! The command line (SPEC §3). clap types stay in this module; commands call the
//! library's pure functions and this is the only place that reads or writes files.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::{self, FileReport, Severity};
use crate::source::{self, LoadError, SourceFile};

/// Exit code: the landscape has errors (or warnings under `--deny-warnings`).
pub const EXIT_INVALID: u8 = 1;
/// Exit code: usage, I/O or unreadable input.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "landscape",
    version,
    about = "Validate and draw enterprise integration landscapes",
    long_about = "Turns a YAML description of an integration landscape (systems in zones, \
                  touchpoints tagged with one of the six Salesforce integration patterns) into \
                  a validated graph, and draws it."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check landscape files and report every problem found.
    Validate(ValidateArgs),
    /// Write a commented starter landscape (to FILE, or to stdout).
    Init {
        /// Where to write it; refuses to overwrite an existing file.
        file: Option<PathBuf>,
    },
    /// Print the JSON Schema of the file format, for editor completion.
    Schema,
    /// List every rule with its id, name and default severity.
    Rules,
    /// Explain a rule: what it finds, why it matters, what to do, with examples.
    Explain {
        /// The rule id, e.g. `C102`.
        rule: String,
    },
    /// Print the six integration patterns; `--recommend` walks the timing decision tree.
    Patterns(PatternsArgs),
    /// Draw a landscape: SVG, PNG, PDF, Mermaid, DOT, Markdown, a touchpoint table,
    /// JSON or the laid-out geometry.
    Render(RenderArgs),
    /// Work with the built-in templates.
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
}

#[derive(Debug, Subcommand)]
enum TemplatesCommand {
    /// Write the built-in templates into DIR for editing (use them with --template).
    Dump {
        /// Folder to write into; existing files are not overwritten.
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct RenderArgs {
    /// The landscape file.
    file: PathBuf,
    /// Output file; repeat for several. The format follows the extension
    /// (.svg .png .pdf .mmd .dot .md .json, .layout.json); without -o, text goes to
    /// stdout.
    #[arg(short = 'o', long = "output")]
    outputs: Vec<PathBuf>,
    /// Output format; overrides the extension.
    #[arg(short = 'f', long = "format", value_enum)]
    format: Option<OutFormat>,
    /// Which state to draw: both (all), as-is (current) or to-be (target).
    #[arg(long, value_enum, default_value_t = ViewArg::All)]
    view: ViewArg,
    /// Main flow direction, overriding the file's.
    #[arg(long, value_enum)]
    direction: Option<DirectionArg>,
    /// A replacement template (file name = template name, e.g. dot.hbs); repeatable.
    #[arg(long = "template")]
    templates: Vec<PathBuf>,
    /// Leave the legend out.
    #[arg(long)]
    no_legend: bool,
    /// PNG pixels per SVG unit (1–16).
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// Edge routing of the drawn formats (svg, png, pdf).
    #[arg(long, value_enum, default_value_t = EdgesArg::Orthogonal)]
    edges: EdgesArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EdgesArg {
    Orthogonal,
    Curved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    Mermaid,
    Dot,
    Markdown,
    Table,
    Json,
    Svg,
    Png,
    Pdf,
    Layout,
}

impl From<OutFormat> for crate::emit::Format {
    fn from(f: OutFormat) -> Self {
        use crate::emit::Format;
        match f {
            OutFormat::Mermaid => Format::Mermaid,
            OutFormat::Dot => Format::Dot,
            OutFormat::Markdown => Format::Markdown,
            OutFormat::Table => Format::Table,
            OutFormat::Json => Format::Json,
            OutFormat::Svg => Format::Svg,
            OutFormat::Png => Format::Png,
            OutFormat::Pdf => Format::Pdf,
            OutFormat::Layout => Format::Layout,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ViewArg {
    All,
    Current,
    Target,
}

impl From<ViewArg> for crate::emit::View {
    fn from(v: ViewArg) -> Self {
        match v {
            ViewArg::All => crate::emit::View::All,
            ViewArg::Current => crate::emit::View::Current,
            ViewArg::Target => crate::emit::View::Target,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
enum DirectionArg {
    TB,
    LR,
    BT,
    RL,
}

impl From<DirectionArg> for crate::model::Direction {
    fn from(d: DirectionArg) -> Self {
        use crate::model::Direction;
        match d {
            DirectionArg::TB => Direction::TB,
            DirectionArg::LR => Direction::LR,
            DirectionArg::BT => Direction::BT,
            DirectionArg::RL => Direction::RL,
        }
    }
}

#[derive(Debug, clap::Args)]
struct ValidateArgs {
    /// Landscape files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
    format: DiagFormat,
    /// Treat warnings as errors (exit 1 when any is found).
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiagFormat {
    Human,
    Json,
    Github,
    Sarif,
}

/// Parses the process arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let code = match cli.command {
        Command::Validate(args) => validate(&args),
        Command::Init { file } => init(file.as_deref()),
        Command::Schema => print_stdout(&crate::schema::schema_json()),
        Command::Rules => print_stdout(&rules_text()),
        Command::Explain { rule } => explain(&rule),
        Command::Patterns(args) => patterns(&args),
        Command::Render(args) => render(&args),
        Command::Templates {
            command: TemplatesCommand::Dump { dir },
        } => dump_templates(&dir),
    };
    ExitCode::from(code)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn print_stdout(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            EXIT_USAGE
        }
    }
}

/// One loaded and checked file.
struct Outcome {
    source: SourceFile,
    diagnostics: Vec<diag::Diagnostic>,
    model: Option<crate::model::Model>,
}

/// Loads and checks a file; `Err` carries an exit-2 message.
fn check_file(path: &Path, deny_warnings: bool) -> Result<Outcome, String> {
    let (source, mut diagnostics, model) = match source::load(path) {
        Ok(source) => {
            let checked = crate::check(&source);
            (source, checked.diagnostics, checked.model)
        }
        Err(LoadError::Unreadable(msg)) => return Err(msg),
        Err(LoadError::Invalid(source, diags)) => (source, diags, None),
    };
    if deny_warnings {
        for d in &mut diagnostics {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
    Ok(Outcome {
        source,
        diagnostics,
        model,
    })
}

fn validate(args: &ValidateArgs) -> u8 {
    let mut outcomes = Vec::new();
    let mut unreadable = false;
    for path in &args.files {
        match check_file(path, args.deny_warnings) {
            Ok(o) => outcomes.push(o),
            Err(msg) => {
                eprintln!("error: {}", crate::escape::terminal(&msg));
                unreadable = true;
            }
        }
    }
    let reports: Vec<FileReport<'_>> = outcomes
        .iter()
        .map(|o| FileReport {
            source: &o.source,
            diagnostics: &o.diagnostics,
        })
        .collect();
    let write_code = match args.format {
        DiagFormat::Human => {
            let color = std::io::stderr().is_terminal();
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(diag::render_human(&reports, color).as_bytes());
            let _ = err.write_all(diag::summary(&reports).as_bytes());
            0
        }
        DiagFormat::Json => print_stdout(&diag::render_json(&reports)),
        DiagFormat::Github => print_stdout(&diag::render_github(&reports)),
        DiagFormat::Sarif => print_stdout(&diag::render_sarif(&reports, &sarif_rules())),
    };
    let invalid = outcomes
        .iter()
        .any(|o| o.diagnostics.iter().any(|d| d.severity == Severity::Error));
    if unreadable || write_code != 0 {
        EXIT_USAGE
    } else if invalid {
        EXIT_INVALID
    } else {
        0
    }
}

fn sarif_rules() -> Vec<(&'static str, &'static str, &'static str)> {
    crate::rules::RULES
        .iter()
        .map(|r| (r.id, r.name, r.summary))
        .collect()
}

fn rules_text() -> String {
    let mut out = String::new();
    for r in crate::rules::RULES {
        let sev = r.default.map_or("off", Severity::as_str);
        out.push_str(&format!(
            "{:<5} {:<30} {:<8} {}\n",
            r.id, r.name, sev, r.summary
        ));
    }
    out
}

fn init(file: Option<&Path>) -> u8 {
    let text = crate::starter::STARTER;
    match file {
        None => print_stdout(text),
        Some(path) => {
            if path.exists() {
                eprintln!(
                    "error: `{}` already exists; choose another name or remove it first",
                    crate::escape::terminal(&path.display().to_string())
                );
                return EXIT_USAGE;
            }
            match write_atomic(path, text.as_bytes()) {
                Ok(()) => {
                    eprintln!(
                        "wrote {}; check it with `landscape validate {}`",
                        path.display(),
                        path.display()
                    );
                    0
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    EXIT_USAGE
                }
            }
        }
    }
}

/// Writes a file through a temporary file in the same folder and a rename, so a
/// failure never leaves a half-written target (see [`Target`] for links, devices
/// and pipes).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    match Target::of(path) {
        Target::Stream(dev) => write_stream(path, &dev, bytes),
        Target::File(real) => stage(&real, bytes)?
            .persist(&real)
            .map(|_| ())
            .map_err(|e| write_error(path, &e.error)),
    }
}

/// Where an output named `path` really goes.
enum Target {
    /// A file, replaced by a rename. Through a symbolic link this is the file the
    /// link points at, so the link stays a link.
    File(PathBuf),
    /// A device, pipe or socket (`/dev/null`, `/dev/stdout`, a FIFO), written in
    /// place: a rename would replace the device node itself with a plain file,
    /// which for `-o /dev/null` run as root (as in many CI containers) breaks
    /// every later program on the machine.
    Stream(PathBuf),
}

impl Target {
    fn of(path: &Path) -> Target {
        let real = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
                .ok()
                .or_else(|| {
                    // A dangling link: the file it names, beside the link.
                    let to = std::fs::read_link(path).ok()?;
                    Some(path.parent().map_or(to.clone(), |dir| dir.join(&to)))
                })
                .unwrap_or_else(|| path.to_path_buf()),
            _ => path.to_path_buf(),
        };
        match std::fs::metadata(&real) {
            Ok(m) if !m.is_file() && !m.is_dir() => Target::Stream(real),
            _ => Target::File(real),
        }
    }
}

/// Writes `bytes` into the device or pipe `dev`, named `path` by the user.
fn write_stream(path: &Path, dev: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(dev)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| write_error(path, &e))
}

/// Writes `bytes` to a temporary file beside `path`, synced, ready to be renamed.
///
/// The file gets the permissions any program's new file gets (0666 less the
/// umask), or those of the file it replaces: a temporary file's own 0600 would
/// hide a diagram from the web server or the colleagues it was written for.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let err = |e: std::io::Error| write_error(path, &e);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".landscape-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(err)?;
    if let Ok(old) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(old.permissions())
            .map_err(err)?;
    }
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    Ok(tmp)
}

/// "cannot write `target`: reason", with the operating system's reason for the
/// failure but without the temporary file's path that `tempfile` adds to some
/// errors: the user named the target, not the staging file.
fn write_error(path: &Path, e: &std::io::Error) -> String {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = folder.filter(|d| !d.exists()) {
        return format!(
            "cannot write `{}`: the folder `{}` does not exist",
            path.display(),
            dir.display()
        );
    }
    let reason = match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => e.kind().to_string(),
    };
    format!("cannot write `{}`: {reason}", path.display())
}

/// The format an output path asks for, by extension.
fn format_of(path: &Path) -> Option<OutFormat> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".layout.json") {
        return Some(OutFormat::Layout);
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    match ext {
        "svg" => Some(OutFormat::Svg),
        "png" => Some(OutFormat::Png),
        "pdf" => Some(OutFormat::Pdf),
        "mmd" | "mermaid" => Some(OutFormat::Mermaid),
        "dot" | "gv" => Some(OutFormat::Dot),
        "md" | "markdown" => Some(OutFormat::Markdown),
        "json" => Some(OutFormat::Json),
        _ => None,
    }
}

fn render(args: &RenderArgs) -> u8 {
    let mut templates = crate::emit::Templates::default();
    for path in &args.templates {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".hbs").to_string())
            .unwrap_or_default();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read template `{}`: {e}", path.display());
                return EXIT_USAGE;
            }
        };
        if let Err(e) = templates.set(&name, text) {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    }
    // Work out every output before doing anything.
    let mut plan: Vec<(OutFormat, Option<&Path>)> = Vec::new();
    if args.outputs.is_empty() {
        let format = args.format.unwrap_or(OutFormat::Svg);
        if matches!(format, OutFormat::Png | OutFormat::Pdf) {
            let name = if format == OutFormat::Png {
                "PNG"
            } else {
                "PDF"
            };
            eprintln!("error: {name} output is binary; give a file with -o");
            return EXIT_USAGE;
        }
        plan.push((format, None));
    }
    for out in &args.outputs {
        match args.format.or_else(|| format_of(out)) {
            Some(f) => plan.push((f, Some(out.as_path()))),
            None => {
                eprintln!(
                    "error: cannot tell the format of `{}` from its extension; use -f",
                    out.display()
                );
                return EXIT_USAGE;
            }
        }
    }
    let outcome = match check_file(&args.file, false) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("error: {}", crate::escape::terminal(&msg));
            return EXIT_USAGE;
        }
    };
    let report = [FileReport {
        source: &outcome.source,
        diagnostics: &outcome.diagnostics,
    }];
    if !outcome.diagnostics.is_empty() {
        let color = std::io::stderr().is_terminal();
        eprint!("{}", diag::render_human(&report, color));
    }
    let model = match &outcome.model {
        Some(m)
            if !outcome
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error) =>
        {
            m
        }
        _ => {
            eprint!("{}", diag::summary(&report));
            return EXIT_INVALID;
        }
    };
    let opts = crate::emit::DiagramOptions {
        view: args.view.into(),
        direction: args.direction.map(Into::into),
        no_legend: args.no_legend,
    };
    let draw = crate::emit::DrawOptions {
        scale: args.scale,
        edges: match args.edges {
            EdgesArg::Orthogonal => crate::layout::EdgeStyle::Orthogonal,
            EdgesArg::Curved => crate::layout::EdgeStyle::Curved,
        },
    };
    // Render everything in memory first: a failure writes nothing.
    let mut rendered: Vec<(Vec<u8>, Option<&Path>)> = Vec::new();
    for (format, path) in plan {
        let bytes = match crate::emit::emit(format.into(), model, &opts, &templates, &draw) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        };
        if format == OutFormat::Mermaid {
            let edges = crate::emit::view::diagram(model, &opts).edges.len();
            for w in crate::emit::mermaid_limits(&String::from_utf8_lossy(&bytes), edges) {
                eprintln!("warning: {w}");
            }
        }
        rendered.push((bytes, path));
    }
    write_outputs(rendered)
}

/// Stages every file output beside its target, then renames them all; devices and
/// pipes are written next and stdout outputs printed last. If any staging fails,
/// nothing is renamed and the temporary files are removed.
fn write_outputs(rendered: Vec<(Vec<u8>, Option<&Path>)>) -> u8 {
    let mut staged = Vec::new();
    let mut streams = Vec::new();
    let mut stdout = Vec::new();
    for (bytes, path) in rendered {
        let Some(p) = path else {
            stdout.push(bytes);
            continue;
        };
        match Target::of(p) {
            Target::Stream(dev) => streams.push((bytes, dev, p)),
            Target::File(real) => match stage(&real, &bytes) {
                Ok(tmp) => staged.push((tmp, real, p)),
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_USAGE;
                }
            },
        }
    }
    // A folder in the way would fail its rename after earlier outputs were already
    // replaced: refuse before renaming anything.
    if let Some((_, _, path)) = staged.iter().find(|(_, real, _)| real.is_dir()) {
        eprintln!(
            "error: cannot write `{}`: it is a directory",
            path.display()
        );
        return EXIT_USAGE;
    }
    for (tmp, real, path) in staged {
        if let Err(e) = tmp.persist(&real) {
            eprintln!("error: {}", write_error(path, &e.error));
            return EXIT_USAGE;
        }
    }
    for (bytes, dev, path) in streams {
        if let Err(e) = write_stream(path, &dev, &bytes) {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    }
    for bytes in stdout {
        if print_stdout(&String::from_utf8_lossy(&bytes)) != 0 {
            return EXIT_USAGE;
        }
    }
    0
}

fn dump_templates(dir: &Path) -> u8 {
    for (_, file, text) in crate::emit::templates::BUILTIN {
        let path = dir.join(file);
        if path.exists() {
            eprintln!("skipped {} (already exists)", path.display());
            continue;
        }
        if let Some(parent) = path.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            eprintln!("error: cannot create `{}`: {e}", parent.display());
            return EXIT_USAGE;
        }
        if let Err(e) = write_atomic(&path, text.as_bytes()) {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
        eprintln!("wrote {}", path.display());
    }
    0
}

fn explain(rule: &str) -> u8 {
    match crate::lint::explain(rule) {
        Some(text) => print_stdout(&text),
        None => {
            let ids = crate::rules::RULES.iter().map(|r| r.id);
            let help = diag::did_you_mean(&rule.to_uppercase(), ids)
                .unwrap_or_else(|| "`landscape rules` lists every rule".into());
            eprintln!(
                "error: `{}` is not a rule id; {help}",
                crate::escape::terminal(rule)
            );
            EXIT_USAGE
        }
    }
}

#[derive(Debug, clap::Args)]
struct PatternsArgs {
    /// Walk the timing decision tree and recommend a pattern; asks for missing answers
    /// when stdin is a terminal.
    #[arg(long)]
    recommend: bool,
    /// Does the user need immediate feedback?
    #[arg(long, requires = "recommend", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_name = "BOOL")]
    immediate_feedback: Option<bool>,
    /// How fast the external system responds (`3s`, `1500ms`, `2m`).
    #[arg(long, requires = "recommend", value_name = "DURATION",
          value_parser = crate::recommend::parse_duration)]
    respond_within: Option<u64>,
    /// Can the user wait for a callback instead of an immediate answer?
    #[arg(long, requires = "recommend", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_name = "BOOL")]
    can_wait_for_callback: Option<bool>,
    /// Records per transaction.
    #[arg(long, requires = "recommend", value_name = "N")]
    volume: Option<u64>,
    /// Is the exchange triggered by data changes?
    #[arg(long, requires = "recommend", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_name = "BOOL")]
    change_driven: Option<bool>,
}

fn patterns(args: &PatternsArgs) -> u8 {
    if !args.recommend {
        return print_stdout(&patterns_text());
    }
    use crate::recommend::{Answers, Question, recommend, render};
    let mut answers = Answers {
        immediate_feedback: args.immediate_feedback,
        respond_within_ms: args.respond_within,
        can_wait_for_callback: args.can_wait_for_callback,
        volume: args.volume,
        change_driven: args.change_driven,
    };
    let interactive = std::io::stdin().is_terminal();
    loop {
        let question = match recommend(&answers) {
            Ok(r) => return print_stdout(&render(&r)),
            Err(q) => q,
        };
        if !interactive {
            eprintln!(
                "error: the decision needs an answer to \"{}\"; pass `{}` (or run in a terminal to be asked)",
                question.text(),
                question.flag()
            );
            return EXIT_USAGE;
        }
        let Some(line) = ask(question.text()) else {
            eprintln!("error: no answer given");
            return EXIT_USAGE;
        };
        match question {
            Question::ImmediateFeedback => answers.immediate_feedback = parse_yes_no(&line),
            Question::CanWaitForCallback => answers.can_wait_for_callback = parse_yes_no(&line),
            Question::ChangeDriven => answers.change_driven = parse_yes_no(&line),
            Question::RespondWithin => {
                answers.respond_within_ms = crate::recommend::parse_duration(&line).ok()
            }
            Question::Volume => answers.volume = line.trim().replace([',', '_'], "").parse().ok(),
        }
    }
}

/// Prints a question on stderr and reads one line; `None` at end of input.
fn ask(question: &str) -> Option<String> {
    eprint!("{question} ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line),
    }
}

fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" => Some(true),
        "n" | "no" | "false" => Some(false),
        _ => None,
    }
}

fn patterns_text() -> String {
    let mut out = String::new();
    for p in crate::pattern::Pattern::ALL {
        out.push_str(&format!(
            "{}  {} (`{}`)\n    direction:    {}\n    timing:       {}\n    initiator:    {}\n    technologies: {}\n    trade-off:    {}\n\n",
            p.code(),
            p.full_name(),
            p.as_str(),
            p.direction(),
            p.canonical_timing().as_str(),
            p.initiator(),
            p.technologies(),
            p.trade_off()
        ));
    }
    out
}
