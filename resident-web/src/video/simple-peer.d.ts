// Types for the parts of @thaunknown/simple-peer that Kaari uses (the package ships none).
declare module '@thaunknown/simple-peer' {
  interface PeerOptions {
    initiator?: boolean;
    stream?: MediaStream;
    trickle?: boolean;
    config?: RTCConfiguration;
    offerOptions?: RTCOfferOptions;
  }
  export default class Peer {
    constructor(options?: PeerOptions);
    /** The underlying connection: for getStats and the connection state. */
    readonly _pc: RTCPeerConnection;
    readonly destroyed: boolean;
    signal(data: unknown): void;
    negotiate(): void;
    replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream): void;
    destroy(error?: Error): void;
    on(event: 'signal', listener: (data: Record<string, unknown>) => void): this;
    on(event: 'stream', listener: (stream: MediaStream) => void): this;
    on(event: 'connect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error & { code?: string }) => void): this;
  }
}
