// Replication positions. MariaDB names a transaction by its GTID "domain-server-seq"; with one primary
// (one replication domain, 0 by default) the sequence number alone orders every commit, survives a
// change of primary under gtid_strict_mode, and fits in a Redis score. So a position here is that number.

export const REPLICATION_DOMAIN = 0;

/** The sequence number of `domain` in a GTID list like "0-1-42" or "0-1-42,1-2-7"; 0 when absent. */
export function seqOf(gtidList: string | null | undefined, domain = REPLICATION_DOMAIN): number {
  if (!gtidList) return 0;
  let seq = 0;
  for (const part of gtidList.split(",")) {
    const m = /^\s*(\d+)-(\d+)-(\d+)\s*$/.exec(part);
    if (m && Number(m[1]) === domain) seq = Math.max(seq, Number(m[3]));
  }
  return seq;
}

/** A GTID that MASTER_GTID_WAIT accepts for "position `seq` in our domain" (the server id is not compared). */
export const gtidFor = (seq: number, domain = REPLICATION_DOMAIN) => `${domain}-1-${seq}`;
