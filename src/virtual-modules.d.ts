// Modules made by the build (see vite.config.ts).
declare module 'virtual:crossrole/builtin-profiles' {
  import type { ServiceProfile } from './core/profile.ts';
  const profiles: ServiceProfile[];
  export default profiles;
}
