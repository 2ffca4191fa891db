// @ts-check
// The shapes the widget reads and writes, for the type checker only (no code).
// They follow the Python side: payload.case_payload (the case), feedback.feedback_state
// and revealed_state (after Check and Reveal), and the answer format (marks).

/**
 * A box on an image, in image pixels.
 * @typedef {{type: "box", asset: string, x: number, y: number, w: number, h: number}} BoxLocation
 */
/**
 * Characters start..end of one text field of the post.
 * @typedef {{type: "span", asset: string, field: string, start: number, end: number}} SpanLocation
 */
/**
 * A header field (EXIF tag or DICOM keyword) of a file.
 * @typedef {{type: "meta", asset: string, tag: string}} MetaLocation
 */
/**
 * Any other location the grader may report (a point, say): drawn nowhere, named by its type.
 * @typedef {{type: string, asset?: string}} OtherLocation
 */
/** @typedef {BoxLocation | SpanLocation | MetaLocation} MarkLocation */
/** @typedef {MarkLocation | OtherLocation} AnyLocation */

/**
 * A rectangle without an image: a box being drawn, or a box on screen.
 * @typedef {{x: number, y: number, w: number, h: number}} Rect
 */
/** @typedef {{x: number, y: number}} Point */
/** @typedef {{width: number, height: number}} Size */

/** @typedef {{id: string, category: string, location: MarkLocation}} Mark */

/**
 * One picture of the case.
 * @typedef {{id: string, type: string, caption: string, width: number, height: number,
 *   markable: boolean, src: string, label: string}} ImageInfo
 */

/**
 * The view of one image: zoom (1 = fit) and where the picture's corner sits on the stage.
 * tx is null until the stage has been laid out.
 * @typedef {{zoom: number, tx: number | null, ty: number | null}} ImageView
 */
/** The view once laid out: tx and ty known. @typedef {{zoom: number, tx: number, ty: number}} PlacedView */

/**
 * @typedef {{id: string, label: string, description: string}} Choice
 * @typedef {{id: string, label: string, hint: string, items: Choice[]}} CategoryGroup
 * @typedef {{tag: string, label: string, value: string}} MetaRow
 * @typedef {{asset: string, label: string, rows: MetaRow[]}} MetaTable
 * @typedef {{form_src: string, form_width: number, form_height: number, rows: string[][]}} ConsentRecord
 * @typedef {{display_name: string, handle: string, avatar_color?: string}} Profile
 * @typedef {{author: Profile, posted_at?: string}} Reply
 * @typedef {{author: Profile & {verified?: boolean}, thread: unknown[], replies: Reply[],
 *   images: string[], views?: string | number, likes?: string | number,
 *   fields: Record<string, string>}} Post
 */

/**
 * Everything the page shows of a case (payload.case_payload).
 * @typedef {{case_id: string, title: string, difficulty: number, brief: string,
 *   objectives: string[], images: ImageInfo[], metadata: MetaTable[], post: Post | null,
 *   post_asset: string, consent: ConsentRecord | null, graded: boolean,
 *   category_groups: CategoryGroup[], consent_gaps: Choice[], decisions: Choice[]}} CaseData
 */

/**
 * One entry of the feedback after Check, or a key finding shown on Reveal.
 * Only status, label and location are always there. mark_ids names the marks the item is
 * about (any number; a mark may be named by several items). finding_id, kind and
 * overlaps are sent by the kernel for other readers; the page does not draw them.
 * @typedef {{status: string, label: string, location: AnyLocation, mark_ids?: string[],
 *   category?: string, where?: string, evidence?: string, note?: string,
 *   explanation?: string, remedy?: string, guidance?: string[], finding_id?: string,
 *   kind?: string, overlaps?: unknown[]}} FeedbackItem
 */
/** @typedef {{id: string, status: string, label: string, explanation?: string}} GapFeedback */
/**
 * @typedef {{chosen?: string, chosen_label?: string, expected: string, expected_label: string,
 *   correct: boolean, reason?: string}} DecisionFeedback
 */
/**
 * The feedback after Check (feedback.feedback_state); {} before Check.
 * @typedef {{score?: number, percent?: number, headline?: string,
 *   counts?: Record<string, number>, parts?: {label: string, text: string}[],
 *   items?: FeedbackItem[], consent?: {summary?: string, items?: GapFeedback[]},
 *   decision?: DecisionFeedback}} Feedback
 */
/**
 * @typedef {{category: string, location: AnyLocation, where?: string, evidence?: string,
 *   explanation?: string, remedy?: string, guidance?: string[]}} KeyFinding
 */
/**
 * The key on Reveal (feedback.revealed_state); {} while hidden.
 * @typedef {{findings?: KeyFinding[], decoys?: {where?: string, explanation: string}[],
 *   consent_gaps?: string[], decision?: {id?: string, label?: string, reason?: string}}} Revealed
 */

/**
 * The anywidget model: synced traitlets, get/set/save and custom messages.
 * @typedef {{get(name: string): any, set(name: string, value: unknown): void,
 *   save_changes(): void, send(message: unknown): void,
 *   on(name: string, fn: () => void): void, off(name: string, fn: () => void): void}} Model
 */

export {};
