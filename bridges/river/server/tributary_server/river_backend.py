"""River learners behind the bridge protocol.

Learner names are `<module>.<Class>` under `river` (e.g. `tree.HoeffdingTreeClassifier`).
Features reach River as dicts: numeric values as floats, nominal values as their value
strings (River treats strings as categorical), missing (NaN) features left out.
With the session's nominal encoding "one-hot" (for River's numeric-only learners: linear
models, kNN) a nominal value becomes the key `name=value` with value 1.0 instead; "one-hot-dense"
adds the feature's other known values as 0.0 (as River's OneHotEncoder does by default), which
GaussianNB needs: it models only the keys it is given.
Labels are class indices (ints).
With the session's multiclass wrapper "one-vs-rest", a binary-only learner is wrapped in River's
OneVsRestClassifier while the schema declares more than two classes (see river_multiclass).
"""

from __future__ import annotations

import gc
import importlib
import inspect
import pkgutil
import re
import time
from typing import Any

import numpy as np
import river.base

from .protocol import ProtocolError, library_error, normalised_rows
from .river_multiclass import check_wrapper, continue_as_one_vs_rest, needs_one_vs_rest, one_vs_rest

# Modules of River that hold no classifiers (or import optional dependencies).
SKIPPED_MODULES = {"api", "base", "checks", "compat", "conf", "datasets", "evaluate", "metrics", "misc", "stream", "utils", "test_estimators", "_river_rust"}


def river_module():
    import river

    return river


def resolve_class(name: str) -> type:
    """`tree.HoeffdingTreeClassifier` (or `river:tree.HoeffdingTreeClassifier`) → the class."""
    plain = name[len("river:"):] if name.startswith("river:") else name
    module, _, cls_name = plain.rpartition(".")
    if not module or not cls_name:
        raise ProtocolError("UNKNOWN_LEARNER", f'River name "{name}" must be <module>.<Class>, e.g. tree.HoeffdingTreeClassifier')
    try:
        mod = importlib.import_module("river." + module)
    except ImportError as e:
        raise library_error("UNKNOWN_LEARNER", f'River has no module "river.{module}" (for "{name}")', e)
    cls = getattr(mod, cls_name, None)
    if not inspect.isclass(cls):
        public = sorted(n for n in getattr(mod, "__all__", dir(mod)) if not n.startswith("_"))
        raise ProtocolError("UNKNOWN_LEARNER", f'River module "river.{module}" has no class "{cls_name}"; it has: {", ".join(public)}')
    return cls


def is_nested_spec(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str) and set(value) <= {"id", "params"}


def build(value: Any, seed: int) -> Any:
    """Turns `{id, params}` objects (at any depth) into River objects; other values pass through."""
    if is_nested_spec(value):
        return instantiate(resolve_class(value["id"]), value.get("params") or {}, seed)
    if isinstance(value, list):
        return [build(v, seed) for v in value]
    return value


def instantiate(cls: type, params: dict, seed: int) -> Any:
    if not isinstance(params, dict):
        raise ProtocolError("INVALID_PARAMS", f"parameters of {cls.__name__} must be an object, got {params!r}")
    kwargs = {k: build(v, seed) for k, v in params.items()}
    try:
        accepted = inspect.signature(cls).parameters
    except (TypeError, ValueError):
        accepted = {}
    if "seed" in accepted and "seed" not in kwargs:
        kwargs["seed"] = seed
    try:
        model = cls(**kwargs)
        unseeded = unseeded_defaults(model, accepted, kwargs)
        if not unseeded:
            return model
        # Rebuild with those parts seeded, so a run repeats (KNNClassifier's default SWINN engine).
        return cls(**kwargs, **{name: part.clone({"seed": seed}) for name, part in unseeded.items()})
    except Exception as e:
        raise library_error("INVALID_PARAMS", f"River rejected the parameters of {cls.__name__} {params!r}", e)


def unseeded_defaults(model: Any, accepted: Any, given: dict) -> dict:
    """Parts a learner built for itself, from parameters left at their default, that take a seed
    and got none: River leaves them unseeded, so they would draw differently on every run."""
    parts = {}
    for name in accepted:
        if name in given:
            continue
        part = getattr(model, name, None)
        if isinstance(part, river.base.Base) and "seed" in inspect.signature(type(part)).parameters and getattr(part, "seed", 0) is None:
            parts[name] = part
    return parts


