package dev.argus.server.security;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps the number of requests a receiver handles at once. A request beyond the cap is refused at
 * once with a retryable {@code UNAVAILABLE} (HTTP: 503), so that the sender keeps it and retries,
 * instead of piling up work and memory. Thread-safe.
 */
public final class ConcurrencyLimit {
  private final int max;
  private final Semaphore permits;
  private final LongAdder refused = new LongAdder();

  /** Creates a limit of {@code max} concurrent requests. */
  public ConcurrencyLimit(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max_concurrent_requests: " + max + " (expected: > 0)");
    }
    this.max = max;
    this.permits = new Semaphore(max);
  }

  /** Takes a permit; returns false (and counts a refusal) when the cap is reached. */
  public boolean tryAcquire() {
    if (permits.tryAcquire()) {
      return true;
    }
    refused.increment();
    return false;
  }

  /** Returns a permit taken by {@link #tryAcquire}. */
  public void release() {
    permits.release();
  }

  /** Returns the number of requests refused. */
  public long refusedCount() {
    return refused.sum();
  }

  /** Returns the message of a refusal. */
  public String refusalMessage() {
    return "too many concurrent requests (max_concurrent_requests=" + max + "); retry later";
  }

  /** Returns an interceptor that applies this limit to every gRPC call. */
  public ServerInterceptor grpcInterceptor() {
    return new ServerInterceptor() {
      @Override
      public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
          ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        if (!tryAcquire()) {
          call.close(Status.UNAVAILABLE.withDescription(refusalMessage()), new Metadata());
          return new ServerCall.Listener<>() {};
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable releaseOnce =
            () -> {
              if (released.compareAndSet(false, true)) {
                release();
              }
            };
        ServerCall<ReqT, RespT> releasing =
            new SimpleForwardingServerCall<>(call) {
              @Override
              public void close(Status status, Metadata trailers) {
                releaseOnce.run();
                super.close(status, trailers);
              }
            };
        ServerCall.Listener<ReqT> listener;
        try {
          listener = next.startCall(releasing, headers);
        } catch (RuntimeException e) {
          releaseOnce.run();
          throw e;
        }
        return new SimpleForwardingServerCallListener<>(listener) {
          @Override
          public void onCancel() {
            releaseOnce.run();
            super.onCancel();
          }
        };
      }
    };
  }
}
