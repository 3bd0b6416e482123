"""Configuration: `[tool.cjm]` in pyproject.toml, or cjm.toml, or .cjm.yaml, found by walking up.

[tool.cjm]
paths = ["docs/journeys", "docs/personas"]   # where the project's cjm files live
select = ["ALL"]                      # codes, names, code prefixes (CJM2) or ALL, in any case
ignore = ["stage-without-goal"]
strict = false                        # warnings fail the run too
required-stages = ["awareness", "consideration", "purchase", "experience", "loyalty"]
max-file-size = 8388608               # bytes
max-items = 25000                     # lines plus list items, and alias expansion
graphviz-timeout = 20                 # seconds dot may take for one diagram
max-diagram-size = 5000               # twice the steps, plus 3 a stage and 15 a transition

[tool.cjm.severity]
kpi-misses-target = "error"           # error, warning or info; the most specific key wins

[tool.cjm.per-file-ignores]
"legacy/*.yaml" = ["CJM201", "step-without-emotion"]

[tool.cjm.stage-aliases]
experience = ["onboarding", "support"]
loyalty = ["retention", "reactivation"]

The rule keys (select, ignore, severity, per-file-ignores) are kept as written: the lint runner
checks them against the rules when it runs, so `cjm validate` never loads the rules.
"""

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cjm.diagnostics import Diagnostic
from cjm.discovery import UsageError, display_path
from cjm.loader import DEFAULT_LIMITS, Limits, load_bytes
from cjm.model.lifecycle import DEFAULT_REQUIRED_STAGES, DEFAULT_STAGE_ALIASES, StageType

CONFIG_FILES: Final = ("cjm.toml", ".cjm.yaml", "pyproject.toml")
"""The files looked for in each folder, in this order; the first that configures cjm wins."""


@dataclass(frozen=True, slots=True)
class DiagramLimits:
    """Bounds on laying out one diagram with Graphviz; the configuration and the command line can change them."""

    timeout: float = 20.0
    """Seconds `dot` may take for one diagram (graphviz-timeout)."""
    max_size: int = 5000
    """The heaviest diagram handed to `dot`, as `views.dot.layout_weight` weighs it (max-diagram-size)."""


DEFAULT_DIAGRAM_LIMITS: Final = DiagramLimits()


class ConfigError(UsageError):
    """A configuration that cannot be used; the message names the file and the key."""


class Config(BaseModel):
    """The settings of a run; every key is optional."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    paths: list[str] | None = Field(
        default=None,
        description="Where the project's cjm files live, relative to the configuration file "
        "(default: the configuration file's folder). References resolve across all of them.",
    )
    select: list[str] = Field(default_factory=lambda: ["ALL"], description="Rules to run: codes, names, prefixes.")
    ignore: list[str] = Field(default_factory=list, description="Rules not to run.")
    strict: bool = Field(default=False, description="Fail the run on warnings as well as errors.")
    severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="A different severity for some rules."
    )
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict, alias="per-file-ignores", description="Rules not to run on files matching a pattern."
    )
    required_stages: list[StageType] = Field(
        default_factory=lambda: list(DEFAULT_REQUIRED_STAGES),
        alias="required-stages",
        description="The stage types every journey must have.",
    )
    stage_aliases: dict[StageType, list[StageType]] = Field(
        default_factory=lambda: {key: list(value) for key, value in DEFAULT_STAGE_ALIASES.items()},
        alias="stage-aliases",
        description="Other stage types that count as a required one.",
    )
    review_max_age: int = Field(
        default=180,
        gt=0,
        le=36_500,
        alias="review-max-age",
        description="Days a journey may go without a review (`last_reviewed`) before stale-review reports it.",
    )
    evidence_max_age: int = Field(
        default=365,
        gt=0,
        le=36_500,
        alias="evidence-max-age",
        description="Days after its date that evidence counts as stale (stale-evidence).",
    )
    kpi_period_max_lag: int = Field(
        default=92,
        ge=0,
        le=36_500,
        alias="kpi-period-max-lag",
        description="Days a KPI's period may end before the journey's last review (kpi-period-before-review).",
    )
    max_file_size: int = Field(default=DEFAULT_LIMITS.max_bytes, gt=0, le=1 << 30, alias="max-file-size")
    max_items: int = Field(default=DEFAULT_LIMITS.max_items, gt=0, le=100_000_000, alias="max-items")
    graphviz_timeout: float = Field(
        default=DEFAULT_DIAGRAM_LIMITS.timeout,
        gt=0,
        le=3600,
        alias="graphviz-timeout",
        description="Seconds Graphviz may take to lay out one diagram; past it, HTML is rendered without the "
        "diagram and SVG fails.",
    )
    max_diagram_size: int = Field(
        default=DEFAULT_DIAGRAM_LIMITS.max_size,
        gt=0,
        le=10_000_000,
        alias="max-diagram-size",
        description="The largest diagram handed to Graphviz: twice the steps, plus 3 a stage and 15 a transition.",
    )

    def limits(self) -> Limits:
        """The loader limits this configuration sets."""
        return Limits(max_bytes=self.max_file_size, max_items=self.max_items, max_depth=DEFAULT_LIMITS.max_depth)

    def diagram_limits(self) -> DiagramLimits:
        """The bounds this configuration sets on laying out a diagram."""
        return DiagramLimits(timeout=self.graphviz_timeout, max_size=self.max_diagram_size)


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    """A configuration and where it came from (None: the defaults)."""

    config: Config
    path: str | None

    @property
    def folder(self) -> str:
        """The folder per-file-ignores patterns are relative to."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def project_folders(self) -> list[str] | None:
        """The folders that hold the project's cjm files; None without a configuration file.

        Without one, a run looks for the files a journey refers to beside the journey.
        """
        if self.path is None:
            return None
        if self.config.paths is None:
            return [self.folder]
        return [os.path.normpath(os.path.join(self.folder, path)) for path in self.config.paths]

    def error(self, key: str, problem: str) -> ConfigError:
        """A problem with one key of this configuration, naming the file and the key as written there."""
        if self.path is None:
            return ConfigError(f"the configuration: {key}: {problem}")
        return ConfigError(f"{self.path}: {_key_prefix(self.path)}{key}: {problem}")


