import { redisCluster } from "../support/stack";

// The rate-limit tests again, with the app's Redis a 3-primary Redis Cluster (REDIS_CLUSTER_NODES): the
// limiter's two windows of one identity share a hash tag, so its script runs on one shard.
process.env.REDIS_CLUSTER_NODES = redisCluster().nodes;
await import("./rate-limit.test");
