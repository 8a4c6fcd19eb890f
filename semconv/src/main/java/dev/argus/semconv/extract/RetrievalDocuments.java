package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.GenAiAttributes;
import dev.argus.semconv.model.RetrievedDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code gen_ai.retrieval.documents}. The schema defines only {@code id} and {@code score};
 * the text is an extra property whose name varies by producer ({@code content}, {@code text},
 * {@code page_content}, {@code document}). Documents without text are skipped: they give the
 * evaluator nothing to ground on.
 */
final class RetrievalDocuments {
  private static final String[] TEXT_FIELDS = {"content", "text", "page_content", "document"};

  private RetrievalDocuments() {}

  static List<RetrievedDocument> read(AttributeMap attributes) {
    JsonNode documents = attributes.json(GenAiAttributes.GEN_AI_RETRIEVAL_DOCUMENTS).node();
    if (documents == null || !documents.isArray()) {
      return List.of();
    }
    List<RetrievedDocument> out = new ArrayList<>(documents.size());
    for (JsonNode document : documents) {
      String text = Texts.wellFormed(text(document));
      if (text == null || ContentMarkers.isPlaceholder(text)) {
        continue;
      }
      JsonNode score = document.get("score");
      out.add(
          new RetrievedDocument(
              MessageReader.textOf(document.get("id"), null),
              score != null && score.isNumber() ? score.asDouble() : null,
              text));
    }
    return out;
  }

  private static String text(JsonNode document) {
    if (document.isTextual()) {
      return document.asText();
    }
    for (String field : TEXT_FIELDS) {
      String text = LenientJson.render(document.get(field));
      if (text != null && !text.isEmpty()) {
        return text;
      }
    }
    return null;
  }
}
