"""One-vs-rest for River's binary-only classifiers, decided by the stream schema.

A session created with `multiclass: "one-vs-rest"` keeps the learner as it is while the schema
declares at most two classes (so a binary stream runs exactly the learner it names) and wraps it in
River's `multiclass.OneVsRestClassifier` once the schema declares more: at `create`, or at the
`update_schema` that brings the third class. A learner that has already learned is carried on
rather than restarted (see `continue_as_one_vs_rest`).
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from .protocol import ProtocolError

MULTICLASS_WRAPPERS = ("none", "one-vs-rest")


def check_wrapper(wrapper: str) -> str:
    if wrapper not in MULTICLASS_WRAPPERS:
        raise ProtocolError("INVALID_PARAMS", f'multiclass wrapper "{wrapper}" is not one of {", ".join(MULTICLASS_WRAPPERS)}')
    return wrapper


def needs_one_vs_rest(wrapper: str, schema: dict) -> bool:
    return wrapper == "one-vs-rest" and len(schema["classes"]) > 2


@functools.cache
def complement_class() -> type:
    """A binary classifier of the opposite target: it learns `not y` and swaps the probabilities
    of True and False. A River classifier, so that the wrapper's repr and size still work (built on
    first use: the module is imported without River by the CapyMOA server too)."""
    from river import base

    class Complement(base.Wrapper, base.Classifier):
        def __init__(self, classifier: base.Classifier):
            self.classifier = classifier

        @property
        def _wrapped_model(self):
            return self.classifier

        def learn_one(self, x, y, **kwargs):
            self.classifier.learn_one(x, not y, **kwargs)

        def predict_proba_one(self, x, **kwargs):
            p = self.classifier.predict_proba_one(x, **kwargs)
            # A binary learner answers {False, True} (or {0, 1}: equal keys in Python).
            return {False: p.get(True, 0.0), True: p.get(False, 0.0)}

    return Complement


def one_vs_rest(model: Any) -> Any:
    """River's own wrapper around a fresh learner: each class's classifier is a clone, created
    when the class is first learned."""
    from river import multiclass

    return multiclass.OneVsRestClassifier(model)


def continue_as_one_vs_rest(model: Any) -> Any:
    """The one-vs-rest equivalent of a binary learner that has learned labels 0 and 1.

    Such a learner has learned the target `y == 1`, which is what one-vs-rest trains class 1's
    classifier on; class 0's target, `y == 0`, was its complement. So class 1 keeps the learner and
    class 0 gets a copy that learns and predicts the complement (from now on `y != 0`). Until a
    third class is learned the predictions are the learner's own (the two probabilities sum to 1);
    classes learned later get fresh clones, as in River's wrapper.
    """
    ovr = one_vs_rest(model.clone())
    ovr.classifiers = {0: complement_class()(copy.deepcopy(model)), 1: model}
    return ovr
