import type { DomainCommand } from '../decider';
import type { ErasureRequester } from './erasure.events';

export type ErasePersonalData = DomainCommand<
  'ErasePersonalData',
  { requestedBy: ErasureRequester }
>;

export type ErasureCommand = ErasePersonalData;
