import type { Participant, VideoServerFrame } from '../protocol/video';

/** What the mesh needs of a peer connection (simple-peer's API); media is the caller's business. */
export interface PeerLike {
  signal(data: unknown): void;
  destroy(): void;
}

export interface MeshDeps<P extends PeerLike> {
  /** A new peer towards `remote`; the caller sends its signal data to that participant's session. */
  createPeer(remote: Participant, initiator: boolean): P;
  onPeers(peers: ReadonlyMap<string, { participant: Participant; peer: P }>): void;
}

/**
 * The full mesh of a visit, the same in the workstation and the resident's browser: one peer per
 * other admitted participant's session. Of each pair, the one with the smaller id makes the offer,
 * so two sides never offer at once. A participant who reloads comes back with a new session; the
 * old peer is dropped and a new one made.
 */
export function createMesh<P extends PeerLike>(deps: MeshDeps<P>) {
  const peers = new Map<string, { participant: Participant; peer: P }>();
  let self: Participant | null = null;
  const key = (p: Pick<Participant, 'id' | 'session'>) => `${p.id}/${p.session}`;
  const drop = (k: string) => {
    peers.get(k)?.peer.destroy();
    peers.delete(k);
  };
  const add = (remote: Participant) => {
    if (!self) return;
    const peer = deps.createPeer(remote, self.id < remote.id);
    peers.set(key(remote), { participant: remote, peer });
  };
  const changed = () => deps.onPeers(new Map(peers));

  return {
    handle(frame: VideoServerFrame): void {
      if (frame.type === 'joined') {
        for (const k of [...peers.keys()]) drop(k);
        self = frame.self;
        changed();
      } else if (frame.type === 'participants') {
        const me = self ? frame.participants.find((p) => p.id === self?.id && p.session === self.session) : undefined;
        if (me) self = me;
        const others = self?.admitted ? frame.participants.filter((p) => p.admitted && p.id !== self?.id) : [];
        const wanted = new Map(others.map((p) => [key(p), p]));
        for (const k of [...peers.keys()]) if (!wanted.has(k)) drop(k);
        for (const [k, p] of wanted) {
          const known = peers.get(k);
          if (known) known.participant = p;
          else add(p);
        }
        changed();
      } else if (frame.type === 'signal') {
        peers.get(key({ id: frame.from, session: frame.fromSession }))?.peer.signal(frame.data);
      } else if (frame.type === 'ended') {
        this.close();
      }
    },
    self: () => self,
    peers: () => peers,
    close(): void {
      for (const k of [...peers.keys()]) drop(k);
      self = null;
      changed();
    },
  };
}
export type Mesh<P extends PeerLike> = ReturnType<typeof createMesh<P>>;
