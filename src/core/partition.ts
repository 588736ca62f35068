// AWS partitions and the console hosts that belong to each (docs/console.md, "Hosts and partitions"). A host is
// recognised by its exact registrable suffix, so look-alikes such as
// `console.aws.amazon.com.evil.example` or `evilconsole.aws.amazon.com` are not the console.

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-eusc'] as const;
export type Partition = (typeof PARTITIONS)[number];

export const PARTITION_LABELS: Record<Partition, string> = {
  aws: 'AWS (commercial)',
  'aws-cn': 'AWS China',
  'aws-us-gov': 'AWS GovCloud (US)',
  'aws-eusc': 'AWS European Sovereign Cloud',
};

/** The console's base domain per partition. */
export const CONSOLE_DOMAINS: Record<Partition, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
  'aws-eusc': 'console.amazonaws-eusc.eu',
};

/**
 * The console hosts Crossrole must be allowed on, as permission patterns. The browser grants them
 * with the content scripts at install, but Firefox lets the customer revoke them (and Chrome's
 * "site access" can withhold them); the popup checks and asks again.
 */
export const CONSOLE_ORIGIN_PATTERNS: readonly string[] = Object.values(CONSOLE_DOMAINS).map(
  (domain) => `https://*.${domain}/*`,
);

/**
 * Whether granted origins (`permissions.getAll()`) cover every partition's console. Read from the
 * list rather than `permissions.contains`, which in Chrome ignores hosts granted through content
 * scripts. A pattern counts when its host is the console domain's wildcard or broader.
 */
export function coversConsole(granted: readonly string[]): boolean {
  return Object.values(CONSOLE_DOMAINS).every((domain) =>
    granted.some((pattern) => {
      if (pattern === '<all_urls>') return true;
      const match = /^(\*|https):\/\/([^/]+)\//.exec(pattern);
      return match?.[2] === '*' || match?.[2] === `*.${domain}`;
    }),
  );
}

/** Where a console link for the partition goes when no region is known. */
export const DEFAULT_CONSOLE_HOSTS: Record<Partition, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
  'aws-eusc': 'eusc-de-east-1.console.amazonaws-eusc.eu',
};

export function isPartition(value: unknown): value is Partition {
  return typeof value === 'string' && (PARTITIONS as readonly string[]).includes(value);
}

// A DNS label: what may stand before the console domain (region, or multi-session prefix).
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The labels before the console domain, or null when the host is not that partition's console. */
function prefixLabels(host: string, partition: Partition): string[] | null {
  const domain = CONSOLE_DOMAINS[partition];
  const h = host.toLowerCase();
  if (h === domain) return [];
  if (!h.endsWith(`.${domain}`)) return null;
  const labels = h.slice(0, -domain.length - 1).split('.');
  // At most `<account>-<id>.<region>`: deeper names are not console hosts.
  if (labels.length > 2 || !labels.every((l) => LABEL.test(l))) return null;
  return labels;
}

export function partitionFromHost(host: string): Partition | null {
  for (const partition of PARTITIONS) if (prefixLabels(host, partition)) return partition;
  return null;
}

/** The region label of a console host (`us-east-1.console.aws.amazon.com` → `us-east-1`). */
export function regionFromHost(host: string): string | null {
  for (const partition of PARTITIONS) {
    const labels = prefixLabels(host, partition);
    if (!labels) continue;
    const region = labels[labels.length - 1];
    return region && /^[a-z]{2,4}(-[a-z]+)+-\d$/.test(region) ? region : null;
  }
  return null;
}

/** The account of a multi-session host (`111122223333-abcd1234.us-east-1.console…`), if any. */
export function accountIdFromHost(host: string): string | null {
  for (const partition of PARTITIONS) {
    const labels = prefixLabels(host, partition);
    if (!labels || labels.length !== 2) continue;
    const match = /^(\d{12})-[a-z0-9]{8}$/.exec(labels[0] ?? '');
    return match?.[1] ?? null;
  }
  return null;
}