def find_config(paths: Sequence[str]) -> LoadedConfig:
    """Walk up from the folder that holds all the paths and load the first configuration found."""
    folder = _common_folder(paths)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                loaded = load_config(candidate, required=False)
                if loaded is not None:
                    return loaded
        parent = os.path.dirname(folder)
        if parent == folder:
            return LoadedConfig(Config(), None)
        folder = parent


def _common_folder(paths: Sequence[str]) -> str:
    folders = [os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths if p and p != "-"]
    if not folders:
        return os.getcwd()
    try:
        return os.path.commonpath(folders)
    except ValueError:  # pragma: no cover - paths on different drives
        return os.getcwd()


_CONFIG_MAX_BYTES: Final = 1024 * 1024


def load_config(path: str, *, required: bool = True) -> LoadedConfig | None:
    """Load one configuration file. A pyproject.toml without [tool.cjm] gives None unless required."""
    from cjm.sources import read_file

    path = display_path(path)
    raw = read_file(path, path, _CONFIG_MAX_BYTES)  # a regular file only: a link to /dev/zero is no configuration
    if isinstance(raw, Diagnostic):
        raise ConfigError(f"{path}: cannot read the configuration: {raw.message}")
    table = _yaml_table(path, raw) if path.endswith((".yaml", ".yml")) else _toml_table(path, raw, required=required)
    return LoadedConfig(_validated(path, _key_prefix(path), table), path) if table is not None else None


def _key_prefix(path: str) -> str:
    return "tool.cjm." if os.path.basename(path) == "pyproject.toml" else ""


def _toml_table(path: str, raw: bytes, *, required: bool) -> dict[str, Any] | None:
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    if os.path.basename(path) != "pyproject.toml":
        if isinstance(document.get("tool"), dict) and "cjm" in document["tool"]:
            raise ConfigError(
                f"{path}: the keys go at the top of {os.path.basename(path)}, without the [tool.cjm] header "
                "(that header is for pyproject.toml); remove the line [tool.cjm] and write [severity] for "
                "[tool.cjm.severity]"
            )
        return document
    table = document.get("tool", {}).get("cjm")
    if table is None:
        if required:
            raise ConfigError(f"{path}: there is no [tool.cjm] table")
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cjm] must be a table")
    return table


def _yaml_table(path: str, raw: bytes) -> dict[str, Any]:
    loaded = load_bytes(path, raw)
    if loaded.document is None:
        problem = loaded.diagnostics[0]
        if problem.code == "CJM008":
            return {}
        raise ConfigError(f"{path}:{problem.line}:{problem.column}: {problem.message}")
    return loaded.document.data


def _validated(path: str, prefix: str, table: dict[str, Any]) -> Config:
    try:
        config = Config.model_validate(table)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        key = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{path}: {prefix}{key}: {_config_problem(first)}") from error
    _check_paths(path, prefix, config)
    return config


def _check_paths(path: str, prefix: str, config: Config) -> None:
    # A configuration comes with the repository, so it may name only folders inside it: else a
    # pull request could make CI read, and quote in its log, YAML files elsewhere on the machine.
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    for number, entry in enumerate(config.paths or ()):
        where = f"{path}: {prefix}paths[{number}]: '{entry}'"
        target = os.path.realpath(os.path.join(folder, entry))
        if os.path.commonpath([folder, target]) != folder:
            raise ConfigError(f"{where} leads out of the configuration's folder; name folders inside it")
        if not os.path.isdir(target):
            problem = "is not a folder beside the configuration file; write folders relative to this file"
            raise ConfigError(f"{where} {problem}")


def _config_problem(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        keys = sorted((f.alias or n) for n, f in Config.model_fields.items())
        from cjm.suggestions import closest

        close = closest(str(error["loc"][-1]), keys)
        if close:
            return f"unknown key — did you mean '{close}'?"
        return f"unknown key; the keys are {', '.join(keys)}"
    if kind == "literal_error":
        return f"expected one of {error['ctx']['expected']}"
    if kind in ("list_type", "dict_type", "string_type", "bool_type", "int_type"):
        words = {"list_type": "a list", "dict_type": "a table", "string_type": "text", "bool_type": "true or false"}
        return f"expected {words.get(kind, 'a whole number')}"
    return str(error["msg"])
