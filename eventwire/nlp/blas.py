"""The matrix multiply the parse runs on: numpy's BLAS instead of the ``blis`` build thinc ships.

About three quarters of the parse's CPU time is one operation, the float32 matrix multiply
(``Ops.gemm``) of the tok2vec CNNs, the NER model's own CNN and the parser's hidden layers. thinc
does it with the ``blis`` package, whose wheels may carry only the portable ``generic`` kernel (on
the AMD EPYC of the benchmarks it selects ``generic`` and runs at ~30 GFLOP/s), while numpy's
bundled OpenBLAS picks a kernel for the CPU it runs on (~90 GFLOP/s there, one thread).
``NumpyOps(use_blis=False)`` is thinc's own switch to hand ``gemm`` to numpy; :func:`use_numpy_gemm`
sets it on every layer of a loaded pipeline.

The two libraries add up the same products in a different order, so the floats differ in their
last bits. The annotations do not: on the 100 demo-corpus articles of ``bench/bench_pipeline.py``
every tag, part of speech, morphology, lemma, dependency, head, entity and sentence start of all
67,457 tokens is the same, and ``tests/nlp`` compares the two pipelines token by token.

OpenBLAS would also start a thread per core for these small matrices, which costs more CPU than it
saves and competes with eventwire's own worker processes; :func:`limit_blas_threads` keeps it to
one thread per process unless ``OPENBLAS_NUM_THREADS`` (or ``OMP_NUM_THREADS``) says otherwise.
``EVENTWIRE_NUMPY_GEMM=0`` keeps thinc's ``blis``.
"""

from __future__ import annotations

import ctypes
import os
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# Names under which OpenBLAS builds export their thread setting (numpy's wheels use the first).
_SET_THREADS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def numpy_gemm_by_default() -> bool:
    """Whether the parse multiplies with numpy's BLAS (``EVENTWIRE_NUMPY_GEMM=0`` turns it off)."""
    value = os.environ.get("EVENTWIRE_NUMPY_GEMM", "1").strip().lower()
    return value not in ("0", "false", "no")


@lru_cache(maxsize=1)
def numpy_has_blas() -> bool:
    """Whether numpy is linked to an optimised BLAS (without one its ``dot`` is a plain loop)."""
    import numpy

    try:
        config = numpy.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
    except Exception:  # an older numpy or another layout: do not guess
        return False
    return bool(blas.get("found")) and str(blas.get("name", "")).lower() not in ("", "none")


def use_numpy_gemm(nlp: Language) -> Language:
    """Give every model layer of ``nlp`` thinc's ``NumpyOps(use_blis=False)`` (see module)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):
                node.ops = ops
    limit_blas_threads()
    return nlp


@lru_cache(maxsize=1)
def limit_blas_threads(threads: int = 1) -> bool:
    """Keep numpy's OpenBLAS to ``threads`` threads in this process, unless the environment sets
    its own count. True when the setting was applied (or left to the environment)."""
    if any(os.environ.get(name) for name in _THREAD_VARIABLES):
        return True
    for path in _loaded_openblas():
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in _SET_THREADS:
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter.argtypes = [ctypes.c_int]
                setter.restype = None
                setter(threads)
                return True
    return False


def _loaded_openblas() -> list[str]:
    """Paths of the OpenBLAS libraries mapped into this process (numpy loads its own copy)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            lines = maps.read().splitlines()
    except OSError:
        return []
    paths = {line.split(maxsplit=5)[-1] for line in lines if "openblas" in line.lower()}
    return sorted(path for path in paths if path.startswith("/"))
