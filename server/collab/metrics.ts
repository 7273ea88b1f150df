// Counters for /metrics in the Prometheus text format. The collaboration
// server writes them; the admin-only /metrics route reads them.
const COMMIT_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 5000];

export class CollabMetrics {
  updatesIn = 0;
  updatesOut = 0;
  commits = 0;
  /** Merged deletions that emptied a list the schema needs, completed with an empty entry (server/collab/schema-guard.ts). */
  schemaCompletions = 0;
  readonly rejected = new Map<string, number>();
  private readonly commitBuckets = COMMIT_BUCKETS_MS.map(() => 0);
  private commitSumMs = 0;
  /** Live values, read when scraped. */
  gauges: () => { documents: number; connections: number; pendingAcks: number } = () => ({ documents: 0, connections: 0, pendingAcks: 0 });

  reject(reason: string) {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  observeCommit(ms: number) {
    this.commits++;
    this.commitSumMs += ms;
    COMMIT_BUCKETS_MS.forEach((le, i) => {
      if (ms <= le) this.commitBuckets[i]!++;
    });
  }

  toPrometheus(): string {
    const g = this.gauges();
    const lines = [
      "# HELP roundtable_collab_documents_open Collaborative documents loaded in this process.",
      "# TYPE roundtable_collab_documents_open gauge",
      `roundtable_collab_documents_open ${g.documents}`,
      "# HELP roundtable_collab_connections Open collaboration websockets.",
      "# TYPE roundtable_collab_connections gauge",
      `roundtable_collab_connections ${g.connections}`,
      "# HELP roundtable_collab_updates_in_total Document updates accepted from clients.",
      "# TYPE roundtable_collab_updates_in_total counter",
      `roundtable_collab_updates_in_total ${this.updatesIn}`,
      "# HELP roundtable_collab_updates_out_total Document update messages sent to clients.",
      "# TYPE roundtable_collab_updates_out_total counter",
      `roundtable_collab_updates_out_total ${this.updatesOut}`,
      "# HELP roundtable_collab_pending_acks Update messages accepted but not yet stored and acknowledged.",
      "# TYPE roundtable_collab_pending_acks gauge",
      `roundtable_collab_pending_acks ${g.pendingAcks}`,
      "# HELP roundtable_collab_commit_seconds Time to store one group commit.",
      "# TYPE roundtable_collab_commit_seconds histogram",
      ...COMMIT_BUCKETS_MS.map((le, i) => `roundtable_collab_commit_seconds_bucket{le="${le / 1000}"} ${this.commitBuckets[i]}`),
      `roundtable_collab_commit_seconds_bucket{le="+Inf"} ${this.commits}`,
      `roundtable_collab_commit_seconds_sum ${this.commitSumMs / 1000}`,
      `roundtable_collab_commit_seconds_count ${this.commits}`,
      "# HELP roundtable_collab_schema_completions_total Documents completed with an empty entry after merged deletions emptied a list.",
      "# TYPE roundtable_collab_schema_completions_total counter",
      `roundtable_collab_schema_completions_total ${this.schemaCompletions}`,
      "# HELP roundtable_collab_rejected_messages_total Messages refused, by reason.",
      "# TYPE roundtable_collab_rejected_messages_total counter",
      ...[...this.rejected].map(([reason, n]) => `roundtable_collab_rejected_messages_total{reason="${reason}"} ${n}`),
    ];
    return lines.join("\n") + "\n";
  }
}
