// Cluster-level reads: system info and namespaces.
import type { Duration } from '@bufbuild/protobuf/wkt';
import type {
  ListNamespacesResult,
  NamespaceDetails,
  NamespaceSummary,
  SystemInfo,
} from '../../../../shared/src/protocol';
import type { DescribeNamespaceResponse } from '../../temporal/gen/temporal/api/workflowservice/v1/request_response_pb.js';
import {
  ArchivalState,
  NamespaceStateSchema,
  ArchivalStateSchema,
} from '../../temporal/gen/temporal/api/enums/v1/namespace_pb.js';
import { IndexedValueTypeSchema } from '../../temporal/gen/temporal/api/enums/v1/common_pb.js';
import { enumName } from '../../temporal/enums';
import type { Workbench, Target } from '../../workbench';

export async function getSystemInfo(
  wb: Workbench,
  target: Target,
  signal?: AbortSignal,
): Promise<SystemInfo> {
  const info = await wb.call(target, (c) => c.workflow.getSystemInfo({}, { signal }));
  const capabilities: Record<string, boolean> = {};
  for (const field of info.capabilities ? Object.entries(info.capabilities) : []) {
    if (typeof field[1] === 'boolean') capabilities[field[0]] = field[1];
  }
  return { serverVersion: info.serverVersion, capabilities };
}

export async function listNamespaces(
  wb: Workbench,
  target: Target,
  page: { pageSize?: number; nextPageToken?: string },
  signal?: AbortSignal,
): Promise<ListNamespacesResult> {
  const res = await wb.call(target, (c) =>
    c.workflow.listNamespaces(
      {
        pageSize: page.pageSize ?? 100,
        nextPageToken: page.nextPageToken ? Buffer.from(page.nextPageToken, 'base64') : undefined,
      },
      { signal },
    ),
  );
  return {
    namespaces: res.namespaces.map(summariseNamespace),
    nextPageToken: res.nextPageToken.length
      ? Buffer.from(res.nextPageToken).toString('base64')
      : undefined,
  };
}

export async function describeNamespace(
  wb: Workbench,
  target: Target,
  signal?: AbortSignal,
): Promise<NamespaceDetails> {
  const ns = await wb.call(target, (c) =>
    c.workflow.describeNamespace({ namespace: target.namespace }, { signal }),
  );
  const attrs = await wb.call(target, (c) =>
    c.operator.listSearchAttributes({ namespace: target.namespace }, { signal }),
  );
  const summary = summariseNamespace(ns);
  return {
    ...summary,
    id: ns.namespaceInfo?.id ?? '',
    ownerEmail: ns.namespaceInfo?.ownerEmail ?? '',
    activeCluster: ns.replicationConfig?.activeClusterName ?? '',
    clusters: ns.replicationConfig?.clusters.map((c) => c.clusterName) ?? [],
    historyArchival: enumName(
      ArchivalStateSchema,
      ns.config?.historyArchivalState ?? ArchivalState.UNSPECIFIED,
    ),
    visibilityArchival: enumName(
      ArchivalStateSchema,
      ns.config?.visibilityArchivalState ?? ArchivalState.UNSPECIFIED,
    ),
    customSearchAttributes: Object.fromEntries(
      Object.entries(attrs.customAttributes).map(([k, v]) => [
        k,
        enumName(IndexedValueTypeSchema, v),
      ]),
    ),
    data: { ...(ns.namespaceInfo?.data ?? {}) },
  };
}

function summariseNamespace(ns: DescribeNamespaceResponse): NamespaceSummary {
  return {
    name: ns.namespaceInfo?.name ?? '',
    state: enumName(NamespaceStateSchema, ns.namespaceInfo?.state ?? 0),
    description: ns.namespaceInfo?.description ?? '',
    retentionDays: days(ns.config?.workflowExecutionRetentionTtl),
  };
}

function days(d: Duration | undefined): number | undefined {
  return d ? Number(d.seconds) / 86400 : undefined;
}
