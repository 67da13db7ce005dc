export function moduleAbi(file: string): number | undefined;
export function findNativeModules(dir: string, name?: string): string[];
export function abiProblems(dir: string, expectedAbi: number): string[];
