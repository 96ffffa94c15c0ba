"""Documents for the format tests, written as inline markup (sentences written for these tests)."""
from tests.helpers import gold_doc as gold


#: Round-trip documents: counts linked to activities, white space of every
#: kind, a backslash, a character beyond U+FFFF, adjacent spans of one label,
#: a document without entities.
DOCS = [
    gold("quan-2024", "本届以来，[[县人大常委会|BODY]]共开展[[专题询问|ACTIVITY#q]][[4次|COUNT>q]]、"
                      "组织[[执法检查|ACTIVITY#z]][[十二次|COUNT>z]]。", {"year": 2024}),
    gold("kongbai", "[[2023年|DATE]] [[审议法规草案|ACTIVITY#s]] [[3件|COUNT>s]]\n\n\u3000代表建议办结率"
                    "[[100%|PERCENT]]。\t目录 C:\\data\\r2"),
    gold("astral", "[[𠀾村|PLACE]]召开[[座谈会|ACTIVITY#m]][[2场|COUNT>m]]，听取[[市政府|BODY]][[市法院|BODY]]意见。"),
    gold("empty-ents", "感谢各位代表的辛勤付出！"),
]
