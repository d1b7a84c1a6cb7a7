// Every message type of the generated Temporal API, for decoding binary/protobuf payloads by their
// `messageType` metadata and for proto3 JSON of messages that hold google.protobuf.Any.
import { createRegistry, type DescFile, type Registry } from '@bufbuild/protobuf';
import { file_temporal_api_operatorservice_v1_service } from '../temporal/gen/temporal/api/operatorservice/v1/service_pb.js';
import { file_temporal_api_workflowservice_v1_service } from '../temporal/gen/temporal/api/workflowservice/v1/service_pb.js';

let registry: Registry | undefined;

/** The registry of all generated files the service definitions reach (built once). */
export function typeRegistry(): Registry {
  if (registry) return registry;
  const files = new Set<DescFile>();
  const add = (file: DescFile) => {
    if (files.has(file)) return;
    files.add(file);
    file.dependencies.forEach(add);
  };
  add(file_temporal_api_workflowservice_v1_service);
  add(file_temporal_api_operatorservice_v1_service);
  registry = createRegistry(...files);
  return registry;
}
