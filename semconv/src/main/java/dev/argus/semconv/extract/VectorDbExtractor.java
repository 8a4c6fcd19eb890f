package dev.argus.semconv.extract;

import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Vector-store query spans of OpenLLMetry's database instrumentations (Chroma, Pinecone, Qdrant,
 * ...): one span event {@code db.query.result} per returned document with attributes {@code
 * db.query.result.document}, {@code .id} and {@code .score}. The span is a retrieval; its documents
 * become context of the model calls that follow it in the trace.
 */
public final class VectorDbExtractor implements ConventionExtractor {

  /** The value of {@link #name()}. */
  public static final String NAME = "openllmetry.vectordb";

  static final String RESULT_EVENT = "db.query.result";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(SpanView view) {
    return view.hasEvent(RESULT_EVENT);
  }

  @Override
  public GenAiCall extract(SpanView view) {
    List<RetrievedDocument> documents = new ArrayList<>();
    for (ContentEvent event : view.events()) {
      if (!event.name().equals(RESULT_EVENT)) {
        continue;
      }
      AttributeMap attributes = event.attributes();
      String text = Texts.wellFormed(attributes.string("db.query.result.document"));
      if (text != null && !ContentMarkers.isPlaceholder(text)) {
        documents.add(
            new RetrievedDocument(
                attributes.string("db.query.result.id"),
                attributes.doubleValue("db.query.result.score"),
                text));
      }
    }
    return GenAiCall.builder()
        .setConvention(NAME)
        .setOperation("retrieval")
        .setRetrievedContext(documents)
        .setPrompt(Texts.wellFormed(view.attributes().string("db.query.text")))
        .setDurationNanos(SemconvMetadata.durationNanos(view.span()))
        .setErrorType(SemconvMetadata.errorType(view.attributes(), view.span()))
        .setContentStatus(ContentStatus.NOT_CAPTURED)
        .build();
  }
}
