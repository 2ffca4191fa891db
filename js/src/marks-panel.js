// @ts-check
// The list of the learner's marks (number, category, where, status, Show and Remove) and
// the action bar under the exercise (Check, Show the key, Start again, the status line).

import { h } from "./dom.js";
import { statusText } from "./feedback.js";

/**
 * @import { ExerciseView } from "./view.js"
 */

export class MarksPanel {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    this.list = h("ol", { class: "ss-marks-list" });
    this.count = h("span", { class: "ss-count-badge" });
    this.panel = h(
      "section",
      { class: "ss-panel ss-marks-panel", "aria-label": "Your marks" },
      h("h3", {}, "Your marks ", this.count),
      this.list,
    );
  }

  refresh() {
    const view = this.view;
    const status = view.markStatus();
    const marks = view.marks();
    this.count.textContent = String(marks.length);
    if (!marks.length) {
      this.list.replaceChildren(h("li", { class: "ss-empty", text: "Nothing marked yet." }));
      return;
    }
    this.list.replaceChildren(
      ...marks.map((m, i) => {
        const st = status.get(m.id) || "mine";
        return h(
          "li",
          { class: `ss-mark-item ss-st-${st}${m.id === view.selected ? " ss-selected" : ""}`, "data-mark": m.id },
          h("span", { class: "ss-mark-num", text: String(i + 1) }),
          h("span", { class: "ss-mark-cat", text: view.label(m.category) }),
          h("span", { class: "ss-mark-where", title: view.describe(m.location), text: view.describe(m.location, false) }),
          st !== "mine" ? h("span", { class: "ss-mark-status", text: statusText(st) || undefined }) : null,
          h("button", { type: "button", class: "ss-link", onclick: () => view.showMark(m), text: "Show" }),
          h("button", {
            type: "button",
            class: "ss-link ss-danger",
            "aria-label": `Remove mark ${i + 1}`,
            onclick: () => {
              view.removeMark(m.id);
              view.announce(`Removed mark ${i + 1}.`);
            },
            text: "Remove",
          }),
        );
      }),
    );
  }
}

export class Actions {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    const graded = view.data.graded;
    this.checkButton = h("button", { type: "button", class: "ss-btn ss-btn-primary ss-check-btn", onclick: () => view.send("check"), text: "Check my answer" });
    this.revealButton = h("button", {
      type: "button",
      class: "ss-btn ss-reveal-btn",
      "aria-pressed": "false",
      onclick: () => view.send(this.revealButton.getAttribute("aria-pressed") === "true" ? "hide" : "reveal"),
      text: "Show the key",
    });
    this.resetButton = h("button", { type: "button", class: "ss-btn ss-reset-btn", onclick: () => this.askReset(), text: "Start again…" });
    this.confirmBox = h("div", { class: "ss-confirm", hidden: true, role: "alertdialog", "aria-label": "Confirm start again" });
    this.statusEl = h("span", { class: "ss-status", role: "status", "aria-live": "polite" });
    const bar = h("div", { class: "ss-actions" });
    if (!graded) bar.append(this.checkButton, this.revealButton);
    bar.append(this.resetButton, this.confirmBox, this.statusEl);
    this.panel = h("div", { class: "ss-actions-wrap" }, bar);
    if (graded) {
      this.panel.append(h("p", { class: "ss-note ss-graded-note", text: "This exercise is graded later: there is no Check here. Your marks are saved as you go." }));
    }
  }

  askReset() {
    const yes = h("button", {
      type: "button",
      class: "ss-btn ss-btn-danger",
      onclick: () => {
        this.confirmBox.hidden = true;
        this.view.clearLocal();
        this.view.send("reset");
        this.resetButton.focus();
      },
      text: "Yes, clear everything",
    });
    const no = h("button", {
      type: "button",
      class: "ss-btn",
      onclick: () => {
        this.confirmBox.hidden = true;
        this.resetButton.focus();
      },
      text: "Keep my marks",
    });
    this.confirmBox.replaceChildren(h("span", { text: "Clear all your marks, ticks and the decision?" }), yes, no);
    this.confirmBox.hidden = false;
    no.focus();
  }

  /** @param {boolean} shown whether the key is shown */
  showRevealed(shown) {
    this.revealButton.setAttribute("aria-pressed", String(shown));
    this.revealButton.textContent = shown ? "Hide the key" : "Show the key";
  }

  /**
   * @param {string} text
   * @param {string} kind info, error, ...
   */
  setStatus(text, kind) {
    this.statusEl.textContent = text;
    this.statusEl.className = `ss-status ss-status-${kind}`;
  }
}
