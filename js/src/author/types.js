// @ts-check
// The shapes the author view reads and writes, for the type checker only (no code).
// They follow the Python side: safeshare.author's draft_to_dict (the draft) and
// widgets/author_payload.py (the image, the taxonomy, the guard's report).

/**
 * One mark of the draft: a box on the image (x, y, w, h in image pixels) and what the
 * key says about it. status: proposed (to review), accepted (in the key), not_identifying
 * (confirmed by the educator), removed (blanked out of the image). fill: null, or the kind
 * of fictional value painted into the box per variant.
 * @typedef {{id: string, box: number[], category: string, severity: string, explanation: string,
 *   guidance: string[], origin: string, text: string, status: string, fill: string | null,
 *   look?: unknown}} DraftMark
 */

/**
 * A populated identifying header field of the asset and what happens to it.
 * @typedef {{tag: string, status: string, value: string, category: string}} MetadataField
 */

/**
 * The whole editable state of an authored case (safeshare.author.draft_to_dict).
 * @typedef {{case_id: string, title: string, modality: string, asset: string, width: number,
 *   height: number, marks: DraftMark[], post: string, consent: Record<string, unknown>,
 *   decision: string, decision_reason: string, metadata_fields: MetadataField[], brief: string,
 *   objectives: string[], difficulty: number} & Record<string, unknown>} Draft
 */

/**
 * The picture the educator marks: the asset as the browser can show it.
 * @typedef {{src: string, width: number, height: number, label: string}} AuthorImage
 */

/**
 * @typedef {{id: string, label: string, description: string, severity: string,
 *   guidance: string[], remedy: string}} AuthorCategory
 * @typedef {{id: string, label: string, hint: string, items: AuthorCategory[]}} AuthorCategoryGroup
 * @typedef {{id: string, label: string, description?: string}} Option
 * @typedef {{id: string, label: string, summary: string}} GuidanceInfo
 * @typedef {{id: string, label: string, category: string, example: string}} FillKind
 */

/**
 * One field of the consent record form: a choice, several choices, a yes/no, a list of
 * words (one a line) or a line of text; default: the record's value when the field is absent.
 * @typedef {{id: string, label: string, kind: "choice" | "choices" | "flag" | "lines" | "text",
 *   options?: Option[], hint?: string, default?: unknown}} ConsentField
 */

/**
 * Everything the page needs besides the draft (widgets/author_payload.author_taxonomy).
 * @typedef {{category_groups: AuthorCategoryGroup[], guidance: GuidanceInfo[], severities: Option[],
 *   decisions: Option[], modalities: Option[], fill_kinds: FillKind[], metadata_statuses: Option[],
 *   consent_fields: ConsentField[]}} AuthorTaxonomy
 */

/**
 * The privacy guard's report (safeshare.author.GuardReport.to_dict): what blocks the save,
 * what is accounted for and how, what the checker cannot guarantee; problems: what stops
 * the draft being read at all (shown like the guard's sentences); n numbers the reports.
 * @typedef {{ok?: boolean, unaccounted?: string[], accounted?: string[], unchecked?: string[],
 *   problems?: string[], n?: number}} GuardReport
 */

export {};
