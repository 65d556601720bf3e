import {
  breachTypeFor,
  defaultDutyHolder,
  deriveDeadline,
  optionalByDefault,
  type DeadlineDerivation,
  type DeadlineInput,
  type DeadlineSubject,
  type DeadlineTracker,
  type DutyHolder,
  type TrackedDeadline,
} from '@app/domain';
import { SequenceTexts, jsonText, objectText } from '../json-text';
import type { AppealView, CaseView, TimelineEntry } from './case-status.view';

/*
 * How a case document is stored (projection version 8). Its appeals are stored once, as the rows of rm_appeals (one
 * document per appeal), and the case document lists only their ids, in order: a case's appeals were most of its
 * bytes, and every change to the case rewrote all of them (version 8). The deadline tracker was most of the rest, and
 * most of each deadline follows from its rule and input: the words, the due date, who owes it in kind, whether an
 * exception applies, the breach it would be. Those are left out when written and worked out again when read. Fields
 * holding their usual value are left out too (nulls, the default duty-holder and `optional`, a subject that the key
 * already names, a `matchFrom` equal to the starting date), and so are the timeline's recording times that repeat
 * the entry before and its null appeal ids (its positions stay). A field that is present always wins, so documents
 * written by earlier versions (whole, or without the words, or with their appeals inline) read back unchanged.
 */

/** A tracked deadline as stored: only what cannot be worked out again. */
interface StoredDeadline {
  /** The key after its `ruleId:` prefix; `key` instead when it has no such prefix. */
  readonly keyTail?: string;
  readonly key?: string;
  readonly ruleId: TrackedDeadline['ruleId'];
  readonly input: DeadlineInput;
  readonly directedDueOn?: string | null;
  readonly dutyHolder?: DutyHolder | null;
  readonly startedBy: TrackedDeadline['startedBy'];
  readonly subject?: DeadlineSubject;
  readonly matchFrom?: string | null;
  readonly metOn?: string | null;
  readonly metBy?: TrackedDeadline['metBy'];
  readonly notApplicable?: TrackedDeadline['notApplicable'];
  readonly optional?: boolean;
  readonly metByOrderCompliance?: boolean;
  // Fields of documents written before version 7 (present there, absent from version 7 on).
  readonly title?: string;
  readonly citation?: string;
  readonly section?: string;
  readonly dueOn?: string;
  readonly dutyHolderKind?: TrackedDeadline['dutyHolderKind'];
  readonly explanation?: string;
  readonly exceptionApplies?: boolean;
  readonly breachType?: TrackedDeadline['breachType'];
}

type StoredEntry = Partial<TimelineEntry>;

/** `request:r-1` → `{ requestId: 'r-1' }`: the subject most keys name (null when the tail is not `<by>:<id>`). */
const subjectOfTail = (tail: string): DeadlineSubject | null => {
  const colon = tail.indexOf(':');
  if (colon <= 0) return null;
  return { [`${tail.slice(0, colon)}Id`]: tail.slice(colon + 1) };
};

const sameSubject = (a: DeadlineSubject, b: DeadlineSubject | null): boolean => {
  if (b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (a[key as keyof DeadlineSubject] !== b[key as keyof DeadlineSubject]) return false;
  }
  return true;
};

const sameHolder = (a: DutyHolder | null, b: DutyHolder | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.kind === b.kind &&
    a.localAuthorityCode === b.localAuthorityCode &&
    a.name === b.name &&
    a.urn === b.urn);

const storedDeadline = (d: TrackedDeadline, laCode: string | null): StoredDeadline => {
  const prefix = `${d.ruleId}:`;
  const tail = d.key.startsWith(prefix) ? d.key.slice(prefix.length) : null;
  const stored: Record<string, unknown> = tail === null ? { key: d.key } : { keyTail: tail };
  stored.ruleId = d.ruleId;
  stored.input = d.input;
  if (d.directedDueOn !== null) stored.directedDueOn = d.directedDueOn;
  if (!sameHolder(d.dutyHolder, defaultDutyHolder(d.dutyHolderKind, laCode))) {
    stored.dutyHolder = d.dutyHolder;
  }
  stored.startedBy = d.startedBy;
  if (tail === null || !sameSubject(d.subject, subjectOfTail(tail))) stored.subject = d.subject;
  if (d.matchFrom !== d.startedBy.on) stored.matchFrom = d.matchFrom;
  if (d.metOn !== null) stored.metOn = d.metOn;
  if (d.metBy !== null) stored.metBy = d.metBy;
  if (d.notApplicable !== null) stored.notApplicable = d.notApplicable;
  if (d.optional !== optionalByDefault(d.dutyHolderKind)) stored.optional = d.optional;
  if (d.metByOrderCompliance) stored.metByOrderCompliance = true;
  return stored as unknown as StoredDeadline;
};

