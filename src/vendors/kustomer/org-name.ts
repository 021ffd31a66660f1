/** A Kustomer org name: the subdomain of its address (acme for acme.kustomerapp.com). */
const ORG_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** The longest org name: a DNS label. */
export const ORG_NAME_MAX = 63;

export function orgNameProblem(orgName: string): string | undefined {
  if (orgName.trim() === '') return 'Enter the org name: the part before .kustomerapp.com in your Kustomer address.';
  if (orgName.length > 200 || !ORG_NAME.test(orgName.trim().toLowerCase())) {
    return `"${orgName.slice(0, 80)}" is not an org name: use the subdomain of your Kustomer address (letters, digits and dashes), as in acme for acme.kustomerapp.com.`;
  }
  return undefined;
}
