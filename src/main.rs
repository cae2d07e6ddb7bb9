//! The `draftlint` command line: argument parsing and exit codes over the library.

use std::collections::BTreeSet;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anstream::ColorChoice;
use chrono::{DateTime, FixedOffset, Local};
use clap::{Parser, Subcommand, ValueEnum};
use colored::Colorize;

use draftlint::baseline::Baseline;
use draftlint::config::{FailOn, check_lint_id};
use draftlint::lints::Meta;
use draftlint::report::{Human, Json, Reporter, Summary};
use draftlint::walk::{self, Detect, Input};
use draftlint::workspace::{ConfigSource, Overrides, Resolved, Workspace};
use draftlint::{Context, Linter, Outcome, describe_io};
use rayon::prelude::*;

#[derive(Parser)]
#[command(
    name = "draftlint",
    version,
    about = "Lint e-mail drafts and support-macro templates before a client reads them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint drafts (.eml, extensionless mail files) and templates (.txt, .md, .html).
    #[command(
        after_help = "Exit status: 0 no findings, 1 findings, 2 usage error or a file that could not be read."
    )]
    Check(CheckArgs),
    /// List every lint with its default severity and what it flags.
    Lints {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Print every built-in phrase pattern as a regex, one per line (for `rg -i -f`).
        #[arg(long, conflicts_with = "format")]
        phrases: bool,
    },
    /// Explain a lint: what it flags, why it matters to the client, an example.
    Explain {
        /// The lint id, e.g. jargon.
        lint: String,
    },
    /// Write a draftlint.toml with every setting at its default.
    Init {
        /// Where to write it.
        #[arg(default_value = "draftlint.toml")]
        path: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories to lint; `-` reads one draft from standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// When to colour the output (NO_COLOR is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,

    /// "Now" for late-reply checks of drafts without a Date header (RFC 3339).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    now: Option<DateTime<FixedOffset>>,

    /// The name of the draft read from `-` (standard input): decides its format and its
    /// configuration, and names it in the output (editors and mail clients pipe a buffer in).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,

    /// Use this configuration file for every input instead of the closest one to each.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,

    /// Ignore all configuration files.
    #[arg(long)]
    isolated: bool,

    /// Run only these lints (comma-separated), instead of the configured selection.
    #[arg(long, value_name = "LINT", value_delimiter = ',')]
    select: Option<Vec<String>>,

    /// Run these lints too.
    #[arg(long, value_name = "LINT", value_delimiter = ',')]
    extend_select: Vec<String>,

    /// Do not run these lints.
    #[arg(long, value_name = "LINT", value_delimiter = ',')]
    ignore: Vec<String>,

    /// The least severity that makes the run fail (exit 1): error, warning, info or never.
    #[arg(long, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,

    /// Apply configured excludes to files named on the command line too (pre-commit names
    /// every changed file).
    #[arg(long)]
    force_exclude: bool,

    /// Worker threads (default: one per core); the output is the same for any number.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record the current findings in the --baseline file instead of reporting them.
    #[arg(long, requires = "baseline")]
    write_baseline: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF consumers.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// One `path:line:col: severity[lint] message` line per finding, for editors.
    Compact,
}

/// How `draftlint lints` prints the list.
#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn parse_now(value: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(value)
        .map_err(|e| format!("not an RFC 3339 date-time ({e}), e.g. 2026-01-15T12:00:00Z"))
}

/// Exit codes: no findings, findings, usage or I/O error.
const CLEAN: u8 = 0;
const FINDINGS: u8 = 1;
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Lints { phrases: true, .. } => print_phrases(),
        Command::Lints { format, .. } => list_lints(format),
        Command::Explain { lint } => explain(&lint),
        Command::Init { path, force } => init(&path, force),
    };
    ExitCode::from(code)
}

