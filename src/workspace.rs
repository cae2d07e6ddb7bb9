//! Which configuration, and so which linter, applies to each input of a run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Linter;
use crate::config::{Config, ConfigError, FailOn};

/// Where configuration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    /// The closest configuration file to each input (the default).
    Discover,
    /// One file for every input (`--config`).
    File(PathBuf),
    /// None at all (`--isolated`).
    Isolated,
}

/// Command-line settings that apply on top of every configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
}

/// A configuration and the linter it makes.
pub struct Resolved {
    pub config: Config,
    pub linter: Linter,
}

/// Resolves and caches configurations for a run.
pub struct Workspace {
    source: ConfigSource,
    overrides: Overrides,
    known: Vec<&'static str>,
    /// Keyed by configuration file (`None`: defaults).
    resolved: HashMap<Option<PathBuf>, Result<Arc<Resolved>, ConfigError>>,
    /// Directory -> its configuration file, so each directory is searched once.
    found: HashMap<PathBuf, Option<PathBuf>>,
}

impl Workspace {
    pub fn new(source: ConfigSource, overrides: Overrides) -> Workspace {
        Workspace {
            source,
            overrides,
            known: Linter::known_ids(),
            resolved: HashMap::new(),
            found: HashMap::new(),
        }
    }

    /// The configuration and linter for `file` (stdin: pass the working directory).
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<Resolved>, ConfigError> {
        let config_file = match &self.source {
            ConfigSource::Isolated => None,
            ConfigSource::File(path) => Some(path.clone()),
            ConfigSource::Discover => {
                let dir = std::path::absolute(file)
                    .ok()
                    .and_then(|f| f.parent().map(Path::to_path_buf))
                    .unwrap_or_default();
                self.found
                    .entry(dir.clone())
                    .or_insert_with(|| Config::find(&dir).map(|found| relative_to_cwd(&found)))
                    .clone()
            }
        };
        if !self.resolved.contains_key(&config_file) {
            let resolved = self.resolve(config_file.as_deref());
            self.resolved.insert(config_file.clone(), resolved);
        }
        self.resolved[&config_file].clone()
    }

    /// When the run fails: `--fail-on`, else the configuration for the working directory.
    pub fn fail_on(&mut self) -> FailOn {
        if let Some(fail_on) = self.overrides.fail_on {
            return fail_on;
        }
        let here = Path::new(".").join("stdin");
        self.for_file(&here)
            .ok()
            .and_then(|r| r.config.fail_on)
            .unwrap_or_default()
    }

    fn resolve(&self, file: Option<&Path>) -> Result<Arc<Resolved>, ConfigError> {
        let mut config = match file {
            Some(path) => Config::load(path, &self.known)?,
            None => Config::default(),
        };
        if let Some(select) = &self.overrides.select {
            config.select = Some(select.clone());
        }
        config
            .extend_select
            .extend(self.overrides.extend_select.iter().cloned());
        config.ignore.extend(self.overrides.ignore.iter().cloned());
        let linter = Linter::configured(&config).map_err(|message| ConfigError {
            path: file.map(Path::to_path_buf).unwrap_or_default(),
            at: None,
            message,
        })?;
        Ok(Arc::new(Resolved { config, linter }))
    }
}

/// `path` relative to the working directory when it lies below it, as errors should show it.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
