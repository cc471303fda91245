"""The parse multiplies with numpy's BLAS, one thread per process, and the stock pipeline keeps
thinc's blis: the annotations of both are compared token by token in test_fast_components."""

from __future__ import annotations

import ctypes

import pytest
from thinc.api import NumpyOps

from eventwire.nlp import load_nlp
from eventwire.nlp.blas import _loaded_openblas, limit_blas_threads, numpy_has_blas


def _layer_ops(nlp) -> list[NumpyOps]:
    return [
        node.ops
        for _name, component in nlp.pipeline
        if hasattr(getattr(component, "model", None), "walk")
        for node in component.model.walk()
    ]


@pytest.mark.skipif(not numpy_has_blas(), reason="numpy without an optimised BLAS keeps blis")
def test_fast_pipeline_multiplies_with_numpy_and_the_stock_one_with_blis(nlp):
    fast_ops = _layer_ops(nlp)
    stock_ops = _layer_ops(load_nlp(fast=False))
    assert len(fast_ops) > 100 and len(stock_ops) == len(fast_ops)
    assert all(isinstance(ops, NumpyOps) and not ops.use_blis for ops in fast_ops)
    assert all(ops.use_blis for ops in stock_ops)
    tuned_stock = _layer_ops(load_nlp(fast=False, numpy_gemm=True))
    assert all(not ops.use_blis for ops in tuned_stock)


def test_numpy_gemm_gives_the_same_products_up_to_rounding():
    import numpy

    rng = numpy.random.default_rng(8)
    x = rng.standard_normal((300, 96)).astype("float32")
    w = rng.standard_normal((288, 96)).astype("float32")
    by_blis = NumpyOps(use_blis=True).gemm(x, w, trans2=True)
    by_numpy = NumpyOps(use_blis=False).gemm(x, w, trans2=True)
    assert by_numpy.dtype == by_blis.dtype and by_numpy.shape == (300, 288)
    assert numpy.allclose(by_blis, by_numpy, rtol=1e-5, atol=1e-4)


def test_openblas_runs_one_thread_per_process(nlp, monkeypatch):
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    getters = []
    for path in _loaded_openblas():
        library = ctypes.CDLL(path)
        for symbol in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads"):
            getter = getattr(library, symbol, None)
            if getter is not None:
                getter.restype = ctypes.c_int
                getters.append(getter)
                break
    if not getters:
        pytest.skip("no OpenBLAS with a thread setting is loaded in this process")
    assert limit_blas_threads() is True
    assert all(getter() == 1 for getter in getters)
