package dev.argus.semconv.model;

/**
 * A non-text part of a message (image, audio, video, document), recorded so that it is known to
 * exist without its bytes ever reaching text scorers.
 *
 * @param kind the part type: {@code blob} (inline bytes), {@code uri} or {@code file}
 * @param modality {@code image}, {@code audio}, {@code video}, {@code document}, or null
 * @param mimeType the media type, or null
 * @param reference the URI or file id; null for inline bytes, which are not kept
 */
public record Attachment(String kind, String modality, String mimeType, String reference) {}
