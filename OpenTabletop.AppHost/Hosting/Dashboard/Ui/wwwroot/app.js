// The dashboard's only script: hash routes, polling of the JSON API, DOM built with textContent
// (log lines and attributes are other programs' output, never markup).
"use strict";

const main = document.getElementById("main");
const statusLine = document.getElementById("status");
let timer = null;
let generation = 0;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "style") node.setAttribute("style", value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJson(path) {
  const response = await fetch(path, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function time(value) { return value ? new Date(value).toLocaleTimeString() : ""; }
function ms(value) { return value === null || value === undefined ? "" : value < 1 ? `${value.toFixed(2)} ms` : value < 1000 ? `${value.toFixed(1)} ms` : `${(value / 1000).toFixed(2)} s`; }
function query(params) { const q = new URLSearchParams(); for (const [k, v] of Object.entries(params)) if (v) q.set(k, v); return q.toString(); }

const palette = ["#3056d3", "#12805c", "#b54708", "#7a5af8", "#c01048", "#0e7090", "#4e5ba6"];
const serviceColors = new Map();
function color(service) {
  if (!serviceColors.has(service)) serviceColors.set(service, palette[serviceColors.size % palette.length]);
  return serviceColors.get(service);
}

function poll(render, everyMs) {
  const mine = ++generation;
  const run = async () => {
    if (mine !== generation) return;
    try { await render(); statusLine.textContent = `updated ${new Date().toLocaleTimeString()}`; }
    catch (error) { statusLine.textContent = String(error.message || error); }
    if (mine === generation) timer = setTimeout(run, everyMs);
  };
  clearTimeout(timer);
  run();
}

function page(title, ...content) {
  main.replaceChildren(el("h2", {}, title), ...content);
}

// Resources -------------------------------------------------------------------------------------
function resourcesPage() {
  const body = el("tbody");
  page("Resources", el("table", { id: "resources" },
    el("thead", {}, el("tr", {}, ["Name", "Kind", "State", "Health", "Endpoints", "Started", "Restarts", "Details"].map(h => el("th", {}, h)))),
    body));
  poll(async () => {
    const resources = await getJson("/api/resources");
    body.replaceChildren(...resources.map(r => el("tr", { "data-resource": r.name, "data-state": r.state },
      el("td", {}, r.kind === "Database" ? r.name : el("a", { href: `#/console/${encodeURIComponent(r.name)}` }, r.name)),
      el("td", {}, r.kind),
      el("td", { class: `state state-${r.state}` }, r.state, r.exitCode !== null && r.exitCode !== undefined ? ` (exit ${r.exitCode})` : ""),
      el("td", { class: `health-${r.health}` }, r.health || ""),
      el("td", {}, r.endpoints.map(url => url.startsWith("http") ? el("div", {}, el("a", { href: url, target: "_blank", rel: "noopener" }, url)) : el("div", { class: "muted" }, url))),
      el("td", {}, time(r.startedAt)),
      el("td", {}, r.restarts),
      el("td", { class: "muted" }, [r.provider, r.parent ? `on ${r.parent}` : null, r.processId ? `pid ${r.processId}` : null, r.error].filter(Boolean).join(" · ")))));
  }, 2000);
}

// Console logs ----------------------------------------------------------------------------------
async function consolePage(name) {
  const resources = await getJson("/api/resources");
  const names = resources.filter(r => r.kind !== "Database").map(r => r.name);
  const current = name || names.find(n => n === "api") || names[0];
  const picker = el("select", { id: "console-resource", onchange: e => { location.hash = `#/console/${encodeURIComponent(e.target.value)}`; } },
    names.map(n => el("option", { value: n, selected: n === current }, n)));
  const search = el("input", { id: "console-search", placeholder: "filter lines", type: "search" });
  const output = el("pre", { class: "console", id: "console" });
  page(`Console: ${current}`, el("div", { class: "filters" }, picker, search), output);

  let after = 0;
  let lines = [];
  const draw = () => {
    const needle = search.value.toLowerCase();
    const shown = needle ? lines.filter(l => l.text.toLowerCase().includes(needle)) : lines;
    const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 20;
    output.textContent = shown.map(l => `${new Date(l.time).toLocaleTimeString()}  ${l.text}`).join("\n");
    if (atBottom) output.scrollTop = output.scrollHeight;
  };
  search.addEventListener("input", draw);
  poll(async () => {
    const result = await getJson(`/api/resources/${encodeURIComponent(current)}/console?${query({ after, limit: 1000 })}`);
    if (result.lines.length) {
      lines = lines.concat(result.lines).slice(-5000);
      after = result.next;
      draw();
    }
  }, 1000);
}

// Structured logs -------------------------------------------------------------------------------
function logsPage(traceId) {
  const resource = el("input", { placeholder: "resource", type: "search" });
  const level = el("select", {}, ["", "debug", "information", "warning", "error"].map(l => el("option", { value: l }, l || "any level")));
  const text = el("input", { placeholder: "search message or attributes", type: "search" });
  const trace = el("input", { placeholder: "trace id", type: "search", value: traceId || "" });
  const body = el("tbody");
  page("Structured logs", el("div", { class: "filters" }, resource, level, text, trace),
    el("table", { id: "logs" }, el("thead", {}, el("tr", {}, ["Time", "Resource", "Level", "Message", "Trace"].map(h => el("th", {}, h)))), body));
  poll(async () => {
    const result = await getJson(`/api/logs?${query({ resource: resource.value, level: level.value, q: text.value, traceId: trace.value, limit: 200 })}`);
    body.replaceChildren(...result.logs.map(l => el("tr", { "data-log-id": l.id },
      el("td", {}, time(l.time)),
      el("td", {}, l.service),
      el("td", { class: `level-${l.level}` }, l.level),
      el("td", {}, el("div", {}, l.message), el("div", { class: "attrs" }, [l.category, ...Object.entries(l.attributes).map(([k, v]) => `${k}=${v}`)].join("  "))),
      el("td", {}, l.traceId ? el("a", { href: `#/traces/${l.traceId}` }, l.traceId.slice(0, 8)) : ""))));
  }, 2000);
}

// Traces ----------------------------------------------------------------------------------------
function tracesPage() {
  const resource = el("input", { placeholder: "resource", type: "search" });
  const text = el("input", { placeholder: "span name", type: "search" });
  const lone = el("input", { type: "checkbox", id: "hide-lone", checked: true });
  const body = el("tbody");
  page("Traces", el("div", { class: "filters" }, resource, text, el("label", {}, lone, " hide lone background spans")),
    el("table", { id: "traces" }, el("thead", {}, el("tr", {}, ["Start", "Root", "Services", "Spans", "Duration", "Status"].map(h => el("th", {}, h)))), body));
  poll(async () => {
    const result = await getJson(`/api/traces?${query({ resource: resource.value, q: text.value, limit: 200, hideLoneSpans: lone.checked ? "true" : "" })}`);
    body.replaceChildren(...result.traces.map(t => el("tr", { class: "clickable", "data-trace-id": t.traceId, onclick: () => { location.hash = `#/traces/${t.traceId}`; } },
      el("td", {}, time(t.start)),
      el("td", {}, el("span", { class: "badge", style: `background:${color(t.rootService)}` }, t.rootService), t.rootName),
      el("td", {}, t.services.join(", ")),
      el("td", {}, t.spanCount),
      el("td", {}, ms(t.durationMs)),
      el("td", { class: `status-${t.status}` }, t.status))));
  }, 2000);
}

// What a span talks to: PostgreSQL (Npgsql), the cache, another service over HTTP.
function kindTag(span) {
  const a = span.attributes;
  const target = span.scope === "Npgsql" || a["db.system"] === "postgresql" || a["db.system.name"] === "postgresql" ? "PostgreSQL"
    : a["db.system"] === "redis" || a["db.system.name"] === "redis" ? "cache"
    : span.kind === "Client" && (a["http.request.method"] || a["url.full"]) ? "HTTP" : null;
  return target ? el("span", { class: "tag" }, target) : null;
}

function spanDetail(span) {
  const a = span.attributes;
  const text = a["db.query.text"] || a["db.statement"] || a["url.full"] || "";
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

async function tracePage(traceId) {
  clearTimeout(timer); generation++;
  const trace = await getJson(`/api/traces/${encodeURIComponent(traceId)}`);
  const total = Math.max(trace.summary.durationMs, 0.001);
  const details = el("div", { id: "span-details", class: "attrs" });
  const rows = trace.spans.map(({ span, depth, offsetMs }) => el("tr", {
      class: "span-row clickable", "data-span-id": span.spanId, "data-service": span.service, "data-scope": span.scope, "data-name": span.name,
      onclick: () => details.replaceChildren(el("h2", {}, span.name), el("div", {}, `${span.service} · ${span.scope} · ${span.kind} · ${ms(span.durationMs)} · ${span.status}${span.statusMessage ? ": " + span.statusMessage : ""}`),
        ...Object.entries(span.attributes).map(([k, v]) => el("div", {}, `${k} = ${v}`)),
        el("div", {}, el("a", { href: `#/logs/${trace.summary.traceId}` }, "logs of this trace"))),
    },
    el("td", { class: "name", style: `padding-left:${10 + depth * 16}px`, title: spanDetail(span) || span.name },
      el("span", { class: "badge", style: `background:${color(span.service)}` }, span.service),
      kindTag(span), span.name, spanDetail(span) ? el("span", { class: "muted" }, `  ${spanDetail(span)}`) : null),
    el("td", {}, ms(span.durationMs)),
    el("td", { class: "bar-cell" }, el("div", {
      class: `bar${span.status === "Error" ? " error" : ""}`,
      style: `left:${(offsetMs / total) * 100}%;width:${Math.max((span.durationMs / total) * 100, 0.2)}%;background:${color(span.service)}`,
    }))));
  page(`Trace ${trace.summary.traceId}: ${trace.summary.rootName} (${ms(trace.summary.durationMs)}, ${trace.summary.spanCount} spans, ${trace.summary.services.join(", ")})`,
    el("table", { class: "waterfall", id: "waterfall" }, el("thead", {}, el("tr", {}, ["Span", "Duration", "Timeline"].map(h => el("th", {}, h)))), el("tbody", {}, rows)),
    details);
}

// Metrics ---------------------------------------------------------------------------------------
function metricsPage() {
  const content = el("div", { id: "metrics" });
  page("Metrics (last 5 minutes; counters since each process started)", content);
  poll(async () => {
    const m = await getJson("/api/metrics?windowSeconds=300");
    const services = m.http.filter(h => !h.route);
    const routes = m.http.filter(h => h.route);
    content.replaceChildren(
      el("section", {}, el("div", { class: "cards" }, services.map(h => el("div", { class: "card", "data-service": h.service },
        el("div", { class: "muted" }, `${h.service}: HTTP requests`),
        el("div", { class: "value" }, `${h.requestsPerSecond.toFixed(2)}/s`),
        el("div", {}, `${h.requests} requests · p50 ${ms(h.p50Ms)} · p95 ${ms(h.p95Ms)} · p99 ${ms(h.p99Ms)}`))),
        m.caches.map(c => el("div", { class: "card", "data-cache": c.cache },
          el("div", { class: "muted" }, `${c.service}: cache ${c.cache}`),
          el("div", { class: "value" }, c.hitRate === null ? "–" : `${(c.hitRate * 100).toFixed(1)}% hits`),
          el("div", {}, `${c.hits} hits · ${c.misses} misses`))),
        m.materializerRuns.map(r => el("div", { class: "card" },
          el("div", { class: "muted" }, `${r.service}: materializer runs`), el("div", { class: "value" }, r.count), el("div", {}, r.label))))),
      el("section", {}, el("h2", {}, "Requests by route"), el("table", { id: "routes" },
        el("thead", {}, el("tr", {}, ["Service", "Route", "Requests", "Rate", "p50", "p95", "p99"].map(h => el("th", {}, h)))),
        el("tbody", {}, routes.map(h => el("tr", {}, el("td", {}, h.service), el("td", {}, h.route), el("td", {}, h.requests),
          el("td", {}, `${h.requestsPerSecond.toFixed(2)}/s`), el("td", {}, ms(h.p50Ms)), el("td", {}, ms(h.p95Ms)), el("td", {}, ms(h.p99Ms))))))),
      el("section", {}, el("h2", {}, "Instruments"), el("table", { id: "instruments" },
        el("thead", {}, el("tr", {}, ["Service", "Name", "Type", "Unit", "Series", "Latest total"].map(h => el("th", {}, h)))),
        el("tbody", {}, m.instruments.map(i => el("tr", {}, el("td", {}, i.service), el("td", {}, i.name), el("td", {}, i.type), el("td", {}, i.unit),
          el("td", {}, i.series), el("td", {}, Number.isInteger(i.latest) ? i.latest : i.latest.toFixed(3))))))));
  }, 2000);
}

// Routing ---------------------------------------------------------------------------------------
function route() {
  const [, name = "resources", arg] = location.hash.match(/^#\/([^/]*)\/?(.*)$/) || [];
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.dataset.page === name);
  const argument = arg ? decodeURIComponent(arg) : null;
  clearTimeout(timer);
  generation++;
  const show = {
    resources: () => resourcesPage(),
    console: () => consolePage(argument),
    logs: () => logsPage(argument),
    traces: () => argument ? tracePage(argument) : tracesPage(),
    metrics: () => metricsPage(),
  }[name] || resourcesPage;
  Promise.resolve(show()).catch(error => { statusLine.textContent = String(error.message || error); });
}

window.addEventListener("hashchange", route);
route();
