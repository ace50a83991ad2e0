// Types for check.mjs (plain JavaScript: it runs while `npm ci` is still installing TypeScript).
export declare const MIN_NPM: string;
export declare function versionAtLeast(version: string, floor: string): boolean;
export declare function versionInRange(version: string, range: string): boolean;
export declare function npmVersionFromUserAgent(userAgent: string | undefined): string | null;
export declare function nodePrefix(execPath?: string): string;
export declare function headerVersion(dir: string): string | null;
export type NodeHeaders =
  | { ok: true; dir: string; nodeH: string }
  | { ok: false; dir: string; nodeH: string; reason: "version"; found: string | null; want: string }
  | { ok: false; dir: string; nodeH: string; reason: "missing"; want: string };
export declare function findNodeHeaders(options?: { nodeVersion?: string; execPath?: string; configuredNodedir?: string }): NodeHeaders;
export declare function commandWorks(command: string): boolean;
export type BuildTool = { name: "python3" | "make" | "g++"; command: string; ok: boolean };
export declare function findBuildTools(env?: Record<string, string | undefined>, works?: (command: string) => boolean): BuildTool[];
export type Problem =
  { kind: "npm"; npmVersion: string } | ({ kind: "headers" } & NodeHeaders) | { kind: "tool"; name: string; command: string };
export declare function checkNativeBuild(input?: { headers?: NodeHeaders; tools?: BuildTool[]; npmVersion?: string | null }): Problem[];
export declare function formatProblems(problems: Problem[]): string;
