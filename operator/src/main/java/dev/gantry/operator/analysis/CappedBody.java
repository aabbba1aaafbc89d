package dev.gantry.operator.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The body of one HTTP answer, read into memory but never beyond a cap, so an answer's size cannot
 * decide how much heap the operator spends on it. An answer that declares a larger Content-Length
 * is refused before its first byte; one that streams past the cap (chunked) is cut off there.
 * Refusing cancels the subscription, and the JDK client then closes the connection instead of
 * draining the rest. {@link #cancel()} does the same from another thread, for a caller whose
 * deadline has passed.
 *
 * <p>Serves a single exchange: it is the handler and the subscriber it hands out.
 */
final class CappedBody
    implements HttpResponse.BodyHandler<byte[]>, HttpResponse.BodySubscriber<byte[]> {

  /** Stands for a subscription cancelled before (or instead of) the real one arriving. */
  private static final Flow.Subscription CANCELLED =
      new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      };

  private final long maxBytes;
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private volatile long declaredLength = -1;

  CappedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    declaredLength = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return this;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (!subscription.compareAndSet(null, s)) {
      s.cancel();
    } else if (declaredLength > maxBytes) {
      stop(
          new TooLargeException(
              "answer larger than "
                  + bytes(maxBytes)
                  + " (Content-Length "
                  + declaredLength
                  + ")"));
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    long size = received.size();
    for (ByteBuffer buffer : buffers) {
      size += buffer.remaining();
    }
    if (size > maxBytes) {
      stop(new TooLargeException("answer larger than " + bytes(maxBytes)));
      return;
    }
    for (ByteBuffer buffer : buffers) {
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      received.writeBytes(chunk);
    }
    subscription.get().request(1);
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(received.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  /** Stops reading, whether or not the answer has begun to arrive. */
  void cancel() {
    stop(new IOException("cancelled"));
  }

  private void stop(IOException reason) {
    Flow.Subscription s = subscription.getAndSet(CANCELLED);
    if (s != null) {
      s.cancel();
    }
    body.completeExceptionally(reason);
  }

  static String bytes(long n) {
    if (n % (1 << 20) == 0) {
      return n / (1 << 20) + " MiB";
    }
    return n % 1024 == 0 ? n / 1024 + " KiB" : n + " bytes";
  }

  /** The answer was larger than the cap; the message says so without quoting the answer. */
  static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }
}
