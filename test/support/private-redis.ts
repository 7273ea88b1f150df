// A redis-server of the test's own on a free port, so stopping it (to test
// an outage) disturbs nobody else: the machine's Redis serves other work.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import net from "node:net";

export async function freePort() {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  await once(server, "close");
  return port;
}

/** A redis-server on `port`; resolves once it answers. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  child.on("error", () => {}); // reported below as "did not start"
  const deadline = Date.now() + 5000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (up) return child;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("redis-server did not start (is it installed? apt-get install redis-server)");
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function stopRedis(child: ChildProcess | null) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGKILL");
  await once(child, "exit");
}
