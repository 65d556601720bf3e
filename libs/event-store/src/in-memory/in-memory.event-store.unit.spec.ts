import { eventStoreContract } from '../event-store.contract';
import { InMemoryEventStore } from './in-memory.event-store';

eventStoreContract('in-memory', () => Promise.resolve(new InMemoryEventStore()));
