// `npm run reference-service -- [--port 47615] [--token abc]`: the reference service on the
// command line, printing one line per request (never the Authorization header).
import { parseArgs } from 'node:util';
import { startReferenceService } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '47615' },
    token: { type: 'string', multiple: true },
  },
});
const service = await startReferenceService({
  port: Number(values.port),
  tokens: values.token,
  onRequest: (r) =>
    console.log(
      `${new Date(r.at).toISOString()} ${r.method} ${r.path} → ${r.status}${r.idempotencyKey ? ` (Idempotency-Key ${r.idempotencyKey})` : ''}`,
    ),
});
console.log(`Reference service listening: POST ${service.url}`);
console.log(`Onboarding page (a Crossrole link per visit): GET ${service.origin}/onboarding`);
const stop = () => void service.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
