"""P/R/F computed in one place (nrcie.metrics.PRF)."""
import pytest

from nrcie.metrics import PRF


@pytest.mark.parametrize("gold, pred, p, r, f", [
    ({1, 2, 3, 4}, {1, 2, 5}, 2 / 3, 0.5, 4 / 7),
    ({1}, set(), 0.0, 0.0, 0.0),
    (set(), {1}, 0.0, 0.0, 0.0),
    (set(), set(), 0.0, 0.0, 0.0),
    ({1, 2}, {1, 2}, 1.0, 1.0, 1.0),
])
def test_prf_of_one_document(gold, pred, p, r, f):
    s = PRF().add(gold, pred)
    assert (s.p, s.r, s.f) == pytest.approx((p, r, f))
    assert s.to_dict()["support"] == len(gold)


def test_prf_sums_over_documents():
    total = PRF()
    total += PRF().add({1, 2}, {1})
    total += PRF().add({3}, {3, 4})
    assert (total.tp, total.fp, total.fn) == (2, 1, 1)


def test_f_equals_the_two_tp_form():
    for tp, fp, fn in [(426, 100, 179), (1, 0, 0), (3, 7, 11)]:
        assert PRF(tp, fp, fn).f == pytest.approx(2 * tp / (2 * tp + fp + fn))
