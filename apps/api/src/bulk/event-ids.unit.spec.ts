import { deterministicId } from '@app/event-store';
import { CommandEventIds } from './event-ids';

describe('bulk import event ids', () => {
  it('are exactly the ids handleCommand derives (deterministicId), so an earlier import resumes', () => {
    const cases: [string, string, string][] = [
      ['case-1', 'user-1', 'key'],
      ['case-0f3a', 'family-42', 'c-17-lodge'],
      ['case-"quoted"', 'la\\officer', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'],
      ['case-é✓', 'actor with spaces and ünïcödé 😀', 'x'],
      ['case-\u0000\u001f', 'a\nb', 'k\t'],
    ];
    for (const [streamId, actor, key] of cases) {
      const ids = new CommandEventIds(streamId, actor, key);
      for (let i = 0; i < 13; i++) {
        expect(ids.idAt(i)).toBe(deterministicId(streamId, actor, key, String(i)));
      }
    }
  });

  it('give the same id however often and in whatever order they are asked for', () => {
    const ids = new CommandEventIds('case-9', 'user-9', 'k-9');
    const forward = [0, 1, 2].map((i) => ids.idAt(i));
    const backward = [2, 1, 0].map((i) => new CommandEventIds('case-9', 'user-9', 'k-9').idAt(i));
    expect(backward.reverse()).toEqual(forward);
    expect(new Set(forward).size).toBe(3);
  });
});
