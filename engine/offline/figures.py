"""A table, figures or numbers per group are composed before they are sent, not the raw records.

"A weekly KPI email out of Postgres - just a table in the email body", "number of open opps per
stage and the total amount per stage", "sum the deal amounts per owner and email the figures":
none of these says "summary", yet each sends something made from the items, not the items
themselves. Without this rule the mail or message got ``JSON.stringify($json)`` of the first
record. The request's words say what is made (``FIGURES_ASK``); the Code step that makes it is
our own JavaScript:

* Numbers per group ("per stage", "by priority", "grouped by source"): one row per value of the
  item field whose name holds the group's word (``stage`` finds ``StageName``), with the count
  of items and the sum of their amount-like field.
* Otherwise a table: one row per item of its first plain fields.

An e-mail gets an HTML table (mail bodies are HTML in n8n's mail nodes); a chat app gets text
rows. The step's output is ``summary``, the field a summary's Code step hands on.
"""

from __future__ import annotations

import re

from engine.lexicon import (
    FIGURES_ASK,
    GROUP_BY,
)
from engine.types import StepSpec
from nodepilot.workflow import BASE

CODE = BASE + "code"

_GROUPED_JS = """// {comment}
const norm = (k) => k.toLowerCase().replace(/[^a-z0-9]/g, '');
const nested = (j) => (j.properties && typeof j.properties === 'object' ? j.properties : {{}});
const flat = (j) => ({{ ...j, ...nested(j) }});
const items = $input.all().map((item) => flat(item.json));
const amountWords = ['amount', 'total', 'value', 'price', 'revenue'];
const amountOf = (j) => {{
  const isAmount = (k) => amountWords.some((w) => norm(k).includes(w));
  const key = Object.keys(j).find((k) => isAmount(k) && !isNaN(parseFloat(j[k])));
  return key ? parseFloat(j[key]) : 0;
}};
const groups = {{}};
for (const j of items) {{
  const key = Object.keys(j).find((k) => norm(k).includes('{group}'));
  const label = key ? String(j[key]) : '(none)';
  groups[label] = groups[label] ?? {{ count: 0, total: 0 }};
  groups[label].count += 1;
  groups[label].total += amountOf(j);
}}
const rounded = (n) => Math.round(n * 100) / 100;
const rows = Object.entries(groups).map(([label, g]) => [label, g.count, rounded(g.total)]);
const head = ['{group}', 'count', 'total'];
{render}
return [{{ json: {{ summary, count: items.length, groups }} }}];"""

_TABLE_JS = """// {comment}
const items = $input.all().map((item) => item.json);
const plain = (v) => v != null && v !== '' && typeof v !== 'object';
const keys = items.flatMap((j) => Object.keys(j).filter((k) => plain(j[k])));
const head = [...new Set(keys)].slice(0, 6);
const rows = items.map((j) => head.map((k) => (plain(j[k]) ? j[k] : '')));
{render}
return [{{ json: {{ summary, count: items.length }} }}];"""

_HTML = (
    "const cell = (tag, v) => `<${tag}>${String(v).replace(/</g, '&lt;')}</${tag}>`;\n"
    'const summary = \'<table border="1" cellpadding="4">\'\n'
    "  + `<tr>${head.map((h) => cell('th', h)).join('')}</tr>`\n"
    "  + rows.map((r) => `<tr>${r.map((v) => cell('td', v)).join('')}</tr>`).join('')\n"
    "  + '</table>';"
)
_TEXT = "const summary = [head, ...rows].map((r) => r.join(' | ')).join('\\n');"


def asks_for_figures(request: str) -> bool:
    """The request asks for a table, figures or numbers per group to be made (``FIGURES_ASK``)."""
    return bool(FIGURES_ASK.search(request or ""))


def figures_step(request: str, html: bool) -> StepSpec:
    """The Code step that makes what ``request`` asks for: numbers per group when it names a
    group (``GROUP_BY``), else a table of the items; an HTML table when ``html`` (an e-mail)."""
    group = next((g for g in (rx.search(request) for rx in GROUP_BY) if g), None)
    render = _HTML if html else _TEXT
    if group:
        word = re.sub(r"[^a-z0-9]", "", group.group(group.lastindex or 0).lower())
        comment = f"Count and total per {word}, one row each"
        code = _GROUPED_JS.format(comment=comment, group=word, render=render)
    else:
        code = _TABLE_JS.format(comment="A table of the items, one row each", render=render)
    return StepSpec(CODE, "Compose the table", parameters={"jsCode": code})
