"""CapyMOA learners behind the bridge protocol.

Learner names are classes of `capymoa.classifier` (e.g. `HoeffdingTree`) with CapyMOA's own
constructor parameters. CapyMOA runs its MOA jar in this process through JPype. Instances carry
nominal value indices; NaN is MOA's missing value. Labels are class indices.
"""

from __future__ import annotations

import glob
import inspect
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from .protocol import ProtocolError, library_error
from .river_backend import parameter_docs

_SIZE_AGENT: str | None = None


def prepare_jvm() -> None:
    """Sets the JVM arguments CapyMOA starts its JVM with, before capymoa is imported.

    MOA measures model size only with the sizeofag java agent; when its jar is in the local
    Maven repository (the MOA server's build downloads it), it is put on the command line.
    """
    global _SIZE_AGENT
    if "CAPYMOA_JVM_ARGS" in os.environ:
        _SIZE_AGENT = "javaagent" in os.environ["CAPYMOA_JVM_ARGS"] or None
        return
    candidates = sorted(glob.glob(str(Path.home() / ".m2/repository/com/github/fracpete/sizeofag/*/sizeofag-*.jar")))
    args = ["-Xmx2g", "-Xss10M"]
    if candidates:
        _SIZE_AGENT = candidates[-1]
        args.append(f"-javaagent:{_SIZE_AGENT}")
    os.environ["CAPYMOA_JVM_ARGS"] = " ".join(args)


def classifier_classes() -> dict[str, type]:
    from capymoa import classifier
    from capymoa.base import Classifier

    found = {}
    for name in getattr(classifier, "__all__", dir(classifier)):
        try:
            obj = getattr(classifier, name)
        except Exception:  # optional dependency (PyTorch) missing: not offered
            continue
        if inspect.isclass(obj) and issubclass(obj, Classifier) and not inspect.isabstract(obj):
            found[name] = obj
    return found


def capymoa_schema(schema: dict):
    from capymoa.stream import Schema

    names = [f["name"] for f in schema["features"]]
    target = schema["target"]
    if target in names:
        target = target + "_class"
    categories = {f["name"]: list(f.get("values") or []) for f in schema["features"] if f["kind"] == "nominal"}
    categories[target] = list(schema["classes"])
    return Schema.from_custom(features=[*names, target], target=target, categories=categories, name="tributary")


class CapymoaSession:
    def __init__(self, cls: type, params: dict, schema: dict, seed: int):
        self.cls = cls
        self.params = params
        self.seed = seed
        self.schema_json = schema
        self.learner = None
        self.schema = None
        if schema["classes"]:
            self.build()
        else:
            # MOA needs a class attribute with values; the learner waits for the first label, but the
            # parameters are checked now against a stand-in schema so bad ones fail at create.
            self.build({**schema, "classes": ["__placeholder__"]})
            self.learner = None
            self.schema = None

    def build(self, schema_json: dict | None = None) -> None:
        """Creates the learner (deferred until at least one class label is known)."""
        self.schema = capymoa_schema(schema_json or self.schema_json)
        kwargs = {k: self.nested(v) for k, v in self.params.items()}
        accepted = inspect.signature(self.cls).parameters
        if "random_seed" in accepted and "random_seed" not in kwargs:
            kwargs["random_seed"] = self.seed
        try:
            self.learner = self.cls(schema=self.schema, **kwargs)
        except Exception as e:
            raise library_error("INVALID_PARAMS", f"CapyMOA rejected the parameters of {self.cls.__name__} {self.params!r}", e)

    def nested(self, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("id"), str) and set(value) <= {"id", "params"}:
            classes = classifier_classes()
            cls = classes.get(value["id"].removeprefix("capymoa:"))
            if cls is None:
                raise ProtocolError("UNKNOWN_LEARNER", f'CapyMOA has no classifier "{value["id"]}"')
            return cls(schema=self.schema, **(value.get("params") or {}))
        return value

    def resolved_params(self) -> dict:
        out = dict(self.params)
        if self.learner is not None:
            cli = getattr(self.learner, "CLI", None)
            if cli is not None:
                out["moa_cli"] = f"{type(self.learner.moa_learner).__name__} {cli}".strip() if hasattr(self.learner, "moa_learner") else str(cli)
        return out

    def description(self) -> str:
        return str(self.learner) if self.learner is not None else f"{self.cls.__name__} (created once a class is known)"

    def update_schema(self, schema: dict) -> None:
        self.schema_json = schema
        if self.learner is None:
            if schema["classes"]:
                self.build()
            return
        # MOA's learners read the class count from each instance, so instances built on the grown
        # header carry the new labels and values; the learner itself is kept.
        self.schema = capymoa_schema(schema)

    def instances(self, x: np.ndarray, y: np.ndarray | None):
        from capymoa.core import Instance, LabeledInstance

        if y is None:
            return [Instance.from_array(self.schema, row) for row in x]
        return [LabeledInstance.from_array(self.schema, row, int(label)) for row, label in zip(x, y.tolist())]

    def probabilities(self, out: np.ndarray, i: int, k: int, p: Any) -> None:
        if p is None:
            return
        m = min(k, len(p))
        row = np.asarray(p[:m], dtype=float)
        total = row.sum()
        if total > 0 and np.isfinite(total):
            out[i, :m] = row / total

    def prequential(self, x: np.ndarray, y: np.ndarray, w: np.ndarray | None, k: int):
        n = x.shape[0]
        out = np.zeros((n, k), dtype="<f8")
        if self.learner is None:
            return out.reshape(-1), 0.0, 0.0
        batch = self.instances(x, y)
        # As in the River backend: CPU time once per batch, split by perf_counter wall time.
        wall = time.perf_counter
        predict_wall = learn_wall = 0.0
        cpu0 = time.thread_time()
        try:
            for i, inst in enumerate(batch):
                t0 = wall()
                p = self.learner.predict_proba(inst)
                t1 = wall()
                if w is not None:
                    inst.java_instance.getData().setWeight(float(w[i]))
                self.learner.train(inst)
                t2 = wall()
                predict_wall += t1 - t0
                learn_wall += t2 - t1
                self.probabilities(out, i, k, p)
        except Exception as e:
            raise library_error("LIBRARY_ERROR", f"CapyMOA {self.cls.__name__} failed on a prequential batch", e)
        cpu = time.thread_time() - cpu0
        measured = predict_wall + learn_wall
        predict_cpu = cpu * (predict_wall / measured if measured > 0 else 0.5)
        learn_cpu = cpu - predict_cpu
        return out.reshape(-1), predict_cpu, learn_cpu

    def learn(self, x: np.ndarray, y: np.ndarray, w: np.ndarray | None) -> float:
        if self.learner is None:
            return 0.0
        batch = self.instances(x, y)
        t0 = time.thread_time()
        try:
            for i, inst in enumerate(batch):
                if w is not None:
                    inst.java_instance.getData().setWeight(float(w[i]))
                self.learner.train(inst)
        except Exception as e:
            raise library_error("LIBRARY_ERROR", f"CapyMOA {self.cls.__name__} failed while learning", e)
        return time.thread_time() - t0

    def predict(self, x: np.ndarray, k: int):
        out = np.zeros((x.shape[0], k), dtype="<f8")
        if self.learner is None:
            return out.reshape(-1), 0.0
        batch = self.instances(x, None)
        t0 = time.thread_time()
        try:
            for i, inst in enumerate(batch):
                self.probabilities(out, i, k, self.learner.predict_proba(inst))
        except Exception as e:
            raise library_error("LIBRARY_ERROR", f"CapyMOA {self.cls.__name__} failed while predicting", e)
        return out.reshape(-1), time.thread_time() - t0

    def inspect(self, x: np.ndarray) -> list:
        """The MOA instances (as text) built for these rows (test-only `__features`)."""
        if self.schema is None:
            return []
        return [str(inst.java_instance.getData().toString()) for inst in self.instances(x, np.zeros(x.shape[0], dtype=np.int32))]

    def size(self) -> int:
        if self.learner is None or _SIZE_AGENT is None:
            return -1
        moa = getattr(self.learner, "moa_learner", None)
        return int(moa.measureByteSize()) if moa is not None else -1

    def reset(self) -> None:
        self.learner = None
        if self.schema_json["classes"]:
            self.build()


