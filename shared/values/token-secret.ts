// API token secrets: `tb_` + 32 random bytes in base64url. Only the SHA-256 (hex) is stored.
// Uses WebCrypto only, so the Worker and the command line share it.
export const tokenPrefix = "tb_";
const secretBytes = 32;

export function generateTokenSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(secretBytes));
  return tokenPrefix + base64url(bytes);
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
