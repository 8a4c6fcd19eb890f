package dev.argus.semconv.extract;

import static dev.argus.semconv.GenAiEvents.GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS;

import dev.argus.semconv.model.GenAiCall;
import java.util.ArrayList;
import java.util.List;

/**
 * The v1.37+ opt-in event {@code gen_ai.client.inference.operation.details}, as a span event or as
 * OTLP log records joined to the span: the same content attributes as on the span, always
 * structured. Producers may split input and output over two records. Metadata comes from the span,
 * content from the span first and then from the events.
 */
public final class DetailsEventExtractor implements ConventionExtractor {

  /** The value of {@link #name()}. */
  public static final String NAME = "otel.genai.details_event";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(SpanView view) {
    return view.hasEvent(GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS);
  }

  @Override
  public GenAiCall extract(SpanView view) {
    List<AttributeMap> sources = new ArrayList<>();
    sources.add(view.attributes());
    for (ContentEvent event : view.events()) {
      if (event.name().equals(GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS)) {
        sources.add(event.attributes());
      }
    }
    GenAiCall.Builder builder = GenAiCall.builder().setConvention(NAME);
    SemconvExtractor.readContent(sources).applyTo(builder);
    SemconvMetadata.read(view, builder);
    if (SemconvMetadata.usage(view.attributes()).totalTokens() == null) {
      // Usage may travel on the event instead of the span.
      for (int i = 1; i < sources.size(); i++) {
        if (SemconvMetadata.usage(sources.get(i)).totalTokens() != null) {
          builder.setUsage(SemconvMetadata.usage(sources.get(i)));
          break;
        }
      }
    }
    return builder.build();
  }
}