/** A timeline entry as stored: its recording time only when it differs from the entry before's (`previous`). */
const storedTimelineEntry = (e: TimelineEntry, previous: string | null): StoredEntry => {
  const entry: Record<string, unknown> = {};
  entry.position = e.position;
  entry.type = e.type;
  if (previous === null || e.recordedAt !== previous) entry.recordedAt = e.recordedAt;
  entry.occurredOn = e.occurredOn;
  entry.summary = e.summary;
  if (e.appealId !== null) entry.appealId = e.appealId;
  return entry;
};

const storedTimeline = (timeline: readonly TimelineEntry[]): StoredEntry[] =>
  timeline.map((e, i) => storedTimelineEntry(e, i === 0 ? null : timeline[i - 1]!.recordedAt));

/** The document as stored, as an object: the view without what can be worked out again when read. */
export const storedCaseObject = (view: CaseView): object => {
  const tracker = view.deadlineTracker;
  const laCode = tracker.localAuthorityCode;
  const deadlines = new Array<StoredDeadline>(tracker.deadlines.length);
  for (let i = 0; i < deadlines.length; i++) {
    deadlines[i] = storedDeadline(tracker.deadlines[i]!, laCode);
  }
  return {
    ...view,
    appeals: view.appeals.map((appeal) => appeal.appealId),
    timeline: storedTimeline(view.timeline),
    deadlineTracker: { ...tracker, deadlines },
  };
};

/*
 * The text of `storedCaseObject(view)`, character for character, built from the texts of its parts (see json-text.ts):
 * the text of a frozen appeal, deadline, timeline entry or other value is kept by object, and a deadline's or timeline
 * entry's stored form by object and the one thing it depends on (the LA code; the previous entry's time).
 */
/** Per frozen object, the text of its stored form for one context (the previous entry's time; the LA code). */
const storedTexts = new WeakMap<
  object,
  { readonly context: string | null; readonly text: string }
>();

const storedText = (value: object, context: string | null, stored: () => unknown): string => {
  if (!Object.isFrozen(value)) return JSON.stringify(stored());
  const known = storedTexts.get(value);
  if (known !== undefined && known.context === context) return known.text;
  const text = JSON.stringify(stored());
  storedTexts.set(value, { context, text });
  return text;
};

// A new version of a case's timeline, deadlines or appeals shares all but its last few elements with the last one.
const timelineTexts = new SequenceTexts();
const deadlineTexts = new SequenceTexts();
const appealIdTexts = new SequenceTexts();

const timelineText = (timeline: readonly TimelineEntry[]): string =>
  timelineTexts.text(timeline, (i) => {
    const entry = timeline[i]!;
    const previous = i === 0 ? null : timeline[i - 1]!.recordedAt;
    return storedText(entry, previous, () => storedTimelineEntry(entry, previous));
  });

/** The document as stored (text); equal to `JSON.stringify(storedCaseObject(view))`. */
export const storedCaseDoc = (view: CaseView): string =>
  objectText(view, (key, inner) => {
    if (key === 'appeals') {
      return appealIdTexts.text(view.appeals, (i) => JSON.stringify(view.appeals[i]!.appealId));
    }
    if (key === 'timeline') return timelineText(view.timeline);
    if (key !== 'deadlineTracker') return jsonText(inner);
    const tracker = view.deadlineTracker;
    const laCode = tracker.localAuthorityCode;
    return objectText(tracker, (trackerKey, value) =>
      trackerKey === 'deadlines'
        ? deadlineTexts.text(
            tracker.deadlines,
            (i) => {
              const d = tracker.deadlines[i]!;
              return storedText(d, laCode, () => storedDeadline(d, laCode));
            },
            laCode,
          )
        : jsonText(value),
    );
  });

/*
 * The same few rules and inputs recur across reads of a case and across cases, so what follows from them is
 * remembered by its inputs (pure: the same inputs always give the same result); the memo is emptied at its bound.
 */
const MEMO_LIMIT = 20_000;
const memo = new Map<string, DeadlineDerivation>();

const derivationOf = (d: StoredDeadline, directedDueOn: string | null): DeadlineDerivation => {
  const key = `${d.ruleId}|${directedDueOn ?? ''}|${JSON.stringify(d.input)}`;
  let derived = memo.get(key);
  if (!derived) {
    derived = deriveDeadline(d.ruleId, d.input, directedDueOn);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, derived);
  }
  return derived;
};

/** Present wins: `value` when the stored field is there (even null), else what it stands for. */
const or = <T>(value: T | undefined, fallback: () => T): T =>
  value !== undefined ? value : fallback();

