import { afterAll, describe, expect, it } from "vitest";
import { closeRedis, redisTransport } from "@/lib/cache/redis";
import { redisCluster } from "../support/stack";

// Every freshness test again (that file, imported here with this file's own modules), with the app's Redis
// a 3-primary Redis Cluster (REDIS_CLUSTER_NODES): views, fences, deltas, epochs and read-your-writes marks
// spread over three shards, each script on the one slot its keys share (lib/cache/keys.ts).
process.env.REDIS_CLUSTER_NODES = redisCluster().nodes;
await import("./freshness.test");

afterAll(() => closeRedis());

describe("on a Redis Cluster", () => {
  it("is the transport in use", () => expect(redisTransport()).toBe("cluster"));
});
