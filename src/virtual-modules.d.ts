// Modules made by the build (see vite.config.ts).
declare module 'virtual:crossrole/builtin-profiles' {
  import type { ServiceProfile } from './core/profile.ts';
  const profiles: ServiceProfile[];
  export default profiles;
}

/** Which build this is: `npm run build` (store) or `npm run build -- --development`. */
declare module 'virtual:crossrole/build' {
  /** True only in a development build: the one that may report to loopback HTTP addresses. */
  export const developmentBuild: boolean;
}
