import { StreamVersionConflict, type AppendResult, type EventStore } from '@app/event-store';
import type { Metrics } from './metrics';

/**
 * The event store with its appends timed and its version conflicts counted. A Proxy, so whatever the wrapped store
 * is (an adapter, an encrypting decorator) keeps its own members and `instanceof`.
 */
export const instrumentEventStore = (store: EventStore, metrics: Metrics): EventStore =>
  new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'append') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(target)
          : value;
      }
      const append: EventStore['append'] = async (streamId, events, options) => {
        const labels = { store: target.kind };
        const end = metrics.appendSeconds.startTimer(labels);
        try {
          const result: AppendResult = await target.append(streamId, events, options);
          end({ outcome: result.alreadyAppended ? 'replayed' : 'ok' });
          return result;
        } catch (error) {
          if (error instanceof StreamVersionConflict) {
            metrics.versionConflicts.inc(labels);
            end({ outcome: 'conflict' });
          } else {
            end({ outcome: 'error' });
          }
          throw error;
        }
      };
      return append;
    },
  });
