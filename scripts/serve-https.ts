// The HTTPS door to the local Worker at https://localhost:3000 (npm start runs it beside wrangler dev):
// Excel loads add-ins over HTTPS only, so the pane, the page and the API are reached here on one
// origin, exactly as they are on the deployed Worker. The certificate comes from
// office-addin-dev-certs, which creates a development CA and installs it as trusted the first time.
// Where it cannot install it (Linux without sudo; Excel does not run there, but a browser may), the
// door still opens and the CA is left to trust by hand.
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { generateCertificates, getHttpsServerOptions } from "office-addin-dev-certs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:https";
import { devAddinOrigin } from "./lib/addin-bundle.ts";

/**
 * The development certificate: reused while it is valid (office-addin-dev-certs checks that it
 * exists, is not expired and is trusted); created, and said, only when it is not.
 */
async function developmentCertificate(): Promise<{ key: string | Buffer; cert: string | Buffer }> {
  const certificateDirectory = join(homedir(), ".office-addin-dev-certs");
  const existing = join(certificateDirectory, "localhost.crt");
  if (existsSync(existing) && new X509Certificate(readFileSync(existing)).validToDate > new Date()) {
    console.log(`Reusing the development certificate ${existing} (valid until ${new X509Certificate(readFileSync(existing)).validTo}).`);
    return { key: readFileSync(join(certificateDirectory, "localhost.key")), cert: readFileSync(existing) };
  }
  console.log("Creating a development certificate (the first run, or the previous one expired) …");
  // npm start found no way to trust the CA here (Linux without sudo) and said so: make the certificate, try nothing else.
  const files = () => ({ key: readFileSync(join(certificateDirectory, "localhost.key")), cert: readFileSync(join(certificateDirectory, "localhost.crt")) });
  if (process.env.TIANBAO_TRUST_CA === "skip") {
    await generateCertificates();
    return files();
  }
  try {
    const { key, cert } = await getHttpsServerOptions();
    return { key, cert };
  } catch (error) {
    if (!existsSync(join(certificateDirectory, "localhost.key"))) await generateCertificates();
    console.warn(
      `Could not install the development CA as trusted (${(error as Error).message.split("\n")[0]}); trust ${join(certificateDirectory, "ca.crt")} yourself.`,
    );
    return files();
  }
}

const port = Number(process.env.TIANBAO_HTTPS_PORT ?? new URL(devAddinOrigin).port);
const worker = new URL(process.env.TIANBAO_WORKER_URL ?? "http://127.0.0.1:8787");

// Every request goes to the Worker as it came (method, path, headers, body) and its answer comes back as it is.
const server = createServer(await developmentCertificate(), (request, response) => {
  const upstream = httpRequest(
    { hostname: worker.hostname, port: worker.port, method: request.method, path: request.url, headers: { ...request.headers, "x-forwarded-proto": "https" } },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on("error", (error) =>
    response.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" }).end(`Worker ${worker.origin} unreachable (is wrangler dev up?): ${error.message}`),
  );
  request.pipe(upstream);
});
await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "localhost", resolve));
console.log(`https://localhost:${port}/ → ${worker.origin}: the web page at /, the task pane at /taskpane, the manifest at /manifest.xml.`);
