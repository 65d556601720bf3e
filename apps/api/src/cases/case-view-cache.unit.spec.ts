import type { CaseView } from '@app/projections';
import { CaseViewCache } from './case-view-cache';

const view = (caseId: string, appeals: string[] = [], label = 'Sam'): CaseView =>
  ({
    caseId,
    ownerId: `owner-${caseId}`,
    childLabel: label,
    grants: [{ organisation: 'ipsea', grantedOn: '2025-01-01', expiresOn: null }],
    appeals: appeals.map((appealId) => ({ appealId, orders: [] })),
  }) as unknown as CaseView;

describe('CaseViewCache', () => {
  it('keeps a document read since the last commit, by case and by appeal', () => {
    const cache = new CaseViewCache();
    const mark = cache.mark();
    const stored = cache.put(view('c1', ['a1', 'a2']), mark);
    expect(cache.get('c1')).toBe(stored);
    expect(cache.getByAppeal('a2')).toBe(stored);
    expect(cache.getByAppeal('a3')).toBeUndefined();
  });

  it('forgets the cases a committed batch changed, and only those', () => {
    const cache = new CaseViewCache();
    cache.put(view('c1', ['a1']), cache.mark());
    cache.put(view('c2', ['a2']), cache.mark());
    cache.invalidate(['case-c1', 'breach-log-x']);
    expect(cache.get('c1')).toBeUndefined();
    expect(cache.getByAppeal('a1')).toBeUndefined();
    expect(cache.get('c2')?.caseId).toBe('c2');
  });

  it('does not keep a document read while a batch changed its case (it may predate the batch)', () => {
    const cache = new CaseViewCache();
    const mark = cache.mark();
    // …the read model is read here, then a batch that changed c1 commits before the document is stored…
    cache.invalidate(['case-c1', 'case-c9']);
    const read = view('c1');
    expect(cache.put(read, mark)).toBe(read);
    expect(cache.get('c1')).toBeUndefined();
    // A read that starts after the batch is kept.
    cache.put(view('c1'), cache.mark());
    expect(cache.get('c1')).toBeDefined();
  });

  it('keeps a document read while batches changed only other cases', () => {
    const cache = new CaseViewCache();
    cache.invalidate(['case-c1']);
    const mark = cache.mark();
    cache.invalidate(['case-c2']);
    cache.invalidate(['case-c3', 'breach-log-x']);
    const read = view('c1');
    expect(cache.put(read, mark)).toBe(read);
    expect(cache.get('c1')).toBe(read);
    // …but not one of a case those batches changed.
    cache.put(view('c3'), mark);
    expect(cache.get('c3')).toBeUndefined();
  });

  it('keeps no document read before a change it no longer remembers', () => {
    const cache = new CaseViewCache(500, 5000, 2);
    const early = cache.mark();
    cache.invalidate(['case-c1']);
    const middle = cache.mark();
    cache.invalidate(['case-c2']);
    cache.invalidate(['case-c3']);
    // c1's change is forgotten (two remembered): a read from before it could be older than it.
    cache.put(view('c1'), early);
    cache.put(view('c9'), early);
    expect(cache.get('c1')).toBeUndefined();
    expect(cache.get('c9')).toBeUndefined();
    // A read from after the forgotten change only needs the changes still remembered.
    cache.put(view('c1'), middle);
    cache.put(view('c2'), middle);
    expect(cache.get('c1')).toBeDefined();
    expect(cache.get('c2')).toBeUndefined();
  });

  it('hands out documents no request can change', () => {
    const cache = new CaseViewCache();
    const stored = cache.put(view('c1', ['a1']), cache.mark());
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored.grants[0])).toBe(true);
    expect(() => {
      (stored as { childLabel: string }).childLabel = 'changed';
    }).toThrow(TypeError);
    expect(() => (stored.appeals as unknown[]).push({})).toThrow(TypeError);
  });

  it('keeps at most maxCases documents, the least recently read going first', () => {
    const cache = new CaseViewCache(2, 10);
    cache.put(view('c1'), cache.mark());
    cache.put(view('c2'), cache.mark());
    cache.get('c1');
    cache.put(view('c3'), cache.mark());
    expect(cache.size).toBe(2);
    expect(cache.get('c2')).toBeUndefined();
    expect(cache.get('c1')).toBeDefined();
    expect(cache.get('c3')).toBeDefined();
  });
});