fn check(args: CheckArgs) -> u8 {
    let choice = match args.color {
        Color::Auto => ColorChoice::Auto,
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
    };
    // Everything is written styled; anstream strips styles where colour is off.
    colored::control::set_override(true);
    let stdout = anstream::AutoStream::new(io::stdout().lock(), choice);
    let mut stderr = anstream::AutoStream::new(io::stderr(), choice);

    let mut workspace = match workspace(&args) {
        Ok(workspace) => workspace,
        Err(problem) => {
            report_error(&mut stderr, &problem);
            return TROUBLE;
        }
    };
    let mut baseline = match (&args.baseline, args.write_baseline) {
        (Some(path), false) => match Baseline::load(path) {
            Ok(baseline) => Some(baseline),
            Err(problem) => {
                report_error(&mut stderr, &problem);
                return TROUBLE;
            }
        },
        _ => None,
    };
    let mut recorded = Baseline::default();
    let ctx = Context {
        now: args.now.unwrap_or_else(|| Local::now().fixed_offset()),
    };
    // The global pool, so that compiling the phrase lists (rayon::join inside the library) uses
    // the threads asked for, as linting does.
    if let Err(e) = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build_global()
    {
        report_error(&mut stderr, &format!("cannot start worker threads: {e}"));
        return TROUBLE;
    }
    let fail_on = workspace.fail_on();
    let mut reporter: Box<dyn Reporter> = match args.format {
        Format::Human => Box::new(Human::new(stdout)),
        Format::Json => Box::new(Json::new(stdout)),
        Format::Sarif => Box::new(draftlint::report::Sarif::new(stdout)),
        Format::Github => Box::new(draftlint::report::Github::new(stdout)),
        Format::Compact => Box::new(draftlint::report::Compact::new(stdout)),
    };

    let mut inputs = walk::stream(&args.paths);
    let mut summary = Summary::default();
    let mut config_errors = BTreeSet::new();
    // While inputs are linted, a panic is reported as that input's one-line error (Job::lint),
    // not as a backtrace in the middle of the output.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut chunk = Vec::with_capacity(CHUNK);
    loop {
        // Inputs are taken from the walk a chunk at a time: memory stays flat however many.
        chunk.clear();
        for found in inputs.by_ref() {
            match found {
                Ok(input) => chunk.push(input),
                Err(error) => {
                    report_error(&mut stderr, &format!("{}: {}", error.path, error.message));
                    summary.failed += 1;
                }
            }
            if chunk.len() == CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        // Configurations are resolved in input order (cheap: cached per file)...
        let mut jobs = Vec::with_capacity(chunk.len());
        for input in &chunk {
            let (config_path, shown) = match (input, &args.stdin_filename) {
                (Input::Stdin, Some(name)) => (name.clone(), name.display().to_string()),
                (Input::Stdin, None) => (PathBuf::from("stdin"), "<stdin>".to_string()),
                (Input::File { path, .. }, _) => (path.clone(), path.display().to_string()),
            };
            let resolved = match workspace.for_file(&config_path) {
                Ok(resolved) => resolved,
                Err(problem) => {
                    // Once per broken file, however many inputs it governs.
                    if config_errors.insert(problem.to_string()) {
                        report_error(&mut stderr, &problem.to_string());
                    }
                    summary.failed += 1;
                    continue;
                }
            };
            if let Input::File { path, named, .. } = input {
                if (!named || args.force_exclude) && resolved.config.excludes(path) {
                    continue;
                }
            }
            jobs.push(Job {
                input,
                resolved,
                config_path,
                shown,
            });
        }
        // ...the drafts are read and linted in parallel...
        let stdin_filename = args.stdin_filename.as_deref();
        let results: Vec<Vec<Outcome>> = jobs
            .par_iter()
            .map(|job| job.lint(stdin_filename, &ctx))
            .collect();
        // ...and reported in input order, so the output is the same whatever the thread count.
        for (job, outcomes) in jobs.iter().zip(results) {
            for outcome in outcomes {
                let written = match outcome {
                    Outcome::Checked(mut report) => {
                        let ignored = job.resolved.config.ignored_for(&job.config_path);
                        report
                            .findings
                            .retain(|f| !ignored.contains(f.diagnostic.lint));
                        if args.write_baseline {
                            recorded.record(&report);
                            report.findings.clear();
                        } else if let Some(baseline) = &mut baseline {
                            baseline.filter(&mut report);
                        }
                        summary.add(&report, fail_on);
                        reporter.file(&report)
                    }
                    Outcome::Skipped => Ok(()),
                    Outcome::Failed { path, problem } => {
                        report_error(&mut stderr, &format!("{path}: {problem}"));
                        summary.failed += 1;
                        Ok(())
                    }
                };
                if let Err(e) = written {
                    return output_failed(&mut stderr, &e, &summary);
                }
            }
        }
    }
    std::panic::set_hook(default_hook);
    if let Some(path) = args.baseline.as_ref().filter(|_| args.write_baseline) {
        if let Err(e) = recorded.write(path) {
            report_error(
                &mut stderr,
                &format!("{}: {}", path.display(), describe_io(&e)),
            );
            return TROUBLE;
        }
    }
    if let Err(e) = reporter.finish(&summary) {
        return output_failed(&mut stderr, &e, &summary);
    }
    // Freeing the compiled phrase lists one by one costs a run of one draft 3% of its time; the
    // process is about to end and the OS takes it all back at once.
    std::mem::forget(workspace);
    if args.write_baseline {
        // Nothing is reported while recording: the run succeeds unless a file failed.
        let _ = writeln!(
            stderr,
            "Recorded {} in {}.",
            plural(recorded.len(), "finding"),
            args.baseline
                .as_ref()
                .map_or(String::new(), |p| p.display().to_string())
        );
    }
    exit_code(&summary)
}

/// The lints known in the working directory: the built-in ones and its configuration's packs.
fn known_here() -> Result<Vec<&'static Meta>, u8> {
    let mut workspace = Workspace::new(ConfigSource::Discover, Overrides::default());
    let resolved = workspace
        .for_file(&PathBuf::from("stdin"))
        .map_err(|problem| {
            report_error(&mut anstream::stderr(), &problem.to_string());
            TROUBLE
        })?;
    Linter::known_with(&resolved.config).map_err(|problem| {
        report_error(&mut anstream::stderr(), &problem);
        TROUBLE
    })
}

