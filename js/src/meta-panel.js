// @ts-check
// The hidden-data panel: each file's header (EXIF, DICOM) as a table whose rows the
// learner ticks and gives a category. A ticked row without a category waits ("pending").

import { h } from "./dom.js";
import { categorySelect } from "./editor.js";
import { metaRowStatus, statusText } from "./feedback.js";
import { metaFlags } from "./overlay.js";

/**
 * @import { Mark, MetaRow, MetaTable } from "./types.js"
 * @import { ExerciseView } from "./view.js"
 */

/** @typedef {{tr: HTMLTableRowElement, box: HTMLInputElement, select: HTMLSelectElement, row: MetaRow}} MetaEntry */

export class MetaPanel {
  /**
   * @param {ExerciseView} view
   * @param {MetaTable[]} tables
   */
  constructor(view, tables) {
    this.view = view;
    /** @type {Set<string>} "asset|tag" ticked without a category yet */
    this.pending = new Set();
    /** @type {Map<string, MetaEntry>} "asset|tag" -> its row */
    this.rows = new Map();
    const panel = h("section", { class: "ss-panel ss-meta-panel", "aria-label": "Hidden data in the files" });
    panel.append(
      h("h3", { text: "Hidden data in the files" }),
      h("p", { class: "ss-help", text: "The header travels with the file though nobody sees it. Tick each row that could identify the patient and choose what it is." }),
    );
    for (const table of tables) {
      const tbody = h("tbody");
      for (const row of table.rows) {
        const key = `${table.asset}|${row.tag}`;
        const box = h("input", { type: "checkbox", "aria-label": `Mark ${row.label} as a risk` });
        const select = categorySelect(view.data, "", `What is ${row.label}?`);
        const tr = h(
          "tr",
          { "data-meta": key },
          h("td", { class: "ss-tick" }, box),
          h("td", { class: "ss-meta-label" }, h("span", { text: row.label }), h("code", { class: "ss-tag", text: row.tag })),
          h("td", { class: "ss-meta-value", text: row.value }),
          h("td", { class: "ss-meta-cat" }, select),
        );
        box.addEventListener("change", () => this.onTick(table.asset, row.tag, box, select));
        select.addEventListener("change", () => this.onCategory(table.asset, row.tag, box, select));
        select.addEventListener("keydown", (e) => e.stopPropagation());
        box.addEventListener("keydown", (e) => e.stopPropagation());
        this.rows.set(key, { tr, box, select, row });
        tbody.append(tr);
      }
      panel.append(
        h(
          "div",
          { class: "ss-meta-scroll" },
          h(
            "table",
            { class: "ss-meta" },
            h("caption", { text: table.label }),
            h("thead", {}, h("tr", {}, ["Risk?", "Field", "Value", "What is it?"].map((t) => h("th", { scope: "col", text: t })))),
            tbody,
          ),
        ),
      );
    }
    this.panel = panel;
  }

  /**
   * The learner's mark on a header field, if any.
   * @param {string} asset
   * @param {string} tag
   * @returns {Mark | undefined}
   */
  markOf(asset, tag) {
    return this.view.marks().find((m) => m.location.type === "meta" && m.location.asset === asset && m.location.tag === tag);
  }

  /**
   * @param {string} asset
   * @param {string} tag
   * @param {HTMLInputElement} box
   * @param {HTMLSelectElement} select
   */
  onTick(asset, tag, box, select) {
    const view = this.view;
    const key = `${asset}|${tag}`;
    const mark = this.markOf(asset, tag);
    if (box.checked) {
      if (select.value) {
        view.addMark(select.value, { type: "meta", asset, tag });
      } else {
        this.pending.add(key);
        this.refresh();
        select.focus();
        view.announce("Now choose what it is.");
      }
    } else {
      this.pending.delete(key);
      if (mark) view.removeMark(mark.id);
      this.refresh();
    }
  }

  /**
   * @param {string} asset
   * @param {string} tag
   * @param {HTMLInputElement} box
   * @param {HTMLSelectElement} select
   */
  onCategory(asset, tag, box, select) {
    const view = this.view;
    const key = `${asset}|${tag}`;
    const mark = this.markOf(asset, tag);
    if (mark && select.value) {
      view.updateMark(mark.id, { category: select.value });
    } else if (!mark && select.value) {
      box.checked = true;
      this.pending.delete(key);
      view.addMark(select.value, { type: "meta", asset, tag });
    }
  }

  /** Redraw the ticks, categories and colours from the marks, feedback and key. */
  refresh() {
    const view = this.view;
    const status = view.markStatus();
    const { missed, keyed } = metaFlags(view.feedback().items || [], view.revealed().findings || []);
    for (const [key, entry] of this.rows) {
      const [asset, tag] = key.split("|");
      const mark = this.markOf(asset, tag);
      entry.box.checked = Boolean(mark) || this.pending.has(key);
      if (mark) {
        this.pending.delete(key);
        entry.select.value = mark.category;
      } else if (!this.pending.has(key)) {
        entry.select.value = "";
      }
      const st = metaRowStatus({
        markStatus: mark ? status.get(mark.id) || "" : null,
        pending: this.pending.has(key),
        missed: missed.has(key),
        keyed: keyed.has(key),
      });
      entry.tr.className = st ? `ss-st-${st}` : "";
      entry.tr.title = st === "missed" ? `Missed: ${missed.get(key)}` : st ? statusText(st) || "Choose what it is" : "";
    }
  }
}
