/** Where a child server's output goes: the caller decides (pino in the app, silence in tests). */
export type ServiceLog = (line: string) => void;

export const silent: ServiceLog = () => undefined;
