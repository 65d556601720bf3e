/** What a test needs of the in-process KurrentDB protocol server. */
export interface KurrentDbTestServer {
  /** `kurrentdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * Test support for code outside this lib (the app's STORE=kurrentdb tests): starts the in-process gRPC server that
 * speaks the parts of the KurrentDB v1 Streams protocol the adapter uses (README.md "Tests": its rules are ours, not
 * KurrentDB's). Loaded only when called, so importing @app/event-store never loads grpc-js.
 */
export const startKurrentDbProtocolServer = async (): Promise<KurrentDbTestServer> => {
  const { KurrentDbProtocolServer } = await import('./kurrentdb-protocol-server');
  return KurrentDbProtocolServer.start();
};
