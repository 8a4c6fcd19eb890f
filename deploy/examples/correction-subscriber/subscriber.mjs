// Example ARGUS correction subscriber: verifies Standard Webhooks signatures, then resends the
// rewritten prompt to an OpenAI-compatible endpoint, marking the retry with its attempt number.
// Node 18+, no dependencies. Run: ARGUS_WEBHOOK_SECRET=whsec_... node subscriber.mjs
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const SECRET = process.env.ARGUS_WEBHOOK_SECRET;
const PORT = Number(process.env.SUBSCRIBER_PORT ?? 8089);
// Only loopback by default: point this at your own gateway or model server on purpose.
const LLM_BASE_URL = (process.env.LLM_BASE_URL ?? "http://127.0.0.1:8000/v1").replace(/\/$/, "");
const LLM_API_KEY = process.env.LLM_API_KEY ?? "";
const TOLERANCE_SECONDS = 5 * 60;
const DRY_RUN = process.env.DRY_RUN === "1";

if (!SECRET?.startsWith("whsec_")) {
  console.error("set ARGUS_WEBHOOK_SECRET to the subscriber's whsec_... secret");
  process.exit(2);
}
const key = Buffer.from(SECRET.slice("whsec_".length), "base64");
const seen = new Map(); // webhook-id -> time seen; ARGUS may deliver an event more than once

/** Returns true when the headers carry a valid, fresh signature of exactly these body bytes. */
export function verify(headers, body, nowSeconds = Math.floor(Date.now() / 1000)) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", key)
    .update(`${id}.${timestamp}.`)
    .update(body)
    .digest();
  return signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",", 2);
    if (version !== "v1" || !signature) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Sends the rewritten prompt; the attempt number travels as a header and in the log. */
async function retry(event) {
  const { data } = event;
  const attempt = data.correction_attempt + 1;
  const request = data.correction_plan.rewritten_prompt;
  const failed = data.failed_dimensions.map((f) => `${f.dimension}=${f.score}`).join(", ");
  console.log(`event ${event.event_id}: ${failed}; retrying (attempt ${attempt})`);
  if (DRY_RUN) {
    console.log(JSON.stringify(request, null, 2));
    return;
  }
  // In an instrumented application, set the span attribute argus.correction.attempt = attempt
  // on the span of this call (for example in the instrumentation's request hook). ARGUS reads it
  // and sends correction.exhausted instead of another plan once max_attempts is reached.
  const response = await fetch(`${LLM_BASE_URL}/chat/completions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-argus-correction-attempt": String(attempt),
      "x-argus-correction-id": event.event_id,
      ...(LLM_API_KEY ? { authorization: `Bearer ${LLM_API_KEY}` } : {}),
    },
    body: JSON.stringify(request),
  });
  const answer = await response.json().catch(() => ({}));
  const text = answer?.choices?.[0]?.message?.content ?? `(HTTP ${response.status})`;
  console.log(`event ${event.event_id}: attempt ${attempt} answered: ${text}`);
}

function handle(event) {
  if (event.type === "correction.exhausted") {
    console.log(`event ${event.event_id}: gave up after ${event.data.correction_attempt} ` +
      `attempts on trace ${event.data.trace_id}; escalate to a person`);
    return;
  }
  if (event.type === "evaluation.failed") {
    retry(event).catch((error) => console.error(`event ${event.event_id}: retry failed`, error));
  }
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks); // verify the raw bytes, never a re-serialised object
    if (req.method !== "POST" || !verify(req.headers, body)) {
      res.writeHead(401).end();
      return;
    }
    const id = req.headers["webhook-id"];
    // Answer first: ARGUS retries on timeouts, and the work happens after the 2xx.
    res.writeHead(204).end();
    if (seen.has(id)) return;
    seen.set(id, Date.now());
    if (seen.size > 10_000) seen.delete(seen.keys().next().value); // forget the oldest
    handle(JSON.parse(body.toString("utf8")));
  });
});

server.listen(PORT, "127.0.0.1", () => {
  console.log(`correction subscriber on http://127.0.0.1:${PORT}/ -> ${LLM_BASE_URL}`);
});
