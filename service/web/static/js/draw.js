/* Draws a laid-out workflow as SVG (nodes, arrows, dashed AI links, findings badges) and lets
 * the reader pan (drag, arrow keys, wheel), zoom (Ctrl+wheel, +/- keys, buttons) and fit. */
(function () {
  "use strict";

  const G = window.NP.graph;
  const NS = G.SVG_NS;
  const NAME_CHARS = { node: 17, sub: 15 };
  const READABLE = 0.65; // smallest scale at which node names stay legible

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null) node.setAttribute(k, String(v));
    }
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, attrs, content) {
    const t = el("text", attrs, parent);
    t.textContent = content;
    return t;
  }

  const clip = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

  function defs(svg) {
    const d = el("defs", {}, svg);
    const marker = el("marker", {
      id: "np-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse",
    }, d);
    el("path", { d: "M0,0 L10,5 L0,10 z", class: "np-arrow-head" }, marker);
  }

  /** Port where a main connection leaves (right side, spread by output) or enters (left). */
  function mainPath(a, b, e, outputs, bottom) {
    const n = outputs.get(e.from) || 1;
    const sx = a.x + a.w;
    const sy = a.y + (a.h * (e.output + 1)) / (n + 1);
    const tx = b.x;
    const ty = b.y + b.h / 2 + Math.min(e.input, 3) * 8;
    if (tx > sx + 10) {
      const dx = Math.max(36, (tx - sx) / 2);
      return { d: `M${sx},${sy} C${sx + dx},${sy} ${tx - dx},${ty} ${tx},${ty}`, sx, sy };
    }
    const low = bottom + 40; // a loop back runs under the picture
    return {
      d: `M${sx},${sy} C${sx + 60},${sy} ${sx + 60},${low} ${sx},${low} L${tx},${low} ` +
        `C${tx - 60},${low} ${tx - 60},${ty} ${tx},${ty}`,
      sx, sy,
    };
  }

  function drawMainEdge(layer, lay, e, nodesByName, bottom) {
    const a = lay.nodes.get(e.from);
    const b = lay.nodes.get(e.to);
    const path = mainPath(a, b, e, lay.outputs, bottom);
    const g = el("g", { class: "np-edge-group" }, layer);
    el("path", {
      d: path.d, class: "np-edge np-edge-main", "marker-end": "url(#np-arrow)",
      "data-from": e.from, "data-to": e.to, "data-type": e.type, "data-output": e.output,
    }, g);
    const names = G.outputNames(nodesByName.get(e.from));
    if (names.length || (lay.outputs.get(e.from) || 1) > 1) {
      const label = names[e.output] || `output ${e.output}`;
      text(g, { x: path.sx + 8, y: path.sy - 6, class: "np-edge-label" }, label);
    }
  }

  function drawAiEdge(layer, lay, e, slots) {
    const a = lay.nodes.get(e.from);
    const b = lay.nodes.get(e.to);
    const types = slots.get(e.to);
    const k = types.indexOf(e.type);
    const tx = b.x + (b.w * (k + 1)) / (types.length + 1);
    const ty = b.y + b.h;
    const sx = a.x + a.w / 2;
    const sy = a.y;
    const my = (sy + ty) / 2;
    const g = el("g", { class: "np-edge-group" }, layer);
    el("path", {
      d: `M${sx},${sy} C${sx},${my} ${tx},${my} ${tx},${ty}`, class: "np-edge np-edge-ai",
      "data-from": e.from, "data-to": e.to, "data-type": e.type, "data-output": e.output,
    }, g);
    text(g, { x: sx, y: sy - 10, class: "np-edge-label np-ai-label", "text-anchor": "middle" },
      e.type);
  }

  function badge(g, box, found) {
    const worst = found.some((f) => f.severity === "error") ? "error" : "warning";
    const b = el("g", { class: `np-badge np-badge-${worst}`,
      transform: `translate(${box.w - 4},4)` }, g);
    el("circle", { r: 11 }, b);
    text(b, { y: 4, "text-anchor": "middle" }, String(found.length));
    el("title", {}, b).textContent = found.map((f) => `${f.severity}: ${f.message}`).join("\n");
  }

  function drawNode(layer, node, box, found) {
    const kind = G.kindOf(node);
    const cls = ["np-node", `np-kind-${kind}`, box.sub ? "np-sub" : "np-main"];
    if (node.disabled) cls.push("np-disabled");
    const g = el("g", {
      class: cls.join(" "), transform: `translate(${box.x},${box.y})`, tabindex: 0,
      role: "button", "data-node-name": node.name, "data-node-type": node.type,
      "aria-label": `${node.name}, ${G.shortType(node.type)}` +
        (found.length ? `, ${found.length} finding${found.length > 1 ? "s" : ""}` : ""),
    }, layer);
    el("title", {}, g).textContent = `${node.name}\n${node.type}`;
    el("rect", { class: "np-node-box", width: box.w, height: box.h, rx: box.sub ? 24 : 10 }, g);
    const r = box.sub ? 14 : 18;
    el("circle", { class: "np-node-icon", cx: 12 + r, cy: box.h / 2, r }, g);
    text(g, { class: "np-node-initials", x: 12 + r, y: box.h / 2 + 4, "text-anchor": "middle" },
      G.initials(node.type));
    const tx = 24 + 2 * r;
    const chars = box.sub ? NAME_CHARS.sub : NAME_CHARS.node;
    text(g, { class: "np-node-name", x: tx, y: box.h / 2 - 3 }, clip(node.name, chars));
    text(g, { class: "np-node-type", x: tx, y: box.h / 2 + 13 },
      clip(G.shortType(node.type), chars + 2));
    if (found.length) badge(g, box, found);
    return g;
  }

  /** Draw `workflow` into `host` (replacing what was there); returns the pan/zoom controller. */
  function render(host, workflow, findings, onSelect) {
    const lay = G.layout(workflow);
    const nodesByName = new Map((workflow.nodes || []).map((n) => [n.name, n]));
    host.textContent = "";
    const svg = el("svg", {
      class: "np-canvas", role: "group", tabindex: 0,
      "aria-label": `Workflow picture: ${lay.nodes.size} nodes, ${lay.edges.length} connections.` +
        " Drag or use arrow keys to pan, plus and minus to zoom, 0 to fit, 9 for the whole workflow.",
      "data-node-count": lay.nodes.size, "data-edge-count": lay.edges.length,
    }, host);
    defs(svg);
    const edgesLayer = el("g", { class: "np-edges" }, svg);
    const nodesLayer = el("g", { class: "np-nodes" }, svg);
    const bottom = lay.bbox.y + lay.bbox.h;
    const slots = new Map();
    for (const e of lay.edges.filter((x) => G.isAi(x.type))) {
      const list = slots.get(e.to) || [];
      if (!list.includes(e.type)) list.push(e.type);
      slots.set(e.to, list);
    }
    for (const e of lay.edges) {
      if (G.isAi(e.type)) drawAiEdge(edgesLayer, lay, e, slots);
      else drawMainEdge(edgesLayer, lay, e, nodesByName, bottom);
    }
    const byNode = new Map();
    for (const f of findings || []) {
      if (f && f.node) byNode.set(f.node, (byNode.get(f.node) || []).concat([f]));
    }
    for (const [name, box] of lay.nodes) {
      const g = drawNode(nodesLayer, nodesByName.get(name), box, byNode.get(name) || []);
      const pick = () => onSelect && onSelect(nodesByName.get(name), byNode.get(name) || []);
      g.addEventListener("click", pick);
      g.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); }
      });
    }
    const hasLoop = lay.edges.some((e) => !G.isAi(e.type) &&
      lay.nodes.get(e.to).x <= lay.nodes.get(e.from).x + lay.nodes.get(e.from).w);
    const box = { ...lay.bbox, h: lay.bbox.h + (hasLoop ? 60 : 0) };
    return panZoom(svg, box);
  }

  /** Pan and zoom by moving the SVG viewBox. */
  function panZoom(svg, bbox) {
    const m = G.SIZE.margin;
    const view = { x: 0, y: 0, w: 1, h: 1 };
    const apply = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    const size = () => {
      const r = svg.getBoundingClientRect();
      return { w: Math.max(r.width, 1), h: Math.max(r.height, 1), left: r.left, top: r.top };
    };
    /** Fit the whole picture, or (readable) never below READABLE scale, starting from the
     * trigger side when the picture is wider or taller than the view. */
    function fit(whole) {
      const s = size();
      let scale = Math.min(s.w / (bbox.w + 2 * m), s.h / (bbox.h + 2 * m), 1);
      if (!whole) scale = Math.max(scale, READABLE);
      view.w = s.w / scale;
      view.h = s.h / scale;
      view.x = view.w >= bbox.w + 2 * m ? bbox.x + bbox.w / 2 - view.w / 2 : bbox.x - m;
      view.y = view.h >= bbox.h + 2 * m ? bbox.y + bbox.h / 2 - view.h / 2 : bbox.y - m;
      apply();
    }
    function zoom(factor, cx, cy) {
      const s = size();
      const px = view.x + ((cx === undefined ? s.w / 2 : cx - s.left) / s.w) * view.w;
      const py = view.y + ((cy === undefined ? s.h / 2 : cy - s.top) / s.h) * view.h;
      const w = Math.min(Math.max(view.w * factor, 120), 40000);
      const f = w / view.w;
      view.x = px - (px - view.x) * f;
      view.y = py - (py - view.y) * f;
      view.w = w;
      view.h *= f;
      apply();
    }
    function pan(dx, dy) {
      const s = size();
      view.x -= (dx / s.w) * view.w;
      view.y -= (dy / s.h) * view.h;
      apply();
    }
    listen(svg, { fit, zoom, pan });
    fit();
    return { fit, fitAll: () => fit(true), zoom, pan, view, svg };
  }

  function listen(svg, api) {
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      if (ev.ctrlKey || ev.metaKey) api.zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, ev.clientX, ev.clientY);
      else api.pan(-ev.deltaX, -ev.deltaY);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0 || ev.target.closest(".np-node")) return;
      drag = { x: ev.clientX, y: ev.clientY };
      svg.setPointerCapture(ev.pointerId);
      svg.classList.add("np-dragging");
    });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      api.pan(ev.clientX - drag.x, ev.clientY - drag.y);
      drag = { x: ev.clientX, y: ev.clientY };
    });
    const stop = () => { drag = null; svg.classList.remove("np-dragging"); };
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    svg.addEventListener("keydown", (ev) => {
      if (ev.target !== svg) return;
      const keys = {
        ArrowLeft: () => api.pan(60, 0), ArrowRight: () => api.pan(-60, 0),
        ArrowUp: () => api.pan(0, 60), ArrowDown: () => api.pan(0, -60),
        "+": () => api.zoom(1 / 1.25), "=": () => api.zoom(1 / 1.25),
        "-": () => api.zoom(1.25), "0": () => api.fit(), "9": () => api.fit(true),
      };
      if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
    });
  }

  window.NP.draw = { render };
})();
