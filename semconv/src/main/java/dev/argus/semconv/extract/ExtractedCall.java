package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;

/**
 * A gen-AI call found in an export request, with the position of the span that carries it.
 *
 * @param resourceIndex index into {@code resource_spans}
 * @param scopeIndex index into that resource's {@code scope_spans}
 * @param spanIndex index into that scope's {@code spans}
 * @param call the extracted call
 */
public record ExtractedCall(int resourceIndex, int scopeIndex, int spanIndex, GenAiCall call) {}
