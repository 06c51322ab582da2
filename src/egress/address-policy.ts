/**
 * Which addresses user-supplied URLs (audio, images, callbacks) may reach: public unicast only.
 * Decided with ipaddr.js's range classification (immune to hex/octal/dword spellings, unmaps
 * ::ffff:a.b.c.d) plus the special-purpose IPv4 blocks it files under "unicast" or misses.
 * NAT64, 6to4 and Teredo prefixes are refused outright: they can embed a private IPv4 address.
 */
import { BlockList, isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** Special-purpose IPv4 blocks refused on top of ipaddr's non-unicast ranges (RFC 6890 and cloud metadata). */
const EXTRA_V4_BLOCKS: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8],
  ["100.64.0.0", 10],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["240.0.0.0", 4],
  // Alibaba Cloud's metadata service sits on an otherwise public-looking address.
  ["100.100.100.200", 32],
];

const extra = new BlockList();
for (const [net, prefix] of EXTRA_V4_BLOCKS) extra.addSubnet(net, prefix, "ipv4");

/** True for a literal IP address that is public unicast. Anything unparsable is not. */
export function isPublicAddress(address: string): boolean {
  const literal = address.replace(/^\[|\]$/g, "");
  if (isIP(literal) === 0) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(literal);
  } catch {
    return false;
  }
  if (parsed.range() !== "unicast") return false;
  if (parsed.kind() === "ipv4" && extra.check(parsed.toString(), "ipv4")) return false;
  return true;
}

/** Host names that name the machine itself or its private network, refused before any lookup. */
export function isInternalHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.endsWith(".local") ||
    host.endsWith(".internal") ||
    host.endsWith(".home.arpa") ||
    host === "metadata" ||
    !host.includes(".") && isIP(host.replace(/^\[|\]$/g, "")) === 0
  );
}