def parameter_docs(cls: type) -> dict[str, str]:
    """First sentence of each parameter's description in a numpydoc docstring."""
    doc = inspect.getdoc(cls) or ""
    match = re.search(r"Parameters\n-+\n(.*?)(?:\n\n[A-Z][a-z]+\n-+\n|\Z)", doc, re.S)
    if not match:
        return {}
    docs: dict[str, str] = {}
    current = None
    for line in match.group(1).splitlines():
        if line and not line.startswith(" "):
            current = line.split(":")[0].strip()
            docs[current] = ""
        elif current and line.strip():
            docs[current] = (docs[current] + " " + line.strip()).strip()
    return {k: re.split(r"(?<=\.)\s", v, maxsplit=1)[0] for k, v in docs.items()}


def describe_parameters(cls: type) -> dict[str, dict]:
    docs = parameter_docs(cls)
    out: dict[str, dict] = {}
    for name, p in inspect.signature(cls).parameters.items():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        info: dict[str, Any] = {}
        if p.default is inspect.Parameter.empty:
            info["required"] = True
        elif p.default is None or isinstance(p.default, (bool, int, float, str)):
            info["default"] = p.default
        else:
            info["default_repr"] = repr(p.default)
        if p.annotation is not inspect.Parameter.empty:
            info["type"] = p.annotation if isinstance(p.annotation, str) else getattr(p.annotation, "__name__", repr(p.annotation))
        if docs.get(name):
            info["doc"] = docs[name]
        out[name] = info
    return out


NOMINAL_ENCODINGS = ("value", "one-hot", "one-hot-dense")


class RiverFeatures:
    """Converts rows of float64 features into River dicts.

    `encoding` says how a nominal feature reaches River: "value" (its value string), "one-hot"
    (the key `name=value` set to 1.0, other values of the feature absent) or "one-hot-dense"
    (the other known values of the feature present as 0.0).
    """

    def __init__(self, schema: dict, encoding: str = "value"):
        if encoding not in NOMINAL_ENCODINGS:
            raise ProtocolError("INVALID_PARAMS", f'nominal encoding "{encoding}" is not one of {", ".join(NOMINAL_ENCODINGS)}')
        self.encoding = encoding
        self.update(schema)

    def update(self, schema: dict) -> None:
        features = schema["features"]
        self.names = [f["name"] for f in features]
        self.values = [list(f.get("values") or []) if f["kind"] == "nominal" else None for f in features]
        self.all_numeric = all(v is None for v in self.values)
        self.numeric = [j for j, v in enumerate(self.values) if v is None]
        self.numeric_names = [self.names[j] for j in self.numeric]
        # One key string per known value, built once per schema rather than once per row.
        self.one_hot_keys = [None if v is None else [f"{self.names[j]}={value}" for value in v] for j, v in enumerate(self.values)]
        self.all_one_hot_zeros = dict.fromkeys((key for keys in self.one_hot_keys if keys is not None for key in keys), 0.0)

    def dicts(self, x: np.ndarray) -> list[dict]:
        if self.encoding != "value" and not self.all_numeric:
            return self.one_hot_dicts(x, self.encoding == "one-hot-dense")
        names = self.names
        if not np.isnan(x).any():
            if self.all_numeric:
                return [dict(zip(names, r)) for r in x.tolist()]
            # Column-wise conversion: nominal indices become their value strings in one pass per column.
            columns = []
            for j, values in enumerate(self.values):
                column = x[:, j].tolist()
                if values is not None:
                    count = len(values)
                    column = [values[i] if 0 <= i < count else str(i) for i in map(int, column)]
                columns.append(column)
            return [dict(zip(names, r)) for r in zip(*columns)]
        spec = list(zip(names, self.values))
        out = []
        for r in x.tolist():
            d = {}
            for (name, values), v in zip(spec, r):
                if v != v:
                    continue
                if values is None:
                    d[name] = v
                else:
                    i = int(v)
                    d[name] = values[i] if 0 <= i < len(values) else str(i)
            out.append(d)
        return out

    def one_hot_dicts(self, x: np.ndarray, dense: bool) -> list[dict]:
        """Numeric features as they are, then one `name=value: 1.0` key per nominal feature (after
        every known value of the nominal features as 0.0 when `dense`), added column by column;
        missing (NaN) features of either kind are left out."""
        n = x.shape[0]
        if self.numeric:
            block = x[:, self.numeric]
            names = self.numeric_names
            rows = [dict(zip(names, r)) for r in block.tolist()]
            missing = np.isnan(block)
            if missing.any():
                for i, j in zip(*np.nonzero(missing)):
                    del rows[i][names[j]]
        else:
            rows = [{} for _ in range(n)]
        if dense:
            # One update per row with the zeros of all nominal features; a missing feature's zeros
            # are taken out again below.
            zeros = self.all_one_hot_zeros
            for row in rows:
                row.update(zeros)
        for j, keys in enumerate(self.one_hot_keys):
            if keys is None:
                continue
            column = x[:, j]
            count = len(keys)
            present = ~np.isnan(column)
            if present.all():
                targets, indices = rows, column.astype(np.int64).tolist()
            else:
                where = np.flatnonzero(present)
                targets, indices = [rows[i] for i in where.tolist()], column[where].astype(np.int64).tolist()
                if dense:
                    for i in np.flatnonzero(~present).tolist():
                        row = rows[i]
                        for key in keys:
                            del row[key]
            prefix = self.names[j] + "="
            for row, i in zip(targets, indices):
                # An index past the known values (not yet announced by update_schema) gets its own key.
                row[keys[i] if 0 <= i < count else prefix + str(i)] = 1.0
        return rows


