/**
 * A chosen file as the station's JSON uploads take it (`PackageUpload`, `CentreKeyImport`): base64 of its exact
 * bytes. Pure over the bytes; `fileBase64` only reads the file.
 */

/** Standard base64 (RFC 4648, with padding) of `bytes`, by chunks so that a 60 MB package does not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  }
  return btoa(binary);
}

/** The file's bytes as base64. */
export async function fileBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