fn list_lints(format: ListFormat) -> u8 {
    let known = match known_here() {
        Ok(known) => known,
        Err(code) => return code,
    };
    let text = match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = known
                .iter()
                .map(|m| serde_json::json!({"id": m.id, "severity": m.default_severity, "summary": m.summary}))
                .collect();
            format!("{}\n", serde_json::Value::Array(rows))
        }
        // The finding formats have no listing of their own: the table.
        ListFormat::Human => {
            let width = known.iter().map(|m| m.id.len()).max().unwrap_or(0);
            known
                .iter()
                .map(|m| {
                    format!(
                        "{:<width$}  {:<7}  {}\n",
                        m.id,
                        m.default_severity.as_str(),
                        m.summary
                    )
                })
                .collect()
        }
    };
    print_out(&text)
}

fn print_phrases() -> u8 {
    match draftlint::lints::builtin_phrases() {
        Ok(patterns) => print_out(&(patterns.join("\n") + "\n")),
        Err(problem) => {
            report_error(&mut anstream::stderr(), &problem);
            TROUBLE
        }
    }
}

fn explain(lint: &str) -> u8 {
    let known = match known_here() {
        Ok(known) => known,
        Err(code) => return code,
    };
    match known.iter().find(|m| m.id == lint) {
        Some(meta) => print_out(meta.doc),
        None => {
            let ids: Vec<&str> = known.iter().map(|m| m.id).collect();
            let problem = check_lint_id(lint, &ids).err().unwrap_or_default();
            report_error(&mut anstream::stderr(), &problem);
            TROUBLE
        }
    }
}

fn init(path: &std::path::Path, force: bool) -> u8 {
    if path.exists() && !force {
        let problem = format!("{} already exists (--force overwrites it)", path.display());
        report_error(&mut anstream::stderr(), &problem);
        return TROUBLE;
    }
    match std::fs::write(path, draftlint::config::INIT) {
        Ok(()) => print_out(&format!("Wrote {}.\n", path.display())),
        Err(e) => {
            report_error(
                &mut anstream::stderr(),
                &format!("{}: {}", path.display(), describe_io(&e)),
            );
            TROUBLE
        }
    }
}

/// Writes `text` to standard output; a closed pipe is not an error.
fn print_out(text: &str) -> u8 {
    let mut out = anstream::stdout();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            report_error(
                &mut anstream::stderr(),
                &format!("cannot write output: {}", describe_io(&e)),
            );
            TROUBLE
        }
        _ => CLEAN,
    }
}

