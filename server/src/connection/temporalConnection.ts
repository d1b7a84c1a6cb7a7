// A connection = one grpc-js channel to a frontend plus typed clients for the services we call.
// grpc-js connects lazily on the first call; keepalive keeps long-polls alive through proxies.
import os from 'node:os';
import * as grpc from '@grpc/grpc-js';
import { OperatorService } from '../temporal/gen/temporal/api/operatorservice/v1/service_pb.js';
import { WorkflowService } from '../temporal/gen/temporal/api/workflowservice/v1/service_pb.js';
import { createRpcClient, type RpcClient } from '../temporal/rpc';
import { channelSecurity } from './credentials';
import type { ProfileDefinition } from './profiles';

export type WorkflowServiceClient = RpcClient<(typeof WorkflowService)['method']>;
export type OperatorServiceClient = RpcClient<(typeof OperatorService)['method']>;

export interface ConnectionOptions {
  apiKey?: string;
  timeoutMs: number;
  identity: string;
}

export class TemporalConnection {
  workflow!: WorkflowServiceClient;
  operator!: OperatorServiceClient;
  readonly address: string;
  readonly identity: string;
  readonly timeoutMs: number;
  private channel!: grpc.Client;

  constructor(
    readonly profile: ProfileDefinition,
    private readonly options: ConnectionOptions,
  ) {
    this.address = profile.address;
    this.identity = options.identity || `temporal-workbench@${os.hostname()}`;
    this.timeoutMs = options.timeoutMs;
    this.open();
  }

  private open(): void {
    const { profile, options } = this;
    const security = channelSecurity(profile, options.apiKey !== undefined);
    this.channel = new grpc.Client(profile.address, security.credentials, {
      ...security.options,
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 15_000,
      'grpc.max_receive_message_length': 128 * 1024 * 1024,
      'grpc.primary_user_agent': 'temporal-workbench',
    });
    const metadata: Record<string, string> = {
      'client-name': 'temporal-workbench',
      'client-version': '0.1.0',
      ...profile.grpcMeta,
    };
    if (options.apiKey !== undefined) metadata.authorization = `Bearer ${options.apiKey}`;
    const defaults = { metadata: () => metadata, timeoutMs: options.timeoutMs };
    this.workflow = createRpcClient(WorkflowService, this.channel, defaults);
    this.operator = createRpcClient(OperatorService, this.channel, defaults);
  }

  /**
   * After a failed connect, grpc-js waits out a growing backoff (up to 2 minutes) during which
   * every call fails at once with the old error, even once the server is back. A call that
   * met Unavailable calls this: a channel in that state is replaced, so the next attempt (a
   * retry, the user's Retry) connects afresh.
   */
  reconnectIfFailed(): void {
    const state = this.channel.getChannel().getConnectivityState(false);
    if (state !== grpc.connectivityState.TRANSIENT_FAILURE) return;
    this.channel.close();
    this.open();
  }

  close(): void {
    this.channel.close();
  }
}
