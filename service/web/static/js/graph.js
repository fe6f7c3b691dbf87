/* The workflow picture: lays an n8n workflow out like n8n's canvas and draws it as SVG.
 *
 * Main nodes go in columns by their longest distance from a trigger (triggers leftmost), main
 * connections are arrows left to right, branch outputs carry their names (true/false, switch
 * outputs), and AI sub-nodes (models, memory, tools, embeddings, vector stores) hang under the
 * node they feed, joined by dashed links labelled with the connection type. Exposed as
 * window.NP.graph so the page (and the browser tests) can call layout() and render().
 */
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const SIZE = {
    node: { w: 184, h: 64 },
    sub: { w: 180, h: 48 },
    colGap: 64,
    rowGap: 48,
    subGapX: 20,
    subGapY: 84,
    margin: 48,
  };
  const AI_ORDER = [
    "ai_languageModel", "ai_memory", "ai_tool", "ai_outputParser", "ai_embedding",
    "ai_document", "ai_textSplitter", "ai_vectorStore", "ai_retriever", "ai_reranker",
  ];
  const OUTPUT_NAMES = {
    "n8n-nodes-base.if": ["true", "false"],
    "n8n-nodes-base.filter": ["kept", "discarded"],
    "n8n-nodes-base.splitInBatches": ["done", "loop"],
    "n8n-nodes-base.compareDatasets": ["In A only", "Same", "Different", "In B only"],
  };
  const LOGIC_TYPES = new Set([
    "if", "switch", "merge", "filter", "splitInBatches", "compareDatasets", "wait", "noOp",
    "code", "set", "splitOut", "aggregate", "sort", "limit", "removeDuplicates",
  ]);

  const isAi = (type) => typeof type === "string" && type.startsWith("ai_");
  const shortType = (type) => String(type || "").split(".").pop();

  /** Every connection of the workflow as {from, to, type, output, input}; links to unknown
   * nodes are left out (they cannot be drawn). */
  function edgesOf(workflow) {
    const names = new Set((workflow.nodes || []).map((n) => n.name));
    const edges = [];
    for (const [from, byType] of Object.entries(workflow.connections || {})) {
      if (!byType || typeof byType !== "object" || !names.has(from)) continue;
      for (const [type, outputs] of Object.entries(byType)) {
        if (!Array.isArray(outputs)) continue;
        outputs.forEach((targets, output) => {
          for (const t of Array.isArray(targets) ? targets : []) {
            if (t && names.has(t.node)) {
              edges.push({ from, to: t.node, type, output, input: Number(t.index) || 0 });
            }
          }
        });
      }
    }
    return edges;
  }

  function isTrigger(node) {
    const type = shortType(node.type).toLowerCase();
    return type.endsWith("trigger") || type === "webhook" || type === "start";
  }

  /** The kind that picks a node's colour: trigger, ai, logic or action. */
  function kindOf(node) {
    if (isTrigger(node)) return "trigger";
    if (String(node.type || "").startsWith("@n8n/n8n-nodes-langchain")) return "ai";
    if (LOGIC_TYPES.has(shortType(node.type))) return "logic";
    return "action";
  }

  const SPECIAL_INITIALS = [
    [/^lmChat|^lm[A-Z]/, "LM"], [/^agent/, "AI"], [/^memory/, "Me"], [/^vectorStore/, "VS"],
    [/^embeddings/, "Em"], [/^outputParser/, "OP"], [/^textSplitter/, "TS"],
    [/^documentLoader|^documentDefault/, "Do"], [/^chainLlm/, "Ch"], [/^httpRequest/, "HT"],
  ];

  /** Two letters for a node type's icon: "googleSheets" -> "GS", "slack" -> "Sl". */
  function initials(type) {
    const short = shortType(type).replace(/(Trigger|Tool)$/, "") || "?";
    for (const [pattern, text] of SPECIAL_INITIALS) if (pattern.test(short)) return text;
    const words = short.split(/(?=[A-Z0-9])/).filter(Boolean);
    if (words.length >= 2) return (words[0][0] + words[1][0]).toUpperCase();
    return short[0].toUpperCase() + (short[1] || "");
  }

  /** Output names for a node: IF true/false, switch rule keys, classifier categories. */
  function outputNames(node) {
    if (OUTPUT_NAMES[node.type]) return OUTPUT_NAMES[node.type];
    const p = node.parameters || {};
    if (shortType(node.type) === "switch") {
      const rules = (p.rules && (p.rules.values || p.rules.rules)) || [];
      const names = rules.map((r, i) => (r && r.renameOutput !== false && r.outputKey) || String(i));
      const fallback = p.options && p.options.fallbackOutput === "extra";
      return fallback ? names.concat(["Fallback"]) : names;
    }
    const categories = p.categories && p.categories.categories;
    if (Array.isArray(categories)) return categories.map((c, i) => (c && c.category) || String(i));
    return [];
  }

  /** Which nodes are AI sub-nodes, and under which node each one hangs. */
  function findParents(nodes, edges) {
    const mainTouch = new Set();
    const aiTargets = new Map();
    for (const e of edges) {
      if (isAi(e.type)) {
        if (!aiTargets.has(e.from)) aiTargets.set(e.from, []);
        aiTargets.get(e.from).push(e);
      } else {
        mainTouch.add(e.from);
        mainTouch.add(e.to);
      }
    }
    const parent = new Map();
    for (const n of nodes) {
      const links = aiTargets.get(n.name);
      if (links && !mainTouch.has(n.name) && links[0].to !== n.name) {
        parent.set(n.name, { name: links[0].to, type: links[0].type });
      }
    }
    // a cycle of sub-nodes has no root to hang from: those become main nodes
    for (const name of [...parent.keys()]) {
      const seen = new Set([name]);
      let at = parent.get(name);
      while (at && parent.has(at.name) && !seen.has(at.name)) {
        seen.add(at.name);
        at = parent.get(at.name);
      }
      if (at && seen.has(at.name)) parent.delete(name);
    }
    return parent;
  }

  /** Main-graph columns: longest path from the sources after dropping loop-back edges. */
  function rankColumns(mainNames, mainEdges, order) {
    const out = new Map(mainNames.map((n) => [n, []]));
    for (const e of mainEdges) out.get(e.from).push(e);
    const state = new Map();
    const forward = [];
    const visit = (name) => {
      state.set(name, 1);
      for (const e of out.get(name)) {
        const s = state.get(e.to);
        if (s === 1) continue; // back edge: a loop, drawn but not ranked
        forward.push(e);
        if (!s) visit(e.to);
      }
      state.set(name, 2);
    };
    const hasInput = new Set(mainEdges.map((e) => e.to));
    const starts = [...mainNames].sort((a, b) => {
      const score = (n) => (order.trigger.has(n) ? 0 : hasInput.has(n) ? 2 : 1);
      return score(a) - score(b) || order.index.get(a) - order.index.get(b);
    });
    for (const name of starts) if (!state.get(name)) visit(name);
    const rank = new Map(mainNames.map((n) => [n, 0]));
    // longest path over a DAG: relax edges repeatedly in a topological order
    const indeg = new Map(mainNames.map((n) => [n, 0]));
    for (const e of forward) indeg.set(e.to, indeg.get(e.to) + 1);
    const queue = starts.filter((n) => indeg.get(n) === 0);
    while (queue.length) {
      const name = queue.shift();
      for (const e of forward.filter((f) => f.from === name)) {
        rank.set(e.to, Math.max(rank.get(e.to), rank.get(name) + 1));
        indeg.set(e.to, indeg.get(e.to) - 1);
        if (indeg.get(e.to) === 0) queue.push(e.to);
      }
    }
    return { rank, forward };
  }

  /** Size of a node with the sub-nodes hanging under it (recursively). */
  function measure(name, ctx) {
    const own = ctx.parent.has(name) ? SIZE.sub : SIZE.node;
    const kids = ctx.children.get(name) || [];
    if (!kids.length) return { w: own.w, h: own.h, rowW: 0 };
    const sizes = kids.map((k) => measure(k, ctx));
    const rowW = sizes.reduce((s, k) => s + k.w, 0) + SIZE.subGapX * (kids.length - 1);
    const rowH = Math.max(...sizes.map((k) => k.h));
    return { w: Math.max(own.w, rowW), h: own.h + SIZE.subGapY + rowH, rowW };
  }

  /** Place a node centred on cx at y, then its sub-nodes in a row below it. */
  function place(name, cx, y, ctx) {
    const sub = ctx.parent.has(name);
    const own = sub ? SIZE.sub : SIZE.node;
    ctx.pos.set(name, { x: cx - own.w / 2, y, w: own.w, h: own.h, sub });
    const kids = ctx.children.get(name) || [];
    if (!kids.length) return;
    let left = cx - measure(name, ctx).rowW / 2;
    for (const kid of kids) {
      const size = measure(kid, ctx);
      place(kid, left + size.w / 2, y + own.h + SIZE.subGapY, ctx);
      left += size.w + SIZE.subGapX;
    }
  }

  function childrenOf(nodes, parent, index) {
    const children = new Map();
    const aiRank = (t) => (AI_ORDER.indexOf(t) + 1 || AI_ORDER.length + 1);
    for (const n of nodes) {
      const p = parent.get(n.name);
      if (!p) continue;
      if (!children.has(p.name)) children.set(p.name, []);
      children.get(p.name).push(n.name);
    }
    for (const list of children.values()) {
      list.sort((a, b) => aiRank(parent.get(a).type) - aiRank(parent.get(b).type)
        || index.get(a) - index.get(b));
    }
    return children;
  }

  /** How many outputs a node shows (named outputs or the highest output index used). */
  function outputCount(node, edges) {
    const used = edges.filter((e) => e.from === node.name && !isAi(e.type));
    return Math.max(outputNames(node).length, ...used.map((e) => e.output + 1), 1);
  }

  /** Vertical order of the nodes of one column: near the predecessors' output ports. */
  function placeColumn(column, ctx, colX, colW) {
    const step = SIZE.node.h + SIZE.rowGap;
    const desired = new Map();
    for (const name of column) {
      const ys = ctx.forward.filter((e) => e.to === name && ctx.pos.has(e.from)).map((e) => {
        const n = ctx.outputs.get(e.from);
        return ctx.pos.get(e.from).y + (e.output - (n - 1) / 2) * step;
      });
      if (ys.length) desired.set(name, ys.reduce((a, b) => a + b, 0) / ys.length);
    }
    const sorted = [...column].sort((a, b) => (desired.has(a) ? desired.get(a) : 1e9)
      - (desired.has(b) ? desired.get(b) : 1e9) || ctx.index.get(a) - ctx.index.get(b));
    let nextFree = -Infinity;
    for (const name of sorted) {
      const want = desired.has(name) ? desired.get(name) : (nextFree === -Infinity ? 0 : nextFree);
      const y = Math.max(want, nextFree);
      place(name, colX + colW / 2, y, ctx);
      nextFree = y + measure(name, ctx).h + SIZE.rowGap;
    }
  }

  /** Positions for every node: {nodes: Map(name -> {x, y, w, h, sub, column}), edges, bbox}. */
  function layout(workflow) {
    const nodes = (workflow && Array.isArray(workflow.nodes) ? workflow.nodes : [])
      .filter((n) => n && typeof n.name === "string");
    const edges = edgesOf({ nodes, connections: workflow ? workflow.connections : {} });
    const index = new Map(nodes.map((n, i) => [n.name, i]));
    const parent = findParents(nodes, edges);
    const mainNames = nodes.map((n) => n.name).filter((n) => !parent.has(n));
    const mainEdges = edges.filter((e) => !isAi(e.type) && !parent.has(e.from) && !parent.has(e.to));
    const trigger = new Set(nodes.filter(isTrigger).map((n) => n.name));
    const { rank, forward } = rankColumns(mainNames, mainEdges, { trigger, index });
    const ctx = {
      parent, index, forward, pos: new Map(),
      children: childrenOf(nodes, parent, index),
      outputs: new Map(nodes.map((n) => [n.name, outputCount(n, edges)])),
    };
    const columns = [];
    for (const name of mainNames) {
      const c = rank.get(name);
      (columns[c] = columns[c] || []).push(name);
    }
    let x = 0;
    columns.forEach((column, c) => {
      if (!column) return;
      const colW = Math.max(...column.map((n) => measure(n, ctx).w));
      placeColumn(column, ctx, x, colW);
      for (const n of column) ctx.pos.get(n).column = c;
      x += colW + SIZE.colGap;
    });
    return { nodes: ctx.pos, edges, bbox: boundsOf(ctx.pos), outputs: ctx.outputs };
  }

  function boundsOf(pos) {
    const boxes = [...pos.values()];
    if (!boxes.length) return { x: 0, y: 0, w: 1, h: 1 };
    const x0 = Math.min(...boxes.map((b) => b.x));
    const y0 = Math.min(...boxes.map((b) => b.y));
    const x1 = Math.max(...boxes.map((b) => b.x + b.w));
    const y1 = Math.max(...boxes.map((b) => b.y + b.h));
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }

  window.NP = window.NP || {};
  window.NP.graph = {
    SIZE, SVG_NS, edgesOf, layout, initials, kindOf, outputNames, isAi, shortType,
  };
})();
