// Runs in the browser before the portal's own client code (Next.js instrumentation-client).
// Two libraries would otherwise trip the pages' Content-Security-Policy (lib/core/security-headers.ts):
import { z } from "zod";

// zod 4 probes whether `new Function` is allowed the first time an object schema is built, to
// compile fast parsers; the policy refuses it (no 'unsafe-eval') and the browser reports a
// violation even though zod catches the error. Without the probe zod parses the same way, a little slower.
z.config({ jitless: true });

// react-remove-scroll (under Radix's dialog) inserts a <style> element and gives it
// `__webpack_nonce__`, if set. Next.js's own scripts carry this response's nonce (the attribute is
// hidden from the DOM, the property is not).
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
if (nonce) (globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = nonce;