/// Inputs linted in parallel at a time: bounds the findings held before they are written.
const CHUNK: usize = 256;

/// One input to lint, with the configuration that applies to it.
struct Job<'a> {
    input: &'a Input,
    resolved: Arc<Resolved>,
    config_path: PathBuf,
    shown: String,
}

impl Job<'_> {
    /// Reads and lints the input: one outcome per draft (an mbox or export holds several). A
    /// panic is a bug, but it costs this input only: it becomes the input's error.
    fn lint(&self, stdin_filename: Option<&std::path::Path>, ctx: &Context) -> Vec<Outcome> {
        let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.lint_unguarded(stdin_filename, ctx)
        }));
        attempt.unwrap_or_else(|panic| {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            vec![Outcome::Failed {
                path: self.shown.clone(),
                problem: format!("internal error, please report it: {reason}"),
            }]
        })
    }

    fn lint_unguarded(
        &self,
        stdin_filename: Option<&std::path::Path>,
        ctx: &Context,
    ) -> Vec<Outcome> {
        let linter = &self.resolved.linter;
        match self.input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                match io::stdin().read_to_end(&mut bytes) {
                    Ok(_) => {
                        let detect = stdin_filename
                            .and_then(walk::detect_by_extension)
                            .unwrap_or(Detect::EmailOrText);
                        vec![linter.check_bytes(&self.shown, &bytes, detect, ctx)]
                    }
                    Err(e) => vec![failed(&self.shown, &e)],
                }
            }
            Input::File { path, detect, .. } => {
                match read_within_limit(path, &self.resolved.config) {
                    Ok(bytes) => {
                        let shape = self.resolved.config.export_for(path);
                        linter.check_file(path, &self.shown, &bytes, *detect, shape, ctx)
                    }
                    Err(e) => vec![failed(&self.shown, &e)],
                }
            }
        }
    }
}

/// Files larger than this are not read unless the configuration says otherwise.
const MAX_FILE_SIZE: u64 = 25_000_000;

/// A file's bytes, unless it is larger than the configured limit (checked before reading).
fn read_within_limit(
    path: &std::path::Path,
    config: &draftlint::config::Config,
) -> io::Result<Vec<u8>> {
    let limit = config.max_file_size.unwrap_or(MAX_FILE_SIZE);
    let size = std::fs::metadata(path)?.len();
    if size > limit {
        let message = format!(
            "{} bytes, over the {limit}-byte limit (max-file-size)",
            size
        );
        return Err(io::Error::new(io::ErrorKind::FileTooLarge, message));
    }
    std::fs::read(path)
}

/// The run's workspace from the configuration flags, command-line lint ids checked.
fn workspace(args: &CheckArgs) -> Result<Workspace, String> {
    let known = Linter::known_ids();
    let ids = args
        .select
        .iter()
        .flatten()
        .chain(&args.extend_select)
        .chain(&args.ignore);
    for id in ids {
        check_lint_id(id, &known)?;
    }
    let source = match (&args.config, args.isolated) {
        (Some(path), _) => ConfigSource::File(path.clone()),
        (None, true) => ConfigSource::Isolated,
        (None, false) => ConfigSource::Discover,
    };
    let overrides = Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on,
    };
    Ok(Workspace::new(source, overrides))
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn exit_code(summary: &Summary) -> u8 {
    if summary.failed > 0 {
        TROUBLE
    } else if summary.failing > 0 {
        FINDINGS
    } else {
        CLEAN
    }
}

fn failed(path: &str, error: &io::Error) -> Outcome {
    Outcome::Failed {
        path: path.to_string(),
        problem: describe_io(error),
    }
}

/// A closed pipe (`draftlint check | head`) ends the run quietly; other write errors are
/// errors.
fn output_failed(stderr: &mut impl Write, error: &io::Error, summary: &Summary) -> u8 {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return exit_code(summary);
    }
    report_error(
        stderr,
        &format!("cannot write output: {}", describe_io(error)),
    );
    TROUBLE
}

fn report_error(stderr: &mut impl Write, message: &str) {
    // Nothing more can be done when stderr itself is gone.
    let _ = writeln!(
        stderr,
        "{}: {} {message}",
        "draftlint".bold(),
        "error:".red().bold()
    );
}
