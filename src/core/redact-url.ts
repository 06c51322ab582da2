/**
 * A connection URL (postgres://, redis://) without its password, for messages and logs:
 * `scheme://user:***@host…`, also when the user name is empty (`redis://:secret@host`).
 * Storage locations have their own rule (the access key is hidden too, and credentials in the
 * query): redactStorageUrl in src/storage/storage-location.ts.
 */
export function redactUrlPassword(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@]*@/, "$1:***@");
}
