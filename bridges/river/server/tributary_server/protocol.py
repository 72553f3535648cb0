"""Bridge protocol v1, server side: schema validation, framing, the request loop.

See docs/bridge-protocol.md. The JSON Schemas are read from bridges/protocol/schemas
(the same files the TypeScript client and the Java server use).
"""

from __future__ import annotations

import json
import math
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

import numpy as np
import zmq
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

PROTOCOL_VERSION = 1
SERVER_VERSION = "0.1.0"

DEFAULT_SCHEMA_DIR = Path(__file__).resolve().parents[3] / "protocol" / "schemas"


class ProtocolError(Exception):
    """An error reported to the client as a structured reply."""

    def __init__(self, code: str, message: str, library_trace: str | None = None, details: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.library_trace = library_trace
        self.details = details


def library_error(code: str, what: str, exc: BaseException) -> ProtocolError:
    """Wraps a library exception, keeping its own text and traceback."""
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return ProtocolError(code, f"{what}: {type(exc).__name__}: {exc}", library_trace=trace)


class Schemas:
    """Validators for every schema file.

    References into `common.json` are inlined once at load: resolving them through a
    registry on every validation costs about 0.4 ms per request, inlined validation a few µs.
    """

    def __init__(self, folder: Path):
        contents = {p.name: json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))}
        common = contents.get("common.json", {}).get("definitions", {})
        registry = Registry().with_resources(
            (c["$id"], Resource.from_contents(c, default_specification=DRAFT7)) for c in contents.values()
        )
        self.validators = {name: Draft7Validator(self.inline(c, common), registry=registry) for name, c in contents.items()}

    @classmethod
    def inline(cls, node: Any, common: dict) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("common.json#/definitions/") and len(node) == 1:
                return cls.inline(common[ref.rsplit("/", 1)[1]], common)
            return {k: cls.inline(v, common) for k, v in node.items()}
        if isinstance(node, list):
            return [cls.inline(v, common) for v in node]
        return node

    def problem(self, file: str, value: Any) -> str | None:
        """None when `value` is valid, else a one-line explanation."""
        validator = self.validators.get(file)
        if validator is None:
            return f"no schema {file}"
        if validator.is_valid(value):
            return None
        error = best_match(validator.iter_errors(value))
        if error is None:
            return None
        where = "/".join(str(p) for p in error.absolute_path) or "(header)"
        return f"{where}: {error.message}"


