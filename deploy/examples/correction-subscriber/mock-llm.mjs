// A stand-in for an OpenAI-compatible chat endpoint, for trying the subscriber locally.
// Prints what it was asked and answers with a fixed text. Run: node mock-llm.mjs
import { createServer } from "node:http";

const PORT = Number(process.env.MOCK_LLM_PORT ?? 8000);

createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const request = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    const attempt = req.headers["x-argus-correction-attempt"];
    const last = request.messages?.at(-1)?.content ?? "";
    console.log(`${req.method} ${req.url} attempt=${attempt} model=${request.model}`);
    console.log(`  system: ...${request.messages?.[0]?.content?.slice(-160)}`);
    console.log(`  user:   ${last}`);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({
      id: "chatcmpl-mock",
      object: "chat.completion",
      model: request.model,
      choices: [{ index: 0, finish_reason: "stop",
        message: { role: "assistant", content: "(mock) answered from the context [doc-1]." } }],
    }));
  });
}).listen(PORT, "127.0.0.1", () => console.log(`mock LLM on http://127.0.0.1:${PORT}/v1`));
