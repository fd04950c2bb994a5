import { personalDataInLogs } from './backend-logs';

/**
 * After the whole run: the backend logs of every spec hold no resident's name, identifier or
 * birth date (docs/ARCHITECTURE.md, "How input is checked and what is logged"). Throwing here
 * fails the run.
 */
export default function globalTeardown(): void {
  const { lines, answered, leaks } = personalDataInLogs();
  // A run that wrote no log would pass this check without checking anything.
  if (answered === 0)
    throw new Error(
      `No backend log lines of answered requests were written (${lines} lines): the log check checked nothing.`,
    );
  if (leaks.length > 0)
    throw new Error(
      `Personal data of the demo county in the backend log (${leaks.length} lines):\n${leaks.slice(0, 10).join('\n')}`,
    );
  console.log(
    `Backend logs: ${lines} lines (${answered} answered requests), no resident's name, identifier or birth date.`,
  );
}
