// Plain data in and out of the fault adapter: nothing of toxiproxy-node-client leaks past src/faults/.

export type ToxicType = 'latency' | 'bandwidth' | 'slow_close' | 'timeout' | 'reset_peer' | 'slicer' | 'limit_data';
export type ToxicStream = 'upstream' | 'downstream';

export interface ProxySpec {
  name: string;
  /** host:port; port 0 lets the server pick one (the bound address comes back in ProxyState.listen). */
  listen: string;
  upstream: string;
}

export interface ToxicState {
  name: string;
  type: string;
  stream: string;
  toxicity: number;
  attributes: Record<string, number>;
}

export interface ProxyState {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: ToxicState[];
}

export interface ToxicSpec {
  type: ToxicType;
  /** Default `<type>_<stream>`, as the server names it. */
  name?: string;
  /** Default downstream (server → client). */
  stream?: ToxicStream;
  /** Share of connections affected, 0..1; default 1. */
  toxicity?: number;
  /** Type-specific, in the server's units (latency ms, rate KB/s, slicer delay µs …); omitted ones are 0. */
  attributes?: Record<string, number>;
}

export interface ToxicChange {
  attributes?: Record<string, number>;
  toxicity?: number;
}

/** A Toxiproxy call failed: `status` is the HTTP status when the server answered. */
export class FaultError extends Error {
  readonly code = 'FAULT_SETUP';

  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FaultError';
  }
}
