// Payloads the client found elsewhere (history JSON) made readable, through the codec if any.
import type { DecodePayloadsParams, PayloadView } from '../../../../shared/src/protocol';
import { WorkbenchError } from '../../errors';
import { fromRawPayload } from '../../payloads/display';
import type { Target } from '../../workbench';
import { decoderFor } from './common';

export async function decodePayloads(
  target: Target,
  p: DecodePayloadsParams,
  signal?: AbortSignal,
): Promise<{ payloads: PayloadView[] }> {
  if (!Array.isArray(p.payloads))
    throw new WorkbenchError('InvalidInput', 'payloads must be a list');
  return { payloads: await decoderFor(target, signal).views(p.payloads.map(fromRawPayload)) };
}
