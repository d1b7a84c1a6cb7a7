// Reads a history file as `temporal workflow show --output json` writes it (and the SDK
// replayers read it) into the same event views a live history gives.
import { fromJson, type JsonValue as PbJsonValue } from '@bufbuild/protobuf';
import type { HistoryEventView } from '../../../shared/src/protocol';
import { WorkbenchError } from '../errors';
import { HistorySchema } from '../temporal/gen/temporal/api/history/v1/message_pb.js';
import type { PayloadDecoder } from '../payloads/decoder';
import { typeRegistry } from '../payloads/registry';
import { eventViews } from '../backends/temporal/history';

export async function importHistoryEvents(
  text: string,
  fileName: string,
  decoder: PayloadDecoder,
): Promise<HistoryEventView[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new WorkbenchError('InvalidInput', `${fileName} is not JSON: ${(err as Error).message}`);
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    !Array.isArray((parsed as { events?: unknown }).events)
  ) {
    throw new WorkbenchError(
      'InvalidInput',
      `${fileName} has no "events" list; expected the output of \`temporal workflow show --output json\``,
    );
  }
  let history;
  try {
    history = fromJson(HistorySchema, parsed as PbJsonValue, {
      registry: typeRegistry(),
      ignoreUnknownFields: true,
    });
  } catch (err) {
    throw new WorkbenchError('InvalidInput', `${fileName}: events: ${(err as Error).message}`);
  }
  if (!history.events.length)
    throw new WorkbenchError('InvalidInput', `${fileName}: events: the list is empty`);
  const views = eventViews(history.events, decoder);
  await decoder.flush();
  return views;
}
