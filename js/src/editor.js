// @ts-check
// The "what is it?" popover shared by the image and the post: choose a category for a new
// mark, or change or remove one; and the placing of popovers beside what they point at.

import { h } from "./dom.js";
import { feedbackItem } from "./feedback-panel.js";
import { popoverPosition } from "./geometry.js";

/**
 * @import { CaseData, Mark, MarkLocation, Rect } from "./types.js"
 * @import { ExerciseView } from "./view.js"
 */

/**
 * A category picker: the categories in their groups, `value` chosen ("" for none).
 * @param {CaseData} data
 * @param {string} value
 * @param {string} ariaLabel
 * @returns {HTMLSelectElement}
 */
export function categorySelect(data, value, ariaLabel) {
  const select = h("select", { class: "ss-category", "aria-label": ariaLabel });
  select.append(h("option", { value: "", text: "Choose what it is…" }));
  for (const group of data.category_groups) {
    const og = h("optgroup", { label: `${group.label} (${group.hint})` });
    for (const item of group.items) {
      og.append(h("option", { value: item.id, title: item.description, text: item.label }));
    }
    select.append(og);
  }
  select.value = value || "";
  return select;
}

/**
 * Put a popover just below (or above) an anchor rectangle, inside its container.
 * @param {HTMLElement} pop
 * @param {Rect | null} anchor in the container's coordinates
 * @param {HTMLElement} container
 */
export function placePopover(pop, anchor, container) {
  if (!pop || pop.hidden || !anchor) return;
  const at = popoverPosition(
    anchor,
    { width: pop.offsetWidth, height: pop.offsetHeight },
    { width: container.clientWidth, height: container.clientHeight },
  );
  pop.style.left = `${at.left}px`;
  pop.style.top = `${at.top}px`;
}

/**
 * Fill an editor popover for the new mark (`pending`) or an existing `mark`.
 * @param {ExerciseView} view
 * @param {HTMLElement} editor
 * @param {{location: MarkLocation} | null} pending
 * @param {Mark | null} mark
 */
export function fillEditor(view, editor, pending, mark) {
  const location = /** @type {MarkLocation} */ (pending ? pending.location : mark?.location);
  const where = view.describe(location, false);
  const select = categorySelect(view.data, mark ? mark.category : "", pending ? "What is the new mark?" : "What is this mark?");
  const number = mark ? view.marks().findIndex((m) => m.id === mark.id) + 1 : 0;
  const title = pending ? `New mark: ${where}` : `Mark ${number}: ${where}`;
  const buttons = pending
    ? [
        h("button", {
          type: "button",
          class: "ss-btn ss-btn-primary",
          onclick: () => view.commitPending(select.value) || select.focus(),
          text: "Add mark",
        }),
        h("button", { type: "button", class: "ss-btn", onclick: () => view.cancelPending(), text: "Cancel" }),
      ]
    : [
        h("button", {
          type: "button",
          class: "ss-btn ss-btn-danger",
          onclick: () => {
            if (mark) view.removeMark(mark.id);
            view.announce("Mark removed.");
          },
          text: "Remove mark",
        }),
        h("button", { type: "button", class: "ss-btn", onclick: () => view.select(null), text: "Done" }),
      ];
  select.addEventListener("change", () => {
    if (mark && select.value) view.updateMark(mark.id, { category: select.value });
  });
  select.addEventListener("keydown", (e) => {
    e.stopPropagation();
    if (e.key === "Enter") {
      e.preventDefault();
      if (pending) {
        if (!select.value) {
          view.announce("Choose a category first.");
          return;
        }
        const back = pending.location.type === "box" ? view.imagePanel?.stage : null;
        view.commitPending(select.value);
        back?.focus();
      } else {
        view.select(null);
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (pending) view.cancelPending();
      else view.select(null);
    }
  });
  const hint = pending ? h("span", { class: "ss-editor-hint", text: "Enter adds it, Esc cancels" }) : null;
  const quick =
    pending && view.recent.length
      ? h(
          "div",
          { class: "ss-quick", role: "group", "aria-label": "Recently used" },
          h("span", { class: "ss-quick-title", text: "Recently used:" }),
          view.recent.map((id) =>
            h("button", {
              type: "button",
              class: "ss-chip",
              onclick: () => {
                const back = pending.location.type === "box" ? view.imagePanel?.stage : null;
                view.commitPending(id);
                back?.focus({ preventScroll: true });
              },
              text: view.label(id),
            }),
          ),
        )
      : null;
  const fb = mark && (view.feedback().items || []).find((i) => (i.mark_ids || []).includes(mark.id));
  const parts = [
    h("span", { class: "ss-editor-title", text: title }),
    h("label", { class: "ss-editor-field" }, h("span", { text: "What is it?" }), select),
    ...buttons,
    hint,
    quick,
    fb ? h("ul", { class: "ss-fb-list ss-editor-feedback" }, feedbackItem(view, fb, { show: false })) : null,
  ];
  editor.replaceChildren(.../** @type {HTMLElement[]} */ (parts.filter(Boolean)));
  if (pending) window.setTimeout(() => document.activeElement === document.body && select.focus(), 0);
}
