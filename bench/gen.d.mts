export function term(i: number): string;
export function flatSum(n: number): string;
export function balancedSum(n: number): string;
