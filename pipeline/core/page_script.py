"""Page script - the live alerts page's inline JavaScript (polls the API, renders the list).

Kept apart from pages.py so each file reads as one language. Every text goes in through
`textContent`, never `innerHTML`: an evidence sentence may contain markup. Values are
formatted like pipeline.core.render.figure_value (the qualifier words come from there).
"""

from __future__ import annotations

ALERTS_SCRIPT = r"""
(function () {
  "use strict";
  const list = document.getElementById("alerts");
  const empty = document.getElementById("empty");
  const status = document.getElementById("status");
  const seen = new Set();
  let loaded = false;

  function number(v) {
    const opts = Number.isInteger(v) ? {maximumFractionDigits: 0}
      : {minimumFractionDigits: 1, maximumFractionDigits: 1};
    return v.toLocaleString("en-US", opts);
  }
  function ordinal(n) {
    const tens = n % 100, ones = n % 10;
    const suffix = tens >= 10 && tens <= 20 ? "th"
      : ({1: "st", 2: "nd", 3: "rd"})[ones] || "th";
    return n + suffix;
  }
  function isNum(v) { return typeof v === "number" && isFinite(v); }
  function value(low, high, f) {
    if (!isNum(low) || !isNum(high)) return (f && f.vague) || "(no count)";
    let text = f && f.ordinal ? ordinal(Math.trunc(low))
      : low === high ? number(low) : number(low) + "\u2013" + number(high);
    const words = f && FIGUREWATCH.qualifiers[f.qualifier];
    if (words) text = words + " " + text;
    if (f && f.scope === "additional") text += " more";
    else if (f && f.scope === "planned") text += " (planned)";
    return text;
  }
  function metricWords(metric) {
    let [base, scope] = String(metric || "claim").split("+");
    let unit = "";
    if (base.endsWith("_km")) { base = base.slice(0, -3); unit = " (km)"; }
    const words = base.replace(/_/g, " ").trim();
    const text = words.charAt(0).toUpperCase() + words.slice(1) + unit;
    return scope ? text + " (" + scope + ")" : text;
  }
  function utc(seconds) {
    if (!isNum(seconds)) return "";
    return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ") + " UTC";
  }
  function webUrl(url) {
    try { return ["http:", "https:"].includes(new URL(url).protocol) ? url : null; }
    catch (e) { return null; }
  }
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function previous(alert, f) {
    if ((alert.type === "revised" || alert.type === "contested") && isNum(alert.previous_low)) {
      const was = value(alert.previous_low, alert.previous_high,
                        {ordinal: f.ordinal, scope: f.scope});
      const per = alert.type === "contested" && alert.previous_attribution
        ? " per " + alert.previous_attribution : "";
      return "was " + was + per;
    }
    return null;
  }

  function item(alert) {
    const f = alert.figure || {};
    const type = ["new", "revised", "contested", "corroborated"].includes(alert.type)
      ? alert.type : "new";
    const li = el("li", "alert alert-" + type);
    if (loaded && !seen.has(alert.id)) li.classList.add("fresh");
    const head = el("div", "head");
    head.append(el("span", "badge badge-" + type, type.toUpperCase()));
    const link = el("a", "claim-link", metricWords(f.metric) + ": " + value(f.low, f.high, f));
    link.href = "/claims/" + encodeURIComponent(alert.claim_key || "");
    head.append(link);
    const was = previous(alert, f);
    if (was) head.append(el("span", "previous", "(" + was + ")"));
    head.append(el("time", null, utc(alert.detected_at)));
    li.append(head);

    const who = [f.actor, f.weapon].filter(Boolean).join(" ") || "-";
    const parts = [f.location ? who + " in/to " + f.location : who];
    if (f.attribution) parts.push("per " + f.attribution);
    const count = alert.source_count || 0;
    parts.push(count + (count === 1 ? " source" : " sources") +
               (alert.sources && alert.sources.length ? ": " + alert.sources.join(", ") : ""));
    if (alert.version) parts.push("version " + alert.version);
    const meta = el("div", "meta", parts.join(" · ") + " · ");
    const url = webUrl(f.url);
    const article = el(url ? "a" : "span", "article-link", (f.source || "?") +
                       (f.published_at ? " (" + f.published_at + ")" : ""));
    if (url) { article.href = url; article.rel = "noopener noreferrer"; }
    meta.append(article);
    li.append(meta);
    const sentence = f.evidence && f.evidence.sentence;
    if (sentence) li.append(el("blockquote", "evidence", sentence));
    return li;
  }

  function render(alerts) {
    list.replaceChildren(...alerts.map(item));
    alerts.forEach(function (a) { seen.add(a.id); });
    empty.hidden = alerts.length > 0;
    loaded = true;
  }

  async function poll() {
    try {
      const response = await fetch(FIGUREWATCH.url, {cache: "no-store"});
      if (!response.ok) throw new Error("HTTP " + response.status);
      const data = await response.json();
      if (!data || !Array.isArray(data.alerts)) throw new Error("unexpected response");
      render(data.alerts);
      status.className = "ok";
      status.textContent = "Live · " + data.alerts.length + " alerts · updated " +
        new Date().toISOString().slice(11, 19) + " UTC";
    } catch (error) {
      status.className = "error";
      status.textContent = "Alert feed unavailable (" + error.message + "); retrying every " +
        FIGUREWATCH.pollMs / 1000 + " s." + (loaded ? " Showing the last alerts received." : "");
      if (!loaded) empty.hidden = true;
    } finally {
      setTimeout(poll, FIGUREWATCH.pollMs);
    }
  }
  poll();
})();
"""
