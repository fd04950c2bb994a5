// Types for ensure-node.mjs (plain JavaScript: it runs on the machine's possibly older Node first).
export interface ChosenNode {
  node: string;
  version: string;
  nodedir: string | null;
}
export const pinnedNode: string;
export function isSupportedNode(version: string): boolean;
export function ensureNode(options?: { log?: (line: string) => void }): ChosenNode;
export function nodeEnv(chosen: Pick<ChosenNode, 'node' | 'nodedir'>, env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
