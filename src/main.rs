//! The `draftlint` command line: argument parsing and exit codes over the library.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anstream::ColorChoice;
use chrono::{DateTime, FixedOffset, Local};
use clap::{Parser, Subcommand, ValueEnum};
use colored::Colorize;

use draftlint::report::{Human, Json, Reporter, Summary};
use draftlint::walk::{self, Detect, Input};
use draftlint::{Context, Linter, Outcome, describe_io};

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
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
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
    match cli.command {
        Command::Check(args) => ExitCode::from(check(args)),
    }
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

    let linter = match Linter::new() {
        Ok(linter) => linter,
        Err(problem) => {
            report_error(&mut stderr, &problem);
            return TROUBLE;
        }
    };
    let ctx = Context {
        now: args.now.unwrap_or_else(|| Local::now().fixed_offset()),
    };
    let mut reporter: Box<dyn Reporter> = match args.format {
        Format::Human => Box::new(Human::new(stdout)),
        Format::Json => Box::new(Json::new(stdout)),
    };

    let (inputs, walk_errors) = walk::collect(&args.paths);
    let mut summary = Summary::default();
    for error in &walk_errors {
        report_error(&mut stderr, &format!("{}: {}", error.path, error.message));
        summary.failed += 1;
    }
    for input in &inputs {
        let outcome = match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                match io::stdin().read_to_end(&mut bytes) {
                    Ok(_) => linter.check_bytes("<stdin>", &bytes, Detect::EmailOrText, &ctx),
                    Err(e) => failed("<stdin>", &e),
                }
            }
            Input::File { path, detect } => {
                let shown = path.display().to_string();
                match std::fs::read(path) {
                    Ok(bytes) => linter.check_bytes(&shown, &bytes, *detect, &ctx),
                    Err(e) => failed(&shown, &e),
                }
            }
        };
        let written = match outcome {
            Outcome::Checked(report) => {
                summary.add(&report);
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
    if let Err(e) = reporter.finish(&summary) {
        return output_failed(&mut stderr, &e, &summary);
    }
    exit_code(&summary)
}

fn exit_code(summary: &Summary) -> u8 {
    if summary.failed > 0 {
        TROUBLE
    } else if summary.findings() > 0 {
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