def jsonable(value: Any, depth: int = 0) -> Any:
    """A JSON-safe copy: non-finite floats and unknown objects become strings."""
    if depth > 20:
        return repr(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else repr(f)
    if isinstance(value, dict):
        return {str(k): jsonable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if len(value) == 2 and isinstance(value[0], type) and isinstance(value[1], dict):
            # River's _get_params() form of a nested object: (class, params).
            return {"id": qualified_name(value[0]), "params": jsonable(value[1], depth + 1)}
        return [jsonable(v, depth + 1) for v in value]
    if isinstance(value, type):
        return qualified_name(value)
    return repr(value)


def qualified_name(cls: type) -> str:
    """Module path and class name, without the top-level package (round-trips through importlib)."""
    module = cls.__module__.split(".", 1)
    return f"{module[1]}.{cls.__name__}" if len(module) == 2 else cls.__name__


def float64_frame(frame: Any, count: int, what: str) -> np.ndarray:
    buf = frame.buffer if hasattr(frame, "buffer") else frame
    if len(buf) != count * 8:
        raise ProtocolError("INVALID_DATA", f"payload {what} has {len(buf)} bytes, expected {count * 8} ({count} float64)")
    return np.frombuffer(buf, dtype="<f8", count=count)


def int32_frame(frame: Any, count: int, what: str) -> np.ndarray:
    buf = frame.buffer if hasattr(frame, "buffer") else frame
    if len(buf) != count * 4:
        raise ProtocolError("INVALID_DATA", f"payload {what} has {len(buf)} bytes, expected {count * 4} ({count} int32)")
    return np.frombuffer(buf, dtype="<i4", count=count)


def watch_parent(parent_pid: int | None, watch_stdin: bool) -> None:
    """Exits the process when the parent dies: stdin EOF, or a changed parent pid."""

    def stdin_eof() -> None:
        try:
            while sys.stdin.buffer.read(65536):
                pass
        except Exception:
            pass
        os._exit(0)

    def poll_parent() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent_pid:
                os._exit(0)

    if watch_stdin:
        threading.Thread(target=stdin_eof, name="stdin-eof", daemon=True).start()
    if parent_pid:
        threading.Thread(target=poll_parent, name="parent-poll", daemon=True).start()


class Server:
    """ROUTER socket loop: validate, dispatch to the backend, reply."""

    def __init__(self, backend: Any, schema_dir: Path, faults: bool):
        self.backend = backend
        self.schemas = Schemas(schema_dir)
        self.validators_for_requests = {f for f in self.schemas.validators if f.endswith(".request.json") and f != "debug.request.json" and hasattr(self, "on_" + f[: -len(".request.json")])}
        self.faults = faults
        self.sessions: dict[str, Any] = {}
        self.next_session = 1
        self.running = True
        self.context = zmq.Context.instance()
        self.socket = self.context.socket(zmq.ROUTER)
        self.socket.setsockopt(zmq.LINGER, 0)
        port = self.socket.bind_to_random_port("tcp://127.0.0.1")
        self.endpoint = f"tcp://127.0.0.1:{port}"

    def announce(self) -> None:
        """Prints the ready line, then routes everything later written to stdout (also by a JVM) to stderr."""
        line = json.dumps({"ready": True, "endpoint": self.endpoint, "protocol": PROTOCOL_VERSION, "pid": os.getpid()})
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        os.dup2(2, 1)
        sys.stdout = sys.stderr

    def serve(self) -> None:
        while self.running:
            frames = self.socket.recv_multipart(copy=False)
            if len(frames) < 2:
                continue
            identity = frames[0].bytes
            request_id = None
            try:
                try:
                    header = json.loads(frames[1].bytes.decode("utf-8"))
                except (ValueError, UnicodeDecodeError) as e:
                    raise ProtocolError("INVALID_REQUEST", f"header is not JSON: {e}")
                if isinstance(header, dict) and isinstance(header.get("id"), int):
                    request_id = header["id"]
                reply, payloads = self.handle(header, frames[2:])
                reply = {"v": PROTOCOL_VERSION, "id": request_id, "ok": True, **reply}
            except ProtocolError as e:
                error = {"code": e.code, "message": e.message}
                if e.library_trace:
                    error["library_trace"] = e.library_trace
                if e.details:
                    error["details"] = jsonable(e.details)
                reply, payloads = {"v": PROTOCOL_VERSION, "id": request_id, "ok": False, "error": error}, []
            except Exception as e:  # a server bug: report it rather than die
                reply = {"v": PROTOCOL_VERSION, "id": request_id, "ok": False,
                         "error": {"code": "INTERNAL", "message": f"{type(e).__name__}: {e}", "library_trace": traceback.format_exc()}}
                payloads = []
            if reply.get("_malformed"):
                self.socket.send_multipart([identity, b"\x00this is not JSON"])
                continue
            body = json.dumps(reply, allow_nan=False).encode("utf-8")
            self.socket.send_multipart([identity, body, *payloads], copy=len(payloads) == 0)
        self.socket.close(0)

    def handle(self, header: Any, payloads: list) -> tuple[dict, list]:
        kind = header.get("type") if isinstance(header, dict) else None
        file = f"{kind}.request.json" if isinstance(kind, str) and not kind.startswith("__") else None
        # The type's own schema repeats the envelope's rules, so a known type is checked once;
        # the envelope is checked only to explain what is wrong with other headers.
        if file is None or file not in self.validators_for_requests:
            problem = self.schemas.problem("request.json", header)
            if problem:
                raise ProtocolError("INVALID_REQUEST", problem)
            if kind.startswith("__"):
                if not self.faults:
                    raise ProtocolError("UNKNOWN_TYPE", f'unknown request type "{kind}" (fault injection is off)')
                return self.fault(header, payloads)
            raise ProtocolError("UNKNOWN_TYPE", f'unknown request type "{kind}"')
        problem = self.schemas.problem(file, header)
        if problem:
            raise ProtocolError("INVALID_REQUEST", f'"{kind}" request: {problem}')
        handler = getattr(self, "on_" + kind)
        return handler(header, payloads)

    def fault(self, header: dict, payloads: list) -> tuple[dict, list]:
        problem = self.schemas.problem("debug.request.json", header)
        if problem:
            raise ProtocolError("INVALID_REQUEST", problem)
        kind = header["type"]
        if kind == "__crash":
            sys.stderr.write("tributary bridge server: crashing on request (__crash fault injection)\n")
            sys.stderr.flush()
            os._exit(int(header.get("exit_code", 3)))
        if kind == "__hang":
            time.sleep(float(header.get("seconds", 3600)))
            return {}, []
        if kind == "__features":
            n, d = header["n"], header["d"]
            x = float64_frame(payloads[0] if payloads else b"", n * d, "x").reshape(n, d)
            return {"rows": jsonable(self.session(header).inspect(x))}, []
        return {"_malformed": True}, []

    def session(self, header: dict) -> Any:
        s = self.sessions.get(header["session"])
        if s is None:
            raise ProtocolError("UNKNOWN_SESSION", f'no session "{header["session"]}" (known: {sorted(self.sessions)})')
        return s

    # --- messages -----------------------------------------------------------------

    def on_hello(self, header: dict, payloads: list) -> tuple[dict, list]:
        import platform

        return {
            "protocol": PROTOCOL_VERSION,
            "library": self.backend.library,
            "library_version": self.backend.library_version(),
            "server_version": SERVER_VERSION,
            "language_version": f"Python {platform.python_version()}",
            "pid": os.getpid(),
        }, []

    def on_list_learners(self, header: dict, payloads: list) -> tuple[dict, list]:
        return {"learners": jsonable(self.backend.list_learners())}, []

    def on_create(self, header: dict, payloads: list) -> tuple[dict, list]:
        session = self.backend.create(header["learner"], header["params"], header["schema"], header["seed"], header.get("nominal_encoding", "value"), header.get("multiclass", "none"))
        handle = f"s{self.next_session}"
        self.next_session += 1
        self.sessions[handle] = session
        return {"session": handle, "params": jsonable(session.resolved_params()), "description": session.description()}, []

    def on_update_schema(self, header: dict, payloads: list) -> tuple[dict, list]:
        self.session(header).update_schema(header["schema"])
        return {}, []

    def data(self, header: dict, payloads: list, labels: bool) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        n, d = header["n"], header["d"]
        expected = 1 + (1 if labels else 0) + (1 if header.get("weighted") else 0)
        if len(payloads) != expected:
            raise ProtocolError("INVALID_DATA", f'"{header["type"]}" needs {expected} payload frames, got {len(payloads)}')
        x = float64_frame(payloads[0], n * d, "x").reshape(n, d)
        y = int32_frame(payloads[1], n, "y") if labels else None
        w = float64_frame(payloads[2], n, "w") if labels and header.get("weighted") else None
        return x, y, w

    def on_prequential(self, header: dict, payloads: list) -> tuple[dict, list]:
        x, y, w = self.data(header, payloads, True)
        proba, predict_cpu, learn_cpu = self.session(header).prequential(x, y, w, header["k"])
        return {"predict_cpu_s": predict_cpu, "learn_cpu_s": learn_cpu}, [proba]

    def on_learn(self, header: dict, payloads: list) -> tuple[dict, list]:
        x, y, w = self.data(header, payloads, True)
        return {"learn_cpu_s": self.session(header).learn(x, y, w)}, []

    def on_predict(self, header: dict, payloads: list) -> tuple[dict, list]:
        x, _, _ = self.data(header, payloads, False)
        proba, cpu = self.session(header).predict(x, header["k"])
        return {"predict_cpu_s": cpu}, [proba]

    def on_size(self, header: dict, payloads: list) -> tuple[dict, list]:
        return {"bytes": self.session(header).size()}, []

    def on_reset(self, header: dict, payloads: list) -> tuple[dict, list]:
        self.session(header).reset()
        return {}, []

    def on_close(self, header: dict, payloads: list) -> tuple[dict, list]:
        self.sessions.pop(header["session"], None)
        return {}, []

    def on_shutdown(self, header: dict, payloads: list) -> tuple[dict, list]:
        self.running = False
        return {}, []

    def on_inprocess_loop(self, header: dict, payloads: list) -> tuple[dict, list]:
        x, y, _ = self.data(header, payloads, True)
        return self.backend.inprocess_loop(header["learner"], header["params"], header["schema"], header["seed"], x, y, header["k"], header.get("nominal_encoding", "value"), header.get("multiclass", "none")), []


def normalised_rows(flat: list, n: int, k: int) -> np.ndarray:
    """Row-major n×k float64 probabilities from per-class scores: non-finite or negative scores
    become 0, and each row with a positive total is scaled to sum to 1 (all-zero rows stay zero)."""
    proba = np.asarray(flat, dtype="<f8").reshape(n, k)
    np.nan_to_num(proba, copy=False, nan=0.0, posinf=0.0, neginf=0.0)
    np.maximum(proba, 0.0, out=proba)
    totals = proba.sum(axis=1, keepdims=True)
    np.divide(proba, totals, out=proba, where=totals > 0)
    return proba.reshape(-1)
