// The task pane over HTTPS at https://localhost:3000 for Excel to load (npm start runs this next
// to the Worker). The certificate comes from office-addin-dev-certs, which creates a development CA
// and installs it as trusted the first time. Where it cannot install it (Linux without sudo; Excel
// does not run there, but a browser may), the pane is still served and the CA is left to trust by hand.
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { generateCertificates, getHttpsServerOptions } from "office-addin-dev-certs";
import { devApiOrigin } from "./lib/addin-bundle.ts";
import { devAddinPort, startAddinServer } from "./lib/addin-server.ts";

async function developmentCertificate(): Promise<{ key: string | Buffer; cert: string | Buffer }> {
  try {
    const { key, cert } = await getHttpsServerOptions();
    return { key, cert };
  } catch (error) {
    const certificateDirectory = join(homedir(), ".office-addin-dev-certs");
    if (!existsSync(join(certificateDirectory, "localhost.key"))) await generateCertificates();
    console.warn(
      `Could not install the development CA as trusted (${(error as Error).message.split("\n")[0]}); trust ${join(certificateDirectory, "ca.crt")} yourself.`,
    );
    return { key: readFileSync(join(certificateDirectory, "localhost.key")), cert: readFileSync(join(certificateDirectory, "localhost.crt")) };
  }
}

const server = await startAddinServer({
  host: "localhost",
  port: devAddinPort,
  tls: await developmentCertificate(),
  apiUrl: process.env.TIANBAO_API_URL ?? devApiOrigin,
});
console.log(`Add-in on ${server.url}/taskpane.html (manifest: ${server.url}/manifest.xml; sideload manifest.xml, see README).`);
