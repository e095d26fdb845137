import { applyTestStackEnv } from "./stack-env";

applyTestStackEnv();
