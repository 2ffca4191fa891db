// @ts-check
// Making elements. Case and learner text always goes into the page as text nodes or
// textContent, never parsed as HTML: h() turns every string child into a text node.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Attributes for h() and svg(): "class", "text" (the textContent), "onX" (a listener for
 * event X), anything else set as an attribute (true: present and empty). null, undefined
 * and false leave an attribute out.
 * @typedef {Record<string, unknown>} Attrs
 */
/** @typedef {Node | string | number | null | undefined | false | Child[]} Child */

/**
 * @param {Element} el
 * @param {Attrs} attrs
 */
export function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") el.setAttribute("class", String(value));
    else if (name === "text") el.textContent = String(value);
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else el.setAttribute(name, value === true ? "" : String(value));
  }
}

/**
 * Make an element. Strings become text nodes: nothing is parsed as HTML.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/**
 * Make an SVG element.
 * @template {keyof SVGElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @returns {SVGElementTagNameMap[K]}
 */
export function svg(tag, attrs = {}) {
  const el = /** @type {SVGElementTagNameMap[K]} */ (document.createElementNS(SVG_NS, tag));
  setAttrs(el, attrs);
  return el;
}
