// A notification record, as stored once in the log and sent to every recipient.

export interface Notification {
  /** Global, increasing id from the notification log. */
  id: number;
  key: string;
  command: string;
  change: Record<string, unknown> | null;
  source: string | null;
  /** ISO 8601 time the event was accepted. */
  at: string;
  title?: string;
  body?: string;
}
