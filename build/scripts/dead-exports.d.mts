export function deadExports(files: { path: string; text: string }[], exists?: (path: string) => boolean): string[];
export function repositoryFiles(root: string): { path: string; text: string }[];
