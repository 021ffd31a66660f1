// Deliberately pragmatic: one @, no spaces, a dot in the domain, no empty labels.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value) && value.length <= 254;
}

export function emailProblem(value: string): string | undefined {
  if (isEmail(value)) return undefined;
  return `"${value}" is not an email address: use the form name@example.com.`;
}