class RiverSession:
    """A River learner and the conversion of its rows. `model` is the learner as created; with the
    multiclass wrapper "one-vs-rest" the session runs it in River's OneVsRestClassifier whenever
    the schema declares more than two classes."""

    def __init__(self, cls: type, model: Any, schema: dict, nominal_encoding: str = "value", multiclass: str = "none"):
        self.cls = cls
        # Never trained: resets start from clones of it.
        self.prototype = model.clone()
        self.multiclass = check_wrapper(multiclass)
        self.schema = schema
        self.features = RiverFeatures(schema, nominal_encoding)
        # The wrapper passes keyword arguments on, so whether weights reach the learner is the learner's matter.
        self.accepts_weight = "w" in inspect.signature(model.learn_one).parameters
        self.start(model)

    def start(self, model: Any) -> None:
        """Runs a fresh learner: itself, or one-vs-rest over it when the schema asks for that."""
        self.wrapped = needs_one_vs_rest(self.multiclass, self.schema)
        self.model = one_vs_rest(model) if self.wrapped else model
        # Whether the model has learned anything: a learner that has not is simply wrapped.
        self.learned = False

    def resolved_params(self) -> dict:
        # The learner's own parameters (not the wrapper's): they reopen the same session.
        return self.prototype._get_params()

    def description(self) -> str:
        return repr(self.model)

    def update_schema(self, schema: dict) -> None:
        self.schema = schema
        self.features.update(schema)
        if not self.wrapped and needs_one_vs_rest(self.multiclass, schema):
            # A third class: one-vs-rest from here on, carrying on what the binary learner learned.
            if self.learned:
                self.model = continue_as_one_vs_rest(self.model)
                self.wrapped = True
            else:
                self.start(self.model)

    def prequential(self, x: np.ndarray, y: np.ndarray, w: np.ndarray | None, k: int):
        n = x.shape[0]
        self.learned = self.learned or n > 0
        rows = self.features.dicts(x)
        labels = y.tolist()
        weights = w.tolist() if w is not None else None
        use_weights = weights is not None and self.accepts_weight
        model = self.model
        predict = model.predict_proba_one
        learn = model.learn_one
        classes = range(k)
        zeros = (0.0,) * k
        flat: list[float] = []
        extend = flat.extend
        # CPU time is read once per batch and split between predict and learn in proportion to
        # their wall time, sampled on every 8th instance: per-instance clock reads would cost
        # several per cent of a fast learner's time. Single-threaded, CPU and wall time track.
        wall = time.perf_counter
        predict_wall = 0.0
        learn_wall = 0.0
        cpu0 = time.thread_time()
        try:
            for i in range(n):
                xi = rows[i]
                if i & 7:
                    p = predict(xi)
                    if use_weights:
                        learn(xi, labels[i], w=weights[i])
                    else:
                        learn(xi, labels[i])
                else:
                    t0 = wall()
                    p = predict(xi)
                    t1 = wall()
                    if use_weights:
                        learn(xi, labels[i], w=weights[i])
                    else:
                        learn(xi, labels[i])
                    predict_wall += t1 - t0
                    learn_wall += wall() - t1
                # Read the probabilities before the next learn_one: a learner may reuse its dict.
                extend(map(p.get, classes, zeros) if p else zeros)
        except Exception as e:
            raise library_error("LIBRARY_ERROR", f"River {self.cls.__name__} failed on a prequential batch", e)
        cpu = time.thread_time() - cpu0
        measured = predict_wall + learn_wall
        predict_cpu = cpu * (predict_wall / measured if measured > 0 else 0.5)
        return normalised_rows(flat, n, k), predict_cpu, cpu - predict_cpu

    def learn(self, x: np.ndarray, y: np.ndarray, w: np.ndarray | None) -> float:
        rows = self.features.dicts(x)
        self.learned = self.learned or len(rows) > 0
        labels = y.tolist()
        t0 = time.thread_time()
        try:
            if w is not None and self.accepts_weight:
                for xi, yi, wi in zip(rows, labels, w.tolist()):
                    self.model.learn_one(xi, yi, w=wi)
            else:
                for xi, yi in zip(rows, labels):
                    self.model.learn_one(xi, yi)
        except Exception as e:
            raise library_error("LIBRARY_ERROR", f"River {self.cls.__name__} failed while learning", e)
        return time.thread_time() - t0

    def predict(self, x: np.ndarray, k: int):
        rows = self.features.dicts(x)
        classes = range(k)
        zeros = (0.0,) * k
        flat: list[float] = []
        t0 = time.thread_time()
        try:
            for xi in rows:
                p = self.model.predict_proba_one(xi)
                flat.extend(map(p.get, classes, zeros) if p else zeros)
        except Exception as e:
            raise library_error("LIBRARY_ERROR", f"River {self.cls.__name__} failed while predicting", e)
        return normalised_rows(flat, len(rows), k), time.thread_time() - t0

    def inspect(self, x: np.ndarray) -> list:
        """The dicts River receives for these rows (test-only `__features`)."""
        return self.features.dicts(x)

    def size(self) -> int:
        return int(self.model._raw_memory_usage)

    def reset(self) -> None:
        self.start(self.prototype.clone())


