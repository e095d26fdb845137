// swagger-ui-dist ships no types; only the helper that finds its folder is used (app/api/docs/[asset]).
declare module "swagger-ui-dist/absolute-path.js" {
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
