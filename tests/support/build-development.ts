// What `virtual:crossrole/build` is in unit tests (vitest.config.ts): the development build, the
// one the end-to-end tests load. A test of the store build mocks the module instead:
// `vi.mock('virtual:crossrole/build', () => ({ developmentBuild: false }))`.
export const developmentBuild = true;
