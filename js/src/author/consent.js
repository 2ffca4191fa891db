// @ts-check
// The consent record as the form edits it: each field's value read from the record (the
// record's default when the field is not there yet: voluntary, for one, is true) and written back in the record's shape
// (a list for several choices or lines, true/false for a flag). Pure: tested in Node.

/** @import { ConsentField } from "./types.js" */

/**
 * The value a field shows: a list for "choices" and "lines", a boolean for "flag", else text.
 * @param {Record<string, unknown>} record
 * @param {ConsentField} field
 * @returns {string | boolean | string[]}
 */
export function consentValue(record, field) {
  const given = record ? record[field.id] : undefined;
  const value = given === undefined || given === null ? field.default : given;
  if (field.kind === "choices" || field.kind === "lines") return Array.isArray(value) ? value.map(String) : [];
  if (field.kind === "flag") return Boolean(value);
  if (value === undefined || value === null) return field.kind === "choice" ? (field.options?.[0]?.id ?? "") : "";
  return String(value);
}

/**
 * The record with one field set from the form. Lines are trimmed and empty ones dropped.
 * @param {Record<string, unknown>} record
 * @param {ConsentField} field
 * @param {unknown} value what the form holds: text, a boolean or a list of ids
 * @returns {Record<string, unknown>}
 */
export function withConsent(record, field, value) {
  /** @type {unknown} */
  let next = value;
  if (field.kind === "lines") {
    next = String(value)
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
  } else if (field.kind === "flag") {
    next = Boolean(value);
  } else if (field.kind === "choices") {
    next = Array.isArray(value) ? value.map(String) : [];
  } else {
    next = String(value ?? "");
  }
  return { ...(record || {}), [field.id]: next };
}
