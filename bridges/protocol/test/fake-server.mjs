// A minimal bridge server in Node for supervisor tests (no Python needed).
// Behaviour by argv[2]: ok | exit-early | never-ready | bad-ready | wrong-library | silent-hello | chatty
// Like the real servers it exits at stdin EOF and when --parent-pid is no longer its parent.
import { Router } from 'zeromq';

const mode = process.argv[2] ?? 'ok';
const parentIndex = process.argv.indexOf('--parent-pid');
const parentPid = parentIndex > 0 ? Number(process.argv[parentIndex + 1]) : 0;
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
if (parentPid) setInterval(() => process.ppid !== parentPid && process.exit(0), 300).unref();

process.stderr.write(`fake server starting in mode ${mode}\n`);
if (mode === 'exit-early') {
  process.stderr.write('fatal: cannot load the library\n');
  process.exit(2);
}
if (mode === 'never-ready') {
  setInterval(() => undefined, 1000);
} else {
  const socket = new Router({ linger: 0 });
  await socket.bind('tcp://127.0.0.1:*');
  if (mode === 'chatty') process.stdout.write('Banner of a library\n{"not":"ready"}\n');
  const ready = mode === 'bad-ready' ? { ready: true, endpoint: 'udp://nowhere', protocol: 1 } : { ready: true, endpoint: socket.lastEndpoint, protocol: 1, pid: process.pid };
  process.stdout.write(JSON.stringify(ready) + '\n');
  for await (const [identity, header] of socket) {
    const request = JSON.parse(header.toString());
    if (request.type === 'hello') {
      if (mode === 'silent-hello') continue;
      const library = mode === 'wrong-library' ? 'moa' : 'river';
      await socket.send([identity, JSON.stringify({ v: 1, id: request.id, ok: true, protocol: 1, library, library_version: '0', server_version: '0', language_version: 'node' })]);
    } else if (request.type === 'shutdown') {
      await socket.send([identity, JSON.stringify({ v: 1, id: request.id, ok: true })]);
      process.exit(0);
    } else if (request.type === 'size') {
      await socket.send([identity, JSON.stringify({ v: 1, id: request.id, ok: true, bytes: 42 })]);
    } else if (request.type === '__crash') {
      process.stderr.write('about to crash: segmentation fault (simulated)\n');
      process.exit(139);
    }
  }
}