const trackedDeadline = (d: StoredDeadline, laCode: string | null): TrackedDeadline => {
  const directedDueOn = d.directedDueOn ?? null;
  const complete =
    d.title !== undefined &&
    d.citation !== undefined &&
    d.section !== undefined &&
    d.dueOn !== undefined &&
    d.dutyHolderKind !== undefined &&
    d.explanation !== undefined &&
    d.exceptionApplies !== undefined;
  const derived = complete ? null : derivationOf(d, directedDueOn);
  const dutyHolderKind = d.dutyHolderKind ?? derived!.dutyHolderKind;
  const key = d.key ?? `${d.ruleId}:${d.keyTail!}`;
  return {
    key,
    ruleId: d.ruleId,
    input: d.input,
    directedDueOn,
    title: d.title ?? derived!.title,
    citation: d.citation ?? derived!.citation,
    section: d.section ?? derived!.section,
    dueOn: d.dueOn ?? derived!.dueOn,
    dutyHolderKind,
    dutyHolder: or(d.dutyHolder, () => defaultDutyHolder(dutyHolderKind, laCode)),
    explanation: d.explanation ?? derived!.explanation,
    exceptionApplies: d.exceptionApplies ?? derived!.exceptionApplies,
    startedBy: d.startedBy,
    subject: or(d.subject, () => subjectOfTail(d.keyTail ?? '') ?? {}),
    matchFrom: or(d.matchFrom, () => d.startedBy.on),
    metOn: d.metOn ?? null,
    metBy: d.metBy ?? null,
    notApplicable: d.notApplicable ?? null,
    optional: d.optional ?? optionalByDefault(dutyHolderKind),
    metByOrderCompliance: d.metByOrderCompliance ?? false,
    breachType: or(d.breachType, () => breachTypeFor(d.ruleId)),
  };
};

const timelineOf = (stored: readonly StoredEntry[]): TimelineEntry[] => {
  const timeline = new Array<TimelineEntry>(stored.length);
  let previous: TimelineEntry | null = null;
  for (let i = 0; i < stored.length; i++) {
    const e = stored[i]!;
    const entry: TimelineEntry = {
      position: e.position!,
      type: e.type!,
      recordedAt: e.recordedAt ?? previous!.recordedAt,
      occurredOn: e.occurredOn!,
      summary: e.summary!,
      appealId: e.appealId ?? null,
    };
    timeline[i] = entry;
    previous = entry;
  }
  return timeline;
};

/** A stored appeal (rm_appeals.doc: text from SQLite, or already parsed). */
const appealOfDoc = (doc: unknown): AppealView =>
  (typeof doc === 'string' ? JSON.parse(doc) : doc) as AppealView;

/** A case's appeals: inline (documents of version 7 and before), or by id from their rows. */
const appealsOf = (
  caseId: string,
  stored: readonly (AppealView | string)[],
  appealDocs: ReadonlyMap<string, unknown> | undefined,
): AppealView[] =>
  stored.map((appeal) => {
    if (typeof appeal !== 'string') return appeal;
    const doc = appealDocs?.get(appeal);
    if (doc === undefined) {
      throw new Error(
        `The read model lists appeal ${appeal} in case ${caseId} but has no row for it: rebuild the case-status projection.`,
      );
    }
    return appealOfDoc(doc);
  });

/**
 * A stored document (text from SQLite, already parsed from PostgreSQL's jsonb) as the view. `appealDocs`: the stored
 * documents of its appeals (rm_appeals.doc) by appeal id, read in the same statement as the case's (see
 * caseViewsOfRows); a document that lists an appeal not among them is refused.
 */
export const caseViewOfDoc = (
  doc: unknown,
  appealDocs?: ReadonlyMap<string, unknown>,
): CaseView => {
  const stored = (typeof doc === 'string' ? JSON.parse(doc) : doc) as Omit<CaseView, 'appeals'> & {
    readonly appeals: readonly (AppealView | string)[];
  };
  const tracker = stored.deadlineTracker as Omit<DeadlineTracker, 'deadlines'> & {
    readonly deadlines: readonly StoredDeadline[];
  };
  const laCode = tracker.localAuthorityCode;
  const deadlines = new Array<TrackedDeadline>(tracker.deadlines.length);
  for (let i = 0; i < deadlines.length; i++) {
    deadlines[i] = trackedDeadline(tracker.deadlines[i]!, laCode);
  }
  return {
    ...stored,
    appeals: appealsOf(stored.caseId, stored.appeals, appealDocs),
    timeline: timelineOf(stored.timeline),
    deadlineTracker: { ...tracker, deadlines },
  };
};

/**
 * A row of a case and its appeals read together: a case's document (`appeal_id` null), or one of its appeals'. A type,
 * not an interface, so that it is a Row (see read-model-db.ts) as query results are.
 */
export type CaseRow = {
  readonly appeal_id: string | null;
  readonly doc: unknown;
};

/** The case views of rows read by one statement (see withAppealRows), in the order their case rows came. */
export const caseViewsOfRows = (rows: readonly CaseRow[]): CaseView[] => {
  const appealDocs = new Map<string, unknown>();
  const caseDocs: unknown[] = [];
  for (const row of rows) {
    if (row.appeal_id === null) caseDocs.push(row.doc);
    else appealDocs.set(row.appeal_id, row.doc);
  }
  return caseDocs.map((doc) => caseViewOfDoc(doc, appealDocs));
};