class CapymoaBackend:
    library = "capymoa"

    def __init__(self) -> None:
        prepare_jvm()
        import capymoa  # noqa: F401  (starts the JVM now, within the handshake, not on first use)

    def library_version(self) -> str:
        import capymoa

        return capymoa.__version__

    def create(self, learner: str, params: dict, schema: dict, seed: int, nominal_encoding: str = "value", multiclass: str = "none") -> CapymoaSession:
        if nominal_encoding != "value":
            # MOA takes nominal attributes natively; an encoding it would silently skip is refused.
            raise ProtocolError("INVALID_PARAMS", f'CapyMOA learners take nominal features as MOA nominal attributes; nominal encoding "{nominal_encoding}" is River-only')
        if multiclass != "none":
            # MOA's classifiers are multi-class; a wrapper request would be silently skipped.
            raise ProtocolError("INVALID_PARAMS", f'CapyMOA learners are multi-class; multiclass wrapper "{multiclass}" is River-only')
        name = learner.removeprefix("capymoa:")
        classes = classifier_classes()
        cls = classes.get(name)
        if cls is None:
            raise ProtocolError("UNKNOWN_LEARNER", f'CapyMOA has no classifier "{learner}" in capymoa.classifier; it has: {", ".join(sorted(classes))}')
        if not isinstance(params, dict):
            raise ProtocolError("INVALID_PARAMS", f"parameters must be an object, got {params!r}")
        return CapymoaSession(cls, params, schema, seed)

    def list_learners(self) -> list[dict]:
        learners = []
        for name, cls in sorted(classifier_classes().items()):
            params = {}
            docs = parameter_docs(cls)
            for pname, p in inspect.signature(cls).parameters.items():
                if pname == "schema" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
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
                if docs.get(pname):
                    info["doc"] = docs[pname]
                params[pname] = info
            learners.append({"id": name, "description": (inspect.getdoc(cls) or "").strip().split("\n")[0], "params": params})
        return learners

    def inprocess_loop(self, learner: str, params: dict, schema: dict, seed: int, x: np.ndarray, y: np.ndarray, k: int, nominal_encoding: str = "value", multiclass: str = "none") -> dict:
        session = self.create(learner, params, schema, seed, nominal_encoding, multiclass)
        if session.learner is None:
            raise ProtocolError("INVALID_DATA", "inprocess_loop needs a schema with at least one class")
        batch = session.instances(x, y)
        labels = y.tolist()
        model = session.learner
        correct = 0
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        for inst, yi in zip(batch, labels):
            p = model.predict_proba(inst)
            best = int(np.argmax(p)) if p is not None else 0
            if best == yi:
                correct += 1
            model.train(inst)
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        return {"seconds": seconds, "cpu_seconds": cpu, "instances_per_second": len(batch) / seconds if seconds > 0 else 0.0, "correct": correct}
