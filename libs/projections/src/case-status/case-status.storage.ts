import { deadlineText, type DeadlineText, type TrackedDeadline } from '@app/domain';
import type { CaseView } from './case-status.view';

/*
 * How a case document is stored. The deadline tracker's words (title, citation, section, explanation) are most of a
 * document's bytes — about 400 of each deadline's 1,000 — and all follow from the deadline's rule, input and directed
 * date, so they are left out when written and recomputed when read. Rebuilds and every write of a case then move a
 * third less JSON.
 */

type StoredDeadline = Omit<TrackedDeadline, keyof DeadlineText>;

/** The document as stored: the view without its deadlines' words. */
export const storedCaseDoc = (view: CaseView): string =>
  JSON.stringify({
    ...view,
    deadlineTracker: {
      ...view.deadlineTracker,
      deadlines: view.deadlineTracker.deadlines.map(withoutText),
    },
  });

const withoutText = (deadline: TrackedDeadline): StoredDeadline => {
  const { title: _t, citation: _c, section: _s, explanation: _e, ...stored } = deadline;
  return stored;
};

/** A stored document (text from SQLite, already parsed from PostgreSQL's jsonb) as the view, words restored. */
export const caseViewOfDoc = (doc: unknown): CaseView => {
  const view = (typeof doc === 'string' ? JSON.parse(doc) : doc) as CaseView;
  const deadlines = view.deadlineTracker.deadlines as readonly (StoredDeadline &
    Partial<DeadlineText>)[];
  if (deadlines.every((d) => d.title !== undefined)) return view;
  return {
    ...view,
    deadlineTracker: {
      ...view.deadlineTracker,
      deadlines: deadlines.map((d) =>
        d.title !== undefined ? (d as TrackedDeadline) : { ...d, ...textOf(d) },
      ),
    },
  };
};

/*
 * The same few rules and dates recur across reads of a case and across cases, so the words are remembered by their
 * inputs (pure: the same inputs always give the same words); the memo is emptied when it reaches its bound.
 */
const MEMO_LIMIT = 20_000;
const memo = new Map<string, DeadlineText>();

const textOf = (d: StoredDeadline): DeadlineText => {
  const key = `${d.ruleId}|${d.directedDueOn ?? ''}|${JSON.stringify(d.input)}`;
  let text = memo.get(key);
  if (!text) {
    text = deadlineText(d.ruleId, d.input, d.directedDueOn);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, text);
  }
  return text;
};