class RiverBackend:
    library = "river"

    def library_version(self) -> str:
        return river_module().__version__

    def create(self, learner: str, params: dict, schema: dict, seed: int, nominal_encoding: str = "value", multiclass: str = "none") -> RiverSession:
        from river import base

        cls = resolve_class(learner)
        if not (issubclass(cls, base.Classifier)):
            raise ProtocolError("UNKNOWN_LEARNER", f'River class "{learner}" is not a classifier (river.base.Classifier)')
        model = instantiate(cls, params, seed)
        return RiverSession(cls, model, schema, nominal_encoding, multiclass)

    def list_learners(self) -> list[dict]:
        from river import base

        river = river_module()
        learners = []
        for info in pkgutil.iter_modules(river.__path__):
            if info.name.startswith("_") or info.name in SKIPPED_MODULES:
                continue
            try:
                module = importlib.import_module("river." + info.name)
            except Exception:
                continue
            for name in getattr(module, "__all__", []):
                cls = getattr(module, name, None)
                if inspect.isclass(cls) and issubclass(cls, base.Classifier) and not inspect.isabstract(cls):
                    doc = (inspect.getdoc(cls) or "").strip().split("\n")[0]
                    learners.append({"id": f"{info.name}.{name}", "description": doc, "params": describe_parameters(cls)})
        return sorted(learners, key=lambda l: l["id"])

    def inprocess_loop(self, learner: str, params: dict, schema: dict, seed: int, x: np.ndarray, y: np.ndarray, k: int, nominal_encoding: str = "value", multiclass: str = "none") -> dict:
        session = self.create(learner, params, schema, seed, nominal_encoding, multiclass)
        model = session.model
        rows = session.features.dicts(x)
        labels = y.tolist()
        correct = 0
        # The instances are built before the clock starts; freezing them keeps the garbage
        # collector from rescanning them during the loop, which would slow River's loop unfairly.
        gc.collect()
        gc.freeze()
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        for xi, yi in zip(rows, labels):
            p = model.predict_proba_one(xi)
            if p:
                best = max(p, key=p.get)
            else:
                best = 0
            if best == yi:
                correct += 1
            model.learn_one(xi, yi)
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        gc.unfreeze()
        return {"seconds": seconds, "cpu_seconds": cpu, "instances_per_second": len(rows) / seconds if seconds > 0 else 0.0, "correct": correct}
