import { checkHealth } from "@/lib/core/health";
import { healthAnswer } from "@/lib/core/server/health-hook";

export const dynamic = "force-dynamic";

// Under `npm start` the worker preload answers this path before Next.js (lib/core/server/health-hook.ts);
// this route answers it everywhere else (`next dev`, a bare `next start`), with the same answer.
export async function GET() {
  const { status, headers, body } = healthAnswer(await checkHealth());
  return new Response(body, { status, headers });
}
