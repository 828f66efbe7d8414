"""Compiled Jinja2 templates kept between runs, beside the note cache (``make clean`` removes them).

Compiling the engine's templates costs about 80 ms per process, the same on every build: a
tenth of the whole build of a small edition. Jinja2 can keep each compiled template on disk
(its ``FileSystemBytecodeCache``), checked on every load against a digest of the template's
source, so an edited template (a site's override included) is compiled again. What Jinja2 does
not check is the environment the template was compiled in (delimiters, whitespace control,
autoescaping, ``finalize``, extensions such as one that rewrites the source before compiling,
and the filters the optimizer may run on constants while compiling), which changes the compiled
code: so the folder's name is a digest of those settings, of the code of the modules defining
the extensions, filters and tests, and of the versions of Jinja2, Python and the engine (and,
for MkDocs' own environment, of MkDocs and the theme's folders), and an environment with other
settings never reads another's templates.

Each file is written to a temporary name and renamed (Jinja2 does this), so two runs at once
never read half a file; a file that cannot be read as compiled code is compiled again and
rewritten; a folder that cannot be written costs only the time.

The engine's own templates are also compiled when the engine is installed (``make install``,
like its Python bytecode; :func:`compile_package_templates`) into a folder beside them
(:data:`INSTALLED_FOLDER`), which every run reads, never writes, when its own cache lacks a
template: a first build, or one after ``make clean``, compiles only the theme's templates and a
site's overrides. Entries there are checked as any others (source digest, folder name).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from ..stored_results import code_version

__all__ = ["INSTALLED_FOLDER", "TemplateBytecode", "compile_package_templates", "use_bytecode_cache",
           "environment_digest"]

_FORMAT = 1
# The engine's templates compiled at install time (git ignores it; make clean leaves it, as it
# leaves the engine's bytecode).
INSTALLED_FOLDER = Path(__file__).parent / "compiled-templates"


def _name(value: Any) -> str:
    """A stable name for a setting that may be a function or an object."""
    if value is None or isinstance(value, (bool, int, str)):
        return repr(value)
    module = getattr(value, "__module__", type(value).__module__)
    return f"{module}.{getattr(value, '__qualname__', type(value).__qualname__)}"


def _code_digest(objects: list[Any]) -> str:
    """A digest of the source files that define ``objects`` (functions, classes, or instances
    of classes), each file read once; objects without a source file (built-ins) are named."""
    files: set[str] = set()
    names: set[str] = set()
    for item in objects:
        if item is None or isinstance(item, bool):
            continue
        target = item if inspect.isfunction(item) or inspect.isclass(item) or inspect.ismethod(item) else type(item)
        try:
            source = inspect.getsourcefile(target)
        except TypeError:  # built-in
            source = None
        if source:
            files.add(source)
        else:
            names.add(_name(item))
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode() + b"\0")
    for path in sorted(files):
        digest.update(path.encode() + b"\0")
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(b"unreadable")
        digest.update(b"\0")
    return digest.hexdigest()


def environment_digest(environment: Environment, *versions: str) -> str:
    """A digest of everything besides a template's source that its compiled code depends on."""
    settings = {
        "format": _FORMAT, "jinja2": jinja2.__version__, "python": sys.version, "engine": code_version(
            "render/template_cache.py", "render/templates.py", "render/fragments.py", "notes/sanitize.py"),
        "versions": list(versions),
        "syntax": [environment.block_start_string, environment.block_end_string,
                   environment.variable_start_string, environment.variable_end_string,
                   environment.comment_start_string, environment.comment_end_string,
                   environment.line_statement_prefix, environment.line_comment_prefix,
                   environment.newline_sequence],
        "whitespace": [environment.trim_blocks, environment.lstrip_blocks, environment.keep_trailing_newline],
        "extensions": sorted(environment.extensions),
        "optimized": environment.optimized, "is_async": environment.is_async,
        "autoescape": _name(environment.autoescape), "finalize": _name(environment.finalize),
        "undefined": _name(environment.undefined), "code_generator": _name(environment.code_generator_class),
        # The optimizer may run a filter or test on constants while compiling, and an extension
        # may rewrite a template's source before it is compiled (a preprocess): which ones there
        # are, and the code of the modules that define them, are part of the compiled code.
        "filters": sorted((name, _name(function)) for name, function in environment.filters.items()),
        "tests": sorted((name, _name(function)) for name, function in environment.tests.items()),
        "code": _code_digest([*environment.extensions.values(), *environment.filters.values(),
                              *environment.tests.values(), environment.finalize, environment.autoescape]),
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]


class TemplateBytecode(FileSystemBytecodeCache):
    """Jinja2's file cache, where anything that goes wrong costs only a compilation; what it
    lacks is read from ``installed`` (the same folder name under :data:`INSTALLED_FOLDER`)."""

    def __init__(self, directory: Path, installed: Path | None = None) -> None:
        super().__init__(str(directory), "%s.jinja")
        self.available = True
        self.installed = FileSystemBytecodeCache(str(installed), "%s.jinja") if installed else None

    def load_bytecode(self, bucket: Bucket) -> None:
        for cache in (super(), self.installed):
            if cache is None:
                continue
            try:
                cache.load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - any damage: compile again (and the new code is dumped)
                bucket.reset()
            if bucket.code is not None:
                return

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not self.available:
            return
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            self.available = False  # a read-only checkout: compile every time, as before


def use_bytecode_cache(environment: Environment, cache_folder: Path | None, *versions: str,
                       installed: Path | None = None) -> None:
    """Keep ``environment``'s compiled templates under ``cache_folder`` (None: do nothing),
    reading what it lacks from ``installed`` (:data:`INSTALLED_FOLDER` for the engine's own)."""
    if cache_folder is None:
        return
    name = f"templates-{environment_digest(environment, *versions)}"
    environment.bytecode_cache = TemplateBytecode(Path(cache_folder) / name,
                                                  Path(installed) / name if installed is not None else None)


def compile_package_templates(folder: Path = INSTALLED_FOLDER) -> int:
    """Compile every template of the engine into ``folder``, as installing it does; the count."""
    from .templates import Templates  # templates.py uses this module

    environment = Templates(None, folder, installed=None).environment
    names = environment.list_templates()
    for name in names:
        environment.get_template(name)
    return len(names)


if __name__ == "__main__":  # make install
    print(f"compiled {compile_package_templates()} templates into {INSTALLED_FOLDER}")
